"""Measure retrieval: article-level recall and MRR, answer hits, found rate, latency;
and fit the not-found threshold to a corpus (`calibrate`).

`python main.py eval --corpus C.jsonl --queries Q.jsonl [--mode M] [--json]`.
The corpus is ingested once into its own folder under the data directory
(`eval/<name>-<fingerprint>-c<passage size>`), so a second run only asks the questions.
Queries are JSONL with `question`, and optionally `id`, `positive_ids` (corpus
ids of the articles that answer it; none for out-of-domain questions) and
`answers` (gold answer spans). `--subset LABELS LABEL` keeps the questions a
labels file marks with LABEL (e.g. the questions that name what they ask about).
"""

from __future__ import annotations

import hashlib
import json
import logging

import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from corpus.chunking import CHUNK_WORDS
from corpus.errors import ConfigError
from retrieval.calibrate import Calibration, Signal, fit, found_rates, holdout
from retrieval.confidence import threshold_for
from retrieval.engine import Engine, EngineConfig
from retrieval.normalize import fold, strip_accents

log = logging.getLogger(__name__)

KEYS = ("n", "recall@1", "recall@5", "recall@10", "mrr@10", "answer_hit", "found_rate", "p50_ms", "p95_ms")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())




def corpus_dir(data_dir: Path, corpus: Path, chunk_words: int = CHUNK_WORDS) -> Path:
    """The corpus's own folder, named by a fingerprint of its content (not its mtime:
    a copied or re-synced file with the same bytes reuses the ingested index) and
    by the passage size it is cut at."""
    digest = hashlib.sha1()
    root = corpus if corpus.is_dir() else corpus.parent
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()) if corpus.is_dir() else [corpus]:
        digest.update(f"{path.relative_to(root)}\0".encode())
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return data_dir / "eval" / f"{corpus.stem}-{digest.hexdigest()[:10]}-c{chunk_words}"


def corpus_id(origin: str) -> str:
    """The id a query file uses for an article: a JSONL record's `id`, else the file stem."""
    if "#" in origin:
        return origin.rsplit("#", 1)[1]
    return Path(origin.split("://", 1)[-1]).stem


def metrics(ranked: list[list[str]], positives: list[set[str]]) -> dict[str, float]:
    """Article-level recall@k and MRR@10 over queries that have positives (pure)."""
    r1 = r5 = r10 = mrr = 0.0
    n = 0
    for ranks, pos in zip(ranked, positives):
        if not pos:
            continue
        n += 1
        first = next((i for i, a in enumerate(ranks[:10]) if a in pos), None)
        if first is not None:
            mrr += 1.0 / (first + 1)
            r10 += 1
            r5 += first < 5
            r1 += first < 1
    if n == 0:
        return {"recall@1": None, "recall@5": None, "recall@10": None, "mrr@10": None}
    return {"recall@1": r1 / n, "recall@5": r5 / n, "recall@10": r10 / n, "mrr@10": mrr / n}


def select(rows: list[dict], labels: Path, label: str) -> list[dict]:
    """The query rows whose `id` the labels file (JSONL of `id`, `label`) marks with `label`."""
    try:
        marks = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
        keep = {m["id"] for m in marks if m.get("label") == label}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"cannot read the labels in {labels} (JSONL of id, label): {exc}") from exc
    if not keep:
        raise ConfigError(f"no question is labelled {label!r} in {labels}")
    chosen = [r for r in rows if r.get("id") in keep]
    if not chosen:
        raise ConfigError(f"none of the questions has an id labelled {label!r} in {labels}")
    return chosen


def read_queries(path: Path) -> list[dict]:
    """The rows of a JSONL question file (each with at least `question`); a bad line
    is named by its line number in the file."""
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")  # not splitlines: a raw U+2028 is inside a string
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the questions in {path}: {exc}") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:  # its own "line 1": the line alone was parsed
            raise ConfigError(f"{path}, line {n}: not JSON ({exc.msg}, column {exc.colno})") from exc
        except (ValueError, RecursionError) as exc:
            raise ConfigError(f"{path}, line {n}: not JSON ({exc})") from exc
        if not isinstance(row, dict) or not isinstance(row.get("question"), str):
            raise ConfigError(f"{path}, line {n}: every line must be a JSON object with a \"question\" (text)")
        rows.append(row)
    return rows


async def open_corpus_engine(settings, corpus: Path, encoder_factory,
                             engine_config: EngineConfig | None = None) -> Engine:
    """An engine on the corpus's own evaluation folder, ingested on first use."""
    if not corpus.exists():
        raise ConfigError(f"{corpus}: no such corpus file or folder")
    config = engine_config or settings.engine_config(corpus_dir(settings.data_dir, corpus))
    data = config.data_dir
    engine = await Engine.open(config, encoder_factory(settings))
    try:
        if await engine.store.get_meta("eval_ingested") != data.name:
            log.info("ingesting evaluation corpus %s into %s", corpus, data)
            report = await engine.ingest([str(corpus)])
            log.info("eval corpus: %d added, %d duplicates, %d failed",
                     len(report.added), len(report.duplicates), len(report.failed))
            await engine.store.set_meta("eval_ingested", data.name)
    except BaseException:
        await engine.close()
        raise
    return engine


