"""What a post must not reveal (§3.1): patients, internal matters, partners and suppliers."""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, make_finding
from .disclaimer import mentions_hra_work
from .personal_data import identifying_kinds

_I = re.IGNORECASE


def check_patient_data(ctx: DraftContext) -> list[RuleFinding]:
    # §3.1: "Never post any information that can be used to identify a patient's
    # identity or health condition in any way" - no disclaimer or edit makes it safe.
    kinds = identifying_kinds(ctx.draft)
    if not kinds:
        return []
    return [
        make_finding(
            ctx,
            rule="patient_data",
            verdict="do_not_post",
            section="3.1",
            anchor="identify a patient",
            found=f"It contains {' and '.join(kinds)}",
            fix="Remove everything that could identify the person or their health; "
            "if the story matters, tell it with consent through the communications team.",
            fallback="Never post anything that could identify a patient or their health.",
        )
    ]


_INTERNAL = re.compile(
    r"\bHRA News\b|\bintranet\b|\ball[- ]staff (meeting|email|call|briefing)\b|"
    r"\b(restructur|reorgani[sz]|redundanc)\w*|\bjob cuts?\b|\bcut \d+ (jobs|posts|roles)\b|"
    r"\bunpublished\b|\bnot (yet )?(been )?(made )?(public|published|announced)\b|"
    r"\bbefore it'?s (announced|published|public)\b|\b(going to|will) be announced\b|"
    r"\bcan'?t (say|tell you|reveal|name) (which|who|more|much|the)\b|"
    r"\bbetween (us|you and me|ourselves)\b|\bleak(ed|s|ing)?\b|"
    r"\binternal (memo|email|document|meeting|discussion|paper|only)s?\b|"
    r"\boff the record\b|\bconfidential\b|\bembargo(ed)?\b|\bdon'?t tell anyone\b|"
    r"\bnot (supposed|meant|allowed) to (say|share|tell)\b|"
    r"\b(heard|told|announced|said) (at|in) (our|the|a|an|today'?s|this morning'?s) "
    r"([\w-]+ ){0,2}(meeting|briefing|call|away ?day)\b|\bmerg(e|er|ers|ing)\b|"
    r"\bbehind closed doors\b|\binside (info|information|story|track)\b|"
    r"\b(will|going to|set to|about to|plans? to|planning to) announce\b|"
    r"\b(HRA|they|management|board) to announce\b|"
    r"\bheard it here first\b|\b(scoop|exclusive)\b|\bcan'?t go into (the )?details?\b|"
    r"\blet'?s just say\b|\ba certain ([\w-]+ ){0,2}(sponsor|company|pharma|researcher|"
    r"university|trust|study|trial)\b|\bin for a (shock|surprise)\b",
    _I,
)
# A decision on one application, told from the inside: "our REC rejected a ... trial".
_DECISION = re.compile(
    r"\b(REC|CAG|committee|panel|we|our (rec|cag|committee|panel|meeting))\b[^.!?]{0,60}"
    r"\b(rejected|approved|turned down|refused|waved through|signed off|discussed|"
    r"gave (a|an) (un)?favourable opinion)\b[^.!?]{0,15}"
    r"\b(a|an|the|that|this|one)( [\w-]+){0,4} (study|trial|application|proposal)\b",
    _I,
)


def check_confidential(ctx: DraftContext) -> list[RuleFinding]:
    text = ctx.whole
    internal = _INTERNAL.search(text)
    decision = _DECISION.search(ctx.draft) and mentions_hra_work(ctx.whole)
    if not (internal or decision):
        return []
    found = (
        "It reports a committee's decision on a particular application"
        if decision and not internal
        else "It shares internal or confidential HRA matters"
    )
    return [
        make_finding(
            ctx,
            rule="confidential",
            verdict="do_not_post",
            section="3.1",
            anchor="private or internal to the HRA",
            found=found,
            fix="Leave out anything internal or not yet published; share only what the HRA "
            "has already made public, and link to it.",
            fallback="Don't share internal or confidential information about the organisation.",
        )
    ]


