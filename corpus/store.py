"""The SQLite store (through aiosqlite): articles, chunks, vectors, lexical rows.

A thin adapter: every method is one small SQL job. Each article is written in
one transaction (article, chunks, vectors, lexical rows, document references),
so a process killed mid-ingest leaves either the whole article or nothing.
sqlite3 errors are translated to `StoreError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import errno
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiosqlite
import numpy as np

from corpus.errors import StoreError
from corpus.migrations import MIGRATIONS
from corpus.restore import hold_shared, release
from corpus.sources import feed_key
from corpus.types import (Article, ArticleInfo, AskedQuestion, Delivery, DocRef, Feed, Passage, RefMention,
                          Subscription)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChunkRow:
    """What the indexer writes for one chunk."""

    ord: int
    text: str
    acc: str  # lexical field, accented tokens
    fold: str  # lexical field, folded tokens
    vector: np.ndarray


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# A list of ids as one bound JSON parameter (no limit on the number of ids).
_IDS = "(SELECT value FROM json_each(?))"


def _ids(ids: Sequence[int]) -> str:
    return json.dumps([int(i) for i in ids])


_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CORRUPT, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 3, 8, 11, 14, 26


def _sql_error(message: str, path: Path, exc: sqlite3.Error) -> StoreError:
    """A sqlite3 error as a StoreError; when trying again cannot help (a damaged file,
    a folder the process may not write), the Vietnamese says what to do instead."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # the primary result code
    text = str(exc)
    if code in (_SQLITE_NOTADB, _SQLITE_CORRUPT) or "not a database" in text or "malformed" in text:
        return StoreError(message, f"Tệp kho dữ liệu {path.name} bị hỏng hoặc không phải tệp SQLite (thư mục "
                                   f"{path.parent}), chạy lại cũng không được: hãy khôi phục bản sao lưu "
                                   f"(python main.py restore TỆP), hoặc đổi tên tệp (cùng các tệp {path.name}-wal, "
                                   f"{path.name}-shm nếu có) để tạo kho mới rồi nạp lại bài viết.")
    if (code in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN) or "unable to open" in text or "readonly" in text) \
            and (path.is_dir() or not _writable(path)):  # (not too many open files, which reads the same)
        if path.is_dir():
            return StoreError(message, f"Không mở được kho dữ liệu: {path} là một thư mục, không phải tệp. Hãy đổi "
                                       "tên hoặc chuyển thư mục đó đi, hoặc đặt DANVAN_DATA_DIR là thư mục khác.")
        return StoreError(message, f"Không mở hoặc không ghi được kho dữ liệu {path}: đây là lỗi quyền truy "
                                   "cập, chạy lại cũng không được. Người dùng chạy chương trình phải được đọc và ghi "
                                   f"thư mục {path.parent} và các tệp trong đó: hãy cấp quyền (chown, chmod), hoặc "
                                   "đặt DANVAN_DATA_DIR là một thư mục ghi được.")
    return StoreError(message)


def _writable(path: Path) -> bool:
    """Whether this process may write the store's folder, its file and its -wal, -shm."""
    files = (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
    return os.access(path.parent, os.W_OK | os.X_OK) and all(
        not f.exists() or os.access(f, os.R_OK | os.W_OK) for f in files)


def _folder_error(folder: Path, exc: OSError) -> StoreError:
    """The data folder could not be made: what stands in the way, said so that a person can fix it."""
    blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return StoreError(f"cannot use the data folder {folder}: {blocker} is a file, not a folder",
                          f"Không dùng được thư mục dữ liệu {folder}: {blocker} là một tệp, không phải thư mục. "
                          "Hãy đặt DANVAN_DATA_DIR là một thư mục (chưa có thì sẽ được tạo), hoặc chuyển tệp "
                          "đó đi nơi khác.")
    parent = next((p for p in folder.parents if p.is_dir()), folder.parent)
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return StoreError(f"cannot create the data folder {folder}: {exc.strerror} (in {parent})",
                          f"Không tạo được thư mục dữ liệu {folder}: không có quyền ghi vào {parent}. Đây là lỗi "
                          "quyền truy cập, chạy lại cũng không được: hãy tạo thư mục đó và cấp quyền ghi cho "
                          "người dùng chạy chương trình, hoặc đặt DANVAN_DATA_DIR là một thư mục ghi được.")
    return StoreError(f"cannot create the data folder {folder}: {exc.strerror or exc}",
                      f"Không tạo được thư mục dữ liệu {folder}: hãy kiểm tra ổ đĩa và quyền ghi, hoặc đặt "
                      "DANVAN_DATA_DIR là một thư mục khác.")


def _backup_problem(target: Path, exc: Exception) -> str:
    """Why a backup could not be written, in Vietnamese."""
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) == errno.EROFS:
        why = f"không có quyền ghi vào {target.parent}"
    elif getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc).lower():
        why = "ổ đĩa đã đầy"
    elif not target.parent.is_dir():
        why = f"chưa có thư mục {target.parent}"
    else:
        why = "hãy kiểm tra ổ đĩa và quyền ghi"
    return f"Không sao lưu được kho dữ liệu vào {target}: {why}. Kho dữ liệu không bị ảnh hưởng."


_INFO_COLS = "a.id, a.title, a.url, a.site, a.published, a.places, a.ingested_at, a.seq, a.mentioned_until"
# The day an article counts by in listings and their windows: its publication date; else the
# day it was stored, unless its text's latest date is more than 30 days older (a sample, an
# archive stored long after): then that date.
STALE_AFTER_DAYS = 30
MENTIONED_KEY = "mentioned_until_filled"
_UNDATED_DAY = (f"CASE WHEN a.mentioned_until IS NOT NULL AND a.mentioned_until < date(a.ingested_at, "
                f"'-{STALE_AFTER_DAYS} days') THEN a.mentioned_until ELSE {{stored}} END")


