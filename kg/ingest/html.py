"""HTML pages: a release saved as the web page that published it.

Why: a saved page is mostly navigation, headers, footers, cookie banners, share
buttons and "related news" around one article, and every agency or country
named there that leaks into the release's text becomes a false fact. Finding
the main text of any site's layout is a hard problem of its own, so the text
comes from trafilatura, the best-scoring open main-text extractor (on its
public evaluation corpus, `benchmarks/html_main_text.py`: F1 0.92 against 0.79
for the markup rules this reader used before, which knew only `<article>`,
`<main>` and a few class names). Those rules remain for pages where trafilatura
finds almost nothing (see `_main_text`). What the page says about itself
(title, date, language, canonical address, site name) is read here from its
metadata, not from its visible text, and not by trafilatura: its metadata
reader takes dates from the URL, from visible bylines and headings, bounded by
today's date, and names the site after its host when the page does not; a date
must be one the page states as its own, so a page that states no date has none.
"""
from __future__ import annotations

import json
import re
import signal
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeAlias

import lxml.html
from lxml.etree import ErrorTypes, LxmlError, ParserError

from kg.ingest import markup
from kg.ingest.dates import iso_date
from kg.ingest.text import clean_field, language_tag, normalize, replace_surrogates
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
# Where the release's text lives for the markup rules, most specific first.
_CONTENT_TAGS = ("article", "main", "body")
# trafilatura's MIN_EXTRACTED_SIZE: below this many characters it distrusts its own
# extraction and may put a dump of the whole page's text in its place.
_SHORT_TEXT = 250
# libxml2's error for a bound it keeps (depth 256 without huge_tree): the page was cut there.
_RESOURCE_LIMIT = ErrorTypes.ERR_RESOURCE_LIMIT
# How soon an expired time limit is raised again where trafilatura caught it.
_RAISE_AGAIN_SECONDS = 0.05
# Characters libxml2 refuses (it would cut the page at the first one): as white space.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_JSON_LD_DATE = "datepublished"

Page: TypeAlias = Any  # lxml.html.HtmlElement (lxml ships no type information)


def sniff(text: str) -> bool:
    """Whether the content is an HTML page: a doctype, `<html>`, `<head>` or `<body>` near the top."""
    return markup.looks_like_page(text)


def read(text: str, source: str, main_text: Callable[[str, Page], str] | None = None) -> list[Document]:
    """The page's release: its main text and what its metadata says about it.

    `main_text` replaces the way the text is found (`markup_main_text`: the markup rules
    alone); for benchmarks and tests.
    """
    page, whole = parse(text)
    if page is None:  # lxml finds no page (an empty one, a comment, a doctype): no metadata
        body = normalize(markup_main_text(text))
        return [Document(text=body, source_paths=(source,), format=FORMAT)] if body else []
    meta = _meta(page)  # read before trafilatura runs (which works on a copy of the tree)
    about = Document(
        text="",
        source_paths=(source,),
        format=FORMAT,
        title=clean_field(_title(page, meta)),
        publisher=clean_field(meta.get("og:site_name") or _json_ld_publisher(page)),
        url=clean_field(_url(page, meta)),
        published=_published(page, meta),
        language=_language(page),
    )
    if main_text is None:
        main_text = _main_text if whole else markup_main_text
    body = normalize(main_text(text, page))
    return [replace(about, text=body)] if body else []


def parse(text: str) -> tuple[Page | None, bool]:
    """The page's element tree (lxml, as trafilatura reads it), or None when it has none; and
    whether the tree holds the whole page.

    Why: one parse serves the metadata and trafilatura (which copies the tree rather than
    parsing the text again). Lone surrogates and the control characters libxml2 refuses
    (it would drop the rest of the page) become U+FFFD and spaces first, as `normalize`
    would make them anyway. libxml2 stops at a depth of 256 elements (a bound kept: no deep
    recursion in lxml or trafilatura after it), so a page nested deeper is not whole, and
    is read by the markup rules, which have no such bound.
    """
    text = _XML_INVALID.sub(" ", replace_surrogates(text))
    parser = _parser()
    try:
        try:
            page = lxml.html.document_fromstring(text, parser=parser)
        except ValueError:  # an XML declaration naming an encoding: lxml wants bytes then
            parser = _parser("utf-8")
            page = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (ParserError, LxmlError, ValueError):
        return None, False
    whole = not any(error.type == _RESOURCE_LIMIT for error in parser.error_log)
    return page, whole


def _parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    """lxml's HTML parser as trafilatura sets it up, one per page (its error log is the page's)."""
    return lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True,
                                remove_pis=True, encoding=encoding)


def _main_text(text: str, page: Page) -> str:
    """The page's main text: trafilatura's, except where it is short and the markup rules
    find no more than it does.

    Why: under 250 characters trafilatura distrusts its own extraction and may take a dump
    of the page's text instead (navigation and footer included); on such a page the markup
    rules (the article, main or body without navigation, header, footer, aside and
    furniture classes), when they give no more text, are the surer reading. Elsewhere they
    are not (on trafilatura's corpus, they would take whole sidebars), and trafilatura's
    text is kept. A page trafilatura finds no text in gets the markup rules' text.
    """
    found = trafilatura_main_text(text, page)
    if len(found) >= _SHORT_TEXT:
        return found
    fallback = markup_main_text(text, page)
    return fallback if not found or len(fallback) <= len(found) else found


