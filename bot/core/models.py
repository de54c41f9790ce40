"""Records that cross layers: what comes in (`Message`), what goes out (`Reply`).

`Reply` and its parts follow the JSON reply contract in DESIGN.md exactly; adapters
(CLI, Slack, Teams) render a `Reply` and never build one themselves.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

ReplyKind = Literal["answer", "post_check", "escalation", "not_covered", "help"]
EscalationKind = Literal["media", "safeguarding", "harassment"]
Verdict = Literal["ok", "review", "do_not_post"]


class Message(BaseModel):
    """One message from a person, whatever surface it came through."""

    text: str
    id: str | None = None
    platform: str = "cli"
    user_id: str | None = None
    user_name: str | None = None
    channel_id: str | None = None
    thread_ref: str | None = None
    # The platform's event id: the idempotency key for anything the message causes.
    event_id: str | None = None
    # True when the surface says the text is a draft (Slack message shortcut, `/policy check`).
    is_draft: bool = False
    received_at: datetime | None = None


class Citation(BaseModel):
    section: str
    title: str
    quote: str
    document: str | None = Field(default=None, exclude=True)


class Contact(BaseModel):
    """A way to reach the communications team, with when it is the right one."""

    kind: Literal["email", "phone"]
    value: str
    use: str  # e.g. "business hours", "out of hours"
    section: str | None = None
    now: bool = False  # the one to use at the time of the reply
    # When this contact applies, as configured ("Mon–Fri 09:00–17:00"): cards that stay in
    # a chat name the hours, never "now", which is wrong by the next day.
    hours: str | None = None


class EscalationInfo(BaseModel):
    kind: EscalationKind
    route: str = "communications team"
    contacts: list[Contact] = Field(default_factory=list)
    urgent: bool = True


class ReportAction(BaseModel):
    """The one-tap "this is happening now, tell the comms team" action under an answer:
    offered when the message may be a report, and under every answer that quotes the
    policy's reporting rules, so no answer about reporting is a dead end."""

    kind: EscalationKind
    label: str = "Is this happening to you? Tell the comms team"
    contacts: list[Contact] = Field(default_factory=list)


class Finding(BaseModel):
    rule: str
    section: str
    explanation: str
    fix: str


class PostCheck(BaseModel):
    verdict: Verdict
    findings: list[Finding] = Field(default_factory=list)
    corrected_draft: str | None = None


class Reply(BaseModel):
    id: str | None = None
    kind: ReplyKind
    text: str
    citations: list[Citation] = Field(default_factory=list)
    escalation: EscalationInfo | None = None
    post_check: PostCheck | None = None
    report_action: ReportAction | None = None
    # "<provider:model>" when a generated summary leads `text` (checked against the
    # quotes), else None. The summary alone rides along for renderers, not in the JSON.
    phrased_by: str | None = None
    summary: str | None = Field(default=None, exclude=True)

    def to_json(self) -> str:
        return self.model_dump_json()
