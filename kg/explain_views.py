"""The two views of a release `kg explain` shows (an `Explained` record, see kg/explain.py):
its text with the phrases marked (ANSI colours on a terminal, bracketed tags otherwise),
and a standalone HTML page.

Overlapping phrases. The text form marks the outermost phrase: a phrase that starts inside
an earlier marked phrase (nested in it or crossing it) is not marked inline but listed
after the text with the phrase it stands in. The HTML form nests a phrase inside the one
that holds it (the DOM nests), and lists only phrases that cross another one's boundary,
which cannot be nested.

The page is read on phones and by colour-blind readers: one column on a narrow screen,
and each kind has a colour from a palette made for colour-blind vision and a letter after
each mark (declared with each kind in kg/data/model.toml, sources in kg/data/SOURCES.md).
"""
from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from kg.explain import KINDS, Explained, Fact, Phrase, Span
from kg.model import model
from kg.resources import data_path

# --------------------------------------------------------------------------- the palette


@dataclass(frozen=True)
class Look:
    """How a kind of phrase is shown: its letter, its background on the page, its SGR
    parameters on a terminal."""

    letter: str
    background: str
    ansi: str


@cache
def palette() -> dict[str, Look]:
    """Each kind's look, in KINDS order, as the model declares it (kg/data/model.toml)."""
    return {kind.name: Look(kind.letter, kind.background, kind.ansi) for kind in model().kinds.values()}


ANSI_RESET = "\x1b[0m"


def ansi(kind: str) -> str:
    """The escape sequence that starts a mark of `kind` on a terminal ('\\x1b[1;34m')."""
    return f"\x1b[{palette()[kind].ansi}m"


# --------------------------------------------------------------------------- text

def _text_layout(phrases: Sequence[Phrase]) -> tuple[list[Phrase], list[tuple[Phrase, Phrase]]]:
    """The outermost phrases, marked; and every other phrase with the marked one it starts in."""
    marked: list[Phrase] = []
    inside: list[tuple[Phrase, Phrase]] = []
    for phrase in phrases:
        if marked and phrase.begin < marked[-1].end:
            inside.append((phrase, marked[-1]))
        else:
            marked.append(phrase)
    return marked, inside


def _paint(words: str, kind: str) -> str:
    return f"{ansi(kind)}{words}{ANSI_RESET}"


def to_text(explained: Explained, colour: bool = False) -> str:
    """The release's text with each phrase marked, then the facts, one per line.

    With `colour`: each phrase in the ANSI colour of its kind, a legend at the top. Without:
    `[words]{kind}`. Phrases inside (or crossing) a marked phrase are listed after the text.
    """
    e = explained
    out = [f"release: {e.release}"]
    if e.source_paths:
        out.append(f"source:  {', '.join(e.source_paths)}")
    if e.title:
        out.append(f"title:   {e.title}")
    if colour:
        out.append("legend:  " + " ".join(_paint(kind, kind) for kind in KINDS))
    out.append("")
    marked, inside = _text_layout(e.phrases)
    pieces, at = [], 0
    for phrase in marked:
        pieces.append(e.text[at:phrase.begin])
        words = e.text[phrase.begin:phrase.end]
        pieces.append(_paint(words, phrase.kind) if colour else f"[{words}]{{{phrase.tag}}}")
        at = phrase.end
    pieces.append(e.text[at:])
    out.append("".join(pieces).rstrip("\n"))
    if inside:
        out += ["", f"inside or across other marks: {len(inside)}"]
        for phrase, outer in inside:
            words = _quoted(phrase.anchor)
            shown = _paint(words, phrase.kind) if colour else words
            where = "in" if phrase.end <= outer.end else "across the end of"
            out.append(f"  {shown} {{{phrase.tag}}} {phrase.begin}-{phrase.end} "
                       f"{where} {_quoted(outer.anchor)} {outer.begin}-{outer.end}")
    out += ["", f"facts: {len(e.facts)}"]
    if e.facts:
        rows = [("predicate", "subject", "object", "confidence", "method", "evidence")]
        rows += [(f.predicate, f.subject, f.object, f.confidence or "-", f.method or "-",
                  ", ".join(f"{_quoted(s.anchor)}@{s.begin}-{s.end}" for s in f.evidence) or "-")
                 for f in e.facts]
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        out += ["  ".join([*(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True)), row[5]]).rstrip()
                for row in rows]
    return "\n".join(out) + "\n"


def _quoted(words: str) -> str:
    """Words in double quotes, with quotes and line breaks escaped as in JSON."""
    return json.dumps(words, ensure_ascii=False)


# --------------------------------------------------------------------------- HTML

@cache
def page_css() -> str:
    """The page's style: the layout (kg/data/explain_page.css), then each kind's colour and
    letter. The kinds' rules come in reverse KINDS order: a mark of several kinds (class
    "agency country") takes the last rule that matches, which is its first kind's, as the
    text form tags it and as its title lists it."""
    rules = [f'.{kind} {{ background: {look.background}; }} mark.{kind}::after {{ content: "{look.letter}"; }}'
             for kind, look in reversed(palette().items())]
    return data_path("explain_page.css").read_text(encoding="utf-8") + "\n".join(rules) + "\n"


def _html_layout(phrases: Sequence[Phrase]) -> tuple[list[tuple[Phrase, list]], list[Phrase]]:
    """Phrases as a tree of marks (a phrase inside another nests in it); and those that cross
    a boundary of an earlier one, which cannot nest."""
    roots: list[tuple[Phrase, list]] = []
    stack: list[tuple[Phrase, list]] = []
    crossing: list[Phrase] = []
    for phrase in phrases:
        while stack and phrase.begin >= stack[-1][0].end:
            stack.pop()
        if stack and phrase.end > stack[-1][0].end:
            crossing.append(phrase)
            continue
        node: tuple[Phrase, list] = (phrase, [])
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots, crossing