def parse_utc(value: str) -> dt.datetime:
    """A stored UTC time ("2026-11-26T22:22:40Z")."""
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _utc_text(at: dt.datetime) -> str:
    return at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


WEAK_QUESTIONS_READ = 1000  # the newest weak questions /chuatraloi reads
_SUB_COLS = "id, platform, chat_id, user_id, frequency, topic, topic_key, cursor, created_at"


def _subscription(row: Sequence) -> Subscription:
    return Subscription(id=row[0], platform=row[1], chat_id=row[2], user_id=row[3], frequency=row[4],
                        topic=row[5], key=row[6], cursor=row[7], created_at=parse_utc(row[8]))


# The entries a check writes carry its time: those that failed at the last one are counted.
_FEED_COLS = ("id, url, added_by, added_at, checked_at, ok_at, failures, error, etag, last_modified, articles,"
              " (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = feeds.id AND e.status = 'failed'"
              " AND e.at = feeds.checked_at)")


def _feed(row: Sequence) -> Feed:
    return Feed(id=row[0], url=row[1], added_by=row[2], added_at=parse_utc(row[3]),
                checked_at=parse_utc(row[4]) if row[4] else None, ok_at=parse_utc(row[5]) if row[5] else None,
                failures=row[6], error=row[7], etag=row[8], last_modified=row[9], articles=row[10],
                failed_pages=row[11])


_INSERT_REF = ("INSERT INTO doc_refs(article_id, key, kind, number, code, issuer, date, mention)"
               " VALUES (?,?,?,?,?,?,?,?)")


def _ref_row(article_id: int, ref: DocRef) -> tuple:
    return (article_id, ref.key, ref.kind, str(int(ref.number)), ref.code, ref.issuer,
            ref.date.isoformat() if ref.date else None, ref.mention)


def _info(row: Sequence) -> ArticleInfo:
    return ArticleInfo(
        id=row[0], title=row[1], url=row[2], site=row[3], published=_date(row[4]),
        places=tuple(json.loads(row[5] or "[]")), ingested_at=row[6], seq=row[7], mentioned_until=_date(row[8]),
    )


async def _wal(db: aiosqlite.Connection, tries: int = 100) -> None:
    """Put the file in WAL mode. Several processes creating one store at once: the
    switch does not wait for the others (SQLITE_BUSY at once), so try again a while,
    until one of them has switched it."""
    for attempt in range(tries):
        try:
            await db.execute("PRAGMA journal_mode=WAL")  # a no-op once another has switched it
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
        await asyncio.sleep(0.05)


def sql_statements(script: str) -> list[str]:
    """A migration script's statements, one by one (a trigger's body stays whole)."""
    out, current = [], ""
    for part in script.split(";"):
        current += part + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n\t;"):
                out.append(current.strip())
            current = ""
    if current.strip(" \n\t;"):
        out.append(current.strip().rstrip(";"))
    return out


