"""Read ingest inputs: files, folders, URLs, RSS/Atom feeds, JSONL records.

Each input yields RawDocuments, or an InputError that names what went wrong;
one bad input never stops the others. All network I/O is here.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import re
import unicodedata
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx

from corpus.errors import FetchError, InputError, UnreadableInput
from corpus.types import FeedEntry, RawDocument

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20_000_000  # one article page, 20 MB (decimal, as the messages say); JSONL files are streamed
MAX_RECORD_CHARS = 2_000_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
USER_AGENT = "TroLyDanVan/1.0 (+article ingest)"
PAGES_AT_ONCE = 4  # a feed's pages fetched at the same time (one site: a few, not all)
FETCH_GROUP = 10  # pages fetched before they are stored together
_VI_CHARS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def is_url(text: str) -> bool:
    return bool(re.match(r"^https?://", text, re.I))


_NOT_VI = set("ðþßæ×÷¤¦¨¯´¸¹²³¼½¾ñçåäëïöüÿœšž")


# cp1258 writes a tone as a byte after its vowel; read as cp1252, the grave and the dot
# below become "ì"/"ò" right after a vowel, which Vietnamese never writes ("vâòn").
_SPLIT_TONE_RE = re.compile("[aăâeêoôơuư][ìò]")


def _vi_score(text: str) -> int:
    """How Vietnamese a decoding looks: its letters count, foreign letters, leftover
    combining marks and tones split from their vowel (a wrong code page) count
    against it."""
    text = unicodedata.normalize("NFC", text).lower()
    good = sum(1 for c in text if c in _VI_CHARS)
    bad = sum(1 for c in text if c in _NOT_VI or unicodedata.category(c) == "Mn") + len(_SPLIT_TONE_RE.findall(text))
    return good - 5 * bad


def utf8_with_strays(data: bytes) -> str | None:
    """UTF-8 text holding a few bytes that are not (a stray legacy "\\xa0" or "é" pasted
    in): decoded, each stray byte replaced by "�"; None when there are too many to be
    strays (at most 3, or one per hundred bytes: a legacy Vietnamese text has a high
    byte in every few words)."""
    text = data.decode("utf-8-sig", errors="replace")
    strays = text.count("\ufffd") - data.count("\ufffd".encode())  # less the "�" written as such
    return text if strays <= max(3, len(data) // 100) else None


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM, or with a few stray bytes),
    UTF-16, or a legacy code page."""
    if not data.strip():
        raise UnreadableInput(origin, "empty file", "không có nội dung")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    head = data[:8192]
    if b"\x00" in head:
        raise UnreadableInput(origin, "binary file, not text", "không phải văn bản (dữ liệu nhị phân)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    lenient = utf8_with_strays(data)
    if lenient is not None:
        candidates.append(lenient)
    for enc in ("cp1258", "cp1252"):
        try:
            candidates.append(data.decode(enc))
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            candidates.append(str(best))
    except Exception:  # noqa: BLE001 - a detector failure only removes a candidate
        pass
    if not candidates:
        raise UnreadableInput(origin, "unknown text encoding", "không nhận ra bảng mã của văn bản")
    text = max(candidates, key=_vi_score)
    controls = sum(1 for c in text[:4000] if ord(c) < 32 and c not in "\n\r\t")
    if controls > 20:
        raise UnreadableInput(origin, "binary file, not text", "không phải văn bản (dữ liệu nhị phân)")
    if text is lenient:
        log.warning("%s: UTF-8 with %d byte(s) that are not, replaced", origin, text.count("\ufffd"))
    else:
        log.info("%s: decoded from a legacy encoding", origin)
    return text


def _mb(size: int, sep: str = ".") -> str:
    """A size in MB (10^6 bytes), rounded up to a tenth so that a file over the limit
    never reads as the limit: "20.1 MB"; "20 MB" when whole; `sep` the decimal mark."""
    tenths = -(-size // 100_000)
    text = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}{sep}{tenths % 10}"
    return f"{text} MB"


def _record(obj: dict, origin: str) -> RawDocument:
    text = obj.get("text") or obj.get("content") or obj.get("body") or ""
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput(origin, "record has no text", "bản ghi không có nội dung")
    if len(text) > MAX_RECORD_CHARS:
        raise UnreadableInput(origin, f"record text too large ({len(text)} characters)",
                              f"bản ghi quá dài ({len(text)} ký tự)")
    url = obj.get("url") if isinstance(obj.get("url"), str) and is_url(obj.get("url")) else None
    published = obj.get("published") or obj.get("date")
    return RawDocument(
        origin=origin, text=text, kind="record", url=url,
        title=(obj.get("title") or None), published=str(published) if published else None,
        site=obj.get("site") or None, author=obj.get("author") or None,
    )


def jsonl_records(path: Path) -> "Iterator[RawDocument | InputError]":
    """The records of a JSONL file (gzipped or not), read as they come: a record that
    is not JSON, or not UTF-8 beyond a few stray bytes, is reported with its line
    number and the others are read on."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                origin = f"{path}:{n}"
                line = utf8_with_strays(raw)
                if line is None:
                    yield UnreadableInput(origin, "record is not UTF-8", "bản ghi không phải văn bản UTF-8")
                    continue
                try:
                    obj = json.loads(line)
                    if not isinstance(obj, dict):
                        raise ValueError("not an object")
                    if obj.get("id") is not None:
                        origin = f"{path}#{obj['id']}"
                    record = _record(obj, origin)
                except ValueError as exc:
                    yield UnreadableInput(origin, f"invalid JSON record ({exc})", "bản ghi JSON không hợp lệ")
                    continue
                except RecursionError:  # "[[[[…" thousands deep: the parser gives up, this record alone fails
                    yield UnreadableInput(origin, "invalid JSON record (nested too deeply to read)",
                                          "bản ghi JSON lồng nhau quá nhiều tầng, không đọc được")
                    continue
                except InputError as exc:
                    yield exc
                    continue
                yield record
    except (OSError, EOFError) as exc:
        yield UnreadableInput(str(path), f"cannot read JSONL ({exc})", "không đọc được tệp JSONL")


def read_file(path: Path) -> "Iterator[RawDocument | InputError]":
    """One file -> its documents, read as they are taken (a JSONL file gives many:
    `jsonl_records`; a big one is never held whole)."""
    if path.is_symlink() and not path.exists():
        yield UnreadableInput(str(path), f"broken symbolic link (to {_link_target(path)}, which does not exist)",
                              "là liên kết (symlink) trỏ tới tệp không còn tồn tại")
    elif path.name.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        yield from jsonl_records(path)
    else:
        yield from _text_file(path)


def _link_target(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "?"


def _text_file(path: Path) -> "list[RawDocument | InputError]":
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [UnreadableInput(str(path), f"file too large ({_mb(size)} > {_mb(MAX_FILE_BYTES)})",
                                     f"tệp quá lớn ({_mb(size, ',')}, tối đa {_mb(MAX_FILE_BYTES, ',')})")]
        data = path.read_bytes()
    except OSError as exc:
        return [UnreadableInput(str(path), f"cannot read ({exc.strerror or exc})", "không đọc được tệp")]
    try:
        text = decode_bytes(data, str(path))
    except InputError as exc:
        return [exc]
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES or _looks_like_feed(text):
        return [UnreadableInput(str(path), "a feed file; give its URL to ingest its articles",
                                 "đây là tệp nguồn tin RSS/Atom: hãy nạp bằng địa chỉ URL của nguồn")]
    kind = "html" if suffix in HTML_SUFFIXES or _looks_like_html(text) else "text"
    return [RawDocument(origin=str(path), text=text, kind=kind)]


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _looks_like_feed(text: str) -> bool:
    head = text[:1000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def walk(path: Path) -> list[Path]:
    """The files of a folder (not hidden ones), or the path itself. A symbolic link
    that leads nowhere is kept: reading it reports it, it is not skipped unsaid."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if (p.is_file() or (p.is_symlink() and not p.exists()))
                      and not p.name.startswith("."))
    return [path]


