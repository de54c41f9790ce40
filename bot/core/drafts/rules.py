"""The draft rules, one small function per policy rule, each tied to its section.

Every rule takes a `DraftContext` and returns findings (usually none or one). Rule ids
are stable: they appear in the reply JSON and in evaluation reports.

| rule                      | section | verdict                     |
|---------------------------|---------|-----------------------------|
| patient_data              | 3.1     | do_not_post                 |
| children                  | 3.2     | do_not_post                 |
| personal_data_collection  | 3.2     | do_not_post                 |
| media                     | 3.5     | do_not_post                 |
| whistleblowing            | 3.1     | do_not_post                 |
| confidential              | 3.1     | do_not_post                 |
| abuse                     | 3.1     | do_not_post                 |
| veiled_attack             | 3.1     | do_not_post                 |
| paid_promotion            | 3.1     | do_not_post                 |
| professional_reference    | 3.4     | do_not_post                 |
| logo                      | 3.1     | do_not_post                 |
| partners                  | 3.1     | do_not_post (suppliers), review (partner bodies) |
| official_channels         | 3.6     | do_not_post (new accounts), review (video, surveys) |
| survey                    | 3.8     | review                      |
| politics_religion         | 3.1     | review (do_not_post: campaigning) |
| guest_writing             | 3.7     | review                      |
| work_contact              | 3.2.1   | review                      |
| silent_edit               | 3.1     | review                      |
| speaks_for_hra            | 3.1     | review                      |
| disclaimer                | 3.1/3.3/3.4 | review, with a corrected draft |
"""

from __future__ import annotations

from collections.abc import Callable

from .channel_rules import check_official_channels, check_survey
from .colleague_rules import check_veiled_attack
from .conduct_rules import (
    check_abuse,
    check_logo,
    check_media,
    check_politics_religion,
    check_whistleblowing,
)
from .content_rules import check_confidential, check_partners, check_patient_data
from .context import DraftContext, RuleFinding
from .disclaimer import check_disclaimer
from .gain_rules import check_guest_writing, check_paid_promotion
from .profile_rules import check_silent_edit, check_work_contact
from .quotes import quote_for
from .reference_rules import check_professional_reference
from .safeguarding_rules import check_children, check_personal_data_collection
from .voice_rules import check_speaks_for_hra

Rule = Callable[[DraftContext], list[RuleFinding]]

# Order matters only for ties: at equal verdicts, findings keep this order.
RULES: tuple[Rule, ...] = (
    check_patient_data,
    check_children,
    check_personal_data_collection,
    check_media,
    check_whistleblowing,
    check_confidential,
    check_abuse,
    check_veiled_attack,
    check_paid_promotion,
    check_professional_reference,
    check_logo,
    check_partners,
    check_official_channels,
    check_survey,
    check_politics_religion,
    check_guest_writing,
    check_work_contact,
    check_silent_edit,
    check_speaks_for_hra,
    check_disclaimer,
)


def run_rules(ctx: DraftContext, rules: tuple[Rule, ...] = RULES) -> list[RuleFinding]:
    findings: list[RuleFinding] = []
    for rule in rules:
        findings.extend(rule(ctx))
    return findings


__all__ = ["RULES", "Rule", "quote_for", "run_rules"]
