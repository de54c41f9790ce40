"""Real Bot Framework-style JWTs, signed by a local RSA key that the SDK is pointed at.

The SDK fetches signing keys from the issuer's JWKS address (for the Bot Framework
channel https://login.botframework.com/v1/.well-known/keys; for an Entra tenant
https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys) through one cached
PyJWKClient per address. `KeyServer.serve_for` puts, under each real address, a client
of the same kind pointed at a local JWKS server, so the SDK's own validation runs
unchanged: routing by issuer, signature, expiry, audience, issuer checks.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from microsoft_agents.hosting.core.authorization.jwt import jwt_token_validator as sdk_jwt

BOT_FRAMEWORK = "https://api.botframework.com"
BOT_FRAMEWORK_KEYS = "https://login.botframework.com/v1/.well-known/keys"
KEY_ID = "local-test-key"


def tenant_keys(tenant: str) -> str:
    return f"https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys"


class KeyServer:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        self.jwks = {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}
        self.fetches = 0
        app = web.Application()
        app.router.add_get("/keys", self._keys)
        self.server = TestServer(app, host="127.0.0.1")

    async def _keys(self, _request: web.Request) -> web.Response:
        self.fetches += 1
        return web.json_response(self.jwks)

    async def start(self) -> KeyServer:
        await self.server.start_server()
        return self

    async def close(self) -> None:
        await self.server.close()

    @property
    def url(self) -> str:
        return str(self.server.make_url("/keys"))

    def serve_for(self, monkeypatch: pytest.MonkeyPatch, *real_addresses: str) -> None:
        cache = sdk_jwt.JwtTokenValidator._jwk_client_manager._cache
        for address in real_addresses:
            entry = sdk_jwt._JwkClientCacheEntry(jwt.PyJWKClient(self.url), threading.Lock())
            monkeypatch.setitem(cache, address, entry)

    def token(
        self,
        *,
        issuer: str,
        audience: str,
        headers: dict[str, Any] | None = None,
        **claims: Any,
    ) -> str:
        now = datetime.now(UTC)
        body = {
            "iss": issuer,
            "aud": audience,
            "nbf": now - timedelta(minutes=1),
            "exp": now + timedelta(hours=1),
            **claims,
        }
        return jwt.encode(
            body, self.key, algorithm="RS256", headers={"kid": KEY_ID, **(headers or {})}
        )


def unsigned(claims: dict[str, Any]) -> str:
    """An `alg: none` token: a header and claims, no signature, no key id."""
    return jwt.encode(claims, key=None, algorithm="none")


def rs256_without_kid(key: rsa.RSAPrivateKey, claims: dict[str, Any]) -> str:
    return jwt.encode(claims, key, algorithm="RS256")
