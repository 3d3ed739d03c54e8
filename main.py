"""Trợ lý Dân vận — command line.

    python main.py ingest PATH_OR_URL...      add articles (files, folders, URLs, feeds, JSONL)
    python main.py ask [--json] "câu hỏi"     answer one question
    python main.py chat                       console chat: one question a line on stdin
    python main.py eval --corpus C --queries Q [--mode hybrid] [--json] [--subset LABELS LABEL]
    python main.py calibrate --queries IN --off-topic OUT [--corpus C] [--save]
                                              fit the "not found" threshold to a corpus
    python main.py reindex                    re-chunk and re-encode everything (new encoder or chunk size)
    python main.py feeds [add URL...|remove URL|NUMBER...|check [--all]]
                                              the feeds the bots check on their own for new articles
    python main.py telegram [--webhook]       run the Telegram bot
    python main.py zalo [--webhook]           run the Zalo bot
    python main.py run                        what `make run` does: samples if empty, then bots or chat
    python main.py health                     exit 0 while the bots run (the Docker health check)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path

from bot import heartbeat
from bot.settings import Settings
from corpus.errors import DanvanError

SAMPLES = Path(__file__).resolve().parent / "corpus" / "samples"
log = logging.getLogger("danvan")


def apply_threads(settings: Settings, environ=os.environ) -> None:
    """Size the thread pools of the encoder (OpenMP), FAISS and BLAS, which compete on
    a 2-core machine. Measured (tests/bench.py, query embedding p50/p95 ms): idle, 1
    thread 48/76, 2 spinning threads 28/43, 2 passive threads 36/52; with the other
    core busy, 2 spinning threads collapse to a p95 of 225 while 2 passive threads keep
    50/74. So: all cores (DANVAN_THREADS, from the environment or .env), passive
    waiting. The pools read these when they load: this runs before numpy, FAISS or the
    encoder is imported (main.py imports none of them at its top). A variable set
    explicitly (OMP_NUM_THREADS…) wins."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        environ.setdefault(var, str(settings.threads))
    environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def _encoder(settings: Settings):
    from embeddings.factory import make_encoder

    return make_encoder(settings.encoder, settings.model, settings.query_prompt, settings.passage_prompt)


async def open_engine(settings: Settings):
    from retrieval.engine import Engine

    return await Engine.open(settings.engine_config(), _encoder(settings))


def print_report(report, out=sys.stdout) -> None:
    for label in report.added:
        print(f"+ đã thêm: {label}", file=out)
    for label in report.updated:
        print(f"~ đã cập nhật: {label}", file=out)
    for label in report.duplicates:
        print(f"= trùng, bỏ qua: {label}", file=out)
    for failure in report.failed:
        print(f"! lỗi: {failure.origin}: {failure.reason}", file=out)
    print(
        f"Tổng: {len(report.added)} thêm, {len(report.updated)} cập nhật, "
        f"{len(report.duplicates)} trùng, {len(report.failed)} lỗi.",
        file=out,
    )


