"""What a question asks for, read from its words: pure."""

from __future__ import annotations

from bot.core import intents
from bot.core.asked_facts import holds_exact_fact

REFERENCE = (
    "You may provide a personal reference provided you include the disclaimer below: "
    "‘This reference is being made by me in a personal capacity. It is not intended and "
    "should not be construed as a reference from the HRA.’"
)


def test_a_follow_up_asking_what_to_add_asks_for_the_wording_again() -> None:
    assert holds_exact_fact(REFERENCE, "what do i need to add to it then")
    assert holds_exact_fact(REFERENCE, "So what exactly do I need to put at the bottom of it?")
    assert not holds_exact_fact(REFERENCE, "and is that the same on Facebook?")


def test_a_time_named_in_a_question_about_the_media_asks_which_contact_applies() -> None:
    assert intents.about_comms("if a journalist dm'd me about my posts, and it's Sunday evening?")
    assert not intents.about_comms("can I post my holiday photos on Saturday?")


def test_a_question_for_a_role_is_answered_by_the_two_word_role_it_names() -> None:
    from bot.core.asked_facts import holds_fact

    chief = "Overall accountability for procedural documents lies with the Chief Executive."
    assert holds_fact(chief, "who is accountable for procedural documents, which role?")
    # A document is named at more length: two capitalised words are not its name.
    assert not holds_fact("Use tools such as HRA Atlas with care.", "which policies apply?")


def test_asking_what_words_to_put_at_the_bottom_asks_for_the_disclaimer() -> None:
    question = "What words should I put at the bottom if I'm giving my own opinion on Facebook?"
    assert intents.disclaimer_context(question) == ("general",)
    assert intents.disclaimer_context("What does the policy say about politics?") == ()


def test_who_to_contact_first_is_answered_by_the_team_it_names() -> None:
    from bot.core.asked_facts import holds_fact

    it_team = (
        "If you have a requirement to set up a new collaboration space, you should contact "
        "the HRA IT team for general advice before contacting the IT Service Desk."
    )
    assert holds_fact(it_team, "ok and who do we contact first?")
    assert holds_fact(it_team, "who would I need to loop in?")


def test_who_is_in_charge_is_not_answered_by_a_document_name() -> None:
    from bot.core.asked_facts import holds_fact

    breaches = (
        "Non-compliance may lead to disciplinary action in accordance with the HRA "
        "Disciplinary Policy, or be treated under the Disciplinary Procedure."
    )
    director = "Overall responsibility lies with the Director for Policy and Partnerships."
    for question in ("and who's in charge of it?", "whos responsible for it", "who even owns it"):
        assert not holds_fact(breaches, question)
        assert holds_fact(director, question)
    # Asked for by name, a document is still the answer.
    assert holds_fact(breaches, "which policy decides the disciplinary action?")


def test_everyday_ways_of_asking_for_a_disclaimer() -> None:
    own = "do I need to add a line saying it's just my own opinion when I share on Instagram?"
    assert intents.disclaimer_context(own) == ("general",)
    blog = "what should I write on my blog so readers know it isn't the HRA speaking?"
    assert intents.disclaimer_context(blog) == ("blog",)
    reference = "I've written a LinkedIn recommendation for Sam, do I need to add anything?"
    assert intents.disclaimer_context(reference) == ("reference",)


def test_asking_whom_to_loop_in_asks_whom_to_tell() -> None:
    assert intents.asks_whom_to_tell("who would I need to loop in, and how?")
    assert intents.asks_whom_to_tell("who should we notify?")
    assert not intents.asks_whom_to_tell("can I loop my manager into a LinkedIn thread?")


def test_a_follow_up_asks_for_the_wording_of_the_venue_it_turns_to() -> None:
    def follow_up(first: str, then: str) -> tuple[str, ...]:
        return intents.disclaimer_context(f"{first} {then}", then)

    blog = "Is a disclaimer required on a personal blog, and if so in what terms?"
    assert follow_up(blog, "What about a LinkedIn article rather than a blog?") == ("general",)
    substack = "What exactly must I add to a personal Substack if it touches on work?"
    assert follow_up(substack, "And for a comment elsewhere? Is it the same wording?") == (
        "general",
    )
    assert follow_up(blog, "what wording must they include?") == ("blog",)
    assert follow_up("what disclaimer on my twitter?", "and on my blog posts?") == ("blog",)


def test_a_question_comparing_two_venues_gets_both_wordings() -> None:
    both = "Is the disclaimer for my LinkedIn posts the same as the one for my blog?"
    assert intents.disclaimer_context(both) == ("general", "blog")
    assert intents.disclaimer_context("What disclaimer goes on my blog posts?") == ("blog",)
    # Beside the blog, "other posts" is the other venue, whatever platform it is.
    contrast = "is the blog disclaimer different from the one for my other posts or the same?"
    assert intents.disclaimer_context(contrast) == ("blog", "general")


def test_asking_what_the_document_is_called_is_answered_by_its_front_matter(core) -> None:
    from bot.core.asked_facts import asks_title
    from bot.core.models import Message

    assert asks_title("what's the proper title of the doc i'm meant to follow?")
    assert not asks_title("which policy covers my blog?")
    reply = core.assistant.handle(
        Message(text="Could you confirm the exact title of this document? I need to cite it.")
    )
    assert reply.citations[0].section == "0"
    assert "Social media policy" in reply.text


def test_who_is_in_charge_is_answered_by_a_post_not_a_body() -> None:
    from bot.core.asked_facts import holds_fact

    scope = "The principles apply to Research Ethics Committee (REC) members."
    owner = "Overall responsibility lies with the Director for Policy and Partnerships."
    assert not holds_fact(scope, "who is ultimately responsible for the policy?")
    assert holds_fact(owner, "who is ultimately responsible for the policy?")
    assert holds_fact(owner, "and whos actually in charge of it")
    # Whom to approach may be a body: "the IT Service Desk" answers "who do I contact?".
    assert holds_fact("Contact the IT Service Desk for a login.", "who do I contact?")


def test_asking_which_legislation_is_answered_by_the_act_it_names() -> None:
    from bot.core.asked_facts import holds_fact

    act = (
        "when you are collecting personal information about all users, you should always "
        "follow the requirements set out in the Data Protection Act 2018."
    )
    # The question mentions email addresses, but asks for the law by name.
    question = (
        "Can we ask people to DM us their email addresses for a mailing list? And which data "
        "protection legislation does the policy point to?"
    )
    assert holds_fact(act, question)
