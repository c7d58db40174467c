"""Agency page-data payloads: a release stored as a fragment of a site's JSON state.

Why: some agency pages (Europol's newsroom) are saved not as HTML but as the
JSON state the page was rendered from, with the release's HTML escaped inside
(`<\\/p>`, `\\u2019`). The saved fragment is cut at both ends, so it is not
valid JSON and a JSON parser cannot read it; the few fields a release needs
are recovered from the fragment by their keys and where they sit (see
`fragment`). The content node's title, "published" timestamp, "alias" and
"body" are the release; footers, terms, language lists and legal notices
around them are page furniture and never become release text.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date

from kg.ingest import markup
from kg.ingest.dates import local_date
from kg.ingest.fragment import Field, fields
from kg.ingest.publishers import PayloadPublisher, recognize
from kg.ingest.text import clean_field, language_tag, normalize
from kg.records import Document

FORMAT = "payload"
_FALLBACK_ZONE = "UTC"
# A line of body text starting with one of these is a legal notice, whatever the site.
_GENERIC_BOILERPLATE = ("©",)
# The key of the object that holds the page's content.
_NODE_KEY = "node"

_KEY_VALUE = re.compile(r'"[A-Za-z_][\w-]*":\s*["{\[\d]')
_ESCAPED_MARKUP = re.compile(r'<\\/|\\u[0-9a-fA-F]{4}|\\"')
_ESCAPED_END_TAG = re.compile(r'<\\/[A-Za-z]')  # `<\/p>`: only JSON escapes an end tag
_FURNITURE_KEY = re.compile(r"footer|terms|language|copyright|menu|cookie|navigation", re.IGNORECASE)
_LANGUAGE_KEYS = ("langcode", "language", "lang")
_TIMESTAMP = re.compile(r"\d{9,11}")


def sniff(text: str) -> bool:
    """Whether the content is a JSON fragment with escaped markup (and not an HTML page).

    Why: the fragment is not valid JSON, so it is recognized by its shape:
    several `"key":value` pairs and JSON-escaped HTML or quotes, or an escaped end tag
    (`<\\/p>`) even without keys: a fragment cut inside page furniture is still a payload
    (one without a release), not a plain-text release of escaped markup.
    """
    return (
        (_ESCAPED_END_TAG.search(text) is not None
         or (len(_KEY_VALUE.findall(text)) >= 2 and _ESCAPED_MARKUP.search(text) is not None))
        and not markup.looks_like_page(text)
    )


def read(text: str, source: str) -> list[Document]:
    """The release in a payload fragment, or nothing when the fragment holds no body.

    Why: a fragment cut before the body (footer and term lists only) has no
    release in it; returning nothing lets the dispatcher report the file.
    """
    content = [f for f in fields(text) if not _is_furniture(f)]
    body_field = _pick(content, "body", lambda f: f.is_string)
    if body_field is None:
        return []
    evidence = (text[: body_field.start] + text[body_field.end:]).replace("\\/", "/")
    publisher = recognize(evidence)
    body = _body_text(body_field.text, publisher)
    if not body:
        return []
    return [
        Document(
            text=body,
            source_paths=(source,),
            format=FORMAT,
            title=_title(content),
            publisher=publisher.name if publisher else None,
            url=_url(content, publisher),
            published=_published(content, publisher),
            language=_language(content, publisher),
        )
    ]


def _is_furniture(field: Field) -> bool:
    """Whether a field sits in a footer, term list, menu or other page furniture."""
    return any(_FURNITURE_KEY.search(key) for key in field.path)


def _pick(content: list[Field], key: str, accept: Callable[[Field], bool]) -> Field | None:
    """The content node's own `key` field; else, when the node marker was cut off, the first one."""
    candidates = [f for f in content if f.key == key and accept(f)]
    own = [f for f in candidates if f.path[-1:] == (_NODE_KEY,)]
    found = own or candidates
    return found[0] if found else None


def _body_text(body: str, publisher: PayloadPublisher | None) -> str:
    """The release text of the body's HTML, without legal notices."""
    body = body.replace("\r\n", "\n")
    tree = markup.parse(body)
    text = markup.readable_text(tree, keep_newlines=not markup.has_block_markup(body))
    notices = _GENERIC_BOILERPLATE + (publisher.boilerplate if publisher else ())
    return normalize("\n".join(line for line in text.split("\n") if not line.startswith(notices)))


def _title(content: list[Field]) -> str | None:
    """The node's title; never a footer's or a term's (a language's) title."""
    field = _pick(content, "title", lambda f: f.is_string)
    return (normalize(html.unescape(field.text)) or None) if field else None


def _url(content: list[Field], publisher: PayloadPublisher | None) -> str | None:
    """The page's address: an absolute alias as it is, a relative one under the publisher's site."""
    field = _pick(content, "alias", lambda f: f.is_string)
    alias = (clean_field(field.text) or "") if field else ""
    if alias.startswith(("http://", "https://")):
        return alias
    if publisher and alias.startswith("/"):
        return publisher.base_url + alias
    return None


def _published(content: list[Field], publisher: PayloadPublisher | None) -> date | None:
    """The publication date: the node's "published" timestamp as a date in the publisher's zone."""
    field = _pick(content, "published", lambda f: bool(_TIMESTAMP.fullmatch(f.raw)))
    if field is None:
        return None
    return local_date(int(field.raw), publisher.zone if publisher else _FALLBACK_ZONE)


def _language(content: list[Field], publisher: PayloadPublisher | None) -> str | None:
    """The language the payload states, else the publisher's newsroom language."""
    for key in _LANGUAGE_KEYS:
        field = _pick(content, key, lambda f: f.is_string and language_tag(f.raw) is not None)
        if field is not None:
            return language_tag(field.raw)
    return publisher.language if publisher else None