class IngestProgress:
    """Logs how an ingest goes, every `every` seconds: a long one is not silent."""

    def __init__(self, every: float = 10.0, clock=None) -> None:
        self.clock = clock or time.monotonic
        self.every = max(every, 0.001)
        self.start = self.last = self.clock()
        self.counts: dict[str, int] = {}

    def __call__(self, done: int, status: str, label: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        now = self.clock()
        if now - self.last >= self.every:
            self.last = now
            detail = ", ".join(f"{n} {s}" for s, n in sorted(self.counts.items()))
            log.info("ingest: %d documents so far (%s), %.1f a second", done, detail, done / max(now - self.start, 1e-9))


async def cmd_ingest(settings: Settings, args) -> int:
    engine = await open_engine(settings)
    try:
        report = await engine.ingest(args.inputs, progress=IngestProgress())
    finally:
        await engine.close()
    print_report(report)
    return 1 if report.failed else 0  # the inputs that could be read are stored either way


async def cmd_ask(settings: Settings, args) -> int:
    from bot.clock import vn_today
    from bot.render import answer_plain, long_question_note
    from retrieval.answer import dated
    from retrieval.types import SEARCH_HINT

    if (note := long_question_note(args.question)) is not None:
        print(note, file=sys.stderr)
    engine = await open_engine(settings)
    try:
        answer = dated(await engine.ask(args.question, mode=args.mode), vn_today())
    finally:
        await engine.close()
    # the bots' /tim is a chat command: on the command line it is found in `chat`
    hint = "tìm bài theo từ khóa bằng lệnh /tim trong python main.py chat"
    if args.json:
        out = answer.to_json()
        out["answer"] = out["answer"].replace(SEARCH_HINT, hint)
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(answer_plain(answer).replace(SEARCH_HINT, hint))
    return 0


async def ensure_samples(engine) -> None:
    if (await engine.store.counts())["articles"] == 0:
        print("Kho dữ liệu trống: đang nạp các bài mẫu…", file=sys.stderr)
        report = await engine.ingest([str(SAMPLES)])
        print(f"Đã nạp {len(report.added)} bài mẫu.", file=sys.stderr)


async def cmd_chat(settings: Settings, args) -> int:
    from bot.console import run_console

    engine = await open_engine(settings)
    try:
        if getattr(args, "samples", False):
            await ensure_samples(engine)
        await run_console(engine, settings, sys.stdin, sys.stdout)
    finally:
        await engine.close()
    return 0


async def cmd_run(settings: Settings, args) -> int:
    engine = await open_engine(settings)
    try:
        await ensure_samples(engine)
    finally:
        await engine.close()
    if settings.telegram_token or settings.zalo_token:
        from bot.runner import run_bots

        # webhook mode when a public URL is configured (the Docker deployment), else long polling
        return await run_bots(settings, webhook=bool(settings.webhook_url))
    args.samples = False
    return await cmd_chat(settings, args)


async def cmd_eval(settings: Settings, args) -> int:
    from retrieval.evaluate import run_eval

    result = await run_eval(settings, Path(args.corpus), Path(args.queries), mode=args.mode,
                            strip=args.strip_accents or "", limit=args.limit, encoder_factory=_encoder,
                            subset=(Path(args.subset[0]), args.subset[1]) if args.subset else None)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key:>10}: {value}")
    return 0


async def cmd_calibrate(settings: Settings, args) -> int:
    from retrieval.calibrate import CONDITIONS
    from retrieval.evaluate import run_calibration

    report = await run_calibration(settings, Path(args.queries), Path(args.off_topic),
                                   corpus=Path(args.corpus) if args.corpus else None, target=args.target,
                                   save=args.save, encoder_factory=_encoder, splits=args.splits)
    if args.json:
        print(report.to_json())
        return 0
    cal, current = report.calibration, report.current

    def rate(rates: dict, cond: str, n: dict) -> str:
        return f"{rates[cond]:.1%} của {n[cond]}" if n.get(cond) else "— (không có câu)"

    t = cal.threshold
    print(f"Ngưỡng \"không tìm thấy\" cho {cal.model_id}, đoạn {cal.chunk_words} âm tiết "
          f"(điểm = cosine + {t.coverage_weight} × độ phủ cặp từ, độ phủ tối thiểu {t.coverage_floor}):")
    for cond, label, cut in zip(CONDITIONS, ("có dấu", "không dấu"), (t.min_score_accented, t.min_score_plain)):
        print(f"  {label:>9}: ngưỡng {cut}; câu trong phạm vi được trả lời "
              f"{rate(cal.found_in_domain, cond, cal.n_in_domain)} (ngưỡng đang dùng: "
              f"{rate(current['in_domain'], cond, cal.n_in_domain)}); câu ngoài phạm vi lọt qua "
              f"{rate(cal.found_off_topic, cond, cal.n_off_topic)} (ngưỡng đang dùng: "
              f"{rate(current['off_topic'], cond, cal.n_off_topic)})")
        if not cal.target_met.get(cond, True):
            print(f"  Cảnh báo: không ngưỡng nào trả lời được {cal.target:.0%} câu {label} trong phạm vi "
                  "(nhiều câu không có cặp từ nào trong bài đứng đầu); xem lại bộ câu hỏi hoặc kho bài.")
    for key, v in report.holdout.items():
        group, cond = key.split(".")
        print(f"  Kiểm tra chéo ({args.splits} lần chia đôi), {'trong' if group == 'in_domain' else 'ngoài'} phạm vi, "
              f"{'có dấu' if cond == 'accented' else 'không dấu'}: trả lời trung bình {v['mean']:.1%} "
              f"(phân vị 5–95: {v['p5']:.1%}–{v['p95']:.1%})")
    print("Đã lưu: bot dùng ngưỡng này từ lần khởi động sau." if args.save
          else "Chưa lưu (thêm --save để bot dùng ngưỡng này).")
    return 0


