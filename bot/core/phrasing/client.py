"""The chat model, through langchain: the only module here that touches the network.

`init_chat_model` takes the `POLICYBOT_LLM` spec ("openai:gpt-4o-mini", "azure_openai:…",
"ollama:llama3.1"); langchain is imported only when the setting is on, so the default
answer path imports no network client. Every call has a hard deadline: the invoke runs
on a worker thread and is abandoned when the time is up (the HTTP client's own timeout
then ends that thread), and the SDK's retries are off, since a retry after a 429 or 500
would only spend the reply's time.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Protocol

from bot.errors import PolicybotError
from bot.settings import Settings

from .prompts import Messages

log = logging.getLogger(__name__)


class ChatFailure(Exception):
    """A model call that produced nothing usable; `outcome` is what /metrics counts."""

    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


class ChatClient(Protocol):
    name: str

    def complete(self, messages: Messages, timeout: float) -> str: ...


class LangChainChat:
    """Any langchain chat model (a real provider, or a fake one in tests)."""

    def __init__(self, model: Any, name: str, *, workers: int = 4) -> None:
        self.model = model
        self.name = name
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="llm")

    def complete(self, messages: Messages, timeout: float) -> str:
        if timeout <= 0:
            raise ChatFailure("no_time")
        future = self._pool.submit(self.model.invoke, messages)
        try:
            answer = future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()
            raise ChatFailure("timeout") from None
        except Exception as exc:
            outcome = failure_outcome(exc)
            log.warning("chat model call failed: %s (%s)", outcome, type(exc).__name__)
            raise ChatFailure(outcome) from exc
        if getattr(answer, "tool_calls", None):
            raise ChatFailure("empty")  # we asked for text; a tool call is no answer
        text = _text_of(answer)
        if not text.strip():
            raise ChatFailure("empty")
        return text


def _text_of(answer: Any) -> str:
    content = getattr(answer, "content", answer)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks: keep the text ones
        return "".join(
            b.get("text", "") if isinstance(b, dict) else str(b)
            for b in content
            if not isinstance(b, dict) or b.get("type", "text") == "text"
        )
    return ""


def failure_outcome(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    if status is None:
        status = getattr(getattr(exc, "response", None), "status_code", None)
    if status == 429:
        return "rate_limited"
    if isinstance(status, int):
        return "http_error"
    if "timeout" in type(exc).__name__.lower():
        return "timeout"
    return "error"


def _provider(spec: str) -> str:
    return spec.split(":", 1)[0].lower() if ":" in spec else ""


def model_kwargs(settings: Settings) -> dict[str, Any]:
    """init_chat_model arguments for the configured provider: deterministic, no retries,
    the reply's timeout, and the endpoint and key when they are set."""
    provider = _provider(settings.llm or "")
    timeout = settings.llm_timeout_seconds
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    if provider == "ollama":
        out: dict[str, Any] = {"temperature": 0, "client_kwargs": {"timeout": timeout}}
        if settings.llm_base_url:
            out["base_url"] = settings.llm_base_url
        return out
    out = {"temperature": 0, "timeout": timeout, "max_retries": 0}
    if settings.llm_base_url:
        out["azure_endpoint" if provider == "azure_openai" else "base_url"] = settings.llm_base_url
        # Local OpenAI-compatible servers often need no key, but the SDK insists on one.
        key = key or "not-needed"
    if key:
        out["api_key"] = key
    return out


def build_chat(settings: Settings) -> LangChainChat:
    spec = settings.llm or ""
    try:
        from langchain.chat_models import init_chat_model
    except ImportError as exc:
        raise PolicybotError(
            "POLICYBOT_LLM is set but langchain is not installed: "
            "pip install 'policybot[llm]' (or unset POLICYBOT_LLM)."
        ) from exc
    try:
        model = init_chat_model(spec, **model_kwargs(settings))
    except (ImportError, ValueError) as exc:
        raise PolicybotError(f"POLICYBOT_LLM={spec!r} cannot be used: {exc}") from exc
    return LangChainChat(model, spec)
