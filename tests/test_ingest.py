"""Store, indexes and dedup through the real SQLite file and FAISS files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SAMPLES
from corpus.errors import EncoderMismatch
from corpus.types import RawDocument
from embeddings.fake import HashingEncoder
from retrieval.engine import DB_FILE, Engine, EngineConfig
from retrieval.vector_index import INDEX_FILE, META_FILE


async def open_engine(data_dir, encoder=None):
    return await Engine.open(EngineConfig(data_dir=data_dir), encoder or HashingEncoder())


def db_counts(data_dir):
    con = sqlite3.connect(data_dir / DB_FILE)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "chunks", "embeddings", "chunk_fts", "doc_refs")}
    finally:
        con.close()


async def test_ingest_twice_adds_nothing(engine, data_dir):
    before = db_counts(data_dir)
    assert before["articles"] == 5 and before["chunks"] == before["embeddings"] == before["chunk_fts"] > 5
    report = await engine.ingest([str(SAMPLES)])
    assert report.added == [] and report.updated == [] and len(report.duplicates) == 5
    assert db_counts(data_dir) == before
    assert engine.index.size == before["chunks"]


async def test_wal_mode_and_migrations(engine, data_dir):
    con = sqlite3.connect(data_dir / DB_FILE)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    from corpus.migrations import MIGRATIONS

    assert con.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1][0] == 11
    assert [n for n, _ in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))  # numbered, none skipped
    con.close()


async def test_a_new_store_opened_by_several_at_once_is_migrated_once(tmp_path):
    import asyncio

    from corpus.migrations import MIGRATIONS
    from corpus.store import Store, sql_statements

    stores = await asyncio.gather(*(Store.open(tmp_path / "s.sqlite3") for _ in range(4)))
    for s in stores:
        await s.close()
    con = sqlite3.connect(tmp_path / "s.sqlite3")
    assert con.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1][0]
    con.close()
    trigger = "CREATE TABLE t(a);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM t; END;\n"
    assert sql_statements(trigger + "INSERT INTO t VALUES (';');") == [
        "CREATE TABLE t(a);", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM t; END;",
        "INSERT INTO t VALUES (';');"]


def test_a_broken_store_file_is_named_and_the_command_ends(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILE).write_bytes(os.urandom(8192))
    env = {**os.environ, "DANVAN_DATA_DIR": str(data), "DANVAN_ENCODER": "hashing"}
    done = subprocess.run([sys.executable, "main.py", "ask", "dân vận"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)  # it used to hang here
    assert done.returncode == 2
    assert f"Tệp kho dữ liệu {DB_FILE} bị hỏng hoặc không phải tệp SQLite" in done.stderr


def _doc(text, url=None, title="Tiêu đề bài viết về dân vận", origin="x"):
    return RawDocument(origin=origin, text=text, kind="record", url=url, title=title)


BODY = " ".join(f"Câu thứ {i} kể về phong trào thi đua Dân vận khéo ở xã Đăk Pne năm 2023." for i in range(40))


async def test_same_url_updates_near_duplicate_is_recorded(engine, data_dir):
    r1 = await engine.ingest_documents([_doc(BODY, url="https://example.vn/a")])
    assert len(r1.added) == 1
    n_chunks = db_counts(data_dir)["chunks"]
    r2 = await engine.ingest_documents([_doc(BODY + " Câu bổ sung mới.", url="https://example.vn/a")])
    assert len(r2.updated) == 1
    assert db_counts(data_dir)["articles"] == 6
    assert engine.index.size == db_counts(data_dir)["chunks"] >= n_chunks
    syndicated = "Theo báo Kon Tum. " + BODY + " Câu bổ sung mới. Bản quyền thuộc về báo."
    r3 = await engine.ingest_documents([_doc(syndicated, url="https://other.vn/copy", title="Bản đăng lại")])
    assert r3.added == [] and "gần trùng với bài" in r3.duplicates[0]
    r4 = await engine.ingest_documents([_doc(syndicated, url="https://other.vn/copy", title="Bản đăng lại")])
    assert r4.added == [] and len(r4.duplicates) == 1  # ingested again: still one duplicate noted
    con = sqlite3.connect(data_dir / DB_FILE)
    assert con.execute("SELECT count(*) FROM duplicates").fetchone()[0] == 1
    con.close()
    assert db_counts(data_dir)["articles"] == 6


async def test_delete_removes_vectors(engine, data_dir):
    aid = (await engine.store.latest(1))[0].id
    chunk_ids = await engine.store.chunk_ids_of(aid)
    await engine.indexer.delete(aid)
    assert not set(chunk_ids) & set(engine.index.ids().tolist())
    assert engine.index.size == db_counts(data_dir)["embeddings"]


async def test_stale_or_missing_index_is_rebuilt(engine, data_dir, caplog):
    size = engine.index.size
    await engine.close()
    (data_dir / INDEX_FILE).unlink()
    eng = await open_engine(data_dir)
    assert eng.index.size == size
    assert (data_dir / INDEX_FILE).exists()
    # a stale file (fewer vectors than the store) is rebuilt too
    eng.index.remove(eng.index.ids()[:3].tolist())
    eng.index.save(await eng.store.generation())
    eng.index.dirty = False  # as if the process died with this file on disk
    await eng.close()
    caplog.set_level("WARNING")
    eng2 = await open_engine(data_dir)
    assert eng2.index.size == size
    assert "stale" in caplog.text
    answer = await eng2.ask("thu nhập bình quân đầu người Kon Tum 2019")
    assert answer.found
    await eng2.close()


async def test_a_word_index_cache_missing_an_article_is_rebuilt(engine, data_dir, caplog):
    """A word-index cache saved at the store's generation but without an article (a
    process killed between the two) is rebuilt, as the vector index is: the article's
    words are found again."""
    import pickle

    from retrieval.lexical_index import CACHE_FILE

    await engine.close()
    data = pickle.loads((data_dir / CACHE_FILE).read_bytes())
    gone = max(data["articles"])  # the Kon Rẫy sample
    data["articles"].pop(gone)
    (data_dir / CACHE_FILE).write_bytes(pickle.dumps(data))
    caplog.set_level("WARNING")
    eng = await open_engine(data_dir)
    try:
        assert "lexical index cache holds 4 articles" in caplog.text and gone in eng.lexical.article_terms
        answer = await eng.ask("Huyện Kon Rẫy có bao nhiêu mô hình dân vận khéo về kinh tế?")
        assert answer.found and "25 mô hình kinh tế" in answer.text
    finally:
        await eng.close()


async def test_index_caches_that_cannot_be_written_leave_the_engine_answering(engine, data_dir, caplog):
    """A full disk or a folder in the way: the caches are not written, the engine
    opens, ingests and answers from memory, the log says why, and once the way is
    clear the next save writes them."""
    from retrieval.lexical_index import CACHE_FILE

    size = engine.index.size
    await engine.close()
    for name in (INDEX_FILE, CACHE_FILE):
        (data_dir / name).unlink()
        (data_dir / name).mkdir()  # os.replace onto it fails, as a write on a full disk does
    caplog.set_level("WARNING")
    eng = await open_engine(data_dir)
    try:
        assert eng.index.size == size and eng.index.dirty
        assert f"could not write the index cache {data_dir / INDEX_FILE}" in caplog.text
        assert f"could not write the index cache {data_dir / CACHE_FILE}" in caplog.text
        answer = await eng.ask("thu nhập bình quân đầu người Kon Tum 2019")
        assert answer.found and "40,7" in answer.text
        report = await eng.ingest_documents([RawDocument(origin="n", kind="record", title="Bài mới về dân vận",
                                                         text="Xã Đăk Ruồng ra quân làm đường giao thông. " * 3)])
        assert len(report.added) == 1
        for name in (INDEX_FILE, CACHE_FILE):
            (data_dir / name).rmdir()
        await eng.save()
        assert (data_dir / INDEX_FILE).is_file() and not eng.index.dirty
    finally:
        await eng.close()


async def test_other_encoder_is_refused(engine, data_dir):
    await engine.close()
    with pytest.raises(EncoderMismatch) as exc:
        await open_engine(data_dir, HashingEncoder(dim=128))
    assert "python main.py reindex" in str(exc.value)
    meta = json.loads((data_dir / META_FILE).read_text())
    assert meta["model_id"] == "hashing:256"
    # re-indexing with the new encoder makes it usable
    n = await Engine.reindex(EngineConfig(data_dir=data_dir), HashingEncoder(dim=128))
    assert n == db_counts(data_dir)["chunks"]
    eng = await open_engine(data_dir, HashingEncoder(dim=128))
    assert eng.index.size == n and eng.index.dim == 128
    await eng.close()


async def test_reindex_rechunks_stored_articles(engine, data_dir, caplog):
    """Data ingested with another chunk size is re-chunked from the stored article texts."""
    await engine.close()
    before = db_counts(data_dir)["chunks"]
    caplog.set_level("WARNING")
    other = await Engine.open(EngineConfig(data_dir=data_dir, chunk_words=150), HashingEncoder())
    await other.close()
    assert "cut at 60 syllables, the configuration says 150" in caplog.text and "reindex" in caplog.text
    caplog.clear()
    caplog.set_level("INFO")
    con = sqlite3.connect(data_dir / DB_FILE)  # as if split by an older tokeniser too
    con.execute("UPDATE meta SET value='1' WHERE key='tokens_version'")
    con.commit()
    con.close()
    steps: list[tuple[int, int]] = []
    n = await Engine.reindex(EngineConfig(data_dir=data_dir, chunk_words=150), HashingEncoder(),
                             progress=lambda done, total: steps.append((done, total)))
    assert steps == [(i, 5) for i in range(1, 6)]  # the command logs these every 10 s
    counts = db_counts(data_dir)
    assert n == counts["chunks"] == counts["embeddings"] == counts["chunk_fts"] < before  # fewer, longer chunks
    eng = await Engine.open(EngineConfig(data_dir=data_dir, chunk_words=150), HashingEncoder())
    try:  # closed even when an assertion fails (an open store keeps the process alive)
        assert "cut at" not in caplog.text  # the store now says 150
        assert "re-splitting" not in caplog.text  # reindex split every word again and recorded it
        assert eng.index.size == n and eng.lexical.snapshot().chunks.ids.size == n
        answer = await eng.ask("thu nhập bình quân đầu người Kon Tum 2019")
        assert answer.found and "40,7 triệu đồng/năm" in answer.text
    finally:
        await eng.close()
    # back to the default size; nothing is lost on the way
    assert await Engine.reindex(EngineConfig(data_dir=data_dir), HashingEncoder()) == before


def test_sigkill_mid_ingest_then_next_run_completes(tmp_path):
    """Kill an ingest half way; the next run opens cleanly and finishes the rest."""
    data = tmp_path / "data"
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(300):
            text = " ".join(f"Bài {i} câu {j}: hoạt động dân vận số {i * 1000 + j} tại xã thứ {i}." for j in range(60))
            fh.write(json.dumps({"title": f"Bài số {i}", "url": f"https://ex.vn/{i}", "text": text},
                                ensure_ascii=False) + "\n")
    env = {**os.environ, "DANVAN_DATA_DIR": str(data), "DANVAN_ENCODER": "hashing"}
    proc = subprocess.Popen([sys.executable, "main.py", "ingest", str(corpus)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = data / DB_FILE
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.05)
        try:
            con = sqlite3.connect(db, timeout=1)
            n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
        if n >= 20:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = db_counts(data)
    assert 0 < partial["articles"] < 300
    # every stored article is whole: its chunks, vectors and lexical rows are all there
    assert partial["chunks"] == partial["embeddings"] == partial["chunk_fts"]
    done = subprocess.run([sys.executable, "main.py", "ingest", str(corpus)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    final = db_counts(data)
    assert final["articles"] == 300
    assert final["chunks"] == final["embeddings"] == final["chunk_fts"]
    meta = json.loads((data / META_FILE).read_text())
    assert meta["count"] == final["embeddings"]
    assert f"{300 - partial['articles']} thêm" in done.stdout
    # and the indexes serve articles from both runs
    for i in (0, 299):
        asked = subprocess.run([sys.executable, "main.py", "ask", "--json", f"hoạt động dân vận số {i * 1000 + 7} tại xã thứ {i}"],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        answer = json.loads(asked.stdout)
        assert answer["found"] and answer["citations"][0]["url"] == f"https://ex.vn/{i}", answer


def test_two_ingests_at_once_both_finish(tmp_path):
    """Two processes ingesting into one store at the same time: both finish and
    report, and every article of both is stored once (each writes the index
    caches through its own temporary files)."""
    data = tmp_path / "data"
    env = {**os.environ, "DANVAN_DATA_DIR": str(data), "DANVAN_ENCODER": "hashing"}
    first = subprocess.run([sys.executable, "main.py", "ingest", str(SAMPLES)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    for trial in range(3):
        files = []
        for side in "ab":
            path = tmp_path / f"{side}{trial}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for i in range(4):
                    text = " ".join(f"Tổ {side}{trial}-{i} câu {j}: dân vận khéo ở thôn số {trial * 100 + i}." for j in range(30))
                    fh.write(json.dumps({"title": f"Bài {side}{trial}-{i}", "text": text}, ensure_ascii=False) + "\n")
            files.append(path)
        procs = [subprocess.Popen([sys.executable, "main.py", "ingest", str(f)], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
        outs = [p.communicate(timeout=180) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == 0 and "Tổng" in out and "Traceback" not in err, err[-2000:]
    counts = db_counts(data)
    assert counts["articles"] == 5 + 3 * 2 * 4 and counts["chunks"] == counts["embeddings"] == counts["chunk_fts"]
    assert not list(data.glob("*.tmp"))  # no temporary file left behind
    mode = (data / DB_FILE).stat().st_mode & 0o777  # the caches get what any new file gets, as the store does
    from retrieval.lexical_index import CACHE_FILE
    assert {(data / f).stat().st_mode & 0o777 for f in (INDEX_FILE, META_FILE, CACHE_FILE)} == {mode}


async def test_search_during_ingest_stays_consistent(engine):
    """Questions asked while articles are being added never mix two index states."""
    import asyncio

    docs = [_doc(f"Bài {i}: " + BODY.replace("Đăk Pne", f"xã số {i}") + f" Mã số riêng {i * 7919}.",
                 url=f"https://example.vn/{i}", title=f"Bài mới số {i} về dân vận khéo") for i in range(12)]

    async def ask_many():
        for _ in range(30):
            a = await engine.ask("thu nhập bình quân đầu người Kon Tum 2019")
            assert a.found and "40,7" in a.text
            await asyncio.sleep(0)

    report, _ = await asyncio.gather(engine.ingest_documents(docs), ask_many())
    assert len(report.added) + len(report.duplicates) == 12


async def test_replaced_article_with_reused_ids_after_a_crash(engine, data_dir):
    """Same URL, new text, process killed before the caches were saved: SQLite may
    reuse the article's ids, and the next run must still serve the new text."""
    url = "https://example.vn/thay-the"
    await engine.ingest_documents([_doc(BODY, url=url)])
    await engine.close()
    old_caches = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.suffix in (".faiss", ".json", ".pkl")}
    eng = await open_engine(data_dir)
    new_body = " ".join(f"Câu {i}: hội nông dân xã Ngọc Tụ hướng dẫn trồng sâm Ngọc Linh dưới tán rừng." for i in range(40))
    r = await eng.ingest_documents([_doc(new_body, url=url, title="Trồng sâm Ngọc Linh")])
    assert len(r.updated) == 1
    await eng.store.close()  # "killed": the caches on disk are the ones from before the update
    for name, data in old_caches.items():
        (data_dir / name).write_bytes(data)
    eng2 = await open_engine(data_dir)
    a = await eng2.ask("trồng sâm Ngọc Linh dưới tán rừng")
    assert a.found and "sâm Ngọc Linh" in a.text and a.citations[0].url == url
    old = await eng2.ask("phong trào thi đua Dân vận khéo ở xã Đăk Pne năm 2023")
    assert all("sâm" not in c.quote for c in old.citations if c.url == url)
    await eng2.close()