def is_feed(url: str, ctype: str, text: str) -> bool:
    """Whether a fetched URL is an RSS/Atom feed rather than an article page."""
    if _looks_like_html(text):
        return False
    return any(t in ctype for t in ("rss", "atom", "xml")) or _looks_like_feed(text) \
        or bool(re.search(r"(\.rss|\.xml|/feed/?|/rss/?)$", url, re.I))


_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|mc_cid|mc_eid)$", re.I)


def feed_key(url: str) -> str:
    """What tells two addresses of one feed apart, and nothing more: not the scheme
    (http or https), the host's case, a leading "www." or a trailing "/" (pure)."""
    rest = url.strip().split("://", 1)[-1]
    host, _, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return host + ("/" + path.rstrip("/") if path.rstrip("/") else "")


def without_tracking(link: str) -> str:
    """A link without its fragment and the tracking parameters feeds add (utm_*,
    fbclid…), which may change at every fetch: the same article keeps one link.
    The rest of the query is kept exactly as written."""
    link = link.split("#", 1)[0]
    if "?" not in link:
        return link
    base, query = link.split("?", 1)
    kept = [part for part in query.split("&") if part and not _TRACKING.match(part.split("=", 1)[0])]
    return base + ("?" + "&".join(kept) if kept else "")


def parse_feed(url: str, body: bytes) -> list[FeedEntry]:
    """The entries of an RSS/Atom feed that link to an article, in the feed's order
    (relative links made absolute). UnreadableInput when there are none."""
    import feedparser

    parsed = feedparser.parse(body)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        try:
            link = without_tracking(urljoin(url, link.strip()))
        except ValueError:
            pass  # a malformed link: fetching it reports the error
        if link in seen:
            continue
        seen.add(link)
        published = None
        if e.get("published_parsed"):
            t = e.published_parsed
            published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
        entries.append(FeedEntry(link=link, title=e.get("title") or None, published=published))
    if not entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise UnreadableInput(url, f"not a valid RSS/Atom feed ({reason})", "không phải nguồn tin RSS/Atom hợp lệ")
    return entries


