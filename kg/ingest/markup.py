"""A small element tree built with the stdlib HTML parser, and its readable text.

Why: both HTML pages and agency page-data payloads carry their release as
markup. Readers need two things from it: metadata from particular elements
(titles, meta tags, `<time>`), and the running text without navigation,
scripts and page furniture, one block per line. A tree (rather than a stream
of events) lets a reader pick the `<article>` first and then render only it;
html.parser copes with the broken, cut and unclosed markup real pages have,
without a new dependency.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements with no content and no end tag.
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Elements that start a new line of text.
_BLOCK = frozenset(
    """address article aside blockquote br caption dd div dl dt figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table
    tbody td tfoot th thead tr ul""".split()
)
# Elements that are never release text.
_DROPPED_TAGS = frozenset(
    """head title script style nav header footer aside form noscript template svg iframe
    button select""".split()
)
# Containers never dropped for their class or id: a page's `<body
# class="has-menu">` still holds the release.
_KEPT_CONTAINERS = frozenset("html body main article #root".split())
# class/id words that mark page furniture: "main-nav", "cookie-banner", "breadcrumbs".
_FURNITURE = re.compile(r"(?<![a-z])(?:nav|menu|footer|cookie|share|breadcrumb)", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|h[1-6]|ul|ol|table|tr|section|article|blockquote)\b", re.I)
_ANY_SPACE = re.compile(r"\s+")
_LINE_SPACE = re.compile(r"[^\S\n]+")
_CUT_TAG = re.compile(r"<[^<>]*$")
_PAGE_START = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_PAGE_START_WINDOW = 2048


@dataclass(eq=False)
class Element:
    """One element of the tree: its tag, attributes and children (elements or text)."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = field(default=None, repr=False)
    children: list[Element | str] = field(default_factory=list, repr=False)

    def attr(self, name: str) -> str:
        """The attribute's value, '' when absent."""
        return self.attrs.get(name, "")


class _TreeBuilder(HTMLParser):
    """Builds an `Element` tree, closing unclosed elements at their ancestor's end tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self._current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # a page that never closed its <head>
            self._close("head")
        element = Element(tag, {name: value or "" for name, value in attrs}, self._current)
        self._current.children.append(element)
        if tag not in _VOID:
            self._current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self._current)
        self._current.children.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self._close(tag) and tag in _BLOCK:
            # A stray `</p>` still ends a paragraph (payload bodies often lack the `<p>`).
            self._current.children.append(Element(tag, {}, self._current))

    def handle_data(self, data: str) -> None:
        self._current.children.append(data)

    def _close(self, tag: str) -> bool:
        """Close the innermost open `tag` and everything opened inside it; False if none is open."""
        open_element: Element | None = self._current
        while open_element is not None and open_element.tag != tag:
            open_element = open_element.parent
        if open_element is None or open_element.parent is None:
            return False
        self._current = open_element.parent
        return True


def parse(markup: str) -> Element:
    """The element tree of a page or fragment (never raises on bad markup).

    Why: pages are cut, mis-nested and unclosed; a tree that is merely
    approximate is still good enough to find metadata and running text.
    """
    builder = _TreeBuilder()
    builder.feed(_CUT_TAG.sub("", markup))
    builder.close()
    return builder.root


def is_furniture(element: Element) -> bool:
    """Whether an element is page furniture (navigation, footer, scripts, share buttons).

    Why: such elements repeat on every page of a site; their text is not the
    release and would put the site's menu into every extraction.
    """
    return is_furniture_tag(element.tag, element.attr("class"), element.attr("id"))


def is_furniture_tag(tag: str, classes: str, id_: str) -> bool:
    """Whether an element of this tag, class and id is page furniture (see `is_furniture`);
    for other trees than this module's (the HTML reader's lxml tree)."""
    if tag in _DROPPED_TAGS:
        return True
    if tag in _KEPT_CONTAINERS:
        return False
    return bool(_FURNITURE.search(f"{classes} {id_}"))


def iter_elements(
    root: Element, prune: Callable[[Element], bool] = lambda _: False
) -> Iterator[Element]:
    """Every element under `root` (itself included) in document order, not entering pruned ones.

    Why: iterative, so a page nested thousands of levels deep cannot overflow
    the stack.
    """
    stack: list[Element] = [root]
    while stack:
        element = stack.pop()
        if element is not root and prune(element):
            continue
        yield element
        stack.extend(
            child for child in reversed(element.children) if isinstance(child, Element)
        )


def find_first(root: Element, tag: str, prune: Callable[[Element], bool] = is_furniture) -> Element | None:
    """The first `tag` element under `root` outside pruned subtrees, or None."""
    return next((el for el in iter_elements(root, prune) if el.tag == tag), None)


def inner_text(element: Element) -> str:
    """All the text under an element on one line (for titles and headings)."""
    parts = _text_parts(element, prune=lambda _: False, keep_newlines=False)
    return _ANY_SPACE.sub(" ", "".join(parts)).strip()


def readable_text(element: Element, keep_newlines: bool = False) -> str:
    """The running text under an element: one block per line, page furniture left out.

    Why: extractors read sentences and paragraphs; block elements (`<p>`,
    `<br>`, `<li>`, headings) are where lines break, while line breaks in the
    markup's source are only spaces, unless `keep_newlines` says the source
    has no block markup and its newlines are its paragraphs.
    """
    parts = _text_parts(element, prune=is_furniture, keep_newlines=keep_newlines)
    lines = (_LINE_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def looks_like_page(text: str) -> bool:
    """Whether a text is an HTML page: a doctype, `<html>`, `<head>` or `<body>` in its first 2 KB.

    Why: pages are told apart from text that merely quotes a tag by how they begin.
    """
    return _PAGE_START.search(text[:_PAGE_START_WINDOW]) is not None


def has_block_markup(markup: str) -> bool:
    """Whether a fragment marks its paragraphs with tags (else its newlines do)."""
    return bool(_BLOCK_TAG.search(markup))


def _text_parts(element: Element, prune: Callable[[Element], bool], keep_newlines: bool) -> list[str]:
    """The text pieces under an element in order, with a line break around each block."""
    parts: list[str] = []
    stack: list[Element | str | None] = [element]  # None: the end of a block
    while stack:
        item = stack.pop()
        if item is None:
            parts.append("\n")
        elif isinstance(item, str):
            parts.append(item if keep_newlines else _ANY_SPACE.sub(" ", item))
        elif item is element or not prune(item):
            if item.tag in _BLOCK:
                parts.append("\n")
                stack.append(None)
            stack.extend(reversed(item.children))
    return parts
