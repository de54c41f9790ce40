"""The dispatcher on real databases: retries, reminders, leases, two dispatchers at once."""

from __future__ import annotations

import asyncio
import random
import threading

from conftest import CountingSink, FakeClock, message
from sqlalchemy import select

from bot.escalation.db import make_engine
from bot.escalation.dispatcher import Dispatcher, SinkError
from bot.escalation.models import Delivery
from bot.escalation.outbox import EscalationStore
from bot.escalation.sinks.log import LogSink
from bot.settings import Settings


def _dispatcher(store: EscalationStore, sinks: list, settings: Settings, **kw) -> Dispatcher:  # type: ignore[type-arg]
    return Dispatcher(store, sinks, settings, rng=random.Random(7), **kw)


async def test_failing_sink_recovers_and_delivers_once(
    store: EscalationStore, settings: Settings, clock: FakeClock
) -> None:
    row, _ = store.record(message(1), "safeguarding", business_hours=False)
    flaky, steady = CountingSink("flaky", failures=3), CountingSink("steady")
    dispatcher = _dispatcher(store, [flaky, steady], settings)
    for _ in range(3):
        counts = await dispatcher.run_once()
        assert counts.failed == 1
        assert (await dispatcher.run_once()).claimed == 0  # backing off: not due yet
        clock.advance(seconds=settings.max_delivery_backoff_seconds)
    assert (await dispatcher.run_once()).delivered == 1
    for _ in range(3):
        clock.advance(seconds=settings.max_delivery_backoff_seconds)
        assert (await dispatcher.run_once()).claimed == 0
    assert flaky.sent == {(row.id, False): 1} and steady.sent == {(row.id, False): 1}
    view = store.get(row.id)
    assert view is not None
    [d_flaky] = [d for d in view.deliveries if d.sink == "flaky"]
    assert d_flaky.attempts == 4 and d_flaky.delivered_ref == f"flaky-{row.id}-a"
    assert d_flaky.last_error is None


async def test_failures_store_the_error_class_only(
    store: EscalationStore, settings: Settings
) -> None:
    class Leaky:
        name = "leaky"

        async def send(self, escalation, reminder=False):  # type: ignore[no-untyped-def]
            raise RuntimeError(f"server said: {escalation.words}")

    row, _ = store.record(message(2), "media", business_hours=True)
    await _dispatcher(store, [Leaky()], settings).run_once()
    [d] = store.get(row.id).deliveries  # type: ignore[union-attr]
    assert d.last_error == "uncertain: RuntimeError" and d.attempts == 1


def test_backoff_grows_with_jitter_and_is_capped(
    store: EscalationStore, settings: Settings
) -> None:
    d = _dispatcher(store, [LogSink()], settings)
    waits = [d.backoff(n).total_seconds() for n in range(1, 12)]
    assert 1.0 <= waits[0] <= 2.0 and 8.0 <= waits[3] <= 16.0
    assert all(w <= settings.max_delivery_backoff_seconds for w in waits)
    assert waits[-1] >= settings.max_delivery_backoff_seconds / 2


async def test_one_reminder_when_unacknowledged(
    store: EscalationStore, settings: Settings, clock: FakeClock
) -> None:
    late, _ = store.record(message(3), "harassment", business_hours=True)
    taken, _ = store.record(message(4), "media", business_hours=True)
    sink = CountingSink()
    dispatcher = _dispatcher(store, [sink], settings)
    await dispatcher.run_once()
    store.acknowledge(taken.id, "Fran")
    clock.advance(minutes=settings.reminder_minutes - 1)
    assert (await dispatcher.run_once()).reminders == 0
    clock.advance(minutes=2)
    assert (await dispatcher.run_once()).reminders == 1
    clock.advance(hours=5)
    assert (await dispatcher.run_once()).claimed == 0
    assert sink.sent == {(late.id, False): 1, (taken.id, False): 1, (late.id, True): 1}
    assert store.get(late.id).reminder_sent_at is not None  # type: ignore[union-attr]
    assert store.get(taken.id).reminder_sent_at is None  # type: ignore[union-attr]


async def test_reminder_is_cancelled_by_a_late_ack(
    store: EscalationStore, settings: Settings, clock: FakeClock
) -> None:
    row, _ = store.record(message(5), "media", business_hours=True)
    down = CountingSink(failures=100)
    dispatcher = _dispatcher(store, [down], settings)
    clock.advance(minutes=settings.reminder_minutes + 1)
    await dispatcher.run_once()  # alert and reminder both scheduled, both fail
    store.acknowledge(row.id, "Gus")
    down.failures = 0
    clock.advance(hours=1)
    await dispatcher.run_once()
    assert down.sent == {(row.id, False): 1}
    reminders = [d for d in store.get(row.id).deliveries if d.purpose == "reminder"]  # type: ignore[union-attr]
    assert reminders and reminders[0].cancelled_at is not None


