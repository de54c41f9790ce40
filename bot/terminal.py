"""Render a `Reply` for a terminal, and the interactive `policybot chat` loop."""

from __future__ import annotations

import re
import shutil
import textwrap
import uuid
from collections.abc import Callable

import click

from .core.models import Message, Reply
from .core.phrasing.display import body_text, summary_label

_KIND_LABEL = {
    "answer": ("Answer", "green"),
    "post_check": ("Draft check", "cyan"),
    "escalation": ("Report this now", "red"),
    "not_covered": ("Not in the policy", "yellow"),
    "help": ("What I can do", "blue"),
}


def _markdown_to_terminal(text: str) -> str:
    # Bold stays visible without markdown: **x** → x in bold.
    return re.sub(r"\*\*(.+?)\*\*", lambda m: click.style(m.group(1), bold=True), text, flags=re.S)


def render(reply: Reply, *, color: bool = True) -> str:
    width = min(shutil.get_terminal_size((100, 20)).columns, 100)
    label, colour = _KIND_LABEL[reply.kind]
    out = [click.style(f"── {label} ", fg=colour, bold=True) + "─" * max(0, width - len(label) - 4)]
    out += summary_parts(reply, width)
    for paragraph in body_text(reply).split("\n\n"):
        quoted = paragraph.startswith(">")
        body = "\n".join(line.lstrip("> ").rstrip() for line in paragraph.splitlines())
        wrapped = "\n".join(
            textwrap.fill(line, width=width - (4 if quoted else 0)) for line in body.splitlines()
        )
        out.append(textwrap.indent(wrapped, "  │ ") if quoted else wrapped)
    if reply.citations:
        sources = "; ".join(f"§{c.section} {c.title}" for c in reply.citations)
        out.append(click.style(f"Sources: {sources}", dim=True))
    if reply.report_action:
        hint = f"↳ {reply.report_action.label}: type /report and I'll pass your message on."
        out.append(click.style(hint, fg="red", bold=True))
    rendered = "\n\n".join(_markdown_to_terminal(part) for part in out)
    return rendered if color else click.unstyle(rendered)


def summary_parts(reply: Reply, width: int) -> list[str]:
    """A generated summary (checked against the quotes), with the label that says so."""
    if not (reply.summary and reply.phrased_by):
        return []
    label = click.style(summary_label(reply.phrased_by), dim=True, italic=True)
    return [textwrap.fill(reply.summary, width=width), label]


def chat_loop(
    handle: Callable[[Message], Reply],
    *,
    intro: str,
    on_escalation: Callable[[Message, Reply], str] | None = None,
) -> None:
    click.echo(click.style(intro, bold=True))
    click.echo(
        'Type a question, paste a draft ("can I post: ..."), /report after an answer to pass\n'
        "your message to the comms team, or /quit to leave.\n"
    )
    turn = 0
    session = f"chat-{uuid.uuid4().hex[:12]}"  # one conversation: follow-ups read in context
    offer: tuple[Message, Reply] | None = None  # the last answer that offered /report
    while True:
        try:
            line = click.prompt(
                click.style("you", fg="blue", bold=True),
                prompt_suffix=" › ",
                default="",
                show_default=False,
            )
        except (EOFError, click.Abort):
            click.echo()
            return
        if line.strip().lower() in {"/quit", "/exit", "quit", "exit", ":q"}:
            return
        if not line.strip():
            continue
        if line.strip().lower() in {"/report", "report"} and offer and on_escalation:
            # The one-tap action of an answer about reporting: the message it answered.
            click.echo(on_escalation(*offer) + "\n")
            offer = None
            continue
        turn += 1
        message = Message(text=line, id=f"chat-{turn}", platform="cli", thread_ref=session)
        reply = handle(message)
        click.echo("\n" + render(reply) + "\n")
        offer = (message, reply) if reply.report_action else None
        if on_escalation is None or reply.escalation is None:
            continue
        if click.confirm("Alert the comms team now?", default=True):
            click.echo(on_escalation(message, reply) + "\n")