async def cmd_reindex(settings: Settings, args) -> int:
    from retrieval.engine import Engine

    every, last = 10.0, [time.monotonic()]

    def progress(done: int, total: int) -> None:  # a long reindex is not silent
        if time.monotonic() - last[0] >= every:
            last[0] = time.monotonic()
            log.info("reindex: article %d of %d", done, total)

    n = await Engine.reindex(settings.engine_config(), _encoder(settings), progress)
    print(f"Đã chia đoạn và mã hóa lại: {n} đoạn, bộ mã hóa {settings.encoder}.")
    return 0


def print_check(check, out=sys.stdout) -> None:
    """One line for one check of a watched feed."""
    url = check.feed.url
    if check.error is not None:
        print(f"! lỗi: {url}: {check.error.reason}", file=out)
    elif check.unchanged:
        print(f"= không đổi: {url}", file=out)
    else:
        r = check.report
        print(f"+ {url}: {len(r.added)} bài mới, {len(r.updated)} cập nhật, "
              f"{len(r.duplicates) + check.known} trùng, {len(r.failed)} lỗi", file=out)
        for failure in r.failed:
            print(f"  ! lỗi: {failure.origin}: {failure.reason}", file=out)


async def cmd_feeds(settings: Settings, args) -> int:
    import datetime as dt

    from bot.render import feed_list
    from retrieval.feeds import CONFIG, FeedWatcher, configure, find_feed

    if (args.action in ("add", "remove")) != bool(args.urls):
        print("Cách dùng: main.py feeds [list | add URL... | remove URL|SỐ... | check [--all]]", file=sys.stderr)
        return 2
    now = dt.datetime.now(dt.timezone.utc)
    if args.action == "list":  # the store alone: no encoder, no index to load
        from corpus.store import Store
        from retrieval.engine import DB_FILE

        store = await Store.open(settings.data_dir / DB_FILE)
        try:
            await configure(store, settings.feeds, prune=False)
            print(feed_list(await store.feeds(), settings.feed_interval, now, settings.feed_minutes > 0))
        finally:
            await store.close()
        return 0
    engine = await open_engine(settings)
    failed = False
    try:
        watcher = FeedWatcher(engine, settings.feed_interval)
        await watcher.configure(settings.feeds, prune=False)  # only the bots' start forgets feeds left out
        if args.action == "add":
            for url in args.urls:
                added = await watcher.add(url, "cli", pages=False)
                if added.check is None:
                    failed = True
                    for failure in added.report.failed:
                        print(f"! lỗi: {failure.origin}: {failure.reason}")
                    continue
                print(("Đã theo dõi: " if added.new else "Đã theo dõi từ trước: ") + url)
                print_check(added.check)
                failed |= bool(added.report.failed)
        elif args.action == "remove":
            for url in args.urls:
                feed = find_feed(await engine.store.feeds(), url)
                if feed is None:
                    print(f"! không theo dõi nguồn này: {url}")
                    failed = True
                    continue
                await watcher.remove(feed.url)
                print(f"Đã ngừng theo dõi: {feed.url} (các bài đã nạp vẫn được giữ)")
                if feed.added_by == CONFIG:
                    print("  Nguồn này có trong DANVAN_FEEDS: bỏ nó khỏi cấu hình, nếu không nó sẽ được theo dõi lại.")
        elif args.action == "check":
            for check in await watcher.tick(every=args.all):
                print_check(check)
                failed |= check.error is not None or bool(check.report.failed)  # the feed, or pages of it
        print(feed_list(await engine.store.feeds(), settings.feed_interval, dt.datetime.now(dt.timezone.utc),
                        settings.feed_minutes > 0))
    finally:
        await engine.close()
    return 1 if failed else 0


