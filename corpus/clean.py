"""Remove page boilerplate from scraped article text (pure).

General rules, meant to hold on pages from any provincial news site:
- navigation, accessibility and sharing widgets (``A- A A+ | Tăng tương phản``);
- visit counters, rating and comment boxes, "related / newer / older" lists;
- once such a footer marker is met after the body and no paragraph of prose
  follows it, the rest of the page (a marker inside the body drops only itself);
- percent-encoded image names, lone numbers, lone domain names, bullets;
- a line repeated (a title or a caption printed twice) is kept once;
- an unaccented ALL-CAPS line in an accented article (an image slug);
- photo credits: "(Ảnh: Thành Trung)", "(ảnh minh họa)", a caption's closing "Ảnh: HN".
"""

from __future__ import annotations

import html
import re
import unicodedata

# A line matching one of these is page furniture, wherever it stands.
_JUNK_LINE = re.compile(
    r"^(?:"
    r"a-\s*a\s*a\+.*|.*tăng tương phản.*|.*giảm tương phản.*"
    r"|xuất bản thông tin|chi tiết bài viết.*|chia sẻ(?: bài viết)?:?|in bài viết|gửi email|lưu tin"
    r"|trang chủ(?:\s*[>»/|].*)?|bản in|facebook|zalo|twitter|print|email|share|tweet"
    r"|(?:đang truy cập|hôm nay|hôm qua|tháng hiện tại|tổng lượt truy cập|lượt xem|số lượt truy cập|đang online)\s*:?\s*[\d.,]*"
    r"|thống kê(?: truy cập)?|liên kết website|video clip|thư viện ảnh|tin liên quan|tags?:.*|từ khóa:.*"
    r"|click để đánh giá bài viết|đánh giá bài viết.*|ý kiến bạn đọc|gửi bình luận|bình luận|trả lời"
    r"|bạn đã không sử dụng site.*|.*các trường bắt buộc được đánh dấu.*"
    r")$",
    re.IGNORECASE,
)

# Footer markers: once the body has started, everything from here on is furniture.
_FOOTER_MARKER = re.compile(
    r"^(?:những tin mới hơn|những tin cũ hơn|tin mới hơn|tin cũ hơn|bài viết liên quan|tin liên quan|tin cùng chuyên mục"
    r"|các tin khác|tin khác|xem thêm|ý kiến bạn đọc|tổng số điểm của bài viết.*|email của bạn sẽ không được hiển thị.*"
    r"|gửi ý kiến|viết bình luận|để lại bình luận.*|trả lời)$",
    re.IGNORECASE,
)

_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2}){3,}")
_DOMAIN_LINE = re.compile(r"^\(?(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info)(?:\.vn)?/?\)?$", re.I)
_ONLY_NUMBER = re.compile(r"^[\d.,\s]+$")
_PUNCT_ONLY = re.compile(r"^[\W_]*$", re.UNICODE)
_BULLET_STUB = re.compile(r"^[•·*\-–—|:\s]+$")


# An HTML entity written whole ("&quot;", "&#8220;", "&#x201C;"), or one of the few a
# scraper leaves without its semicolon ("lúc&nbsp11h", "Chủ tịch&nbspUBND"; "&amp" not
# before a letter): "Sở XD&GT" and "QLĐT&GTVT" are no "&gt" (html.unescape reads those
# legacy names without a semicolon too)
_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31};|#\d{1,7};|#[xX][0-9A-Fa-f]{1,6};|nbsp|quot|amp(?![A-Za-z]))")


def unescape(text: str) -> str:
    """The HTML entities left in a record's text decoded (see `_ENTITY_RE`)."""
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0) if m.group(0).endswith(";") else m.group(0) + ";"),
                          text) if "&" in text else text


