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
    r"|\bdraft\s*:)"
)
QUOTED = _rx(r"\"[^\"]{3,}\"|“[^”]{3,}”|(?<![a-z])'[^']{8,}'(?![a-z])")

# --- clauses and their mood ----------------------------------------------------------
CLAUSE_SPLIT = _rx(r"[.!?;:\n]+|\s[-–—]+\s|\s\bbut\b\s|\s\bhowever\b\s|\s\banyway\b\s")

# A cue after one of these, in the same clause, describes what might happen.
HYPOTHETICAL = _rx(
    r"\b(?:what if|if|in case|suppose|supposing|imagine|hypothetically|whenever|"
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
    r"\b(?:just|right now|this morning|this afternoon|tonight|today|yesterday|last night|"
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
    r"observer|express|metro|lbc|gb news|newsnight|panorama|radio \d)"
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
    _rx(_MEDIA_VERB + r"\b(?:\W+\w+){0,2}?\W+(?:staff|colleagues|the team|my team|my manager)\b"),
    _rx(
        r"\btrying to (?:get hold of|reach|contact|speak to|talk to|get in touch with|call) "
        r"(?:me|us|someone)\b"
    ),
    _rx(r"\b(?:asking|asked|wants? to know|wanting to know) (?:me )?(?:if|whether) (?:i|we)\b"),
)
# "... asking for a comment": a request, but in "how do I handle a journo who wants a
# quote?" it is talk, so it only counts outside interrogative clauses.
MEDIA_REQUEST = _rx(
    r"\b(?:rang|called|phoned|e-?mailed|messaged|contacted|been in touch|asking|asked|"
    r"wants?|wanting|requested|requesting|chasing)\b(?:\W+\w+){0,3}?\W+(?:comment|quote|"
    r"interview|statement|response|spokesperson|reaction)s?\b"
)

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
        r"contacting|dm'?ing|texting|flooding|piling|targeting|doxx\w*|ringing|turning up)"
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
)

