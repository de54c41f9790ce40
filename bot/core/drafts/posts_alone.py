"""Each labelled draft's post, on its own, as one more draft to learn from.

People paste a post with no words around it ("Third cancelled train this week. I'm
starting to think the 07:42 is more of a concept than a service."), and a model that
learned drafts only from "can I post this: '...'" reads such a message as a question,
or, when it mentions a child or a reporter, as a report. Every labelled draft whose
post the cue phrases can split off (`detect.py`) also yields that post alone, labelled
a draft, for the recogniser (`recognise_train.py`). The triage classifier does not use
them: retrained with them, its dev recall fell (README, round 17). Pure: texts in, texts
out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .detect import extract_draft

# A post this short ("Congrats!") says too little about how posts read.
MIN_WORDS = 6


def post_alone(text: str) -> str | None:
    """The post a draft message carries, when it is not the whole message."""
    found = extract_draft(text)
    if found is None:
        return None
    post = found.draft.strip()
    # A post that asks its readers something ("Anyone know a good alternative to
    # SurveyMonkey?") reads, alone, as a question to the assistant: left out, so that
    # questions stay questions.
    if len(post.split()) < MIN_WORDS or post == text.strip() or "?" in post:
        return None
    return post


def posts_alone(drafts: Iterable[str], known: Iterable[str] = ()) -> Iterator[str]:
    """The posts `drafts` carry, each once and none already among `known` texts."""
    seen = set(known)
    for text in drafts:
        post = post_alone(text)
        if post is not None and post not in seen:
            seen.add(post)
            yield post