@dataclass(frozen=True)
class CalibrationReport:
    calibration: Calibration
    current: dict[str, dict[str, float]]  # found rates of the threshold in use before: in_domain / off_topic
    holdout: dict[str, dict[str, float]]  # `calibrate.holdout`, when asked for

    def to_json(self) -> str:
        return json.dumps({**asdict(self.calibration), "current": self.current, "holdout": self.holdout},
                          ensure_ascii=False, sort_keys=True)


async def run_calibration(settings, queries: Path, off_topic: Path, corpus: Path | None = None,
                          target: float = 0.95, save: bool = False, encoder_factory=None,
                          splits: int = 0) -> CalibrationReport:
    """Fit the not-found threshold on questions the corpus answers (`queries`) and
    questions it does not (`off_topic`), each asked as typed and without
    diacritics; with `save`, store it with the corpus for the engine to use.
    Without `corpus`, the live data directory is calibrated; `splits` adds the
    held-out estimate of `calibrate.holdout`."""
    if not 0 < target <= 1:
        raise ConfigError(f"--target must be a share between 0 and 1, not {target}")
    inside, outside = read_queries(queries), read_queries(off_topic)
    for rows, path in ((inside, queries), (outside, off_topic)):
        if not rows:
            raise ConfigError(f"{path} holds no questions")
    if corpus is not None:
        engine = await open_corpus_engine(settings, corpus, encoder_factory)
    else:
        engine = await Engine.open(settings.engine_config(), encoder_factory(settings))
    try:
        if not engine.index.size:
            raise ConfigError("the store has no passages with vectors to calibrate on: ingest articles first")
        if not engine.passages_current:
            raise ConfigError(f"the stored passages were cut at {engine.stored_chunk_words or 'an older size'} "
                              f"syllables, not {engine.config.chunk_words}: run `python main.py reindex` "
                              "before calibrating")

        async def signals(rows: list[dict]) -> list[list[Signal]]:  # per question: as typed, without accents
            return [[await engine.signal(q) for q in dict.fromkeys((row["question"], fold(row["question"])))]
                    for row in rows]

        in_groups, out_groups = await signals(inside), await signals(outside)
        ins, outs = [s for g in in_groups for s in g], [s for g in out_groups for s in g]
        base = threshold_for(engine.encoder.model_id)
        cal = fit(ins, outs, engine.encoder.model_id, engine.config.chunk_words, target=target, base=base)
        report = CalibrationReport(
            calibration=cal,
            current={"in_domain": found_rates(ins, engine.threshold), "off_topic": found_rates(outs, engine.threshold)},
            holdout=holdout(in_groups, out_groups, target=target, base=base, splits=splits) if splits else {},
        )
        if save:
            await engine.save_calibration(cal)
        return report
    finally:
        await engine.close()


async def run_eval(settings, corpus: Path, queries: Path, mode: str = "hybrid", strip: str = "",
                   limit: int = 0, encoder_factory=None, engine_config: EngineConfig | None = None,
                   subset: tuple[Path, str] | None = None) -> dict:
    rows = read_queries(queries)  # a bad line is said before a corpus is ingested
    if subset:
        rows = select(rows, *subset)
    if limit:
        rows = rows[:limit]
    engine = await open_corpus_engine(settings, corpus, encoder_factory, engine_config)
    try:
        origin_to_article = await engine.store.origin_map()
        article_to_ids: dict[int, set[str]] = {}
        for origin, aid in origin_to_article.items():
            article_to_ids.setdefault(aid, set()).add(corpus_id(origin))
        await engine.ask("khởi động", mode=mode)  # warm-up: first-call costs are not latency
        ranked, positives, latencies = [], [], []
        hits_answer = n_answer = found = 0
        for row in rows:
            q = row["question"]
            if strip:
                q = strip_accents(q, strip)
            t0 = time.perf_counter()
            answer = await engine.ask(q, mode=mode)
            latencies.append((time.perf_counter() - t0) * 1000)
            order: list[str] = []
            for h in answer.hits:
                for cid in sorted(article_to_ids.get(h.article_id, {str(h.article_id)})):
                    if cid not in order:
                        order.append(cid)
            ranked.append(order)
            positives.append(set(row.get("positive_ids") or []))
            found += answer.found
            golds = [_norm(a) for a in row.get("answers") or [] if a.strip()]
            if golds:
                n_answer += 1
                text = _norm(answer.text) if answer.found else ""
                hits_answer += any(g in text for g in golds)
        result = {"n": len(rows), **metrics(ranked, positives)}
        result["answer_hit"] = hits_answer / n_answer if n_answer else None
        result["found_rate"] = found / len(rows) if rows else None
        result["p50_ms"] = float(np.percentile(latencies, 50)) if latencies else None
        result["p95_ms"] = float(np.percentile(latencies, 95)) if latencies else None
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in ((k, result[k]) for k in KEYS)}
    finally:
        await engine.close()


