"""A fact asked for leads the quote: the passage naming it comes before its section's best."""

from __future__ import annotations

from bot.core.asked_facts import holds_fact
from bot.core.fact_hits import with_cited_fact, with_distinctive_section, with_fact_passage
from bot.core.passages import fact_in_next_section, select_passages
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


def test_two_platform_names_are_not_a_named_document():
    assert not holds_fact("Use tools such as Twitter and LinkedIn.", "which policy covers it?")
    assert holds_fact(
        "It is covered by the HRA Acceptable Use of ICT User Obligations Policy.",
        "which policy covers it?",
    )


def test_the_best_sections_passage_holding_the_asked_name_joins_the_hits():
    far = _hit("3.9", 5, "Files follow the HRA Information Governance Policies.", 0.0).chunk
    close = {far.id: 0.4}
    hits = with_fact_passage(
        "which policies apply to external sites?",
        [SECURITY, OTHER],
        lambda chunk: [SECURITY.chunk, far] if chunk.section == "3.9" else [],
        lambda chunk: close.get(chunk.id, 0.0),
    )
    assert [h.chunk for h in hits] == [SECURITY.chunk, far, OTHER.chunk]
    passages = select_passages("which policies apply to external sites?", hits)
    assert "Information Governance Policies" in passages[0].quote


def test_the_passage_using_the_questions_rare_word_leads_its_section():
    careful = _hit("3.2", 0, "Be careful how you use images of children.", 0.9)
    consent = _hit("3.2", 1, "Where necessary obtain written consent to use photographs.", 0.8)
    rare = {"consent": 1}
    question = "what consent do we need before using pictures of kids?"
    hits = with_fact_passage(
        question,
        [careful, OTHER, consent],
        lambda chunk: [careful.chunk, consent.chunk] if chunk.section == "3.2" else [],
        lambda chunk: 0.5,
        lambda word: rare.get(word, 9),
    )
    assert [h.chunk for h in hits] == [consent.chunk, careful.chunk, OTHER.chunk]
    assert "written consent" in select_passages(question, hits)[0].quote


def test_a_word_many_passages_use_moves_nothing():
    careful = _hit("3.2", 0, "Be careful how you use images of children.", 0.9)
    consent = _hit("3.2", 1, "Where necessary obtain written consent to use photographs.", 0.8)
    hits = with_fact_passage(
        "what consent do we need before using pictures of kids?",
        [careful, consent],
        lambda chunk: [careful.chunk, consent.chunk],
        lambda chunk: 0.5,
        lambda word: 9,
    )
    assert [h.chunk for h in hits] == [careful.chunk, consent.chunk]


PLATFORM = _hit("3.4", 0, "On sites such as LinkedIn, references are the focus.", 0.95)
EQUIPMENT = _hit(
    "3.1",
    3,
    "Use of HRA equipment in your own time is covered by the HRA Acceptable Use of ICT "
    "User Obligations Policy.",
    0.47,
)


def test_a_name_asked_for_is_quoted_from_the_next_close_section_when_the_best_has_none():
    question = "browsing LinkedIn on my work laptop: which policy covers that, exact name?"
    passages = select_passages(question, [PLATFORM, EQUIPMENT])
    assert [p.chunk.section for p in passages] == ["3.4", "3.1"]
    assert "Acceptable Use of ICT User Obligations Policy" in passages[1].quote


def test_a_far_sections_name_is_not_moved_ahead_of_the_best_sections_passages():
    far = _hit("3.1", 3, EQUIPMENT.chunk.text, 0.3)
    second = _hit("3.4", 1, "You may provide a personal reference on LinkedIn.", 0.9)
    question = "browsing LinkedIn on my work laptop: which policy covers that, exact name?"
    assert fact_in_next_section(question, [PLATFORM, second, EQUIPMENT]) is EQUIPMENT
    assert fact_in_next_section(question, [PLATFORM, second, far]) is None
    quoted = select_passages(question, [PLATFORM, second, far])
    assert [p.chunk.section for p in quoted] == ["3.4", "3.4"]


def test_a_question_asking_for_no_fact_quotes_no_other_section():
    plain = "can I browse LinkedIn on my work laptop?"
    assert [p.chunk.section for p in select_passages(plain, [PLATFORM, EQUIPMENT])] == ["3.4"]