async def cmd_backup(settings: Settings, args) -> int:
    """A consistent copy of the store (the bots may keep running): articles, vectors,
    subscriptions, feeds, the question log. The index files are rebuilt from it."""
    import datetime as dt

    from corpus.store import Store
    from retrieval.engine import DB_FILE

    source = settings.data_dir / DB_FILE
    if not source.is_file():
        print(f"Lỗi: chưa có kho dữ liệu ở {source} (DANVAN_DATA_DIR): không có gì để sao lưu.", file=sys.stderr)
        return 2
    target = Path(args.file).expanduser()
    if args.file.endswith(("/", os.sep)) and not target.exists():  # "backups/": a folder, made
        try:
            target.mkdir(parents=True)
        except OSError as exc:
            print(f"Lỗi: không tạo được thư mục sao lưu {target}: {exc.strerror or exc}.", file=sys.stderr)
            return 2
    if target.is_dir():  # a folder: a dated file in it
        target = target / f"danvan-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.sqlite3"
    if target.resolve() == source.resolve() or target.name.startswith(DB_FILE) and target.parent.resolve() == (
            source.parent.resolve()):
        print(f"Lỗi: hãy sao lưu ra ngoài thư mục dữ liệu, không ghi đè {source}.", file=sys.stderr)
        return 2
    store = await Store.open(source)
    try:
        await store.backup(target)
        counts = await store.counts()
    finally:
        await store.close()
    size = target.stat().st_size / 1e6
    print(f"Đã sao lưu kho dữ liệu ({counts['articles']} bài, {counts['subscriptions']} đăng ký bản tin) vào "
          f"{target} ({size:.1f} MB).")
    print(f"Khôi phục: dừng bot, chạy `python main.py restore {target}`, rồi chạy lại bot.")
    return 0


async def cmd_restore(settings: Settings, args) -> int:
    """Put a backup in place of the store (no process may have it open); the store it
    replaces is kept aside, the index files are rebuilt from the stored vectors."""
    import datetime as dt

    from corpus.restore import restore
    from retrieval.engine import DB_FILE
    from retrieval.lexical_index import CACHE_FILE
    from retrieval.vector_index import INDEX_FILE, META_FILE

    data = settings.data_dir
    done = restore(Path(args.file).expanduser(), data / DB_FILE, dt.datetime.now().strftime("%Y%m%d-%H%M%S"),
                   caches=[data / INDEX_FILE, data / META_FILE, data / CACHE_FILE])
    print(f"Đã khôi phục kho dữ liệu từ {args.file} ({done.articles} bài, {done.subscriptions} đăng ký bản tin)."
          + (f" Kho cũ được giữ ở {done.kept}." if done.kept else ""))
    print("Chỉ mục được dựng lại từ kho khi chạy lại (không cần mã hóa lại).")
    return 0


