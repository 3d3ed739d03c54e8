"""The bots' heartbeat (bot.heartbeat) and `main.py health`, the Docker health check."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from bot import heartbeat
from bot.heartbeat import Beat, judge
from bot_harness import health_command

ROOT = Path(__file__).resolve().parent.parent


def test_judge_wants_a_fresh_beat_with_no_failing_bot():
    beat = Beat(at=1000.0, pid=7, mode="polling", bots=("telegram", "zalo"))
    assert judge(beat, now=1010.0).ok
    assert judge(beat, now=1010.0).reason == "ok: telegram, zalo (polling), heartbeat 10 s ago"
    stale = judge(beat, now=1091.0)  # a hung event loop writes nothing: the beat ages
    assert not stale.ok and "last heartbeat 91 s ago (more than 90)" in stale.reason and "pid 7" in stale.reason
    assert judge(beat, now=1091.0, max_age=120).ok
    failing = judge(Beat(1000.0, 7, "webhook", ("telegram", "zalo"), failing=("zalo",)), now=1001.0)
    assert not failing.ok and failing.reason == "failing: zalo (webhook)"
    assert not judge(None, now=0).ok and "not running" in judge(None, now=0).reason
    gone = judge(beat, now=1010.0, running=False)  # a crash leaves a fresh beat behind
    assert not gone.ok and gone.reason == "the bot process (pid 7) that wrote the heartbeat is gone"
    assert judge(beat, now=1010.0, running=None).ok  # (written on another host: cannot tell)


def test_the_writer_of_a_beat_is_looked_for_on_its_own_host_only():
    import socket

    here = socket.gethostname()
    assert heartbeat.writer_running(Beat(1.0, os.getpid(), "polling", ("zalo",), host=here)) is True
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    assert heartbeat.writer_running(Beat(1.0, int(dead.stdout), "polling", ("zalo",), host=here)) is False
    assert heartbeat.writer_running(Beat(1.0, int(dead.stdout), "polling", ("zalo",), host=here + "-other")) is None
    assert heartbeat.writer_running(Beat(1.0, os.getpid(), "polling", ("zalo",))) is None  # an older beat
    assert heartbeat.writer_running(None) is None
    assert heartbeat.writer_running(Beat(1.0, 0, "polling", ("zalo",), host=here)) is None  # (a process group)
    assert heartbeat.writer_running(Beat(1.0, 99999999999, "polling", ("zalo",), host=here)) is False


def test_a_damaged_or_foreign_heartbeat_file_counts_as_none(tmp_path):
    path = tmp_path / heartbeat.FILE
    assert heartbeat.read(path) is None
    beat = Beat(5.5, 1, "polling", ("zalo",), (), 0)
    heartbeat.write(path, beat)
    assert heartbeat.read(path) == beat
    for text in ("{half", '{"at": 1}', "[]", '{"at": "x", "pid": 1, "mode": "m", "bots": [], "failing": []}'):
        path.write_text(text, encoding="utf-8")
        assert heartbeat.read(path) is None, text
    path.write_bytes(b"\xff\xfe")
    assert heartbeat.read(path) is None
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


async def test_beating_rewrites_the_beat_says_which_bot_fails_and_removes_it_on_exit(tmp_path):
    path = tmp_path / heartbeat.FILE
    state = {"telegram": True, "zalo": True}
    ticks = iter(range(100, 10_000))

    def broken() -> bool:
        raise RuntimeError("boom")

    checks = {"telegram": lambda: state["telegram"], "zalo": lambda: state["zalo"]}
    async with heartbeat.beating(path, checks, "polling", every=0.01, clock=lambda: float(next(ticks))):
        await asyncio.sleep(0.05)
        first = heartbeat.read(path)
        assert first is not None and first.failing == () and first.bots == ("telegram", "zalo")
        assert first.pid == os.getpid() and first.mode == "polling"
        state["zalo"] = False  # its poll loop ended
        await asyncio.sleep(0.05)
        later = heartbeat.read(path)
        assert later.at > first.at and later.failing == ("zalo",)
        checks["telegram"] = broken  # a check that raises is a failing bot, not a dead heartbeat
        await asyncio.sleep(0.05)
        assert heartbeat.read(path).failing == ("telegram", "zalo")
    assert not path.exists()


async def test_an_unwritable_heartbeat_is_logged_once_and_the_bots_go_on(tmp_path, caplog):
    missing = tmp_path / "gone" / heartbeat.FILE  # its folder does not exist
    async with heartbeat.beating(missing, {"zalo": lambda: True}, "polling", every=0.01):
        await asyncio.sleep(0.08)
    warnings = [r for r in caplog.records if "cannot write the heartbeat" in r.getMessage()]
    assert len(warnings) == 1 and not missing.exists()


def test_health_command_exit_codes(tmp_path):
    import time

    out = health_command(tmp_path)
    assert out.returncode == 1 and "Bot không hoạt động bình thường (no heartbeat" in out.stdout
    heartbeat.write(tmp_path / heartbeat.FILE, Beat(time.time(), 1, "polling", ("telegram",)))
    out = health_command(tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("Bot đang chạy bình thường (ok: telegram (polling)")
    heartbeat.write(tmp_path / heartbeat.FILE, Beat(time.time() - 200, 1, "polling", ("telegram",)))
    out = health_command(tmp_path)
    assert out.returncode == 1 and "last heartbeat 200 s ago" in out.stdout
    assert health_command(tmp_path, "--max-age", "300").returncode == 0
    # a fresh beat whose writer is gone (a crash): unhealthy at once, not after 90 s
    import socket as sockets

    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout)
    heartbeat.write(tmp_path / heartbeat.FILE, Beat(time.time(), dead, "polling", ("telegram",),
                                                    host=sockets.gethostname()))
    out = health_command(tmp_path)
    assert out.returncode == 1 and f"the bot process (pid {dead}) that wrote the heartbeat is gone" in out.stdout
    # webhook mode: the server is asked too; a beat naming a port nobody listens on fails
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    heartbeat.write(tmp_path / heartbeat.FILE, Beat(time.time(), 1, "webhook", ("zalo",), port=port))
    out = health_command(tmp_path)
    assert out.returncode == 1 and f"the webhook server does not answer http://127.0.0.1:{port}/healthz" in out.stdout

