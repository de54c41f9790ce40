"""How staff behave online (§3.1, §3.5): abuse, fights, politics, media, whistleblowing, logo."""

from __future__ import annotations

import re

from .context import DraftContext, RuleFinding, comms_contacts, make_finding
from .disclaimer import mentions_hra_work
from .profanity import has_obscenity

_I = re.IGNORECASE

# Insults that are abuse whoever they are aimed at (§3.1 "personal insults").
_INSULT = re.compile(
    r"\b(idiot\w*|moron\w*|clowns?|muppets?|imbeciles?|cretins?|numpty|numpties|plonkers?|"
    r"halfwits?|dimwits?|nitwits?|buffoons?|cowards?|cowardly|losers?|scum|parasites?|"
    r"waste of (space|oxygen)|(has|have)n'?t got a brain|no brains?|brain[- ]?dead|"
    r"shut up|get lost|dinosaurs?|retire already|amateurs|cowboys|jokers|prats?|pillocks?|"
    r"jobsworths?|pen[- ]pushers|scumbags?|dumb|dumbest|brainless|bunch of \w+|"
    r"(hate|can'?t stand|despise|loathe) (my|our|the) (boss|manager|colleagues?|team|job|"
    r"director|chair|ceo)|anti-?vaxx?ers are \w+)\b",
    _I,
)
# Words that attack a person when said of one (§3.1 "attack or abuse colleagues").
_PUT_DOWN = (
    r"(lazy|laziest|useless|incompetent|hopeless|clueless|pathetic|stupid|a joke|dumb|"
    r"a nightmare|a disgrace|disgraceful|rubbish|liars?|sloppy|shoddy|amateurish|"
    r"shambolic|a shambles|idle|spineless|two-faced|arrogant|such a mess|a mess)"
)
_PEOPLE = (
    r"(colleagues?|managers?|management|boss(es)?|directors?|chief executive|ceo|teams?|"
    r"teammates?|co-?workers?|chairs?|staff|members|committees?|researchers?|sponsors?|"
    r"submissions|people|person|"
    r"he|she|they|you|your|the lot of them|all of them|@\w+)"
)
_ATTACK = re.compile(
    rf"\b{_PEOPLE}\b[^.!?\n]{{0,40}}\b(is|are|was|were|'s|'re|being)\b( [\w,]+){{0,3}} "
    rf"{_PUT_DOWN}\b|\b{_PUT_DOWN}[ ,]+(\w+ ){{0,2}}{_PEOPLE}\b|"
    r"can'?t believe (s?he|they) gets? paid",
    _I,
)
_FIGHT = re.compile(
    r"\b(fight me|come at me|bring it on|prove me wrong|don'?t @ me|name and shame|"
    r"see you in the replies|get your facts right|maybe read|learn to read|do your job|"
    r"get a grip|sort it out|get your act together|pull your finger out|shame on you|"
    r"you should be ashamed|do better|"
    # talking down to someone: "read the guidance, it's not hard"
    r"read the (\w+ )?(guidance|policy|rules|instructions|manual|form)|(it'?s|it is) not "
    r"(that |exactly )?(hard|difficult|rocket science)|do your (own )?(research|homework)|"
    r"google it|learn to \w+)\b",
    _I,
)


_PUT_DOWN_RE = re.compile(rf"\b{_PUT_DOWN}\b", _I)
_DIRECTED = re.compile(r"\b(you|your|you'?re)\b|@\w+", _I)


def _directed_put_down(ctx: DraftContext) -> bool:
    """A put-down in a reply to someone ("...such a mess. Pathetic.") attacks them."""
    replying = _DIRECTED.search(ctx.draft) or re.search(r"\brepl(y|ying)\b", ctx.question, _I)
    return bool(replying and _PUT_DOWN_RE.search(ctx.draft))


