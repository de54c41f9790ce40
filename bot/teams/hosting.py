"""Wiring: the Agents SDK's CloudAdapter and AgentApplication behind /api/messages.

The SDK processes every request (JWT check, activity parsing, routing, invoke
responses); this module only connects it to policybot's handlers and sink.
"""

from __future__ import annotations

import json
import logging
import warnings
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from aiohttp import web
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.aiohttp import (
    CloudAdapter,
    start_agent_process,
)
from microsoft_agents.hosting.core import (
    AgentApplication,
    ApplicationOptions,
    MemoryStorage,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.security import OutboundHostValidator

from .activities import PLATFORM
from .auth import auth_configuration, connection_manager
from .bot import TeamsBot
from .connector import Proactive
from .references import CommsChannel, ConversationRefs
from .sink import TeamsSink
from .token_guard import accepted_issuers, guard

if TYPE_CHECKING:
    from bot.escalation.sink import Sink
    from bot.services import Services

log = logging.getLogger(__name__)

ROUTE = "/api/messages"
# The SDK's JWT check reads the configuration from this exact (string) application key.
AGENT_CONFIGURATION = "agent_configuration"


async def _raise_turn_error(_context: TurnContext, error: Exception) -> None:
    # The SDK's default posts "Exception caught: <error>" into the chat. Our handlers
    # reply politely themselves; anything reaching here (a proactive send that failed)
    # must propagate so the dispatcher retries.
    raise error


async def is_activity(request: web.Request) -> bool:
    """A JSON object that parses as an Activity (aiohttp caches the body for the SDK)."""
    try:
        body = json.loads(await request.read())
        if not isinstance(body, dict):
            return False
        Activity.model_validate(body)
    except (ValueError, UnicodeDecodeError):  # JSONDecodeError and ValidationError too
        log.info("teams request refused: the body is not an activity")
        return False
    return True


def mount(app: web.Application, services: Services) -> Sink:
    settings = services.settings
    configuration = auth_configuration(settings)
    connections = connection_manager(configuration)
    # With credentials the JWT's serviceurl claim is checked and the host must be a
    # Microsoft one: a stolen token cannot point the bot at another server.
    validator = OutboundHostValidator(enabled=bool(settings.microsoft_app_id))
    adapter = CloudAdapter(connection_manager=connections, host_validator=validator)
    adapter.on_turn_error = _raise_turn_error
    agent = AgentApplication[TurnState](
        ApplicationOptions(
            storage=MemoryStorage(),  # turn state is unused: nothing is kept in it
            start_typing_timer=False,  # replies take milliseconds; no typing chatter
            remove_recipient_mention=True,
        ),
        connection_manager=connections,
    )
    refs = ConversationRefs(services.escalations.engine)
    comms = CommsChannel(refs, settings)
    proactive = Proactive(adapter, settings.microsoft_app_id)
    bot = TeamsBot(services=services, refs=refs, comms=comms, proactive=proactive)
    bot.register(agent)
    services.ensure_intake().worker.register(PLATFORM, bot.replay)

    async def messages(request: web.Request) -> web.StreamResponse:
        if not await is_activity(request):
            # The SDK would raise on it (HTTP 500, a traceback): it is the sender's fault.
            return web.json_response({"error": "the body is not an activity"}, status=400)
        response = await start_agent_process(request, agent, adapter)
        return response if response is not None else web.Response(status=202)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # aiohttp prefers AppKey; the SDK needs the string
        app[AGENT_CONFIGURATION] = configuration
    app.router.add_post(ROUTE, guard(messages, accepted_issuers(settings)))
    log.info(
        "teams: %s mounted (%s)",
        ROUTE,
        "authenticated" if settings.microsoft_app_id else "ANONYMOUS",
    )
    return TeamsSink(comms=comms, proactive=proactive, zone=ZoneInfo(settings.timezone), refs=refs)