def test_a_rare_word_far_from_the_question_in_meaning_moves_nothing():
    media = _hit("3.1", 0, "If someone from the media contacts you, tell the comms team.", 0.9)
    accounts = _hit("3.1", 1, "People tend to keep just one Twitter account.", 0.8)
    private = _hit("3.1", 2, "Don't report on conversations that are private.", 0.7)
    close = {media.chunk.id: 0.6, accounts.chunk.id: 0.1, private.chunk.id: 0.3}
    rare = {"one": 1, "report": 1}
    question = "if a reporter messaged me about one of my posts what would i do"
    hits = with_fact_passage(
        question,
        [media, accounts, private],
        lambda chunk: [media.chunk, accounts.chunk, private.chunk],
        lambda chunk: close[chunk.id],
        lambda word: rare.get(word, 9),
    )
    # "one" is rare but the passage using it reads far from the question; "reporter" is
    # the synonym table's word for the media, not the stem "report" of another bullet.
    assert hits[0].chunk == media.chunk


CONCERNS = _hit("3.1", 0, "If you have concerns about any issue this policy covers, ask us.", 0.86)
PERSONAL = _hit("3.1", 1, "Posts made through personal accounts can be seen by anyone.", 0.77)
PURPOSE = _hit("1", 0, "This document gives guidance to staff on social media.", 0.25)
LISTED = _hit("1", 1, "This includes Facebook, Twitter, TikTok, Reddit and others.", 0.0).chunk


def _sections(chunk: Chunk) -> list[Chunk]:
    if chunk.section == "1":
        return [PURPOSE.chunk, LISTED]
    return [CONCERNS.chunk, PERSONAL.chunk]


def test_a_platform_named_only_in_a_cited_sections_list_is_quoted_from_it():
    question = "is reddit covered? i post there from my own acct"
    hits = with_distinctive_section(
        question,
        [CONCERNS, PERSONAL, PURPOSE],
        _sections,
        lambda chunk: 0.5 if chunk is LISTED else 0.4,
        lambda word: {"reddit": 1}.get(word, 9),
        floor=0.02,
    )
    assert [h.chunk for h in hits[:2]] == [CONCERNS.chunk, LISTED]
    quoted = select_passages(question, hits)
    assert [p.chunk.section for p in quoted] == ["3.1", "1"]
    assert "Reddit" in quoted[1].quote


def test_a_distinctive_word_the_best_section_uses_or_an_uncited_section_moves_nothing():
    hits = [CONCERNS, PERSONAL, PURPOSE]
    rare = {"reddit": 1, "personal": 1}
    args = (_sections, lambda chunk: 0.5, lambda word: rare.get(word, 9))
    # The best section uses "personal" itself: its own passages answer.
    assert with_distinctive_section("my personal acct?", hits, *args, floor=0.02) == hits
    # §1 scores under the citations' floor: it is not cited, so not quoted.
    assert with_distinctive_section("is reddit covered?", hits, *args, floor=0.5) == hits


def test_another_cited_sections_passage_naming_the_owner_is_quoted_second():
    """ "Who is ultimately responsible for this policy? … committee members" leads with
    §2 on committee members, which names no owner; §3.11's passage naming the director
    is quoted second, not its list of where guidance comes from."""
    scope = _hit("2", 0, "The principles of this policy apply to REC and CAG members.", 0.9)
    sources = _hit("3.11", 1, "Staff will receive guidance from the Communications Team.", 0.5)
    owner = _hit(
        "3.11",
        0,
        "Overall responsibility for the social media policy lies with the Director for Policy "
        "and Partnerships.",
        0.2,
    )
    sections = {"2": [scope.chunk], "3.11": [sources.chunk, owner.chunk]}
    using = {"respons": 1, "polici": 5, "social": 8, "media": 8, "committe": 2, "member": 2}
    question = (
        "Who is ultimately responsible for this social media policy? I ask for committee members."
    )
    hits = with_cited_fact(
        question,
        [scope, sources],
        lambda chunk: sections[chunk.section],
        lambda chunk: 0.5,
        lambda stem: using.get(stem, 0),
        floor=0.02,
    )
    assert [h.chunk.section for h in hits[:2]] == ["2", "3.11"]
    assert "Director for Policy and Partnerships" in hits[1].chunk.text
    # Nothing asked for by name: the hits stay as retrieval ranked them.
    plain = "Does this social media policy apply to committee members?"
    assert with_cited_fact(
        plain,
        [scope, sources],
        lambda c: sections[c.section],
        lambda c: 0.5,
        lambda s: 1,
        floor=0.02,
    ) == [scope, sources]
