"""Learned ranking and coverage through the whole assistant, and training reproducibility."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.core.models import Message
from bot.core.ranking.features import similarities
from bot.core.ranking.model import load_weights
from bot.core.ranking.scoring import make_query
from bot.core.ranking.train import fit_weights, same_weights
from tests.conftest import POLICY


def ask(core, text: str):
    return core.assistant.handle(Message(text=text))


def test_team_account_question_leads_with_the_official_accounts_rule(core):
    reply = ask(core, "can I set up a twitter account for my team?")
    assert reply.citations[0].section == "3.6"
    # The bullet is quoted with the words that open it, or it reads as a permission.
    assert "Staff must not set up Twitter accounts" in reply.text


def test_version_and_date_come_from_the_front_matter(core):
    reply = ask(core, "which version of the policy is this and when was it last updated?")
    assert reply.kind == "answer"
    assert reply.citations[0].section == "0"
    assert "Version 3.2" in reply.text
    assert "14 February 2023" in reply.text


def test_a_platform_the_policy_lists_is_covered(core):
    reply = ask(core, "does reddit count as social media under this policy?")
    assert reply.kind == "answer"
    assert reply.citations[0].section == "1"


def test_other_workplace_questions_are_refused(core):
    for text in (
        "how do I book a hot desk in the Leeds office?",
        "what's the deadline for submitting my timesheet this month?",
    ):
        assert ask(core, text).kind == "not_covered", text


def test_asking_for_a_contact_the_policy_does_not_hold_is_refused(core):
    # Asking for a number is evidence for coverage, not an override of it.
    assert ask(core, "what's the phone number of the payroll team?").kind == "not_covered"
    assert ask(core, "what's the comms team's email?").kind == "answer"


def test_a_fact_asked_for_is_quoted_whole(core):
    reply = ask(
        core, "what wording do I add when I write a LinkedIn recommendation for a colleague?"
    )
    wording = (
        "This reference is being made by me in a personal capacity. It is not intended and "
        "should not be construed as a reference from the HRA."
    )
    assert wording in reply.text
    assert reply.citations[0].section == "3.4"


def test_a_time_named_in_the_question_decides_the_lead_contact(core):
    # The core's clock says Wednesday 11:00 (business hours); Saturday is out of hours.
    reply = ask(core, "if a journalist rings me on Saturday, who do I contact?")
    assert reply.text.startswith("**Saturday (out of hours): call 07968 149916.**")
    now = ask(core, "if a journalist rings me, who do I contact?")
    # The hours are named as configured, never "now": the reply stays in the chat.
    assert now.text.startswith(
        "**Business hours (Mon–Fri 09:00–17:00): email communications@hra.nhs.uk.**"
    )


def test_a_time_mentioned_in_passing_does_not_lead_a_question_on_breaches(core):
    """ "Social media" is every question's subject, not the press: a training afternoon
    mentioned in a question about breaking the policy leads with no contact."""
    reply = ask(
        core,
        "What happens to a member of staff who does not comply with the social media policy? "
        "I ask because it came up at our members' training afternoon.",
    )
    assert "07968 149916" not in reply.text
    assert "communications@hra.nhs.uk" not in reply.text
    press = ask(core, "if the media call me about a post on Saturday afternoon, who do I contact?")
    assert press.text.startswith("**Saturday afternoon (out of hours): call 07968 149916.**")


def test_an_example_questions_own_key_is_left_out(core):
    retriever = core.assistant.retriever
    question = retriever.kb.questions[0]
    vector = retriever.kb.question_vectors[0]
    plain = similarities(retriever.index, make_query(core.kb, question.question, vector))
    left_out = similarities(
        retriever.index, make_query(core.kb, question.question, vector, question.question)
    )
    assert plain.keys[0] > 0.99
    assert left_out.keys[0] == -1.0
    assert np.array_equal(np.delete(plain.keys, 0), np.delete(left_out.keys, 0))


def test_a_policy_without_example_questions_still_answers(tmp_path: Path, embedder):
    from bot.app import build_core
    from bot.settings import Settings

    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(POLICY, folder / POLICY.name)  # no companion file beside it
    core = build_core(Settings(data_dir=tmp_path / "data", knowledge_dir=folder), embedder=embedder)
    assert core.kb.questions == []
    reply = ask(core, "Staff must not respond to requests for comment from media organisations?")
    assert reply.kind == "answer"
    assert reply.citations[0].section == "3.5"


@pytest.mark.retrain  # three CPU-minutes of fitting: opt-in (-m retrain), as the other retrains are
def test_retraining_reproduces_the_shipped_weights(core, embedder):
    training = fit_weights(core.kb, embedder.embed_batch)
    assert same_weights(load_weights(), training.weights)
    dev = training.figures["FAQ dev (keys: train split)"]
    assert dev.hit3 / dev.answerable >= 0.9
    # The blind dev batch (a writer the training never saw): the bars it was chosen by.
    batch = training.figures["answer batches, dev"]
    assert batch.oos_refused / batch.oos >= 0.8
    assert batch.answerable_refused / batch.answerable <= 0.03