def trafilatura_main_text(text: str, page: Page) -> str:
    """trafilatura's main text of the page ('' when it finds none).

    Settings, and why: comments are left out (readers' comments are not the release);
    tables are kept (tables of seizures and arrests per country are); no links, images
    or formatting marks; no deduplication (its cache spans calls, so a page's text would
    depend on the pages read before it); no metadata (see the module's docstring); the
    default balanced mode, which scores best (benchmarks/README.md).
    """
    import trafilatura  # imported on first use: it takes 0.3 s, and most inputs are not pages

    return _keeping_time_limits(lambda: trafilatura.extract(
        page, include_comments=False, include_tables=True, include_links=False,
        include_images=False, include_formatting=False, deduplicate=False, with_metadata=False,
    )) or ""


def markup_main_text(text: str, page: Page | None = None) -> str:
    """The page's main text by the markup rules: the first `<article>`, else `<main>`, else
    `<body>`, without navigation, header, footer, aside, scripts and furniture classes.

    Why: the reader's own rules before trafilatura, still the surer reading of a short
    page; they run on Python's HTML parser, which keeps a page nested deeper than lxml does.
    """
    root = markup.parse(text)
    content = next((el for tag in _CONTENT_TAGS
                    if (el := markup.find_first(root, tag)) is not None), root)
    return markup.readable_text(content)


def _keeping_time_limits(call: Callable[[], Any]) -> Any:
    """`call()`, but a time limit that expires during it ends it, even where it catches
    the limit's exception.

    Why: trafilatura runs stages (readability, jusText, a recall retry) inside `except
    Exception` blocks, so the exception the build's `--timeout` raises from a timer signal
    (`kg.limits.time_limit`) could be swallowed there and the page read on past its time.
    Once the limit's handler has raised, it is raised again every 50 ms until it leaves
    `call()`, and raised from here if `call()` still returned.
    """
    if threading.current_thread() is not threading.main_thread():
        return call()
    handler = signal.getsignal(signal.SIGALRM)
    if not callable(handler):
        return call()
    raised: list[BaseException] = []

    def relay(signum: int, frame: Any) -> None:
        if raised:
            raise raised[0]
        try:
            handler(signum, frame)
        except BaseException as error:
            raised.append(error)
            signal.setitimer(signal.ITIMER_REAL, _RAISE_AGAIN_SECONDS, _RAISE_AGAIN_SECONDS)
            raise

    signal.signal(signal.SIGALRM, relay)
    try:
        result = call()
    finally:
        if raised:
            signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, handler)
    if raised:
        raise raised[0]
    return result


def _meta(page: Page) -> dict[str, str]:
    """The page's `<meta>` values by lower-case name, property or itemprop (first one wins)."""
    values: dict[str, str] = {}
    for element in page.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = " ".join((element.get("content") or "").split())
        if key and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _inner_text(element: Page) -> str:
    return " ".join("".join(element.itertext()).split())


def _title(page: Page, meta: dict[str, str]) -> str | None:
    """og:title, else `<title>`, else the first `<h1>`."""
    if meta.get("og:title"):
        return meta["og:title"]
    for tag in ("title", "h1"):
        element = next(page.iter(tag), None)
        if element is not None and _inner_text(element):
            return _inner_text(element)
    return None


def _url(page: Page, meta: dict[str, str]) -> str | None:
    """The canonical link, else og:url."""
    for element in page.iter("link"):
        rels = (element.get("rel") or "").lower().split()
        if "canonical" in rels and (element.get("href") or "").strip():
            return element.get("href").strip()
    return meta.get("og:url") or None


def _published(page: Page, meta: dict[str, str]) -> date | None:
    """The first date the meta tags state, else the one date the page's schema.org data
    (JSON-LD) gives as datePublished, else a `<time datetime>` inside the article."""
    for key in _DATE_KEYS:
        found = iso_date(meta.get(key))
        if found is not None:
            return found
    dates = {found for value in _json_ld_values(page, _JSON_LD_DATE)
             if (found := iso_date(value)) is not None}
    if len(dates) == 1:  # a listing page dates several items: none is the page's own
        return dates.pop()
    article = _article(page)
    if article is None:
        return None
    for element in article.iter("time"):
        found = iso_date(element.get("datetime"))
        if found is not None:
            return found
    return None


def _article(page: Page) -> Page | None:
    """The first `<article>` outside page furniture (navigation, asides, footers...)."""
    for element in page.iter("article"):
        if not any(_is_furniture(parent) for parent in element.iterancestors()):
            return element
    return None


def _is_furniture(element: Page) -> bool:
    return markup.is_furniture_tag(element.tag, element.get("class") or "", element.get("id") or "")


def _json_ld_publisher(page: Page) -> str | None:
    """The name of the publisher the page's JSON-LD gives, when it gives one name."""
    names = {value["name"].strip() for value in _json_ld_values(page, "publisher")
             if isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip()}
    return names.pop() if len(names) == 1 else None


def _json_ld_values(page: Page, key: str) -> list[Any]:
    """Every value of `key` (compared in lower case) in the page's JSON-LD scripts.

    Why: schema.org data is the page's own statement about itself, as meta tags are. Read
    without recursion, so any nesting is safe; a script that is not JSON is skipped.
    """
    values: list[Any] = []
    for script in page.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for name, value in item.items():
                    if isinstance(name, str) and name.lower() == key:
                        values.append(value)
                    stack.append(value)
            elif isinstance(item, list):
                stack.extend(item)
    return values


def _language(page: Page) -> str | None:
    """The language of `<html lang>`, when it is a language tag."""
    return language_tag(page.get("lang")) if page.tag == "html" else None

