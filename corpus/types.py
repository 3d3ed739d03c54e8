"""Small typed values that cross the boundaries of the corpus layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocRef:
    """A mention of a Party or State document, e.g. ``Chỉ thị số 18-CT/TU``."""

    kind: str  # "Chỉ thị", "Nghị quyết", ...
    number: str  # "18", "01"
    code: str | None  # "18-CT/TU" (canonical upper case) or None for "Nghị quyết 01"
    issuer: str | None  # "Ban Thường vụ Tỉnh ủy", or derived from the code
    date: dt.date | None
    mention: str  # the sentence that names it

    @property
    def key(self) -> str:
        """Stable lookup key: the code, or ``"NQ 01"`` when there is none."""
        from corpus.docrefs import ref_key

        return ref_key(self)


@dataclass(frozen=True)
class Article:
    """A cleaned article, ready to be stored and chunked."""

    title: str
    text: str  # cleaned body, paragraphs separated by blank lines
    url: str | None = None  # only a URL the source really names
    site: str | None = None
    published: dt.date | None = None
    author: str | None = None
    origin: str = ""  # the path or URL it was ingested from
    places: tuple[str, ...] = ()
    refs: tuple[DocRef, ...] = ()
    id: int | None = None
    mentioned_until: dt.date | None = None  # undated: the latest date its text mentions


@dataclass(frozen=True)
class Chunk:
    """A passage of an article; `embed_text` carries the title for embedding."""

    article_id: int
    ord: int
    text: str
    title: str
    id: int | None = None

    @property
    def embed_text(self) -> str:
        return f"{self.title}. {self.text}" if self.title else self.text


@dataclass(frozen=True)
class RawDocument:
    """What a source produced before parsing: bytes or text plus hints."""

    origin: str
    text: str
    kind: str  # "text" | "html" | "record"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Failure:
    """An input that could not be ingested."""

    origin: str  # the file, record or URL
    reason: str  # why, in Vietnamese, for the user
    detail: str  # why, in English, as logged


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # origin -> added|updated|duplicate|failed

    def fail(self, failure: Failure) -> None:
        self.failed.append(failure)
        self.outcomes[failure.origin] = "failed"


@dataclass(frozen=True)
class ArticleInfo:
    """An article's citation data, as the store returns it."""

    id: int
    title: str
    url: str | None
    site: str | None
    published: dt.date | None
    places: tuple[str, ...] = ()
    ingested_at: str | None = None
    seq: int = 0  # the order it was stored in; never reused (the digests' cursor)
    mentioned_until: dt.date | None = None  # undated: the latest date its text mentions


@dataclass(frozen=True)
class Passage:
    """A stored chunk with the citation data of its article."""

    chunk_id: int
    article: ArticleInfo
    ord: int
    text: str


@dataclass(frozen=True)
class RefMention:
    """An article that mentions a document, with the sentence that names it."""

    ref: DocRef
    article: ArticleInfo


@dataclass(frozen=True)
class Subscription:
    """A chat's standing order for a digest of new articles."""

    id: int
    platform: str  # "telegram" | "zalo"
    chat_id: str
    user_id: str | None  # who subscribed
    frequency: str  # "daily" | "weekly"
    topic: str  # words every article of the digest mentions, as typed; "" for every new article
    key: str  # the topic normalised (folded words): one subscription per chat and key
    cursor: int  # the `seq` of the newest article already considered for this chat
    created_at: dt.datetime  # UTC: when it started (or last changed frequency)


@dataclass(frozen=True)
class Delivery:
    """What happened to one period's digest of one subscription."""

    status: str  # "sent" | "empty" (nothing new) | "failed" (tried `attempts` times)
    attempts: int
    at: dt.datetime  # UTC, of the last attempt


@dataclass(frozen=True)
class AskedQuestion:
    """A question asked in the bots, as logged: whether it was answered, and the 👎
    its answer got."""

    question: str
    at: dt.datetime  # UTC
    found: bool
    down_votes: int


@dataclass(frozen=True)
class FeedEntry:
    """One item of an RSS/Atom feed: the article it links to."""

    link: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, as the feed dates it


@dataclass(frozen=True)
class Feed:
    """A feed the bot checks for new articles on its own."""

    id: int
    url: str
    added_by: str | None  # who asked for it ("config": DANVAN_FEEDS)
    added_at: dt.datetime  # UTC
    checked_at: dt.datetime | None  # UTC, the last attempt
    ok_at: dt.datetime | None  # UTC, the last attempt that read the feed
    failures: int  # attempts failed in a row
    error: str | None  # why the last attempt failed, in Vietnamese
    etag: str | None  # for a conditional request: nothing is downloaded when unchanged
    last_modified: str | None
    articles: int  # stored from it so far
    failed_pages: int = 0  # entries whose page failed at the last check (tried again at the next ones)
