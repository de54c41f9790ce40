"""What every surface shares, built once per process: the one typed `Services`.

Adapters (`bot.slack`, `bot.teams`) and the server depend on this module and on the
core; nothing here imports an adapter or the server, so there is no cycle.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .app import Core, build_core
from .core.assistant import Assistant
from .core.models import Message, Reply
from .escalation.dispatcher import Dispatcher
from .escalation.intake import Intake
from .escalation.outbox import EscalationStore
from .escalation.sink import Sink
from .escalation.workflow import ReportWorkflow
from .settings import Settings


@dataclass
class Services:
    """What every surface shares. Built once per process."""

    settings: Settings
    core: Core
    escalations: EscalationStore
    sinks: list[Sink] = field(default_factory=list)
    dispatcher: Dispatcher | None = None
    intake: Intake | None = None  # the inbox, its writer and worker
    background: list[asyncio.Task[Any]] = field(default_factory=list)

    # The assistant is CPU-bound; its own small pool keeps it from queueing in front of
    # the quick database calls (event dedup) that gate Slack's 3-second ack.
    assistant_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(
            max_workers=os.cpu_count() or 2, thread_name_prefix="assistant"
        )
    )

    @property
    def assistant(self) -> Assistant:
        return self.core.assistant

    def ensure_intake(self) -> Intake:
        """The inbox intake, over the escalation engine when none was built for it."""
        if self.intake is None:
            from .escalation.intake import build_intake

            self.intake = build_intake(self.settings, engine=self.escalations.engine)
        return self.intake

    @property
    def reports(self) -> ReportWorkflow:
        """The channel-neutral report workflow every surface calls."""
        clock = getattr(self.core.assistant, "clock", None)
        return ReportWorkflow(self.escalations, self.settings, clock or _utc_now)

    async def ask(self, message: Message) -> Reply:
        """`Assistant.handle` off the event loop, with the caller's context (request id)."""
        context = contextvars.copy_context()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.assistant_pool, context.run, self.core.assistant.handle, message
        )


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_services(settings: Settings, *, core: Core | None = None) -> Services:
    from .escalation.db import engine_from_settings
    from .escalation.dispatcher import build_sinks
    from .escalation.intake import build_intake

    store = EscalationStore(engine_from_settings(settings))
    core = core or build_core(settings, on_unanswered=store.add_unanswered)
    sinks = build_sinks(settings, contacts=core.kb.facts)
    services = Services(settings=settings, core=core, escalations=store, sinks=sinks)
    services.intake = build_intake(settings)
    return services
