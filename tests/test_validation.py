"""The shared argument checks behind every public function's error messages."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anatomy_helpers.validation import check_choice, check_real, check_whole_number


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (True, TypeError, "angle_deg must be a number of degrees, got bool"),
        ("30", TypeError, "angle_deg must be a number of degrees, got str"),
        (
            math.nan,
            ValueError,
            r"angle_deg = nan is not a finite number; allowed range 0 to 90 degrees",
        ),
        (-1, ValueError, "angle_deg = -1 is outside its range 0 to 90 degrees"),
        (90.5, ValueError, r"angle_deg = 90\.5 is outside its range 0 to 90 degrees"),
    ],
)
def test_check_real_messages_name_parameter_value_and_range(value, error, message):
    with pytest.raises(error, match=message):
        check_real("angle_deg", value, 0, 90, unit="degrees")


def test_one_sided_and_labelled_ranges():
    with pytest.raises(ValueError, match=r"^dose_mm \(nerve\) = -2 must be at least 0 mm$"):
        check_real("dose_mm", -2, 0, unit="mm", what="nerve")
    assert check_real("x", 1e300) == 1e300


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=90))
def test_values_in_range_come_back_unchanged(x):
    assert check_real("angle_deg", x, 0, 90) == x


def test_whole_numbers():
    assert check_whole_number("sets", 3.0, 1, 5) == 3
    with pytest.raises(TypeError, match="sets must be a whole number from 1 to 5, got str"):
        check_whole_number("sets", "3", 1, 5)
    with pytest.raises(ValueError, match=r"sets = 2\.5 must be a whole number from 1 to 5"):
        check_whole_number("sets", 2.5, 1, 5)
    with pytest.raises(ValueError, match="sets = 6 is outside its range 1 to 5"):
        check_whole_number("sets", 6, 1, 5)


def test_numbers_beyond_the_float_range_are_values_out_of_range_not_overflow():
    with pytest.raises(ValueError, match="x_mm is too large to be a number here"):
        check_real("x_mm", 10**400, 0, 10)
    with pytest.raises(ValueError, match="sets = a number of about 401 digits is outside"):
        check_whole_number("sets", 10**400, 1, 5)
    with pytest.raises(ValueError, match="sets = -7 is outside"):
        check_whole_number("sets", -7, 1, 5)


def test_check_choice_names_the_parameter():
    assert check_choice("side", "left", ("left", "right")) == "left"
    with pytest.raises(TypeError, match="side must be a str"):
        check_choice("side", None, ("left", "right"))
    with pytest.raises(ValueError, match="unknown side 'up'; valid side values: left, right"):
        check_choice("side", "up", ("left", "right"))
