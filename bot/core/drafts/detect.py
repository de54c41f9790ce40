"""Tell a message that carries a draft from a question, and split the two.

"Can I tweet this: ...", 'Is this ok to post "..."', a quoted or fenced block, "> "
quote lines, "thinking of posting ..." or a Slack shortcut / `/policy check` on a
message (is_draft=True) all carry a draft. "Can I post about my work on LinkedIn?" is
a question, and "a journalist emailed me: ..." is a report: neither is a draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .cues import DESTINATION, MEDIUM_CUE, OWN_DRAFT, REPORT, STRONG_CUE, WEAK_CUE

_I = re.IGNORECASE


@dataclass(frozen=True)
class DraftRequest:
    draft: str
    question: str = ""
    platform_hint: str | None = None  # "blog" | "linkedin" | "twitter" | "facebook" | ...


# A quoted phrase asked about ("what does 'adults at risk' mean?") is not a draft.
_ABOUT_WORDING = re.compile(
    r"\b(mean|means|meaning|define|definition|what does|count as|instead of|the phrase|"
    r"the word|the term|if i (put|add|include|use|write|say))\b",
    _I,
)
# A short quoted line in a question about wording ("the exact wording of the 'this is
# my own view' line?", "do I put 'views my own' in my bio?") is the line asked about.
_ASKS_WORDING = re.compile(
    r"\b(wording|word for word|exact(ly)?|disclaimer|form of words|(in|into) my (\w+ )?(bio|profile))\b",
    _I,
)
SHORT_QUOTE_WORDS = 8
_FENCE = re.compile(r"```[a-z]*\n?(.*?)```", re.DOTALL)
QUOTES = (
    re.compile(r"“(.+?)”", re.DOTALL),
    re.compile(r'"(.+?)"', re.DOTALL),
    re.compile(r"(?<!\w)‘(.+?)’(?!\w)", re.DOTALL),
    re.compile(r"(?<!\w)'(.+?)'(?!\w)", re.DOTALL),
)
_THINKING = re.compile(
    r"\b(thinking (of|about)|planning (on|to)|going to|want(ed)? to|would like to|i'?d like to|"
    r"about to)\s+(post|tweet|share|put|publish)(ing)?\s+(?!about\b|on\b|something|anything|"
    r"some\b|stuff|things|a (photo|picture|video|post|tweet|blog)|photos|pictures)"
    r"((this|that|the following)\b[:\s]*)?(?P<draft>\S.{11,})",
    _I | re.DOTALL,
)
_QUESTION_LINE = re.compile(
    r"^(also|and|what|how|can|could|should|is|are|do|does|am|may|where|when|who|why)\b[^\n]*\?$",
    _I,
)
_PLATFORMS = (
    ("blog", re.compile(r"\bblog", _I)),
    ("linkedin", re.compile(r"\blinked ?in\b", _I)),
    ("twitter", re.compile(r"\b(re)?tweet\w*|\btwitter\b|\bon X\b", _I)),
    ("facebook", re.compile(r"\bfacebook\b|\bfb\b", _I)),
    ("instagram", re.compile(r"\binstagram\b|\binsta\b", _I)),
    ("tiktok", re.compile(r"\btik ?tok\b", _I)),
    ("youtube", re.compile(r"\byoutube\b", _I)),
    ("threads", re.compile(r"\bthreads\b", _I)),
    ("bluesky", re.compile(r"\bbluesky\b", _I)),
    ("mastodon", re.compile(r"\bmastodon\b|\btoot\b", _I)),
    ("reddit", re.compile(r"\breddit\b", _I)),
    ("whatsapp", re.compile(r"\bwhatsapp\b", _I)),
)


def platform_of(question: str, draft: str = "") -> str | None:
    for text in (question, draft):
        for name, pattern in _PLATFORMS:
            if pattern.search(text):
                return name
    return None


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _accept(question: str, draft: str, min_words: int = 2) -> DraftRequest | None:
    draft, question = draft.strip(), " ".join(question.split())
    if _words(draft) < min_words or _QUESTION_LINE.match(draft):
        return None
    weak = WEAK_CUE.search(question) or MEDIUM_CUE.search(question)
    if not (STRONG_CUE.search(question) or (weak and not REPORT.search(question))):
        return None
    return DraftRequest(draft=draft, question=question, platform_hint=platform_of(question, draft))


def _from_blocks(text: str) -> DraftRequest | None:
    """A fenced block or "> " quote lines hold the draft."""
    if fence := _FENCE.search(text):
        return _accept(text[: fence.start()] + " " + text[fence.end() :], fence.group(1))
    lines = text.split("\n")
    quoted = [line.lstrip()[1:].strip() for line in lines if line.lstrip().startswith(">")]
    if quoted:
        rest = [line for line in lines if not line.lstrip().startswith(">")]
        return _accept("\n".join(rest), "\n".join(quoted))
    return None


def _from_quotes(text: str) -> DraftRequest | None:
    spans = [m for pattern in QUOTES for m in pattern.finditer(text) if _words(m.group(1)) >= 3]
    if not spans:
        return None
    best = max(spans, key=lambda m: len(m.group(1)))
    question = f"{text[: best.start()]} … {text[best.end() :]}"
    if _ABOUT_WORDING.search(question):
        return None
    if _words(best.group(1)) < SHORT_QUOTE_WORDS and _ASKS_WORDING.search(question):
        return None
    return _accept(question, best.group(1), min_words=3)


# Where the question ends and the draft begins: a colon, a line break, or "...this? "
# ("can I tweet this? honestly the new ..."), never a bare "?" that ends a question.
_DELIMITER = re.compile(r":\s|:$|\?\s*\n|\n|(?<=\bthis\?)\s|(?<=\bthat\?)\s|(?<=following\?)\s")


def _from_delimiter(text: str) -> DraftRequest | None:
    """ "Can I tweet this: ...", "is this ok for LinkedIn?\\n\\n..." and the reverse."""
    for cue in (STRONG_CUE, WEAK_CUE):
        if match := cue.search(text):
            delimiter = _DELIMITER.search(text, match.end())
            if delimiter:
                found = _accept(text[: delimiter.end()], text[delimiter.end() :], min_words=3)
                if found:
                    return found
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    # The draft first, the ask after it ("…\n\nFor my slow cooker Facebook group, checking
    # anyway"): a short last paragraph that asks, or talks of where it goes.
    last = paragraphs[-1] if len(paragraphs) >= 2 else ""
    if last and _words(last) < 25 and (STRONG_CUE.search(last) or MEDIUM_CUE.search(last)):
        return _accept(last, "\n".join(paragraphs[:-1]), min_words=3)
    # A story, a blank line, then the post: "so I wrote this for Facebook. Alright?\n\n
    # I'm Bev and I work ...". The opening paragraph must talk of posting or ask if it is
    # fine, and not report what someone else did (`_accept`).
    opening, blank, rest = _split_paragraph(text)
    if blank and _words(rest) >= PASTED_MIN_WORDS and _words(opening) <= PASTED_MAX_INTRO:
        return _accept(opening, rest, min_words=PASTED_MIN_WORDS)
    return None


# A pasted post after a blank line is at least this long, its introduction at most this.
PASTED_MIN_WORDS = 8
PASTED_MAX_INTRO = 60


def _split_paragraph(text: str) -> tuple[str, str, str]:
    parts = re.split(r"(\n\s*\n)", text, maxsplit=1)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else (text, "", "")


# A message opening with another question ("where is the policy kept for staff to
# read, want to put a QR code on the noticeboard") tells why it asks, not what to post.
_OPENS_WITH_QUESTION = re.compile(r"^\W*(where|how|what|when|which|who|why)\b", _I)


def _from_intent(text: str) -> DraftRequest | None:
    if match := _THINKING.search(text):
        if match.group("draft").rstrip().endswith("?"):
            return None  # "I want to share X on our page, is that OK?" describes, not drafts
        if _OPENS_WITH_QUESTION.match(text[: match.start()]):
            return None
        return _accept(text[: match.start("draft")], match.group("draft"), min_words=3)
    return None


def _unwrap(text: str) -> str:
    if fence := _FENCE.search(text):
        return fence.group(1).strip()
    stripped = text.strip()
    for open_, close in (("“", "”"), ('"', '"'), ("‘", "’")):
        if len(stripped) > 2 and stripped.startswith(open_) and stripped.endswith(close):
            return stripped[1:-1].strip()
    return stripped


# Pure and asked twice a message (whether a pasted post is introduced, then which draft
# to check): read once.
@lru_cache(maxsize=256)
def extract_draft(text: str, is_draft: bool = False) -> DraftRequest | None:
    """The draft a message carries and the question around it, or None for no draft."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return None
    if is_draft:
        # The surface says the whole message is the draft (Slack shortcut, /policy check).
        draft = _unwrap(text)
        return DraftRequest(draft=draft, question="", platform_hint=platform_of("", draft))
    if found := _from_blocks(text):
        return found
    quoted, delimited = _from_quotes(text), _from_delimiter(text)
    if quoted and delimited and quoted.draft in delimited.draft:
        # 'Draft tweet: The HRA says "..." and I agree': the quote is part of the draft.
        outside = delimited.draft.replace(quoted.draft, " ")
        if _words(outside) >= 4:
            return DraftRequest(
                _unwrap(delimited.draft), delimited.question, delimited.platform_hint
            )
    return quoted or delimited or _from_intent(text)


