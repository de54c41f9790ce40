"""Which messages carry a draft, and how the draft is split from the question."""

from __future__ import annotations

import pytest

from bot.core.drafts import extract_draft


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        ('Is this ok to post: "Lovely walk with the dog"', "Lovely walk with the dog"),
        (
            "Can I post “Happy Friday everyone, enjoy the sunshine!”",
            "Happy Friday everyone, enjoy the sunshine!",
        ),
        (
            "can I tweet this: Three hours on hold again. Fuming.",
            "Three hours on hold again. Fuming.",
        ),
        (
            "is this ok for LinkedIn?\n\nJust finished a great course on project management",
            "Just finished a great course on project management",
        ),
        (
            "Thinking of posting 'Great day at the seaside with the family'",
            "Great day at the seaside with the family",
        ),
        ("can I post this?\n```\nSo proud of the team today!\n```", "So proud of the team today!"),
        (
            "> Huge thanks to everyone who came along\n\nis that ok for twitter?",
            "Huge thanks to everyone who came along",
        ),
        (
            "Draft tweet: Loving the new combined review service",
            "Loving the new combined review service",
        ),
        (
            "Big news, I passed my exams at last!\n\nCan I post this?",
            "Big news, I passed my exams at last!",
        ),
        (
            "thinking of posting that our parkrun raised £500 for the hospice",
            "our parkrun raised £500 for the hospice",
        ),
        (
            "Quick check before I post on LinkedIn - \"After 3 years I'm stepping down. It's been a privilege.\"",
            "After 3 years I'm stepping down. It's been a privilege.",
        ),
    ],
)
def test_drafts_are_found_and_split(text: str, draft: str) -> None:
    request = extract_draft(text)
    assert request is not None
    assert request.draft == draft
    assert draft not in request.question


def test_the_quote_stays_part_of_a_longer_draft() -> None:
    request = extract_draft('Draft tweet: The HRA says "research must be open" and I agree with it')
    assert request is not None
    assert request.draft.startswith("The HRA says") and request.draft.endswith("I agree with it")


@pytest.mark.parametrize(
    "text",
    [
        "can I post about my work on LinkedIn?",
        "can I mention I work at the HRA in my bio?",
        "What should I do if a journalist contacts me about something I posted?",
        'a journalist emailed me: "Can you comment on the study your committee approved?"',
        "A reporter from the Daily Mail has just emailed me asking about a study we approved",
        'What does "adults at risk" mean in the policy?',
        # A short quoted line in a question about wording is the line asked about.
        "What's the exact wording of the disclaimer? My manager said there's a \"this is "
        "my own view\" type line but she couldn't remember it word for word",
        "do i need to put 'views my own' or whatever in my tiktok bio",
        "Where do I claim mileage?",
        "",
    ],
)
def test_questions_and_reports_are_not_drafts(text: str) -> None:
    assert extract_draft(text) is None


def test_a_draft_quoted_in_full_is_still_a_draft_when_its_disclaimer_is_asked_about() -> None:
    request = extract_draft(
        'Is this ok to post with the disclaimer? "Ten years of reviewing research: what I '
        'have learned about consent forms, in my own words (views my own)"'
    )
    assert request is not None and request.draft.startswith("Ten years of reviewing")


def test_is_draft_makes_the_whole_text_the_draft() -> None:
    request = extract_draft("Proud to work at the HRA! #research", is_draft=True)
    assert request is not None
    assert request.draft == "Proud to work at the HRA! #research"
    assert request.question == ""


def test_is_draft_unwraps_a_fenced_message() -> None:
    request = extract_draft("```\nlovely walk with the dog\n```", is_draft=True)
    assert request is not None and request.draft == "lovely walk with the dog"


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        (
            'Can I put this on my personal blog? "In this post I reflect on ten years of work"',
            "blog",
        ),
        ('is this ok for LinkedIn: "Excited to start my new role next week"', "linkedin"),
        ('can I tweet "Happy Friday everyone, enjoy it"', "twitter"),
        ('Is this ok to post: "Happy Friday everyone, enjoy it"', None),
    ],
)
def test_platform_hint(text: str, platform: str | None) -> None:
    request = extract_draft(text)
    assert request is not None and request.platform_hint == platform


@pytest.mark.parametrize(
    "text",
    [
        'subtle enough for mastodon?\n\n"Heard a colleague argue that pseudonymised data is anonymous."',
        'going on bluesky later:\n\n"Six months for an answer on one application. Shameful."',
        'reddit comment, thoughts? "the ethics review took four months and said two lines"',
        'threads: "Six months of leave over, four hundred emails waiting. Tea first."',
    ],
)
def test_a_draft_for_any_platform_the_policy_covers_is_found(text: str) -> None:
    found = extract_draft(text, is_draft=False)
    assert found is not None
    assert found.draft.startswith(("Heard", "Six", "the ethics"))


@pytest.mark.parametrize(
    "text",
    [
        "what does the policy say about mastodon?",
        'someone on reddit said "the HRA is useless" under my post, what do I do?',
    ],
)
def test_naming_a_platform_alone_makes_no_draft(text: str) -> None:
    assert extract_draft(text, is_draft=False) is None
