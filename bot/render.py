"""Render the core's replies for each platform (pure): plain text or Telegram HTML,
split under the platform's length limit at paragraph or sentence boundaries."""

from __future__ import annotations

import datetime as dt
import html
import re

from retrieval.types import Answer, Citation


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "không rõ ngày"


def source_line(c: Citation) -> str:
    """`[1] Title — site, 23/02/2024 — url` (plain)."""
    parts = [c.title]
    meta = ", ".join(x for x in (c.site, fmt_date(c.published)) if x)
    line = f"[{c.n}] {c.title} — {meta}"
    if c.url:
        line += f"\n{c.url}"
    return line if parts else line


def answer_plain(answer: Answer) -> str:
    if not answer.found:
        return answer.text
    lines = [answer.text, "", "Nguồn:"]
    lines += [source_line(c) for c in answer.citations]
    return "\n".join(lines)


def answer_html(answer: Answer) -> str:
    if not answer.found:
        return html.escape(answer.text)
    body = " ".join(f"{html.escape(s.text)} <b>[{s.n}]</b>" for s in answer.sentences)
    lines = [body, "", "<b>Nguồn:</b>"]
    for c in answer.citations:
        meta = html.escape(", ".join(x for x in (c.site, fmt_date(c.published)) if x))
        title = html.escape(c.title)
        if c.url:
            lines.append(f'[{c.n}] <a href="{html.escape(c.url, quote=True)}">{title}</a> — {meta}')
        else:
            lines.append(f"[{c.n}] {title} — {meta}")
    return "\n".join(lines)


_SENTENCE_END = re.compile(r"(?<=[.!?…\]])\s+|(?<=</b>)\s+")


def split_message(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraphs, then lines, then
    sentences, then spaces; an HTML tag or a ``[n]`` marker is never cut."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for unit in _units(text, limit):
        sep = "" if not current else ("\n" if unit.startswith("\n") else "")
        if len(current) + len(sep) + len(unit) <= limit:
            current = current + sep + unit if current else unit.lstrip("\n")
        else:
            if current:
                pieces.append(current.rstrip())
            current = unit.lstrip("\n")
    if current.strip():
        pieces.append(current.rstrip())
    return pieces


def _units(text: str, limit: int) -> list[str]:
    """Break text into units no longer than `limit` at the safest boundary."""
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        prefix = "\n" if i else ""
        if len(line) + 1 <= limit:
            out.append(prefix + line)
            continue
        sentences = _SENTENCE_END.split(line)
        first = True
        for s in sentences:
            chunk = (prefix if first else "") + s + " "
            first = False
            while len(chunk) > limit:
                cut = _safe_cut(chunk, limit)
                out.append(chunk[:cut])
                chunk = chunk[cut:]
            out.append(chunk)
    return out


def _safe_cut(s: str, limit: int) -> int:
    cut = s.rfind(" ", 0, limit)
    if cut <= 0:
        cut = limit
    # never inside a tag or a [n] marker
    lt, gt = s.rfind("<", 0, cut), s.rfind(">", 0, cut)
    if lt > gt:
        cut = lt
    lb, rb = s.rfind("[", 0, cut), s.rfind("]", 0, cut)
    if lb > rb:
        cut = lb
    return max(cut, 1)