async def test_source_text_adds_the_neighbouring_passages(engine):
    answer = await engine.ask("thu nhập bình quân đầu người Kon Tum 2019")
    cite = answer.citations[0]
    source = await engine.source_text(cite)
    chunks = dict(await engine.store.article_chunks(cite.article_id))
    around = [chunks[o + d] for o in cite.ords for d in (-1, 1) if o + d in chunks]
    assert around and len(source) > len(cite.passage)
    for text in [*(chunks[o] for o in cite.ords), *around]:  # every sentence of them is shown
        assert all(s in source for s in text.split(". ")[1:-1])


async def test_an_engine_closed_while_cancelled_still_closes_its_store(template, data_dir, monkeypatch):
    """Ctrl-C while closing: the store's connection (and its thread, which would keep
    the process alive) is closed all the same."""
    import asyncio
    import shutil

    from embeddings.fake import HashingEncoder
    from retrieval.engine import Engine, EngineConfig

    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    eng = await Engine.open(EngineConfig(data_dir=data_dir), HashingEncoder())

    async def cancelled():
        raise asyncio.CancelledError

    monkeypatch.setattr(eng, "settled", cancelled)
    with pytest.raises(asyncio.CancelledError):
        await eng.close()
    with pytest.raises(Exception):
        await eng.store.counts()  # closed


