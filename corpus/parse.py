"""Turn a raw document (scraped text, HTML, JSON record) into an Article (pure)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import replace

from corpus import clean, metadata
from corpus.docrefs import extract_refs
from corpus.errors import UnreadableInput
from corpus.types import Article, RawDocument

log = logging.getLogger(__name__)

MAX_TITLE_WORDS = 40
MIN_TITLE_WORDS = 4
MIN_BODY_CHARS = 40
# A record's "title" this long, or of two sentences, is its lead (news corpora often
# give the sapo as the title): it is quoted from as the first paragraph too.
MAX_HEADLINE_CHARS = 150
_TWO_SENTENCES_RE = re.compile(r"[a-zđà-ỹ\d][.!?]\s+[\"“]?(\w)")  # (not "TP. HCM", "Jay Y. Lee")


# A page that is no article: an error page served with HTTP 200, a login wall, a
# removed article. Only short texts are judged by these words, and only where a
# sentence starts with them (a notice may ask to "đăng nhập bằng tài khoản VNeID",
# a report count "98 nội dung đã bị gỡ bỏ").
_NOT_AN_ARTICLE_RE = re.compile(
    r"(?:^|[.!?:]\s+|\n)\s*(?:(?:lỗi )?404\W*)?(?:không tìm thấy (?:trang|bài viết|đường dẫn)"
    r"|(?:trang|bài viết|đường dẫn)(?: bạn| quý vị)?(?: (?:yêu cầu|tìm kiếm|truy cập|đang tìm))?"
    r" (?:không tồn tại|đã bị (?:xóa|xoá|gỡ))"
    r"|(?:vui lòng|bạn cần|bạn phải|hãy) đăng nhập để (?:xem|đọc|tiếp tục|sử dụng)"
    r"|(?:page|file) not found\b|error 404|404 not found|access denied|403 forbidden)",
    re.I)
SHORT_PAGE_CHARS = 300
MIN_DISTINCT_PAIRS = 0.1  # distinct word pairs / word pairs: "Đăng nhập Đăng nhập …" is 0.03, news 0.19 at the least (38,983 articles)


def not_an_article(text: str) -> str | None:
    """Why a page's text is no article (English), or None: error-page or login-wall
    words in a short text, or the same few words repeated."""
    if len(text) < SHORT_PAGE_CHARS and (m := _NOT_AN_ARTICLE_RE.search(text)):
        return f"an error or login page, not an article ({m.group(0).strip()!r})"
    tokens = text.lower().split()
    pairs = list(zip(tokens, tokens[1:]))
    if len(pairs) >= 20 and len(set(pairs)) < MIN_DISTINCT_PAIRS * len(pairs):
        return f"the same words repeated, not an article ({len(set(pairs))} distinct word pairs of {len(pairs)})"
    return None


def parse(raw: RawDocument) -> Article:
    """Dispatch on the kind of raw document."""
    if raw.kind == "html":
        from corpus.html import html_to_raw  # trafilatura is imported lazily

        raw = html_to_raw(raw)
    else:  # a record's or a text file's entities, left by a scraper (a page's are decoded already)
        raw = replace(raw, text=clean.unescape(raw.text), title=raw.title and clean.unescape(raw.title))
    return parse_text(raw)


def _parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    value = value.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if re.match(r"^\d{8}$", value):
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        line = metadata.parse_date_line(value)
        return line.date() if line else None
    except ValueError:
        return None


def _core(word: str) -> str:
    """A word without the punctuation around it."""
    return re.sub(r"^\W+|\W+$", "", word)


def _sentence_case(title: str, body: str = "") -> str:
    """A title typed in capitals, in the capitals the article's text gives its words:
    the longest runs of title words found in the text take the text's casing
    ("BAN DÂN VẬN TỈNH ỦY KON TUM TỔ CHỨC…" -> "Ban Dân vận Tỉnh ủy Kon Tum tổ chức…"),
    other words are lower-cased, the first letter is a capital."""
    letters = [c for c in title if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return title
    words = title.split()
    cased = [w.lower() for w in words]
    keys = [_core(w).lower() for w in words]
    body_words = body.split()
    body_keys = [_core(w).lower() for w in body_words]
    positions: dict[str, list[int]] = {}
    for n, key in enumerate(body_keys):
        positions.setdefault(key, []).append(n)
    i = 0
    while i < len(words):
        best_start, best_len = -1, 0
        for start in positions.get(keys[i], ())[:200]:
            length = 0
            while (i + length < len(words) and start + length < len(body_keys)
                   and body_keys[start + length] == keys[i + length] != ""):
                length += 1
            if length > best_len:
                best_start, best_len = start, length
        if best_len >= 2:  # a run of the text: its casing (one word alone may open a sentence there)
            for k in range(best_len):  # the text's letters, the title's punctuation
                core = _core(cased[i + k])
                cased[i + k] = cased[i + k].replace(core, _core(body_words[best_start + k]), 1)
            i += best_len
        else:
            i += 1
    out = " ".join(cased)
    return out[:1].upper() + out[1:]


def reads_as_lead(title: str) -> bool:
    """Whether a record's title is its lead paragraph rather than a headline."""
    return len(title) > MAX_HEADLINE_CHARS or (len(title) > MAX_HEADLINE_CHARS // 2 and any(
        m.group(1).isupper() for m in _TWO_SENTENCES_RE.finditer(title)))


