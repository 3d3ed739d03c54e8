"""sentence-transformers runtime: any model by name or local folder.

The quality path for people with the internet or a model folder. Query and
passage prompts are configurable (e5 models want "query: " / "passage: ").
sentence-transformers (and torch) are imported only when this runtime is used.
"""

from __future__ import annotations

import hashlib
import os

import numpy as np

from corpus.errors import EncoderError
from embeddings.base import l2_normalize


class SentenceTransformerEncoder:
    def __init__(self, model: str, query_prompt: str = "", passage_prompt: str = "",
                 batch_size: int = 32, device: str = "cpu") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EncoderError(
                "sentence-transformers is not installed: run `make install-st` (CPU torch) first"
            ) from exc
        try:
            self._model = SentenceTransformer(model, device=device)
        except Exception as exc:  # noqa: BLE001 - the library raises many kinds
            raise EncoderError(f"cannot load sentence-transformers model {model!r}: {exc}") from exc
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self.batch_size = batch_size
        name = os.path.basename(os.path.normpath(model)) if os.path.isdir(model) else model
        prompts = hashlib.sha1(f"{query_prompt}\x00{passage_prompt}".encode()).hexdigest()[:8]
        self.model_id = f"st:{name}:{self.dim}:{prompts}"

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode([prompt + t for t in texts], batch_size=self.batch_size,
                                  convert_to_numpy=True, show_progress_bar=False)
        return l2_normalize(vecs)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prompt)
