"""The Slack surface's own words: prompts, help, receipts and refusals.

None of these states a policy rule: rules only ever come from the core's `Reply`,
quoted from a cited section. These are instructions for using the bot itself.
"""

from __future__ import annotations

KIND_TITLES = {
    "media": "Media approach",
    "safeguarding": "Safeguarding concern",
    "harassment": "Online harassment",
}

# The assistant thread's suggested prompts (Slack shows at most four).
SUGGESTED_PROMPTS: tuple[dict[str, str], ...] = (
    {"title": "Can I post this?", "message": "Can I post this?"},
    {
        "title": "Out-of-hours comms number",
        "message": "What is the out-of-hours number for the communications team?",
    },
    {"title": "Report a media approach", "message": "Report a media approach"},
    {"title": "Report a safeguarding concern", "message": "Report a safeguarding concern"},
)
PROMPTS_TITLE = "Ask about the social media policy"

# A prompt that names a report opens the form instead of guessing from one line.
FORM_PROMPTS: dict[str, str] = {
    "report a media approach": "media",
    "report a safeguarding concern": "safeguarding",
    "report online harassment": "harassment",
    "report harassment": "harassment",
}
DRAFT_PROMPTS = frozenset({"can i post this?", "can i post this", "check a draft"})

GREETING = (
    "Hi! I'm policybot, here for the HRA social media policy. Ask me a question, paste a "
    "draft after “Can I post this:” to have it checked, or use a suggested prompt to "
    "report a media approach or a concern."
)
ASK_HELP = "Type your question here, for example:\n{examples}"
CHECK_ANOTHER = "To check another draft, send it starting with “Can I post this:”."
DRAFT_HELP = (
    "Send the draft in one message, starting with “Can I post this:” followed by the "
    "text. You can also use the message shortcut *Check against policy* on "
    "any message, or `/policy check` followed by the draft."
)
FORM_INVITE = "Use this short form so the communications team gets the details they need."
COMMAND_HELP = (
    "`/policy <question>`: ask about the social media policy.\n"
    "`/policy check <draft>`: check a draft post.\n"
    "`/policy report`: report a media approach, safeguarding concern or online harassment "
    "to the communications team (only they see it)."
)
HOME_INTRO = (
    "*policybot* answers questions about the HRA social media policy, checks drafts and "
    "passes reports to the communications team. Message me in the *Messages* tab, mention "
    "me in a channel, or use `/policy`. Reports are seen only by the communications team."
)

REPORT_ACTION_BUTTON = "Report it"
RECEIPT = (
    "Your report #{id} ({kind}) has been sent to the communications team. Only they can "
    "see it. I'll message you when they pick it up."
)
PUBLIC_NOTE = (
    "Only you can see this. Your report goes only to the communications team, never to "
    "this channel."
)
ACKNOWLEDGED_NOTICE = "The communications team ({who}) has picked up your report #{id}."
RESOLVED_NOTICE = "The communications team ({who}) has marked your report #{id} as resolved."
NOT_YOURS = "Only the person who made this report can send it."
NOT_COMMS = (
    "Only members of the communications team's channel can acknowledge or resolve escalations."
)
NOT_FOUND = "I can't find that report any more. Please contact the communications team directly."
FEEDBACK_THANKS = "Thanks, noted for the policy owner."
APOLOGY = "Sorry, something went wrong on my side (ref {ref})."
APOLOGY_CONTACT = " Please contact the communications team directly: {contact}"
SAVE_FAILED = (
    "I couldn't save this report just now. Please press Send again, or contact the "
    "communications team directly: {contact}"
)
# The inbox could not be written in time (database away): said before any triage, so
# it suits a question and a report alike.
INBOX_SPOOLED = (
    "I can't look at your message just now, but it is saved and I'll answer it as soon as "
    "I can. If you are reporting something urgent, don't wait for me."
)
INBOX_DOWN = (
    "I can't take your message in just now. If you are reporting something urgent, "
    "don't wait for me."
)