def _title_from_lead(lead: str) -> str:
    """No title line: the first clause of the lead, without its time adverbial."""
    first = re.split(r"(?<=[.!?])\s+", lead)[0]
    first = re.sub(r"^(?:(?:sáng|chiều|tối|trưa|ngày|hôm nay)\s*(?:ngày\s*)?\d{1,2}/\d{1,2}(?:/\d{4})?\s*,\s*)", "", first, flags=re.I)
    first = first.split(". ")[0].rstrip(".")
    words = first.split()
    head = " ".join(words[:25])
    return (head[:1].upper() + head[1:]) + ("…" if len(words) > 25 else "")


def parse_text(raw: RawDocument) -> Article:
    """Scraped page text (or a record's text) -> cleaned Article with metadata."""
    lines = clean.normalize_lines(raw.text)
    named_url, lines = metadata.take_source_url(lines)
    url = raw.url or named_url

    # Metadata lines near the top: site domain and a date line.
    site = raw.site
    published: dt.date | None = _parse_published(raw.published)
    top: list[str] = []
    for i, line in enumerate(lines):
        if i < 25:
            domain = metadata.domain_of_line(line)
            if domain:
                site = site or domain
                continue
            when = metadata.parse_date_line(line)
            if when:
                published = published or when.date()
                continue
            prefix_site, rest = metadata.split_site_prefix(line)
            if prefix_site:
                site = site or prefix_site
                line = rest
        top.append(line)

    body = clean.clean_lines(top)
    if not body:
        raise UnreadableInput(raw.origin, "no article text found after cleaning", "không tìm thấy nội dung bài viết")

    # By-line at the end (labelled anywhere in the last lines, or a bare name).
    author = raw.author
    for idx in range(len(body) - 1, max(len(body) - 6, 0) - 1, -1):
        found = metadata.author_of(body[idx])
        if found:
            author = author or found
            del body[idx]
            break
    else:
        if len(body) > 1 and metadata.looks_like_name_line(body[-1]):
            author = author or body[-1]
            body.pop()

    # Title: the record's, else the first short line, else the lead's first clause.
    title = clean.strip_photo_credit(unicodedata.normalize("NFC", raw.title or "").strip())  # may be a caption
    if not title:
        # Breadcrumbs and section names ("Thời sự", "Xây dựng Đảng") are not titles.
        while len(body) > 2 and len(body[0].split()) < MIN_TITLE_WORDS:
            body = body[1:]
        first = body[0]
        if len(first.split()) <= MAX_TITLE_WORDS and not first.endswith(".") and len(body) > 1:
            title = first
            body = body[1:]
        else:
            title = _title_from_lead(first)
    title = _sentence_case(" ".join(title.split()), " ".join(body))
    opens_on_title = bool(body) and clean.dedupe_key(body[0]) == clean.dedupe_key(title)
    if raw.title and reads_as_lead(title):  # its facts are answers too ("bà … Giám đốc Sở Y tế cho biết …")
        body = body if opens_on_title else [title, *body]
    elif opens_on_title:
        body = body[1:]

    text = "\n\n".join(body)
    if len(text) < MIN_BODY_CHARS:
        raise UnreadableInput(raw.origin, f"article text too short ({len(text)} characters)",
                              f"nội dung bài quá ngắn ({len(text)} ký tự)")
    if (why := not_an_article(f"{title}\n{text}")) is not None:
        raise UnreadableInput(raw.origin, why, "trang này không phải bài viết (trang báo lỗi, trang đăng nhập "
                                               "hoặc nội dung lặp lại)")

    if published is None:
        published, inferred = metadata.lead_date(body[0], text)
        if inferred and published:
            log.info("%s: publication year inferred from the text: %s", raw.origin, published)

    site = site or metadata.site_from_url(url)
    return Article(
        title=title,
        text=text,
        url=url,
        site=site,
        published=published,
        author=author,
        origin=raw.origin,
        places=metadata.places_in(title + "\n" + text),
        refs=tuple(extract_refs(title + "\n" + text)),
        mentioned_until=metadata.latest_mentioned(text) if published is None else None,
    )