def test_too_many_open_files_is_not_called_a_permissions_problem(tmp_path):
    import sqlite3

    from corpus.store import _sql_error

    path = tmp_path / "danvan.sqlite3"
    err = _sql_error("cannot open", path, sqlite3.OperationalError("unable to open database file"))
    assert err.user_message == "Lỗi kho dữ liệu, xin thử lại sau hoặc báo người quản trị."  # the folder is writable
    path.mkdir()
    assert "là một thư mục" in _sql_error("cannot open", path, sqlite3.OperationalError("unable to open")).user_message


async def test_a_backup_taken_while_the_bot_runs_restores_everything(engine, data_dir, tmp_path):
    """`main.py backup` copies the store while the engine has it open; a data folder
    holding only that copy answers as before (the index files rebuilt from the stored
    vectors, nothing encoded again) and keeps the subscriptions."""
    from bot_harness import KONTUM_Q

    await engine.store.subscribe("telegram", "42", "7", "daily", "dân vận khéo", "dan van kheo")
    env = {**os.environ, "DANVAN_DATA_DIR": str(data_dir), "DANVAN_ENCODER": "hashing"}
    folder = tmp_path / "backups"
    folder.mkdir()
    done = subprocess.run([sys.executable, "main.py", "backup", str(folder)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    [copy] = list(folder.iterdir())
    assert copy.name.startswith("danvan-") and copy.suffix == ".sqlite3"
    assert f"Đã sao lưu kho dữ liệu (5 bài, 1 đăng ký bản tin) vào {copy}" in done.stdout
    restored = tmp_path / "restored"
    restored.mkdir()
    copy.rename(restored / DB_FILE)
    encoder = HashingEncoder()
    calls = []
    real = encoder.encode_passages
    encoder.encode_passages = lambda texts: calls.append(len(texts)) or real(texts)
    eng = await open_engine(restored, encoder)
    try:
        assert eng.index.size == engine.index.size and not calls  # rebuilt from the stored vectors
        answer = await eng.ask(KONTUM_Q)
        assert answer.found and "40,7" in answer.text
        [sub] = await eng.store.subscriptions("telegram", "42")
        assert sub.topic == "dân vận khéo"
    finally:
        await eng.close()
    # where it cannot be written: said, and nothing left half written
    bad = subprocess.run([sys.executable, "main.py", "backup", str(tmp_path / "missing" / "x.sqlite3")], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Không sao lưu được kho dữ liệu" in bad.stderr
    assert "chưa có thư mục" in bad.stderr and not (tmp_path / "missing").exists()
    same = subprocess.run([sys.executable, "main.py", "backup", str(data_dir / DB_FILE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert same.returncode == 2 and "không ghi đè" in same.stderr


async def test_restore_after_a_crash_puts_the_backup_in_place_and_keeps_the_old_store(engine, data_dir, tmp_path):
    """`main.py restore`: refused while a process has the store open; after a crash
    that left a write-ahead log, the copied backup is not overwritten by that log
    (SQLite would replay it: "database disk image is malformed"); the old store and
    its log are kept aside; the index files are rebuilt from the stored vectors."""
    from bot_harness import KONTUM_Q

    await engine.store.subscribe("telegram", "42", "7", "daily", "dân vận khéo", "dan van kheo")
    env = {**os.environ, "DANVAN_DATA_DIR": str(data_dir), "DANVAN_ENCODER": "hashing"}

    def run(*args):
        return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=60)

    done = run("backup", f"{tmp_path / 'nightly'}/")  # a folder named with its "/" is made, not a file
    assert done.returncode == 0, done.stderr
    [copy] = list((tmp_path / "nightly").iterdir())
    assert copy.name.startswith("danvan-") and f"main.py restore {copy}" in done.stdout
    busy = run("restore", str(copy))  # the engine has the store open
    assert busy.returncode == 2 and "Kho dữ liệu đang được dùng" in busy.stderr
    await engine.ingest_documents([RawDocument(origin="after", kind="record", title="Bài nạp sau bản sao lưu",
                                               text="Xã Đăk Ruồng ra quân làm đường giao thông nông thôn. " * 3)])
    await engine.close()
    # a crash: writes left in the write-ahead log, never checkpointed
    con = sqlite3.connect(data_dir / DB_FILE)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("DELETE FROM subscriptions")
    for n in range(200):
        con.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (f"junk{n}", "x" * 2000))
    con.commit()
    wal = (data_dir / f"{DB_FILE}-wal").read_bytes()
    con.close()
    (data_dir / f"{DB_FILE}-wal").write_bytes(wal)
    os.chmod(data_dir / DB_FILE, 0o640)  # the service user's own permissions: the restored store keeps them
    bad = run("restore", str(tmp_path / "nope.sqlite3"))
    assert bad.returncode == 2 and "Không có tệp sao lưu" in bad.stderr
    (tmp_path / "junk.sqlite3").write_text("not a store")
    bad = run("restore", str(tmp_path / "junk.sqlite3"))
    assert bad.returncode == 2 and "không phải bản sao lưu kho dữ liệu đọc được" in bad.stderr
    done = run("restore", str(copy))
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục kho dữ liệu" in done.stdout and "(5 bài, 1 đăng ký bản tin)" in done.stdout
    [kept] = [p for p in data_dir.iterdir() if p.name.startswith("danvan-before-restore-") and p.suffix == ".sqlite3"]
    assert not (data_dir / INDEX_FILE).exists() and not (data_dir / META_FILE).exists()
    assert (data_dir / DB_FILE).stat().st_mode & 0o777 == 0o640
    con = sqlite3.connect(data_dir / DB_FILE)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'junk%'").fetchone() == (0,)
    finally:
        con.close()
    old = sqlite3.connect(kept)  # the old store, its log checkpointed into it: nothing lost
    try:
        assert old.execute("SELECT COUNT(*) FROM articles").fetchone() == (6,)
        assert old.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'junk%'").fetchone() == (200,)
    finally:
        old.close()
    eng = await open_engine(data_dir)
    try:
        assert (await eng.store.counts())["articles"] == 5
        assert (await eng.ask(KONTUM_Q)).found
        assert [s.topic for s in await eng.store.subscriptions("telegram", "42")] == ["dân vận khéo"]
    finally:
        await eng.close()
    # restored again at once (the same second): the store it replaces gets a name of its own
    assert run("restore", str(copy)).returncode == 0
    assert len([p for p in data_dir.iterdir() if p.name.startswith("danvan-before-restore-")
                and p.suffix == ".sqlite3"]) == 2
    # a store copied with its write-ahead log beside it is no backup: refused, nothing touched
    live = tmp_path / "live.sqlite3"
    live.write_bytes(copy.read_bytes())
    (tmp_path / "live.sqlite3-wal").write_bytes(b"")
    refused = run("restore", str(live))
    assert refused.returncode == 2 and "có tệp nhật ký ghi (-wal) đi kèm" in refused.stderr
    assert not list(data_dir.glob("*.restoring"))


async def test_a_new_snapshot_comes_with_its_accent_spellings_ready(engine):
    """An ingest builds the next word-index snapshot off the event loop, with the accented
    spellings a partly accented question is read by: no question builds them."""
    await engine.ingest_documents([RawDocument(origin="acc", kind="record", title="Dân vận khéo ở xã Đăk Ruồng",
                                               text="Xã Đăk Ruồng nhân rộng mô hình dân vận khéo. " * 3)])
    snap = engine.lexical.latest()
    assert snap._accents and ("ruồng", 1) in snap._accents["ruong"]
