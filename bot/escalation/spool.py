"""A local, fsync'd file of inbound messages the inbox could not take in time.

When the database is down or hung, an event is appended here (one JSON line, flushed
and fsync'd before Slack gets its 200), and replayed into the inbox when the database
answers again. The inbox's dedup key makes a replay of a message that did reach the
database (a slow write that finished after all) a no-op.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from bot.escalation.inbox import Inbound

log = logging.getLogger(__name__)


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = path
        # Entries being replayed: a crash mid-replay replays them again (deduplicated).
        self.replaying = path.with_name(path.name + ".replaying")
        self._lock = threading.Lock()  # the file
        self._queue_lock = threading.Lock()  # lines waiting for the next write
        self._queued: list[bytes] = []
        self._next_seq = 0
        self._written = 0  # lines [0, _written) are on disk

    def append(self, entry: Inbound) -> None:
        """Durable on return (fsync), or raises OSError.

        Group commit again: under a burst, whichever thread gets the file writes every
        line queued so far with one fsync, and the others find theirs already written.
        """
        line = (entry.to_json() + "\n").encode()
        with self._queue_lock:
            self._queued.append(line)
            mine = self._next_seq
            self._next_seq += 1
        with self._lock:
            if self._written > mine:
                return
            with self._queue_lock:
                lines, self._queued = self._queued, []
                upto = self._next_seq
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, b"".join(lines))
                os.fsync(fd)
            finally:
                os.close(fd)
            self._written = upto

    def has_entries(self) -> bool:
        return self.replaying.exists() or (self.path.exists() and self.path.stat().st_size > 0)

    def take(self) -> list[Inbound]:
        """The entries to replay now; call `finished` once they are in the inbox."""
        with self._lock:
            if not self.replaying.exists():
                if not self.path.exists():
                    return []
                os.replace(self.path, self.replaying)
            raw = self.replaying.read_text(encoding="utf-8")
        entries = []
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entries.append(Inbound.from_json(line))
            except (ValueError, KeyError):
                # A line cut short by a crash mid-append was never acknowledged to Slack.
                log.warning("spool line %s unreadable: skipped", number)
        return entries

    def finished(self) -> None:
        with self._lock:
            self.replaying.unlink(missing_ok=True)
