"""How a checked summary sits in a reply: above the quotes, with a label naming the model.

`Reply.text` carries the summary and its label first (what the JSON reader sees);
renderers take `Reply.summary` and `body_text(reply)` to give the summary a look of
its own on each surface.
"""

from __future__ import annotations

from bot.core.models import Reply


def summary_label(model: str) -> str:
    return f"Summary written by {model}, checked against the quotes below."


def with_summary(reply: Reply, summary: str, model: str) -> Reply:
    text = f"{summary}\n\n_{summary_label(model)}_\n\n{reply.text}"
    return reply.model_copy(update={"text": text, "summary": summary, "phrased_by": model})


def body_text(reply: Reply) -> str:
    """The reply's text without its summary and label (the extractive part)."""
    if not (reply.summary and reply.phrased_by):
        return reply.text
    head = f"{reply.summary}\n\n_{summary_label(reply.phrased_by)}_\n\n"
    return reply.text.removeprefix(head)
