"""Regex cue families for triage: who is involved, what happened, and what only might.

Patterns run on normalised text (lower case, straight quotes, single spaces). Each family
is small and named so `Triage.reasons` can say which family fired without quoting the
person's words (reasons may be logged; message text may not, see STYLE.md).
"""

from __future__ import annotations

import re

_F = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


# --- drafts ------------------------------------------------------------------------
# "Can I post: ..." / "check this draft: ..." — the draft is the person's own words for
# a post, not a report, so its quoted or after-colon part is not triaged (§3.1 checks
# are the draft checker's job).
DRAFT_REQUEST = _rx(
    r"\b(?:(?:can|could|may|should|shall|is it ok(?:ay)? (?:to|if)) (?:i|we) "
    r"(?:post|tweet|share|publish|write|say|put|send|reply with|use)"
    r"|(?:check|review|proofread|look over|sense[- ]check) (?:this|my|the|our) "
    r"(?:draft|post|tweet|message|wording|reply|caption|copy)"
    r"|is (?:this|it) (?:ok|okay|alright|fine) to (?:post|tweet|share|publish)"
    r"|(?:can|could|should|may) (?:this|it) (?:go|be posted|be shared) (?:on|out|up)"
    r"|\bdraft\s*:)"
)
QUOTED = _rx(r"\"[^\"]{3,}\"|“[^”]{3,}”|(?<![a-z])'[^']{8,}'(?![a-z])")

# --- clauses and their mood ----------------------------------------------------------
# A comma before a question word starts the question ("... and comms handled it, what's
# the process now?"), so its "now" does not make the story before it current.
CLAUSE_SPLIT = _rx(
    r"[.!?;:\n]+|\s[-–—]+\s|\s\bbut\b\s|\s\bhowever\b\s|\s\banyway\b\s|"
    r",\s+(?=(?:what|what's|whats|how|who|where|which|do|does|is|are|can|could|should|any)\b)"
)

# A cue after one of these, in the same clause, describes what might happen.
HYPOTHETICAL = _rx(
    r"\b(?:what if|if|in case|suppose|supposing|imagine|hypothetically|whenever|pretend|"
    r"role[- ]?play|scenario|for example|e\.g\.|"
    r"in the event|were to|(?:^|let'?s )say (?:a|an|someone)|"
    r"should (?:a|an|someone|somebody|anyone|the|i ever|i get|they|people)|"
    r"when (?:a|an|someone|somebody|anyone|the|people|journalists|reporters|media|kids|"
    r"children|young|trolls|users|staff|you|we get|i get))\b"
)
# "not sure if this counts, ..." and friends introduce a report, they do not suspend it.
NOT_HYPOTHETICAL = _rx(
    r"\b(?:(?:not sure|no idea|don'?t know|dunno|wondering|unsure|unclear) (?:if|whether)"
    r"|if (?:this|that|it)(?:'s| is| counts| matters| helps| makes sense)|as if|even if)\b"
)
# Words that make an event real even inside an "if" clause (safeguarding is recall-first).
REALIS = _rx(
    r"\bjust (?:been |now )?(?:\w+ed|seen|saw|got|had|sent|been|rang|told|said|found|came|"
    r"left|received|dm'?d|messaged|posted|spotted|noticed|read|heard)\b|"
    r"\b(?:right now|this morning|this afternoon|tonight|today|yesterday|last night|"
    r"earlier|minutes ago|an hour ago)\b"
)
NEGATION = _rx(
    r"\b(?:no|not|never|nobody|no one|none|haven'?t|hasn'?t|hadn'?t|didn'?t|isn'?t|"
    r"aren'?t|wasn'?t|weren'?t|without|havent|hasnt|didnt)\b|n't\b"
)
INTERROGATIVE = _rx(
    r"^\s*(?:what|what's|whats|how|is|are|does|do|can|could|should|who|where|when|which|"
    r"am|will|would|may|any)\b"
)
# Talk about a topic (training, guidance) is not a report about a person.
TOPIC_TALK = _rx(
    r"\b(?:training|guidance|policy|policies|campaign|blog|article|presentation|leaflet|"
    r"slides|statement|research|procedure|process|awareness|prevention|charity|charities|"
    r"volunteer\w*|helpline|fundrais\w*)\b"
)

