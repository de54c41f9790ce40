"""Clicks on our cards in Teams: each Action.Execute verb and the task module, routed.

Teams shows the person an error unless every Action.Execute gets an invoke response
(PLATFORM-NOTES), so each handler is wrapped: a failure still answers, with a short
message and the comms contact, and only the error class is logged at ERROR (exception
text can carry the person's words). Report verbs are answered by `Reports` (the
reporter) and `CommsActions` (the comms team); drafts and feedback are answered here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    InvokeResponse,
)
from microsoft_agents.hosting.core import AgentApplication, RouteRank, TurnContext, TurnState
from microsoft_agents.hosting.core.app.adaptive_card import factory

from .activities import PLATFORM, to_message
from .cards import card_response
from .comms_actions import CommsActions
from .invokes import answer_stale_card, is_card_action, is_task_fetch
from .live_card import live_report_card
from .reply_cards import REFRESH_VERB, reply_card
from .reports import Reports
from .texts import FAILURE, THANKS

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


class CardActions:
    def __init__(
        self,
        *,
        services: Services,
        reports: Reports,
        team: CommsActions,
        contact_line: Callable[[], str],
    ) -> None:
        self.services = services
        self.store = services.escalations
        self.reports = reports
        self.team = team
        self.contact_line = contact_line

    def register(self, app: AgentApplication[TurnState]) -> None:
        cards = app.adaptive_card
        cards.action_execute("alert")(self._guard(self.reports.on_alert))
        cards.action_execute("report")(self._guard(self.reports.on_report_form))
        cards.action_execute("ack")(self._guard(self._ack))
        cards.action_execute("resolve")(self._guard(self._resolve))
        cards.action_execute("check_draft")(self._guard(self.on_check_draft))
        cards.action_execute("feedback")(self._guard(self.on_feedback))
        cards.action_execute(REFRESH_VERB)(self._guard(self.on_report_refresh))
        app.add_route(is_task_fetch, self.on_task_fetch, is_invoke=True)
        # Any other verb (an old card, a card from another app) still needs an invoke
        # response, or Teams shows the person an error (the SDK would answer 501).
        app.add_route(is_card_action, answer_stale_card, is_invoke=True, rank=RouteRank.LAST)

    def _guard(self, handler: Any) -> Any:
        """An Action.Execute must always get an invoke response (PLATFORM-NOTES)."""

        async def guarded(
            context: TurnContext, _state: TurnState, data: Any
        ) -> AdaptiveCardInvokeResponse:
            try:
                return await handler(context, data if isinstance(data, dict) else {})
            except Exception as exc:
                log.error("teams card action failed: %s", type(exc).__name__)
                log.debug("teams card action failed", exc_info=True)
                return factory.message(FAILURE.format(contact=self.contact_line()))

        return guarded

    async def _ack(self, context: TurnContext, data: dict[str, Any]) -> AdaptiveCardInvokeResponse:
        return await self.team.on_transition(context, data, to="acknowledged")

    async def _resolve(
        self, context: TurnContext, data: dict[str, Any]
    ) -> AdaptiveCardInvokeResponse:
        return await self.team.on_transition(context, data, to="resolved")

    async def on_report_refresh(
        self, context: TurnContext, data: dict[str, Any]
    ) -> AdaptiveCardInvokeResponse:
        return await live_report_card(self.services, context, data)

    async def on_task_fetch(self, context: TurnContext, _state: TurnState) -> None:
        """A task module request: the full text of a long report, for comms members."""
        value = context.activity.value if isinstance(context.activity.value, dict) else {}
        data = value.get("data") if isinstance(value.get("data"), dict) else {}
        try:
            body = await self.team.full_report(context, dict(data or {}))
        except Exception as exc:
            log.error("teams task module failed: %s", type(exc).__name__)
            body = {"task": {"type": "message", "value": FAILURE.format(contact="")}}
        response = InvokeResponse(status=200, body=body)
        await context.send_activity(Activity(type=ActivityTypes.invoke_response, value=response))

    async def on_check_draft(
        self, context: TurnContext, data: dict[str, Any]
    ) -> AdaptiveCardInvokeResponse:
        draft = str(data.get("draft") or "").strip()
        if not draft:
            return factory.message("Paste the draft first.")
        message = to_message(context.activity, draft, is_draft=True)
        # A draft is checked, never triaged as a report (Assistant.handle with is_draft).
        reply = await self.services.ask(message)
        return card_response(reply_card(reply, draft=draft))

    async def on_feedback(
        self, _context: TurnContext, data: dict[str, Any]
    ) -> AdaptiveCardInvokeResponse:
        helpful = bool(data.get("helpful"))
        sections = [str(s) for s in data.get("sections") or []][:5]
        question = data.get("question") if not helpful else None
        await asyncio.to_thread(
            self.store.add_feedback,
            platform=PLATFORM,
            reply_kind=str(data.get("kind") or "answer")[:20],
            sections=sections,
            helpful=helpful,
            question=str(question)[:500] if question else None,
        )
        return factory.message(THANKS)
