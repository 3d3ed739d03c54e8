"""The bots' heartbeat: a small file in the data directory, rewritten every few
seconds while the bots run, that `main.py health` (the Docker HEALTHCHECK) reads.

It works in polling mode too, where no HTTP server can be probed, and it goes
stale when the process hangs: a blocked event loop writes nothing. Each beat says
which bots fail their own check (Telegram's application or poller stopped, Zalo's
poll loop ended), so a beat can be fresh and still unhealthy.

`judge` is pure: the reading and the writing are the thin edges around it. One bot
process per data folder is assumed (`main.py run`, as in Docker): two processes
(`main.py telegram` and `main.py zalo` apart) would share the one file.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FILE = "danvan.heartbeat"
EVERY = 15.0  # seconds between beats
MAX_AGE = 90.0  # a beat older than this: the process is stuck or gone (Docker checks every 30 s)


@dataclass(frozen=True)
class Beat:
    at: float  # seconds since the epoch
    pid: int
    mode: str  # "polling" or "webhook"
    bots: tuple[str, ...]
    failing: tuple[str, ...] = ()  # the bots whose own check fails
    port: int = 0  # the webhook server's port, 0 in polling mode
    host: str = ""  # the writer's host name (a container's id): its pid means something only there

    def to_json(self) -> str:
        return json.dumps({"at": self.at, "pid": self.pid, "mode": self.mode, "bots": list(self.bots),
                           "failing": list(self.failing), "port": self.port, "host": self.host})

    @classmethod
    def from_json(cls, text: str) -> "Beat":
        """Raises ValueError on anything but a beat this module wrote."""
        try:
            raw = json.loads(text)
            return cls(at=float(raw["at"]), pid=int(raw["pid"]), mode=str(raw["mode"]),
                       bots=tuple(map(str, raw["bots"])), failing=tuple(map(str, raw["failing"])),
                       port=int(raw.get("port", 0)), host=str(raw.get("host", "")))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a heartbeat: {exc}") from exc


@dataclass(frozen=True)
class Health:
    ok: bool
    reason: str  # English, for the operator reading `docker inspect`
    beat: Beat | None = None


def judge(beat: Beat | None, now: float, max_age: float = MAX_AGE, running: bool | None = None) -> Health:
    """Healthy when a beat is fresh, its writer still runs (`running`: None when that
    cannot be told, from another host) and no bot fails its check."""
    if beat is None:
        return Health(False, "no heartbeat: the bots are not running (or still starting)")
    if running is False:  # a crash leaves its last beat behind, fresh for up to max_age
        return Health(False, f"the bot process (pid {beat.pid}) that wrote the heartbeat is gone", beat)
    age = now - beat.at
    if age > max_age:
        return Health(False, f"last heartbeat {age:.0f} s ago (more than {max_age:.0f}): "
                             f"the bot process (pid {beat.pid}) is stuck or gone", beat)
    if beat.failing:
        return Health(False, f"failing: {', '.join(beat.failing)} ({beat.mode})", beat)
    return Health(True, f"ok: {', '.join(beat.bots)} ({beat.mode}), heartbeat {max(age, 0):.0f} s ago", beat)


def writer_running(beat: Beat | None) -> bool | None:
    """Whether the process that wrote `beat` still runs; None when that cannot be told
    (no beat, or one written on another host: a volume read from outside its container)."""
    if beat is None or not beat.host or beat.host != socket.gethostname() or beat.pid <= 0:
        return None  # (pid 0 or below would signal a process group)
    try:
        os.kill(beat.pid, 0)
    except (ProcessLookupError, OverflowError):  # (a pid no process can have)
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def read(path: Path) -> Beat | None:
    """The last beat written, or None when there is none (a damaged file counts as none)."""
    try:
        return Beat.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("heartbeat file %s unreadable: %s", path, exc)
        return None


def write(path: Path, beat: Beat) -> None:
    """Replace the file whole (a reader never sees half a beat). Raises OSError."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # unique, even as pid 1
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(beat.to_json())
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.asynccontextmanager
async def beating(path: Path, checks: dict[str, Callable[[], bool]], mode: str, port: int = 0,
                  every: float = EVERY, clock: Callable[[], float] = time.time) -> AsyncIterator[None]:
    """Write a beat now and every `every` seconds until the block ends, then remove
    the file: a stopped bot is not healthy. A beat that cannot be written (a
    read-only or full disk) is logged once; the bots go on."""

    def beat() -> Beat:
        failing = []
        for name, check in checks.items():
            try:
                if not check():
                    failing.append(name)
            except Exception:  # noqa: BLE001 - a broken check is a failing bot, never a dead heartbeat
                log.exception("health check of %s failed", name)
                failing.append(name)
        return Beat(clock(), os.getpid(), mode, tuple(checks), tuple(failing), port, socket.gethostname())

    async def loop() -> None:
        warned = False
        while True:
            try:
                write(path, beat())
                warned = False
            except OSError as exc:
                if not warned:
                    log.warning("cannot write the heartbeat %s (the health check will fail): %s", path, exc)
                warned = True
            await asyncio.sleep(every)

    task = asyncio.create_task(loop(), name="heartbeat")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        with contextlib.suppress(OSError):
            path.unlink()
