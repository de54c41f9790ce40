"""Pure helpers over Bot Framework activities: who, where, and the `Message` they carry.

Nothing here calls the network or the database, so every rule about reading a Teams
activity (mentions, thread ids, personal vs channel) is testable on plain data.
"""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
)

from bot.core.models import Message

PLATFORM = "teams"
# Teams addresses a channel thread as "<channel id>;messageid=<root post id>".
_THREAD_MARK = ";messageid="
# The markup Teams leaves in a message's text: other people's <at> mentions, paragraphs
# and line breaks of formatted messages, pasted images. Only these tags go; "I <3
# research" stays.
_TEAMS_TAGS = re.compile(r"</?(at|p|div|span|br|b|i|strong|em|u|img)(\s[^>]*)?/?>", re.IGNORECASE)


def base_conversation_id(conversation_id: str) -> str:
    """The channel (or chat) a conversation id belongs to, without the thread suffix."""
    return conversation_id.split(_THREAD_MARK, 1)[0]


def message_text(activity: Activity) -> str:
    """The words of a message as the person typed them (the SDK has already removed the
    mention of the bot itself)."""
    text = activity.text or ""
    text = _TEAMS_TAGS.sub(lambda m: "\n" if m.group(1).lower() in ("p", "div", "br") else "", text)
    return html.unescape(text).replace("\xa0", " ").strip()


def conversation_type(activity: Activity) -> str:
    conversation = activity.conversation
    kind = (conversation.conversation_type if conversation else None) or ""
    if kind:
        return kind
    # Older payloads (and the Emulator) omit conversationType: personal unless a group.
    return "groupChat" if conversation and conversation.is_group else "personal"


def is_from_a_bot(activity: Activity) -> bool:
    """Written by a bot, this one included: the Emulator and Direct Line echo the bot's
    own messages back to it, and another bot's words are never a question."""
    sender, recipient = activity.from_property, activity.recipient
    if sender is None:
        return False
    if (sender.role or "").lower() == "bot":
        return True
    return bool(recipient and sender.id and sender.id == recipient.id)


def carries_only_files(activity: Activity) -> bool:
    """A message of files or pasted images and no words (card submits carry `value`)."""
    return bool(activity.attachments) and activity.value is None and not message_text(activity)


def is_personal(activity: Activity) -> bool:
    return conversation_type(activity) == "personal"


def channel_data(activity: Activity) -> dict[str, Any]:
    data = activity.channel_data
    return data if isinstance(data, dict) else {}


def team_id(activity: Activity) -> str | None:
    team = channel_data(activity).get("team")
    return team.get("id") if isinstance(team, dict) else None


def tenant_id(activity: Activity) -> str | None:
    if activity.conversation and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    tenant = channel_data(activity).get("tenant")
    return tenant.get("id") if isinstance(tenant, dict) else None


def user_key(account: ChannelAccount | None) -> str | None:
    """A person's stable id: the Entra object id when Teams sends one (it is the same in
    every chat and team), else the Teams user id."""
    if account is None:
        return None
    return account.aad_object_id or account.id


def same_person(account: ChannelAccount | None, key: str | None) -> bool:
    if account is None or not key:
        return False
    return key in {account.aad_object_id, account.id}


def event_key(activity: Activity) -> str:
    """The dedup key of one delivery of an activity.

    Teams activity ids are only unique within a conversation (channel post ids are
    timestamps), so the conversation goes into the key: two reports posted in different
    channels in the same millisecond must never collapse into one escalation.
    """
    conversation = activity.conversation.id if activity.conversation else ""
    digest = hashlib.sha256(conversation.encode()).hexdigest()[:16]
    return f"{activity.id or ''}@{digest}"


def thread_ref(activity: Activity) -> str | None:
    return activity.reply_to_id or activity.id


def to_message(activity: Activity, text: str, *, is_draft: bool = False) -> Message:
    sender = activity.from_property
    return Message(
        text=text,
        platform=PLATFORM,
        user_id=user_key(sender),
        user_name=sender.name if sender else None,
        channel_id=activity.conversation.id if activity.conversation else None,
        thread_ref=thread_ref(activity),
        event_id=event_key(activity),
        is_draft=is_draft,
    )


def bot_was_added(activity: Activity) -> bool:
    recipient = activity.recipient.id if activity.recipient else None
    return any(member.id == recipient for member in activity.members_added or [])


def reference_for(
    activity: Activity, *, conversation_id: str | None = None
) -> ConversationReference:
    """Where to post later: this conversation (optionally another id in it), never a reply
    to this particular activity."""
    reference = activity.get_conversation_reference()
    reference.activity_id = None
    if conversation_id and reference.conversation:
        reference.conversation = reference.conversation.model_copy(update={"id": conversation_id})
    if reference.conversation and not reference.conversation.tenant_id:
        reference.conversation.tenant_id = tenant_id(activity)
    return reference


def personal_reference(
    template: ConversationReference, conversation_id: str, user: ChannelAccount
) -> ConversationReference:
    """The reference of a 1:1 chat the bot just created with `user`."""
    tenant = template.conversation.tenant_id if template.conversation else None
    return ConversationReference(
        channel_id=template.channel_id,
        service_url=template.service_url,
        agent=template.agent,
        user=user,
        conversation=ConversationAccount(
            id=conversation_id, conversation_type="personal", tenant_id=tenant
        ),
    )
