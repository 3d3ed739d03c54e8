"""HTML page -> text and metadata, through trafilatura (imported lazily)."""

from __future__ import annotations

from corpus.errors import UnreadableInput
from corpus.types import RawDocument


def html_to_raw(raw: RawDocument) -> RawDocument:
    """Main text and metadata of an HTML page as a text RawDocument."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            raw.text, url=raw.url, with_metadata=True, include_comments=False,
            include_tables=True, favor_recall=True,
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml raise many kinds
        raise UnreadableInput(raw.origin, f"cannot parse HTML: {exc}", "không đọc được trang HTML") from exc
    if doc is None:
        raise UnreadableInput(raw.origin, "no article text found in the HTML page", "không tìm thấy nội dung bài viết trong trang")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        raise UnreadableInput(raw.origin, "no article text found in the HTML page", "không tìm thấy nội dung bài viết trong trang")
    # Only a URL the page really names (the fetched one or its canonical link).
    url = raw.url or (data.get("url") if str(data.get("url") or "").startswith("http") else None)
    return RawDocument(
        origin=raw.origin,
        text=text,
        kind="text",
        url=url,
        title=raw.title or data.get("title"),
        published=raw.published or data.get("date"),
        site=raw.site or (None if url else data.get("sitename")),  # else taken from the URL
        author=raw.author or data.get("author"),
    )