def check_abuse(ctx: DraftContext) -> list[RuleFinding]:
    text = ctx.draft
    if has_obscenity(text):
        found = "It contains obscene or offensive language"
    elif _INSULT.search(text) or _ATTACK.search(text) or _directed_put_down(ctx):
        found = "It insults or attacks people, which may include colleagues"
    elif _FIGHT.search(text):
        found = "It picks a fight"
    else:
        return []
    anchor = "personal insults" if "language" in found else "attack or abuse colleagues"
    if found == "It picks a fight":
        anchor = "pick fights"
    return [
        make_finding(
            ctx,
            rule="abuse",
            verdict="do_not_post",
            section="3.1",
            anchor=anchor,
            found=found,
            fix="Take out the insults, obscenities or provocation; if you disagree, say so "
            "politely and about the issue, not the person - or don't post it.",
            fallback="Don't use insults or obscenities, attack colleagues or pick fights.",
        )
    ]


_POLITICS = re.compile(
    r"\b(Tory|Tories|Labour|Lib ?Dems?|SNP|Plaid Cymru|Reform UK|Green Party|Brexit|"
    r"Westminster|Downing Street|Parliament|MPs?|Sunak|Starmer|Farage|Truss|Badenoch|"
    r"Streeting|Trump|Biden|Putin|Gaza|Palestin\w*|Israel\w*|Just Stop Oil|"
    r"Black Lives Matter|BLM|EU|Home Secretary|Chancellor)\b|"
    r"(?i:\b(conservative party|conservatives|liberal democrats?|general election|"
    r"by-election|vote (for|against|labour|tory|reform|green)|votes? against|"
    r"voted (for|against)|prime minister|health secretary|secretary of state|"
    r"left[- ]wing|right[- ]wing|woke|austerity|immigration|asylum seekers?|refugees?|"
    r"abortion|assisted dying|euthanasia|on strike|strike action|picket line|"
    r"politic(s|al|ians?)|elections?|manifesto|ministers?|trade unions?|"
    # Not "the code for the defibrillator cabinet".
    r"cabinet (ministers?|office|reshuffle)|shadow cabinet|reshuffle|"
    r"privatis\w*|migrants?|small boats|trans rights|gender critical|death penalty|"
    r"capital punishment|gun control|monarchy|royal family|"
    r"(doctors|nurses|consultants)'? strikes?|strikes? (by|of) (junior )?(doctors|nurses)|"
    r"government\b[^.!?]{0,40}\b(no plan|failing|failed|destroy\w*|wreck\w*|disgrace\w*|"
    r"shame\w*|useless|cuts|lie[sd]?|lying|scandal\w*|shambl\w*|incompet\w*|corrupt\w*|"
    r"betray\w*|neglect\w*)|"
    # telling readers how to vote is campaigning, whoever "them" is
    r"vote (them|him|her|it|this lot) (out|in)|get (them|this lot|the \w+) out|"
    r"(don'?t|never) vote|time for a change of government))\b"
)
_RELIGION = re.compile(
    r"\b(God|Allah|Jesus|Christ)\b|(?i:\b(religion|religious|church(es)?|mosques?|"
    r"synagogues?|islam\w*|muslims?|christian\w*|catholic\w*|protestants?|jews|jewish|"
    r"judaism|hindu\w*|sikh\w*|buddhis\w*|atheis\w*|bible|quran|koran|pray(er|ers|ing)?|"
    r"faith (groups?|leaders?|communit\w+|schools?)|people of faith|blasphem\w*)\b)"
)
# A church named as a venue ("a church fete", "the church hall") is not faith as a topic.
_NOT_RELIGION = re.compile(
    r"\b(oh my|thank|for|honest to|my) god\b|\bgod knows\b|"
    r"\bchurch (fete|fête|hall|car park|bazaar|jumble sale|fair|coffee morning)s?\b",
    _I,
)


# Telling readers how to vote, or deriding those who vote one way: campaigning, which
# blind writers call `do_not_post` where raising the topic is `review`.
_CAMPAIGN = re.compile(
    r"\b(vote|votes|voted|voting) (for|against) (\[|them|that lot|this lot|[A-Z])|"
    r"\b(anyone|people|everyone) who (votes?|voted) (for|against)\b",
    _I,
)


