"""Escalations from the terminal chat: the same report workflow and dispatcher as Slack/Teams."""

from __future__ import annotations

import asyncio
import getpass
import logging

from .app import Core
from .core.models import Message, Reply
from .errors import PolicybotError
from .settings import Settings

log = logging.getLogger(__name__)


class TerminalEscalations:
    """Records a report when the person confirms, then runs one delivery pass.

    The database opens on first use, so a chat that never escalates never needs it.
    """

    def __init__(self, settings: Settings, core: Core) -> None:
        self.settings = settings
        self.core = core

    def __call__(self, message: Message, reply: Reply) -> str:
        from .escalation.db import engine_from_settings
        from .escalation.dispatcher import Dispatcher, build_sinks
        from .escalation.outbox import EscalationStore
        from .escalation.workflow import ReportWorkflow

        kind = reply.escalation.kind if reply.escalation else None
        kind = kind or (reply.report_action.kind if reply.report_action else None)
        assert kind is not None
        contact = self.core.assistant.contacts()[0]
        fallback = f"Please contact the communications team directly: {contact.value}."
        try:
            store = EscalationStore(engine_from_settings(self.settings))
            reporter = message.model_copy(update={"user_id": getpass.getuser()})
            workflow = ReportWorkflow(store, self.settings, self.core.assistant.clock)
            # The person already said "yes, send it" in the chat: nothing left to hold.
            view = workflow.record(reporter, kind, held=False).escalation
            sinks = build_sinks(self.settings, contacts=self.core.kb.facts)
            dispatcher = Dispatcher(store=store, sinks=sinks, settings=self.settings)
            asyncio.run(dispatcher.run_once())
        except PolicybotError as exc:
            return f"I couldn't record the report ({exc}). {fallback}"
        except Exception:  # the person must still be told what to do
            log.exception("recording an escalation from the terminal failed")
            return f"I couldn't record the report. {fallback}"
        return (
            f"Recorded as escalation #{view.id} for the communications team "
            f"(`policybot escalations show {view.id}`). If it is urgent, also use "
            f"{contact.value} ({contact.use})."
        )
