"""Invokes no handler claims: an `adaptiveCard/action` with a verb we do not know.

Teams shows the person an error unless every Action.Execute gets an invoke response,
and the SDK answers an unrouted invoke with HTTP 501 and an empty body. An old card (a
verb since renamed) or another app's card gets a short "out of date" message instead.
"""

from __future__ import annotations

import logging

from microsoft_agents.activity import Activity, ActivityTypes, InvokeResponse
from microsoft_agents.hosting.core import TurnContext, TurnState
from microsoft_agents.hosting.core.app.adaptive_card import factory

from .texts import STALE_CARD

log = logging.getLogger(__name__)
CARD_ACTION = "adaptiveCard/action"


def is_card_action(context: TurnContext) -> bool:
    activity = context.activity
    return activity.type == ActivityTypes.invoke and activity.name == CARD_ACTION


def is_task_fetch(context: TurnContext) -> bool:
    activity = context.activity
    return activity.type == ActivityTypes.invoke and activity.name == "task/fetch"


async def answer_stale_card(context: TurnContext, _state: TurnState) -> None:
    log.info("teams: card action with an unknown verb answered as out of date")
    body = factory.message(STALE_CARD).model_dump(mode="json", by_alias=True, exclude_none=True)
    response = InvokeResponse(status=200, body=body)
    await context.send_activity(Activity(type=ActivityTypes.invoke_response, value=response))