def check_politics_religion(ctx: DraftContext) -> list[RuleFinding]:
    # §3.1 does not ban these topics; it asks for "proper consideration" of them, so a
    # draft that raises them is review, not do_not_post - unless it campaigns.
    text = _NOT_RELIGION.sub(" ", ctx.draft)
    topic = "politics" if _POLITICS.search(text) else "religion" if _RELIGION.search(text) else ""
    if not topic:
        return []
    return [
        make_finding(
            ctx,
            rule="politics_religion",
            verdict="do_not_post" if _CAMPAIGN.search(text) else "review",
            section="3.1",
            anchor="politics and religion",
            found=f"It is about {topic}, a topic the policy asks you to take care with",
            fix="Check it can't be read as the HRA's view or as inflammatory; keep it "
            "respectful, leave the HRA out of it, or don't post it.",
            fallback="Take care with objectionable or inflammatory topics such as politics "
            "and religion.",
        )
    ]


_OUTLET = re.compile(
    r"\b(BBC|ITV|Sky News|Channel 4|(?<!Up )Guardian|[Tt]he Times|Telegraph|Daily Mail|"
    r"MailOnline|Mail Online|[Tt]he Mirror|[Tt]he Sun|[Tt]he Independent|[Tt]he Express|"
    r"Evening Standard|Financial Times|HSJ|Health Service Journal|Nursing Times|Reuters|"
    r"Metro|Observer|GB News|LBC|HuffPost|Spectator|Private Eye)\b|"
    r"(?i:@\w*(news|bbc|times|guardian|telegraph|mail|hsj|sky)\w*)"
)
_PRESS = (
    r"(journalists?|reporters?|the press|press (office|enquir\w+)|the media|newspapers?|"
    r"articles?|headlines?|coverage|reporting|editor|news (story|article|piece|report|site))"
)
_PRESS_RE = re.compile(rf"\b{_PRESS}\b", _I)
_RESPONDS = re.compile(
    rf"\b(repl\w+|respond\w*|response|comment\w*|answer\w*|send)\b[^.?!\n]{{0,40}}"
    rf"(\b{_PRESS}\b|(?-i:{_OUTLET.pattern}))|\b(your|this|that) (article|piece|coverage|"
    r"headline)\b|\bthanks for getting in touch\b|\bcovering (our|the hra)\b|"
    # The press named first: "a journalist asked me for a quote, can I reply '…'?"
    rf"\b{_PRESS}\b[^.?!\n]{{0,60}}\b(can|could|may|should|shall) (i|we) "
    r"(repl\w*|respond\w*|answer\w*|comment\w*|send)\b",
    _I,
)
# The person's own framing calls the post their reply to the press ("a journalist put out
# a call on X … I've written this reply:"), however far apart the two are said.
_FRAMED_AS_REPLY = re.compile(
    rf"\b{_PRESS}\b[^\n]{{0,300}}\b(this|my|a|the|our) (reply|response|answer)\b|"
    rf"\b(reply|response|answer) to (a|the|this|that) {_PRESS}|"
    rf"\b{_PRESS}\b[^\n]{{0,300}}\b(i'?d like to|i want to|going to|planning to|thinking of) "
    r"(reply|respond|comment|answer)",
    _I,
)
_DISPUTES = re.compile(
    r"\b(wrong|incorrect|inaccurate|misleading|untrue|not true|fake news|backwards|"
    r"nonsense|set the record straight|get your facts|shameful|lies|myth|bollocks|rubbish|"
    r"load of|garbage|drivel|scaremongering|hatchet job|hit piece|clickbait|unfair|one-sided|"
    r"biased|misrepresent\w*|distort\w*|sensationalis\w*)\b",
    _I,
)


def check_media(ctx: DraftContext) -> list[RuleFinding]:
    # §3.5: staff must not "make comments in response to published media comment"; a
    # reply to a journalist, a rebuttal or a comment on coverage of the HRA all are.
    text = ctx.whole
    press = _OUTLET.search(text) or _PRESS_RE.search(text)
    about_us = mentions_hra_work(text) or re.search(r"\b(our work|on us|about us)\b", text, _I)
    if not (
        _RESPONDS.search(text)
        or _FRAMED_AS_REPLY.search(ctx.question)
        or (press and _DISPUTES.search(text))
        or (_OUTLET.search(text) and about_us)
    ):
        return []
    return [
        make_finding(
            ctx,
            rule="media",
            verdict="do_not_post",
            section="3.5",
            anchor="must not respond to requests for comment",
            found="It responds to a journalist or to media coverage",
            fix=f"Don't reply or comment. Send the link or request to {comms_contacts(ctx.facts)}"
            " so they can decide on an official response.",
            fallback="Staff must not respond to the media; refer it to the communications team.",
        )
    ]


