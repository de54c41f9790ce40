"""Engines for the escalation database, and its migrations run from code.

SQLite (a file in the data dir) is the embedded default; PostgreSQL (psycopg 3) is the
multi-replica store. Migrations are driven through `alembic.command` with a config built
here, so an installed wheel needs no alembic.ini.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool

from bot.errors import ConfigError, PolicybotError
from bot.settings import Settings

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant will do: it only has to be the same in every replica (PostgreSQL only).
_MIGRATION_LOCK = 7_231_004
SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(PolicybotError):
    """The escalation database cannot be reached or used."""


def normalise_url(url: str) -> URL:
    """Parse a database URL; plain postgresql:// (Heroku style) means psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError("DATABASE_URL is not a valid SQLAlchemy URL") from exc
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def describe(url: str | URL) -> str:
    """Where the database is, for error messages: never the password."""
    parsed = normalise_url(url) if isinstance(url, str) else url
    if parsed.drivername.startswith("sqlite"):
        return f"SQLite file {parsed.database}"
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.get_backend_name()} at {parsed.host or 'localhost'}{port}/{parsed.database}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the bot read while the dispatcher writes; busy_timeout turns "database is
    # locked" into a short wait when two processes write at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    parsed = normalise_url(url) if isinstance(url, str) else url
    # Statement parameters hold reporters' words: keep them out of exception messages.
    kwargs.setdefault("hide_parameters", True)
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A pooled SQLite connection is cheap to reopen and NullPool avoids sharing one
        # across threads (dispatcher thread vs request handlers).
        kwargs.setdefault("poolclass", NullPool)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def insert_for(engine: Engine):  # type: ignore[no-untyped-def]
    """The dialect's INSERT, which has ON CONFLICT DO NOTHING on both backends."""
    return pg_insert if engine.dialect.name == "postgresql" else sqlite_insert


def rowcount(result: object) -> int:
    """Rows an UPDATE/DELETE touched (typed `Result` hides the cursor's rowcount)."""
    return int(getattr(result, "rowcount", 0))


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(url: str | URL | Engine) -> None:
    """Bring the database to the newest schema (safe to call from every replica)."""
    engine = url if isinstance(url, Engine) else make_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # Two replicas starting together must not both create the tables.
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
                conn.commit()
            try:
                cfg = _alembic_config(engine)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                conn.commit()
            finally:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
                    conn.commit()
    except OperationalError as exc:
        raise DatabaseError(
            f"cannot reach the escalation database ({describe(engine.url)}): "
            "check DATABASE_URL and that the server is running"
        ) from exc
    finally:
        if not isinstance(url, Engine):
            engine.dispose()


def engine_from_settings(settings: Settings, *, run_migrations: bool = True) -> Engine:
    """The engine for `settings.effective_database_url`, migrated to head by default."""
    engine = make_engine(settings.effective_database_url)
    if run_migrations:
        migrate(engine)
    return engine