# Commercial organisations the HRA buys from or whose products it sees in applications;
# naming one in a work post reads as an endorsement or a commercial disclosure.
_COMPANY = re.compile(
    r"\b[A-Z][\w&]+( [A-Z][\w&]+)* (Ltd|Limited|plc|PLC|Inc|LLP|LLC|Corp|GmbH)\b|"
    r"\b(Capita|Oracle|Microsoft|Deloitte|Accenture|PwC|KPMG|IBM|Salesforce|SAP|Atos|"
    r"Fujitsu|Serco|Palantir|Amazon Web Services|AWS|Pfizer|AstraZeneca|GSK|"
    r"GlaxoSmithKline|Novartis|Roche|Moderna|Sanofi|Merck|MSD|Bayer|Lilly|Novo Nordisk|"
    r"AbbVie|BioNTech|IQVIA|Parexel|Johnson & Johnson)\b|"
    r"\b(supplier|vendor)s?\b"
)
# An organisation named as the one behind work: "thanks to the team at Acme Digital".
_NAMED_ORG = re.compile(
    r"\b(?i:(team|folks|people|guys|colleagues|friends) (at|from)|thanks to|thank you to|"
    r"shout ?-?out to|kudos to|hats off to|partnership with|contract with|working with|"
    r"worked with|supplied by|built by|provided by|delivered by|powered by) (the )?"
    r"(?!HRA\b|Health Research Authority)([A-Z][\w&]+( [A-Z][\w&]+)*)"
)
_COMMERCIAL = re.compile(
    r"\b(system|software|platform|portal|website|app|contract\w*|tool|solution|"
    r"implementation|rollout|procure\w*|tender\w*|licen[cs]\w*|product)\b",
    _I,
)
_PARTNER = re.compile(
    r"\b(MHRA|NIHR|NHS England|NHSE|NHS Digital|UKRI|MRC|Wellcome|Health Data Research UK|"
    r"HDR UK|NICE|CQC|DHSC|Department of Health|Health and Care Research Wales|"
    r"Public Health Scotland|Genomics England)\b|\bour partners?\b"
)
_WORK_CONTEXT = re.compile(
    r"\b(at work|our (team|work|project|system|committee|service|office)|my (team|job|"
    r"organi[sz]ation|employer)|we (use|used|procured|bought|work with|chose)|contract\w*|"
    r"procure\w*|tender\w*|deliver\w*|system|platform|partnership|joint|collaborat\w*|"
    r"supplier|vendor|payroll|software)\b",
    _I,
)


def check_partners(ctx: DraftContext) -> list[RuleFinding]:
    # §3.1: "Don't talk about our partners and suppliers." A supplier or company named in
    # a work post is commercial comment that a disclaimer cannot make personal, so it is
    # do_not_post; a public body the HRA works with is review, because joint messages the
    # comms team has already published may be shared.
    text = ctx.draft
    at_work = mentions_hra_work(text) or _WORK_CONTEXT.search(text)
    if not at_work:
        return []
    org = _NAMED_ORG.search(text)
    if _COMPANY.search(text) or (org and _COMMERCIAL.search(text) and not _PARTNER.search(text)):
        verdict, found = "do_not_post", "It talks about a supplier or company in a work context"
    elif _PARTNER.search(text) or org:
        verdict, found = "review", "It talks about an HRA partner organisation"
    else:
        return []
    return [
        make_finding(
            ctx,
            rule="partners",
            verdict=verdict,  # type: ignore[arg-type]
            section="3.1",
            anchor="partners and suppliers",
            found=found,
            fix="Leave the partner or supplier out, or share the partner's or the HRA's own "
            "published announcement instead; ask the communications team if unsure.",
            fallback="Don't talk about the organisation's partners and suppliers.",
        )
    ]
