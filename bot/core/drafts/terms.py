"""Vocabularies the draft rules share: who the HRA is, work, people, health.

Regexes rather than word sets so that phrases ("research ethics committee") and
case-sensitive acronyms ("REC" but not "rec centre") are both expressible.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# The HRA, its committees and services, in the words staff use (§2 names REC and CAG
# members; §3.1: "commenting on HRA related matters").
HRA_NAMES = re.compile(
    r"\bHRA\b|@HRA\w*|hra\.nhs\.uk|\bRECs?\b|\bCAG\b|\bIRAS\b|"
    r"(?i:health research authority|research ethics (committee|service)s?|"
    r"ethics committees?|confidentiality advisory group|combined review|"
    r"hra approval|research approvals?|ethics (review|approval)s?|my employer|"
    r"approvals (team|directorate|specialist|service)|research ethics|make it public|"
    r"(health|clinical) research regulation|clinical trials? regulation|research regulation|"
    r"(trial|study|studies) approvals?)"
)
WORK = re.compile(
    r"\b(at work|my (team|job|organi[sz]ation|role|colleagues?|committee|department|"
    r"directorate|workplace)|our (team|committee|work|department|directorate|panel|"
    r"organi[sz]ation)|we (approve|review|reviewed|approved)|where I work)\b",
    _I,
)
RESEARCH = re.compile(
    r"\b(research|stud(y|ies)|trials?|approvals?|applications?|ethics|consent|"
    r"sponsors?|amendments?|participants?|recruitment)\b",
    _I,
)
OFFICIAL_ACCOUNT = re.compile(
    r"\b(official|corporate|corp) (hra )?(account|channel|page|feed)|"
    r"\b(team|team's|their) own (accounts?|channels?)\b|"
    r"\bhra(['’]s)? (official )?(twitter|x|linkedin|facebook|instagram|youtube|tiktok)? ?"
    r"(account|channel|page|feed)\b",
    _I,
)

# Health conditions and care settings: what makes a person's details a health record.
CONDITION = re.compile(
    r"\b(cancer|leuk(a)?emia|lymphoma|tumou?r|dementia|alzheimer'?s|parkinson'?s|"
    r"diabet(es|ic)|hiv|aids|hepatitis|multiple sclerosis|motor neurone disease|stroke|"
    r"heart (attack|failure|disease)|epilep\w+|asthma|copd|cystic fibrosis|autis\w+|adhd|"
    r"depress\w+|anxiety|bipolar|schizophreni\w*|psychosis|eating disorder|anorexia|"
    r"self[- ]harm\w*|suicid\w*|overdose|addiction|covid|sepsis|dialysis|transplant|"
    r"chemo(therapy)?|radiotherapy|terminal\w*|palliative|learning disabilit\w*|"
    r"down'?s syndrome|cerebral palsy|pregnan\w*|miscarriage|stillbirth|diagnos\w*|"
    r"surgery|operation|illness|disease|syndrome|disorder|treatment|intensive care|"
    r"icu|a&e|hospital|hospice|ward \d+|bed \d+|infection|fracture|lupus|arthritis|"
    r"crohn'?s|colitis|endometriosis|sickle cell|thalass?aemia|haemophilia|glaucoma|"
    r"blind|deaf|paraly[sz]\w*|amputat\w*|obes\w*|hypertension|cirrhosis|tuberculosis|"
    r"meningitis|pneumonia|fibromyalgia|migraines?|ocd|ptsd|mental health|"
    r"huntington'?s|rare (disease|condition)|genetic condition|unwell|seriously ill|"
    r"passed away|died|dying|end of life|stroke unit|adverse event|side effects?|ivf|"
    r"(in)?fertility|menopaus\w*|breakdown|burnout|off sick|sick leave|rehab)\b",
    _I,
)
# One identifiable person in a care or research role, as opposed to "patients" at large.
_ROLES = (
    r"(patient|participant|volunteer|service user|resident|client|colleague|co-?worker|"
    r"member of staff|team member|neighbour|friend)"
)
PATIENT_ROLE = re.compile(
    rf"\b(a|one|this|that|my|our|the)( \w+){{0,2}} {_ROLES}\b(?!s)|"
    rf"\bone of (my|our|the)( \w+){{0,2}} {_ROLES}s\b|"
    rf"\b{_ROLES}s? (?-i:[A-Z][a-z]+)\b|\bpatient (story|case|update|spotlight)\b",
    _I,
)
# Charities and campaigns named after a condition ("Alzheimer's Society") say nothing
# about any one person's health.
CHARITY = re.compile(
    r"\b(?-i:[A-Z][\w']+)( (?-i:[A-Z][\w']+))* (Society|UK|Foundation|Trust|Support|"
    r"Association|Charity|Campaign|Research UK|Awareness (Week|Month|Day))\b",
    _I,
)
_NOT_NAME_WORDS = (
    "The This That These Those Our My We He She It They Today Tonight Yesterday Research "
    "Study Trial Patient Health Please Happy Great Just Met So And But Everyone Anyone "
    "Someone Nobody Everybody Who What Which When Where Why How Dementia Cancer Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Team Staff Science Little"
)
_NOT_NAMES = _NOT_NAME_WORDS.split()
_NAME = r"(?!(?:" + "|".join(_NOT_NAMES) + r")\b)[A-Z][a-z]{1,20}"
# A person named in a way that identifies them: a title, an age, "called X", a role
# followed by a name, or a name followed by a health verb.
NAMED_PERSON = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z]|"
    rf"\b{_NAME},? \(?(aged? )?\d{{1,3}}\)?[,)]|\b\d{{1,3}}[- ]year[- ]old {_NAME}\b|"
    rf"\b(called|named) {_NAME}\b|"
    rf"\b(patient|participant|volunteer|resident|service user|colleague|friend) {_NAME}\b|"
    rf"\b{_NAME},[^.!?]{{0,60}}\b(was|has been|is being) (diagnosed|treated|admitted)|"
    rf"\b{_NAME}( [A-Z][a-z]+)? (has|had|was diagnosed|is living|lives with|suffers|"
    r"is suffering|died|passed away|is recovering|was admitted)\b"
)
CHILD = re.compile(
    r"\b(child(ren)?|kids?|young (person|people)|youngsters?|teen(ager)?s?|pupils?|"
    r"schoolchildren|boys?|girls?|under[- ]?1[368]s?|bab(y|ies)|toddlers?|classmates|"
    r"youth|adults? at risk|vulnerable (adults?|people|person)|care home|"
    r"learning disabilit\w*|after school|school|primary school|(?-i:[A-Z][a-z]+ Primary)|"
    r"secondary school|nursery|"
    r"scouts|brownies|cubs|sixth form)\b|\bYear \d{1,2}(?!\d)",
    _I,
)
IMAGE = re.compile(
    r"\b(photos?|photograph\w*|pics?|pictures?|images?|videos?|selfies?|snaps?|"
    r"footage|film(ed|ing)?)\b|📸|📷|🎥",
    _I,
)
PERSONAL_DETAIL = (
    r"(e-?mail( address)?|(phone |mobile |contact )?numbers?|mobile|(home )?address|"
    r"postcode|date of birth|dob|birthday|nhs number|contact (details|info\w*)|full name|"
    r"details|name|age|school|location|where you live)"
)
# "DM us your email", "reply with your phone number", "drop your postcode below".
ASKS_FOR_DETAILS = re.compile(
    r"\b(dm|message|pm|inbox|send|tell|give|share|reply|comment|drop|post|leave|"
    r"email|text|let us know)\b[^.?!\n]{0,30}\b(your|their|child'?s|kids'?)\b"
    rf"[^.?!\n]{{0,20}}\b{PERSONAL_DETAIL}\b|"
    # "Name, age and postcode required, please!"
    rf"\b{PERSONAL_DETAIL}(,? (and )?{PERSONAL_DETAIL}){{1,3}},? (are |is )?(required|needed|"
    r"mandatory|essential|please)\b",
    _I,
)
# Children are also not to be asked for photos of themselves (§3.2 on images).
ASKS_CHILD_DETAILS = re.compile(
    ASKS_FOR_DETAILS.pattern.replace(
        "where you live)", "where you live|photos?|pictures?|selfies?)"
    ),
    _I,
)
URL = re.compile(r"https?://\S+|\bwww\.\S+|\b\S+\.(co\.uk|com|org|gle|ly)/\S*", _I)
