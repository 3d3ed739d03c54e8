"""The FAISS index on disk, with ids that are chunk ids in the store.

The store keeps every vector, so the index is a cache that can always be
rebuilt without re-encoding. Writes are atomic (write, fsync, rename); on
load, the index is checked against the store and rebuilt (with a log line)
when missing or stale, never served half-built. The index records the id of
the encoder that built it and refuses another.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import faiss
import numpy as np

from corpus.errors import EncoderMismatch, IndexError_

log = logging.getLogger(__name__)

INDEX_FILE = "vectors.faiss"
META_FILE = "vectors.json"
REINDEX_HINT = "run `python main.py reindex` to rebuild it with the current encoder"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # read once at import: setting the umask to read it is not thread-safe


def atomic_write(path: Path, write: Callable[[Path], object]) -> bool:
    """Write the cache `path` whole or not at all: `write(tmp)` fills a temporary file of
    this process's own (two processes saving at once never share one), synced, then
    moved over `path` with the permissions any new file gets (mkstemp's are the owner's
    only: a backup or a cron job run as another user could not read the caches).
    A cache that cannot be written (a full disk, a read-only folder) is logged and
    False returned: the index stays in memory and is rebuilt from the store next time."""
    tmp = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        os.chmod(tmp, _FILE_MODE)
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return True
    except (OSError, RuntimeError) as exc:  # faiss reports a failed write as RuntimeError
        log.warning("could not write the index cache %s (%s); the index is kept in memory and rebuilt "
                    "from the store at the next start", path, str(exc).splitlines()[0] if str(exc) else exc)
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


class VectorIndex:
    """Inner-product search over L2-normalised vectors (cosine)."""

    def __init__(self, directory: Path, dim: int, model_id: str) -> None:
        self.directory = directory
        self.dim = dim
        self.model_id = model_id
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self.dirty = False

    # -- persistence -----------------------------------------------------
    @classmethod
    def read_meta(cls, directory: Path) -> dict | None:
        try:
            return json.loads((directory / META_FILE).read_text())
        except (OSError, ValueError):
            return None

    @classmethod
    def load(cls, directory: Path, dim: int, model_id: str, expected_ids: np.ndarray,
             generation: int) -> "VectorIndex | None":
        """The index on disk if it was saved at the store's `generation` and holds
        exactly `expected_ids`; else None.

        Raises EncoderMismatch when the files were built by another encoder.
        """
        meta = cls.read_meta(directory)
        if meta is None or not (directory / INDEX_FILE).exists():
            return None
        if meta.get("model_id") != model_id:
            raise EncoderMismatch(
                f"the index in {directory} was built with encoder {meta.get('model_id')!r}, "
                f"not {model_id!r}: {REINDEX_HINT}"
            )
        if meta.get("generation") != generation:
            log.warning("vector index was saved at another store generation; it will be rebuilt")
            return None
        try:
            raw = faiss.read_index(str(directory / INDEX_FILE))
        except RuntimeError as exc:
            log.warning("vector index unreadable (%s); it will be rebuilt", exc)
            return None
        idx = cls(directory, dim, model_id)
        if raw.d != dim:
            return None
        idx._index = raw
        if not np.array_equal(np.sort(idx.ids()), np.sort(expected_ids)):
            log.warning("vector index is stale (%d vectors, store has %d); it will be rebuilt",
                        idx.size, len(expected_ids))
            return None
        return idx

    def save(self, generation: int) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        meta = {"model_id": self.model_id, "dim": self.dim, "count": self.size, "generation": generation}
        if (atomic_write(self.directory / INDEX_FILE, lambda p: faiss.write_index(self._index, str(p)))
                and atomic_write(self.directory / META_FILE, lambda p: p.write_text(json.dumps(meta)))):
            self.dirty = False  # else tried again at the next save

    # -- content ---------------------------------------------------------
    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> np.ndarray:
        if self.size == 0:
            return np.zeros(0, dtype=np.int64)
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def add(self, ids: np.ndarray | list[int], vectors: np.ndarray) -> None:
        ids = np.asarray(ids, dtype=np.int64)
        if len(ids) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise IndexError_(f"vectors of shape {vectors.shape} do not fit an index of dim {self.dim}")
        self._index.add_with_ids(vectors, ids)
        self.dirty = True

    def remove(self, ids: list[int]) -> None:
        if ids:
            self._index.remove_ids(np.asarray(ids, dtype=np.int64))
            self.dirty = True

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self.size == 0:
            return []
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, self.dim)
        scores, ids = self._index.search(q, min(k, self.size))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

