"""What one sentence asserts, read shallowly: its content words, whether it is negated,
whether it obliges, permits or merely advises, and whether it tells the reader to do
something. Pure: the verifier compares these between a generated sentence and the
policy sentences it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.core.lexical import stem, words
from bot.core.sentences import split_outside_quotes

from .literals import NUMBER_WORDS, literals_of
from .vocabulary import EVERYDAY_PHRASES, FRAME, IMPERATIVE, LIGHT, MODALS, PLEASANTRY

_SENTENCE = re.compile(r"(?<=[.;!?])\s+|(?<=[.;!?]['’”\"])\s+|\n+")
_NEGATION = re.compile(
    r"\b(not|never|no|nor|none|nothing|without|avoid|cannot|neither)\b|n[’']t\b"
    r"|\b(?:off[- ]limits|prohibited|forbidden|banned|ruled out)\b"
    # "steer clear of collecting …", "stay away from …": everyday words for "avoid".
    r"|\b(?:steer(?:ing)? clear of|stay(?:ing)? away from)\b",
    re.I,
)
# "not limited to", "not only": a "not" that widens a list, not one that forbids; "speak
# for yourself and not on behalf of the HRA": one that contrasts.
# "Not complying with the policies … may lead to disciplinary action": a "not" inside the
# subject names a breach, as the policy's "non-compliance" does; it forbids nothing.
_WIDENING_NOT = re.compile(
    r"\bnot (?:limited to|only|just)\b|\band not\b|,\s*not\b|^\s*not (?=\w+ing\b)", re.I
)
# Where one policy sentence moves to its next clause or list item.
_CONTRAST = re.compile(r"\s+but\s+", re.I)
_WITHOUT = re.compile(r"\bwithout\b", re.I)
_PIECE = re.compile(r"\s*(?:[,;:()]|\s[-–]\s)\s*")
_OBLIGATION = re.compile(
    r"\b(must|shall|required|requires|need to|needs to|have to|has to|always|ensure|"
    r"make sure|should|obliged|expected to)\b",
    re.I,
)
# A rule for every case: a summary may only say so where the policy does ("any" and
# "never" are left out: "anything that needs a response" restates "something").
_UNIVERSAL = re.compile(
    # "Any post in which you are identifiable breaches …": a sentence opening on "any"
    # speaks of every case.
    r"^\s*any\b|"
    r"\b(always|every|everyone|everybody|everything|all|at all times|no exceptions?|"
    r"without exception|whatever|whichever|regardless|no matter|under any circumstances)\b",
    re.I,
)
_PERMISSION = re.compile(
    r"\b(may|can|allowed|permitted|free to|fine to|ok to|okay to|welcome to|able to)\b"
    r"|\b(?:is|are|it's|it is)\s+(?:fine|ok|okay|acceptable)\b",
    re.I,
)
_CONDITION = re.compile(r"^(?:if|when|whenever|before|once|where)\b[^,;:]*,\s*(?:then\s+)?")
# "You may set up a page, as long as you don't …", "you can edit posts without saying
# so": a permission's condition or manner may be negative while the permission is not,
# and reading the whole clause as negated lets it rest on the policy's "must not".
_PERMISSION_TAIL = re.compile(
    r"\b(?:as long as|so long as|provided|providing|on condition|unless|without)\b.*$", re.I
)
# "… a disclaimer stating the reference isn't from the HRA": a negation inside what is
# to be said is the wording's, not the instruction's.
_REPORTED = re.compile(r"\b(?:stating|saying|to say|which says|that says)\b.*$", re.I)
# "… so they can engage confidently": a purpose, not a permission.
_PURPOSE = re.compile(r"\bso(?: that)?\s+(?:\w+\s+)?(?:can|may|are able to)\b", re.I)
# "speak to the team as soon as you can" asks for speed, it permits nothing; "the
# screening answered 'No'" quotes an answer, it forbids nothing.
_AS_SOON_AS = re.compile(r"\bas soon as (?:you|they|we|possible)(?: can)?\b", re.I)
_QUOTED_ANSWER = re.compile(r"['‘\"“](?:no|yes)['’\"”]", re.I)
_PLEASE = re.compile(r"\bplease\s+\w+", re.I)
_LEADING = re.compile(r"^\s*(?:please|so|instead|also|and|then|first|if in doubt)\b[,:]?\s*", re.I)


@dataclass(frozen=True)
class Claim:
    text: str
    content: tuple[str, ...]  # content words, lower-case, in order, frame words removed
    negated: bool
    obliges: bool
    permits: bool
    instructs: bool  # an imperative or a modal telling the reader what to do
    universal: bool = False  # always, never, every, any …


# Where one sentence joins two rules: each clause is checked on its own. A contrast
# ("staff may set up X, though Y is not allowed", "you may X, just don't Y") joins two
# polarities: read as one, the second's "not" hid the first's permission.
_CLAUSE = re.compile(
    r"\s*(?:;|:|, and |, but | but |, so |, (?:though|although|whereas|while|yet|just) | and (?=(?:must|should|never|don[’']t|do not|always|"
    r"you|staff|contact|refer|call|email|report|seek|ask|tell|pass)\b))\s*",
    re.I,
)


def clauses(sentence: str) -> list[str]:
    head, colon, rest = sentence.partition(":")
    if colon and rest.strip() and _is_lead_in(head):
        sentence = rest  # "Terse version: …", "Here's a useful test from the policy: …"
    parts = [_OPENER.sub("", p).strip(" ,") for p in _CLAUSE.split(sentence)]
    return [p for p in parts if content_words(p)] or [sentence]


# What a chat voice opens a clause with before the point ("Yes, …", "In short, …",
# "Just make sure …", "It's worth knowing that …"): gone from the clause, so its
# sentence embedding is the point's and its first word the instruction's verb. ("No,"
# stays: it carries the clause's polarity.)
# "Just so you're aware, …" and "It's worth knowing that …": openers and hedges alike.
_SO_YOU_KNOW = r"(?:just\s+)?so\s+you(?:['’]re|\s+are)?\s+(?:know|aware)\b"
_WORTH_KNOWING = (
    r"(?:it['’]s|it\s+is)\s+(?:also\s+|always\s+)?worth\s+(?:knowing|remembering|noting|"
    r"being\s+aware|bearing\s+in\s+mind|keeping\s+in\s+mind)(?:\s+that)?"
)
_OPENER = re.compile(
    r"^\s*(?:(?:yes|yeah|yep|sure|absolutely|of course|in short|in brief|in a nutshell|"
    r"short answer|good news)\b\s*[,:;!—–-]*\s*)+"
    rf"|^\s*{_SO_YOU_KNOW}\s*,?\s*"
    r"|^\s*just\s+(?=\w)"
    rf"|^\s*{_WORTH_KNOWING}\s*",
    re.I,
)


def _is_lead_in(head: str) -> bool:
    """A few words introducing what follows a colon, stating nothing of their own: no
    instruction, negation, "every" or number (a number is checked as a literal anyway)."""
    claim = read_claim(head)
    return (
        len(claim.content) <= LEAD_IN_WORDS
        and not (claim.instructs or claim.negated or claim.universal)
        and not any(c.isdigit() for c in head)
        and not literals_of(head).numbers  # "three" as well as "3"
    )


LEAD_IN_WORDS = 3


def split_sentences(text: str) -> list[str]:
    """Sentences and list lines, a quotation kept whole: the policy's disclaimers are
    two sentences inside one pair of quotes, and half of one supports nothing."""
    cleaned = (p.strip(" \t-•*") for p in split_outside_quotes(text.strip(), _SENTENCE))
    return [p for p in cleaned if p]


# "the HRA's", "the policy's": the possessive is the noun ("hras" would match nothing).
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.I)
# Phrases that only carry force ("make sure" is "ensure", "need to" is "must"): read as
# obligation by `_OBLIGATION`, not as content a policy line must repeat.
# The document's own name ("the social media policy covers you") is the frame's "policy".
_POLICY_NAME = re.compile(r"\bsocial media policy\b", re.I)
_EVERYDAY = tuple((re.compile(p, re.I), f" {verb} ") for p, verb in EVERYDAY_PHRASES)
_FORCE_PHRASE = re.compile(r"\b(?:make|makes|making) sure\b|\b(?:need|needs|have|has) to\b", re.I)
# Opening words of a sentence about the policy rather than of its rule ("The policy notes
# that …", "It also warns that …"): what follows is the claim.
_REPORTING = re.compile(
    r"^\s*(?:(?:the|this)\s+(?:policy|guidance|page|document)|section\s+[\d.]+|it)"
    r"\s+(?:also\s+)?(?:says|states|notes|explains|sets out|recognises|recognizes|warns|adds|"
    r"lists|describes|points out|stresses|reminds you|tells you|asks you)\b(?:\s+that)?",
    re.I,
)


# A hedge around the point ("It's worth knowing that …", "Just so you're aware, …",
# "keep that in mind"): it asks the reader to note what it frames, and adds no content
# a policy line must repeat. "It's worth checking X" keeps "checking X": only "worth"
# goes, as a modal would.
_HEDGE = re.compile(
    rf"^\s*{_SO_YOU_KNOW},?"
    rf"|\b{_WORTH_KNOWING}\b"
    r"|\b(?:bear|bearing|keep|keeping)\s+(?=(?:\w+\s+){0,3}in\s+mind\b)|\bin\s+mind\b"
    r"|\bworth\b",
    re.I,
)


# "Out of hours, their number is 07968 149916": beside a contact detail, these words only
# name it, and the detail itself is checked verbatim as a literal.
_CONTACT_NOUNS = frozenset(["number", "phone", "telephone", "email", "address", "call", "ring"])


# "who'll", "they'd", "we're": the pronoun is the word, the contraction only tense or
# mood ("wholl" would match nothing, and a warm voice uses many).
_CONTRACTION = re.compile(r"(?<=\w)['’](?:ll|d|re|ve|m)\b", re.I)


@lru_cache(maxsize=16384)  # several steps of one check ask for a clause's words
def content_words(text: str) -> tuple[str, ...]:
    text = _CONTRACTION.sub("", text)
    for phrase, verb in _EVERYDAY:
        text = phrase.sub(verb, text)
    text = _FORCE_PHRASE.sub(" ", _POSSESSIVE.sub("", _REPORTING.sub("", _HEDGE.sub(" ", text))))
    text = _POLICY_NAME.sub("policy", text)
    found = literals_of(text)
    named = _CONTACT_NOUNS if (found.phones or found.emails or found.urls) else frozenset()
    return tuple(
        w
        for w in words(text)
        if w not in named
        and w not in FRAME
        and w not in MODALS
        and w not in LIGHT
        and not w.isdigit()
        and w not in NUMBER_WORDS  # "three", like "3", is a literal, checked as one
        and len(w) > 1
    )


@lru_cache(maxsize=16384)  # …and its reading; pure, the result immutable
def read_claim(text: str) -> Claim:
    lead = _LEADING.sub("", text).lower().replace("’", "'")
    first = lead.split(" ", 1)[0].strip(",.;:") if lead else ""
    # "If you are considering publishing …, review the policy above": the instruction
    # follows the condition.
    then = _CONDITION.match(lead)
    if then and first not in IMPERATIVE:
        first = lead[then.end() :].split(" ", 1)[0].strip(",.;:")
    obliges = bool(_OBLIGATION.search(text))
    asks = bool(_PLEASE.search(text))  # "please complete the form": the policy's imperative
    permits = bool(_PERMISSION.search(_AS_SOON_AS.sub(" ", _PURPOSE.sub(" ", text))))
    main = _QUOTED_ANSWER.sub(" ", _REPORTED.sub(" ", text.replace("’", "'")))
    if permits:
        main = _PERMISSION_TAIL.sub(" ", main)
    return Claim(
        text=text,
        content=content_words(text),
        negated=bool(_NEGATION.search(_WIDENING_NOT.sub(" ", main))),
        obliges=obliges,
        permits=permits,
        instructs=obliges or permits or asks or first in IMPERATIVE,
        universal=bool(_UNIVERSAL.search(text)),
    )


# "The list is not exhaustive", "… isn't limited to those": a remark about the policy's
# own list, supported where the passages say "not limited to", "such as" or "including".
_LIST_WORDS = frozenset(["list", "lists", "example", "examples", "exhaustive", "limited", "full"])
OPEN_LIST = re.compile(r"\bnot limited to\b|\band others\b|\bsuch as\b|\bincluding\b", re.I)


def is_pleasantry(claim: Claim) -> bool:
    """A clause of the chat voice's courtesy only ("Good question!", "I'm sorry that's
    happened."): every content word a pleasantry, and nothing a rule is made of."""
    return (
        bool(claim.content)
        and set(claim.content) <= PLEASANTRY
        and not (claim.instructs or claim.negated or claim.universal)
        and not any(c.isdigit() for c in claim.text)
        and not literals_of(claim.text).numbers  # "three" as well as "3"
    )


