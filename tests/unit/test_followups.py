"""Follow-ups in a thread are read with the question before them; others are read alone."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.core.followup import in_context, is_follow_up, opens_with_follow_up


@pytest.mark.parametrize(
    "text", ["and on LinkedIn?", "and who do I ask?", "what if it's my own account?", "Instagram?"]
)
def test_elliptical_messages_are_follow_ups(text):
    assert is_follow_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "can I set up a twitter account for my team?",
        "what's the disclaimer wording for my personal blog?",
        "a journalist emailed me about a study, who do I contact?",
    ],
)
def test_self_contained_questions_are_not(text):
    assert not is_follow_up(text)


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("And in office hours? Is it a phone number too, or email? I'm writing it up.", True),
        ("But what happens once it's reported? I don't want to promise the wrong thing.", True),
        # Thanks first, then a question of its own; a self-contained first question.
        ("Thanks! Another one: what's the disclaimer for my blog?", False),
        ("Can I set up a team account on X? We'd like one for the spring campaign.", False),
    ],
)
def test_a_message_opening_with_an_elliptical_question_is_a_follow_up(text, opens):
    assert opens_with_follow_up(text) is opens


def test_a_name_the_policy_lists_takes_the_place_of_the_previous_one():
    names = frozenset({"twitter", "linkedin"})
    previous = "can I set up a twitter account for my team?"
    assert in_context("and on LinkedIn?", previous, names) == (
        "can I set up a LinkedIn account for my team?"
    )
    assert in_context("and who do I ask?", previous, names) == f"{previous} and who do I ask?"


@pytest.fixture
def shared_core(core, monkeypatch: pytest.MonkeyPatch):
    # The session's core (same store, model and thread memory in its own database) instead
    # of a first-use ingest per test: the command line is still the real one.
    monkeypatch.setattr("bot.cli._core", lambda _settings: core)
    return core


def _ask(lines: list[dict]) -> dict[str, dict]:
    payload = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = CliRunner().invoke(main, ["ask", "--jsonl", "-"], input=payload)
    assert result.exit_code == 0, result.output
    replies = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    return {r["id"]: r for r in replies}


def test_jsonl_lines_sharing_a_thread_are_one_conversation(shared_core):
    replies = _ask(
        [
            {"id": "1", "thread": "a", "text": "can I set up a twitter account for my team?"},
            {"id": "2", "thread": "a", "text": "and on LinkedIn?"},
            {"id": "3", "thread": "a", "text": "and who do I ask?"},
            {"id": "4", "text": "and on LinkedIn?"},
            {
                "id": "5",
                "thread": "a",
                "text": "what's the disclaimer wording for my personal blog?",
            },
        ]
    )
    assert replies["1"]["citations"][0]["section"] == "3.6"
    # In the thread, the follow-ups stay on setting up accounts (§3.6) ...
    assert replies["2"]["citations"][0]["section"] == "3.6"
    assert replies["3"]["kind"] == "answer"
    assert replies["3"]["citations"][0]["section"] == "3.6"
    # ... alone, "and on LinkedIn?" is read as it stands ...
    assert replies["4"]["citations"][0]["section"] != "3.6"
    # ... and a self-contained question in the same thread is read alone.
    assert replies["5"]["citations"][0]["section"] == "3.3"


def test_a_thread_turn_the_policy_does_not_answer_alone_is_read_with_its_subject(shared_core):
    replies = _ask(
        [
            {"id": "r", "thread": "b", "text": "May I recommend a former colleague on LinkedIn?"},
            {"id": "w", "thread": "b", "text": "Great. Is there a set form of words to finish it?"},
            {
                "id": "x",
                "thread": "c",
                "text": "someone keeps posting abusive replies to me on "
                "instagram since I mentioned working at the HRA",
            },
            {"id": "y", "thread": "c", "text": "should I block them or argue back"},
        ]
    )
    assert replies["w"]["kind"] == "answer"
    # The two-sentence disclaimer whole, never cut at its inner full stop.
    assert "personal capacity. It is not intended" in replies["w"]["text"]
    assert replies["x"]["kind"] == "escalation"
    # A report is the thread's subject too.
    assert replies["y"]["kind"] == "answer"
    assert replies["y"]["citations"][0]["section"] == "3.2.1"


def test_a_follow_up_is_not_led_by_the_sentence_that_answered_its_question(shared_core):
    replies = _ask(
        [
            {"id": "1", "thread": "d", "text": "who is responsible for this policy?"},
            {"id": "2", "thread": "d", "text": "and higher up, for procedural documents overall?"},
        ]
    )
    assert "Director for Policy and Partnerships" in replies["1"]["text"].split("\n")[0]
    assert "Chief Executive" in replies["2"]["text"].split("\n")[0]


def test_who_to_tell_after_a_rule_that_sends_you_to_comms_leads_with_their_contacts(
    shared_core,
):
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "g",
                "text": "a news site got a fact about us wrong, can I reply?",
            },
            {"id": "2", "thread": "g", "text": "ok so who do i tell"},
            {"id": "3", "thread": "h", "text": "can I share a colleague's news on Facebook?"},
            {"id": "4", "thread": "h", "text": "ok so who do i tell"},
        ]
    )
    assert replies["2"]["citations"][0]["section"] == "3.5"
    lead = replies["2"]["text"].split("\n")[0]
    assert "communications@hra.nhs.uk" in lead and "07968 149916" in lead
    # A rule that sends nobody to the team does not make its contacts the answer.
    assert "communications@hra.nhs.uk" not in replies["4"]["text"].split("\n")[0]


def test_a_follow_up_naming_another_place_to_post_gets_that_places_disclaimer(shared_core):
    replies = _ask(
        [
            {"id": "1", "thread": "k", "text": "what disclaimer goes on my personal blog?"},
            {"id": "2", "thread": "k", "text": "and for bluesky posts? same wording?"},
            {"id": "3", "thread": "m", "text": "what disclaimer goes on my personal blog?"},
            {"id": "4", "thread": "m", "text": "and for a LinkedIn recommendation?"},
            {"id": "5", "thread": "n", "text": "what disclaimer goes on my personal blog?"},
            {"id": "6", "thread": "n", "text": "and if I post it on my other blog too?"},
        ]
    )
    blog = "entirely my own and not those of my employer"
    assert blog in replies["1"]["text"].split("\n")[0]
    assert "doesn't represent the position" in replies["2"]["text"].split("\n")[0]
    assert "personal capacity" in replies["4"]["text"].split("\n")[0]
    assert blog in replies["6"]["text"].split("\n")[0]  # still a blog: the thread's wording


def test_a_follow_up_setting_the_blog_aside_or_comparing_gets_the_other_wording(shared_core):
    replies = _ask(
        [
            {"id": "1", "thread": "k", "text": "is a disclaimer needed on a personal blog?"},
            {"id": "2", "thread": "k", "text": "what about a LinkedIn article rather than a blog?"},
            {"id": "3", "text": "is the disclaimer for my LinkedIn posts the same as my blog's?"},
        ]
    )
    general, blog = "doesn't represent the position", "not those of my employer"
    lead = replies["2"]["text"].split("\n")[0]
    assert general in lead and blog not in lead
    # Compared, both wordings are given, each labelled with where it goes.
    first, second = replies["3"]["text"].split("\n\n")[:2]
    assert general in first and "elsewhere online" in first
    assert blog in second and "a personal blog" in second
    assert [c["section"] for c in replies["3"]["citations"]][:2] == ["3.1", "3.3"]


def test_a_self_contained_question_the_policy_does_not_answer_is_refused_in_a_thread(
    shared_core,
):
    replies = _ask(
        [
            {"id": "1", "thread": "e", "text": "can I post team photos on Instagram?"},
            {"id": "2", "thread": "e", "text": "what is the HRA policy on working from home?"},
            {"id": "3", "thread": "e", "text": "how many days of annual leave do I get?"},
        ]
    )
    assert replies["1"]["kind"] == "answer"
    assert replies["2"]["kind"] == replies["3"]["kind"] == "not_covered"


def test_asking_for_the_exact_text_leans_on_the_turn_before() -> None:
    from bot.core.followup import leans_on_previous

    assert leans_on_previous("what's the exact text I have to add?")
    assert not leans_on_previous("what does the policy say about blogs?")


def test_a_follow_up_asking_who_is_answered_with_the_name_it_asks_for(shared_core):
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "w",
                "text": "we want a shared online space with university partners, what should we consider?",
            },
            {"id": "2", "thread": "w", "text": "who do we contact first?"},
            {"id": "3", "thread": "o", "text": "what happens if I break the social media policy?"},
            {"id": "4", "thread": "o", "text": "and who is responsible for the policy as a whole?"},
        ]
    )
    assert replies["1"]["citations"][0]["section"] == "3.9"
    assert "HRA IT team" in replies["2"]["text"]
    assert replies["3"]["citations"][0]["section"] == "3.10"
    # The thread's section leads; the name asked for comes from the section that holds it.
    assert "Director for Policy and Partnerships" in replies["4"]["text"]


def test_a_short_question_on_the_same_subject_is_answered_in_its_thread(shared_core):
    # Neither message names the survey again: "the completed form" and "the form" are
    # the one §3.8 asks for, and the answer is its address or its name.
    replies = _ask(
        [
            {"id": "1", "thread": "s", "text": "we want to survey our suppliers online, how?"},
            {"id": "2", "thread": "s", "text": "Where does the completed form get sent?"},
            {"id": "3", "thread": "n", "text": "we want to survey our suppliers online, how?"},
            {"id": "4", "thread": "n", "text": "what's that form called, exactly?"},
        ]
    )
    assert replies["2"]["kind"] == replies["4"]["kind"] == "answer"
    assert replies["2"]["citations"][0]["section"] == "3.8"
    assert "quality.assurance@hra.nhs.uk" in replies["2"]["text"]
    assert "Survey checklist and authorisation form" in replies["4"]["text"]


def test_a_message_leaning_on_the_turn_before_is_read_with_it_even_if_it_looks_answerable(
    shared_core,
):
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "r",
                "text": "may I write a LinkedIn recommendation for a contractor we used?",
            },
            {"id": "2", "thread": "r", "text": "Right. What do I have to add to it, exactly?"},
        ]
    )
    assert replies["2"]["citations"][0]["section"] == "3.4"
    assert "should not be construed as a reference from the HRA" in replies["2"]["text"]


def test_a_follow_up_that_changes_the_subject_is_answered_on_its_own_subject(shared_core):
    replies = _ask(
        [
            {"id": "1", "thread": "c", "text": "can I set up a Facebook page for my team?"},
            {
                "id": "2",
                "thread": "c",
                "text": "fair enough, what about writing an official blog on the HRA "
                "website instead, how do I go about that?",
            },
        ]
    )
    assert replies["2"]["citations"][0]["section"] == "3.7"


@pytest.mark.parametrize(
    "second", ["what about annual leave?", "and how do I claim expenses for the train?"]
)
def test_an_out_of_scope_question_stays_out_of_scope_in_a_thread(shared_core, second):
    replies = _ask(
        [
            {"id": "1", "thread": "o", "text": "can I post about my research on LinkedIn?"},
            {"id": "2", "thread": "o", "text": second},
        ]
    )
    assert replies["1"]["kind"] == "answer"
    assert replies["2"]["kind"] == "not_covered"


def test_a_follow_up_that_only_names_another_time_is_still_answered(shared_core):
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "t",
                "text": "if a reporter ever asks me about one of my posts, who do I contact?",
            },
            {"id": "2", "thread": "t", "text": "and if it's a saturday night?"},
        ]
    )
    assert replies["2"]["kind"] == "answer"
    assert "Saturday" in replies["2"]["text"]


def test_a_long_follow_up_opening_elliptically_is_answered_for_the_time_it_names(shared_core):
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "w",
                "text": "For our team guide: if the media ever contact someone about their "
                "posts after 6pm, which number does the policy say to ring?",
            },
            {
                "id": "2",
                "thread": "w",
                "text": "And during the working day? Is it a phone number as well, or email "
                "only? I want both rows of our crib sheet right.",
            },
        ]
    )
    assert replies["1"]["text"].splitlines()[0].count("07968 149916") == 1
    lead = replies["2"]["text"].splitlines()[0]
    assert replies["2"]["kind"] == "answer"
    # The time this turn names leads, not the 7pm of the turn before.
    assert "communications@hra.nhs.uk" in lead.split("Out of hours")[0], lead


def test_a_whom_to_contact_follow_up_is_answered_by_the_team_the_thread_s_section_names(
    shared_core,
):
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "c",
                "text": "We'd like an online workspace shared with an outside supplier for a "
                "project's documents. What should we think about?",
            },
            {"id": "2", "thread": "c", "text": "Who do I contact first, before anything is made?"},
        ]
    )
    second = replies["2"]
    assert second["kind"] == "answer"
    assert second["citations"][0]["section"] == "3.9"
    # The sentence naming the team leads, not the comms team's numbers.
    assert "HRA IT team" in second["text"].splitlines()[0]


def test_an_and_if_question_naming_its_own_subject_is_answered_on_it(shared_core):
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "n",
                "text": "Which policy covers using my work laptop for my own Twitter account "
                "in the evenings?",
            },
            {
                "id": "2",
                "thread": "n",
                "text": "and if a member of staff broke the social media policy, what would "
                "the consequences be?",
            },
        ]
    )
    assert replies["1"]["citations"][0]["section"] == "3.1"
    # Read with the laptop question, §3.1's ICT sentence led; §3.10 answers this one.
    assert [c["section"] for c in replies["2"]["citations"]][:1] == ["3.10"]
    assert "Acceptable Use of ICT" not in replies["2"]["text"].splitlines()[0]


def test_a_follow_up_asking_if_anything_must_be_added_gets_the_wording_again(shared_core):
    # The first answer quoted the reference disclaimer; asking what must go at the end of
    # the reference asks for that wording, not for another sentence of the section.
    replies = _ask(
        [
            {
                "id": "1",
                "thread": "r",
                "text": "can I write a LinkedIn recommendation for a lad who used to work "
                "with me? he's moved to the NHS now",
            },
            {"id": "2", "thread": "r", "text": "is there anything I have to put at the end of it?"},
        ]
    )
    assert "personal capacity" in replies["1"]["text"]
    assert "should not be construed as a reference from the HRA" in replies["2"]["text"]