# --- media -----------------------------------------------------------------------------
MEDIA_ACTOR = _rx(
    r"\b(?:jour\w*ist\w*|journo\w*|reporter\w*|correspondent|editor|press\b(?! release)|"
    r"newspaper|tabloid|news ?(?:desk|site|outlet|programme|program|team|agency|channel|room)|"
    r"media\b|broadcaster|podcast\w*|producer|documentary|radio|tv\b|television|magazine|"
    r"blogger|bbc|itv|sky news|channel [45]|guardian|telegraph|daily mail|the mail|mirror|"
    r"the sun\b|the times|the i\b|i newspaper|independent|evening standard|financial times|"
    r"\bft\b|reuters|press association|hsj|bmj|new scientist|economist|huffpost|buzzfeed|"
    r"observer|express|metro|lbc|gb news|newsnight|panorama|radio \d|"
    # the trade press, freelancers and programme makers count as much as the nationals
    r"writer|columnist|freelance\w*|film ?-?makers?|documentary makers?|programme makers?|"
    r"publication|trade (?:press|mag\w*|journal|title|paper)|mag\b|outlet|"
    r"new statesman|spectator|private eye|politico|wired|vice\b|"
    r"(?<!hra )(?<!intranet )news\b)"
)
_MEDIA_VERB = (
    r"(?:e-?mail(?:ed|d)|rang|rung|called|phoned|messaged|msg'?d|dm'?e?d|pm'?e?d|texted|"
    r"contacted|approached|tweeted at|calling|ringing|phoning|e-?mailing|messaging|texting|"
    r"contacting|hounding|wrote to|written to|sent|left|invited|asked|asking|"
    r"chasing|forwarded|reached out|got in touch|been in touch|in touch|wants?|wanting|"
    r"replied|requested|requesting|doorstepped|cornered|collared|tagged|"
    r"keeps? (?:messaging|emailing|calling|ringing|asking|chasing|dm'?ing))"
)
MEDIA_EVENT = (
    _rx(
        _MEDIA_VERB + r"\b(?:\W+\w+){0,3}?\W+(?:me|us|my (?:desk|phone|mobile|inbox|post|"
        r"tweet|comment|email|work)|our (?:account|page|inbox|team))\b"
    ),
    _rx(
        r"\b(?:had|got|received|receiving|getting|there'?s|there is)\s+(?:a|an|some|several|"
        r"two|three)?\s*(?:\w+\s+){0,2}?(?:e-?mail|call|phone ?call|message|dm|voicemail|"
        r"enquiry|inquiry|request|approach|text|letter)s?\b"
    ),
    _rx(
        r"\b(?:been|was|were|being|got) (?:just )?(?:contacted|approached|e-?mailed|called|"
        r"rung|phoned|asked|doorstepped|messaged|dm'?e?d)\b"
    ),
    _rx(r"\b(?:on the phone|on the line|at reception|at the door|in reception)\b"),
    _rx(r"\b(?:in|into|to) (?:my|our) (?:dms|inbox|messages|mentions|replies|voicemail)\b"),
    _rx(r"\b(?:outside|at|in) (?:the|our) (?:building|office|door|house|reception|lobby)\b"),
    _rx(
        _MEDIA_VERB + r"\b(?:\W+\w+){0,2}?\W+(?:staff|colleagues?|the team|my team|my manager|"
        r"(?:the|our|my) (?:\w+ ){0,2}?(?:office|desk|line|switchboard|helpline|number|"
        r"department|unit|committee|chair|boss|director|inbox))\b"
    ),
    _rx(
        r"\btrying to (?:get hold of|reach|contact|speak to|talk to|get in touch with|call) "
        r"(?:me|us|someone)\b"
    ),
    _rx(r"\b(?:asking|asked|wants? to know|wanting to know) (?:me )?(?:if|whether) (?:i|we)\b"),
)
# "The Times article", "a BBC piece": the outlet named as the source of coverage, not as
# someone who made contact; such mentions are removed before looking for an actor.
MEDIA_COVERAGE = _rx(
    r"\b(?:the )?(?:bbc|itv|sky news|guardian|telegraph|daily mail|mail|mirror|sun|times|"
    r"independent|evening standard|financial times|ft|hsj|bmj|new scientist|economist|"
    r"observer|express|metro|newspaper|news|tabloid|podcast|radio \d|channel [45])(?:'s)? "
    r"(?:article|piece|story|stories|coverage|headline|editorial|column|report|documentary|"
    r"feature|episode|clip|website|site|app)s?\b"
)
# Academic publishing: a journal editor asking for a peer review is not the press.
ACADEMIC = _rx(
    r"\b(?:(?:review|referee|peer[- ]review)\w* (?:a |the |my |this )?(?:manuscript|paper|"
    r"submission|grant)|journal editor|editor of (?:a |the )?(?:\w+ )?journal|editorial board)\b"
)
PRESS_WORD = _rx(r"\b(?:jour\w*ist|journo|reporter|press|newspaper|media|broadcaster)\b")
# The outlet is the subject of a contact verb: "someone from the Telegraph just called
# the REC office". Checked only after a MEDIA_ACTOR match, over the next few words.
MEDIA_CONTACT_AFTER_ACTOR = _rx(
    r"^\W*(?:[\w'()-]+\W+){0,8}?(?:just |has |have |had |'s |'ve |already |now |also )*"
    r"(?:e-?mail(?:ed|d)|rang|rung|called|phoned|messaged|msg'?d|dm'?e?d|pm'?e?d|texted|"
    r"contacted|approached|invited|asked|left (?:a|me)|sent (?:me|us|a)|got in touch|"
    r"reached out|been in touch|wants?|wanting|is asking|are asking|keeps? (?:\w+ing)|"
    r"doorstepped|turned up|showed up|tweeted at|replied to me|requested|chasing)\b"
)
# In a question, only a contact that already happened counts ("should I reply to a
# journalist who emailed me?"); "how do I handle a journo who wants a quote?" is generic.
MEDIA_PAST_CONTACT = _rx(
    r"\b(?:e-?mail(?:ed|d)|rang|rung|called|phoned|messaged|dm'?e?d|texted|contacted|approached|"
    r"invited|asked|left|sent|got in touch|reached out|been in touch|doorstepped|turned up|"
    r"tweeted at|replied|requested)\b"
)
TO_READER = _rx(r"\s*(?:you|u)\b")
# "... asking for a comment": a request, but in "how do I handle a journo who wants a
# quote?" it is talk, so it only counts outside interrogative clauses.
MEDIA_REQUEST = _rx(
    r"\b(?:rang|called|phoned|e-?mailed|messaged|contacted|been in touch|asking|asked|"
    r"wants?|wanting|requested|requesting|chasing)\b(?:\W+\w+){0,3}?\W+(?:comment|quote|"
    r"interview|statement|response|spokesperson|reaction)s?\b"
)