def calls_list_open(claim: Claim) -> bool:
    return claim.negated and bool(claim.content) and set(claim.content) <= _LIST_WORDS


def word_negations(text: str, read: Claim | None = None) -> tuple[bool, ...]:
    """Per content word of `text`, whether the clause it sits in forbids: in "don't pick
    fights, be the first to correct your own mistakes" the second asks, it does not
    forbid. A piece with no verb of its own ("Facebook pages") stays under the last.
    A "but" ends a negation ("does not restrict this activity but notes that the team
    will provide guidance"), and what a forbidding clause says to do first is asked,
    not forbidden ("don't whistle blow without having raised concerns": raise them).
    `read`: `read_claim(text)` when the caller has it already."""
    whole = read or read_claim(text)
    if not _NEGATION.search(text):  # most summary clauses: nothing to read piece by piece
        return (False,) * len(whole.content)
    out: list[bool] = []
    negated = False
    for turn, part in enumerate(_CONTRAST.split(text)):
        if turn:
            negated = False
        for piece in _PIECE.split(part):
            head, *rest = _WITHOUT.split(piece, maxsplit=1)
            tail = rest[0] if rest else ""
            clause = read_claim(head)
            if clause.instructs or clause.negated:
                negated = clause.negated
            out.extend([negated] * len(content_words(head)))
            if rest:  # "without" is itself a content word: it goes with the head
                out.extend([negated] + [not negated] * len(content_words(tail)))
    if len(out) != len(whole.content):  # a word cut by the split: read the line whole
        return (whole.negated,) * len(whole.content)
    return tuple(out)


# "You don't need to say so", "there's no need to ask": a negated obligation waives a
# step, which reads as negated as the rule requiring it does ("don't change posts
# without saying so"). Only a line that itself waives a step supports a waiver.
_WAIVER = re.compile(
    r"\b(?:do|does|did)(?:n['’]t| not) (?:need|have) to\b|\bneedn['’]t\b|\bno need\b"
    r"|\bnot (?:required|necessary|needed|obliged|expected) to\b|\b(?:is|are)n['’]t "
    r"(?:required|necessary|needed|obliged|expected) to\b|\boptional\b",
    re.I,
)


def waives(text: str) -> bool:
    return bool(_WAIVER.search(text))


def stems(content: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(w) for w in content)
