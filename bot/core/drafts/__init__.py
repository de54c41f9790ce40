"""Draft checks: "Can I post this?" answered rule by rule, with sections and fixes."""

from .check import check_draft, citations_for, render_post_check_text
from .detect import (
    DraftRequest,
    described_draft,
    destined_draft,
    extract_draft,
    own_draft,
    quoted_draft,
)
from .nhs_number import is_valid_nhs_number
from .quotes import quote_for

__all__ = [
    "DraftRequest",
    "check_draft",
    "citations_for",
    "described_draft",
    "destined_draft",
    "extract_draft",
    "is_valid_nhs_number",
    "own_draft",
    "quote_for",
    "quoted_draft",
    "render_post_check_text",
]
