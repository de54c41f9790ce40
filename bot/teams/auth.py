"""Teams credentials: the SDK's auth configuration and connection manager from `Settings`.

Admins copy MICROSOFT_APP_ID / MICROSOFT_APP_PASSWORD / MICROSOFT_APP_TENANT_ID from
the Azure Bot registration (the SDK's CONNECTIONS__SERVICE_CONNECTION__SETTINGS__*
names are accepted too, see settings.py). The SDK keeps JWT checks on unless
anonymous access is allowed explicitly, so anonymous mode is chosen here, in one
place, and only when there is no app id at all.
"""

from __future__ import annotations

import logging

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import AgentAuthConfiguration

from bot.errors import ConfigError
from bot.settings import Settings

from .token_guard import accepted_issuers

log = logging.getLogger(__name__)

SERVICE_CONNECTION = "SERVICE_CONNECTION"
ANONYMOUS_WARNING = (
    "TEAMS ENDPOINT IS ANONYMOUS: MICROSOFT_APP_ID is not set, so /api/messages accepts "
    "activities without a Bot Framework token and replies without one. Use this only for "
    "local testing; set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID "
    "for anything reachable from outside."
)


# In anonymous mode the SDK builds a UserTokenClient without an app id on every turn and
# warns each time; the one warning at start-up (above) already says it, once.
_PER_TURN_LOGGER = "microsoft_agents.hosting.core.connector.client.user_token_client"
_PER_TURN_WARNING = "App ID is not provided"


class _OncePerProcess(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_PER_TURN_WARNING)


def quiet_anonymous_turns() -> None:
    logger = logging.getLogger(_PER_TURN_LOGGER)
    if not any(isinstance(f, _OncePerProcess) for f in logger.filters):
        logger.addFilter(_OncePerProcess())


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    if not settings.microsoft_app_id:
        log.warning(ANONYMOUS_WARNING)
        quiet_anonymous_turns()
        return AgentAuthConfiguration(connection_name=SERVICE_CONNECTION, anonymous_allowed=True)
    if settings.microsoft_app_password is None:
        raise ConfigError(
            "MICROSOFT_APP_ID is set: also set MICROSOFT_APP_PASSWORD (the client secret of "
            "the Azure Bot's app registration)"
        )
    if not settings.microsoft_app_tenant_id:
        log.warning(
            "MICROSOFT_APP_TENANT_ID is not set: treating the bot as multi-tenant; "
            "single-tenant Azure Bots need it"
        )
    return AgentAuthConfiguration(
        client_id=settings.microsoft_app_id,
        client_secret=settings.microsoft_app_password.get_secret_value(),
        tenant_id=settings.microsoft_app_tenant_id,
        connection_name=SERVICE_CONNECTION,
        anonymous_allowed=False,
        # The SDK's own issuer check too (token_guard pins the issuer again, exactly).
        issuers=sorted(accepted_issuers(settings)),
        validate_issuer=True,
    )


def connection_manager(configuration: AgentAuthConfiguration) -> MsalConnectionManager:
    return MsalConnectionManager(connections_configurations={SERVICE_CONNECTION: configuration})
