"""Microsoft Teams, on the Microsoft 365 Agents SDK (aiohttp hosting) at /api/messages.

`mount(app, services)` adds the route to the shared `policybot serve` app and returns
the sink the escalation dispatcher uses to reach the comms team's channel. The SDK is
imported only when Teams is mounted, so `policybot teams-package` and the other
commands stay quick to start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web

    from bot.escalation.sink import Sink
    from bot.services import Services


def mount(app: web.Application, services: Services) -> Sink:
    from .hosting import mount as mount_teams

    return mount_teams(app, services)


__all__ = ["mount"]
