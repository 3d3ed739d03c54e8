"""The sentence-transformers runtime, on a tiny random model built in a temp folder.

Nothing is downloaded: the model is made here and loaded by path. Skipped when
sentence-transformers is not installed (`make install-st`; CI installs it).
"""

from __future__ import annotations

import numpy as np
import pytest

st = pytest.importorskip("sentence_transformers")
transformers = pytest.importorskip("transformers")

from conftest import SAMPLES  # noqa: E402
from corpus.errors import EncoderMismatch  # noqa: E402
from embeddings.factory import make_encoder  # noqa: E402
from retrieval.engine import Engine, EngineConfig  # noqa: E402

pytestmark = pytest.mark.st


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny-st")
    chars = sorted(set("".join(p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")).lower()))
    letters = [c for c in chars if c.isalnum() or c in ".,:;/-%()"]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + letters + ["##" + c for c in letters]
    raw = folder / "raw"
    raw.mkdir()
    (raw / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    try:  # transformers >= 5 takes the vocabulary itself, older versions a file
        tokenizer = transformers.BertTokenizerFast(vocab={t: i for i, t in enumerate(vocab)}, do_lower_case=True)
    except TypeError:
        tokenizer = transformers.BertTokenizerFast(vocab_file=str(raw / "vocab.txt"), do_lower_case=True)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1,
                                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=512)
    import torch

    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(raw)
    tokenizer.save_pretrained(raw)
    # A plain transformers folder loads with mean pooling; save it as a sentence-transformers model.
    model_dir = folder / "model"
    st.SentenceTransformer(str(raw), device="cpu").save(str(model_dir))
    return model_dir


def test_encoder_by_path(tiny_model):
    enc = make_encoder("sentence-transformers", str(tiny_model), "query: ", "passage: ")
    assert enc.dim == 32 and enc.model_id.startswith("st:model:32:")
    q = enc.encode_queries(["thu nhập bình quân"])
    p = enc.encode_passages(["thu nhập bình quân"])
    assert q.shape == (1, 32) and p.shape == (1, 32)
    assert np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(q, p)  # the prompts are really applied
    other = make_encoder("sentence-transformers", str(tiny_model), "", "")
    assert other.model_id != enc.model_id


async def test_engine_with_sentence_transformers(tiny_model, tmp_path):
    enc = make_encoder("sentence-transformers", str(tiny_model), "query: ", "passage: ")
    eng = await Engine.open(EngineConfig(data_dir=tmp_path), enc)
    report = await eng.ingest([str(SAMPLES)])
    assert len(report.added) == 5 and eng.index.size > 5
    answer = await eng.ask("Thu nhập bình quân đầu người của tỉnh Kon Tum năm 2019 là bao nhiêu?")
    assert answer.found and "40,7 triệu" in answer.text
    await eng.close()
    with pytest.raises(EncoderMismatch):
        await Engine.open(EngineConfig(data_dir=tmp_path), make_encoder("hashing"))


@pytest.fixture(scope="module")
def tiny_cross_encoder(tiny_model, tmp_path_factory):
    """A one-label classifier on the same tiny vocabulary, saved as a folder."""
    import torch

    raw = tiny_model.parent / "raw"
    folder = tmp_path_factory.mktemp("tiny-ce")
    config = transformers.BertConfig.from_pretrained(raw)
    config.num_labels = 1
    torch.manual_seed(1)
    transformers.BertForSequenceClassification(config).save_pretrained(folder)
    transformers.AutoTokenizer.from_pretrained(raw).save_pretrained(folder)
    return folder


async def test_cross_encoder_reranks_by_its_scores(tiny_cross_encoder, tmp_path):
    from retrieval.rerank import CrossEncoderReranker

    eng = await Engine.open(EngineConfig(data_dir=tmp_path, reranker=str(tiny_cross_encoder)), make_encoder("hashing"))
    await eng.ingest([str(SAMPLES)])
    question = "Ban Dân vận Tỉnh ủy làm việc với huyện về công tác dân vận"
    ranking = await eng.searcher.search(question)
    reranker: CrossEncoderReranker = eng.reranker
    reranked = await reranker.rerank(question, ranking.hits)
    firsts = list(dict.fromkeys(h.article_id for h in reranked))
    best = {a: next(h for h in ranking.hits if h.article_id == a).passage.text for a in firsts}
    scores = reranker.scores(question, [best[a] for a in firsts])
    assert scores == sorted(scores, reverse=True)  # articles now in the cross-encoder's order
    assert sorted(h.passage.chunk_id for h in reranked) == sorted(h.passage.chunk_id for h in ranking.hits)
    answer = await eng.ask(question)
    assert answer.found and answer.hits[0].article_id == firsts[0]
    await eng.close()
