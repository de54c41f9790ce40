"""The NHS number's modulus-11 check digit decides what counts as an NHS number (§3.1)."""

from __future__ import annotations

import pytest

from bot.core.drafts.nhs_number import contains_nhs_number, is_valid_nhs_number, nhs_check_digit


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_valid_numbers_pass_with_spaces_or_dashes(number: str) -> None:
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "9434765918",  # wrong check digit
        "943 476 5910",
        "1234567890",  # remainder 1: check digit would be 10, never issued
        "0000000000",  # passes the sum but is not a real number
        "94347659",  # too short
        "94347659190",  # too long
    ],
)
def test_invalid_numbers_fail(number: str) -> None:
    assert not is_valid_nhs_number(number)


def test_check_digit_eleven_becomes_zero() -> None:
    # 1*10 + 6*2 = 22, 22 % 11 = 0, 11 - 0 = 11, written as 0.
    assert nhs_check_digit("100000006") == 0
    assert is_valid_nhs_number("100 000 0060")


def test_remainder_one_has_no_valid_check_digit() -> None:
    assert nhs_check_digit("123456789") is None


def test_contains_finds_only_valid_numbers_in_text() -> None:
    assert contains_nhs_number("Patient letter, NHS no. 943-476-5919, found in car park")
    assert not contains_nhs_number("Order number 1234567890 still hasn't arrived")
    assert not contains_nhs_number("Call 07968 149916 out of hours")
