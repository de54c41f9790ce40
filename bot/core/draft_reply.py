"""The draft-check path: whether a message carries a draft to check, and its reply.

A draft is checked rule by rule (`drafts/`), with the sections the meaning model flags
and the learned verdict; a draft with nothing wrong still cites where the policy speaks
to such posts. Which wins, a report or a draft, is decided here with the classifier's
reading; safeguarding is settled before this is asked (`assistant.py`).
"""

from __future__ import annotations

import numpy as np

from . import intents
from .drafts import (
    DraftRequest,
    check_draft,
    citations_for,
    described_draft,
    destined_draft,
    extract_draft,
    own_draft,
    quoted_draft,
    render_post_check_text,
)
from .drafts.intro import IntroModel, intro_text, introduction, load_intro, pasted_draft
from .drafts.meaning import MeaningModel, load_meaning
from .drafts.policy_quote import PolicyWording
from .drafts.recognise import Recogniser, load_recogniser
from .drafts.tuned import TunedSeverity
from .drafts.verdict import VerdictModel, load_verdict
from .knowledge import KnowledgeBase
from .models import Reply
from .passages import citations_for as passage_citations
from .passages import cited_passages, select_passages
from .retrieval import Retriever
from .text_input import truncation_note
from .triage import Triage

# A message the triage classifier reads as a draft this surely, with a quoted span but
# none of the cue phrases, is checked as a draft. Set by hand, high: on the dev batch it
# recognised one more draft and turned no question into one.
DRAFT_BY_MEANING = 0.9
# Under the check of a message that asked nothing the policy answers: how it was read.
READ_AS_POST = (
    "I read this as a post you'd like to publish, since it asks nothing the policy answers. "
    "To ask a question about it instead, end it with a question mark."
)
# The longest message checked whole when nothing in it is quoted (the blind batches'
# described posts run to about 60 words).
DESCRIBED_MAX_WORDS = 80
# A report's quoted post is also checked as the sender's draft when the classifier reads
# the message as a draft at least this much. Over the 133 drafts of spent blind batches
# that were escalated as reports and the triage sets' 5,340 reports (dev): 64 of those
# drafts checked, and 25 reports (0.5%) shown a check of words the sender did not write.
BESIDE_REPORT = 0.05


def draft_to_check(
    text: str,
    is_draft: bool,
    triage: Triage,
    reads_as_draft: bool = False,
    introduced: bool = False,
) -> DraftRequest | None:
    """The draft `text` asks to have checked, or None when it is to be read otherwise.
    `reads_as_draft`: the recogniser (`drafts/recognise.py`) reads the message as the
    sender's own draft, however it is introduced. `introduced`: the words around its
    pasted post call it the sender's own (`drafts/intro.py`). A safeguarding reading
    never yields: it is escalated before this is asked (`assistant.py`)."""
    if triage.escalation == "safeguarding":
        return None
    draft = extract_draft(text, is_draft) or _uncued(text, triage, reads_as_draft, introduced)
    if draft is None:
        return None
    if is_draft or triage.escalation is None or triage.draft >= triage.score:
        return draft
    # A report quoting what was said to them ("a reply under my post: '...'") is a
    # report; "is this reply to the journalist ok? ..." is a draft to check, whose
    # media finding sends them to the communications team. The classifier decides,
    # unless the sender calls the words their own draft ("I drafted this reply: ...",
    # "planned reply: ..."), or the recogniser reads the message as a draft and it names
    # where the words will go ("for my personal X: ..."). Then it is checked, and the
    # report stays one click away (`assistant.py`). A pasted approach ("Email just
    # landed: 'Hi, I'm a reporter...'") reads much like a draft by meaning alone.
    if own_draft(draft, text) or (reads_as_draft and destined_draft(draft, text)) or introduced:
        return draft
    return None


def draft_beside_report(text: str, is_draft: bool, triage: Triage) -> DraftRequest | None:
    """The sender's own post in a message read as a report, to check beside the report,
    which is made all the same: "can I post this? 'Meet Ellie, 15, from our youth
    panel...'" needs the comms team told and the post judged. Only a post the surface,
    the sender ("my reply: ...") or the classifier's draft reading says is theirs: most
    reports quote what someone else said ("a teen commented: '...'")."""
    draft = extract_draft(text, is_draft) or quoted_draft(text, despite_report=True)
    if draft is None:
        return None
    if is_draft or triage.draft >= BESIDE_REPORT or own_draft(draft, text):
        return draft
    return None


def _uncued(
    text: str, triage: Triage, reads_as_draft: bool, introduced: bool
) -> DraftRequest | None:
    """A draft no cue phrase introduces, when the classifier or the recogniser reads
    the message as one, or a report's quote the caller may yet take as the sender's."""
    if triage.escalation is not None:
        # A post pasted bare that reads as a report stays a report: "Hi, a newsletter
        # writer asked me for a comment on the new fees" reads as a post by meaning too.
        return quoted_draft(text, despite_report=True) or (
            pasted_draft(text) if introduced else None
        )
    if introduced:
        # A post pasted with no quote marks, introduced as the sender's own.
        return quoted_draft(text, despite_report=True) or pasted_draft(text)
    if triage.draft < DRAFT_BY_MEANING and not reads_as_draft:
        return None
    # With no quote to split off ("new linkedin banner idea - my headshot + the hra
    # logo. slay or nay?"), the message describes the post: check all of it.
    # A described post is short: a long message with nothing quoted is a question,
    # unless the recogniser reads it as a post and it asks nothing (a post pasted bare).
    # "Someone asked on our page where the guidance is. Reply: '...'" tells what someone
    # did, as a report would: the recogniser's reading lets its quote through.
    bare = reads_as_draft and intents.reads_as_a_post(text)
    short = len(text.split()) <= DESCRIBED_MAX_WORDS
    described = described_draft(text) if short or bare else None
    return quoted_draft(text, despite_report=reads_as_draft) or described


