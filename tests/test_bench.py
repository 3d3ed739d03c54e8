"""The benchmark script still runs end to end (a smoke run; the ratios are read by people)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_bench_quick_run_reports_every_measure():
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "bench.py"), "--quick"], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert re.search(r"corpus: 5 articles, \d+ chunks; 5 questions", out.stdout)
    assert re.search(r"1\. lexical search p50: FTS5 [\d.]+ ms, in-memory BM25 [\d.]+ ms -> [\d.]+x faster", out.stdout)
    assert re.search(r"2\. ask \(hybrid\) p50 [\d.]+ ms", out.stdout)
    assert re.search(r"8\. word index after 2 new articles: from the last snapshot \d+ ms, from scratch \d+ ms", out.stdout)
    assert re.search(r"4\. resident memory: encoder \d+ MB", out.stdout)
    m = re.search(r"5\. digests: 50 subscriptions, 5 new articles \((\d+) digests\)", out.stdout)
    assert m and 6 <= int(m.group(1)) < 50  # those without a topic, and those whose topic the samples write
    assert re.search(r"questions during a due pass p50/p95 [\d.]+/[\d.]+ ms", out.stdout)
    assert re.search(r"6\. what's-new questions p50/p95: a topic no article writes [\d.]+/[\d.]+ ms", out.stdout)
    m = re.search(r"7\. feeds: a check storing (\d) of 2 new articles \d+ ms an article", out.stdout)
    assert m and m.group(1) == "2"  # the articles taken out of the copy are stored again from the feed
    assert re.search(r"an unchanged feed [\d.]+ ms, a changed feed with nothing new [\d.]+ ms", out.stdout)
    assert re.search(r"questions during that check p50/p95 [\d.]+/[\d.]+ ms", out.stdout)
    m = re.search(r"a feed of 4 pages from a slow site \(0.25 s a page, stored already\): (\d+) ms one page at a time, "
                  r"(\d+) ms 4 at a time", out.stdout)
    assert m and int(m.group(1)) >= 1000  # four pages, 0.25 s each, one after another
    assert re.search(r"looking for another process's changes before a question \(none\): p50/p95 [\d.]+/", out.stdout)
    assert re.search(r"9\. feed list \(10 feeds x 1,000 entries\): p50 [\d.]+ ms with the index on failed entries, "
                     r"[\d.]+ ms without -> [\d.]+x", out.stdout)
