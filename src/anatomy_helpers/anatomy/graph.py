"""Queries on the nerve graph: nodes, paths from the roots, territories, muscles, landmarks.

References
----------
hanna2015 (tibial part L4-S3, common fibular part L4-S2), engstrom_deyo2015 (root signs),
dartmouth_humananatomy, statpearls_foot_nerves, wvu_tibial_page (territories, muscles)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from functools import cache

from anatomy_helpers.anatomy.data import (
    NODE_KINDS,
    ROOT_SIGN_FINDINGS,
    AnatomyEdge,
    AnatomyNode,
    Landmark,
    MuscleSupply,
    RootSign,
    Territory,
    load_edges,
    load_landmarks,
    load_muscles,
    load_nodes,
    load_root_signs,
    load_territories,
)
from anatomy_helpers.regions import body_region_ids
from anatomy_helpers.validation import check_choice

__all__ = [
    "branches_supplying_muscle",
    "branches_supplying_region",
    "children_of",
    "descendants_of",
    "divisions_of",
    "get_node",
    "landmarks_for",
    "muscle_names",
    "muscles_of",
    "node_ids",
    "path_from_root",
    "root_ids",
    "root_signs",
    "roots_of",
    "territory_of",
]

#: The roots with a row in Harrison's root-sign table.
SIGN_ROOTS = ("L4", "L5", "S1")


@cache
def _nodes() -> Mapping[str, AnatomyNode]:
    return {n.node_id: n for n in load_nodes()}


def node_ids(*, kind: str | None = None, sciatic_only: bool = False) -> tuple[str, ...]:
    """Node ids in table order, optionally of one ``kind`` or only sciatic-system nodes.

    Parameters
    ----------
    kind : {"root", "plexus", "nerve", "branch", "neighbour"}, optional
        Only nodes of this kind.
    sciatic_only : bool, default False
        Leave out neighbours (such as the saphenous nerve).

    Returns
    -------
    tuple of str
        Node ids.

    Examples
    --------
    >>> node_ids(kind="root")
    ('L4', 'L5', 'S1', 'S2', 'S3')
    """
    if kind is not None:
        check_choice("kind", kind, NODE_KINDS, valid="node kinds")
    return tuple(
        n.node_id
        for n in load_nodes()
        if (kind is None or n.kind == kind) and (n.sciatic_system or not sciatic_only)
    )


def root_ids() -> tuple[str, ...]:
    """The roots of the sciatic nerve, L4 to S3."""
    return node_ids(kind="root")


def get_node(node_id: str) -> AnatomyNode:
    """Return one node.

    Parameters
    ----------
    node_id : str
        One of :func:`node_ids`.

    Returns
    -------
    AnatomyNode
        The node.

    Raises
    ------
    TypeError
        If ``node_id`` is not a str.
    ValueError
        For an unknown id (the message lists the valid ids).
    """
    nodes = _nodes()
    return nodes[check_choice("node_id", node_id, nodes, valid="nodes")]


@cache
def _children() -> Mapping[str, tuple[AnatomyEdge, ...]]:
    out: dict[str, list[AnatomyEdge]] = {n: [] for n in _nodes()}
    for edge in load_edges():
        out[edge.parent].append(edge)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _parents() -> Mapping[str, tuple[AnatomyEdge, ...]]:
    out: dict[str, list[AnatomyEdge]] = {n: [] for n in _nodes()}
    for edge in load_edges():
        out[edge.child].append(edge)
    return {k: tuple(v) for k, v in out.items()}


def children_of(node_id: str) -> tuple[str, ...]:
    """Direct children (branches) of a node."""
    get_node(node_id)
    return tuple(e.child for e in _children()[node_id])


def _walk(start: list[str], step) -> tuple[str, ...]:
    """Breadth-first walk from ``start``; ``step(node)`` gives the next nodes."""
    seen: dict[str, None] = {}
    queue = deque(start)
    while queue:
        nid = queue.popleft()
        if nid not in seen:
            seen[nid] = None
            queue.extend(step(nid))
    return tuple(seen)


def descendants_of(node_id: str) -> tuple[str, ...]:
    """Every node downstream of ``node_id`` (breadth first, without ``node_id``)."""
    return _walk(list(children_of(node_id)), children_of)


def _ancestors(node_id: str) -> tuple[str, ...]:
    def parents(nid: str) -> list[str]:
        return [e.parent for e in _parents()[nid]]

    return _walk(parents(node_id), parents)


def divisions_of(node_id: str) -> frozenset[str]:
    """The divisions (``tibial``, ``common_fibular``) whose fibres a node carries."""
    node = get_node(node_id)
    if node.division == "both":
        return frozenset(("tibial", "common_fibular"))
    if node.division == "none":
        return frozenset()
    return frozenset((node.division,))


def roots_of(node_id: str) -> tuple[str, ...]:
    """The roots whose fibres reach a node (via the division(s) it carries).

    Parameters
    ----------
    node_id : str
        Any node id (a root returns itself).

    Returns
    -------
    tuple of str
        Root ids in order; empty for neighbours that are not sciatic.

    Examples
    --------
    >>> roots_of("tibial")
    ('L4', 'L5', 'S1', 'S2', 'S3')
    >>> roots_of("deep_fibular")
    ('L4', 'L5', 'S1', 'S2')

    References
    ----------
    hanna2015 (tibial part L4-S3, common fibular part L4-S2)
    """
    node = get_node(node_id)
    if node.kind == "root":
        return (node_id,)
    if not node.sciatic_system:
        return ()
    wanted = divisions_of(node_id)
    return tuple(
        root for root in root_ids() if wanted & {d for e in _children()[root] for d in e.divisions}
    )


def _check_reachable(root: str, target: str) -> None:
    check_choice("root", root, root_ids(), valid="roots")
    node = get_node(check_choice("target", target, _nodes(), valid="targets"))
    if not node.sciatic_system:
        msg = (
            f"target {target!r} ({node.label}) is not part of the sciatic system; "
            f"valid targets: {', '.join(node_ids(sciatic_only=True))}"
        )
        raise ValueError(msg)
    if root not in roots_of(target):
        msg = (
            f"{root} fibres do not reach {target!r}: it carries the "
            f"{' and '.join(sorted(divisions_of(target)))} division, which comes from "
            f"{', '.join(roots_of(target))}"
        )
        raise ValueError(msg)


def path_from_root(root: str, target: str) -> tuple[str, ...]:
    """The chain of nodes from a root to a nerve or branch.

    Parameters
    ----------
    root : str
        One of :func:`root_ids`.
    target : str
        A sciatic-system node id.

    Returns
    -------
    tuple of str
        ``(root, "lumbosacral_plexus", "sciatic", ..., target)``.

    Raises
    ------
    ValueError
        For an unknown root or node, a target outside the sciatic system, or a root whose
        fibres do not reach the target (S3 does not join the common fibular part).

    Examples
    --------
    >>> path_from_root("L5", "deep_fibular")
    ('L5', 'lumbosacral_plexus', 'sciatic', 'common_fibular', 'deep_fibular')
    """
    _check_reachable(root, target)
    wanted = divisions_of(target)
    previous: dict[str, str | None] = {root: None}
    queue = deque([root])
    while queue:
        nid = queue.popleft()
        if nid == target:
            break
        for edge in _children()[nid]:
            if edge.child not in previous and set(edge.divisions) & wanted:
                previous[edge.child] = nid
                queue.append(edge.child)
    chain = [target]
    while previous[chain[-1]] is not None:
        chain.append(previous[chain[-1]])  # type: ignore[arg-type]
    return tuple(reversed(chain))


def root_signs(root: str, finding: str | None = None) -> tuple[RootSign, ...]:
    """Harrison's root signs for L4, L5 or S1, optionally of one finding kind.

    Raises
    ------
    ValueError
        For a root without a row (S2, S3) or an unknown finding kind.
    """
    if root not in SIGN_ROOTS:
        msg = f"root signs are tabulated for {', '.join(SIGN_ROOTS)} only; got root={root!r}"
        raise ValueError(msg)
    if finding is not None:
        check_choice("finding", finding, ROOT_SIGN_FINDINGS, valid="finding kinds")
    return tuple(
        s for s in load_root_signs() if s.root == root and (finding is None or s.finding == finding)
    )


def territory_of(node_id: str, *, include_branches: bool = True) -> tuple[Territory, ...]:
    """Skin territory rows of a node (and, by default, of all its branches).

    For a root this is its dermatome from the root-sign table, returned as
    :class:`Territory` rows built from :class:`RootSign` (``extent="main"``).
    """
    node = get_node(node_id)
    if node.kind == "root":
        return tuple(
            Territory(
                s.root, s.value, "main", s.label, s.notes, s.source_id, s.verification, s.locator
            )
            for s in load_root_signs()
            if s.root == node_id and s.finding == "sensory"
        )
    ids = {node_id, *(descendants_of(node_id) if include_branches else ())}
    return tuple(t for t in load_territories() if t.nerve_id in ids)


def muscles_of(node_id: str, *, include_branches: bool = True) -> tuple[MuscleSupply, ...]:
    """Motor targets of a nerve (and, by default, of its branches)."""
    get_node(node_id)
    ids = {node_id, *(descendants_of(node_id) if include_branches else ())}
    return tuple(m for m in load_muscles() if m.nerve_id in ids)


def muscle_names() -> tuple[str, ...]:
    """Every muscle named in the muscle table (sorted)."""
    return tuple(sorted({m.muscle for m in load_muscles()}))


def branches_supplying_region(region_id: str, *, sciatic_only: bool = False) -> tuple[str, ...]:
    """Nerves whose own skin territory includes a shared region.

    Parameters
    ----------
    region_id : str
        A shared region id (:func:`anatomy_helpers.regions.body_region_ids`).
    sciatic_only : bool, default False
        Leave out neighbours such as the saphenous nerve.

    Returns
    -------
    tuple of str
        Nerve ids in table order (may be empty, e.g. for ``"lower_back"``).

    Raises
    ------
    ValueError
        For an unknown region (the message lists the valid ids).

    Examples
    --------
    >>> branches_supplying_region("first_web_space")
    ('deep_fibular',)
    >>> branches_supplying_region("medial_leg")
    ('saphenous',)
    """
    check_choice("region_id", region_id, body_region_ids(), valid="regions")
    out: dict[str, None] = {}
    for t in load_territories():
        if t.region_id == region_id and (get_node(t.nerve_id).sciatic_system or not sciatic_only):
            out.setdefault(t.nerve_id, None)
    return tuple(out)


def branches_supplying_muscle(muscle: str) -> tuple[str, ...]:
    """Nerves listed as supplying a muscle (case-insensitive name).

    Raises
    ------
    TypeError
        If ``muscle`` is not a str.
    ValueError
        For an unknown muscle (the message lists the muscles).

    Examples
    --------
    >>> branches_supplying_muscle("Extensor hallucis longus")
    ('deep_fibular',)
    """
    if not isinstance(muscle, str):
        msg = f"muscle must be a string, got {type(muscle).__name__}"
        raise TypeError(msg)
    names = {n.lower(): n for n in muscle_names()}
    key = muscle.strip().lower()
    if key not in names:
        msg = f"unknown muscle {muscle!r}; valid muscles: {', '.join(muscle_names())}"
        raise ValueError(msg)
    return tuple(dict.fromkeys(m.nerve_id for m in load_muscles() if m.muscle == names[key]))


def landmarks_for(node_id: str) -> tuple[Landmark, ...]:
    """Landmarks related to a node or to any node on its course from the plexus."""
    node = get_node(node_id)
    if node.kind == "root":
        related = {"sciatic", *descendants_of("sciatic")}
    else:
        related = {node_id, *_ancestors(node_id)}
    return tuple(lm for lm in load_landmarks() if related & set(lm.node_ids))