# --- safeguarding ----------------------------------------------------------------------
SELF_HARM = _rx(
    r"\b(?:end (?:it|it all|my life|their life|his life|her life|things)|"
    r"kill (?:myself|themselves|himself|herself|themself)|suicid\w*|"
    r"wants? to die|wanted to die|"
    r"(?:don'?t|doesn'?t|do not|does not|didn'?t) want to (?:live|be here|be alive|go on|wake up)|"
    r"no reason to (?:live|go on)|(?:not|no longer) (?:want to )?be (?:here|alive) anymore|"
    r"(?:took|taken|take|taking) (?:a load of|loads of|all (?:my|their|his|her)|an overdose|"
    r"some|too many) ?(?:pills|tablets)?|overdos\w*|self[- ]?harm\w*|"
    r"hurt(?:ing)? (?:myself|themselves|himself|herself|themself)|"
    r"cut(?:ting)? (?:myself|themselves|himself|herself)|"
    r"goodbye (?:letter|note|message|post)s?|nobody (?:will|would) miss|"
    r"better off without (?:me|them|him|her)|can'?t go on|can'?t do this anymore|"
    r"no point (?:in )?(?:living|going on)|jump(?:ing)? (?:off|in front of)|"
    r"hang (?:myself|themselves|himself|herself)|going to do something stupid|"
    r"not (?:be )?(?:here|around) (?:tomorrow|much longer|by the morning))"
)
EXTREMISM = _rx(
    r"\b(?:extremis\w*|radicali[sz]\w*|far[- ]right|far[- ]left|terror\w*|jihad\w*|"
    r"neo-?nazi\w*|white power|isis)\b"
)
# Harms that are safeguarding when a child, young person or adult at risk is involved (§3.2).
VULNERABLE = _rx(
    r"\b(?:child\w*|kids?|teen\w*|young \w+|"
    r"youth|minors?|pupils?|schoolgirl|schoolboy|girls?|boys?|lads?|"
    r"\d{1,2} ?(?:yo|y/o|yr old|yrs? old|year old|years old)|\d{1,2}yo|under ?1[0-8]|"
    r"underage|vulnerable|adults? at risk|at risk|learning disabilit\w*|dementia|"
    r"(?:patient|lived experience|public|ppi|involvement|advisory) (?:panel|group|forum)|"
    r"panel member|patient rep\w*|service users?|participants?|carer|elderly|older person|son|daughter|student)\b"
)
# A disclosure of abuse at home is safeguarding whoever makes it (adults at risk, §3.2).
DISCLOSURE = _rx(
    r"\b(?:(?:hits?|beats?|beating|beaten|hurts?|hurting|chokes?|kicks?) (?:them|her|him|me)\b|"
    r"scared to go home|(?:unsafe|not safe|doesn'?t feel safe|don'?t feel safe) at home|"
    r"(?:scared|afraid|terrified) of (?:their|her|his|my) (?:dad|mum|mom|father|mother|"
    r"partner|husband|wife|boyfriend|girlfriend|carer|stepdad|stepmum)|"
    r"(?:sexually|physically) abused|abused at home|domestic (?:abuse|violence)|"
    r"being (?:groomed|exploited|trafficked|coerced|radicali[sz]ed|sexually \w+))"
)
VULNERABLE_HARM = (
    _rx(
        r"\b(?:abus(?:ed|ing|e)\b|hits? (?:them|her|him|me)|beat(?:s|en|ing)? (?:them|her|him)|"
        r"hurt(?:s|ing)? (?:them|her|him)|being (?:bullied|hurt|hit|beaten|abused|groomed|"
        r"exploited|threatened|forced|pressured|blackmailed|followed)|scared to go home|"
        r"(?:unsafe|not safe|doesn'?t feel safe|don'?t feel safe) at home|afraid of (?:their|her|"
        r"his)|touch(?:ed|ing) (?:them|her|him)|inappropriate(?:ly)?|sexual\w*)"
    ),
    _rx(
        r"\b(?:groom\w*|ask(?:ed|ing|s)? (?:\w+ ){0,2}?(?:for|to send) (?:\w+ )?(?:photos|pictures|pics|"
        r"nudes|images|videos|selfies)|nudes|naked|explicit (?:photos|pictures|images)|"
        r"(?:wants?|asking|asked|arrange\w*|trying) to meet|meet (?:up )?(?:with )?"
        r"(?:them|her|him)? ?(?:alone|in person)|meet up|"
        r"move (?:it |this )?to (?:a )?private (?:chat|message|dm|group)|"
        r"message (?:him|her|them) privately|(?:private|secret) (?:chat|group)|"
        r"pressur\w+ (?:them|her|him)|forc\w+ (?:them|her|him)|being forced|coerc\w+|"
        r"bank details|(?:send|sending|asking for|pressuring \w+ into sending) money|"
        r"(?:has been|keeps?|is|'s been|started|kept) (?:\w+ )?(?:contacting|messaging|texting|"
        r"dm'?ing|following|befriending|chatting to|adding) (?:her|him|them)\b|"
        r"ask(?:ed|ing|s)? (?:\w+ ){0,4}?to (?:dm|message|text|snap|add|contact|call|meet|"
        r"send|video ?call|come)\b|"
        r"(?:telling|told|encouraging|encouraged|urging|urged|persuading|pressuring) "
        r"(?:\w+ ){0,3}?to (?:join|meet|message|dm|send|fight|hurt|kill|attack)\b|"
        r"join (?:his|their|a private|a secret) (?:group|chat|server|channel|cause)|"
        r"sextort\w*|exploit\w*|blackmail\w*|recruit\w* (?:young|kids|children|teen\w*|them|her|him))"
    ),
    _rx(
        r"\b(?:posted|posting|shared|sharing|put|gave|giving|given|included|including|revealed|"
        r"listed|commented|replied|wrote|with|and)\s+(?:\w+\s+){0,3}?(?:their|her|his|"
        r"full|home)\s?(?:own |home |full |mobile |phone |personal )?(?:address|phone number|"
        r"mobile number|number|school|location|snapchat|insta\w*|full name|door code|"
        r"bank details|postcode|date of birth|whatsapp|details)"
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