@dataclass(frozen=True)
class Fetched:
    """A URL's response: where it led, its type and body, and what a later
    conditional request sends back (ETag, Last-Modified)."""

    url: str  # as asked
    final: str  # after redirects
    ctype: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def text(self) -> str:
        return decode_bytes(self.body, self.url)


class Fetcher:
    """HTTP fetching with a timeout; errors become FetchError."""

    def __init__(self, timeout: float = 15.0, client: httpx.AsyncClient | None = None) -> None:
        self._client = client or httpx.AsyncClient(
            timeout=httpx.Timeout(timeout), follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )
        self.timeout = timeout

    async def close(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched | None:
        """The response, or None when the server says it has not changed since the
        `etag` / `last_modified` of an earlier response (HTTP 304). The whole request,
        slow servers included, must finish within the timeout, and the body is
        capped as it streams in."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with asyncio.timeout(self.timeout):
                async with self._client.stream("GET", url, headers=headers) as resp:
                    if resp.status_code == 304 and headers:
                        return None
                    if resp.status_code >= 400:
                        raise FetchError(url, f"HTTP {resp.status_code}", f"máy chủ trả lỗi HTTP {resp.status_code}")
                    declared = resp.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > MAX_FILE_BYTES:
                        raise UnreadableInput(url, f"response too large ({_mb(int(declared))} > {_mb(MAX_FILE_BYTES)})",
                                              f"trang quá lớn (tối đa {_mb(MAX_FILE_BYTES, ',')})")
                    body = bytearray()
                    async for part in resp.aiter_bytes():
                        body += part
                        if len(body) > MAX_FILE_BYTES:
                            raise UnreadableInput(url, f"response too large (over {_mb(MAX_FILE_BYTES)})",
                                                  f"trang quá lớn (tối đa {_mb(MAX_FILE_BYTES, ',')})")
                    return Fetched(url, str(resp.url), resp.headers.get("content-type", ""), bytes(body),
                                   resp.headers.get("etag"), resp.headers.get("last-modified"))
        except (TimeoutError, httpx.TimeoutException) as exc:
            seconds = f"{self.timeout:g}"
            raise FetchError(url, f"timed out after {seconds} s",
                             f"quá thời gian chờ ({seconds.replace('.', ',')} giây)") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(url, f"too many redirects ({exc})",
                             "địa chỉ chuyển hướng quá nhiều lần (có thể là vòng lặp chuyển hướng)") from exc
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise FetchError(url, f"cannot fetch ({exc.__class__.__name__}: {exc})",
                             "không kết nối được hoặc địa chỉ không hợp lệ") from exc

    async def read(self, url: str) -> tuple[Fetched, RawDocument | None, list[FeedEntry]]:
        """A URL read once: (the response, its article page or None, the entries of
        the feed it is, or none). InputError when it cannot be read."""
        got = await self.get(url)
        text = got.text
        if is_feed(url, got.ctype, text):
            return got, None, parse_feed(url, got.body)
        return got, page_document(got, text), []

    async def documents(self, url: str) -> AsyncIterator["RawDocument | InputError"]:
        """A URL: an article page, or a feed whose entries are fetched as articles."""
        try:
            _, page, entries = await self.read(url)
        except InputError as exc:
            yield exc
            return
        if page is not None:
            yield page
        for i in range(0, len(entries), FETCH_GROUP):  # stored as they come, a group at a time
            for doc in await self.entry_documents(entries[i : i + FETCH_GROUP]):
                yield doc

    async def get(self, url: str) -> Fetched:
        """A URL's response (unconditional: never "not modified")."""
        got = await self.fetch(url)
        assert got is not None
        return got

    async def entry_document(self, entry: FeedEntry) -> RawDocument:
        """The article a feed entry links to (InputError when it cannot be read)."""
        got = await self.get(entry.link)
        return page_document(got, got.text, title=entry.title, published=entry.published)

    async def entry_documents(self, entries: list[FeedEntry], at_once: int = PAGES_AT_ONCE
                              ) -> list[RawDocument | InputError]:
        """The articles of feed entries, in their order, `at_once` fetched at the same
        time (each within the timeout); an entry that cannot be read gives its InputError."""
        gate = asyncio.Semaphore(max(1, at_once))

        async def one(entry: FeedEntry) -> RawDocument | InputError:
            async with gate:
                try:
                    return await self.entry_document(entry)
                except InputError as exc:
                    return exc

        return list(await asyncio.gather(*(one(e) for e in entries)))


def page_document(got: Fetched, text: str, title: str | None = None, published: str | None = None) -> RawDocument:
    """A fetched article page, cited by the URL it was fetched from."""
    return RawDocument(origin=got.url, text=text, kind="html" if _looks_like_html(text) else "text",
                       url=got.final, title=title, published=published)
