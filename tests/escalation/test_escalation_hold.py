"""Held reports: written at once, delivered only after `release`, released once."""

from __future__ import annotations

import random

import pytest
from conftest import CountingSink, message

from bot.escalation.dispatcher import Dispatcher
from bot.escalation.outbox import HELD, EscalationNotFound, EscalationStore
from bot.settings import Settings


async def test_held_row_waits_for_release_then_is_delivered_once(
    store: EscalationStore, settings: Settings
) -> None:
    row, created = store.record(message(1), "media", business_hours=True, held=True)
    assert created and row.status == HELD and row.words
    sink = CountingSink()
    dispatcher = Dispatcher(store, [sink], settings, rng=random.Random(1))
    assert (await dispatcher.run_once()).claimed == 0  # held: nobody alerted yet

    first, second = store.release(row.id), store.release(row.id)
    assert first.changed and first.escalation.status == "open"
    assert not second.changed  # a double click releases it once
    assert (await dispatcher.run_once()).delivered == 1
    assert (await dispatcher.run_once()).claimed == 0
    assert sink.sent == {(row.id, False): 1}


def test_held_row_cannot_be_acknowledged_before_release(store: EscalationStore) -> None:
    row, _ = store.record(message(2), "harassment", business_hours=False, held=True)
    assert not store.acknowledge(row.id, "alice").changed
    assert store.get(row.id).status == HELD  # type: ignore[union-attr]


def test_retried_report_finds_the_held_row(store: EscalationStore) -> None:
    row, _ = store.record(message(3), "media", business_hours=True, held=True)
    again, created = store.record(message(3), "media", business_hours=True, held=True)
    assert again.id == row.id and not created


def test_releasing_an_open_row_or_a_missing_one(store: EscalationStore) -> None:
    row, _ = store.record(message(4), "safeguarding", business_hours=True)
    assert not store.release(row.id).changed
    with pytest.raises(EscalationNotFound):
        store.release(9999)
