"""Errors meant for the person at the keyboard vs everything else.

A `PolicybotError` carries a message that says what to do; the CLI prints it without a
traceback and the chat adapters reply with it. Anything else is a bug: logged with the
request id, and the person gets the generic reply with the comms contact.
"""


class PolicybotError(Exception):
    """An error whose message is safe and useful to show to a user."""


class ConfigError(PolicybotError):
    """Settings are missing or contradict each other."""


class ModelError(PolicybotError):
    """The embedding model is missing or is not the one we ship."""


class StoreError(PolicybotError):
    """The vector store cannot be read or written."""
