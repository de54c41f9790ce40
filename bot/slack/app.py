"""Build the bolt app and its transports: HTTP at /slack/events, or Socket Mode.

HTTP mode scales behind a load balancer (dedup is in the shared database). Socket Mode
suits one replica behind a firewall: Slack spreads a Socket Mode app's events over all
its open connections, so several replicas would each see only some of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Settings
from bot.tasks import stop_tasks

from .inbound import InboxFirst
from .listeners import register
from .middleware import Deduplicate, IgnoreBots, RequestId
from .surface import Surface

log = logging.getLogger("policybot.slack")
EVENTS_PATH = "/slack/events"


class _DropTokenNotice(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN in the environment is unused when it is given a
    client: here that is by design (the client carries that very token)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def quiet_logger(name: str) -> logging.Logger:
    """Bolt logs a refused request's body at INFO; bodies hold message text, so below
    DEBUG nothing under WARNING from bolt or the SDK gets through."""
    logger = logging.getLogger(name)
    debug = logging.getLogger().getEffectiveLevel() <= logging.DEBUG
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    if not any(isinstance(f, _DropTokenNotice) for f in logger.filters):
        logger.addFilter(_DropTokenNotice())
    return logger


def build_client(settings: Settings) -> AsyncWebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=15,
        logger=quiet_logger("policybot.slack.sdk"),
        # slack_sdk retries only connection errors by default; 429s need their own
        # handler, which waits for Retry-After (chat.postMessage: ~1 message/s/channel).
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            AsyncRateLimitErrorRetryHandler(max_retry_count=4),
        ],
    )


def build_app(surface: Surface) -> AsyncApp:
    settings = surface.settings
    secret = (
        settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    )
    app = AsyncApp(
        # Bolt configures the logger named after the app from its base logger: a name
        # outside the "policybot" tree keeps our own INFO lines.
        name="slack-bolt-app",
        client=surface.client,
        # Only Socket Mode runs without a secret, and bolt skips verification there.
        signing_secret=secret,
        logger=quiet_logger("policybot.slack.bolt"),
        # On a long-running server bolt acks first and runs listeners afterwards.
        process_before_response=False,
    )
    app.error(_log_listener_error)
    app.use(RequestId())
    app.use(IgnoreBots())
    # Before the dedup claim and before the ack: a DM or mention is durable first.
    app.use(InboxFirst(surface))
    app.use(Deduplicate(surface.store.claim_event))
    register(app, surface)
    return app


async def _log_listener_error(error: Exception, body: dict[str, Any]) -> None:
    """Errors that escape a listener's own guard: the type only (bolt's default handler
    would log the exception text, which can quote a message)."""
    log.error("slack listener failed (%s, payload type %s)", type(error).__name__, body.get("type"))
    log.debug("slack listener failed", exc_info=error)


def events_handler(app: AsyncApp) -> Callable[[web.Request], Coroutine[Any, Any, web.Response]]:
    async def slack_events(request: web.Request) -> web.Response:
        # Bolt would raise (HTTP 500) on these; they are the sender's fault: 401 / 400.
        stamp = request.headers.get("X-Slack-Request-Timestamp")
        if stamp is not None and not stamp.strip().isdigit():
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            # The raw body, untouched: the signature covers the exact bytes Slack sent.
            bolt_request = await to_bolt_request(request)
        except (ValueError, TypeError, KeyError) as exc:  # JSONDecodeError is a ValueError
            log.info("slack request refused: unreadable body (%s)", type(exc).__name__)
            return web.json_response({"error": "invalid request body"}, status=400)
        response = await app.async_dispatch(bolt_request)
        return await to_aiohttp_response(response)

    return slack_events


async def check_comms_channel(client: AsyncWebClient, channel: str | None) -> list[str]:
    """Start-up warnings about the comms channel (reports are confidential)."""
    if not channel:
        return ["POLICYBOT_SLACK_COMMS_CHANNEL is not set: escalations will wait, undelivered"]
    try:
        resp = await client.conversations_info(channel=channel)
    except SlackApiError as exc:
        code = exc.response.get("error") if exc.response is not None else "error"
        return [f"cannot read the comms channel {channel} ({code}): check groups:read"]
    info = resp.get("channel") or {}
    warnings = []
    if not info.get("is_private"):
        warnings.append(
            f"the comms channel {channel} is not private: reports are confidential, "
            "use a private channel"
        )
    if info.get("is_member") is False:
        warnings.append(f"policybot is not in the comms channel {channel}: invite it there")
    return warnings


def startup_check(surface: Surface) -> Callable[[web.Application], AsyncIterator[None]]:
    async def context(_app: web.Application) -> AsyncIterator[None]:
        async def run() -> None:
            try:
                for warning in await check_comms_channel(surface.client, surface.comms_channel):
                    log.warning("slack: %s", warning)
            except Exception as exc:  # a check must not stop the server
                log.warning("slack: comms channel check failed: %s", type(exc).__name__)

        task = asyncio.create_task(run())
        yield
        await stop_tasks([task], timeout=2)

    return context


def socket_mode(app: AsyncApp, app_token: str) -> Callable[[web.Application], AsyncIterator[None]]:
    async def context(_app: web.Application) -> AsyncIterator[None]:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(app, app_token)
        task = asyncio.create_task(_connect(handler))
        yield
        await stop_tasks([task], timeout=2)
        with contextlib.suppress(Exception, TimeoutError):
            await asyncio.wait_for(handler.close_async(), timeout=5)

    return context


async def _connect(handler: Any) -> None:
    """Connect, retrying with backoff; the SDK's client then reconnects by itself."""
    delay = 1.0
    while True:
        try:
            await handler.connect_async()
            log.info("slack: Socket Mode connected")
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("slack: Socket Mode connect failed (%s); retrying", type(exc).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)