_WHISTLE = re.compile(
    r"\bwhistle[- ]?blow\w*|\bblow(ing)? the whistle\b|\bgo(ing)? public\b|"
    r"\bpublic (deserves|needs|has a right|should|ought) (to )?(know|be told)\b|"
    r"\b(time|about time) (the )?public (knew|knows|found out|were told)\b|\bcover(ed|ing)?[- ](it |this |that )?up\b|"
    r"\bcover-?ups?\b|\bswept under the (carpet|rug)\b|\btold to keep quiet\b|"
    r"\bhiding the truth\b|\bnobody (listens|listened|will listen)\b|"
    r"\b(someone|somebody) (has|needs|had|ought) to say (it|this)\b|\bhonest with the public\b|"
    r"\bcan'?t (stay|keep|remain) (quiet|silent)\b|"
    r"\b(real|true) (picture|figures?|numbers?) (is|are) (much |far )?worse\b|"
    r"\b(raised|reported|flagged|escalated)\b[^.!?]{0,60}\b(nothing (happened|was done|changed)|"
    r"ignored|no one (listened|did anything|cared)|nobody (listened|did anything|cared))|"
    # Not "feeling like a fraud" or "report it to Action Fraud".
    r"\b(committing|committed|covering up|covered up|evidence of|guilty of) fraud\b|"
    r"\bfraudulent\b|\bcorrupt(ion)?\b|\bfalsif\w+|\bbehind closed doors\b|"
    r"\bignored\b[^.!?]{0,30}\bconcerns\b|\bthe truth (needs to|will|must|has to) "
    r"(come out|be told)\b|\bgo(ing)? to the (papers|press|media|newspapers)\b|\b(raising|raised) (this|it|"
    r"concerns?|the issue) internally\b|\bwithout (proper|any) (review|checks|scrutiny)\b|"
    r"\b(done|tired of|sick of|no longer) (staying|keeping|being) (quiet|silent)\b|"
    r"\b(hiding|concealing|hid|hushed up|burying)\b[^.!?]{0,40}\b(failings|problems|"
    r"issues|mistakes|errors|truth|data|evidence|concerns|risks|harm)\b",
    _I,
)


def check_whistleblowing(ctx: DraftContext) -> list[RuleFinding]:
    if not _WHISTLE.search(ctx.draft):
        return []
    return [
        make_finding(
            ctx,
            rule="whistleblowing",
            verdict="do_not_post",
            section="3.1",
            anchor="whistle blow",
            found="It raises concerns about wrongdoing in public",
            fix="Don't post it. Raise the concern through the proper channels first - the "
            "HRA's Freedom to Speak Up Guardian or your line manager.",
            fallback="Raise concerns through the proper channels before any public post.",
        )
    ]


_LOGO = re.compile(
    r"\b(HRA|NHS|organi[sz]ation'?s?|corporate)( \w+)? (logo|branding|crest)s?\b|"
    r"\blogo of the HRA\b",
    _I,
)
# "our logo" counts when the post is about the HRA, not a running club.
_OUR_LOGO = re.compile(r"\b(our|company|work)( \w+)? (logo|branding)s?\b", _I)


def check_logo(ctx: DraftContext) -> list[RuleFinding]:
    if not (
        _LOGO.search(ctx.whole) or (_OUR_LOGO.search(ctx.whole) and mentions_hra_work(ctx.whole))
    ):
        return []
    return [
        make_finding(
            ctx,
            rule="logo",
            verdict="do_not_post",
            section="3.1",
            anchor="logo",
            found="It uses the HRA logo on a personal page or account",
            fix="Remove the logo; you may name your role at the HRA in words.",
            fallback="Don't use the organisation's logo on personal pages or accounts.",
        )
    ]
