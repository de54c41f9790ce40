"""The words around a pasted post say whose it is (`drafts/intro.py`)."""

from __future__ import annotations

from bot.core.draft_reply import draft_to_check
from bot.core.drafts.intro import grams, introduction, load_intro, pasted_draft
from bot.core.models import Message
from bot.core.triage import Triage


def test_the_introduction_is_the_words_just_before_and_after_the_post():
    text = (
        "A reporter DMed me about my thread last week. Thinking of replying:\n\n"
        "“Thanks for getting in touch, the communications team will be happy to help.”"
        "\n\nThat's fine, isn't it?"
    )
    assert introduction(text) == ("Thinking of replying:", "That's fine, isn't it?")
    assert "before:thinking of" in grams(("Thinking of replying:", ""))
    # A short quoted phrase is asked about, not pasted; one paragraph sets nothing apart.
    assert introduction("what does 'adults at risk' mean in 3.2?") is None


def test_a_post_with_no_quote_marks_is_its_own_paragraph():
    request = pasted_draft(
        "For the WhatsApp group I run:\n\nMorning all, the slides from today's meeting "
        "are attached, have a look and tell me what you think.\n\nIs that covered?"
    )
    assert request is not None and request.draft.startswith("Morning all")
    assert request.platform_hint == "whatsapp"


def test_safeguarding_never_yields_to_a_draft_however_it_is_introduced():
    triage = Triage(escalation="safeguarding", score=0.9, draft=0.05)
    text = (
        "One of the teenagers from the advisory day commented on our post. My reply:\n\n"
        "“Hey Jay!! Which school are you at? DM me your mobile and I'll text you.”"
    )
    assert draft_to_check(text, False, triage) is None
    assert draft_to_check(text, False, triage, introduced=True) is None


def test_an_introduced_draft_under_a_harassment_reading_is_checked():
    triage = Triage(escalation="harassment", score=0.8, draft=0.05)
    text = (
        "Someone keeps having a go at me under my posts about the HRA. Thinking of replying:"
        "\n\nHonestly mate, get a life and stop tagging my work.\n\nOk to send?"
    )
    assert draft_to_check(text, False, triage, introduced=True) is not None


def test_the_shipped_intro_model_loads():
    model = load_intro()
    assert model is not None and 0.5 <= model.bar < 1.0


def test_a_genuine_safeguarding_report_quoting_a_child_is_escalated(core):
    reply = core.assistant.handle(
        Message(
            text="A 14 year old keeps messaging my personal Instagram. This came in last "
            "night:\n\n“please dont tell anyone but my stepdad hurts me and I dont want to go "
            "home, can you help me”\n\nWhat do I do?"
        )
    )
    assert reply.kind == "escalation"
    assert reply.escalation is not None and reply.escalation.kind == "safeguarding"
