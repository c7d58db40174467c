"""HTML pages: a release saved as the web page that published it.

Why: a saved page is mostly navigation, headers, footers, cookie banners and
share buttons around one article. The release is the article's text, and
what the page says about itself (title, date, language, canonical address,
site name) is in its metadata, not in its visible text. Dates come only from
the page's own metadata, so a page that states no date has none.
"""
from __future__ import annotations

from datetime import date

from kg.ingest import markup
from kg.ingest.dates import iso_date
from kg.ingest.markup import Element
from kg.ingest.text import clean_field, language_tag, normalize
from kg.records import Document

FORMAT = "html"
# Meta names and properties that state the publication date, in order of trust.
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "pubdate",
)
# Where the release's text lives, most specific first.
_CONTENT_TAGS = ("article", "main", "body")


def sniff(text: str) -> bool:
    """Whether the content is an HTML page: a doctype, `<html>`, `<head>` or `<body>` near the top."""
    return markup.looks_like_page(text)


def read(text: str, source: str) -> list[Document]:
    """The page's release: its main text and what its metadata says about it."""
    root = markup.parse(text)
    content = _content(root)
    body = normalize(markup.readable_text(content))
    if not body:
        return []
    meta = _meta(root)
    return [
        Document(
            text=body,
            source_paths=(source,),
            format=FORMAT,
            title=clean_field(_title(root, meta)),
            publisher=clean_field(meta.get("og:site_name")),
            url=clean_field(_url(root, meta)),
            published=_published(meta, content),
            language=_language(root),
        )
    ]


def _content(root: Element) -> Element:
    """The element holding the release: the first article, else main, else body, else the page."""
    for tag in _CONTENT_TAGS:
        element = markup.find_first(root, tag)
        if element is not None:
            return element
    return root


def _meta(root: Element) -> dict[str, str]:
    """The page's `<meta>` values by lower-case name, property or itemprop (first one wins)."""
    values: dict[str, str] = {}
    for element in markup.iter_elements(root):
        if element.tag != "meta":
            continue
        key = element.attr("property") or element.attr("name") or element.attr("itemprop")
        content = " ".join(element.attr("content").split())
        if key and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _title(root: Element, meta: dict[str, str]) -> str | None:
    """og:title, else `<title>`, else the first `<h1>`."""
    if meta.get("og:title"):
        return meta["og:title"]
    for tag in ("title", "h1"):
        element = markup.find_first(root, tag, prune=lambda _: False)
        if element is not None and markup.inner_text(element):
            return markup.inner_text(element)
    return None


def _url(root: Element, meta: dict[str, str]) -> str | None:
    """The canonical link, else og:url."""
    for element in markup.iter_elements(root):
        rels = element.attr("rel").lower().split()
        if element.tag == "link" and "canonical" in rels and element.attr("href").strip():
            return element.attr("href").strip()
    return meta.get("og:url") or None


def _published(meta: dict[str, str], content: Element) -> date | None:
    """The first date the metadata states, else a `<time datetime>` inside the article."""
    for key in _DATE_KEYS:
        found = iso_date(meta.get(key))
        if found is not None:
            return found
    if content.tag != "article":
        return None
    for element in markup.iter_elements(content):
        if element.tag == "time":
            found = iso_date(element.attr("datetime"))
            if found is not None:
                return found
    return None


def _language(root: Element) -> str | None:
    """The language of `<html lang>`, when it is a language tag."""
    element = markup.find_first(root, "html", prune=lambda _: False)
    return language_tag(element.attr("lang")) if element is not None else None
