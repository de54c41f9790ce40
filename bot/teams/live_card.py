"""A report card that stays right: the answer to its Adaptive Card `refresh`.

The card in the reporter's chat names each contact's hours, because it is read again
the next day. Teams asks for it again each time the reporter views it (the card's
`refresh`, see `reply_cards.with_refresh`); the card sent back is built as of that
moment, so it may say which contact to use now. Only the reporter gets it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, cast

from microsoft_agents.activity import AdaptiveCardInvokeResponse
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app.adaptive_card import factory

from bot.core.layout import ReportState
from bot.core.models import EscalationKind
from bot.escalation.outbox import HELD

from .activities import same_person
from .cards import card_response
from .reply_cards import reply_card, with_refresh
from .reports import in_channel
from .texts import NOT_FOUND

if TYPE_CHECKING:
    from bot.services import Services


async def live_report_card(
    services: Services, context: TurnContext, data: dict[str, Any]
) -> AdaptiveCardInvokeResponse:
    try:
        escalation_id = int(data.get("escalation") or 0)
    except (TypeError, ValueError):
        escalation_id = 0
    view = await asyncio.to_thread(services.escalations.get, escalation_id)
    viewer = context.activity.from_property
    if view is None or not same_person(viewer, view.reporter_user_id):
        return factory.message(NOT_FOUND)
    form = bool(data.get("form"))
    state = ReportState(
        view.id,
        sent=view.status != HELD,
        from_channel=in_channel(view.source_channel),
        words=view.words if form else None,
        live=True,
    )
    reply = await asyncio.to_thread(
        services.assistant.report_reply, cast(EscalationKind, view.kind)
    )
    content = reply_card(reply, report=state)
    return card_response(with_refresh(content, view.id, viewer.id if viewer else None, form=form))
