from ingest.chunks import MAX_CHARS, chunk_sections
from ingest.facts import extract_facts
from ingest.sections import parse_document
from tests.conftest import POLICY

EXPECTED = {
    "1": "Purpose",
    "2": "Scope",
    "3": "Scope",
    "3.1": "Participating in online activities",
    "3.2": "Safeguarding",
    "3.2.1": "Safeguarding yourself",
    "3.3": "Personal blogs",
    "3.4": "References and endorsements",
    "3.5": "Responding to the media",
    "3.6": "Representing the HRA online when acting in an official capacity",
    "3.7": "Official HRA blogs",
    "3.8": "Online surveys",
    "3.9": "Participation in collaborative communities of practice",
    "3.10": "Non compliance",
    "3.11": "Accountability, responsibilities and training",
    "4": "Distribution and implementation",
    "4.1": "Distribution plan",
    "4.2": "Training plan",
    "5": "Management of documents and records",
    "6": "Dissemination and publication of the document",
    "7": "Screening questions - HRA Equality Analysis and Privacy Impact Assessment",
}


def parsed():
    return parse_document(POLICY.read_text(encoding="utf-8"), POLICY.stem)


def test_every_numbered_section_is_found_with_its_title():
    doc = parsed()
    assert {s.number: s.title for s in doc.sections} == EXPECTED
    assert [s.number for s in doc.sections] == list(EXPECTED)


def test_front_matter_version_and_dates():
    info = parsed().info
    assert info.title == "Social media policy"
    assert info.version == "3.2"
    assert "Last updated 14 February 2023" in info.dates
    assert "Last updated on 18 Oct 2023" in info.dates


def test_heading_path_and_bullets():
    doc = parsed()
    own = next(s for s in doc.sections if s.number == "3.2.1")
    assert own.heading_path[-2:] == ("3.2 Safeguarding", "3.2.1 Safeguarding yourself")
    assert own.bullets.count(True) == 6
    assert own.blocks[1].startswith("ensure that your privacy settings")


def test_rule_paragraph_without_bullet_stays_in_3_1():
    section = next(s for s in parsed().sections if s.number == "3.1")
    respect = [b for b in section.blocks if b.startswith("Respect copyright")]
    assert len(respect) == 1
    assert "Never post any information that can be used to identify a patient" in respect[0]


def test_chunks_never_span_sections_and_carry_their_title():
    doc = parsed()
    chunks = chunk_sections(doc.sections)
    by_section = {s.number: s.text for s in doc.sections}
    for chunk in chunks:
        # Every sentence of a chunk is in its own section's text.
        for piece in chunk.text.replace("; ", ".").split(". ")[:2]:
            assert piece.strip(" .:;")[:40] in by_section[chunk.section]
        assert chunk.title in chunk.embed_text
        assert len(chunk.text) <= MAX_CHARS * 1.5
    assert len({c.id for c in chunks}) == len(chunks)


def test_short_risk_bullets_are_kept_with_their_lead_in():
    chunks = chunk_sections(parsed().sections)
    risks = [c for c in chunks if c.text.startswith("Potential risks can include")]
    assert len(risks) == 1 and "grooming, exploitation or stalking" in risks[0].text


def test_contacts_and_disclaimers_come_from_the_text():
    facts = extract_facts(parsed().sections)
    out_of_hours = facts.contact("out of hours")
    business = facts.contact("business hours")
    assert out_of_hours and out_of_hours.value == "07968 149916" and out_of_hours.kind == "phone"
    assert business and business.value == "communications@hra.nhs.uk"
    assert any(c.value == "quality.assurance@hra.nhs.uk" for c in facts.contacts)
    general, blog, reference = (facts.disclaimer(k) for k in ("general", "blog", "reference"))
    assert (
        general and general.section == "3.1" and general.text.startswith("this is my personal view")
    )
    assert "doesn't represent the position" in general.text
    assert blog and blog.text == (
        "Any views expressed in this blog are entirely my own and not those of my employer."
    )
    assert reference and reference.section == "3.4"
    assert reference.text.startswith("This reference is being made by me in a personal capacity.")


def test_a_changed_number_changes_the_fact():
    text = POLICY.read_text(encoding="utf-8").replace("07968 149916", "07700 900123")
    facts = extract_facts(parse_document(text, "edited").sections)
    assert facts.contact("out of hours").value == "07700 900123"


def test_unnumbered_document_still_gets_citable_sections():
    text = "Expenses guide\n\nTravel\n\nClaim travel within 30 days.\n\nMeals\n\nKeep receipts."
    doc = parse_document(text, "expenses")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Travel"), ("2", "Meals")]
    assert doc.sections[0].blocks == ("Claim travel within 30 days.",)
