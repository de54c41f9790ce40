"""Greetings, thanks and "what can you do?": a short friendly reply, never "not covered".

A guard on whole messages only: "hi, a journalist just called me" is not small talk and
goes through triage like any message. The reply names the bot's three jobs; surfaces
show them as buttons (HELP_ACTIONS), each label short enough not to be cut in Teams.
"""

from __future__ import annotations

import re
from typing import Literal

from .models import Reply

SmallTalk = Literal["greeting", "thanks", "help"]

_WORDS = r"(?:policy ?bot|bot|there|all|everyone|team)"
_PATTERNS: tuple[tuple[SmallTalk, re.Pattern[str]], ...] = (
    (
        "greeting",
        re.compile(
            rf"^(hi+|hello+|hey+|hiya|howdy|yo|good (morning|afternoon|evening)|morning|"
            rf"afternoon|evening|greetings|test(ing)?( \d+)?)( {_WORDS})?$"
        ),
    ),
    (
        "thanks",
        re.compile(
            rf"^((many )?thanks?( (you|a lot|so much|very much))?|thank you( so much| very much)?|"
            rf"cheers|ta|great|brilliant|perfect|ok(ay)?|got it)( {_WORDS})?$"
        ),
    ),
    (
        "help",
        re.compile(
            r"^(help|\?|menu|start|what can (you|i) (do|ask)( here)?|what do you do|"
            r"how (do|can) (you|i) (work|use (you|this|this bot))|what are you|who are you|"
            r"who (made|created|built|wrote|owns) you|what is this( bot)?|are you (a bot|human|real))$"
        ),
    ),
)

OPENINGS: dict[SmallTalk, str] = {
    "greeting": "Hello! I'm policybot, here for the HRA social media policy.",
    "thanks": "You're welcome.",
    "help": (
        "I'm policybot, an assistant set up for HRA staff. I answer only from the HRA "
        "social media policy, never from guesses."
    ),
}
THREE_THINGS = (
    "I can help with three things:\n"
    "- **Ask a question** about the policy: I answer with its words and the section to read.\n"
    "- **Check a post** before you publish it.\n"
    "- **Report something**: a media approach, a safeguarding concern or online harassment "
    "goes privately to the communications team."
)
# (button label, what it does): labels of 20 characters or fewer (Teams does not wrap).
HELP_ACTIONS: tuple[tuple[str, str], ...] = (
    ("Ask a question", "ask"),
    ("Check a post", "check"),
    ("Report something", "report"),
)
EXAMPLE_QUESTIONS = (
    "Can I say I work for the HRA in my bio?",
    "What's the out-of-hours comms number?",
    "What if a journalist contacts me?",
)


def _normalise(text: str) -> str:
    text = re.sub(r"[^\w\s?']", " ", text.lower()).replace("'", "")
    return " ".join(text.replace("?", " ? ").split()).replace(" ?", "").strip()


def small_talk(text: str) -> SmallTalk | None:
    """What kind of small talk a whole message is, or None."""
    said = _normalise(text)
    if not said or len(said) > 60:
        return None
    for kind, pattern in _PATTERNS:
        if pattern.match(said):
            return kind
    return None


def compose_help(kind: SmallTalk) -> Reply:
    return Reply(kind="help", text=f"{OPENINGS[kind]} {THREE_THINGS}")
