"""Send the digests that are due: one pass over a platform's subscriptions
(`tick`), and a loop that makes a pass every `interval` seconds until stopped.

For each subscription whose period has come and whose digest is not yet sent,
the articles stored after its cursor that mention its topic go out as one
message; then the delivery and the moved cursor are written in one transaction
(the write is retried if the store is busy), so a restart neither repeats a
digest nor skips an article. A stop asked for during a pass (`run`'s event: the
bots shutting down) lets the send in hand finish and be written, and sends no
more; only a process killed between a send and its write (SIGKILL, a power cut)
can send that one digest again. A period with nothing new is logged as "empty" (no
message). A failed send is tried again on later passes, waiting longer each
time, at most MAX_TRIES times; its articles then go into the next period's
digest. A chat that blocked the bot loses its subscriptions; one that moved (a
Telegram group become a supergroup) keeps them under its new id; one not
allowed now (`allowed`) gets nothing while it is not. One failing subscription never stops the pass.
Sends are spaced by `min_gap` seconds (the platforms' rate limits).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import Protocol

from bot.digest import digest_reply, due_period, topic_parts
from bot.topic_match import TopicMatcher
from bot.types import Reply
from corpus.errors import ChatMoved, RecipientGone, StoreError
from corpus.store import Store
from corpus.types import ArticleInfo, Subscription

log = logging.getLogger(__name__)

MAX_TRIES = 5
MAX_ARTICLES = 5000  # considered for one digest; later ones wait for the next
RECORD_TRIES = 3  # writing a sent digest down, when the store is busy (another process ingesting)


class Messenger(Protocol):
    """What the scheduler needs of a platform: send replies to a chat."""

    async def send(self, chat_id: str, replies: list[Reply]) -> None: ...


def retry_wait(attempts: int) -> dt.timedelta:
    """How long after its `attempts`-th failure a digest is tried again: 1, 2, 4, 8 minutes."""
    return dt.timedelta(minutes=2 ** (attempts - 1))


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class DigestScheduler:
    def __init__(self, store: Store, platform: str, messenger: Messenger, *, hour: int = 7,
                 interval: float = 60.0, min_gap: float = 0.05,
                 clock: Callable[[], dt.datetime] = _utc_now,
                 allowed: Callable[[Subscription], bool] = lambda sub: True) -> None:
        self.store = store
        self.platform = platform
        self.messenger = messenger
        self.hour = hour
        self.interval = interval
        self.min_gap = min_gap
        self.clock = clock
        self.allowed = allowed
        self._topics = self._new_matcher()
        self._after: dict[int, list[ArticleInfo]] = {}

    def _new_matcher(self) -> TopicMatcher:
        return TopicMatcher(self.store, capacity=MAX_ARTICLES)

    async def run(self, stop: asyncio.Event) -> None:
        """A pass every `interval` seconds until `stop` is set; a failing pass is logged, not fatal."""
        log.info("%s digests: checked every %.0f s, sent from %d:00 (UTC+7)", self.platform, self.interval, self.hour)
        while not stop.is_set():
            try:
                await self.tick(stop)
            except Exception:  # noqa: BLE001 - the bot keeps answering whatever a pass does
                log.error("%s digest pass failed", self.platform, exc_info=True)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), self.interval)

    async def tick(self, stop: asyncio.Event | None = None) -> int:
        """One pass: send every digest that is due (until `stop` is set: the rest wait
        for the next pass); how many were sent."""
        now = self.clock()
        sent = 0
        self._topics = self._new_matcher()  # each article read once a pass
        self._after = {}  # cursor -> the articles stored after it
        skip: set[str] = set()  # chats gone or moved during this pass
        for sub in await self.store.subscriptions(self.platform):
            if stop is not None and stop.is_set():
                break
            if sub.chat_id in skip:
                continue
            try:
                outcome = await self._one(sub, now)
            except Exception:  # noqa: BLE001 - one subscription never stops the others
                log.error("%s digest for chat %s failed", self.platform, sub.chat_id, exc_info=True)
                continue
            if outcome in ("gone", "moved"):
                skip.add(sub.chat_id)
            if outcome in ("sent", "failed", "gone", "moved"):
                sent += outcome == "sent"
                await asyncio.sleep(self.min_gap)
        return sent

    async def _one(self, sub: Subscription, now: dt.datetime) -> str:
        """Deliver one subscription's due digest: "", "empty", "sent", "failed", "gone" or "moved"."""
        period = due_period(sub, now, self.hour)
        if period is None:
            return ""
        done = await self.store.delivery(sub.id, period.key)
        if done is not None and (done.status != "failed" or done.attempts >= MAX_TRIES
                                 or now < done.at + retry_wait(done.attempts)):
            return ""
        if not self.allowed(sub):  # skipped, not ended: a mistyped access list must not end every digest
            log.info("%s chat %s is not allowed now: its digest %s is skipped", self.platform, sub.chat_id, period.key)
            return ""
        new = self._after.get(sub.cursor)  # chats subscribed alike share a cursor: read once a pass
        if new is None:
            new = self._after[sub.cursor] = await self.store.articles_after(sub.cursor, MAX_ARTICLES)
        upto = new[-1].seq if new else sub.cursor
        chosen = await self._on_topic(sub, new)
        if not chosen:
            await self.store.record_delivery(sub.id, period.key, "empty", now, upto=upto)
            return "empty"
        if await self.store.subscription(sub.id) != sub:  # ended or changed since this pass began (a long
            return ""  # pass): a changed one is sent as it is now on the next pass
        try:
            await self.messenger.send(sub.chat_id, [digest_reply(sub, period, chosen)])
        except RecipientGone as exc:
            log.warning("%s chat %s is gone (%s): its subscriptions end", self.platform, sub.chat_id, exc)
            await self.store.unsubscribe(self.platform, sub.chat_id)
            return "gone"
        except ChatMoved as exc:
            log.info("%s chat %s moved to %s: its subscriptions follow", self.platform, sub.chat_id, exc.new_chat_id)
            await self.store.move_chat(self.platform, sub.chat_id, exc.new_chat_id)
            return "moved"  # sent to the new id on the next pass
        except Exception as exc:  # noqa: BLE001 - any failure of the platform is retried later
            tries = (done.attempts + 1) if done else 1
            log.warning("%s digest %s to chat %s failed (try %d of %d): %s", self.platform, period.key,
                        sub.chat_id, tries, MAX_TRIES, exc)
            await self.store.record_delivery(sub.id, period.key, "failed", now, error=str(exc)[:500])
            return "failed"
        for attempt in range(1, RECORD_TRIES + 1):  # sent: it must be written down, or it is sent again
            try:
                await self.store.record_delivery(sub.id, period.key, "sent", now, [a.id for a in chosen], upto)
                break
            except StoreError:
                if attempt == RECORD_TRIES:
                    raise
                log.warning("%s digest %s sent to chat %s but not recorded yet: retrying", self.platform,
                            period.key, sub.chat_id)
                await asyncio.sleep(attempt)
        log.info("%s digest %s sent to chat %s: %d articles", self.platform, period.key, sub.chat_id, len(chosen))
        return "sent"

    async def _on_topic(self, sub: Subscription, articles: list[ArticleInfo]) -> list[ArticleInfo]:
        """The articles that mention the subscription's topic (all of them without one)."""
        if not sub.topic:
            return articles
        parts = topic_parts(sub.topic)
        return [a for a in articles if await self._topics.writes_all(parts, a)]
