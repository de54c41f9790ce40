"""Safeguarding cue families (§3.2, §3.2.1): who may be at risk, and what harm looks like.

Safeguarding is recall-first, so these lists are deliberately broad: a false escalation
costs the communications team a minute, a missed one can cost a child. Families are
written as kinds of language (ages, care settings, grooming moves, money taken, ways of
saying "I want to die" without the word suicide), not as sentences seen in any test set.
Patterns run on normalised text (lower case, straight quotes, single spaces).
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_OBJ = r"(?:them|her|him|me|themselves|herself|himself|myself|themself)"
_PRON = r"(?:their|her|his|my)"

# Self-harm and suicide, as people actually write it: euphemism, plans, goodbyes, pills.
SELF_HARM = _rx(
    r"\b(?:end (?:it|it all|my life|their life|his life|her life|things|everything)|"
    r"kill (?:myself|themselves|himself|herself|themself)|suicid\w*|"
    r"(?:take|taking|took) (?:my|their|his|her) (?:own )?life|"
    r"wants? to die|wanted to die|wanna die|(?:rather|better off) (?:be )?dead|"
    r"(?:don'?t|doesn'?t|do not|does not|didn'?t) want to (?:live|be here|be alive|go on|wake up|exist)|"
    r"no reason to (?:live|go on)|(?:not|no longer) (?:want to )?be (?:here|alive) any ?more|"
    r"(?:wasn'?t|wasnt|weren'?t|werent|not) (?:here|around|alive) any ?more|"
    r"(?:no ?one|nobody) (?:will|would|'d|wd) (?:notice|care|miss)|"
    r"(?:took|taken|take|taking|swallowed) (?:a load of|loads of|all (?:my|their|his|her)|"
    r"an overdose|some|too many|a bunch of|a handful of) ?(?:pills|tablets|paracetamol)?|"
    r"overdos\w*|self[- ]?harm\w*|self[- ]?injur\w*|"
    r"(?:hurt|harm|cut|burn|starv)(?:ing|s|ed)? (?:myself|themselves|himself|herself|themself)|"
    r"(?:been|started|is|was|'s|keeps?|back to) cutting\b|cutting again|"
    r"(?:stopped|stopping|not|isn'?t|hasn'?t been|won'?t) eating|"
    r"goodbye (?:letter|note|message|post|video)s?|giv(?:en|ing|e) (?:\w+ )?(?:stuff|things|"
    r"belongings|possessions) away|nobody (?:will|would) miss|"
    r"better off without (?:me|them|him|her)|can'?t go on|can'?t do this any ?more|"
    r"can'?t cope any ?more|no point (?:in )?(?:living|going on|anything)|"
    r"jump(?:ing)? (?:off|in front of)|hang (?:myself|themselves|himself|herself)|"
    r"going to do something stupid|disappear\w* (?:for good|forever)|"
    r"(?:done|finished) with (?:everything|it all|life|living)(?! to do with)|"
    r"can'?t (?:take|handle) (?:it|this|any of this) any ?more|want (?:it|everything) to stop|"
    r"(?:has|have|got|made|making|'ve got) (?:a )?plans? (?:for tonight|to end|to die|for how)|"
    r"(?:sleep|go to sleep) (?:forever|and not wake up)|not wake up|"
    r"(?:everyone|everybody|people|they|the world|my family|(?:my|her|his|their) \w+) "
    r"(?:would|will|'d) be (?:happier|better(?: off)?|fine) (?:if|without)|"
    r"not (?:be )?(?:here|around) (?:tomorrow|much longer|by the morning|next week))"
)
EXTREMISM = _rx(
    r"\b(?:extremis\w*|radicali[sz]\w*|far[- ]right|far[- ]left|terror\w*|jihad\w*|"
    r"neo-?nazi\w*|nazi\w*|white power|white suprem\w*|isis|daesh|race war|"
    # glorifying mass violence is the same risk to a young audience (§3.2 "encouraging
    # violent behaviour", "indoctrination")
    r"glorif\w*|(?:school|mass) shoot\w*|massacres?|mass murder\w*|beheading\w*|"
    r"bomb[- ]making|incel\w*|"
    r"propaganda|martyr\w*|great replacement|(?:join|recruit\w*) (?:\w+ ){0,3}?"
    r"(?:movement|cause|militia|group|gang|channel))\b"
)
# Someone a safeguarding duty covers: children and young people (by word or by age) and
# adults at risk (by condition, care setting or dependence on a carer).
VULNERABLE = _rx(
    r"\b(?:child\w*|kids?|teen\w*|young \w+|younger|youngsters?|youth|minors?|pupils?|school ?(?:girl|boy|kid|child)\w*|"
    r"girls?|boys?|lads?|infants?|babies|baby|toddlers?|adolescents?|juniors?|"
    r"\d{1,2} ?(?:yo|y/o|yr old|yrs? old|year old|years old)|\d{1,2}yo|under ?1[0-8]s?|"
    r"aged? \d{1,2}\b|\(\d{1,2}\)|(?:she|he|they|i)(?:'s|'re|'m| is| are| was| am) "
    r"(?:only |just |about |like |around )?"
    r"(?:\d{1,2}|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b|"
    r"(?:look|looks|looked|seems?|seemed) (?:about |around |like |maybe )?(?:\d{1,2}|"
    r"twelve|thirteen|fourteen)\b|year (?:\d{1,2}|group)|primary|secondary school|"
    r"underage|vulnerable|adults? at risk|at risk|learning disabilit\w*|disabilit\w*|disabled|"
    r"autis\w*|dementia|alzheimer\w*|capacity|mental health|supported (?:living|housing)|"
    r"care home|nursing home|residents?|sheltered|frail|elderly|older (?:\w+ )?(?:person|people|"
    r"man|men|woman|women|lady|ladies|gentleman|adult|chap|gent)|pensioners?|"
    r"(?:patient|lived experience|public|ppi|involvement|advisory|youth|carers'?) "
    r"(?:panel|group|forum|network)|panel member|patient rep\w*|service users?|"
    r"participants?|carers?|support worker|son|daughter|students?|advisers?|advisors?)\b"
)
# A disclosure of abuse at home is safeguarding whoever makes it (adults at risk, §3.2).
DISCLOSURE = _rx(
    r"\b(?:(?:hits?|beats?|beating|beaten|hurts?|hurting|chokes?|kicks?|slaps?|punch\w*|"
    r"touch(?:es|ed|ing)?) "
    r"(?:them|her|him|me)\b|scared to go home|(?:doesn'?t|don'?t) want to go home|"
    r"(?:unsafe|not safe|doesn'?t feel safe|don'?t feel safe) at home|"
    r"(?:scared|afraid|terrified) of (?:their|her|his|my) (?:dad|mum|mom|father|mother|"
    r"partner|husband|wife|boyfriend|girlfriend|carer|stepdad|stepmum|uncle|brother)|"
    r"(?:sexually|physically|emotionally|financially) abused|abused at home|"
    r"domestic (?:abuse|violence)|being (?:groomed|exploited|trafficked|coerced|"
    r"radicali[sz]ed|sexually \w+))"
)
# Harms that are safeguarding when a child, young person or adult at risk is involved.
VULNERABLE_HARM = (
    # abuse and neglect by the people around them
    _rx(
        r"\b(?:abus(?:ed|ing|e)\b|neglect\w*|"
        r"(?:hits?|beats?|beaten|beating|hurts?|hurting|slaps?|kicks?|shoves?|shouts? at|"
        r"screams? at|yells? at|swears? at|locks?|locked|locking|starves?|bull(?:y|ies|ied)|"
        r"touch(?:es|ed|ing)?|grabs?|grabbed|punch(?:es|ed)?|chok(?:es|ed|ing)|strangl\w*)"
        rf" {_OBJ}\b|takes? {_PRON} (?:money|pension|benefits|card|phone|savings)|"
        r"being (?:bullied|hurt|hit|beaten|abused|groomed|exploited|threatened|forced|"
        r"pressured|blackmailed|followed|targeted|scammed|conned)|bull(?:ied|ying)\b|"
        r"scared to go home|(?:unsafe|not safe|doesn'?t feel safe|don'?t feel safe) at home|"
        r"(?:afraid|scared|terrified) of (?:their|her|his)|touch(?:ed|ing) (?:them|her|him)|"
        r"inappropriate(?:ly)?|sexual\w*|indecent|porn\w*|obscene|explicit|graphic)"
    ),
    # grooming and exploitation: secrecy, gifts, meeting, images, isolating from adults
    _rx(
        r"\b(?:groom\w*|nudes|naked|(?:ask|want|pressur|beg|tell)\w* (?:\w+ ){0,3}?(?:for|to send) "
        r"(?:\w+ )?(?:photos|pictures|pics|images|videos|selfies)|"
        r"(?:wants?|asking|asked|arrange\w*|trying|planning) (?:\w+ ){0,2}?to (?:meet|visit)|"
        r"meet (?:up )?(?:with )?(?:them|her|him)? ?(?:alone|in person)|"
        r"keep (?:\w+ ){0,3}?(?:secret|private|between (?:them|us|you and me))|"
        r"(?:don'?t|not to|never|won'?t let (?:him|her|them)) tell (?:anyone|anybody|"
        r"(?:their|her|his|your) (?:mum|mom|dad|parents?|family|carer|support worker|teacher))|"
        r"(?:mum|mom|dad|parents?|family|carer) (?:doesn'?t|don'?t|does not|do not) know|"
        r"(?:sent|sending|bought|buying|offer\w*) (?:them|her|him) (?:\w+ ){0,2}?(?:money|cash|"
        r"gifts?|presents?|vouchers?|tickets?|a phone|credit|game credit)|"
        r"move (?:it |this )?to (?:a )?private (?:chat|message|dm|group)|"
        r"message (?:him|her|them) privately|(?:private|secret) (?:chat|group|account)|"
        r"pressur\w+ (?:them|her|him)|forc\w+ (?:them|her|him)|being forced|coerc\w+|"
        # an older stranger, not "the older adults in our group" (the people we serve)
        r"(?:older|grown) (?:man|guy|bloke|woman|lad|teen\w*)\b|"
        r"bank details|savings|withdraw\w*|loans?|gift cards?|scam\w*|"
        r"pretend\w* to be (?:her|his|their) |gave (?:\w+ ){0,2}?(?:her|his|their) (?:card|bank|"
        r"pin|password|account|login)|"
        r"(?:send|sending|asking for|pressuring \w+ into sending|give|giving) (?:\w+ )?money|"
        r"(?:carry|carrying|deliver\w*|hold\w*|move|moving) (?:\w+ ){0,2}?(?:packages?|parcels?|"
        r"drugs|bags?)|county lines|"
        r"(?:has been|keeps?|is|'s been|started|kept) (?:\w+ )?(?:contacting|messaging|texting|"
        r"dm'?ing|following|befriending|chatting to|adding) (?:her|him|them)\b|"
        r"threaten\w* to (?:share|post|send|leak|tell|expose)|unless (?:she|he|they) (?:sends?|pays?)|"
        r"persuad\w* (?:\w+ ){0,2}?to|(?:banking|bank|account) (?:login|password|pin|details)|"
        r"ask(?:ed|ing|s)? (?:\w+ ){0,4}?to (?:dm|message|text|snap|add|contact|call|meet|"
        r"send|video ?call|come|be (?:our|my|his|her) (?:friend|girlfriend|boyfriend))\b|"
        r"(?:ask|want)\w* (?:\w+ ){0,3}?(?:what|which|where|how old) (?:\w+ ){0,2}?"
        r"(?:school|lives?|live|looks? like|age|old|address|alone)|"
        r"(?:telling|told|encouraging|encouraged|urging|urged|persuading|pressuring) "
        r"(?:\w+ ){0,3}?to (?:join|meet|message|dm|send|fight|hurt|kill|attack)\b|"
        r"join (?:his|their|a private|a secret) (?:group|chat|server|channel|cause)|"
        r"sextort\w*|exploit\w*|blackmail\w*|"
        r"recruit\w* (?:young|kids|children|teen\w*|them|her|him))"
    ),
    # a vulnerable person giving away details that can locate or identify them
    _rx(
        r"\b(?:posted|posting|shared|sharing|put|gave|giving|given|included|including|revealed|"
        r"listed|commented|replied|wrote|with|and|asking for|asked for|wants?)\s+"
        r"(?:[\w']+[\s,]+){0,4}?(?:their|her|his|full|home|own)\s?(?:own |home |full |mobile |"
        r"phone |personal )?(?:address|phone number|mobile number|number|school|location|"
        r"snapchat|snap|insta\w*|full name|door code|bank details|postcode|date of birth|"
        r"whatsapp|details|hospital|ward|name|age|photo|selfie|uniform|street)"
    ),
)
# The catch-all for recall: any sign of danger or distress told about a vulnerable
# person in a clause that reports something. Harm is described in too many ways for
# the families above to list; this family trades a little precision for not missing one.
CONCERN = _rx(
    # fear counts when its object is a person or home, not "scared of public speaking"
    r"\b(?:(?:scared|frightened|afraid|terrified|petrified)(?! (?:of|about|to) (?!(?:him|her|"
    r"them|his|their|my|going home|home|what|a man|an older|someone|somebody|this person|"
    r"the man|that man)\b))|unsafe|in danger|not safe|kill\w*|"
    r"die|dying|dead|hurt\w*|harm\w*|threat\w*|blackmail\w*|unless (?:she|he|they|you)|"
    r"strangers?|older (?:man|guy|teen\w*|boy|lad|bloke|girl|woman)\b|secret\w*|"
    r"run(?:ning)? away|ran away|missing|meds|medication|pills|stockpil\w*|"
    r"won'?t be (?:a problem|a burden|around|here)|burden|persuad\w*|manipulat\w*|"
    r"nudes|(?:video|pics?|photos?|images?) of (?:her|him|them)(?! (?:to|for|on|at|in|from)\b)|"
    r"add (?:him|her|them|me) on|telegram|memes|racis\w*|"
    r"homophob\w*|bullied|abus\w*|crying|sobbing|starving|bruis\w*|injur\w*)\b"
)
# "a letter about kids sharing their locations": a topic told about people in general.
TOPIC_ABOUT = _rx(
    r"\b(?:letter|e-?mail|newsletter|leaflet|talk|session|presentation|training|assembly|"
    r"warning|article|story|thread|piece|guidance|campaign|webinar|course|module|podcast|"
    r"documentary|report|research|study) (?:\w+ ){0,3}?(?:about|on|around|covering) "
    r"(?:how |why |what )?(?:\w+ )?(?:kids|children|young people|teenagers|teens|people|"
    r"users|parents|families|staff|pupils|students|adults|bullying|grooming|safety|"
    r"self[- ]harm|suicide|abuse|extremism|radicali[sz]ation|exploitation|harassment|"
    r"wellbeing|mental health|scams?|privacy)\b"
)
OWN_FAMILY = _rx(r"\bmy (?:own )?(?:kids?|son|daughter|children|child|boys?|girls?)\b")
