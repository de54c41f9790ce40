"""The phrases that tell a draft from a question or a report around quoted words.

"Can I tweet…" asks permission for a post (a strong cue); "my post:" names one, and
"for bluesky:" says where it goes (weaker cues, void when the message reports what
someone else did); "I drafted this reply" calls the words the sender's own. `detect.py`
reads a message with them.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

VERBS = (
    r"(post|tweet|retweet|repost|share|put|publish|upload|send|reply|respond|comment|"
    r"write|say|use|caption|toot|blog|add)"
)
# Asking permission for a post: enough on its own to make what follows a draft.
STRONG_CUE = re.compile(
    r"\b(can|could|may|should|shall|ok to|okay to|alright to|fine to|safe to|allowed to|"
    r"before (i|we)|happy (for me )?to|(can|could|may|should) (this|it) go|"
    r"want to|wanting to|going to|planning (on|to)|thinking (of|about)|about to|like to|"
    r"wanna|gonna|intend to|hoping to|is it (ok|okay|alright|fine|safe)( if i| to)?)\b"
    rf"[^\n:?\"“]{{0,30}}?\b{VERBS}\w*\b|"
    r"\b(is|does|would|will) (this|that|it|the following|my \w+)\b[^\n:?]{0,40}"
    r"\b(ok|okay|alright|fine|acceptable|appropriate|allowed|good|safe|compliant|breach\w*|"
    r"break\w*|go against)\b|"
    r"\b(ok|okay|alright|fine|good|safe|appropriate)\b[^\n:?]{0,10}\b(to (post|tweet|share|"
    r"publish|send|go|put)|for (twitter|x|linkedin|facebook|instagram|insta|tiktok|threads|"
    r"bluesky|my blog|the blog|social media))\b|"
    r"\b(draft|proposed|planned)\b ?(linkedin |twitter |facebook |instagram |blog )?"
    r"(tweet|post|reply|caption|bio|headline|comment|status|update|blog|recommendation|"
    r"message)\b|\bcheck (this|my)\b|"
    # The sender wrote it: "so I wrote this for Facebook", "I've drafted something"
    r"\b(i|i'?ve|i have) (wrote|written|drafted|put together|came up with) (this|that|the "
    r"following|something|a (post|caption|reply|tweet))\b",
    _I,
)
# Naming a post ("my post:", "here's the caption:"): a draft unless the message reports
# what someone else did ("a journalist emailed me about my post: ...").
WEAK_CUE = re.compile(
    r"\b(my|this|a|the|here'?s (my|the|a)|here is (my|the|a))\b ?(linkedin |twitter |"
    r"facebook |instagram |blog |personal )?(draft|tweet|post|reply|caption|bio|headline|"
    r"comment|status|blog( post| intro)?|intro|recommendation|toot)\b",
    _I,
)
# Talk of posting or of acceptability, without a full ask ("Quick check before I post
# on LinkedIn - "...""): enough next to a quote or a colon, unless it reports.
MEDIUM_CUE = re.compile(
    r"\b(post\w*|tweet\w*|share|sharing|publish\w*|caption|linked ?in|twitter|facebook|"
    r"instagram|insta|tiktok|blog\w*|bio|headline|thread|reply|comment|go (out|up|live)|"
    # A platform named as where it goes ("for bluesky:", "threads:", "going on mastodon -"), not
    # asked about ("is Reddit covered? my son says 'it doesn't count'"); not WhatsApp or
    # YouTube, where a quote is far more often a message someone sent the person
    r"(for|on|onto|to) (bluesky|mastodon|reddit|substack|threads)\b|"
    r"(bluesky|mastodon|reddit|substack|threads)"
    r"(?=\s*[:—–-])|"
    r"put (up|out|on)|ok|okay|alright|allowed|appropriate|fine|breach\w*|compliant|check|"
    r"thoughts|feedback|any (issues|problems))\b",
    _I,
)
# What someone else did or keeps doing to the person, in any tense ("keeps sending me
# messages threatening to 'ruin my career'"): the quote is theirs, not a draft.
REPORT = re.compile(
    r"\b(emailed|messaged|contacted|called|rang|phoned|dm'?d|dmed|texted|tagged|wrote to|"
    r"approached|asked|sent|told|sending|messaging|emailing|calling|ringing|tagging|texting|"
    r"dm'?ing|threatening|harassing|abusing|contacting|asking|hounding) me\b"
    # "asked me to check it" hands over a draft to check; it reports nothing.
    r"(?! to (check|look (at|over)|review|proofread|read (it|this|over)|approve|sign))|"
    r"\b(journalist|journo|reporter|correspondent|producer|editor|someone|somebody|a user|"
    r"member of the public|an account|a troll|a stranger)\b[^\n]{0,40}\b(said|says|wrote|"
    r"posted|sent|commented|replied|asked|asking|messaged|emailed|tweeted|wants|keeps)\b|"
    r"\bthreaten\w*\b",
    _I,
)
# The sender calls the quoted words their own (or a colleague's) draft: "I drafted this
# reply", "I was going to reply with this", "here's my intro", "planned reply:", "draft
# for the official account:", "I want to reply to it with the numbers:". Such a draft is
# checked even when triage reads a media or harassment report around it
# (`draft_reply.draft_to_check`).
OWN_DRAFT = re.compile(
    r"\b(i|we|she|he|they)('s|'ve| has| have)? drafted\b|\b(i|we)('ve| have) written\b|"
    r"\b(i|we) (was|were) (going|planning|about) to (reply|respond|say|send|post|write|"
    r"comment)\b|\bhere'?s (my|our) (draft|reply|response|intro|post|comment|answer)\b|"
    r"\bmy (draft|proposed|planned) (reply|response|answer|post|comment|tweet)\b|"
    r"\bplanned (reply|response|post|tweet|comment)\b|"
    r"\bdraft (for|opening|reply|response|post|tweet|comment)\b|"
    r"\b(i|we)('m| am|'re| are) (replying|responding) (from|with|as)\b|"
    r"\b(i|we)('d| would)? (want|like|love|plan|intend|am going|'m going) to "
    r"(reply|respond|post|comment|drop|put|share)\b[^\n\"“]{0,40}(:|$)|"
    r"\b(going|about) to (drop|post|put|share) (this|these)\b",
    _I | re.MULTILINE,
)
# Where the quoted words are going: "for my personal X:", "threads, re the news: '...'",
# "YouTube description for my channel:". With the recogniser's reading, such a quote is
# the sender's post even when triage reads a report.
DESTINATION = re.compile(
    r"^\W*(x|twitter|linkedin|instagram|insta|facebook|tiktok|bluesky|threads|mastodon|"
    r"reddit|youtube|substack)\b\s*[,:—–-]|"
    r"\b(for|on|onto|to|going on|going up on) (my|our|the) (own |personal |official |work |"
    r"team |main )?(x|twitter|linkedin|instagram|insta|facebook|fb|tiktok|bluesky|threads|"
    r"mastodon|reddit|youtube|blog|channel|account|page|feed|story|stories)\b(?! post)|"
    r"\b(caption|description|bio)\b",
    _I,
)