FIRST_PERSON = _rx(r"\b(?:i|me|my|mine|myself|i'?m|i'?ve|i'?d|im|ive)\b")

# --- harassment ------------------------------------------------------------------------
_ABUSIVE = (
    r"(?:threat\w*|abus\w*|nasty|horrible|hate\w*|hateful|vile|death threats?|sexual|racist|"
    r"sexist|homophobic|transphobic|misogynist\w*|offensive|disgusting|aggressive|"
    r"intimidating|creepy|unwanted|harass\w*|menacing|trolling)"
)
HARASS_STRONG = _rx(r"\b(?:threat\w*|abus\w*|harass\w*|stalk\w*|doxx?\w*|troll\w*)\b")
HARASS_EVENT = (
    # what I am getting
    _rx(
        r"\b(?:getting|receiving|received|had|got|been sent|being sent|keep getting|bombarded with|"
        r"inundated with|flooded with|swamped with|deluged with|spammed with|targeted with|"
        r"flooding \w+ inbox with)\s+(?:\w+\s+){0,4}?" + _ABUSIVE
    ),
    # what is being done to me
    _rx(
        r"\b(?:i'?m|i am|im|i've been|i have been|ive been|i was|i got|been|being)\s+"
        r"(?:\w+\s+){0,2}?(?:trolled|harass(?:ed)?|stalked|threatened|abused|targeted|"
        r"doxx?ed|bullied|attacked|piled on|impersonated|hounded|intimidated)\b"
    ),
    # what someone keeps doing to me
    _rx(
        r"\b(?:keeps?|kept|has been|have been|'s been|is|are|won'?t stop|started|now)\s+"
        r"(?:\w+\s+){0,2}?(?:messaging|e-?mailing|sending|tagging|following|commenting|"
        r"posting|replying|harassing|stalking|threatening|abusing|trolling|creating|"
        r"contacting|dm'?ing|texting|flooding|piling|targeting|doxx\w*|ringing|turning up|"
        r"sharing|spreading|circulating|mocking|editing|photoshopping|insulting|attacking|"
        r"impersonating|calling)"
        r"\b(?:\W+\w+){0,6}?\W+(?:me|my|us|i)\b"
    ),
    _rx(r"\bthreaten\w*\s+(?:\w+\s+){0,3}?(?:me|my|us|our)\b"),
    _rx(
        r"\b(?:posted|shared|published|leaked|found|tracked down|doxx?ed)\s+(?:\w+\s+){0,2}?"
        r"my (?:home |personal |private )?(?:address|phone|number|details|family|partner|"
        r"kids|children|linkedin|profile)"
    ),
    _rx(
        r"\b(?:know where i live|pay me a visit|ruin my (?:career|life|reputation)|"
        r"get me (?:sacked|fired)|fake (?:account|profile)s? (?:\w+ ){0,3}?my|"
        r"calling me (?:a|an|names)|called me (?:a|an|names)|death threats?|"
        r"doxx?(?:ing|ed) me|won'?t leave me alone|after me|impersonat\w* me)\b"
    ),
    # threats, including to family, in the words people use for them
    _rx(
        r"\b(?:know(?:s)? where (?:i|we|my \w+|you) (?:live|lives|work|works|go|goes|sleep|park)|"
        r"deserves? to (?:die|be hurt|suffer|be attacked|be shot|be raped|lose (?:my|her|his) job)|"
        r"watch (?:my|your) back|(?:coming|come) (?:for|after) (?:me|my|you)|"
        r"(?:me|my)\b(?:\W+\w+){0,4}?\W+(?:with|full of|containing) (?:\w+ ){0,2}?"
        r"(?:threats|slurs|insults|abuse))\b"
    ),
    # impersonation: fake or parody accounts, stolen name or photo
    _rx(
        r"\b(?:(?:fake|parody|spoof|copycat|cloned?|imposter|impostor|false) (?:\w+ ){0,2}?"
        r"(?:account|profile|page|handle)s? (?:\w+ ){0,4}?(?:my|me|i'?m|as me)|"
        r"(?:using|stolen|stole|steal\w*|copied|with) my (?:name|photo|picture|pic|identity|"
        r"headshot|face|details)|pretending to be me|posing as me|"
        r"impersonat\w* (?:\w+ ){0,2}?(?:me|my)|"
        r"(?:doctored|edited|photoshopped|fake|deepfake\w*|manipulated) (?:\w+ )?(?:images?|"
        r"photos?|pictures?|videos?|pics) of me)\b"
    ),
)

