"""Benchmarks: widget update speed and the cost of the notebook tests.

For every interactive in ``benchmarks/cases.py`` this prints the
median time from a control change to a finished figure (PNG bytes ready), and the median
time of the naive alternative — an ``interact`` callback that builds a new Figure and
renders it the way the inline backend does (``bbox_inches="tight"``) — with their ratio.
Then it times a full strict-nbval run of ``notebooks/`` against its floor: starting a
kernel and importing the package, once per notebook.

Targets (checked by eye here, never asserted in tests): update median <= 30 ms, and at least
3x faster than the naive redraw for the nerve-tension lab.

Usage::

    python benchmarks/run.py            # everything
    python benchmarks/run.py --quick    # widgets only, fewer repeats
    python benchmarks/run.py --only posture_demo --json out.json
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/cases.py
TARGET_MS = 30.0


def _sweep(values, repeats: int) -> list:
    seq = list(values) + list(reversed(values))
    seq = (seq * repeats)[: max(len(seq) * repeats, 2)]
    return [v for i, v in enumerate(seq) if i == 0 or v != seq[i - 1]]


def bench_case(case, repeats: int) -> dict:
    """Time live updates and naive redraws for one registered interactive."""
    app = case.build_app()
    control = app.controls[case.control]
    live_ms, naive_ms = [], []
    for value in _sweep(case.values, repeats):
        if control.value == value:
            continue
        count = getattr(app, "render_count", None)
        start = time.perf_counter()
        control.value = value
        png = app.last_png
        live_ms.append((time.perf_counter() - start) * 1000)
        if count is not None and app.render_count != count + 1:
            msg = f"{case.name}: setting {case.control} did not render exactly once"
            raise RuntimeError(msg)
        if not png.startswith(b"\x89PNG"):
            msg = f"{case.name}: no PNG after the update"
            raise RuntimeError(msg)
        state = app.state()
        start = time.perf_counter()
        fig = case.naive_figure(state)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=fig.dpi, bbox_inches="tight")
        naive_ms.append((time.perf_counter() - start) * 1000)
    live, naive = statistics.median(live_ms), statistics.median(naive_ms)
    return {
        "name": case.name,
        "notebook": case.notebook,
        "updates": len(live_ms),
        "live_median_ms": round(live, 2),
        "live_p90_ms": round(sorted(live_ms)[int(0.9 * (len(live_ms) - 1))], 2),
        "naive_median_ms": round(naive, 2),
        "speedup": round(naive / live, 2),
        "meets_target": live <= TARGET_MS,
    }


def bench_nbval() -> dict:
    """Wall time of a strict nbval run of notebooks/ vs. kernel start + import per notebook."""
    from jupyter_client.manager import start_new_kernel

    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "notebooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    nbval_s = time.perf_counter() - start
    summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    floors = []
    for _ in range(3):
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        try:
            kc.execute_interactive(
                "import anatomy_helpers.widgets.quiz, anatomy_helpers.drawing.style",
                timeout=60,
                output_hook=lambda msg: None,
            )
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        floors.append(time.perf_counter() - start)
    floor = statistics.median(floors)
    return {
        "notebooks": len(notebooks),
        "nbval_wall_s": round(nbval_s, 1),
        "nbval_result": summary,
        "kernel_start_plus_import_s": round(floor, 2),
        "floor_all_notebooks_serial_s": round(floor * len(notebooks), 1),
        "overhead_ratio": round(nbval_s / (floor * len(notebooks)), 2) if notebooks else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="widgets only, 1 sweep")
    parser.add_argument("--only", action="append", help="benchmark only this case (repeatable)")
    parser.add_argument("--repeats", type=int, default=3, help="sweeps over the values")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)

    from cases import benchmark_cases

    cases = benchmark_cases()
    if args.only:
        unknown = set(args.only) - set(cases)
        if unknown:
            parser.error(f"unknown case(s) {sorted(unknown)}; cases: {', '.join(cases)}")
        cases = {k: v for k, v in cases.items() if k in args.only}
    repeats = 1 if args.quick else args.repeats
    results = {"widgets": [], "nbval": None}
    print(
        f"{'interactive':<28}{'notebook':<26}{'n':>4}{'live ms':>9}{'p90':>7}"
        f"{'naive ms':>10}{'ratio':>7}  target <= {TARGET_MS:g} ms"
    )
    for case in cases.values():
        r = bench_case(case, repeats)
        results["widgets"].append(r)
        print(
            f"{r['name']:<28}{r['notebook']:<26}{r['updates']:>4}{r['live_median_ms']:>9.1f}"
            f"{r['live_p90_ms']:>7.1f}{r['naive_median_ms']:>10.1f}{r['speedup']:>6.1f}x"
            f"  {'ok' if r['meets_target'] else 'SLOW'}",
            flush=True,
        )
    if not args.quick and not args.only:
        n = bench_nbval()
        results["nbval"] = n
        print(
            f"\nstrict nbval over {n['notebooks']} notebooks: {n['nbval_wall_s']} s "
            f"({n['nbval_result']})"
        )
        print(
            f"floor: kernel start + package import = {n['kernel_start_plus_import_s']} s per "
            f"notebook, {n['floor_all_notebooks_serial_s']} s for all (serial); "
            f"nbval / floor = {n['overhead_ratio']}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
