"""Official presence online (§3.6) and surveys (§3.8)."""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, make_finding
from .disclaimer import mentions_hra_work
from .terms import RESEARCH, URL

_I = re.IGNORECASE

_NEW_ACCOUNT = re.compile(
    r"\b(set(ting)? up|created?|creating|launch(ed|ing)?|start(ed|ing)?|open(ed|ing)?|"
    r"made|new|(their|its|our) own|dedicated|separate)\b[^.!?\n]{0,40}"
    r"\b(account|page|channel|group|profile|handle|community|"
    r"instagram|tiktok|twitter|facebook|youtube|podcast|discord|whatsapp)\b|"
    r"\bset(ting)? (it|this|that|one|them) up\b|\bofficial (?!(the )?(HRA|Health Research Authority)\b)([\w-]+ ){0,3}blog\b|\bblog (for|of|on behalf of) (the|our) [\w ]{0,40}"
    r"(programme|project|team|service|committee)\b",
    _I,
)
# An account that stands for HRA work, however the person describes it ("our team's new
# account @HRA_IRAS_Help"): said in the question as often as in the post.
_ORG_ACCOUNT = re.compile(
    r"@HRA\w*|\bofficial\b|\b(our|the) (team|programme|project|service|committee|REC|CAG|"
    r"department|directorate)'?s? (\w+ ){0,2}(account|page|channel|group|profile|handle)\b|"
    r"\b(account|page|channel|group) for (the|our) (team|programme|project|service|committee)\b",
    _I,
)
_VIDEO = re.compile(r"\b(videos?|vlogs?|live ?stream\w*|reels?|youtube|tiktok|webinar)\b", _I)
_SURVEY = re.compile(
    r"\b(survey|questionnaire|poll)s?\b|surveymonkey|forms\.gle|forms\.office\.com|"
    r"\b(google|microsoft) forms?\b|typeform|qualtrics|smartsurvey|onlinesurveys",
    _I,
)


def check_official_channels(ctx: DraftContext) -> list[RuleFinding]:
    # §3.6: staff must not set up accounts, pages, channels or "official" blogs that
    # represent the HRA, nor post video or surveys on unapproved channels.
    text, whole = ctx.draft, ctx.whole
    organisational = re.search(r"\b(our|we)\b", text, _I) and RESEARCH.search(text)
    if not (mentions_hra_work(whole) or re.search(r"\bofficial\b", text, _I) or organisational):
        return []
    if _NEW_ACCOUNT.search(text) or (
        _NEW_ACCOUNT.search(ctx.question) and _ORG_ACCOUNT.search(whole)
    ):
        verdict, found, fix, anchor = (
            "do_not_post",
            "It sets up or promotes a new account, page or blog that represents HRA work",
            "Don't set up the channel; ask the communications team, who run the HRA's "
            "official accounts and blogs.",
            "must not set up",
        )
    elif _VIDEO.search(whole) or _SURVEY.search(text):
        what = "a survey" if _SURVEY.search(text) else "video content"
        verdict, found, fix, anchor = (
            "review",
            f"It posts {what} about HRA work, which must go through an approved channel",
            "Check with the communications team that the channel is approved before posting.",
            "unapproved online channels",
        )
    else:
        return []
    return [
        make_finding(
            ctx,
            rule="official_channels",
            verdict=verdict,  # type: ignore[arg-type]
            section="3.6",
            anchor=anchor,
            found=found,
            fix=fix,
            fallback="Official HRA channels, video and surveys go through the communications team.",
        )
    ]


def check_survey(ctx: DraftContext) -> list[RuleFinding]:
    text = ctx.draft
    # A survey link or a survey about work is externally facing survey activity (§3.8);
    # a "which biscuit?" poll among friends is not.
    if not (_SURVEY.search(text) and (URL.search(text) or mentions_hra_work(ctx.whole))):
        return []
    qa = ctx.facts.contact("online surveys")
    where = f"email {qa.value}" if qa else "send it to the team named in the policy"
    return [
        make_finding(
            ctx,
            rule="survey",
            verdict="review",
            section="3.8",
            anchor="externally facing online survey",
            found="It runs or promotes an externally facing online survey",
            fix=f"Complete the Survey checklist and authorisation form and {where} before "
            "sharing the survey.",
            fallback="External online surveys need authorisation before they run.",
        )
    ]
