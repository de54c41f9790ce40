"""Teams messages through the inbox: the activity is durable before triage or a reply.

The key is the delivery's own (`event_key`: the activity id within its conversation),
so the Bot Connector's redelivery and a second replica find the same row. The row keeps
the activity, so a replica that takes it over can answer in the same conversation.
"""

from __future__ import annotations

from datetime import UTC, datetime

from microsoft_agents.activity import Activity
from sqlalchemy.exc import SQLAlchemyError

from bot.escalation.inbox import Inbound, InboxItem

from .activities import PLATFORM, event_key

# Database errors while working on a message: apologise, and let the inbox retry it.
RETRY_ON: tuple[type[Exception], ...] = (SQLAlchemyError, TimeoutError)
SPOOLED = (
    "I can't look at your message just now, but it is saved and I'll answer it as soon as "
    "I can. If you are reporting something urgent, don't wait for me: {contact}"
)
DOWN = (
    "I can't take your message in just now. If you are reporting something urgent, don't "
    "wait for me: {contact}"
)


def entry_of(activity: Activity, text: str) -> Inbound:
    when = activity.timestamp or datetime.now(UTC)
    return Inbound(
        platform=PLATFORM,
        message_key=event_key(activity),
        event_id=activity.id,
        payload={
            "activity": activity.model_dump(mode="json", by_alias=True, exclude_none=True),
            "text": text,
        },
        received_at=when if when.tzinfo else when.replace(tzinfo=UTC),
    )


def source_of(item: InboxItem) -> tuple[Activity, str]:
    return Activity.model_validate(item.payload["activity"]), str(item.payload["text"])
