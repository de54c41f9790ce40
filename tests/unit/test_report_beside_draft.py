"""A message that is both a report and the sender's own post: the report is made, and
the post is checked too (`draft_beside_report`). A report that only quotes what someone
else said gets no check."""

from __future__ import annotations

import pytest

from bot.core.compose import draft_check_of
from bot.core.models import Message

# The sender's reply for the engagement account: it asks a teenager for personal details.
REPLY_TO_A_TEEN = (
    "reply for the work insta to a teen who commented: "
    '"thanks for getting involved! can u DM us ur email and school so we can add you?"'
)
# Words a young person wrote, not the sender's.
TEEN_COMMENT = (
    "A teen commented on our Instagram post last night: 'nobody would notice if I was "
    "gone, I can't do this anymore'. What do I do?"
)


def test_a_post_read_as_a_safeguarding_report_is_reported_and_checked(core) -> None:
    reply = core.assistant.handle(Message(text=REPLY_TO_A_TEEN))
    assert reply.kind == "escalation"
    assert reply.escalation is not None and reply.escalation.kind == "safeguarding"
    assert reply.post_check is not None and reply.post_check.verdict == "do_not_post"
    report, _, check = reply.text.partition("**Your post, checked as well:**")
    assert "07968 149916" in report  # the report's steps come first
    assert check.strip().startswith("**Do not post**")
    assert reply.citations[0].title == "Safeguarding yourself"  # the report's rule leads
    shown = draft_check_of(reply)
    assert shown is not None and shown.kind == "post_check"
    assert shown.text.startswith("**Do not post**")
    assert {c.section for c in shown.citations} == {f.section for f in reply.post_check.findings}


def test_a_report_quoting_someone_else_is_not_checked_as_a_post(core) -> None:
    reply = core.assistant.handle(Message(text=TEEN_COMMENT))
    assert reply.escalation is not None and reply.escalation.kind == "safeguarding"
    assert reply.post_check is None
    assert "checked as well" not in reply.text
    assert draft_check_of(reply) is None


def test_the_report_is_made_when_the_check_beside_it_breaks(
    core, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("draft check failed")

    monkeypatch.setattr(core.assistant.drafts, "reply", broken)
    reply = core.assistant.handle(Message(text=REPLY_TO_A_TEEN, id="m2"))
    assert reply.escalation is not None and reply.escalation.kind == "safeguarding"
    assert reply.post_check is None and reply.id == "m2"