def normalize_lines(text: str) -> list[str]:
    """NFC, unify spaces and line ends, strip each line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return [" ".join(line.split()) for line in text.split("\n")]


def is_junk_line(line: str) -> bool:
    """Page furniture that never belongs to an article body."""
    if not line or _PUNCT_ONLY.match(line) or _BULLET_STUB.match(line):
        return True
    if _PERCENT_RUN.search(line) and len(_PERCENT_RUN.sub("", line)) < len(line) / 2:
        return True
    if _ONLY_NUMBER.match(line) or _DOMAIN_LINE.match(line):
        return True
    if line.lower().startswith("null "):
        return False  # handled by strip_portal_prefix
    return bool(_JUNK_LINE.match(line))


def is_footer_marker(line: str) -> bool:
    return bool(_FOOTER_MARKER.match(line))


# "c Đinh Thị Mỹ Hảo – PBT …": a caption whose "Đ/c" lost its "Đ/" in the scrape
_STRAY_LETTER = re.compile(r"^[a-z] (?=[^\W\d_])")


def strip_portal_prefix(line: str) -> str:
    """Portal artefacts glued to a real line: ``null Tiêu đề``, a stray lower-case
    letter before a capitalised word (``c Đinh Thị …``)."""
    line = re.sub(r"^null\s+", "", line)
    if (m := _STRAY_LETTER.match(line)) and line[m.end()].isupper():
        return line[m.end():]
    return line


# "(Ảnh: Thành Trung)": a credit names someone (letters, no figures: "(ảnh: 5, video: 7)" is content)
_PHOTO_CREDIT = re.compile(r"(?P<stop>[.!?…])?\s*[(\[](?:ảnh|nguồn ảnh|ảnh minh h(?:ọa|oạ))"
                           r"(?:\s*:\s*[^\W\d_][^()\[\]\d]{0,59})?[)\]](?P<again>\.)?", re.I)
# "… kết luận buổi làm việc. Ảnh: HN", "… - Ảnh: T.Hương", ". Ảnh: VGP/Nhật Bắc": a credit closing
# a caption (a few words)
# Names are letters joined by one separator each (". ", " ", "/", ", ", " - "): never two
# ways to split a run of words, so a line that is no credit fails fast.
_TAIL_CREDIT = re.compile(r"(?:^|(?<=[.!?…\"”])\s+|\s+[-–]\s+)(?:Ảnh|ẢNH|ảnh)\s*:\s*"
                          r"[^\W\d_]+(?:(?:\.\s?|\s|\s?[/,]\s?|\s[-–]\s)[^\W\d_]+)*\.?(?:\s*\([^()\d]{1,30}\))?$")


def strip_photo_credit(line: str) -> str:
    """A photo credit removed from a line; the caption it closes stays."""
    # "Hà Nam. (Ảnh: Đức Văn)." keeps one full stop
    line = _PHOTO_CREDIT.sub(lambda m: m["stop"] or m["again"] or "", line)
    m = _TAIL_CREDIT.search(line)
    if m and len(m.group(0).split()) <= 9:
        line = line[: m.start()]
    return line.strip() if re.search(r"\w", line) else ""


def _is_unaccented_caps(line: str, doc_has_accents: bool) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8 or not doc_has_accents:
        return False
    return line.isupper() and all(ord(c) < 128 for c in letters)


def dedupe_key(line: str) -> str:
    return re.sub(r"\W+", " ", line.lower()).strip()


def _body_follows(rest: list[str]) -> bool:
    """A paragraph of prose after a footer marker means the marker was a box inside
    the article ("Xem thêm" between paragraphs), not the start of the footer."""
    return any(len(line.split()) >= 25 and not is_junk_line(line) for line in rest)


def clean_lines(lines: list[str]) -> list[str]:
    """Body lines in order: furniture dropped, footer cut, repeats removed."""
    doc_has_accents = any(ord(c) > 127 for line in lines for c in line if c.isalpha())
    out: list[str] = []
    seen: set[str] = set()
    body_started = False
    for i, raw in enumerate(lines):
        line = strip_photo_credit(strip_portal_prefix(raw))
        if is_footer_marker(line) and body_started and not _body_follows(lines[i + 1 :]):
            break  # a "related / newer" list or a comment box runs to the end of the page
        if is_junk_line(line) or is_footer_marker(line):
            continue
        if _is_unaccented_caps(line, doc_has_accents):
            continue
        key = dedupe_key(line)
        if key in seen:
            continue
        seen.add(key)
        out.append(line)
        if len(line.split()) >= 25:
            body_started = True
    return out
