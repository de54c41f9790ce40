"""After the alert, through the real Agents SDK and the fake Bot Connector: a long report
is read in full in a task module (comms members only), and the reminder is a short
reply in the alert's thread, never a second copy of the words."""

from __future__ import annotations

from typing import Any

from conftest import TeamsHarness
from fake_connector import Call
from teams_activities import (
    ALICE,
    COMMS_MEMBER,
    COMMS_TEAM,
    OUTSIDER,
    _base,
    comms_conversation,
    personal_message,
    team_install,
)

from bot.escalation.dispatcher import Dispatcher
from tests.card_parts import teams_actions, teams_nodes

CONCERN = "I saw a post from a child saying they are being hurt at home."
# Past the alert's 2,000 characters, with a last sentence only the full report shows.
DETAIL = " ".join(f"Detail {n}: the account posted again at {n} o'clock." for n in range(60))
LAST = "The last post names the school she goes to."
LONG_REPORT = f"{CONCERN} {DETAIL} {LAST}"


async def _alerted(teams: TeamsHarness, text: str) -> tuple[int, Call, str]:
    """A safeguarding report (alerted at once), delivered: its id, the post and the id
    the connector gave the post."""
    assert (await teams.post(team_install(teams.service_url))).status == 202
    assert (await teams.post(personal_message(teams.service_url, text, ALICE))).status == 202
    [row] = teams.store.list()
    assert (await teams.dispatcher.run_once()).delivered == 1
    [alert] = [c for c in teams.connector.posted_to(COMMS_TEAM) if c.route == "send" and c.cards()]
    [delivery] = [d for d in teams.store.get(row.id).deliveries if d.sink == "teams"]  # type: ignore[union-attr]
    assert delivery.delivered_ref
    return row.id, alert, delivery.delivered_ref


def _task_fetch(teams: TeamsHarness, data: dict[str, Any], user: dict, root: str) -> dict:
    """What Teams sends when an Action.Submit with `msteams.type = task/fetch` is pressed
    in the alert's thread."""
    activity = _base(teams.service_url, comms_conversation(root), user)
    activity |= {
        "type": "invoke",
        "name": "task/fetch",
        "replyToId": root,
        "value": {"data": data, "context": {"theme": "default"}},
    }
    return activity


def _task_words(response: dict[str, Any]) -> str:
    task = response["task"]
    assert task["type"] == "continue"
    content = task["value"]["card"]["content"]
    runs = [
        run["text"]
        for node in teams_nodes(content)
        if node.get("type") == "RichTextBlock"
        for run in node["inlines"]
    ]
    return "\n".join(runs)


async def test_a_long_report_is_read_in_full_in_a_task_module(teams: TeamsHarness) -> None:
    escalation_id, alert, posted_id = await _alerted(teams, LONG_REPORT)
    [alert_card] = alert.cards()
    assert LAST not in alert.text()  # the alert is cut…
    [button] = [a for a in teams_actions(alert_card) if a.get("title") == "Full report"]
    assert button["data"]["msteams"] == {"type": "task/fetch"}

    response = await teams.invoke(_task_fetch(teams, button["data"], COMMS_MEMBER, posted_id))
    assert response["task"]["value"]["title"] == f"Report #{escalation_id}"
    shown = _task_words(response)
    assert LAST in shown and " ".join(shown.split()) == LONG_REPORT  # …the dialog is whole
    # Shown as text runs, never markdown, like the alert itself.
    assert not any(
        n.get("type") == "TextBlock" and CONCERN in str(n.get("text"))
        for n in teams_nodes(response["task"]["value"]["card"]["content"])
    )


async def test_only_comms_members_can_open_the_full_report(teams: TeamsHarness) -> None:
    _, alert, posted_id = await _alerted(teams, LONG_REPORT)
    [button] = [a for a in teams_actions(alert.cards()[0]) if a.get("title") == "Full report"]
    response = await teams.invoke(_task_fetch(teams, button["data"], OUTSIDER, posted_id))
    assert "Only members" in str(response)
    assert CONCERN not in str(response) and LAST not in str(response)


async def test_the_reminder_is_a_short_reply_in_the_alerts_thread(teams: TeamsHarness) -> None:
    escalation_id, alert, posted_id = await _alerted(teams, CONCERN)
    # Nobody acknowledged it: a dispatcher whose reminder is already due.
    settings = teams.services.settings.model_copy(update={"reminder_minutes": 0})
    due = Dispatcher(teams.store, list(teams.dispatcher.sinks.values()), settings)
    assert (await due.run_once()).reminders == 1
    [reminder] = [c for c in teams.connector.ok_calls() if c.conversation != COMMS_TEAM][-1:]
    assert reminder.conversation == f"{COMMS_TEAM};messageid={posted_id}"
    assert reminder.route == "send"
    text = reminder.text()
    assert f"Report #{escalation_id}" in text and "not been acknowledged" in text
    assert CONCERN not in text and "child" not in text  # never the words again
    assert [c for c in teams.connector.posted_to(COMMS_TEAM) if c.cards()] == [alert]
    await due.run_once()
    assert (await due.run_once()).reminders == 0  # one reminder, ever
