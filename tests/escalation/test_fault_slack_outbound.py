"""Comms alerts through a Slack that answers late, drops the connection, 5xx, 429, or
refuses with its real error codes: every alert ends up posted exactly once.

The production Slack sink and dispatcher, on SQLite and PostgreSQL, against the fake
Web API; timings scaled down (Slack timeout 2 s, a 4 s late answer, 3 s lease).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_faults import (
    COMMS,
    delivered,
    fault_settings,
    report,
    run_until,
    slack_dispatcher,
)

from bot.escalation.db import make_engine
from bot.escalation.outbox import EscalationStore

from fake_slack import FakeSlack  # isort: skip  (on sys.path through slack_faults)
from fake_slack_script import REAL_ERRORS, Drop, Error, Late, RateLimited, Status  # isort: skip

POST = "chat.postMessage"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def live_store(db_url: str) -> Iterator[EscalationStore]:
    """A store on the real clock: these tests wait for real timeouts."""
    engine = make_engine(db_url)
    yield EscalationStore(engine)
    engine.dispose()


async def test_a_late_answer_is_found_in_history_not_posted_again(
    fake: FakeSlack, live_store: EscalationStore, tmp_path: Path
) -> None:
    # Slack keeps the post at once but answers after 4 s; the sink gives up after 2 s.
    fake.script(POST, Late(4.0))
    first, second = report(live_store, 1), report(live_store, 2)
    dispatcher = slack_dispatcher(live_store, fault_settings(fake, tmp_path))
    await run_until(dispatcher, lambda: delivered(live_store) == {first, second}, timeout=30)
    assert sorted(fake.alert_posts(COMMS)) == [first, second]  # one post each
    assert fake.count("conversations.history") >= 1  # it looked before posting again
    posts = {m["metadata"]["event_payload"]["escalation_id"]: m["ts"] for m in fake.posts_in(COMMS)}
    views = [live_store.get(first), live_store.get(second)]
    refs = {v.id: v.deliveries[0].delivered_ref for v in views if v is not None}
    assert refs == posts  # each row records the one post Slack kept
    attempts = sorted(v.deliveries[0].attempts for v in views if v is not None)
    assert attempts == [1, 2]  # the late one was looked up, not re-posted


async def test_a_dropped_connection_after_the_post_is_not_a_second_post(
    fake: FakeSlack, live_store: EscalationStore, tmp_path: Path
) -> None:
    fake.script(POST, Drop())
    esc = report(live_store, 3)
    dispatcher = slack_dispatcher(live_store, fault_settings(fake, tmp_path))
    await run_until(dispatcher, lambda: delivered(live_store) == {esc}, timeout=20)
    # One call reached Slack per attempt: slack_sdk's own retry handler is off.
    assert fake.count(POST) == 1
    assert fake.alert_posts(COMMS) == [esc]


async def test_5xx_with_and_without_the_post_taken_ends_in_one_post(
    fake: FakeSlack, live_store: EscalationStore, tmp_path: Path
) -> None:
    fake.script(POST, Status(500, taken=True), Status(503, error="service_unavailable"))
    first, second = report(live_store, 4), report(live_store, 5)
    dispatcher = slack_dispatcher(live_store, fault_settings(fake, tmp_path))
    await run_until(dispatcher, lambda: delivered(live_store) == {first, second}, timeout=20)
    assert sorted(fake.alert_posts(COMMS)) == [first, second]


async def test_429_waits_for_retry_after_then_posts_once(
    fake: FakeSlack, live_store: EscalationStore, tmp_path: Path
) -> None:
    fake.script(POST, RateLimited(retry_after=2))
    esc = report(live_store, 6)
    dispatcher = slack_dispatcher(live_store, fault_settings(fake, tmp_path))
    start = time.monotonic()
    await run_until(dispatcher, lambda: delivered(live_store) == {esc}, timeout=20)
    assert time.monotonic() - start >= 2.0  # Retry-After obeyed, not the 0.5 s backoff
    assert fake.alert_posts(COMMS) == [esc] and fake.count(f"{POST}#429") == 1
    assert fake.count("conversations.history") == 0  # a 429 posted nothing: no need to look


@pytest.mark.parametrize(
    "code", [c for c in REAL_ERRORS if c not in ("invalid_blocks", "msg_too_long")]
)
async def test_a_refusal_only_a_person_can_fix_parks_the_alert_with_the_fix(
    code: str, fake: FakeSlack, live_store: EscalationStore, tmp_path: Path
) -> None:
    fake.script(POST, Error(code=code))
    esc = report(live_store, 7)
    settings = fault_settings(fake, tmp_path, delivery_park_seconds=60)
    dispatcher = slack_dispatcher(live_store, settings)
    counts = await dispatcher.run_once()
    assert counts.failed == 1 and fake.alert_posts(COMMS) == []
    view = live_store.get(esc)
    assert view is not None
    [d] = view.deliveries
    assert d.last_error and d.last_error.startswith("parked: ") and code in d.last_error
    [problem] = dispatcher.health.problems()
    assert code in problem
    if code == "not_in_channel":
        assert "invite @policybot" in problem
    # Parked, not dropped: the next pass does not hammer Slack, and once a person has
    # fixed it a later alert's success brings the parked one along.
    assert (await dispatcher.run_once()).claimed == 0
    other = report(live_store, 8)
    await run_until(dispatcher, lambda: delivered(live_store) == {esc, other}, timeout=20)
    assert sorted(fake.alert_posts(COMMS)) == sorted([esc, other])
    assert dispatcher.health.problems() == []


@pytest.mark.parametrize("code", ["invalid_blocks", "msg_too_long"])
async def test_refused_content_still_reaches_the_team_as_a_minimal_alert(
    code: str, fake: FakeSlack, live_store: EscalationStore, tmp_path: Path
) -> None:
    fake.script(POST, Error(code=code))
    esc = report(live_store, 9)
    dispatcher = slack_dispatcher(live_store, fault_settings(fake, tmp_path))
    assert (await dispatcher.run_once()).delivered == 1
    [post] = fake.posts_in(COMMS)
    assert f"escalations show {esc}" in str(post["blocks"]) and f"#{esc}" in post["text"]
    assert "home address" not in str(post)  # the minimal alert carries no words