class Store:
    """Async access to the SQLite file. Open with `await Store.open(path)`."""

    def __init__(self, db: aiosqlite.Connection, path: Path, in_use: int | None = None) -> None:
        self._db = db
        self.path = path
        self._in_use = in_use  # the shared lock that keeps a restore off while the store is open
        # One connection serves every coroutine (bots, digests, ingest): writes take
        # turns, or one's BEGIN would fail inside another's transaction.
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> "Store":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file in the way, a folder it may not write
            raise _folder_error(path.parent, exc) from exc
        db = None
        in_use = hold_shared(path)
        connecting = aiosqlite.connect(path, isolation_level=None)  # explicit transactions
        try:
            try:
                db = await connecting
            except BaseException:
                # The file would not open: aiosqlite stops its thread, which then answers on
                # this loop; wait for it, or it answers a closed loop with a traceback.
                thread = getattr(connecting, "_thread", None)
                if thread is not None and thread.is_alive():
                    await asyncio.to_thread(thread.join, 5)
                raise
            await db.execute("PRAGMA busy_timeout=5000")
            await _wal(db)
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA synchronous=NORMAL")
            store = cls(db, path, in_use)
            await store._migrate()
            return store
        except BaseException as exc:
            if db is not None:  # its thread would keep the process alive, and a lock held
                with contextlib.suppress(Exception):
                    await db.close()
            release(in_use)
            if isinstance(exc, sqlite3.Error):
                raise _sql_error(f"cannot open the store at {path}: {exc}", path, exc) from exc
            raise

    async def close(self) -> None:
        try:
            await self._db.close()
        finally:
            release(self._in_use)
            self._in_use = None

    async def _migrate(self) -> None:
        """Apply the migrations this file lacks, each in its own write transaction that
        reads the schema version first: two processes starting on a new store at once
        take turns, and the second finds the migrations applied."""
        for number, script in MIGRATIONS:
            async with self._db.execute("PRAGMA user_version") as cur:
                (version,) = await cur.fetchone()
            if number <= version:
                continue
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                async with self._db.execute("PRAGMA user_version") as cur:
                    (version,) = await cur.fetchone()
                if number > version:  # not applied by another process meanwhile
                    log.info("applying schema migration %d", number)
                    for statement in sql_statements(script):
                        await self._db.execute(statement)
                    await self._db.execute(f"PRAGMA user_version={number}")
                await self._db.commit()
            except BaseException:
                with contextlib.suppress(Exception):
                    await self._db.rollback()
                raise

    _BUMP = ("INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key)"
             " DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    async def backup(self, target: Path) -> None:
        """A consistent copy of the whole store at `target`, taken with SQLite's online
        backup while the bots may keep writing; written beside it and then moved into
        place, so that a copy is never half written."""
        tmp = target.with_name(target.name + ".tmp")
        try:
            tmp.unlink(missing_ok=True)
            dst = sqlite3.connect(tmp)
            try:
                await self._db.backup(dst)
            finally:
                dst.close()
            os.replace(tmp, target)
        except (sqlite3.Error, OSError) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise StoreError(f"could not back the store up to {target}: {exc}", _backup_problem(target, exc)) from exc

    async def generation(self) -> int:
        """Bumped in the same transaction as every change to articles or vectors;
        index caches record it, so a cache written before a crash is never trusted."""
        row = await self._one("SELECT value FROM meta WHERE key='generation'")
        return int(row[0]) if row else 0

    async def _all(self, sql: str, params: Sequence = ()) -> list:
        try:
            async with self._db.execute(sql, params) as cur:
                return list(await cur.fetchall())
        except sqlite3.Error as exc:
            raise _sql_error(f"query failed: {exc}", self.path, exc) from exc

    async def _write(self, sql: str, params: Sequence = ()) -> int | None:
        """One statement in its own transaction; returns the new row id."""
        try:
            async with self._write_lock, self._db.execute(sql, params) as cur:
                return cur.lastrowid
        except sqlite3.Error as exc:
            raise _sql_error(f"write failed: {exc}", self.path, exc) from exc

    async def _one(self, sql: str, params: Sequence = ()):
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    # -- meta -------------------------------------------------------------
    async def get_meta(self, key: str) -> str | None:
        row = await self._one("SELECT value FROM meta WHERE key=?", (key,))
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        await self._write("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- articles ---------------------------------------------------------
    async def find_by_url(self, url: str) -> tuple[int, str] | None:
        row = await self._one("SELECT id, content_hash FROM articles WHERE url=?", (url,))
        return (row[0], row[1]) if row else None

    async def find_by_hash(self, content_hash: str) -> int | None:
        row = await self._one("SELECT id FROM articles WHERE content_hash=?", (content_hash,))
        return row[0] if row else None

    async def signatures(self) -> tuple[np.ndarray, np.ndarray]:
        rows = await self._all("SELECT id, minhash FROM articles ORDER BY id")
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.uint64)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        return ids, np.stack([np.frombuffer(r[1], dtype=np.uint64) for r in rows])

    @asynccontextmanager
    async def _transaction(self, what: str, bump: bool = True) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction: committed (the generation bumped when the indexed
        content changes) or rolled back whole; SQLite errors become StoreError."""
        db = self._db
        async with self._write_lock:
            try:
                await db.execute("BEGIN IMMEDIATE")
                yield db
                if bump:
                    await db.execute(self._BUMP)
                await db.commit()
            except sqlite3.Error as exc:
                await db.rollback()
                raise _sql_error(f"cannot {what}: {exc}", self.path, exc) from exc
            except BaseException:
                await db.rollback()
                raise

    async def save_article(
        self,
        article: Article,
        content_hash: str,
        signature: np.ndarray,
        chunks: Iterable[ChunkRow],
        model: str,
        replace_id: int | None = None,
        article_terms: tuple[str, str] | None = None,
    ) -> tuple[int, list[int]]:
        """Write an article and everything derived from it in one transaction.

        With `replace_id`, that article (same URL, new content) is replaced.
        Returns the article id and its new chunk ids.
        """
        async with self._transaction(f"save article {article.origin}") as db:
            seq = None  # a new article gets the next number (a trigger of migration 5)
            if replace_id is not None:
                async with db.execute("SELECT seq FROM articles WHERE id=?", (replace_id,)) as cur:
                    row = await cur.fetchone()
                seq = row[0] if row else None  # an edited page keeps its place in the digests' order
                await self._delete_rows(replace_id)
            cur = await db.execute(
                "INSERT INTO articles(url, title, text, site, published, author, origin, places, content_hash, minhash,"
                " seq, mentioned_until) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.url, article.title, article.text, article.site,
                 article.published.isoformat() if article.published else None, article.author,
                 article.origin, json.dumps(list(article.places), ensure_ascii=False), content_hash,
                 signature.astype(np.uint64).tobytes(), seq,
                 article.mentioned_until.isoformat() if article.mentioned_until else None),
            )
            article_id = cur.lastrowid
            if article_terms is not None:
                await db.execute("INSERT INTO article_terms(article_id, acc, fold) VALUES (?,?,?)",
                                 (article_id, *article_terms))
            chunk_ids = await self._insert_chunks(article_id, chunks, model)
            await db.executemany(_INSERT_REF, [_ref_row(article_id, ref) for ref in article.refs])
        return article_id, chunk_ids

    async def _insert_chunks(self, article_id: int, chunks: Iterable[ChunkRow], model: str) -> list[int]:
        """Insert an article's chunks with their vectors and lexical rows (inside a transaction)."""
        chunk_ids: list[int] = []
        for ch in chunks:
            cur = await self._db.execute(
                "INSERT INTO chunks(article_id, ord, text) VALUES (?,?,?)", (article_id, ch.ord, ch.text)
            )
            cid = cur.lastrowid
            chunk_ids.append(cid)
            await self._db.execute(
                "INSERT INTO embeddings(chunk_id, model, vector) VALUES (?,?,?)",
                (cid, model, np.asarray(ch.vector, dtype=np.float32).tobytes()),
            )
            await self._db.execute("INSERT INTO chunk_fts(rowid, acc, fold) VALUES (?,?,?)", (cid, ch.acc, ch.fold))
        return chunk_ids

    async def replace_chunks(self, article_id: int, chunks: Sequence[ChunkRow], model: str,
                             article_terms: tuple[str, str] | None = None) -> list[int]:
        """Swap an article's chunks (and its lexical terms, when given) for new ones
        (re-chunking, re-encoding) in one transaction."""
        async with self._transaction(f"replace the chunks of article {article_id}") as db:
            if article_terms is not None:
                await db.execute("INSERT OR REPLACE INTO article_terms(article_id, acc, fold) VALUES (?,?,?)",
                                 (article_id, *article_terms))
            await self._delete_fts_rows(article_id)
            await db.execute("DELETE FROM chunks WHERE article_id=?", (article_id,))
            chunk_ids = await self._insert_chunks(article_id, chunks, model)
        return chunk_ids

    async def article_text(self, article_id: int) -> tuple[str, str] | None:
        """(title, text) of an article."""
        row = await self._one("SELECT title, text FROM articles WHERE id=?", (article_id,))
        return (row[0], row[1]) if row else None

    async def article_texts(self, article_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """id -> (title, text) of several articles, in one query."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        rows = await self._all(f"SELECT id, title, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)
        return {r[0]: (r[1], r[2]) for r in rows}

    async def fill_mentioned_until(self, latest: Callable[[str], dt.date | None]) -> int:
        """Once: the latest date mentioned in the text of undated articles stored before
        migration 11 (`latest` reads it from a text). Returns the rows filled."""
        if await self.get_meta(MENTIONED_KEY):
            return 0
        rows = await self._all("SELECT id, text FROM articles WHERE published IS NULL AND mentioned_until IS NULL")
        filled = [(day.isoformat(), i) for i, text in rows if (day := latest(text)) is not None]
        async with self._transaction("fill mentioned_until", bump=False) as db:
            if filled:
                await db.executemany("UPDATE articles SET mentioned_until=? WHERE id=?", filled)
            await db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (MENTIONED_KEY,))
        return len(filled)

    async def bylines(self) -> list[tuple[str, list[int]]]:
        """Each author line the store holds with the ids of its articles, newest stored first."""
        rows = await self._all("SELECT author, group_concat(id) FROM articles"
                               " WHERE author IS NOT NULL AND author != '' GROUP BY author")
        return [(r[0], sorted((int(i) for i in r[1].split(",")), reverse=True)) for r in rows]

    async def _delete_fts_rows(self, article_id: int) -> None:
        """The lexical rows of an article's chunks (FTS5 has no cascade)."""
        await self._db.execute(
            "DELETE FROM chunk_fts WHERE rowid IN (SELECT id FROM chunks WHERE article_id=?)", (article_id,)
        )

    async def _delete_rows(self, article_id: int) -> None:
        await self._delete_fts_rows(article_id)
        await self._db.execute("DELETE FROM articles WHERE id=?", (article_id,))

    async def chunk_ids_of(self, article_id: int) -> list[int]:
        return [r[0] for r in await self._all("SELECT id FROM chunks WHERE article_id=?", (article_id,))]

    async def delete_article(self, article_id: int) -> list[int]:
        """Delete an article; returns the chunk ids whose vectors must go."""
        ids = await self.chunk_ids_of(article_id)
        async with self._transaction(f"delete article {article_id}"):
            await self._delete_rows(article_id)
        return ids

    async def record_duplicate(self, origin: str, url: str | None, title: str, of: int, similarity: float) -> None:
        """Note a near-duplicate left out, once: the same input ingested again as a
        duplicate of the same article is not counted again."""
        await self._write(
            "INSERT INTO duplicates(origin, url, title, duplicate_of, similarity) SELECT ?,?,?,?,? "
            "WHERE NOT EXISTS (SELECT 1 FROM duplicates WHERE origin=? AND duplicate_of=?)",
            (origin, url, title, of, similarity, origin, of),
        )

    async def article(self, article_id: int) -> ArticleInfo | None:
        row = await self._one(f"SELECT {_INFO_COLS} FROM articles a WHERE a.id=?", (article_id,))
        return _info(row) if row else None

    async def places(self) -> tuple[str, ...]:
        """Every place name any article mentions (only the `places` column is read)."""
        names: dict[str, None] = {}
        for (raw,) in await self._all("SELECT places FROM articles WHERE places != '[]'"):
            names.update(dict.fromkeys(json.loads(raw)))
        return tuple(names)

    async def published_years(self) -> tuple[int, ...]:
        """The years the stored articles were published in."""
        rows = await self._all("SELECT DISTINCT CAST(substr(published, 1, 4) AS INTEGER) FROM articles"
                               " WHERE published IS NOT NULL ORDER BY 1")
        return tuple(int(y) for (y,) in rows)

    async def latest(self, limit: int = 5, offset: int = 0, among: Sequence[int] | None = None,
                     until: dt.date | None = None) -> list[ArticleInfo]:
        """The newest articles (by publication date, else the day stored), or the newest
        of the articles `among` (ids); with `until`, those of that day or before."""
        day = f"COALESCE(a.published, {_UNDATED_DAY.format(stored='substr(a.ingested_at,1,10)')})"
        where, params = ["1"], []
        if among is not None:
            where.append(f"a.id IN {_IDS}")
            params.append(_ids(among))
        if until is not None:  # an undated article's day: as above, the day stored in Vietnam time
            stored = "date(a.ingested_at, '+7 hours')"
            where.append(f"COALESCE(a.published, {_UNDATED_DAY.format(stored=stored)}) <= ?")
            params.append(until.isoformat())
        rows = await self._all(
            f"SELECT {_INFO_COLS} FROM articles a WHERE {' AND '.join(where)}"
            f" ORDER BY {day} DESC, a.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_info(r) for r in rows]

    # -- chunks, vectors, lexical ----------------------------------------
    async def passages(self, chunk_ids: Sequence[int]) -> dict[int, Passage]:
        if not chunk_ids:
            return {}
        rows = await self._all(
            f"SELECT c.id, c.ord, c.text, {_INFO_COLS} FROM chunks c JOIN articles a ON a.id=c.article_id"
            f" WHERE c.id IN {_IDS}", (_ids(chunk_ids),))
        return {r[0]: Passage(chunk_id=r[0], ord=r[1], text=r[2], article=_info(r[3:])) for r in rows}

    async def article_passages(self, article_id: int) -> list[Passage]:
        """An article's chunks as passages, in order."""
        rows = await self._all(
            f"SELECT c.id, c.ord, c.text, {_INFO_COLS} FROM chunks c JOIN articles a ON a.id=c.article_id"
            " WHERE c.article_id=? ORDER BY c.ord", (article_id,))
        return [Passage(chunk_id=r[0], ord=r[1], text=r[2], article=_info(r[3:])) for r in rows]

    async def lead_passages(self, article_ids: Sequence[int]) -> list[Passage]:
        """The first passage of each of these articles, in the order given (one query)."""
        if not article_ids:
            return []
        rows = await self._all(
            f"SELECT c.id, c.ord, c.text, {_INFO_COLS} FROM chunks c JOIN articles a ON a.id=c.article_id"
            f" WHERE c.article_id IN {_IDS} AND c.ord=(SELECT min(ord) FROM chunks WHERE article_id=c.article_id)",
            (_ids(article_ids),))
        leads = {p.article.id: p for p in (Passage(chunk_id=r[0], ord=r[1], text=r[2], article=_info(r[3:]))
                                           for r in rows)}
        return [leads[a] for a in article_ids if a in leads]

    async def article_chunks(self, article_id: int) -> list[tuple[int, str]]:
        """(ord, text) of an article's chunks, in order."""
        rows = await self._all("SELECT ord, text FROM chunks WHERE article_id=? ORDER BY ord", (article_id,))
        return [(r[0], r[1]) for r in rows]

    async def following_chunks(self, chunk_ids: Sequence[int]) -> dict[int, str]:
        """chunk id -> the text of the chunk after it in its article (for those that have one)."""
        if not chunk_ids:
            return {}
        rows = await self._all(
            "SELECT c.id, n.text FROM chunks c JOIN chunks n ON n.article_id=c.article_id AND n.ord=c.ord+1"
            f" WHERE c.id IN {_IDS}", (_ids(chunk_ids),))
        return {r[0]: r[1] for r in rows}

    async def all_vectors(self, model: str, among: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(chunk ids, vectors) of every chunk, or of the chunks of the articles `among`."""
        sql, params = "SELECT chunk_id, vector FROM embeddings WHERE model=?", (model,)
        if among is not None:
            sql += f" AND chunk_id IN (SELECT id FROM chunks WHERE article_id IN {_IDS})"
            params += (_ids(among),)
        rows = await self._all(sql + " ORDER BY chunk_id", params)
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        return ids, np.stack([np.frombuffer(r[1], dtype=np.float32) for r in rows])

    async def vector_ids(self) -> np.ndarray:
        rows = await self._all("SELECT chunk_id FROM embeddings ORDER BY chunk_id")
        return np.array([r[0] for r in rows], dtype=np.int64)

    async def models_in_use(self) -> list[str]:
        return [r[0] for r in await self._all("SELECT DISTINCT model FROM embeddings")]

    # -- document references ---------------------------------------------
    async def replace_refs(self, refs: Sequence[tuple[int, str, Sequence[DocRef]]]) -> None:
        """Swap these articles' document references for the ones given ((article id, the content
        hash of the text they were read from, its references), read again by a newer
        `extract_refs`), in one transaction; an article stored, changed or deleted meanwhile (its id
        reused, its hash another) keeps its own or is skipped."""
        async with self._transaction("replace the document references", bump=False) as db:
            async with db.execute("SELECT id, content_hash FROM articles") as cur:
                current = {r[0]: r[1] for r in await cur.fetchall()}
            kept = [(aid, found) for aid, read_from, found in refs if current.get(aid) == read_from]
            await db.executemany("DELETE FROM doc_refs WHERE article_id=?", [(aid,) for aid, _ in kept])
            await db.executemany(_INSERT_REF, [_ref_row(aid, ref) for aid, found in kept for ref in found])

    async def ref_mentions(self, number: int) -> list[RefMention]:
        rows = await self._all(
            f"SELECT r.kind, r.number, r.code, r.issuer, r.date, r.mention, {_INFO_COLS}"
            " FROM doc_refs r JOIN articles a ON a.id=r.article_id WHERE r.number=?"
            " ORDER BY COALESCE(a.published, '') DESC, a.id DESC",
            (str(number),),
        )
        return [
            RefMention(ref=DocRef(kind=r[0], number=r[1], code=r[2], issuer=r[3], date=_date(r[4]), mention=r[5]),
                       article=_info(r[6:]))
            for r in rows
        ]

    # -- stats and logs --------------------------------------------------
    async def counts(self) -> dict[str, int]:
        out = {}
        for name, table in (("articles", "articles"), ("chunks", "chunks"), ("duplicates", "duplicates"),
                            ("references", "doc_refs")):
            out[name] = (await self._one(f"SELECT count(*) FROM {table}"))[0]
        out["subscriptions"] = (await self._one("SELECT count(*) FROM subscriptions WHERE active=1"))[0]
        return out

    async def sites(self) -> list[tuple[str, int]]:
        rows = await self._all(
            "SELECT site, count(*) FROM articles WHERE site IS NOT NULL GROUP BY site ORDER BY count(*) DESC"
        )
        return [(r[0], r[1]) for r in rows]

    async def newest_date(self) -> dt.date | None:
        row = await self._one("SELECT max(published) FROM articles")
        return _date(row[0]) if row else None

    async def last_ingest(self) -> str | None:
        row = await self._one("SELECT max(ingested_at) FROM articles")
        return row[0] if row else None

    async def log_query(self, platform: str, chat_id: str | None, user_id: str | None, question: str,
                        found: bool, citations: list[dict], latency_ms: float) -> int:
        return await self._write(
            "INSERT INTO queries(platform, chat_id, user_id, question, found, citations, latency_ms)"
            " VALUES (?,?,?,?,?,?,?)",
            (platform, chat_id, user_id, question, int(found), json.dumps(citations, ensure_ascii=False), latency_ms),
        )

    async def query_exists(self, query_id: int) -> bool:
        return await self._one("SELECT 1 FROM queries WHERE id=?", (query_id,)) is not None

    async def add_feedback(self, query_id: int | None, user_id: str | None, vote: int) -> None:
        await self._write("INSERT INTO feedback(query_id, user_id, vote) VALUES (?,?,?)", (query_id, user_id, vote))

    async def feedback_for(self, query_id: int) -> list[int]:
        return [r[0] for r in await self._all("SELECT vote FROM feedback WHERE query_id=?", (query_id,))]

    async def weak_questions(self, since: dt.datetime, limit: int = WEAK_QUESTIONS_READ) -> list[AskedQuestion]:
        """Questions asked since `since` that were not answered or whose answer got a
        👎 (people whose last vote on it is 👎: a vote changed or tapped twice counts
        once), newest first, at most `limit`."""
        rows = await self._all(
            "SELECT question, at, found, down FROM (SELECT q.id, q.question, q.at, q.found,"
            " (SELECT COUNT(*) FROM feedback f WHERE f.query_id = q.id AND f.vote < 0 AND f.id ="
            "  (SELECT MAX(g.id) FROM feedback g WHERE g.query_id = q.id AND g.user_id IS f.user_id)) AS down"
            " FROM queries q WHERE q.at >= ?) WHERE found = 0 OR down > 0 ORDER BY at DESC, id DESC LIMIT ?",
            (_utc_text(since), limit))
        return [AskedQuestion(question=r[0], at=parse_utc(r[1]), found=bool(r[2]), down_votes=int(r[3])) for r in rows]

    async def queries_since(self, since_iso: str) -> int:
        return (await self._one("SELECT count(*) FROM queries WHERE at>=?", (since_iso,)))[0]

    async def origin_map(self) -> dict[str, int]:
        """Origin -> article id, a near-duplicate's origin mapped to the article it copies."""
        out = {r[1]: r[0] for r in await self._all("SELECT id, origin FROM articles")}
        for origin, of in await self._all("SELECT origin, duplicate_of FROM duplicates"):
            out.setdefault(origin, of)
        return out

    async def lexical_rows(self, among: Sequence[int] | None = None) -> list[tuple[int, int, str, str]]:
        """(chunk id, article id, accented tokens, folded tokens) of every chunk (of the articles `among`)."""
        sql = "SELECT f.rowid, c.article_id, f.acc, f.fold FROM chunk_fts f JOIN chunks c ON c.id=f.rowid"
        params: tuple = ()
        if among is not None:
            sql, params = sql + f" WHERE c.article_id IN {_IDS}", (_ids(among),)
        rows = await self._all(sql + " ORDER BY f.rowid", params)
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def lexical_counts(self) -> tuple[int, int]:
        """How many articles and chunks have lexical rows: what a cached word index must hold.
        (Chunks are counted in their own table, not through the FTS table, which a count
        would scan whole: every chunk gets its FTS row in the transaction that stores it.)"""
        row = await self._one("SELECT (SELECT count(*) FROM article_terms), (SELECT count(*) FROM chunks)")
        return int(row[0]), int(row[1])

    async def article_term_rows(self, among: Sequence[int] | None = None) -> list[tuple[int, str, str]]:
        """(article id, accented tokens, folded tokens) of every article (of those `among`)."""
        sql, params = "SELECT article_id, acc, fold FROM article_terms", ()
        if among is not None:
            sql, params = sql + f" WHERE article_id IN {_IDS}", (_ids(among),)
        return [(r[0], r[1], r[2]) for r in await self._all(sql + " ORDER BY article_id", params)]

    async def article_hashes(self) -> dict[int, str]:
        """Every stored article's content hash: what an index holding it must agree with."""
        return {r[0]: r[1] for r in await self._all("SELECT id, content_hash FROM articles")}

    async def terms_missing(self) -> bool:
        """Are there articles stored before migration 3 added `article_terms`?"""
        return await self._one("SELECT 1 FROM articles a LEFT JOIN article_terms t ON t.article_id=a.id"
                               " WHERE t.article_id IS NULL LIMIT 1") is not None

    async def all_article_texts(self) -> list[tuple[int, str, str, str]]:
        """(id, title, text, content hash) of every article."""
        return [(r[0], r[1], r[2], r[3])
                for r in await self._all("SELECT id, title, text, content_hash FROM articles ORDER BY id")]

    async def texts(self) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
        """(id, title, text) of every article and (id, title, text) of every chunk:
        what the lexical rows are derived from."""
        articles = [(i, title, text) for i, title, text, _ in await self.all_article_texts()]
        chunks = await self._all("SELECT c.id, a.title, c.text FROM chunks c JOIN articles a ON a.id=c.article_id"
                                 " ORDER BY c.id")
        return articles, [(r[0], r[1], r[2]) for r in chunks]

    async def replace_terms(self, articles: Sequence[tuple[int, str, str]],
                            chunks: Sequence[tuple[int, str, str]]) -> None:
        """Swap every article's and chunk's lexical rows for new ones, in one transaction."""
        async with self._transaction("replace the lexical rows") as db:
            await db.executemany("INSERT OR REPLACE INTO article_terms(article_id, acc, fold) VALUES (?,?,?)", articles)
            await db.executemany("DELETE FROM chunk_fts WHERE rowid=?", [(c[0],) for c in chunks])
            await db.executemany("INSERT INTO chunk_fts(rowid, acc, fold) VALUES (?,?,?)", chunks)

    async def article_ids(self) -> np.ndarray:
        return np.array([r[0] for r in await self._all("SELECT id FROM articles ORDER BY id")], dtype=np.int64)

    async def chunk_ids(self) -> np.ndarray:
        return np.array([r[0] for r in await self._all("SELECT id FROM chunks ORDER BY id")], dtype=np.int64)

    # -- subscriptions and digests ----------------------------------------
    async def subscribe(self, platform: str, chat_id: str, user_id: str | None, frequency: str, topic: str,
                        key: str, at: dt.datetime | None = None) -> tuple[Subscription, bool]:
        """Add a chat's subscription, or change the frequency of the one it has on the
        same topic (`key`: the topic normalised, so "Kon Tum" and "kon tum" are one);
        (subscription, whether it is new). A new one starts after the newest stored
        article and at `at` (now): its first digest is the first one due after that.
        A changed frequency starts again from `at` too (no digest off its schedule)."""
        at_text = _utc_text(at or dt.datetime.now(dt.timezone.utc))
        async with self._transaction("subscribe", bump=False) as db:
            async with db.execute("SELECT id FROM subscriptions WHERE platform=? AND chat_id=? AND topic_key=?"
                                  " AND active=1", (platform, chat_id, key)) as cur:
                existing = await cur.fetchone()
            await db.execute(
                "INSERT INTO subscriptions(platform, chat_id, user_id, frequency, topic, topic_key, cursor, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) FROM articles), ?)"
                " ON CONFLICT(platform, chat_id, topic_key) DO UPDATE SET"
                " cursor=CASE WHEN active THEN cursor ELSE excluded.cursor END,"
                " created_at=CASE WHEN active AND frequency=excluded.frequency THEN created_at"
                " ELSE excluded.created_at END,"
                " frequency=excluded.frequency, user_id=excluded.user_id, topic=excluded.topic, active=1",
                (platform, chat_id, user_id, frequency, topic, key, at_text))
            async with db.execute(f"SELECT {_SUB_COLS} FROM subscriptions WHERE platform=? AND chat_id=?"
                                  " AND topic_key=?", (platform, chat_id, key)) as cur:
                row = await cur.fetchone()
        return _subscription(row), existing is None

    async def unsubscribe(self, platform: str, chat_id: str, key: str | None = None) -> int:
        """End a chat's subscriptions (the one on a topic key, or all); how many ended."""
        sql = "UPDATE subscriptions SET active=0 WHERE platform=? AND chat_id=? AND active=1"
        params: tuple = (platform, chat_id)
        if key is not None:
            sql, params = sql + " AND topic_key=?", params + (key,)
        async with self._transaction("unsubscribe", bump=False) as db:
            async with db.execute(sql, params) as cur:
                return cur.rowcount

    async def subscription(self, subscription_id: int) -> Subscription | None:
        """A subscription as it is now, or None once it has ended."""
        row = await self._one(f"SELECT {_SUB_COLS} FROM subscriptions WHERE id=? AND active=1", (subscription_id,))
        return _subscription(row) if row else None

    async def subscriptions(self, platform: str, chat_id: str | None = None) -> list[Subscription]:
        """The active subscriptions of a platform (or of one chat), oldest first."""
        sql = f"SELECT {_SUB_COLS} FROM subscriptions WHERE active=1 AND platform=?"
        params: tuple = (platform,)
        if chat_id is not None:
            sql, params = sql + " AND chat_id=?", params + (chat_id,)
        return [_subscription(r) for r in await self._all(sql + " ORDER BY id", params)]

    async def articles_after(self, cursor: int, limit: int = 500) -> list[ArticleInfo]:
        """Articles stored after `cursor` (an `ArticleInfo.seq`), in the order they were
        stored. Read between writes: never an article another coroutine's transaction
        may yet roll back."""
        async with self._write_lock:
            rows = await self._all(f"SELECT {_INFO_COLS} FROM articles a WHERE a.seq > ? ORDER BY a.seq LIMIT ?",
                                   (cursor, limit))
        return [_info(r) for r in rows]

    async def delivery(self, subscription_id: int, period: str) -> Delivery | None:
        row = await self._one("SELECT status, attempts, at FROM deliveries WHERE subscription_id=? AND period=?",
                              (subscription_id, period))
        return Delivery(status=row[0], attempts=row[1], at=parse_utc(row[2])) if row else None

    async def record_delivery(self, subscription_id: int, period: str, status: str, at: dt.datetime,
                              article_ids: Sequence[int] = (), upto: int | None = None, error: str = "") -> None:
        """Log a period's digest; when it was sent (or had nothing new), move the
        subscription's cursor to `upto` in the same transaction, so a restart neither
        repeats it nor skips an article."""
        async with self._transaction("record a digest", bump=False) as db:
            await db.execute(
                "INSERT INTO deliveries(subscription_id, period, status, articles, error, at) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(subscription_id, period) DO UPDATE SET status=excluded.status,"
                " articles=excluded.articles, error=excluded.error, attempts=attempts+1, at=excluded.at",
                (subscription_id, period, status, json.dumps(list(article_ids)), error or None, _utc_text(at)))
            if status in ("sent", "empty") and upto is not None:
                await db.execute("UPDATE subscriptions SET cursor=MAX(cursor, ?) WHERE id=?", (upto, subscription_id))

    async def move_chat(self, platform: str, old_chat_id: str, new_chat_id: str) -> None:
        """A chat's subscriptions follow it to its new id (those the new id already has stay)."""
        async with self._transaction("move a chat's subscriptions", bump=False) as db:
            # ended subscriptions at the new id make way; those it already holds win
            await db.execute("DELETE FROM subscriptions WHERE platform=? AND chat_id=? AND active=0",
                             (platform, new_chat_id))
            await db.execute("UPDATE OR IGNORE subscriptions SET chat_id=? WHERE platform=? AND chat_id=?",
                             (new_chat_id, platform, old_chat_id))
            await db.execute("UPDATE subscriptions SET active=0 WHERE platform=? AND chat_id=?",
                             (platform, old_chat_id))

    # -- watched feeds ------------------------------------------------------
    async def add_feed(self, url: str, added_by: str | None) -> tuple[Feed, bool]:
        """Watch a feed; (the feed, whether it is new). A feed watched already, under
        this address or another of its own (http/https, "www.", a trailing "/"), is
        kept as it is."""
        key = feed_key(url)
        async with self._transaction("add a feed", bump=False) as db:
            async with db.execute("SELECT id, url FROM feeds") as cur:
                same = next((fid for fid, known in await cur.fetchall() if feed_key(known) == key), None)
            new = same is None
            if new:
                async with db.execute("INSERT INTO feeds(url, added_by) VALUES (?, ?)", (url, added_by)) as cur:
                    same = cur.lastrowid
            async with db.execute(f"SELECT {_FEED_COLS} FROM feeds WHERE id=?", (same,)) as cur:
                row = await cur.fetchone()
        return _feed(row), new

    async def remove_feed(self, url: str) -> bool:
        """Stop watching one feed (its articles stay): the one watched under this very
        address, else one under another of its addresses; whether there was one. (A
        store from before feeds were told by `feed_key` may hold one feed twice, under
        http and https: each row is its own.)"""
        key = feed_key(url)
        async with self._transaction("remove a feed", bump=False) as db:
            async with db.execute("SELECT id, url FROM feeds ORDER BY id") as cur:
                rows = await cur.fetchall()
            gone = next((fid for fid, known in rows if known == url), None)
            if gone is None:
                gone = next((fid for fid, known in rows if feed_key(known) == key), None)
            if gone is not None:
                await db.execute("DELETE FROM feeds WHERE id=?", (gone,))
        return gone is not None

    async def feeds(self) -> list[Feed]:
        """Every watched feed, in the order they were added."""
        return [_feed(r) for r in await self._all(f"SELECT {_FEED_COLS} FROM feeds ORDER BY id")]

    async def feed(self, feed_id: int) -> Feed | None:
        row = await self._one(f"SELECT {_FEED_COLS} FROM feeds WHERE id=?", (feed_id,))
        return _feed(row) if row else None

    async def feed_entries(self, feed_id: int) -> dict[str, tuple[str, int]]:
        """The entries of a feed handled so far: link -> (status, attempts)."""
        rows = await self._all("SELECT link, status, attempts FROM feed_entries WHERE feed_id=?", (feed_id,))
        return {r[0]: (r[1], r[2]) for r in rows}

    async def record_feed_check(self, feed_id: int, at: dt.datetime, *, error: str | None = None,
                                read: bool = True, etag: str | None = None, last_modified: str | None = None,
                                entries: dict[str, str] | None = None, added: int = 0,
                                listed: Iterable[str] | None = None, forget_after: dt.timedelta | None = None) -> None:
        """One check of a feed, in one transaction: its state, and the entries it
        handled (link -> "done" or "failed"; a failed one counts its attempts).
        `read`: the feed was downloaded (not "not modified"), so its ETag and
        Last-Modified are kept as the server sent them. With `listed` (the links the
        feed lists now), entries it no longer lists and last seen before
        `at - forget_after` are forgotten, so the table stays small. Nothing is written
        for a feed no longer watched (removed during the check)."""
        at_text = _utc_text(at)
        async with self._transaction("record a feed check", bump=False) as db:
            if error is not None:
                await db.execute("UPDATE feeds SET checked_at=?, failures=failures+1, error=? WHERE id=?",
                                 (at_text, error, feed_id))
                return
            sql = "UPDATE feeds SET checked_at=?, ok_at=?, failures=0, error=NULL, articles=articles+?"
            params: tuple = (at_text, at_text, added)
            if read:
                sql, params = sql + ", etag=?, last_modified=?", params + (etag, last_modified)
            async with db.execute(sql + " WHERE id=?", params + (feed_id,)) as cur:
                if cur.rowcount == 0:
                    return
            await db.executemany(
                "INSERT INTO feed_entries(feed_id, link, status, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(feed_id, link) DO UPDATE SET status=excluded.status, at=excluded.at,"
                " attempts=CASE WHEN excluded.status='failed' THEN attempts+1 ELSE attempts END",
                [(feed_id, link, status, at_text) for link, status in (entries or {}).items()])
            if listed is not None and forget_after is not None:
                await db.execute(
                    "DELETE FROM feed_entries WHERE feed_id=? AND at<? AND link NOT IN (SELECT value FROM json_each(?))",
                    (feed_id, _utc_text(at - forget_after), json.dumps(list(listed))))

    async def known_links(self, links: Sequence[str]) -> set[str]:
        """Which of these links an article was stored from (its URL, or the link it was
        fetched by): one query for a feed's entries, not one each."""
        known: set[str] = set()
        links = list(dict.fromkeys(links))
        for i in range(0, len(links), 400):  # well under SQLite's limit on parameters
            part = links[i:i + 400]
            marks = ",".join("?" * len(part))
            rows = await self._all(f"SELECT url, origin FROM articles WHERE url IN ({marks}) OR origin IN ({marks})",
                                   (*part, *part))
            wanted = set(part)
            known.update(v for row in rows for v in row if v in wanted)
        return known
