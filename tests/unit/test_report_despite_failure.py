"""Whatever breaks after triage, a report is still a report: the reply is the report's,
so the surface files it. A question whose answer breaks still fails loudly (the
surface apologises with a contact)."""

from __future__ import annotations

import pytest

from bot.core.models import Message

MEDIA = "A reporter from the Evening Standard just rang my mobile asking about the trial's data"
CONCERN = "A young person in our online panel told me an adult has been asking to meet them alone"


def broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("draft check failed")


def test_a_report_survives_a_broken_draft_check(core, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core.assistant.drafts, "introduced", broken)
    reply = core.assistant.handle(Message(text=MEDIA, id="m1"))
    assert reply.kind == "escalation"
    assert reply.escalation is not None and reply.escalation.kind == "media"
    assert reply.id == "m1"
    assert "communications@hra.nhs.uk" in reply.text


def test_a_safeguarding_report_survives_when_its_rule_cannot_be_found(
    core, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core.assistant.report_rules, "rule", broken)
    reply = core.assistant.handle(Message(text=CONCERN))
    assert reply.kind == "escalation"
    assert reply.escalation is not None and reply.escalation.kind == "safeguarding"
    assert reply.citations == []  # the quote could not be found; the report is still made


def test_a_question_whose_answer_breaks_still_fails(core, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core.assistant.drafts, "introduced", broken)
    with pytest.raises(RuntimeError):
        core.assistant.handle(Message(text="can I use the HRA logo on my personal twitter?"))


def test_when_triage_breaks_on_the_second_reading_the_first_failure_is_raised(
    core, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = core.assistant.triage.read
    calls: list[str] = []

    def once(text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        if len(calls) > 1:
            raise OSError("triage failed")
        return real(text)

    monkeypatch.setattr(core.assistant.triage, "read", once)
    monkeypatch.setattr(core.assistant.drafts, "introduced", broken)
    with pytest.raises(RuntimeError, match="draft check failed"):
        core.assistant.handle(Message(text=MEDIA))
