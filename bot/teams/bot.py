"""The Teams turn handlers: one `Assistant.handle` per message, rendered as a card.

Routes are registered on the SDK's `AgentApplication`; each handler catches its own
failures so a person always gets a short reply with the comms contact (the SDK's
default error path would log the exception text and post it into the chat).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    InvokeResponse,
)
from microsoft_agents.hosting.core import AgentApplication, RouteRank, TurnContext, TurnState
from microsoft_agents.hosting.core.app.adaptive_card import factory

from bot.core import compose
from bot.escalation.inbox import InboxItem
from bot.escalation.intake import Outcome

from . import connector as conn
from . import inbound
from .activities import (
    PLATFORM,
    base_conversation_id,
    bot_was_added,
    carries_only_files,
    conversation_type,
    event_key,
    is_from_a_bot,
    is_personal,
    message_text,
    reference_for,
    team_id,
    to_message,
    user_key,
)
from .cards import (
    DRAFT_PROMPTS,
    REPORT_PROMPTS,
    card_activity,
    card_response,
    draft_form_card,
    note,
    report_form_card,
    welcome_card,
)
from .comms_actions import CommsActions
from .invokes import answer_stale_card, is_card_action, is_task_fetch
from .live_card import live_report_card
from .references import CommsChannel, ConversationRefs, user_ref_key
from .reply_cards import REFRESH_VERB, reply_card, summary_of
from .reports import Reports
from .texts import (
    COMMS_HELLO,
    FAILURE,
    FALLBACK_CONTACT,
    FILES_ONLY,
    GROUP_CHAT,
    THANKS,
)

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


class TeamsBot:
    def __init__(
        self,
        *,
        services: Services,
        refs: ConversationRefs,
        comms: CommsChannel,
        proactive: conn.Proactive,
    ) -> None:
        self.services = services
        self.store = services.escalations
        self.refs = refs
        self.comms = comms
        self.proactive = proactive
        self.reports = Reports(services=services, refs=refs, contact_line=self.contact_line)
        self.team = CommsActions(services=services, refs=refs, comms=comms, proactive=proactive)

    def register(self, app: AgentApplication[TurnState]) -> None:
        app.activity(ActivityTypes.message)(self.on_message)
        app.activity(ActivityTypes.conversation_update)(self.on_conversation_update)
        app.activity(ActivityTypes.installation_update)(self.on_installation_update)
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
        # Everything else (typing, reactions, unknown events) is ignored quietly; the SDK
        # would otherwise log unrouted activities with their text.
        app.add_route(lambda _context: True, self._ignore, rank=RouteRank.LAST)

    # --- messages --------------------------------------------------------------------
    async def on_message(self, context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        if is_from_a_bot(activity):
            return  # never answer a bot, this one included
        text = message_text(activity)
        if not is_personal(activity) and not activity.is_recipient_mentioned():
            return  # channel chatter the bot was not asked about
        files_only = carries_only_files(activity)
        if not text and not files_only:
            return  # card submits without text (old cards); nothing to answer
        group_chat = conversation_type(activity) == "groupChat"
        if group_chat or files_only:
            # Nothing to answer here: one line pointing to the right place, nothing stored.
            await self.send(context, note(GROUP_CHAT if group_chat else FILES_ONLY))
            return
        intake = self.services.ensure_intake()
        # Inbox first: durable (and deduplicated) before triage or any reply.
        accepted = await intake.accept(inbound.entry_of(activity, text))
        if accepted.outcome is Outcome.DUPLICATE or accepted.outcome is Outcome.HANDED_OFF:
            return  # already handled, or left for another replica (this one is stopping)
        if accepted.item is None:  # spooled, or not kept at all
            await self._contact_note(context, kept=accepted.kept)
            if not accepted.kept:
                # Not 2xx, so the Bot Connector delivers it again.
                raise web.HTTPServiceUnavailable()
            return
        await intake.worker.run_inline(accepted.item, lambda: self.turn(context, text, activity))

    async def turn(self, context: TurnContext, text: str, source: Activity) -> None:
        """Answer one message; `source` is the person's activity (in a replay, `context`
        is a proactive turn in the same conversation)."""
        try:
            if context.activity is source:
                await self._remember_conversation(context)
            await self._answer(context, text, source)
        except inbound.RETRY_ON as exc:
            await self.fail(context, exc)
            raise  # the inbox tries again later
        except Exception as exc:
            await self.fail(context, exc)

    async def replay(self, item: InboxItem) -> None:
        """A message another replica took in but never finished: answer it proactively."""
        source, text = inbound.source_of(item)
        reference = source.get_conversation_reference()

        async def work(context: TurnContext) -> None:
            await self.turn(context, text, source)

        await self.proactive.adapter.continue_conversation_with_claims(
            self.proactive.identity(), reference.get_continuation_activity(), work
        )

    async def _contact_note(self, context: TurnContext, *, kept: bool) -> None:
        text = (inbound.SPOOLED if kept else inbound.DOWN).format(contact=self.contact_line())
        try:
            await self.send(context, note(text))
        except Exception as exc:
            log.warning("teams contact note failed: %s", type(exc).__name__)

    async def _answer(self, context: TurnContext, text: str, source: Activity) -> None:
        prompt = text.lower().rstrip(".! ")
        if prompt in DRAFT_PROMPTS or f"{prompt}?" in DRAFT_PROMPTS:
            await self.send(context, card_activity(draft_form_card(), "Check a draft post"))
            return
        if prompt in REPORT_PROMPTS:
            form = report_form_card(REPORT_PROMPTS[prompt], self.contact_line())
            await self.reports.deliver_privately(context, card_activity(form, "Make a report"))
            return
        message = to_message(source, text)
        reply = await self.services.ask(message)
        if reply.escalation:
            await self.reports.report(context, message, reply)
            return
        asked = text if reply.kind in ("answer", "not_covered") else None
        await self.send(
            context, card_activity(reply_card(reply, question=asked), summary_of(reply))
        )

    async def send(self, context: TurnContext, activity: Any) -> None:
        await conn.with_retries(lambda: context.send_activity(activity))

    async def fail(self, context: TurnContext, exc: BaseException) -> None:
        """Never silent: a short reply with the contact, and the error class in the log
        (the traceback only at DEBUG: exception text can carry the person's words)."""
        log.error("teams turn %s failed: %s", context.activity.id, type(exc).__name__)
        log.debug("teams turn failed", exc_info=True)
        try:
            await self.send(context, note(FAILURE.format(contact=self.contact_line())))
        except Exception as again:
            log.error("teams failure reply also failed: %s", type(again).__name__)

    def contact_line(self) -> str:
        try:
            return compose.contact_line(self.services.assistant.contacts()) or FALLBACK_CONTACT
        except Exception:  # the contact must not depend on the part that just failed
            return FALLBACK_CONTACT

    # --- installs and conversation references ------------------------------------------
    async def _remember_conversation(self, context: TurnContext) -> None:
        activity = context.activity
        if is_personal(activity):
            key = user_key(activity.from_property)
            if key:
                await self.refs.aput(user_ref_key(key), reference_for(activity))
            return
        conversation = activity.conversation.id if activity.conversation else None
        if self.comms.matches(conversation, team_id(activity)):
            # A mention in the configured comms channel captures (or refreshes) it.
            ref = reference_for(activity, conversation_id=self.comms.configured_id)
            await self.comms.capture(ref, configured=True)

    async def _capture_comms(self, context: TurnContext) -> bool:
        activity = context.activity
        conversation = base_conversation_id(activity.conversation.id)
        team = team_id(activity)
        configured = self.comms.matches(conversation, team)
        if not configured and (self.comms.configured_id or not team):
            return False
        target = self.comms.configured_id if configured else conversation
        stored = await self.comms.capture(
            reference_for(activity, conversation_id=target), configured=configured
        )
        if stored:
            log.warning("teams: escalations go to conversation %s (team %s)", target, team)
        else:
            log.warning(
                "teams: app added to team %s, but escalations keep going to the first team's "
                "channel; set POLICYBOT_TEAMS_COMMS_CONVERSATION to choose",
                team,
            )
        return stored

    async def on_conversation_update(self, context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        if not bot_was_added(activity):
            return
        try:
            if not await asyncio.to_thread(self.store.claim_event, PLATFORM, event_key(activity)):
                return
            if not is_personal(activity) and await self._capture_comms(context):
                await self.send(context, note(COMMS_HELLO))
                return
            await self._remember_conversation(context)
            welcome = welcome_card(self.contact_line())
            await self.send(context, card_activity(welcome, "Hello, I'm policybot"))
        except Exception as exc:
            log.error("teams install handling failed: %s", type(exc).__name__)
            log.debug("teams install handling failed", exc_info=True)

    async def on_installation_update(self, context: TurnContext, _state: TurnState) -> None:
        # Teams sends conversationUpdate too, which greets; this one only keeps references.
        if context.activity.action not in ("add", "add-upgrade"):
            return
        try:
            if is_personal(context.activity):
                await self._remember_conversation(context)
            else:
                await self._capture_comms(context)
        except Exception as exc:
            log.error("teams installation update failed: %s", type(exc).__name__)

    async def _ignore(self, _context: TurnContext, _state: TurnState) -> None:
        return None

    # --- card actions ------------------------------------------------------------------
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