class DraftChecker:
    def __init__(
        self,
        *,
        kb: KnowledgeBase,
        retriever: Retriever,
        meaning: MeaningModel | None = None,
        judge: VerdictModel | None = None,
        recogniser: Recogniser | None = None,
        intro: IntroModel | None = None,
        tuned: TunedSeverity | None = None,
    ) -> None:
        self.kb = kb
        self.retriever = retriever
        self.meaning = meaning if meaning is not None else load_meaning()
        self.judge = judge if judge is not None else load_verdict()
        self.recogniser = recogniser if recogniser is not None else load_recogniser()
        self.intro = intro if intro is not None else load_intro()
        # The fine-tuned severity head (`drafts/tuned.py`); None: the verdict reads the rest.
        self.tuned = tuned
        self.wording = PolicyWording(
            (chunk.text for chunk in kb.chunks), [d.text for d in kb.facts.disclaimers]
        )

    def quotes_the_policy(self, draft: DraftRequest) -> bool:
        """Whether the "draft" is the policy's own words, quoted to ask about them."""
        return self.wording.quoted_in(draft)

    def reads_as_draft(self, text: str) -> bool:
        """Whether the recogniser reads `text` as the sender's own draft (the vector is
        the one triage already computed)."""
        return self.draft_probability(text) >= (self.recogniser.bar if self.recogniser else 1.0)

    def draft_probability(self, text: str) -> float:
        """The recogniser's probability that `text` is the sender's own draft; 0 without one."""
        if self.recogniser is None:
            return 0.0
        return self.recogniser.probability(self.retriever.embedder.embed_query(text))

    def introduced(self, text: str, triage: Triage, is_draft: bool = False) -> bool:
        """Whether the words around a pasted post call it the sender's own, at the bar
        for triage's reading. Embeds the introduction only when it can change the route:
        a report reading, or no cue phrase that finds a draft."""
        # Not over a media reading: a pasted approach ("pasting this: From: ... I'm writing
        # a story") is introduced much as a draft is, and two such reports of the triage
        # sets read as drafts at the bar (`scripts/draft_routing.py`).
        if self.intro is None or is_draft or triage.escalation in ("media", "safeguarding"):
            return False
        if triage.escalation is None and extract_draft(text) is not None:
            return False
        parts = introduction(text)
        if parts is None:
            return False
        embedder = self.retriever.embedder
        p = self.intro.probability(
            parts, embedder.embed_query(intro_text(parts)), embedder.embed_query(text)
        )
        return p >= self.intro.bar

    def reply(
        self, draft: DraftRequest, truncated: bool, text: str, *, read_as_post: bool = False
    ) -> Reply:
        """The check of `draft`; `read_as_post`: the message asked nothing and is all
        post, so the reply says how it was read (and how to ask instead)."""
        embedder = self.retriever.embedder
        vector = embedder.embed_query(text) if self.meaning.sections else None
        probabilities = self.meaning.probabilities(vector) if vector is not None else {}
        # The post alone is read too (`meaning.py`): one more embedding, of the draft.
        post = embedder.embed_query(draft.draft) if self.meaning.reads_post else None
        severity = self.meaning.severities(vector, post) if vector is not None else {}
        if self.tuned is not None:
            severity |= self.tuned.read(text)
        # The sections over the bar are among the reasons (a lower bar): one lookup each.
        reasons = self._passages(vector, self.meaning.reasons(probabilities))
        over_bar = set(self.meaning.over_bar(probabilities))
        check = check_draft(
            draft,
            self.kb.facts,
            self.kb.sections,
            by_meaning=[r for r in reasons if r[0] in over_bar],
            judge=self.judge,
            probabilities=probabilities,
            severities=severity,
            reasons=reasons,
        )
        citations = citations_for(check, self.kb.sections)
        if not citations:
            # Nothing wrong with it: still show where the policy speaks to such posts.
            query = f"{draft.question} {draft.draft}"
            found = self.retriever.search(query)
            if found.covered:
                hits = found.hits
                citations = passage_citations(
                    cited_passages(query, hits, select_passages(query, hits))
                )
        note = f"\n\n{READ_AS_POST}" if read_as_post else ""
        return Reply(
            kind="post_check",
            text=render_post_check_text(check, draft) + truncation_note(truncated) + note,
            post_check=check,
            citations=citations,
        )

    def _passages(self, vector: np.ndarray | None, sections: list[str]) -> list[tuple[str, str]]:
        """(section, its passage nearest the message) for each of these sections the
        meaning model flags; the message's vector is the one triage already computed."""
        if vector is None:
            return []
        unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
        index = self.retriever.index
        out = []
        for section in sections:
            rows = [r for ref in index.sections if ref.number == section for r in ref.chunk_rows]
            if rows:
                best = max(rows, key=lambda r: float(index.chunk_vectors[r] @ unit))
                out.append((section, self.kb.chunks[best].text))
        return out