def mark_id(span: Span) -> str:
    """The HTML id of the mark of a span: 'p-10-17'."""
    return f"p-{span.begin}-{span.end}"


def to_html(explained: Explained) -> str:
    """A standalone HTML page: the text with a `<mark>` per phrase (class: its kinds;
    data-entity, data-begin, data-end; a title naming its entities) and a side list of the
    facts grouped by predicate, each linking to the marks of its evidence; the legend gives
    each kind's colour and letter. No script, no external resource (a Content-Security-Policy
    forbids any), everything escaped."""
    e = explained
    roots, crossing = _html_layout(e.phrases)
    marked = {p.span for p in e.phrases} - {p.span for p in crossing}
    page = [*_html_header(e), "<main>",
            f'<div class="text" id="text">{_marked_text(e.text, roots, 0, len(e.text))}</div>',
            f'<aside class="facts"><h2>Facts ({len(e.facts)})</h2>',
            *_fact_sections(e.facts, marked), *_crossing_section(crossing),
            "</aside>", "</main>", "</body>", "</html>"]
    return "\n".join(page) + "\n"


def _html_header(e: Explained) -> list[str]:
    """The page's head and its header: the policy that forbids scripts and external
    resources, the viewport a phone needs, the style, and what the page shows (the release's
    title, else its first source, else its IRI) with the legend of the kinds."""
    esc = html.escape
    heading = e.title or (e.source_paths[0] if e.source_paths else e.release)
    page = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
            ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'\">"),
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>kg explain: {esc(heading)}</title>", f"<style>{page_css()}</style>", "</head>", "<body>",
            "<header>", f"<h1>{esc(heading)}</h1>",
            f'<p class="meta">release <code>{esc(e.release)}</code></p>']
    if e.source_paths:
        page.append(f'<p class="meta">source {esc(", ".join(e.source_paths))}</p>')
    page.append('<p class="meta legend">' + "".join(
        f'<span class="{kind}"><span class="letter">{esc(look.letter)}</span> {kind}</span>'
        for kind, look in palette().items()) + "</p>")
    return [*page, "</header>"]


def _marked_text(text: str, nodes: list[tuple[Phrase, list]], begin: int, end: int) -> str:
    """`text[begin:end]` escaped, with a `<mark>` around each phrase of `nodes` (a tree from
    `_html_layout`) holding the marks of the phrases inside it: the DOM nests as they do."""
    esc = html.escape
    parts, at = [], begin
    for phrase, children in nodes:
        parts.append(esc(text[at:phrase.begin]))
        title = "; ".join(f"{x.label} ({x.kind})" for x in phrase.entities) or phrase.tag
        if phrase.facts:
            title += " - evidence for: " + ", ".join(phrase.facts)
        entities = " ".join(x.iri for x in phrase.entities)
        parts.append(f'<mark id="{mark_id(phrase.span)}" class="{esc(" ".join(phrase.kinds))}" '
                     f'data-entity="{esc(entities)}" data-begin="{phrase.begin}" '
                     f'data-end="{phrase.end}" title="{esc(title)}">'
                     f'{_marked_text(text, children, phrase.begin, phrase.end)}</mark>')
        at = phrase.end
    parts.append(esc(text[at:end]))
    return "".join(parts)


def _fact_sections(facts: Sequence[Fact], marked: set[Span]) -> list[str]:
    """A section per predicate (in order of first appearance), a line per fact: its evidence
    links to the marks of its words, or shows them unlinked where they are not marked (a
    phrase crossing another) or says the fact rests on no words (the source's metadata)."""
    esc = html.escape
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(fact.predicate, []).append(fact)
    page: list[str] = []
    for predicate, group in groups.items():
        page.append(f'<section data-predicate="{esc(predicate)}"><h3>{esc(predicate)} '
                    f'<span class="count">({len(group)})</span></h3><ul>')
        for fact in group:
            links = " ".join(
                f'<a href="#{mark_id(s)}" data-begin="{s.begin}" data-end="{s.end}">{esc(_quoted(s.anchor))}</a>'
                if s in marked else f'<span class="unmarked">{esc(_quoted(s.anchor))}</span>'
                for s in fact.evidence) or '<span class="none">no words (metadata)</span>'
            page.append(f'<li class="fact {esc(fact.kind)}-fact" data-predicate="{esc(predicate)}">'
                        f'<span class="subject">{esc(fact.subject)}</span> &rarr; '
                        f'<span class="object">{esc(fact.object)}</span> '
                        f'<span class="confidence">{esc(fact.confidence or "-")}</span> '
                        f'<span class="method">{esc(fact.method or "-")}</span> '
                        f'<span class="evidence">{links}</span></li>')
        page.append("</ul></section>")
    return page


def _crossing_section(crossing: Sequence[Phrase]) -> list[str]:
    """The phrases that cross another mark's boundary, which HTML cannot nest, listed with
    their place in the text so none is lost from the page; nothing when there are none."""
    if not crossing:
        return []
    esc = html.escape
    return [f'<section class="crossing"><h3>Not marked: crossing another mark ({len(crossing)})</h3><ul>',
            *(f'<li data-begin="{p.begin}" data-end="{p.end}">{esc(_quoted(p.anchor))} '
              f'{{{esc(p.tag)}}} {p.begin}-{p.end}</li>' for p in crossing),
            "</ul></section>"]
