"""Diagnostic accuracy: the cited study table, likelihood ratios and post-test probability.

The one table of test-accuracy studies for the whole collection lives in
``data/diagnostic_accuracy.csv`` (slump test, straight-leg raise and crossed SLR, the
piriformis tests, the slump knee bend and the cauda equina red flags). Where sources
disagree (the Majlesi 2008 slump specificity) each value is its own row.

Likelihood ratios and post-test probabilities are *computed* here from sensitivity and
specificity (verification ``D``), never typed into a table:

* LR+ = sensitivity / (1 - specificity)
* LR- = (1 - sensitivity) / specificity
* post-test odds = pre-test odds x LR, probability = odds / (1 + odds)

References
----------
deville2000, van_der_windt2010, majlesi2008, urban_macneil2015, mkumbuzi_pilot, capra2011,
martin2014, fishman2002, trainor2011, dionne2019.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Literal

from anatomy_helpers.tables import FieldError, Verification, table_loader
from anatomy_helpers.validation import check_choice

__all__ = [
    "TEST_RESULTS",
    "AccuracyStudy",
    "LikelihoodRatios",
    "accuracy_for_test",
    "accuracy_table_markdown",
    "accuracy_test_ids",
    "get_accuracy_row",
    "likelihood_ratio",
    "likelihood_ratios",
    "load_diagnostic_accuracy",
    "post_test_probability",
    "post_test_probability_from_test",
]

#: The two possible results of a dichotomous test.
TEST_RESULTS = ("positive", "negative")


@dataclass(frozen=True)
class AccuracyStudy:
    """One row of the diagnostic-accuracy table (one test in one study).

    Attributes
    ----------
    row_id : str
        Unique row key (``"deville2000_slr"``).
    test_id : str
        The test (``"slump"``, ``"slr"``, ``"crossed_slr"``, ``"fair"``...).
    test_label : str
        The test's name for learners.
    target_condition, population, reference_standard : str
        What the test was asked to detect, in whom, judged against what.
    n_participants : int or None
        Participants (or charts) analysed, where reported.
    sensitivity, specificity : float or None
        Point estimates (proportions 0-1); ``None`` when not reported (e.g. a range only).
    sensitivity_low, sensitivity_high, specificity_low, specificity_high : float or None
        Interval limits (proportions); meaning given by ``interval``.
    interval : {"ci95", "range", "none"}
        ``ci95`` = 95 % confidence interval; ``range`` = range of values across several
        tests or studies (no point estimate); ``none`` = no interval reported.
    lr_positive_reported, lr_negative_reported : float or None
        Likelihood ratios as the source reports them (shown beside our calculation).
    source_id : str
        Bibliography key.
    verification : {"V", "S"}
        ``V`` read in the primary source's abstract, ``S`` secondary source only.
    locator : str
        Where in the source.
    notes : str or None
        Caveats shown with the row.
    """

    row_id: str
    test_id: str
    test_label: str
    target_condition: str
    population: str
    reference_standard: str
    n_participants: int | None
    sensitivity: float | None
    sensitivity_low: float | None
    sensitivity_high: float | None
    specificity: float | None
    specificity_low: float | None
    specificity_high: float | None
    interval: Literal["ci95", "range", "none"]
    lr_positive_reported: float | None
    lr_negative_reported: float | None
    source_id: str
    verification: Verification
    locator: str
    notes: str | None = None

    def check(self) -> None:
        """Cross-field rules: proportions in [0, 1], limits ordered, interval kinds."""
        for name in ("sensitivity", "specificity"):
            self._check_estimate(name)
        if self.sensitivity is None and self.specificity is None and self.interval != "range":
            raise FieldError("sensitivity", "a row needs a sensitivity, a specificity or a range")
        for col in ("lr_positive_reported", "lr_negative_reported"):
            v = getattr(self, col)
            if v is not None and v < 0:
                raise FieldError(col, f"{v} is negative; likelihood ratios are >= 0")
        if self.n_participants is not None and self.n_participants <= 0:
            raise FieldError("n_participants", "must be a positive whole number")

    def _check_estimate(self, name: str) -> None:
        """One proportion with its interval limits."""
        value = getattr(self, name)
        low = getattr(self, f"{name}_low")
        high = getattr(self, f"{name}_high")
        for col, v in ((name, value), (f"{name}_low", low), (f"{name}_high", high)):
            if v is not None and not 0.0 <= v <= 1.0:
                raise FieldError(col, f"{v} is not a proportion between 0 and 1")
        low_col, high_col = f"{name}_low", f"{name}_high"
        if (low is None) != (high is None):
            raise FieldError(high_col, "give both interval limits or neither")
        if low is not None and high is not None and low > high:
            raise FieldError(low_col, f"lower limit {low} exceeds upper limit {high}")
        inside = value is None or low is None or low <= value <= high
        if self.interval == "ci95" and not inside:
            raise FieldError(name, f"{value} lies outside its interval {low}-{high}")
        if self.interval == "none" and low is not None:
            raise FieldError("interval", "limits are given, so interval cannot be 'none'")
        if self.interval == "range" and value is not None:
            raise FieldError(name, "a 'range' row holds limits only, no point estimate")

    @property
    def has_point_estimates(self) -> bool:
        """True when both sensitivity and specificity are reported as point values."""
        return self.sensitivity is not None and self.specificity is not None

    @property
    def label(self) -> str:
        """Short label: test, study key and (where it exists) the specificity variant."""
        return f"{self.test_label} - {self.row_id}"


load_diagnostic_accuracy = table_loader(
    "diagnostic_accuracy.csv", AccuracyStudy, key="row_id", tags="VS"
)


def accuracy_test_ids() -> tuple[str, ...]:
    """The distinct ``test_id`` values, in table order.

    Examples
    --------
    >>> "slump" in accuracy_test_ids() and "fair" in accuracy_test_ids()
    True
    """
    seen: dict[str, None] = {}
    for row in load_diagnostic_accuracy():
        seen.setdefault(row.test_id, None)
    return tuple(seen)


def accuracy_for_test(test_id: str) -> tuple[AccuracyStudy, ...]:
    """All study rows for one test, in table order.

    Parameters
    ----------
    test_id : str
        One of :func:`accuracy_test_ids` (``"slump"``, ``"slr"``, ``"crossed_slr"``,
        ``"fair"``, ``"active_piriformis"``, ...).

    Returns
    -------
    tuple of AccuracyStudy
        At least one row.

    Raises
    ------
    ValueError
        For an unknown test id (the message lists the valid ids).

    Examples
    --------
    >>> sorted({r.specificity for r in accuracy_for_test("slump") if r.source_id == "majlesi2008"})
    [0.83, 0.89]
    """
    check_choice("test_id", test_id, accuracy_test_ids(), valid="test ids")
    return tuple(r for r in load_diagnostic_accuracy() if r.test_id == test_id)


def get_accuracy_row(row_id: str) -> AccuracyStudy:
    """Return one row by its ``row_id``.

    Raises
    ------
    ValueError
        For an unknown row id (the message lists the valid ids).
    """
    rows = {r.row_id: r for r in load_diagnostic_accuracy()}
    return rows[check_choice("row_id", row_id, rows, valid="row ids")]


# -- calculations ---------------------------------------------------------------------------


def _probability(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"{name} must be a number between 0 and 1, got {type(value).__name__}"
        raise TypeError(msg)
    try:
        value = float(value)
    except OverflowError:
        value = math.inf  # an int beyond the float range: certainly not a probability
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        shown = f"{value}" if math.isfinite(value) or math.isnan(value) else "a huge number"
        msg = f"{name} = {shown} is not a probability; it must lie between 0 and 1"
        raise ValueError(msg)
    return value


def _result(result: object) -> str:
    if not isinstance(result, str) or result not in TEST_RESULTS:
        msg = f"result must be one of {', '.join(TEST_RESULTS)}; got {result!r}"
        raise ValueError(msg)
    return result


@dataclass(frozen=True)
class LikelihoodRatios:
    """Positive and negative likelihood ratios (dimensionless), calculated (``D``)."""

    positive: float
    negative: float


def likelihood_ratio(sensitivity: float, specificity: float, result: str) -> float:
    """Likelihood ratio of one test result.

    Parameters
    ----------
    sensitivity, specificity : float
        Proportions between 0 and 1.
    result : {"positive", "negative"}
        Which result's ratio.

    Returns
    -------
    float
        LR+ = sensitivity / (1 - specificity) or LR- = (1 - sensitivity) / specificity.

    Raises
    ------
    TypeError
        If a proportion is not a number.
    ValueError
        If a proportion is NaN or outside [0, 1], ``result`` is unknown, or the ratio is
        undefined (specificity 1 for LR+, specificity 0 for LR-: division by zero).

    References
    ----------
    Ratios as used for the SLR by deville2000.

    Examples
    --------
    >>> round(likelihood_ratio(0.91, 0.26, "positive"), 2)
    1.23
    """
    sens = _probability("sensitivity", sensitivity)
    spec = _probability("specificity", specificity)
    result = _result(result)
    if result == "positive":
        if spec == 1.0:
            msg = (
                "the positive likelihood ratio is undefined when specificity = 1 "
                "(sensitivity / (1 - specificity) divides by zero); use a specificity below 1"
            )
            raise ValueError(msg)
        return sens / (1.0 - spec)  # finite: 1 - spec >= 2**-53 for any float below 1
    if spec == 0.0:
        msg = (
            "the negative likelihood ratio is undefined when specificity = 0 "
            "((1 - sensitivity) / specificity divides by zero); use a specificity above 0"
        )
        raise ValueError(msg)
    ratio = (1.0 - sens) / spec
    if math.isinf(ratio):
        msg = (
            f"specificity = {spec:g} is too close to 0: the negative likelihood ratio "
            "(1 - sensitivity) / specificity is too large to represent; use a larger specificity"
        )
        raise ValueError(msg)
    return ratio


def likelihood_ratios(sensitivity: float, specificity: float) -> LikelihoodRatios:
    """Both likelihood ratios of a test.

    Parameters
    ----------
    sensitivity, specificity : float
        Proportions strictly inside (0, 1) for specificity, [0, 1] for sensitivity.

    Returns
    -------
    LikelihoodRatios
        ``positive`` (LR+) and ``negative`` (LR-).

    Raises
    ------
    ValueError
        As :func:`likelihood_ratio`; specificity 0 or 1 leaves one ratio undefined.

    References
    ----------
    deville2000 (ratios calculated from its pooled SLR estimates).

    Examples
    --------
    >>> lr = likelihood_ratios(0.84, 0.83)
    >>> round(lr.positive, 2), round(lr.negative, 2)
    (4.94, 0.19)
    """
    return LikelihoodRatios(
        positive=likelihood_ratio(sensitivity, specificity, "positive"),
        negative=likelihood_ratio(sensitivity, specificity, "negative"),
    )


def post_test_probability(pretest_probability: float, likelihood_ratio_value: float) -> float:
    """Post-test probability from a pre-test probability and a likelihood ratio.

    Parameters
    ----------
    pretest_probability : float
        Probability of the condition before the test, between 0 and 1.
    likelihood_ratio_value : float
        Likelihood ratio of the observed result, finite and >= 0.

    Returns
    -------
    float
        Probability after the test, between 0 and 1 (odds x LR converted back).

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If the probability is NaN or outside [0, 1], the ratio is NaN, negative or
        infinite, or the combination is undefined (pre-test 1 with LR 0).

    References
    ----------
    Fagan-nomogram arithmetic; illustrated with deville2000.

    Examples
    --------
    A pre-test probability of 50 % and LR+ 4 give odds 1 x 4 = 4, i.e. 80 %:

    >>> round(post_test_probability(0.5, 4.0), 3)
    0.8
    """
    p = _probability("pretest_probability", pretest_probability)
    lr = likelihood_ratio_value
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        msg = f"likelihood_ratio_value must be a number >= 0, got {type(lr).__name__}"
        raise TypeError(msg)
    try:
        lr = float(lr)
    except OverflowError:
        lr = math.inf
    if not math.isfinite(lr) or lr < 0.0:
        msg = f"likelihood_ratio_value = {lr} must be a finite number >= 0"
        raise ValueError(msg)
    return _post_test(p, lr, "likelihood_ratio_value = 0")


def _post_test(p: float, lr: float, zero_lr: str) -> float:
    """Post-test probability in a form that neither overflows nor loses the answer.

    ``p * lr / (p * lr + (1 - p))`` equals ``odds * lr / (1 + odds * lr)`` but never forms
    the odds, which overflow for ``p`` near 1 and a large ``lr``; ``zero_lr`` says, in
    the caller's words, what made the ratio 0 (for the one undefined case).
    """
    if p == 1.0 and lr == 0.0:
        msg = (
            f"post-test probability is undefined for pretest_probability = 1 with {zero_lr} "
            "(infinite odds times zero)"
        )
        raise ValueError(msg)
    weighted = p * lr
    return weighted / (weighted + (1.0 - p))


def post_test_probability_from_test(
    pretest_probability: float, sensitivity: float, specificity: float, result: str
) -> float:
    """Post-test probability after a positive or negative test result.

    Parameters
    ----------
    pretest_probability : float
        Probability before the test (0-1).
    sensitivity, specificity : float
        The test's accuracy (proportions 0-1).
    result : {"positive", "negative"}
        The observed result.

    Returns
    -------
    float
        Probability after the test (0-1).

    Raises
    ------
    ValueError
        As :func:`likelihood_ratio` and :func:`post_test_probability`.

    References
    ----------
    Majlesi 2008 values as reported secondarily (majlesi2008).

    Examples
    --------
    >>> round(post_test_probability_from_test(0.3, 0.84, 0.83, "negative"), 3)
    0.076
    """
    p = _probability("pretest_probability", pretest_probability)
    lr = likelihood_ratio(sensitivity, specificity, result)
    return _post_test(p, lr, f"a {result} result whose likelihood ratio is 0")


def _estimate_text(
    value: float | None, low: float | None, high: float | None, interval: str
) -> str:
    if value is None and low is None:
        return "not reported"
    core = "-" if value is None else f"{value:.2f}"
    if low is None:
        return core
    kind = "range" if interval == "range" else "95% CI"
    if value is None:
        return f"{low:.2f}-{high:.2f} ({kind})"
    return f"{core} ({kind} {low:.2f}-{high:.2f})"


def _table_row(r: AccuracyStudy) -> str:
    from anatomy_helpers.references import cite_link

    calc = "-"
    if r.has_point_estimates and 0 < r.specificity < 1:
        lr = likelihood_ratios(r.sensitivity, r.specificity)
        calc = f"{lr.positive:.2f} / {lr.negative:.2f}"
    reported = " / ".join(
        "-" if v is None else f"{v:g}" for v in (r.lr_positive_reported, r.lr_negative_reported)
    )
    if reported == "- / -":
        reported = "-"
    sens = _estimate_text(r.sensitivity, r.sensitivity_low, r.sensitivity_high, r.interval)
    spec = _estimate_text(r.specificity, r.specificity_low, r.specificity_high, r.interval)
    return (
        f"| {r.test_label} | {cite_link(r.source_id)} | {r.population}; "
        f"{r.reference_standard} | {sens} | {spec} | {calc} | {reported} | {r.verification} |"
    )


def accuracy_table_markdown(test_ids: tuple[str, ...]) -> str:
    """A Markdown table of the study rows for some tests, with calculated LRs.

    Sensitivity and specificity are shown as reported (with intervals), likelihood ratios
    are calculated here (``D``) and shown beside any reported by the source.

    Parameters
    ----------
    test_ids : tuple of str
        Tests to include, in order (see :func:`accuracy_test_ids`); one id may be given
        as a str.

    Returns
    -------
    str
        The table.

    Raises
    ------
    TypeError
        If ``test_ids`` is not a str or a sequence of str.
    ValueError
        For an unknown test id.
    """
    if isinstance(test_ids, str):
        test_ids = (test_ids,)
    if not isinstance(test_ids, (tuple, list)):
        msg = f"test_ids must be a tuple of test ids, got {type(test_ids).__name__}"
        raise TypeError(msg)
    lines = [
        "| Test | Study | Population / reference | Sensitivity | Specificity | LR+ / LR- "
        "(calculated) | Reported LRs | Tag |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for test_id in test_ids:
        check_choice("test_ids", test_id, accuracy_test_ids(), valid="test ids")
    lines += [_table_row(r) for test_id in test_ids for r in accuracy_for_test(test_id)]
    return "\n".join(lines)
