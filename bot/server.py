"""`policybot serve`: one aiohttp server hosting every configured surface.

Slack at /slack/events (HTTP mode) or over Socket Mode, Teams at /api/messages,
/healthz and /readyz for the orchestrator. Each surface is a `Surface` module that
mounts its routes and hands back the `Sink` the dispatcher uses to reach its comms
channel; everything else (assistant, escalation store, dispatcher) is shared.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from .lifecycle import intake_context, run_until_stopped
from .readiness import DEADLINE, DatabaseProbe, readiness
from .services import Services, build_services
from .settings import Settings
from .tasks import stop_tasks

log = logging.getLogger(__name__)

SERVICES: web.AppKey[Services] = web.AppKey("policybot_services")
PROBE: web.AppKey[DatabaseProbe] = web.AppKey("policybot_readyz_probe", DatabaseProbe)


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    if services.intake is not None and services.intake.draining:
        # Stopping (SIGTERM): out of the load balancer at once, whatever else holds.
        return web.json_response({"ready": False, "checks": {"stopping": True}}, status=503)
    status, body = await readiness(request.app[SERVICES], request.app[PROBE])
    if not body["checks"]["database"]:
        log.warning("readiness: database did not answer within %.1f s", DEADLINE)
    return web.json_response(body, status=status)


async def _dispatcher_context(app: web.Application) -> AsyncIterator[None]:
    from .escalation.dispatcher import Dispatcher
    from .escalation.health import watch

    services = app[SERVICES]
    services.dispatcher = Dispatcher(
        store=services.escalations, sinks=services.sinks, settings=services.settings
    )
    stop = asyncio.Event()
    task = asyncio.create_task(services.dispatcher.run_forever(stop))
    watchdog = asyncio.create_task(watch(services.dispatcher.health, stop))
    yield
    stop.set()
    await asyncio.wait([task, watchdog], timeout=5)
    await stop_tasks([task, watchdog], timeout=1)
    app[PROBE].close()
    for background in services.background:
        background.cancel()
    services.assistant_pool.shutdown(wait=False, cancel_futures=True)


def build_web_app(services: Services) -> web.Application:
    app = web.Application(client_max_size=1024**2)
    app[SERVICES] = services
    app[PROBE] = DatabaseProbe(services.escalations.ping)
    services.ensure_intake()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    settings = services.settings
    if settings.slack_bot_token and (settings.slack_signing_secret or settings.slack_app_token):
        from .slack import mount as mount_slack

        services.sinks.append(mount_slack(app, services))
    if settings.teams_on:
        from .teams import mount as mount_teams

        services.sinks.append(mount_teams(app, services))
    _mount_extras(app, services)
    app.cleanup_ctx.append(_dispatcher_context)
    app.cleanup_ctx.append(intake_context(services))
    return app


def _mount_extras(app: web.Application, services: Services) -> None:
    """Routes that other modules add (metrics); absent modules are simply skipped."""
    try:
        from .metrics import mount as mount_metrics
    except ImportError:
        return
    mount_metrics(app, services)


def serve(settings: Settings, port: int | None = None) -> None:
    services = build_services(settings)
    app = build_web_app(services)
    asyncio.run(run_until_stopped(app, services, host="0.0.0.0", port=port or settings.port))
