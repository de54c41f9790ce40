"""Mood guards for triage: is a cue told as fact, now, to us, or as talk?

Each pattern marks language that turns a cue into something other than a report:
reported speech (whose "if" belongs to the speaker), irrealis modals, history, a matter
already handled, news read about others, a training scenario, or leave asked for one's
own next step. Patterns run on normalised text (lower case, straight quotes).
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Reported speech: a hypothetical inside what someone said ("she wrote 'nobody would
# notice if I was gone'") belongs to the quote, not to the report, so guards only look
# before the first of these.
REPORTING = _rx(
    r"\b(?:saying|said|says|wrote|writes|writing|posted|posts|commented|comments|messaged|"
    r"tweeted|replied|mentioned|admitted|disclosed|claims?|claiming|told (?:me|us|her|him|them)"
    r"|tells)\b|(?:^|\s)['\"“](?=\w)"
)

# Irrealis modals: "a reporter would have to be bored to want to interview me" is not an
# approach. Requests phrased politely ("would like a quote") are still requests.
IRREALIS = _rx(
    r"\b(?:would|could|might|wd)\b(?! (?:like|love|appreciate|be (?:grateful|keen|happy)))"
    r"|\b(?:i|you|they|she|he|we|it)'d\b(?! (?:like|love))"
)

# History: a clause set a year or more back describes something already past. An ongoing
# marker ("since", "still", "again") brings it back to now.
DISTANT_PAST = _rx(
    r"\b(?:last (?:year|summer|spring|autumn|winter|christmas|term)|(?:\d+|a few|a couple of|"
    r"couple of|two|three|four|five|several|many) (?:years|months) ago|a (?:year|while|long time)"
    r" (?:ago|back)|years ago|back in (?:19|20)\d\d|in (?:19|20)\d\d|in the past|"
    r"when i (?:first )?(?:started|joined)|when i (?:worked|was) (?:at|in|for|with)|"
    r"in my (?:last|previous|old|former) (?:job|role|post|team)|before i joined)\b"
)

ONGOING = _rx(
    r"\b(?:since|still|again|ever since|keeps?|kept|continu\w*|ongoing|every day|daily|"
    r"this week|today|tonight|now)\b"
)

# Handled already: the communications team has the matter, the person is asking about it.
RESOLVED = _rx(
    r"\b(?:(?:comms|communications(?: team)?|press office|the team|they|it|that|which|this) "
    r"(?:was |were |has been |have |had |'s been |already )*(?:dealt with|handled|sorted|"
    r"resolved|took care of|taken care of|helped|closed)|all sorted|sorted now|"
    r"(?:was|were|been) (?:dealt with|handled|sorted|resolved))\b"
)

# Reading or watching coverage of someone else's story is talk about the news, not a
# report about a person we are in contact with.
NEWS_TALK = _rx(
    r"\b(?:(?:saw|seen|read|reading|watched|watching|heard|hearing|came across) (?:\w+ ){0,3}?"
    r"(?:news|article|documentary|headline|newspaper|report on)|in the (?:news|papers)|"
    r"on the news)\b"
)

# Broader, for harassment and media only: "read a thread about staff getting threats"
# is talk. Not used for safeguarding, where "saw her post about wanting to die" is a report.
READ_ABOUT = _rx(
    r"\b(?:read|reading|saw|seen|watched|watching|came across|listened to) (?:\w+ ){0,3}?"
    r"(?:thread|post|piece|story|blog|article|report|video|documentary|podcast)s? about\b"
)

# A message framed as an exercise ("Role-play for training: a reporter has rung you")
# describes a scenario from its first clause on.
SCENARIO = _rx(
    r"\b(?:pretend|role[- ]?play\w*|training scenario|hypothetical(?:ly)?|imagine|drill|"
    r"(?:for|in) (?:a|the|our) (?:training|exercise|workshop)|tabletop|mock (?:call|interview))\b"
)

# "Is it ok to meet up with ...?": the person asks leave for their own next step, so a
# cue that is that step (a few words after the opener) is a question, not a report.
PERMISSION_Q = _rx(
    r"^(?:is it (?:ok|okay|alright|fine|acceptable|appropriate|allowed)(?: for (?:me|us))? "
    r"(?:to|if (?:i|we))|(?:can|could|may|should|shall) (?:i|we)|(?:am i|are we) "
    r"(?:allowed|permitted|ok|able) to)\b"
)
