"""Rule families widened after fresh drafts showed what the first versions missed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from bot.core.drafts import DraftRequest, check_draft, extract_draft
from bot.core.drafts.nhs_number import contains_nhs_number, labelled_nhs_number
from bot.core.drafts.personal_data import identifying_kinds
from bot.core.models import PostCheck
from ingest.facts import extract_facts
from ingest.records import PolicyFacts, Section
from ingest.sections import parse_document

POLICY = Path(__file__).resolve().parents[2] / "knowledge" / "hra-social-media-policy.txt"


@lru_cache(maxsize=1)
def policy() -> tuple[tuple[Section, ...], PolicyFacts]:
    doc = parse_document(POLICY.read_text(encoding="utf-8"), POLICY.stem)
    return doc.sections, extract_facts(doc.sections)


def check(draft: str, question: str = "") -> PostCheck:
    sections, facts = policy()
    return check_draft(DraftRequest(draft, question), facts, sections)


def rules_of(result: PostCheck) -> set[str]:
    return {f.rule for f in result.findings}


def test_a_number_called_an_nhs_number_counts_whatever_its_check_digit() -> None:
    text = "Patient NHS no: 123 456 7890 was on the printout"
    assert not contains_nhs_number(text)  # the checksum alone would let it through
    assert labelled_nhs_number(text)
    assert not labelled_nhs_number("Order number 123 456 7890")


@pytest.mark.parametrize(
    "draft",
    [
        "Congratulations to Mrs Ahmed in bed 6, who finished her last study visit today!",
        "Lovely chat with a man on our heart study, Derek, who told me all about his surgery",
    ],
)
def test_a_named_person_in_a_study_or_ward_is_identified(draft: str) -> None:
    assert identifying_kinds(draft)


@pytest.mark.parametrize(
    "draft",
    [
        "Great to hear Professor Jones speak about trial participants at the conference",
        "Over 300 people have now joined our asthma study - thank you all!",
    ],
)
def test_people_in_general_are_not_a_patient(draft: str) -> None:
    assert not identifying_kinds(draft)


def test_asking_children_for_a_selfie_is_a_safeguarding_issue() -> None:
    result = check("Kids, post a photo of you with your model and we'll share the best!")
    assert result.verdict == "do_not_post"
    assert "children" in rules_of(result)


def test_ages_written_as_years_old_mark_children() -> None:
    result = check("Are you 9-11 years old? Comment below with your favourite science fact!")
    assert "children" in rules_of(result)


def test_a_reference_described_in_the_question_needs_the_reference_disclaimer() -> None:
    request = extract_draft(
        "Can I post this reference on LinkedIn for Ali, who worked in my team at the HRA: "
        "'Ali is thorough and kind, I recommend him warmly'"
    )
    assert request is not None
    result = check(request.draft, request.question)
    assert {f.section for f in result.findings} == {"3.4"}


def test_a_team_account_set_up_in_the_question_is_an_unofficial_channel() -> None:
    result = check(
        "Hello and welcome to our help account!",
        "can I post this on our team's new Twitter account @HRA_ApprovalsHelp, which I'm "
        "setting up now:",
    )
    assert result.verdict == "do_not_post"
    assert "official_channels" in rules_of(result)


@pytest.mark.parametrize(
    "draft",
    [
        "The government's record on social care is a scandal. Vote them out.",
        "Don't vote for any of them, they're all the same.",
    ],
)
def test_campaigning_language_is_politics(draft: str) -> None:
    assert "politics_religion" in rules_of(check(draft))


@pytest.mark.parametrize(
    "draft",
    ["@DrPatel read the guidance, it's not exactly rocket science", "Bloody hopeless, all of it"],
)
def test_talking_down_and_mild_swearing_are_abuse(draft: str) -> None:
    assert "abuse" in rules_of(check(draft))


def test_asking_children_where_they_go_to_school_is_locating_them() -> None:
    result = check("Kids! Comment where you go to school to win a class visit!")
    assert result.verdict == "do_not_post"
    assert "children" in rules_of(result)


def test_a_quoted_threat_someone_keeps_sending_is_a_report_not_a_draft() -> None:
    text = "A researcher keeps emailing me on LinkedIn threatening to 'report me to my boss'"
    assert extract_draft(text) is None
