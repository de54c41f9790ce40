"""A local server that speaks the OpenAI chat-completions shape, for the real
langchain-openai client: 127.0.0.1, a free port, started and stopped by the test.

`script` decides each answer by what is asked (the system prompt says which purpose):
text, an HTTP status with OpenAI's error body, or a hang. Every request is kept.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    text: str = ""
    status: int = 200
    hang: float = 0.0  # seconds to wait before answering


@dataclass
class Script:
    summary: Answer = field(default_factory=lambda: Answer("NONE"))
    rewrite: Answer = field(default_factory=lambda: Answer("NONE"))
    triage: Answer = field(default_factory=lambda: Answer("none"))

    def for_request(self, body: dict[str, Any]) -> Answer:
        system = body["messages"][0]["content"]
        if "standalone question" in system:
            return self.rewrite
        if "one word" in system:
            return self.triage
        return self.summary


class OpenAIServer:
    def __init__(self) -> None:
        self.script = Script()
        self.requests: list[dict[str, Any]] = []
        self.release = threading.Event()  # ends every hang at teardown
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(
                    {"path": self.path, "body": body, "headers": dict(self.headers)}
                )
                answer = server.script.for_request(body)
                if answer.hang:
                    server.release.wait(answer.hang)
                if answer.status != 200:
                    self._send(answer.status, _error(answer.status))
                    return
                self._send(200, _completion(body.get("model", "model"), answer.text))

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    if status == 429:
                        self.send_header("Retry-After", "20")
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first: that is what a hang test wants

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> OpenAIServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _completion(model: str, text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-local",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _error(status: int) -> dict[str, Any]:
    kind = "rate_limit_error" if status == 429 else "server_error"
    return {"error": {"message": f"local {status}", "type": kind, "param": None, "code": None}}