def _lead(request: DraftRequest, text: str | None) -> str:
    """What introduces the draft: the message before it ("I've drafted this reply:
    '...'"), as words after a quote ("'...' I've written it in the book") tell what
    happened next; the whole question when the draft is not found verbatim."""
    at = text.find(request.draft) if text else -1
    return text[:at] if text and at > 0 else request.question


def own_draft(request: DraftRequest, text: str | None = None) -> bool:
    """Whether what introduces a draft calls it the sender's own words."""
    return bool(OWN_DRAFT.search(_lead(request, text)))


def destined_draft(request: DraftRequest, text: str | None = None) -> bool:
    """Whether what introduces a draft names where it will be posted, and tells of
    nothing someone else did."""
    lead = _lead(request, text)
    return bool(DESTINATION.search(lead)) and not REPORT.search(lead)


def quoted_draft(text: str, despite_report: bool = False) -> DraftRequest | None:
    """The longest quoted span as the draft, with no cue asked for: used only when the
    triage classifier already reads the message as a draft ("Draft for the corp FB: "..."
    - good to schedule?" names no verb of posting that the cues know). `despite_report`:
    the recogniser reads the message as a draft, so words telling what someone did do
    not make the quote theirs."""
    spans = [m for pattern in QUOTES for m in pattern.finditer(text) if _words(m.group(1)) >= 3]
    if not spans:
        return None
    best = max(spans, key=lambda m: len(m.group(1)))
    question = " ".join(f"{text[: best.start()]} … {text[best.end() :]}".split())
    if _ABOUT_WORDING.search(question) or (REPORT.search(question) and not despite_report):
        return None
    draft = best.group(1).strip()
    return DraftRequest(draft=draft, question=question, platform_hint=platform_of(question, draft))


def described_draft(text: str) -> DraftRequest:
    """The whole message as the draft: a post described rather than quoted ("my new
    profile picture: me on holiday with a cocktail"), used only when the triage
    classifier already reads the message as a draft."""
    text = " ".join(text.split())
    return DraftRequest(draft=text, question="", platform_hint=platform_of(text))
