"""A message that is both a safeguarding report and the sender's own post, through the
real Agents SDK app and the fake Bot Connector: the report's card first, then the check
of the post as a card of its own, both kept out of a shared channel."""

from __future__ import annotations

from conftest import TeamsHarness
from teams_activities import (
    ALICE,
    OTHER_TEAM,
    channel_mention,
    personal_conversation,
    personal_message,
)

REPLY_TO_A_TEEN = (
    "reply for the work insta to a teen who commented: "
    '"thanks for getting involved! can u DM us ur email and school so we can add you?"'
)
ALICE_CHAT = personal_conversation(ALICE)


async def test_in_a_chat_the_report_card_comes_first_then_the_check(teams: TeamsHarness) -> None:
    assert (await teams.post(personal_message(teams.service_url, REPLY_TO_A_TEEN))).status == 202
    report, check = teams.connector.posted_to(ALICE_CHAT["id"])
    assert "report #" in report.text() and "Do not post" not in report.text()
    assert "Do not post" in check.text() and "§3.2" in check.text()
    [row] = teams.store.list()
    assert row.kind == "safeguarding"


async def test_in_a_channel_both_go_to_the_private_chat_with_one_note(teams: TeamsHarness) -> None:
    activity = channel_mention(teams.service_url, REPLY_TO_A_TEEN, team=OTHER_TEAM)
    assert (await teams.post(activity)).status == 202
    [public] = teams.connector.posted_to(OTHER_TEAM)  # one neutral note, not one a card
    assert public.cards() == [] and "teen" not in public.text()
    private = [c for c in teams.connector.ok_calls("send") if c.conversation.startswith("a:")]
    assert len(private) == 2 and "Do not post" in private[1].text()
