"""A loopback TCP proxy whose network a test can hang, heal and break.

- `hang()`: every open connection stops relaying (bytes are accepted by the kernel and
  never answered), and new connections are accepted and never relayed: a database
  behind a dead link or a stuck middlebox. Keepalives do not notice: the proxy's
  kernel keeps ACKing.
- `heal()`: new connections relay again; connections hung before stay hung, as after
  a real network partition where the old flows are black-holed.
- `refuse()`: new connections are refused (reset at once).
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class _Flow:
    client: socket.socket
    upstream: socket.socket | None
    hung: bool = False
    closed: threading.Event = field(default_factory=threading.Event)


class TcpProxy:
    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.mode = "forward"  # forward | hang | refuse
        self.flows: list[_Flow] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True, name="tcp-proxy")

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def start(self) -> TcpProxy:
        self._thread.start()
        return self

    def hang(self) -> None:
        with self._lock:
            self.mode = "hang"
            for flow in self.flows:
                flow.hung = True

    def heal(self) -> None:
        with self._lock:
            self.mode = "forward"

    def refuse(self) -> None:
        with self._lock:
            self.mode = "refuse"

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._listener.close()
        with self._lock:
            flows, self.flows = self.flows, []
        for flow in flows:
            flow.closed.set()
            for sock in (flow.client, flow.upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                mode = self.mode
            if mode == "refuse":
                # SO_LINGER 0: a reset, as from a closed port.
                client.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                client.close()
                continue
            upstream = None
            if mode == "forward":
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    client.close()
                    continue
            flow = _Flow(client, upstream, hung=mode == "hang")
            with self._lock:
                self.flows.append(flow)
            threading.Thread(target=self._relay, args=(flow,), daemon=True).start()

    def _relay(self, flow: _Flow) -> None:
        pair = {flow.client: flow.upstream, flow.upstream: flow.client}
        try:
            while not flow.closed.is_set() and not self._stop.is_set():
                if flow.hung or flow.upstream is None:
                    flow.closed.wait(0.1)  # read nothing: the peer's bytes sit unanswered
                    continue
                ready, _, _ = select.select([flow.client, flow.upstream], [], [], 0.1)
                for sock in ready:
                    if flow.hung:
                        break
                    data = sock.recv(65536)
                    if not data:
                        return
                    target = pair[sock]
                    assert target is not None
                    target.sendall(data)
        except OSError:
            return
        finally:
            if not flow.hung:
                for sock in (flow.client, flow.upstream):
                    if sock is not None:
                        with contextlib.suppress(OSError):
                            sock.close()