async def test_a_crashed_claim_expires_and_another_dispatcher_delivers(
    store: EscalationStore, settings: Settings, clock: FakeClock
) -> None:
    row, _ = store.record(message(6), "safeguarding", business_hours=False)
    sink = CountingSink()
    crashed = _dispatcher(store, [sink], settings, lease_seconds=60)
    crashed.rows.schedule(crashed.plan)
    assert len(crashed.rows.claim(["counting"], "dead-token", 10)) == 1  # then the process died
    survivor = _dispatcher(store, [sink], settings, lease_seconds=60)
    assert (await survivor.run_once()).claimed == 0  # the lease still holds
    clock.advance(seconds=61)
    assert (await survivor.run_once()).delivered == 1
    assert sink.sent == {(row.id, False): 1}


async def test_sink_error_message_is_kept(store: EscalationStore, settings: Settings) -> None:
    class Refusing:
        name = "refusing"

        async def send(self, escalation, reminder=False):  # type: ignore[no-untyped-def]
            raise SinkError("channel_not_found")

    row, _ = store.record(message(7), "media", business_hours=True)
    await _dispatcher(store, [Refusing()], settings).run_once()
    assert store.get(row.id).deliveries[0].last_error == "SinkError: channel_not_found"  # type: ignore[union-attr]


async def test_run_forever_stops(store: EscalationStore, settings: Settings) -> None:
    store.record(message(8), "media", business_hours=True)
    sink = CountingSink()
    stop = asyncio.Event()
    task = asyncio.create_task(_dispatcher(store, [sink], settings).run_forever(stop))
    for _ in range(100):
        if sink.sent:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(task, 2)
    assert sum(sink.sent.values()) == 1


class SlowSink(CountingSink):
    async def send(self, escalation, reminder=False):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.002)  # let the other dispatcher interleave
        return await super().send(escalation, reminder)


def test_two_dispatchers_deliver_each_row_exactly_once(db_url: str, settings: Settings) -> None:
    rows = 120
    seed = EscalationStore(make_engine(db_url))
    ids = [seed.record(message(100 + n), "media", True)[0].id for n in range(rows)]
    sink = SlowSink("shared")
    errors: list[BaseException] = []
    per_worker: list[int] = []

    def worker() -> None:
        engine = make_engine(db_url)
        dispatcher = Dispatcher(EscalationStore(engine), [sink], settings, batch_size=7)

        async def drain() -> None:
            idle, delivered = 0, 0
            while idle < 3:
                counts = await dispatcher.run_once()
                delivered += counts.delivered
                idle = idle + 1 if counts.claimed == 0 else 0
            per_worker.append(delivered)

        try:
            asyncio.run(drain())
        except BaseException as exc:  # surfaced to the test thread below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert sink.sent == {(i, False): 1 for i in ids}
    assert sum(per_worker) == rows and len(per_worker) == 2
    assert min(per_worker) > 0, per_worker  # both really took part
    with seed.session() as s:
        undelivered = s.scalars(select(Delivery).where(Delivery.delivered_at.is_(None))).all()
    assert undelivered == []
    seed.engine.dispose()


class JitterySink(CountingSink):
    """Sends that take 0-15 ms, so they end while a lease renewal is in flight."""

    def __init__(self) -> None:
        super().__init__("jittery")
        self.rng = random.Random(3)

    async def send(self, escalation, reminder=False):  # type: ignore[no-untyped-def]
        await asyncio.sleep(self.rng.uniform(0, 0.015))
        return await super().send(escalation, reminder)


async def test_a_pass_ends_whenever_its_sends_end_during_a_lease_renewal(
    store: EscalationStore, settings: Settings
) -> None:
    # A lease renewed every 5 ms: sends keep ending as a renewal finishes. A pass that
    # hung there (a swallowed cancellation) would leave every later report undelivered.
    sink = JitterySink()
    dispatcher = _dispatcher(store, [sink], settings, lease_seconds=0.015)
    for n in range(60):
        row, _ = store.record(message(300 + n), "safeguarding", business_hours=False)
        counts = await asyncio.wait_for(dispatcher.run_once(), timeout=5)
        assert counts.delivered == 1
        assert sink.sent[(row.id, False)] == 1
