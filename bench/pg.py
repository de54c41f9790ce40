"""A PostgreSQL schema of its own for a benchmark run (127.0.0.1:5432, trust auth)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

PG_HOST = "127.0.0.1"
PG_DB = "test"


def _user() -> str | None:
    import psycopg

    for user in (os.environ.get("PGUSER"), "postgres", "root"):
        if not user:
            continue
        try:
            with psycopg.connect(host=PG_HOST, dbname=PG_DB, user=user, connect_timeout=3):
                return user
        except psycopg.OperationalError:
            continue
    return None


@contextmanager
def pg_schema() -> Iterator[str | None]:
    """A DATABASE_URL whose tables live in a fresh schema, dropped afterwards; None when
    PostgreSQL cannot be reached."""
    import psycopg

    user = _user()
    if user is None:
        yield None
        return
    schema = f"pb_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(host=PG_HOST, dbname=PG_DB, user=user, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"postgresql://{user}@{PG_HOST}:5432/{PG_DB}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(host=PG_HOST, dbname=PG_DB, user=user, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
