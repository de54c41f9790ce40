"""Engines for the escalation database, and its migrations run from code.

SQLite (a file in the data dir) is the embedded default; PostgreSQL (psycopg 3) is the
multi-replica store. Migrations are driven through `alembic.command` with a config built
here, so an installed wheel needs no alembic.ini.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
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
from bot.escalation import db_deadline
from bot.settings import Settings

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant will do: it only has to be the same in every replica (PostgreSQL only).
_MIGRATION_LOCK = 7_231_004
_LOCK_ARGS = ":k, hashtext(current_schema())"
MIGRATION_TIMEOUT_MS = 10 * 60 * 1000
# Alembic runs a migration through module-level proxies (`alembic.context`): two threads
# of one process migrating at once tear each other's down (KeyError). One at a time.
_ALEMBIC = threading.Lock()


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


@dataclass(frozen=True)
class Timeouts:
    """How long any database call may wait, so a hung database never hangs the bot."""

    connect: float = 5.0
    statement: float = 10.0
    pool: float = 5.0

    @classmethod
    def of(cls, settings: Settings) -> Timeouts:
        return cls(
            connect=settings.db_connect_timeout_seconds,
            statement=settings.db_statement_timeout_seconds,
            pool=settings.db_pool_timeout_seconds,
        )

    @property
    def hung(self) -> float:
        """A call held this long is hung, not slow: its connection is cut (db_deadline)."""
        return self.statement + min(self.statement, 5.0)


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # WAL lets the bot read while the dispatcher writes; busy_timeout turns
        # "database is locked" into a short wait when two processes write at once.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Purged words are overwritten in the file, not left in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return on_connect


def _postgres_url(parsed: URL, timeouts: Timeouts) -> URL:
    """Server-side limits ride on the startup packet, next to any options in the URL."""
    ms = int(timeouts.statement * 1000)
    limits = (
        f"-c statement_timeout={ms} -c lock_timeout={ms} "
        # A client that hung mid-transaction must not hold row locks for ever.
        f"-c idle_in_transaction_session_timeout={ms * 3}"
    )
    given = parsed.query.get("options")
    options = " ".join([*([given] if isinstance(given, str) else list(given or ())), limits])
    return parsed.update_query_dict({"options": options})


def _postgres_connect_args(timeouts: Timeouts) -> dict[str, Any]:
    return {
        "connect_timeout": max(1, math.ceil(timeouts.connect)),
        # A peer that vanished (no ACKs) is noticed in seconds rather than hours.
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": int(timeouts.hung * 1000),
    }


def make_engine(
    url: str | URL,
    *,
    timeouts: Timeouts | None = None,
    create_folder: bool = True,
    **kwargs: Any,
) -> Engine:
    """`create_folder`: make a SQLite file's folder (at start-up). An engine made later,
    while the database's folder is away, must not: it would start a new, empty database
    at the same path, and what is written there would hide the real one's."""
    parsed = normalise_url(url) if isinstance(url, str) else url
    timeouts = timeouts or Timeouts()
    # Statement parameters hold reporters' words: keep them out of exception messages.
    kwargs.setdefault("hide_parameters", True)
    if parsed.drivername.startswith("sqlite"):
        if create_folder and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A pooled SQLite connection is cheap to reopen and NullPool avoids sharing one
        # across threads (dispatcher thread vs request handlers).
        kwargs.setdefault("poolclass", NullPool)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas(int(timeouts.statement * 1000)))
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_timeout", timeouts.pool)
    kwargs.setdefault("connect_args", _postgres_connect_args(timeouts))
    engine = create_engine(_postgres_url(parsed, timeouts), **kwargs)
    db_deadline.install(engine, timeouts.hung)
    return engine


def makes_its_folder(settings: Settings) -> bool:
    """Only the embedded database in the data folder is made where none is: a configured
    SQLite file whose folder is missing is a volume not mounted, or moved away, and a
    replica starting then must fail, not start a new, empty database in its place."""
    return settings.database_url is None


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


def migrate(url: str | URL | Engine, *, to: str = "head") -> None:
    """Bring the database to the newest schema (safe to call from every replica).

    `to` names an older revision only for tests of upgrades from it.
    """
    engine = url if isinstance(url, Engine) else make_engine(url)
    try:
        with engine.connect() as conn, db_deadline.exempt(conn.connection.dbapi_connection):
            if conn.dialect.name == "postgresql":
                # A migration may rewrite a big table or wait for another replica's: the
                # per-call limits are for the bot's own short calls, not for this.
                conn.execute(text(f"SET statement_timeout = {MIGRATION_TIMEOUT_MS}"))
                conn.execute(text(f"SET lock_timeout = {MIGRATION_TIMEOUT_MS}"))
                # Two replicas starting together must not both create the tables. The
                # lock is per schema: deployments sharing a database never wait on each other.
                conn.execute(text(f"SELECT pg_advisory_lock({_LOCK_ARGS})"), {"k": _MIGRATION_LOCK})
                conn.commit()
            try:
                cfg = _alembic_config(engine)
                cfg.attributes["connection"] = conn
                if not _ALEMBIC.acquire(timeout=MIGRATION_TIMEOUT_MS / 1000):
                    raise DatabaseError("another migration in this process did not finish")
                try:
                    command.upgrade(cfg, to)
                finally:
                    _ALEMBIC.release()
                conn.commit()
            finally:
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text(f"SELECT pg_advisory_unlock({_LOCK_ARGS})"), {"k": _MIGRATION_LOCK}
                    )
                    # Back to the startup options' limits before the pool reuses it.
                    conn.execute(text("RESET statement_timeout"))
                    conn.execute(text("RESET lock_timeout"))
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
    engine = make_engine(
        settings.effective_database_url,
        timeouts=Timeouts.of(settings),
        create_folder=makes_its_folder(settings),
    )
    if run_migrations:
        migrate(engine)
    return engine
