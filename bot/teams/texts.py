"""What the Teams bot says in one line: apologies, notes and refusals (no policy content)."""

from __future__ import annotations

FAILURE = "Sorry, something went wrong on my side, so I can't answer that right now. {contact}"
FALLBACK_CONTACT = "Please contact the communications team directly."
COMMS_HELLO = (
    "I'll post media approaches, safeguarding concerns and online harassment reported to "
    "me in this channel. Members of this channel can acknowledge and resolve them."
)
THANKS = "Thanks for the feedback."
FILES_ONLY = "I can only read text: please type or paste your question or draft post as a message."
# The manifest declares the personal and team scopes only: a group chat (or a client
# that ignores the manifest) is pointed to the 1:1 chat rather than answered, because
# reports and their replies must not be read by the whole chat.
GROUP_CHAT = "I answer in a 1:1 chat with me or in a team channel: open a chat with policybot."
NOT_FOUND = "I can't find that report any more."
STALE_CARD = "This card is out of date. Ask me again in our chat."