# Something happened: a person did or said something, or the reporter saw it.
EVENT = _rx(
    r"\b(?:posted|posting|said|says|saying|told|tells|wrote|writing|commented|commenting|"
    r"messaged|messaging|sent|sending|shared|sharing|disclosed|replied|replying|dm'?e?d|"
    r"e-?mailed|mentioned|admitted|revealed|uploaded|has been|have been|'s been|is being|"
    r"are being|keeps?|kept|took|saw|seen|noticed|found|spotted|came across|there'?s|"
    r"there is|there are|asked|asking|contacted|contacting|met|got|received|gave|giving|"
    r"put|putting|telling|seems|seemed|tried|trying|started|threatening|threatened)\b"
)
# A person placed on one of our channels ("a kid on our page") is someone real, even
# inside a question: recall-first for safeguarding.
LOCATED = _rx(
    r"\b(?:on|in|under|from|to) (?:our|the hra'?s?|my) (?:\w+ )?(?:page|post|posts|account|"
    r"forum|group|panel|chat|comments|feed|channel|thread|instagram|facebook|tiktok|twitter|"
    r"linkedin|youtube|webinar|workshop|survey|discord|whatsapp|dms|inbox)\b"
)
SUBJECT = _rx(
    r"\b(?:someone|somebody|a (?:user|person|member|follower|child|kid|teen\w*|girl|boy|man|"
    r"woman|guy|lad)|one of|they|he|she|i)\b"
)
