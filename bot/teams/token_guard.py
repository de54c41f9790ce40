"""Who may post to /api/messages: checks around the Agents SDK's own JWT validation.

Two gaps of the SDK's validator (1.9) are closed here:
- it reads the token header's `kid` directly, so a token without one (`alg: none`, or
  RS256 with no key id) raised KeyError: HTTP 500 and an ERROR traceback per request,
  which anyone could use to fill the log. Such tokens are refused with 401 first.
- it accepts tokens issued by the bot's own Entra tenant as readily as those of the Bot
  Framework channel. Teams only ever sends channel tokens (issuer
  https://api.botframework.com); a tenant token would let any app of the tenant post
  activities "from" anyone, e.g. an Acknowledge from a comms member. After the SDK has
  verified the signature, the issuer is pinned to the channel, and the tenant issuers
  are added only when `POLICYBOT_TEAMS_ACCEPT_TENANT_TOKENS` says so.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import jwt
from aiohttp import web
from microsoft_agents.hosting.aiohttp import jwt_authorization_decorator

from bot.settings import Settings

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
# The same body the SDK answers for every refused token: nothing about why.
REFUSED = {"error": "Invalid token or authentication failed."}


def accepted_issuers(settings: Settings) -> frozenset[str]:
    issuers = {BOT_FRAMEWORK_ISSUER}
    tenant = settings.microsoft_app_tenant_id
    if settings.teams_accept_tenant_tokens and tenant:
        issuers |= {
            f"https://sts.windows.net/{tenant}/",
            f"https://login.microsoftonline.com/{tenant}/v2.0",
        }
    return frozenset(issuers)


def header_problem(authorization: str | None) -> str | None:
    """Why a bearer token cannot be a Bot Framework token, judged from its header alone."""
    if not authorization:
        return None  # the SDK answers a missing header (401, or anonymous mode)
    _, _, token = authorization.strip().partition(" ")
    try:
        header = jwt.get_unverified_header(token.strip())
    except jwt.PyJWTError:
        return None  # not a JWT at all: the SDK refuses it with 401 itself
    if header.get("alg") != "RS256":
        return "algorithm is not RS256"
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        return "no key id"
    return None


def refuse(reason: str) -> web.Response:
    log.warning("teams: token refused (%s)", reason)
    return web.json_response(REFUSED, status=401)


def guard(handler: Handler, issuers: frozenset[str]) -> Handler:
    """`handler` behind the header check, the SDK's validation and the issuer pin."""

    async def pinned(request: web.Request) -> web.StreamResponse:
        identity = request.get("claims_identity")
        claims = getattr(identity, "claims", None) or {}
        # Anonymous mode (no app id) yields a claim-less identity: nothing to pin.
        if claims and claims.get("iss") not in issuers:
            return refuse("issuer is not the Bot Framework channel")
        return await handler(request)

    validated = jwt_authorization_decorator(pinned)

    async def guarded(request: web.Request) -> web.StreamResponse:
        problem = header_problem(request.headers.get("Authorization"))
        if problem:
            return refuse(problem)
        return await validated(request)

    return guarded