async def cmd_health(settings: Settings, args) -> int:
    """The Docker HEALTHCHECK: 0 while the bots run and answer, 1 otherwise, in
    polling and webhook mode alike (bot.heartbeat); in webhook mode the server's
    /healthz is asked too."""
    beat = heartbeat.read(settings.data_dir / heartbeat.FILE)
    health = heartbeat.judge(beat, time.time(), args.max_age, heartbeat.writer_running(beat))
    beat = health.beat
    if health.ok and beat is not None and beat.mode == "webhook" and beat.port:
        import urllib.request

        host = settings.webhook_listen if settings.webhook_listen not in ("", "0.0.0.0", "::") else "127.0.0.1"
        url = f"http://{'[%s]' % host if ':' in host else host}:{beat.port}/healthz"
        try:
            with urllib.request.urlopen(url, timeout=4):
                pass
        except OSError as exc:  # URLError and HTTPError (500: a bot failing) are OSErrors
            health = heartbeat.Health(False, f"the webhook server does not answer {url}: {exc}", beat)
    if health.ok:
        print(f"Bot đang chạy bình thường ({health.reason}).")
        return 0
    print(f"Bot không hoạt động bình thường ({health.reason}).")
    return 1


async def cmd_telegram(settings: Settings, args) -> int:
    from bot.runner import run_bots

    return await run_bots(settings, webhook=args.webhook, platforms=("telegram",))


async def cmd_zalo(settings: Settings, args) -> int:
    from bot.runner import run_bots

    return await run_bots(settings, webhook=args.webhook, platforms=("zalo",))


def _count(raw: str) -> int:
    """A whole number of 0 or more, for argparse."""
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number of 0 or more, not {raw!r}")
    return value


def parser() -> argparse.ArgumentParser:
    from retrieval.normalize import STRIP_CHOICES  # light: no encoder, no numpy

    p = argparse.ArgumentParser(prog="main.py", description="Trợ lý Dân vận")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("ingest", help="add articles from files, folders, URLs, feeds or JSONL")
    s.add_argument("inputs", nargs="+")
    s = sub.add_parser("ask", help="answer one question")
    s.add_argument("question")
    s.add_argument("--json", action="store_true")
    s.add_argument("--mode", default="hybrid", choices=("hybrid", "lexical", "dense"))
    s = sub.add_parser("chat", help="console chat on standard input")
    s.add_argument("--samples", action="store_true", help="load the sample articles if the store is empty")
    sub.add_parser("run", help="load samples if empty, then run the bots or the console chat")
    s = sub.add_parser("eval", help="measure retrieval on a corpus and questions")
    s.add_argument("--corpus", required=True)
    s.add_argument("--queries", required=True)
    s.add_argument("--mode", default="hybrid", choices=("hybrid", "lexical", "dense"))
    s.add_argument("--json", action="store_true")
    s.add_argument("--strip-accents", nargs="?", const="all", choices=STRIP_CHOICES,
                   help="ask every question without diacritics (or `half`: every other accented word without)")
    s.add_argument("--limit", type=_count, default=0, help="only the first N questions (0: all)")
    s.add_argument("--subset", nargs=2, metavar=("LABELS", "LABEL"),
                   help="only the questions whose id LABELS.jsonl marks with LABEL")
    s = sub.add_parser("calibrate", help="fit the not-found threshold to the corpus and its questions")
    s.add_argument("--queries", required=True, help="JSONL of questions the corpus answers")
    s.add_argument("--off-topic", required=True, help="JSONL of questions it does not answer")
    s.add_argument("--corpus", help="an evaluation corpus (its own folder); default: the live data directory")
    s.add_argument("--target", type=float, default=0.95, help="share of in-domain questions to answer")
    s.add_argument("--save", action="store_true", help="store the threshold with the corpus")
    s.add_argument("--splits", type=_count, default=0,
                   help="also estimate the held-out found rates over N random halves of the questions")
    s.add_argument("--json", action="store_true")
    sub.add_parser("reindex", help="re-chunk and re-encode every article with the configured encoder")
    s = sub.add_parser("feeds", help="list, add, remove or check the feeds watched for new articles")
    s.add_argument("action", nargs="?", default="list", choices=("list", "add", "remove", "check"))
    s.add_argument("urls", nargs="*", metavar="URL", help="remove: a URL or the number `feeds list` shows")
    s.add_argument("--all", action="store_true",
                   help="check: every feed now, not only those due (failing feeds wait longer)")
    s = sub.add_parser("backup", help="copy the store to a file (or a dated file in a folder), bots running or not")
    s.add_argument("file")
    s = sub.add_parser("restore", help="put a backup in place of the store (bots stopped); the old store is kept aside")
    s.add_argument("file")
    s = sub.add_parser("health", help="exit 0 while the bots run (the Docker health check), 1 otherwise")
    s.add_argument("--max-age", type=float, default=heartbeat.MAX_AGE,
                   help=f"seconds a heartbeat stays fresh (default {heartbeat.MAX_AGE:.0f})")
    for name in ("telegram", "zalo"):
        s = sub.add_parser(name, help=f"run the {name} bot")
        s.add_argument("--webhook", action="store_true")
    return p


