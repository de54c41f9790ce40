"""Questions about the document itself, asked as staff ask them: where it is kept, and
which other document or law it names (the real model, real Chroma, the shipped policy)."""

from __future__ import annotations

import pytest

from bot.core.models import Message, Reply
from bot.core.whereabouts import asks_whereabouts, states_whereabouts


def ask(core, text: str) -> Reply:
    return core.assistant.handle(Message(text=text))


@pytest.mark.parametrize(
    "text",
    [
        "where can staff find the social media policy",
        "Where should I point a new starter to read this policy?",
        "is there a copy kept anywhere else",
        "How is this policy distributed to staff?",
    ],
)
def test_where_the_document_is_is_asked(text):
    assert asks_whereabouts(text)


@pytest.mark.parametrize(
    "text",
    [
        "where in the policy does it say I can't use the logo?",
        "where do I report abuse I get online?",
        "where should I store photos of study participants?",
    ],
)
def test_other_where_questions_are_not(text):
    assert not asks_whereabouts(text)


def test_a_passage_saying_where_the_document_is_kept_is_told_from_others():
    assert states_whereabouts("A copy of this procedure is held on the staff intranet.")
    assert not states_whereabouts("Staff must keep their passwords safe.")


def test_where_to_find_the_policy_quotes_where_it_is_made_available_and_kept(core):
    reply = ask(core, "where can staff find the social media policy")
    assert reply.kind == "answer"
    assert reply.citations[0].section == "4.1"
    assert "HRA Atlas" in reply.text and "HRA hub central library" in reply.text


def test_the_master_copy_is_answered_by_where_a_copy_is_held(core):
    reply = ask(core, "Where's the master copy of the policy held?")
    assert reply.citations[0].section == "6"
    assert "HRA hub central library" in reply.text


def test_a_question_giving_its_reason_is_answered_not_checked_as_a_post(core):
    reply = ask(
        core,
        "where is the social media policy kept for staff to read, want to put a qr code "
        "on the noticeboard",
    )
    assert reply.kind == "answer"
    assert "HRA Atlas" in reply.text


def test_which_one_is_it_is_answered_with_the_other_policys_name(core):
    reply = ask(
        core,
        "does the social media policy cover going on facebook on the office wifi on my lunch "
        "or is that a different policy, which one is it",
    )
    assert "HRA Acceptable Use of ICT User Obligations Policy" in reply.text


def test_legislation_asked_for_is_quoted_by_name(core):
    reply = ask(core, "Which pieces of legislation are named in the safeguarding section?")
    assert reply.citations[0].section == "3.2"
    assert "Act" in reply.citations[0].quote


@pytest.mark.parametrize(
    "text",
    [
        "where do i get guidance on this policy, is there stuff on the intranet",
        "Where can staff get training or further guidance on using social media for work?",
        "I have a copy of the guidance saved on my desktop. Is it the latest version?",
    ],
)
def test_where_to_get_guidance_on_it_is_another_question(text):
    assert not asks_whereabouts(text)
