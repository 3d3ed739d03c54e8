"""Putting a backup in place of the store, safely, and the lock that tells whether a
process has the store open.

Every process that opens the store holds a shared lock on a file beside it
(`danvan.sqlite3.in-use`; the kernel drops it when the process closes the store or
dies). A restore takes that lock exclusively, so it refuses while a bot, an ingest
or a chat has the store open, and nothing opens the store while it is replaced.

The store it replaces is not deleted: its write-ahead log is checkpointed into it
where that still works, and both are set aside under a dated name. A `-wal` file
left by a crash is never replayed onto the restored copy (SQLite would, and report
"database disk image is malformed").
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import StoreError
from corpus.migrations import MIGRATIONS

try:
    import fcntl
except ImportError:  # not on Windows: no lock, as before
    fcntl = None

log = logging.getLogger(__name__)

IN_USE_SUFFIX = ".in-use"
SIDE_FILES = ("-wal", "-shm")


def _open_lock(db_path: Path) -> int:
    # read-only is enough for flock, so another user's process (a cron job) can take it too
    return os.open(f"{db_path}{IN_USE_SUFFIX}", os.O_CREAT | os.O_RDONLY, 0o666)


def hold_shared(db_path: Path) -> int | None:
    """Mark the store as open by this process (a shared lock; several processes may
    hold it). The descriptor is closed by `release`. Raises `StoreError` while a
    restore has it."""
    if fcntl is None:
        return None
    try:
        fd = _open_lock(db_path)
    except OSError as exc:  # a read-only folder: the store itself will say what is wrong
        log.warning("cannot open the store's in-use lock %s%s (%s): a restore would not see this process",
                    db_path, IN_USE_SUFFIX, exc)
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        raise StoreError(f"the store at {db_path} is being restored from a backup; try again in a moment",
                         "Kho dữ liệu đang được khôi phục từ bản sao lưu, xin thử lại sau ít phút.") from exc
    return fd


def release(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


@contextlib.contextmanager
def _held_alone(db_path: Path) -> Iterator[None]:
    """The store's lock, exclusively: no other process has the store open."""
    if fcntl is None:
        yield
        return
    fd = _open_lock(db_path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise StoreError(f"the store at {db_path} is open in another process (a bot, an ingest?): stop it first",
                             "Kho dữ liệu đang được dùng (bot hoặc lệnh nạp bài đang chạy): hãy dừng chúng "
                             "rồi khôi phục lại.") from exc
        yield
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Restored:
    articles: int
    subscriptions: int
    kept: Path | None  # the store it replaced, set aside (None: there was none)


def check_backup(backup: Path) -> tuple[int, int]:
    """(articles, subscriptions) of a backup, after checking that it is a whole store
    this version can open. Read as it is on disk: no journal is made or replayed."""
    bad = StoreError(f"{backup} is not a readable store backup",
                     f"Tệp {backup} không phải bản sao lưu kho dữ liệu đọc được (hỏng hoặc không phải tệp sao lưu).")
    try:
        db = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            (check,) = db.execute("PRAGMA quick_check").fetchone()
            (version,) = db.execute("PRAGMA user_version").fetchone()
            (articles,) = db.execute("SELECT COUNT(*) FROM articles").fetchone()
            (subscriptions,) = db.execute("SELECT COUNT(*) FROM subscriptions").fetchone()
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise bad from exc
    if check != "ok":
        raise bad
    newest = max(number for number, _ in MIGRATIONS)
    if version > newest:
        raise StoreError(f"{backup} was written by a newer version (schema {version} > {newest})",
                         "Bản sao lưu do phiên bản mới hơn tạo ra: hãy cập nhật chương trình trước khi khôi phục.")
    return articles, subscriptions


def _aside(db_path: Path, stamp: str) -> Path:
    """A name for the replaced store that no earlier restore used."""
    n = 0
    while True:
        kept = db_path.with_name(f"danvan-before-restore-{stamp}{f'-{n}' if n else ''}.sqlite3")
        if not kept.exists():
            return kept
        n += 1


def restore(backup: Path, db_path: Path, stamp: str, caches: Sequence[Path] = ()) -> Restored:
    """Put `backup` in place of the store at `db_path` (no process may have it open):
    the old store set aside as ``danvan-before-restore-<stamp>.sqlite3`` beside it, the
    index `caches` deleted (rebuilt from the stored vectors and words at the next start).
    The backup is copied first, synced and checked as copied, then moved in; the new
    file takes the old store's owner and permissions (a restore run as root must not
    leave the bot's service user a store it cannot write)."""
    if not backup.is_file():
        raise StoreError(f"no backup file at {backup}", f"Không có tệp sao lưu {backup}.")
    if backup.resolve() == db_path.resolve():
        raise StoreError(f"{backup} is the store itself", "Tệp sao lưu chính là kho dữ liệu đang dùng.")
    if any(Path(f"{backup}{suffix}").exists() for suffix in SIDE_FILES):
        raise StoreError(f"{backup} has a write-ahead log beside it: it is a copy of a live store, not a backup",
                         f"Tệp {backup} có tệp nhật ký ghi (-wal) đi kèm: đó là bản chép của kho đang chạy, không "
                         "phải bản sao lưu; hãy dùng `python main.py backup` để sao lưu.")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(db_path.name + ".restoring")
    with _held_alone(db_path):
        kept = None
        try:
            shutil.copyfile(backup, tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            articles, subscriptions = check_backup(tmp)
            if db_path.exists():
                old = db_path.stat()
                with contextlib.suppress(OSError):
                    os.chmod(tmp, old.st_mode & 0o777)
                    os.chown(tmp, old.st_uid, old.st_gid)
                with contextlib.suppress(sqlite3.Error):  # a damaged store is set aside with its log as it is
                    con = sqlite3.connect(db_path)
                    try:
                        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    finally:
                        con.close()
                kept = _aside(db_path, stamp)
                os.replace(db_path, kept)
            for suffix in SIDE_FILES:  # never replayed onto the copy
                side = Path(f"{db_path}{suffix}")
                if side.exists():
                    if kept is not None:
                        os.replace(side, f"{kept}{suffix}")
                    else:
                        side.unlink()
            os.replace(tmp, db_path)
            for cache in caches:
                cache.unlink(missing_ok=True)
        except OSError as exc:
            if kept is not None and not db_path.exists():  # put the old store back
                with contextlib.suppress(OSError):
                    os.replace(kept, db_path)
            raise StoreError(f"could not restore {backup} to {db_path}: {exc}",
                             f"Không khôi phục được kho dữ liệu: {exc.strerror or exc}.") from exc
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
    return Restored(articles, subscriptions, kept)