COMMANDS = {
    "ingest": cmd_ingest, "ask": cmd_ask, "chat": cmd_chat, "run": cmd_run, "eval": cmd_eval,
    "reindex": cmd_reindex, "calibrate": cmd_calibrate, "feeds": cmd_feeds, "backup": cmd_backup,
    "restore": cmd_restore, "health": cmd_health,
    "telegram": cmd_telegram, "zalo": cmd_zalo,
}


STOPPED = ("Đã dừng giữa chừng ({why}): những gì đã lưu vẫn được giữ nguyên; "
           "chạy lại đúng lệnh này để làm nốt phần còn lại.")


class Terminated(Exception):
    """SIGTERM (systemd, `kill`, `docker stop` of a `docker run … ingest`) during a command
    that stores as it goes: the command is cancelled at its next await, as Ctrl-C cancels
    it (never in the middle of updating the indexes after a commit), its clean-up runs,
    then this is raised; further SIGTERMs are ignored meanwhile. Exit code 143."""


async def _until_terminated(command):
    """Run `command`, cancelled by the first SIGTERM (see `Terminated`)."""
    loop, task, received = asyncio.get_running_loop(), asyncio.current_task(), []

    def on_term() -> None:
        if not received:
            received.append(True)
            task.cancel()

    # kept until the loop closes: a second SIGTERM during the clean-up finds `received` set
    loop.add_signal_handler(signal.SIGTERM, on_term)
    try:
        return await command
    except asyncio.CancelledError:
        if received:
            raise Terminated() from None
        raise


def resumable(args) -> bool:
    """Commands that store as they go: stopped half way, what they stored stays and
    the same command run again finishes the work."""
    return args.command in ("ingest", "reindex") or (args.command == "feeds" and args.action in ("add", "check"))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except DanvanError as exc:  # a setting that cannot be used: said, not a traceback
        print(f"Lỗi: {exc.user_message}\n({exc})", file=sys.stderr)
        return 1 if args.command == "health" else 2  # Docker reserves a health check's 2
    apply_threads(settings)  # .env read: before anything imports numpy, FAISS or the encoder
    logging.basicConfig(level=getattr(logging, settings.log_level, logging.INFO), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("faiss.loader", "httpx", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    command = COMMANDS[args.command](settings, args)
    try:
        return asyncio.run(_until_terminated(command) if resumable(args) else command)
    except DanvanError as exc:
        log.error("%s", exc)
        print(f"Lỗi: {exc.user_message}\n({exc})", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Terminated) as exc:
        term = isinstance(exc, Terminated)
        if resumable(args):
            log.warning("%s %s; what was stored is kept, run it again to finish", args.command,
                        "terminated (SIGTERM)" if term else "interrupted")
            print(STOPPED.format(why="nhận lệnh dừng SIGTERM" if term else "Ctrl-C"), file=sys.stderr)
        return 143 if term else 130


if __name__ == "__main__":
    sys.exit(main())
