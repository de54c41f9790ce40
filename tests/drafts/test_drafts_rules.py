"""One draft that trips each rule and a near miss that does not, against the real policy."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from bot.core.drafts import DraftRequest, check_draft
from bot.core.models import PostCheck
from ingest.facts import extract_facts
from ingest.records import PolicyFacts, Section
from ingest.sections import parse_document

POLICY = Path(__file__).resolve().parents[2] / "knowledge" / "hra-social-media-policy.txt"


@lru_cache(maxsize=1)
def policy() -> tuple[tuple[Section, ...], PolicyFacts]:
    doc = parse_document(POLICY.read_text(encoding="utf-8"), POLICY.stem)
    return doc.sections, extract_facts(doc.sections)


def check(draft: str, question: str = "", platform: str | None = None) -> PostCheck:
    sections, facts = policy()
    return check_draft(DraftRequest(draft, question, platform), facts, sections)


def rules_of(result: PostCheck) -> set[str]:
    return {f.rule for f in result.findings}


# (rule, section, verdict, draft that trips it, near miss that must not trip it)
CASES = [
    (
        "disclaimer",
        "3.1",
        "review",
        "Proud of everything our team at the Health Research Authority achieved this year!",
        "Proud of everything our netball team achieved this year!",
    ),
    (
        "patient_data",
        "3.1",
        "do_not_post",
        "Met Margaret, 84, today - she has been living with Parkinson's for 20 years.",
        "Parkinson's research needs more volunteers - find a study near you.",
    ),
    (
        "patient_data",
        "3.1",
        "do_not_post",
        "Patient letter found: NHS no. 943 476 5919 - DM me if it's yours",
        "Order 943 476 5918 still hasn't arrived - three weeks now",
    ),
    (
        "confidential",
        "3.1",
        "do_not_post",
        "Just heard in HRA News that the approvals directorate is being restructured!",
        "Just read a great news story about a hedgehog rescue.",
    ),
    (
        "partners",
        "3.1",
        "do_not_post",
        "Massive thanks to our supplier TechNova Ltd for the new case management system at work!",
        "Massive thanks to my neighbour for fixing my fence!",
    ),
    (
        "abuse",
        "3.1",
        "do_not_post",
        "My manager at work is a total clown, can't believe she gets paid for this.",
        "My manager at work is brilliant, thanks for all the support.",
    ),
    (
        "abuse",
        "3.1",
        "do_not_post",
        "What a shit day, trains cancelled again.",
        "What a day, trains cancelled again.",
    ),
    (
        "politics_religion",
        "3.1",
        "review",
        "Vote Labour on Thursday - the Tories have wrecked the NHS.",
        "Great party atmosphere at the parkrun this morning!",
    ),
    (
        "media",
        "3.5",
        "do_not_post",
        "The @BBCNews piece about the HRA delaying trials is completely wrong.",
        "Reading the newspaper in the sun with a coffee.",
    ),
    (
        "whistleblowing",
        "3.1",
        "do_not_post",
        "Time to blow the whistle: management covered up serious safety problems.",
        "Referee blew the whistle early, we still won 3-1!",
    ),
    (
        "logo",
        "3.1",
        "do_not_post",
        "Proud to work for the HRA! [banner with the HRA logo]",
        "Love the new logo for our running club!",
    ),
    (
        "children",
        "3.2",
        "do_not_post",
        "Here's a photo from the school workshop with Amelia (age 9) designing a leaflet!",
        "Brilliant to see so many young people at the science fair today!",
    ),
    (
        "children",
        "3.2",
        "do_not_post",
        "Are you aged 9 to 12? Tell us what you think by commenting below!",
        "Happy 40th birthday to me, aged like a fine wine!",
    ),
    (
        "personal_data_collection",
        "3.2",
        "do_not_post",
        "Want to join our panel? Drop your email address and postcode in the comments!",
        "Want to join our panel? Sign up with the form on our website.",
    ),
    (
        "official_channels",
        "3.6",
        "do_not_post",
        "We've just launched a Facebook page for the Confidentiality Advisory Group - like and share!",
        "Just set up a new Instagram account for my cat.",
    ),
    (
        "survey",
        "3.8",
        "review",
        "Please fill in our survey on the new IRAS form! https://www.surveymonkey.co.uk/r/ABC",
        "Quick poll for my friends: tea or coffee?",
    ),
    (
        "veiled_attack",
        "3.1",
        "do_not_post",
        "Naming no names, but some people in my directorate still can't file a timesheet.",
        "My team can't wait to welcome our new starters next week!",
    ),
    (
        "paid_promotion",
        "3.1",
        "do_not_post",
        "Loving this ergonomic keyboard - use my code ANNA15 for 15% off! #ad",
        "Loving this ergonomic keyboard, best thing I bought this year.",
    ),
    (
        "paid_promotion",
        "3.1",
        "do_not_post",
        "Partnering with a desk brand this month - use my code DESK20 for 20% off!",
        "Shared doc for the workshop: anyone with the link can edit, please add your ideas.",
    ),
    (
        "guest_writing",
        "3.7",
        "review",
        "A health website asked me to write a guest blog: as a manager at the HRA, here is "
        "how approvals work.",
        "Wrote a guest blog for my running club about my first marathon.",
    ),
    (
        "work_contact",
        "3.2.1",
        "review",
        "New Instagram bio: dog person, baker, reach me at sam.jones@hra.nhs.uk",
        "New Instagram bio: dog person, baker, keen cyclist.",
    ),
    (
        "silent_edit",
        "3.1",
        "review",
        "I'll edit last week's thread quietly so nobody will notice the wrong date: "
        "'Our webinar is on 3 May.'",
        "Edited: I corrected the date in last week's thread. 'Our webinar is on 3 May.'",
    ),
    (
        "silent_edit",
        "3.1",
        "review",
        "Can I just quietly edit yesterday's post to this? 'The consultation closes on the 23rd.'",
        "Posting this as a correction rather than quietly editing the old post: "
        "'Correction: the consultation closes on the 23rd.'",
    ),
    (
        "speaks_for_hra",
        "3.1",
        "review",
        "I work at the HRA and I'm pretty sure the HRA's position is that option B is the "
        "way forward, so I'd go with that one.",
        "I work at the HRA. My own view, not the HRA's: option B looks like the way forward. "
        "This is my personal view and doesn't represent the position, strategy or opinions "
        "of the HRA.",
    ),
    (
        "professional_reference",
        "3.4",
        "do_not_post",
        "As her line manager at the HRA I can confirm Sam was an outstanding approvals officer "
        "and I recommend her for any role.",
        "I had the pleasure of working with Sam for three years and I recommend her for any role.",
    ),
]


@pytest.mark.parametrize(("rule", "section", "verdict", "trips", "near_miss"), CASES)
def test_rule_trips_and_near_miss_does_not(
    rule: str, section: str, verdict: str, trips: str, near_miss: str
) -> None:
    result = check(trips)
    finding = next(f for f in result.findings if f.rule == rule)
    assert finding.section == section
    assert "The policy says: “" in finding.explanation
    assert finding.fix
    assert result.verdict == verdict or result.verdict == "do_not_post"
    assert rule not in rules_of(check(near_miss))


def test_blog_draft_gets_the_blog_disclaimer_section() -> None:
    result = check(
        "In this post I reflect on ten years on a research ethics committee.", platform="blog"
    )
    finding = next(f for f in result.findings if f.rule == "disclaimer")
    assert finding.section == "3.3"


def test_linkedin_reference_gets_the_reference_disclaimer_section() -> None:
    result = check(
        "I had the pleasure of managing Priya at the HRA. I recommend her without hesitation.",
        question="Draft LinkedIn recommendation:",
        platform="linkedin",
    )
    finding = next(f for f in result.findings if f.rule == "disclaimer")
    assert finding.section == "3.4"


def test_a_reference_as_a_named_persons_manager_at_the_hra_is_professional() -> None:
    result = check(
        "As Priya's line manager at the HRA, I can confirm she met all of her objectives.",
        question="Priya asked me for a LinkedIn recommendation. Draft:",
        platform="linkedin",
    )
    assert "professional_reference" in rules_of(result) and result.verdict == "do_not_post"


def test_a_team_account_set_up_without_the_comms_team_is_not_postable() -> None:
    question = "The training team want their own Instagram account, I'll set it up today:"
    result = check("Hello from @HRA_TrainingHub! Follow us for course dates.", question=question)
    assert "official_channels" in rules_of(result) and result.verdict == "do_not_post"
    mine = check(
        "Course dates for the spring are on the HRA website.",
        question="Posting this from my own account:",
    )
    assert "official_channels" not in rules_of(mine)


def test_a_colleague_signed_off_with_stress_is_their_health() -> None:
    result = check("Sending love to my work wife, signed off with stress since March. Miss you!")
    assert "patient_data" in rules_of(result)
    assert "patient_data" not in rules_of(check("Sending love to my work wife on her birthday!"))


def test_a_dig_at_whoever_took_the_credit_is_a_veiled_attack() -> None:
    dig = "Shoutout to the manager who took all the credit for our team's work. Love that for you."
    assert "veiled_attack" in rules_of(check(dig))
    praise = "Shoutout to the manager who gave our team the credit for this work. Thank you!"
    assert "veiled_attack" not in rules_of(check(praise))


def test_airing_in_public_what_the_figures_hide_is_whistleblowing() -> None:
    claim = (
        "Someone has to say it: the approval times we publish leave out the hard cases, "
        "so the real picture is much worse."
    )
    assert "whistleblowing" in rules_of(check(claim))
    fact = "The approval times we publish are on our website, with how they are counted."
    assert "whistleblowing" not in rules_of(check(fact))


def test_telling_people_what_not_to_share_collects_nothing() -> None:
    advice = "Joining Tuesday's live? You don't need to share your full name or where you live."
    assert "personal_data_collection" not in rules_of(check(advice))
    ask = "Joining Tuesday's live? Share your full name and where you live in the comments."
    assert "personal_data_collection" in rules_of(check(ask))


def test_a_child_named_with_their_school_and_an_age_given_around_the_post() -> None:
    question = "Photo from our stall of little Sam Jones, aged 6, with his badge. Caption:"
    named = check("Sam Jones from Hilltop Primary, our newest research fan!", question=question)
    assert "children" in rules_of(named) and named.verdict == "do_not_post"
    unnamed = check("One of our youngest visitors, proudly wearing his badge!", question=question)
    assert "children" not in rules_of(unnamed)


@pytest.mark.parametrize(
    ("rule", "trips", "near_miss"),
    [
        (
            "patient_data",
            "Priya from our ethics committee is off sick with stress, send her a card!",
            "Priya from our ethics committee is off to Spain, send her a postcard!",
        ),
        (
            "paid_promotion",
            "A sponsor offered me £150 to share this: 'Join the KneeFlex study today!'",
            "Our charity raised £150 to share with the ward: thank you all!",
        ),
        (
            "whistleblowing",
            "I can't stay quiet any longer: the consent form on that study misleads people.",
            "I stayed quiet in the meeting, then asked my question about the consent form after.",
        ),
        (
            "veiled_attack",
            "Our committee chair must be the rudest man alive. Some people shouldn't be in charge.",
            "Our committee chair is the kindest man alive. Thank you for leading us!",
        ),
        (
            "official_channels",
            "Welcome to 'Inside Ethics', the official lay member blog! Monthly notes from our meetings.",
            "Great piece on the official HRA blog about plain-language summaries.",
        ),
        (
            "personal_data_collection",
            "Our committee wants your views! Name, age and postcode required, please.",
            "Our committee wants your views! No names needed.",
        ),
    ],
)
def test_breaches_said_in_other_words(rule: str, trips: str, near_miss: str) -> None:
    assert rule in rules_of(check(trips))
    assert rule not in rules_of(check(near_miss))


def test_speaking_on_behalf_of_the_hra_on_a_personal_account() -> None:
    result = check("On behalf of the HRA, I'm pleased to announce our new priorities!")
    assert "speaks_for_hra" in rules_of(result)
    mine = check("My own view, not the HRA's: these are good priorities.")
    assert "speaks_for_hra" not in rules_of(mine)


def test_a_reply_to_a_reporters_call_is_a_media_response() -> None:
    question = "A reporter put out a call on X for committee members. I'd like to reply publicly:"
    result = check("Happy to help! DM me and we can chat.", question=question)
    assert "media" in rules_of(result) and result.verdict == "do_not_post"


def test_a_reply_the_person_says_is_for_a_journalist_is_a_media_response() -> None:
    draft = "Hi! Happy to help, DMs open and happy to chat on or off the record."
    to_press = check(
        draft,
        question="A health journalist put out a call on X this week asking for people who "
        "work in research ethics. I've written this reply:",
    )
    assert "media" in rules_of(to_press) and to_press.verdict == "do_not_post"
    to_a_friend = check(
        draft, question="A friend put out a call on X asking for study buddies. My reply:"
    )
    assert "media" not in rules_of(to_a_friend)


def test_a_draft_with_the_disclaimer_needs_no_other() -> None:
    _, facts = policy()
    general = facts.disclaimer("general")
    assert general is not None
    draft = f"Great day at the HRA conference. {general.text.upper()}."
    assert "disclaimer" not in rules_of(check(draft))


def test_video_of_hra_work_is_review_under_3_6() -> None:
    result = check("How to fill in IRAS in 10 minutes", question="video for my YouTube channel")
    finding = next(f for f in result.findings if f.rule == "official_channels")
    assert finding.section == "3.6" and result.verdict == "review"


def test_partner_body_is_review_not_do_not_post() -> None:
    result = check("Brilliant joint workshop with our partners at the MHRA and NIHR today.")
    partners = next(f for f in result.findings if f.rule == "partners")
    assert partners.section == "3.1"
    assert result.verdict == "review"


def test_religion_is_review() -> None:
    result = check("Religion has no place in deciding which research goes ahead.")
    assert "politics_religion" in rules_of(result)
    assert result.verdict == "review"


def test_a_church_named_as_a_venue_is_not_religion() -> None:
    assert "politics_religion" not in rules_of(check("Cake stall at the church fete on Saturday!"))
    assert "politics_religion" not in rules_of(check("Quiz night in the church hall, 7pm, £3."))
    assert "politics_religion" in rules_of(check("The church should stay out of research ethics."))


def test_telling_people_how_to_vote_is_do_not_post() -> None:
    """Raising politics is review (§3.1 asks for care); campaigning is not postable."""
    assert check("Vote for the Green Party tomorrow, they'll fund the NHS!").verdict == (
        "do_not_post"
    )
    assert check("Interesting debate about NHS funding in Parliament today.").verdict == "review"


def test_a_person_singled_out_by_age_place_and_condition_is_patient_data() -> None:
    result = check(
        "Met a 61 year old man from Hull on our trial today, his rare condition is fascinating."
    )
    assert "patient_data" in rules_of(result)
    assert result.verdict == "do_not_post"
    near = check("Met some brilliant researchers from Hull at a conference on rare conditions.")
    assert "patient_data" not in rules_of(near)


def test_a_colleagues_health_is_not_postable() -> None:
    result = check("Welcome back to Priya from finance after her long sick leave!")
    assert "patient_data" in rules_of(result)
    assert "patient_data" not in rules_of(
        check("Welcome back to Priya from finance after her holiday!")
    )


def test_a_corporate_account_post_needs_no_personal_disclaimer() -> None:
    result = check(
        "We're hiring an Approvals Officer at the HRA, apply on NHS Jobs.", "corp account draft:"
    )
    assert "disclaimer" not in rules_of(result)


def test_explanations_never_repeat_personal_data() -> None:
    result = check("Update: Mr J Smith, NHS number 943 476 5919, DOB 14/02/1955, lives at LS6 2AB")
    text = " ".join(f.explanation + f.fix for f in result.findings)
    for value in ("943 476 5919", "14/02/1955", "LS6 2AB", "Smith"):
        assert value not in text


@pytest.mark.parametrize(
    ("rule", "near_miss", "trips"),
    [
        (
            "children",
            "We're hiring a Research Assistant, Band 4, hybrid. Apply on NHS Jobs by Friday!",
            "Well done to Amelia, 9, who came to our young people's workshop today!",
        ),
        (
            "politics_religion",
            "The defibrillator is now on the village hall wall: call 999 for the cabinet code.",
            "Another cabinet reshuffle, another health secretary. Here we go again.",
        ),
        (
            "whistleblowing",
            "Scam calls again: hang up and report it to Action Fraud. Nobody legit asks for your PIN.",
            "The sponsor is committing fraud with its recruitment figures and I'll say it here.",
        ),
    ],
)
def test_words_that_only_look_like_a_breach(rule: str, near_miss: str, trips: str) -> None:
    """A pay band is not a child's age, a defibrillator cabinet is not the Cabinet, and
    Action Fraud is where fraud is reported, not an accusation."""
    assert rule not in rules_of(check(near_miss))
    assert rule in rules_of(check(trips))
