"""NHS numbers: find 10-digit numbers and keep only those whose check digit is valid.

The NHS number's tenth digit is a modulus-11 check digit (NHS Data Dictionary, "NHS
Number"): weight the first nine digits 10..2, sum, take 11 minus the remainder mod 11;
11 means 0 and 10 means the number is invalid. Checking it keeps order numbers and
phone-like numbers from being reported as patient identifiers (§3.1).
"""

from __future__ import annotations

import re

# 3-3-4 as printed on NHS letters, with spaces or dashes, or ten digits run together.
_CANDIDATE = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no valid check digit exists."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise ValueError("need exactly nine digits")
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(text: str) -> bool:
    """True for a valid NHS number written as 10 digits, optionally grouped 3-3-4."""
    digits = re.sub(r"[ -]", "", text.strip())
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        # Ten identical digits pass the checksum but are never issued.
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def contains_nhs_number(text: str) -> bool:
    """Whether any 10-digit number in the text is a valid NHS number.

    Returns a flag, never the number: personal data found in a draft is not kept.
    """
    return any(is_valid_nhs_number("".join(m.groups())) for m in _CANDIDATE.finditer(text))


# "NHS number 485 777 3456": the writer says it is one, so it is treated as one whatever
# its check digit (a mistyped real number still points at a real patient).
_LABELLED = re.compile(
    r"\bNHS\s*(?:number|no\.?|num\.?|#)\s*(?:is|:|=|-)?\s*(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}"
    r"(?![\d-])",
    re.IGNORECASE,
)


def labelled_nhs_number(text: str) -> bool:
    """Whether the text gives ten digits it calls an NHS number (a flag, never the value)."""
    return bool(_LABELLED.search(text))
