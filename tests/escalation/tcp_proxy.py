"""A TCP proxy in front of PostgreSQL that a test can cut, hang and heal.

Threads, not asyncio, so it serves `policybot serve` subprocesses while the test's own
loop is busy. Modes:
- "open": forward both ways;
- "refuse": no listener (connection refused) and every open connection reset;
- "hang": new connections are accepted and never answered, open ones stop forwarding
  (the database looks alive at the TCP level and never answers);
- `heal()` returns to "open" for new connections only: connections hung before stay
  hung, like a half-dead NAT entry after a network partition;
- `resume()` returns to "open" for every connection (a stall that ended).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class _Link:
    def __init__(self, client: socket.socket, server: socket.socket | None) -> None:
        self.client = client
        self.server = server
        self.hung = False

    def close(self) -> None:
        for sock in (self.client, self.server):
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()


class TcpProxy:
    def __init__(self, target_host: str = "127.0.0.1", target_port: int = 5432) -> None:
        self.target = (target_host, target_port)
        self.mode = "open"
        self._links: list[_Link] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._stopped = False
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = int(probe.getsockname()[1])
        probe.close()
        self._listen()

    # --- controls -------------------------------------------------------------------
    def refuse(self) -> None:
        self.mode = "refuse"
        self._close_listener()
        with self._lock:
            links, self._links = self._links, []
        for link in links:
            link.close()

    def hang(self) -> None:
        self.mode = "hang"
        with self._lock:
            for link in self._links:
                link.hung = True
        if self._listener is None:
            self._listen()

    def heal(self) -> None:
        """Open again for new connections; old hung ones stay hung."""
        self.mode = "open"
        if self._listener is None:
            self._listen()

    def resume(self) -> None:
        """The database answers again, on old connections too (a stall that ended)."""
        self.mode = "open"
        with self._lock:
            links = list(self._links)
        for link in links:
            if link.server is None:
                self._connect(link)  # accepted while hung: its bytes wait in the socket
            link.hung = False
        if self._listener is None:
            self._listen()

    def stop(self) -> None:
        self._stopped = True
        self.refuse()

    # --- plumbing -------------------------------------------------------------------
    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for _ in range(50):
            try:
                listener.bind(("127.0.0.1", self.port))
                break
            except OSError:
                time.sleep(0.05)
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopped:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            link = _Link(client, None)
            link.hung = self.mode == "hang"
            with self._lock:
                self._links.append(link)
            if self.mode != "hang":
                self._connect(link)

    def _connect(self, link: _Link) -> None:
        try:
            server = socket.create_connection(self.target, timeout=5)
            server.settimeout(None)
        except OSError:
            link.close()
            return
        link.server = server
        for src, dst in ((link.client, server), (server, link.client)):
            threading.Thread(target=self._pump, args=(link, src, dst), daemon=True).start()

    def _pump(self, link: _Link, src: socket.socket, dst: socket.socket) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                break
            if not data:
                break
            while link.hung and not self._stopped:
                time.sleep(0.05)  # swallow nothing, send nothing: the peer waits forever
            if self._stopped:
                break
            try:
                dst.sendall(data)
            except OSError:
                break
        link.close()
