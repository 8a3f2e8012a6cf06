"""The Zero to JupyterHub recipe in docs/classroom.md, validated as far as possible here.

No Docker and no Kubernetes here: these tests check what can be checked without them.
repo2docker's files parse and pin every package; the ``config.yaml`` shown in the guide is
valid YAML and matches the chart's schema for every key it uses (an excerpt of the
chart's ``values.schema.yaml``, with its source, in ``tests/fixtures/``); the start pages
name notebooks that exist; the template folder exists; the Voila settings are real options
and hide what ``present`` hides.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from anatomy_helpers.tools.present import APP_HIDDEN_TAGS, VOILA_TEMPLATE
from anatomy_helpers.tools.project import project_root

yaml = pytest.importorskip("yaml")
jsonschema = pytest.importorskip("jsonschema")
requirements = pytest.importorskip("packaging.requirements")

ROOT = project_root(Path(__file__).parent)
GUIDE = ROOT / "docs" / "classroom.md"
SCHEMA = Path(__file__).parent / "fixtures" / "z2jh_values_schema_excerpt.json"
#: Where repo2docker puts the repository inside the image.
IMAGE_HOME = "/home/jovyan"


def _config() -> dict:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    recipe = [b for b in blocks if b.startswith("# config.yaml for the Zero to JupyterHub")]
    assert len(recipe) == 1, "docs/classroom.md shows one Z2JH config.yaml"
    return yaml.safe_load(recipe[0])


def _in_repo(image_path: str) -> Path:
    assert image_path.startswith(IMAGE_HOME + "/"), image_path
    return ROOT / image_path[len(IMAGE_HOME) + 1 :]


def test_runtime_txt_names_the_python_we_test():
    text = (ROOT / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", text), text
    pyproject = (ROOT / "pyproject.toml").read_text()
    minimum = re.search(r'requires-python = ">=(3\.\d+)"', pyproject).group(1)
    assert tuple(map(int, text[len("python-") :].split("."))) >= tuple(map(int, minimum.split(".")))


def test_requirements_txt_parses_and_pins_everything():
    names = set()
    for raw in (ROOT / "requirements.txt").read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line == "-e .":  # the helper package, from the repository itself
            continue
        req = requirements.Requirement(line)
        assert str(req.specifier).startswith("=="), f"not pinned: {line}"
        names.add(req.name.lower().replace("_", "-"))
    assert {"voila", "ipywidgets", "jupyterlab", "ipykernel"} <= names
    assert "-e ." in (ROOT / "requirements.txt").read_text()


def test_no_other_repo2docker_files_shadow_the_root_ones():
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert not (ROOT / "environment.yml").exists()
    post_build = ROOT / "postBuild"
    if post_build.exists():  # if one is added, it must be a script repo2docker can run
        assert post_build.read_text().startswith("#!")


def test_config_matches_the_chart_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    config = _config()
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(config), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_schema_excerpt_rejects_a_misspelt_key():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    config = _config()
    config["singleuser"]["defaultURL"] = config["singleuser"].pop("defaultUrl")
    assert list(jsonschema.Draft7Validator(schema).iter_errors(config))


def test_start_pages_open_existing_notebooks_as_the_app():
    single = _config()["singleuser"]
    urls = [single["defaultUrl"]] + [
        p["kubespawner_override"]["default_url"] for p in single["profileList"]
    ]
    assert single["defaultUrl"].startswith("/voila/render/")
    assert sum(p.get("default", False) for p in single["profileList"]) == 1
    for url in urls:
        match = re.fullmatch(r"/(?:voila/render|lab/tree)/(notebooks/\w+\.ipynb)", url)
        assert match, url
        assert (ROOT / match.group(1)).is_file(), url


def test_voila_settings_are_real_and_hide_what_present_hides():
    from voila.configuration import VoilaConfiguration

    single = _config()["singleuser"]
    templates = _in_repo(single["extraEnv"]["JUPYTER_PATH"])
    assert (templates / "voila" / "templates" / VOILA_TEMPLATE / "index.html.j2").is_file()
    files = single["extraFiles"]["anatomy-voila"]
    assert files["mountPath"].startswith("/etc/jupyter/jupyter_server_config.d/")
    assert files["mountPath"].endswith(".json")  # the chart renders `data` as JSON
    settings = files["data"]
    voila = settings["VoilaConfiguration"]
    assert set(voila) <= set(VoilaConfiguration.class_trait_names())
    assert voila["template"] == VOILA_TEMPLATE
    assert voila["strip_sources"] is True and voila["show_tracebacks"] is False
    assert set(settings["TagRemovePreprocessor"]["remove_cell_tags"]) == set(APP_HIDDEN_TAGS)


def test_culling_fits_a_twenty_minute_session():
    config = _config()
    assert config["cull"]["enabled"] is True
    assert config["cull"]["timeout"] >= 20 * 60
    kernels = config["singleuser"]["extraFiles"]["anatomy-voila"]["data"]["MappingKernelManager"]
    assert kernels["cull_idle_timeout"] >= 20 * 60
    assert config["singleuser"]["storage"]["type"] == "none"  # keeps /home/jovyan from the image
