"""Watched feeds: each RSS/Atom feed is checked on a schedule and its new
entries are ingested, so digests have new articles without anyone running
`ingest` by hand.

A check asks the feed conditionally (ETag, Last-Modified: an unchanged feed
costs one small request), fetches only the entries it has not handled yet
(not an entry whose link an article was stored from or under), a group at a
time outside the engine's lock (a few pages of the group at once), and writes
what it did in one transaction once
its articles are stored, even when it is interrupted (then without the ETag,
so the next check reads the feed again and fetches what it had not stored).
An entry that fails (a page that times out) is tried again at the next checks,
`MAX_TRIES` times in all; a feed that fails waits twice as long after each
failure in a row, up to a day. A few feeds are checked side by side: a slow
site does not hold up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from corpus.errors import InputError, UnreadableInput
from corpus.sources import FETCH_GROUP, PAGES_AT_ONCE, Fetched, Fetcher, feed_key, parse_feed
from corpus.types import Failure, Feed, FeedEntry, IngestReport

log = logging.getLogger(__name__)

MAX_ENTRIES = 100  # entries read from one feed at one check (feeds list their newest first)
MAX_TRIES = 3  # attempts at an entry that fails before it is left alone
FEEDS_AT_ONCE = 3  # feeds checked at the same time (their pages are fetched while another's are stored)
DUE_SLACK = dt.timedelta(minutes=1)
MAX_WAIT = dt.timedelta(days=1)  # the longest wait after failures in a row
FORGET_AFTER = dt.timedelta(days=90)  # handled entries the feed no longer lists are forgotten after this
CONFIG = "config"  # `Feed.added_by` of the feeds named in DANVAN_FEEDS


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def next_check(feed: Feed, interval: dt.timedelta) -> dt.datetime:
    """When a feed is next due: at once if never checked, else `interval` after its
    last check, doubled for each failure in a row (at most a day, or `interval`
    when that is longer)."""
    if feed.checked_at is None:
        return feed.added_at
    wait = interval * (2 ** min(feed.failures, 16))
    return feed.checked_at + min(wait, max(MAX_WAIT, interval))


def retryable(status: str, attempts: int, max_tries: int = MAX_TRIES) -> bool:
    """A handled entry that failed fewer than `max_tries` times: it waits for another try."""
    return status == "failed" and attempts < max_tries


def to_fetch(entries: Sequence[FeedEntry], handled: dict[str, tuple[str, int]],
             max_tries: int = MAX_TRIES) -> list[FeedEntry]:
    """The entries a check should fetch: never handled, or failed fewer than `max_tries` times."""
    out = []
    for e in entries:
        status, attempts = handled.get(e.link, ("", 0))
        if not status or retryable(status, attempts, max_tries):
            out.append(e)
    return out


def entry_statuses(report: IngestReport) -> dict[str, str]:
    """What to remember of each entry an ingest reached: "failed" to try it again, else "done"."""
    return {link: "failed" if outcome == "failed" else "done" for link, outcome in report.outcomes.items()}


def retry_pending(handled: dict[str, tuple[str, int]], max_tries: int = MAX_TRIES) -> bool:
    """Whether failed entries wait for another try (the feed is then read even if unchanged)."""
    return any(retryable(status, attempts, max_tries) for status, attempts in handled.values())


async def configure(store, urls: Sequence[str], prune: bool = True) -> None:
    """Watch the feeds named in the configuration (DANVAN_FEEDS); with `prune` (the
    bots' start), stop watching those it no longer names (feeds added by a person stay)."""
    wanted = {feed_key(u) for u in urls}
    for feed in await store.feeds() if prune else []:
        if feed.added_by == CONFIG and feed_key(feed.url) not in wanted:
            await store.remove_feed(feed.url)
            log.info("feed %s is no longer in DANVAN_FEEDS: not watched any more", feed.url)
    for url in urls:
        _, new = await store.add_feed(url, CONFIG)
        if new:
            log.info("watching feed %s (DANVAN_FEEDS)", url)


def failed_pages_note(feed: Feed) -> str:
    """What a feed list adds for a feed read fine whose last check had pages fail
    ("" when none did): the feed is not failing (it keeps its schedule), its pages
    are tried again at the next checks (pure)."""
    if not feed.failed_pages or feed.error:
        return ""
    return (f"lần kiểm tra gần nhất đọc được nguồn tin nhưng có {feed.failed_pages} trang bài viết bị lỗi "
            f"(mỗi trang được thử lại ở các lần kiểm tra sau, tối đa {MAX_TRIES} lần).")


def find_feed(feeds: Sequence[Feed], ref: str) -> Feed | None:
    """The feed a person means by `ref`: its number in the list (`Feed.id`, which
    stays the feed's while it is watched) or one of its addresses (pure)."""
    ref = ref.strip()
    if ref.isdigit():
        return next((f for f in feeds if f.id == int(ref)), None)
    key = feed_key(ref) if ref else None
    return next((f for f in feeds if feed_key(f.url) == key), None)


@dataclass(frozen=True)
class FeedCheck:
    """What one check of a feed did."""

    feed: Feed
    report: IngestReport = field(default_factory=IngestReport)
    known: int = 0  # entries whose article was stored already (not fetched)
    unchanged: bool = False  # the server said the feed had not changed
    error: Failure | None = None  # the feed itself could not be read

    @property
    def added(self) -> int:
        return len(self.report.added)


@dataclass(frozen=True)
class Added:
    """What adding a URL did: a feed now watched (and checked), or a page ingested."""

    report: IngestReport
    feed: Feed | None = None  # None: the URL was an article page, or could not be read
    new: bool = False  # the feed was not watched before
    check: FeedCheck | None = None


class FeedWatcher:
    """Checks the watched feeds of an engine's store and ingests their new entries."""

    def __init__(self, engine, interval: dt.timedelta = dt.timedelta(minutes=30), *,
                 clock: Callable[[], dt.datetime] = _utc_now, max_entries: int = MAX_ENTRIES,
                 max_tries: int = MAX_TRIES, fetch_timeout: float | None = None) -> None:
        self.engine = engine
        self.store = engine.store
        self.interval = interval
        self.clock = clock
        self.max_entries = max_entries
        self.max_tries = max_tries
        self.fetch_group = FETCH_GROUP
        self.pages_at_once = PAGES_AT_ONCE
        self.feeds_at_once = FEEDS_AT_ONCE
        self._fetching: set[str] = set()  # entry links a check of this watcher is fetching now
        self.fetch_timeout = fetch_timeout or engine.config.fetch_timeout

    # -- the list ----------------------------------------------------------
    async def configure(self, urls: Sequence[str], prune: bool = True) -> None:
        await configure(self.store, urls, prune)

    async def add(self, url: str, added_by: str | None, pages: bool = True) -> Added:
        """Watch a feed and check it now; with `pages`, a URL that is an article page
        is ingested as one instead. A URL that cannot be read is reported, not watched.
        Another address of a watched feed (http for https…) checks that feed."""
        watched = find_feed(await self.store.feeds(), url) if not url.strip().isdigit() else None
        url = watched.url if watched is not None else url
        fetcher = Fetcher(timeout=self.fetch_timeout)
        try:
            try:
                got, page, entries = await fetcher.read(url)
                if page is not None and not pages:
                    raise UnreadableInput(url, "not an RSS/Atom feed", "không phải nguồn tin RSS/Atom")
            except InputError as exc:
                log.warning("cannot add %s: %s", url, exc)
                return Added(_failed(exc))
            if page is not None:
                return Added(await self.engine.ingest_documents([page]))
            feed, new = await self.store.add_feed(url, added_by)
            if new:
                log.info("watching feed %s (added by %s)", url, added_by or "?")
            check = await self._ingest(feed, got, entries, fetcher)
            return Added(check.report, check.feed, new, check)
        finally:
            await fetcher.close()

    async def remove(self, url: str) -> bool:
        return await self.store.remove_feed(url)

    # -- checking ------------------------------------------------------------
    async def due(self) -> list[Feed]:
        """The feeds whose next check has come (a minute early counts: a cron job run
        every interval may start a little before the previous one did)."""
        now = self.clock() + DUE_SLACK
        return [f for f in await self.store.feeds() if next_check(f, self.interval) <= now]

    async def tick(self, every: bool = False) -> list[FeedCheck]:
        """Check every feed that is due (or `every` feed now), `feeds_at_once` at the
        same time (one slow site does not hold up the others; storing takes turns
        under the engine's lock), in the list's order; a feed that fails in any way
        is recorded as failing and never stops the others."""
        feeds = await self.store.feeds() if every else await self.due()
        gate = asyncio.Semaphore(max(1, self.feeds_at_once))

        async def one(feed: Feed) -> FeedCheck:
            async with gate:
                try:
                    return await self.check(feed)
                except Exception as exc:  # noqa: BLE001 - recorded: the feed backs off, the others go on
                    log.error("feed %s: check failed unexpectedly", feed.url, exc_info=True)
                    reason = "lỗi không xác định khi kiểm tra nguồn tin"
                    with contextlib.suppress(Exception):  # a store that fails here fails the next feed too, alone
                        await self.store.record_feed_check(feed.id, self.clock(), error=reason)
                    return FeedCheck(await self._now(feed), error=Failure(feed.url, reason, repr(exc)))

        return list(await asyncio.gather(*(one(f) for f in feeds)))

    async def check(self, feed: Feed) -> FeedCheck:
        """Check one feed now: read it (conditionally, unless failed entries wait for
        another try) and ingest its new entries."""
        fetcher = Fetcher(timeout=self.fetch_timeout)
        started = self.clock()  # a check counts from its start: the next is due an interval after it
        try:
            handled = await self.store.feed_entries(feed.id)
            conditional = not retry_pending(handled, self.max_tries)
            try:
                got = await fetcher.fetch(feed.url, feed.etag if conditional else None,
                                          feed.last_modified if conditional else None)
                if got is None:
                    await self.store.record_feed_check(feed.id, started, read=False)
                    log.debug("feed %s has not changed", feed.url)
                    return FeedCheck(await self._now(feed), unchanged=True)
                entries = parse_feed(feed.url, got.body)
            except InputError as exc:
                await self.store.record_feed_check(feed.id, started, error=exc.reason)
                log.warning("feed %s could not be read (%d failure(s) in a row): %s",
                            feed.url, feed.failures + 1, exc.detail)
                return FeedCheck(await self._now(feed), error=Failure(exc.origin, exc.reason, exc.detail))
            return await self._ingest(feed, got, entries, fetcher, handled, started)
        finally:
            await fetcher.close()

    async def _ingest(self, feed: Feed, got: Fetched, entries: list[FeedEntry], fetcher: Fetcher,
                      handled: dict[str, tuple[str, int]] | None = None,
                      started: dt.datetime | None = None) -> FeedCheck:
        """Fetch the entries not handled yet, a few at a time, and store them. Pages are
        fetched outside the engine's lock (an admin's /them does not wait for a slow
        site); what the check stored is written even if it is interrupted, without the
        feed's ETag then, so the next check reads the feed again."""
        started = started or self.clock()
        entries = entries[: self.max_entries]
        if handled is None:
            handled = await self.store.feed_entries(feed.id)
        listed = {e.link for e in entries}
        statuses: dict[str, str] = {}
        for link, (status, attempts) in handled.items():
            if retryable(status, attempts, self.max_tries) and link not in listed:
                statuses[link] = "done"  # the feed no longer lists it: given up, not retried for ever
        fresh, known = [], 0
        due = to_fetch(entries, handled, self.max_tries)
        stored = await self.store.known_links([e.link for e in due])  # by hand, by another feed or process
        for entry in due:
            if entry.link in stored:
                statuses[entry.link] = "done"
                known += 1
            elif entry.link in self._fetching:  # another feed's check is fetching it now: its turn
                continue
            else:
                self._fetching.add(entry.link)
                fresh.append(entry)
        report = IngestReport()
        finished = False
        try:
            for i in range(0, len(fresh), self.fetch_group):
                docs = await fetcher.entry_documents(fresh[i : i + self.fetch_group], self.pages_at_once)
                await self.engine.ingest_documents(docs, report=report, save=False)
            finished = True
        finally:
            self._fetching.difference_update(e.link for e in fresh)
            fetched = entry_statuses(report)
            for link, status in fetched.items():
                if status == "failed" and handled.get(link, ("", 0))[1] + 1 >= self.max_tries:
                    log.warning("feed %s: entry %s failed %d times; it is not tried again", feed.url, link,
                                self.max_tries)
            statuses.update(fetched)
            try:
                if finished and (report.added or report.updated):  # interrupted: closing the engine saves
                    await self.engine.save()
                await self.store.record_feed_check(
                    feed.id, started, read=finished, etag=got.etag, last_modified=got.last_modified,
                    entries=statuses, added=len(report.added), listed=listed, forget_after=FORGET_AFTER)
            except Exception:
                if finished:
                    raise
                log.error("feed %s: the interrupted check could not be recorded", feed.url, exc_info=True)
        if report.added or report.failed:
            log.info("feed %s: %d new, %d failed, %d already stored", feed.url, len(report.added),
                     len(report.failed), known + len(report.duplicates) + len(report.updated))
        return FeedCheck(await self._now(feed), report, known=known)

    async def _now(self, feed: Feed) -> Feed:
        return await self.store.feed(feed.id) or feed

    async def run(self, stop: asyncio.Event, every: float = 60.0) -> None:
        """Check the due feeds every `every` seconds until `stop` is set."""
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:  # noqa: BLE001 - the bots keep answering whatever a check does
                log.error("feed check failed", exc_info=True)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), every)


def _failed(exc: InputError) -> IngestReport:
    report = IngestReport()
    report.fail(Failure(exc.origin, exc.reason, exc.detail))
    return report
