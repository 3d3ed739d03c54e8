"""Optional cross-encoder reranking through sentence-transformers' `CrossEncoder`.

Configured with `DANVAN_RERANKER` (a model name or a local folder); never
needed offline and never loaded unless configured. The top `top_n` articles
are reordered by the cross-encoder's score of (question, best passage).
"""

from __future__ import annotations

import asyncio

from corpus.errors import EncoderError
from retrieval.types import Hit


class CrossEncoderReranker:
    def __init__(self, model: str, top_n: int = 20, device: str = "cpu") -> None:
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as exc:
            raise EncoderError("DANVAN_RERANKER needs sentence-transformers: run `make install-st`") from exc
        try:
            self._model = CrossEncoder(model, device=device)
        except Exception as exc:  # noqa: BLE001 - the library raises many kinds
            raise EncoderError(f"cannot load cross-encoder {model!r}: {exc}") from exc
        self.top_n = top_n

    def scores(self, question: str, passages: list[str]) -> list[float]:
        return [float(s) for s in self._model.predict([(question, p) for p in passages], show_progress_bar=False)]

    async def rerank(self, question: str, hits: list[Hit]) -> list[Hit]:
        """Hits grouped by article, the top `top_n` articles reordered; the rest keep their place."""
        order: list[int] = list(dict.fromkeys(h.article_id for h in hits))
        head, tail = order[: self.top_n], order[self.top_n :]
        best = {aid: next(h for h in hits if h.article_id == aid) for aid in head}
        scores = await asyncio.to_thread(self.scores, question, [best[a].passage.text for a in head])
        ranked = [a for _, a in sorted(zip(scores, head), key=lambda x: -x[0])] + tail
        position = {aid: i for i, aid in enumerate(ranked)}
        return sorted(hits, key=lambda h: position[h.article_id])
