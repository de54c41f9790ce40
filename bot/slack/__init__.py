"""The Slack surface: DMs, mentions, the assistant thread, /policy, shortcuts, App Home,
report forms, and the comms channel's alerts with Acknowledge / Resolve.

`mount` adds the routes (or Socket Mode) to the one aiohttp server and returns the
Slack `Sink` the escalation dispatcher delivers through. See docs/slack.md.
"""

from __future__ import annotations

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from bot.escalation.sink import Sink
from bot.services import Services

from . import inbound
from .app import EVENTS_PATH, build_app, build_client, events_handler, socket_mode, startup_check
from .sink import SlackSink, sink_client
from .surface import Surface

__all__ = ["BOLT_APP", "EVENTS_PATH", "mount"]

BOLT_APP: web.AppKey[AsyncApp] = web.AppKey("policybot_slack_bolt", AsyncApp)


def mount(app: web.Application, services: Services) -> Sink:
    settings = services.settings
    surface = Surface(services=services, client=build_client(settings))
    bolt = build_app(surface)
    app[BOLT_APP] = bolt
    services.ensure_intake().worker.register(
        inbound.PLATFORM, lambda item: inbound.process(surface, item)
    )
    if settings.slack_signing_secret:
        app.router.add_post(EVENTS_PATH, events_handler(bolt))
    if settings.slack_app_token:
        app.cleanup_ctx.append(socket_mode(bolt, settings.slack_app_token.get_secret_value()))
    app.cleanup_ctx.append(startup_check(surface))
    # Its own client: no built-in retries, so the dispatcher sees (and dedupes) each post.
    return SlackSink(
        client=sink_client(settings),
        channel=settings.slack_comms_channel,
        timezone=settings.timezone,
    )
