"""A fact asked for leads the quote: the passage naming it comes before its section's best."""

from __future__ import annotations

from bot.core.passages import select_passages
from bot.core.retrieval import Hit
from ingest.records import Chunk


def _hit(section: str, ordinal: int, text: str, score: float) -> Hit:
    chunk = Chunk(
        document="policy", section=section, title="t", heading_path="t", text=text, ordinal=ordinal
    )
    return Hit(chunk=chunk, score=score, dense=score, lexical=0.0)


SECURITY = _hit(
    "3.9", 0, "You must carefully consider security when you work on external sites.", 0.9
)
NAMED = _hit(
    "3.9", 1, "Work stored there must comply with the HRA Information Governance Policies.", 0.5
)
OTHER = _hit("3.1", 0, "Staff should use their own discretion and common sense online.", 0.85)


def test_a_question_asking_for_a_name_is_answered_by_the_passage_naming_it():
    passages = select_passages(
        "which policies does work on external sites have to follow?", [SECURITY, OTHER, NAMED]
    )
    assert "Information Governance Policies" in passages[0].quote
    assert passages[0].chunk.section == "3.9"


def test_a_question_asking_for_no_fact_keeps_the_ranked_order():
    passages = select_passages("is security on external sites my job?", [SECURITY, OTHER, NAMED])
    assert [p.quote for p in passages] == [SECURITY.chunk.text, OTHER.chunk.text]
