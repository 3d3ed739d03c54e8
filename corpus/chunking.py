"""Sentence-aware chunking for Vietnamese (pure).

Sentences end at ``. ! ? …`` followed by a space and a capital, a digit (not
after an ellipsis: "chưa đến... 39.000 đồng") or a quote, and at paragraph
breaks; ``3.000``, ``40,7``, ``Đ/c``, ``TP.`` and other abbreviations never end
a sentence.
"""

from __future__ import annotations

import re

from corpus.types import Chunk

# Abbreviations after which a period does not end a sentence.
_ABBREV = {
    "tp", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "ls", "nxb", "st", "mr", "mrs", "dr",
    "đ/c", "đc", "q", "p", "x", "h", "tx", "vd", "v.v", "tr", "ncs", "cn", "ckii", "cki",
}
# Syllables per chunk. Measured on ViNewsQA dev (docs/evaluation.md): e5-small embeds a short
# passage more precisely (dense mrr@10 0.70 at 60, 0.65 at 150; 30 is no better
# than 60), and a 60-syllable passage (two or three sentences) reads well on a phone.
CHUNK_WORDS = 60
MAX_SENTENCE_WORDS = 150  # e5 reads 512 tokens: about 250 syllables
_CLOSERS = r"[\"”’)]*"  # after a sentence's final mark
_BOUNDARY_RE = re.compile(rf"(?<=[.!?…]){_CLOSERS}\s+(?=[\"“‘(\[]*[A-ZĐÀ-Ỹ0-9])")
# A name cut to its initials, as the press writes people's names ("chị Lê Thị Th.",
# "chị T.T.C.H."): before a bracket about the person ("(33 tuổi, …)"), no sentence ends.
# (the whole word, of capitals or the digraphs that start a name: not "MTTQ.", "HCM.", nor a
# place's last syllable, "Nghệ An.", "Krông Pa."; and not before a photo's or a source's credit)
_INITIALS_RE = re.compile(r"(?:(?:Ngh|Ch|Gh|Gi|Kh|Ng|Nh|Ph|Qu|Th|Tr|[A-ZĐÀ-ÝĂÂÊÔƠƯẠ-Ỹ])\.)+")
_CREDIT_RE = re.compile(r"\((?:Ảnh|Nguồn|Theo|Video|Clip)\b")
# An ellipsis before a figure is a pause ("chưa đến... 39.000 đồng"); not one closing a quotation,
# nor one before a year ("Còn nhiều khó khăn... 2023 là năm bản lề")
_ELLIPSES = ("...", "…")
_YEAR_RE = re.compile(r"(?:19|20)\d\d\s")


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, paragraphs first."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _BOUNDARY_RE.finditer(para):
            candidate = para[start : m.start()].strip()
            last_word = candidate.rsplit(" ", 1)[-1].rstrip(".").lstrip("(\"“'[").lower()  # "(TT. Phú Thứ"
            if last_word in _ABBREV or (len(last_word) == 1 and last_word.isalpha()):
                continue
            if (candidate.endswith(_ELLIPSES) and m.group(0)[0].isspace() and para[m.end():m.end() + 1].isdigit()
                    and not _YEAR_RE.match(para, m.end())):
                continue  # a pause before a figure: "hết chưa đến... 39.000 đồng."
            if (para[m.end():m.end() + 1] == "(" and not _CREDIT_RE.match(para, m.end())
                    and _INITIALS_RE.fullmatch(candidate.rsplit(" ", 1)[-1].lstrip("(\"“'["))):
                continue
            if candidate:
                out.append(candidate + m.group(0).rstrip())  # with its closing quote or bracket: "… tốt lắm.”"
            start = m.end()
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return out


_ENDED_RE = re.compile(rf"[.!?…]{_CLOSERS}$")  # where `split_sentences` may split again


def join_sentences(sentences: list[str]) -> str:
    """Sentences as one passage: a space between them, or a line break after one that
    does not end as a sentence does (a photo caption, a heading), so that reading the
    passage's sentences again does not glue it to the next ("… xã Minh Tâm Ông Vũ …")."""
    out = ""
    for s in sentences:
        out += ("" if not out else " " if _ENDED_RE.search(out) else "\n") + s
    return out


def chunk_sentences(sentences: list[str], max_words: int = CHUNK_WORDS, overlap_sentences: int = 1,
                    max_sentence_words: int = MAX_SENTENCE_WORDS) -> list[str]:
    """Group sentences into chunks of at most ~max_words syllables.

    Consecutive chunks share `overlap_sentences` sentences. A sentence is never
    cut below `max_sentence_words` (a long one makes a chunk of its own, so an
    answer quotes it whole); a longer run-on is split, at a clause break when
    there is one, rather than dropped.
    """
    pieces: list[str] = []
    cap = max(max_words, max_sentence_words)
    for s in sentences:
        pieces += split_long(s, cap)
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    fresh = False  # does `current` hold anything beyond the overlap?
    i = 0
    while i < len(pieces):
        n = len(pieces[i].split())
        if current and count + n > max_words:
            chunks.append(join_sentences(current))
            keep = current[-overlap_sentences:] if overlap_sentences else []
            kept_words = sum(len(s.split()) for s in keep)
            if kept_words > max_words // 4 or kept_words + n > max_words:
                keep = []  # overlap only with short sentences
            current, count = list(keep), sum(len(s.split()) for s in keep)
            fresh = False
        current.append(pieces[i])
        count += n
        fresh = True
        i += 1
    if current and fresh:
        chunks.append(join_sentences(current))
    return chunks


def split_long(sentence: str, cap: int) -> list[str]:
    """A sentence of more than `cap` syllables in pieces of at most `cap`, cut after
    the last ";" or "," of the second half of each window when there is one; a cut
    is marked "…" on both sides, so a quote never looks complete when it is not."""
    words = sentence.split()
    if len(words) <= cap:
        return [sentence]
    pieces: list[list[str]] = []
    start = 0
    while len(words) - start > cap:
        end = start + cap
        for j in range(end - 1, start + cap // 2, -1):
            if words[j].endswith((";", ",")):
                end = j + 1
                break
        pieces.append(words[start:end])
        start = end
    pieces.append(words[start:])
    out = [" ".join(p) for p in pieces]
    return [("… " if i else "") + p + (" …" if i < len(out) - 1 else "") for i, p in enumerate(out)]


def chunk_article(article_id: int, title: str, text: str, max_words: int = CHUNK_WORDS) -> list[Chunk]:
    return [
        Chunk(article_id=article_id, ord=i, text=t, title=title)
        for i, t in enumerate(chunk_sentences(split_sentences(text), max_words=max_words))
    ]
