"""Profiles and past posts: work contact details in a personal profile (§3.2.1), and
changing a post without saying so (§3.1)."""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, make_finding

_I = re.IGNORECASE

_PROFILE = re.compile(r"\b(bio|profile|about( section)?|headline|banner|intro)\b", _I)
_WORK_CONTACT = re.compile(
    r"@hra\.nhs\.uk\b|\b[\w.]+@hra\.nhs\.uk|\bmy (work|hra|office) (email|e-mail|phone|"
    r"number|mobile|address)\b|\bwork (email|e-mail|phone|number|mobile)\b",
    _I,
)
# "don't change previous posts without indicating that you have done so" (§3.1).
# "a correction rather than quietly editing it" turns the silent edit down.
_NOT_INSTEAD = r"(?<!rather than )(?<!instead of )(?<!not )(?<!than )"
_SILENT_EDIT = re.compile(
    r"\b(edit|chang|swap|replac|amend|updat|correct|tweak)\w*\b[^.!?\n]{0,120}?"
    rf"{_NOT_INSTEAD}\b(quietly|silently|without (saying|noting|flagging|mentioning|"
    r"telling|showing|"
    r"indicating|making a (fuss|thing)|drawing attention|a note|any note|anyone)|no note|"
    r"not (draw|drawing) attention|nobody will notice|no one will notice|"
    r"(so|and) nobody (knows|notices))\b|"
    # "can I just quietly edit it", "a stealth-edit"
    rf"{_NOT_INSTEAD}\b(quietly|silently|stealth[- ]?)\s*"
    r"(edit|chang|swap|amend|updat|correct|tweak|fix)",
    _I,
)


def check_work_contact(ctx: DraftContext) -> list[RuleFinding]:
    if not (_WORK_CONTACT.search(ctx.draft) and _PROFILE.search(ctx.whole)):
        return []
    return [
        make_finding(
            ctx,
            rule="work_contact",
            verdict="review",
            section="3.2.1",
            anchor="work contact details",
            found="It puts work contact details in a personal profile",
            fix="Take the work email or phone number out of the personal profile.",
            fallback="Don't use work contact details in a personal profile.",
        )
    ]


def check_silent_edit(ctx: DraftContext) -> list[RuleFinding]:
    if not _SILENT_EDIT.search(ctx.whole):
        return []
    return [
        make_finding(
            ctx,
            rule="silent_edit",
            verdict="review",
            section="3.1",
            anchor="without indicating that you have done so",
            found="It changes an earlier post without saying so",
            fix="Say in the post that it was edited and what changed (e.g. 'Edited: "
            "corrected the figure').",
            fallback="Don't change previous posts without indicating that you have done so.",
        )
    ]
