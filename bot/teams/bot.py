"""The Teams turn handlers: one `Assistant.handle` per message, rendered as a card.

Routes are registered on the SDK's `AgentApplication`; each handler catches its own
failures so a person always gets a short reply with the comms contact (the SDK's
default error path would log the exception text and post it into the chat). Installs
and kept references are `lifecycle`, clicks on cards `card_actions`; this module owns
messages, from the inbox to the reply, and the order routes are tried in.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web
from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.hosting.core import AgentApplication, RouteRank, TurnContext, TurnState

from bot.core import compose
from bot.escalation.inbox import InboxItem
from bot.escalation.intake import Outcome

from . import connector as conn
from . import inbound
from .activities import (
    carries_only_files,
    conversation_type,
    is_from_a_bot,
    is_personal,
    message_text,
    to_message,
)
from .card_actions import CardActions
from .cards import (
    DRAFT_PROMPTS,
    REPORT_PROMPTS,
    card_activity,
    draft_form_card,
    note,
    report_form_card,
)
from .comms_actions import CommsActions
from .lifecycle import Lifecycle
from .references import CommsChannel, ConversationRefs
from .reply_cards import reply_card, summary_of
from .reports import Reports
from .texts import FAILURE, FALLBACK_CONTACT, FILES_ONLY, GROUP_CHAT

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
        self.proactive = proactive
        self.reports = Reports(services=services, refs=refs, contact_line=self.contact_line)
        self.lifecycle = Lifecycle(
            store=services.escalations,
            refs=refs,
            comms=comms,
            send=self.send,
            contact_line=self.contact_line,
        )
        self.cards = CardActions(
            services=services,
            reports=self.reports,
            team=CommsActions(services=services, refs=refs, comms=comms, proactive=proactive),
            contact_line=self.contact_line,
        )

    def register(self, app: AgentApplication[TurnState]) -> None:
        app.activity(ActivityTypes.message)(self.on_message)
        app.activity(ActivityTypes.conversation_update)(self.lifecycle.on_conversation_update)
        app.activity(ActivityTypes.installation_update)(self.lifecycle.on_installation_update)
        self.cards.register(app)
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
                await self.lifecycle.remember_conversation(context)
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
            if (check := compose.draft_check_of(reply)) is not None:
                # Beside a report, so sent where the report's card went.
                activity = card_activity(reply_card(check), summary_of(check))
                await self.reports.deliver_privately(context, activity, announce=False)
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

    async def _ignore(self, _context: TurnContext, _state: TurnState) -> None:
        return None
