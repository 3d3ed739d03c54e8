"""Does a stored article write a topic? Asked by the digest scheduler (is this new
article for this subscription?) and by what's-new lists (the newest on a topic).

An article's text is read from the store once and kept as its folded words, in a
bounded cache keyed by the article and the time it was stored (a re-ingested,
edited page is read again); a (topic, article) answer is kept too, since many
subscriptions share a topic.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

from bot.digest import article_tokens, article_words, district_forms_in, written_in
from corpus.types import ArticleInfo


class ArticleTexts(Protocol):
    async def article_text(self, article_id: int) -> tuple[str, str] | None: ...


class TopicMatcher:
    def __init__(self, store: ArticleTexts, capacity: int = 2000) -> None:
        self.store = store
        self.capacity = capacity
        self._words: OrderedDict[tuple[int, str], str] = OrderedDict()
        self._answers: OrderedDict[tuple[tuple[str, ...], int, str], bool] = OrderedDict()

    async def writes(self, forms: list[str], article: ArticleInfo) -> bool:
        """Whether the article writes one of a topic's forms (`bot.digest.topic_forms`)."""
        key = (tuple(forms), article.id, article.ingested_at or "")
        seen = self._answers.get(key)
        if seen is None:
            folded = await self._article_words(article)
            seen = written_in(forms, folded)
            if not seen and district_forms_in(forms, folded):  # read again, with accents (seldom)
                stored = await self.store.article_text(article.id)
                seen = bool(stored) and written_in(forms, folded, article_tokens(*stored))
            _put(self._answers, key, seen, self.capacity * 4)
        else:
            self._answers.move_to_end(key)
        return seen

    async def writes_all(self, parts: list[list[str]], article: ArticleInfo) -> bool:
        """Whether the article writes every part of a topic (`bot.digest.topic_parts`)."""
        for forms in parts:
            if not await self.writes(forms, article):
                return False
        return True

    async def _article_words(self, article: ArticleInfo) -> str:
        key = (article.id, article.ingested_at or "")
        words = self._words.get(key)
        if words is None:
            stored = await self.store.article_text(article.id)
            words = article_words(*stored) if stored else ""
            _put(self._words, key, words, self.capacity)
        else:
            self._words.move_to_end(key)
        return words


def _put(cache: OrderedDict, key, value, capacity: int) -> None:
    cache[key] = value
    if len(cache) > capacity:
        cache.popitem(last=False)
