"""`policybot escalations ...`: the comms team's view of escalations without chat."""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import click
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bot.errors import PolicybotError
from bot.escalation.db import describe, engine_from_settings
from bot.escalation.dispatcher import Dispatcher, build_sinks
from bot.escalation.outbox import STATUSES, EscalationStore
from bot.escalation.sink import Sink
from bot.escalation.view import EscalationView
from bot.escalation.workflow import OUTCOMES
from bot.settings import Settings
from bot.threads import ThreadMemory


@contextmanager
def _store() -> Iterator[tuple[EscalationStore, Settings]]:
    settings = Settings()
    url = settings.effective_database_url
    try:
        engine = engine_from_settings(settings)
    except PolicybotError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield EscalationStore(engine), settings
    except OperationalError as exc:
        raise click.ClickException(
            f"cannot reach the escalation database ({describe(url)}): {type(exc.orig).__name__}"
        ) from exc
    except SQLAlchemyError as exc:
        raise click.ClickException(f"escalation database error: {type(exc).__name__}") from exc
    except PolicybotError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()


def _line(e: EscalationView) -> str:
    when = e.created_at.strftime("%Y-%m-%d %H:%M UTC")
    hours = "in hours" if e.business_hours else "out of hours"
    who = e.reporter_name or e.reporter_user_id or "-"
    return f"#{e.id:<5} {e.kind:<13} {e.status:<13} {when}  {hours:<12} {who}"


def _details(e: EscalationView) -> str:
    lines = [_line(e), ""]
    lines.append(
        f"reporter:  {e.reporter_platform} {e.reporter_user_id or ''} {e.reporter_name or ''}"
    )
    lines.append(f"source:    {e.source_platform} {e.source_channel or ''} {e.source_thread or ''}")
    if e.acknowledged_at:
        lines.append(f"acknowledged by {e.acknowledged_by} at {e.acknowledged_at:%Y-%m-%d %H:%M}")
    if e.resolved_at:
        lines.append(f"resolved by {e.resolved_by} at {e.resolved_at:%Y-%m-%d %H:%M}")
        if e.resolution:
            lines.append(f"outcome:   {OUTCOMES.get(e.resolution, e.resolution)}")
        if e.resolution_note:
            lines.append(f"note:      {e.resolution_note}")
    if e.reminder_sent_at:
        lines.append(f"reminder sent at {e.reminder_sent_at:%Y-%m-%d %H:%M}")
    words = e.words if e.words is not None else f"[purged {e.words_purged_at:%Y-%m-%d}]"
    lines += ["", "words:", words, "", "deliveries:"]
    for d in e.deliveries:
        state = (
            f"delivered {d.delivered_at:%Y-%m-%d %H:%M} ref={d.delivered_ref}"
            if d.delivered_at
            else "cancelled"
            if d.cancelled_at
            else f"pending, next attempt {d.next_attempt_at:%H:%M:%S} ({d.last_error or 'no error'})"
        )
        lines.append(f"  {d.sink:<8} {d.purpose:<9} attempts={d.attempts} {state}")
    return "\n".join(lines)


@click.group()
def escalations() -> None:
    """List, acknowledge and resolve escalations; run the dispatcher."""


@escalations.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only escalations in this state.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def list_(status: str | None, limit: int, as_json: bool) -> None:
    """Newest first."""
    with _store() as (store, _):
        rows = store.list(status=status, limit=limit)
    for row in rows:
        click.echo(json.dumps(row.to_dict()) if as_json else _line(row))
    if not rows and not as_json:
        click.echo("no escalations")


@escalations.command()
@click.argument("escalation_id", type=int)
@click.option("--json", "as_json", is_flag=True)
def show(escalation_id: int, as_json: bool) -> None:
    """Everything about one escalation, with its deliveries."""
    with _store() as (store, _):
        row = store.get(escalation_id)
    if row is None:
        raise click.ClickException(f"no escalation with id {escalation_id}")
    click.echo(json.dumps(row.to_dict(), indent=2) if as_json else _details(row))


@escalations.command()
@click.argument("escalation_id", type=int)
@click.option("--by", required=True, help="Who is acknowledging it.")
def ack(escalation_id: int, by: str) -> None:
    """Take an open escalation (a second ack changes nothing)."""
    with _store() as (store, _):
        result = store.acknowledge(escalation_id, by)
    e = result.escalation
    if result.changed:
        click.echo(f"#{e.id} acknowledged by {e.acknowledged_by}")
    else:
        click.echo(f"#{e.id} was already {e.status} (by {e.acknowledged_by}); nothing changed")


@escalations.command()
@click.argument("escalation_id", type=int)
@click.option("--by", required=True, help="Who is resolving it.")
@click.option("--outcome", type=click.Choice(sorted(OUTCOMES)), help="How it ended.")
@click.option("--note", help="A short note for the audit trail.")
def resolve(escalation_id: int, by: str, outcome: str | None, note: str | None) -> None:
    """Close an escalation (a second resolve changes nothing)."""
    with _store() as (store, _):
        result = store.resolve(escalation_id, by, outcome=outcome, note=note)
    e = result.escalation
    if result.changed:
        click.echo(f"#{e.id} resolved by {e.resolved_by}")
    else:
        click.echo(f"#{e.id} was already resolved by {e.resolved_by}; nothing changed")


@escalations.command()
@click.option("--days", type=int, help="Override POLICYBOT_RETENTION_DAYS.")
def purge(days: int | None) -> None:
    """Forget reporters' words older than the retention period; keep the audit trail."""
    with _store() as (store, settings):
        keep = days if days is not None else settings.retention_days
        cutoff = store.clock() - timedelta(days=keep)
        count = store.purge_words(cutoff)
        questions = store.interactions.purge_feedback_questions(cutoff)
        unanswered = store.interactions.purge_unanswered(cutoff)
        # Threads go once past their time to live, whatever --days says.
        ttl = timedelta(hours=settings.thread_memory_hours)
        threads = ThreadMemory(store.engine, ttl=ttl).purge()
    click.echo(
        f"purged the words and names of {count} escalation(s), {questions} feedback "
        f"question(s) and {unanswered} unanswered question(s) older than {keep} days"
    )
    click.echo(f"forgot {threads} conversation thread(s) idle for {ttl}")


@escalations.command()
@click.option("--once", is_flag=True, help="One pass, then exit (cron, tests).")
def dispatch(once: bool) -> None:
    """Deliver undelivered escalations to the configured sinks (Slack, email, log)."""
    with _store() as (store, settings):
        dispatcher = Dispatcher(store, build_sinks(settings, extra=_chat_sinks(settings)), settings)
        if once:
            counts = asyncio.run(dispatcher.run_once())
            click.echo(
                f"delivered {counts.delivered}, failed {counts.failed}, reminders {counts.reminders}"
            )
            return
        asyncio.run(_forever(dispatcher))


def _chat_sinks(settings: Settings) -> list[Sink]:
    """The Slack sink when a bot token is set (Teams needs the server's adapter)."""
    if not settings.slack_bot_token:
        return []
    from bot.slack.sink import slack_sink  # only when configured: bolt is a heavy import

    sink = slack_sink(settings)
    return [sink] if sink else []


async def _forever(dispatcher: Dispatcher) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await dispatcher.run_forever(stop)
