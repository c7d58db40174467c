"""docs/ontology.html: the ontology's reference page, made by pyLODE from ontology/opgraph.ttl.

Why: a knowledge-graph engineer's first question is "what does this vocabulary mean?", and the
field answers it with a page made from the ontology itself (pyLODE, RDFLib's generator, or
Widoco): every class and property with its label, comment, domain, range and alignments, so
the page cannot say other than the Turtle. This module is what the page needs beyond pyLODE:
the same bytes for the same ontology (pyLODE orders a union's classes and its JSON-LD by
hash), no section twice (pyLODE repeats every functional property in a section of its own),
and a layout a phone can read. pyLODE is the `docs` extra: `kg` itself never needs it.

    python -m kg.ontology_docs            # from the repository's root: writes docs/ontology.html
"""
from __future__ import annotations

import html
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import lxml.html
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.errors import OpgraphError
from kg.ontology_schemes import add_scheme
from kg.resources import data_path, ontology_path

PAGE = Path("docs") / "ontology.html"
COMMAND = "python -m kg.ontology_docs"
INSTALL = "pip install -e '.[docs]'"


def render(ontology: Path | None = None) -> str:
    """The page for an ontology (by default the one kg ships), as one standalone HTML text."""
    source = Graph(bind_namespaces="none").parse(ontology or ontology_path(), format="turtle")
    ontpub, utils = _pylode()
    with _sets_in_order(utils):
        page = ontpub(_view(source), sort_subjects=True).make_html(include_css=True)
    doc = lxml.html.document_fromstring(page)
    _mark_functional(doc)
    _one_version_id(doc)
    _see_also(doc, source)
    for scheme in sorted(source.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        add_scheme(doc, source, scheme)
    _sort_json_ld(doc)
    _fit_phones(doc)
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="unicode").rstrip() + "\n"


def stale(page: Path = PAGE) -> bool:
    """Whether `page` differs from what `render()` makes now (missing counts as stale)."""
    return not page.is_file() or page.read_text(encoding="utf-8") != render()


def _pylode() -> tuple[Any, Any]:
    """pyLODE's OntPub and its utils module, imported without the side effect pyLODE's import has:
    one of its modules calls logging.basicConfig(level=DEBUG), which would print every library's
    debug messages of the process to stderr from then on."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        from pylode import OntPub, utils
    except ImportError as error:
        raise OpgraphError(f"pyLODE is not installed ({error}): {INSTALL}") from error
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub, utils


class _OrderedSet(set):
    """A set that iterates in the order of its members' text: pyLODE collects the classes of an
    owl:unionOf into a set() of HTML elements, which otherwise iterates in memory order."""

    def __iter__(self) -> Iterator[Any]:
        return iter(sorted(super().__iter__(), key=str))


@contextmanager
def _sets_in_order(utils: Any) -> Iterator[None]:
    """pyLODE's utils module sees `set` as _OrderedSet while the page is made (its one set() is
    the union's); restored afterwards, also on error."""
    utils.set = _OrderedSet
    try:
        yield
    finally:
        del utils.set


def _view(source: Graph) -> Graph:
    """The ontology as pyLODE should read it. Two changes, neither to what the ontology says:
    - the SKOS concept schemes (outcome types, crime areas) lose their type skos:ConceptScheme,
      which pyLODE's ontology profile takes for a second and third ontology, whose titles and
      descriptions it runs into the page's own;
    - comments are text, not HTML: pyLODE reads them as Markdown, where "<release>/char=..."
      would be a tag and vanish, so <, > and & are escaped first.
    The prefixes are the file's own (rdflib's defaults would make schema.org's "schema1")."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace)
    for triple in source:
        graph.add(triple)
    graph.remove((None, RDF.type, SKOS.ConceptScheme))
    for subject, comment in list(graph.subject_objects(RDFS.comment)):
        if isinstance(comment, Literal):
            graph.remove((subject, RDFS.comment, comment))
            graph.add((subject, RDFS.comment,
                       Literal(html.escape(str(comment), quote=False), lang=comment.language)))
    return graph


def _mark_functional(doc: Any) -> None:
    """pyLODE lists every functional property twice: in its own section (object or datatype
    properties) and again under "Functional Properties", with the same element ids. The second
    copy goes; the first gets pyLODE's own "fp" mark beside its "op" or "dp"."""
    sections = doc.xpath('//div[@id="functionalproperties"]')
    if not sections:
        return
    functional = {box.get("id") for box in sections[0].xpath('./div[contains(@class, "entity")]')}
    sections[0].drop_tree()
    for link in doc.xpath('//div[@id="toc"]//a[@href="#functionalproperties"]'):
        link.xpath("ancestor::li[1]")[0].drop_tree()
    for box in doc.xpath('//div[contains(@class, "entity")][@id]'):
        if box.get("id") in functional:
            mark = lxml.html.fragment_fromstring('<sup class="sup-fp" title="OWL Functional Property">fp</sup>')
            box.find("h3").append(mark)


def _see_also(doc: Any, source: Graph) -> None:
    """A "See Also" row in the box of each term with rdfs:seeAlso, which pyLODE does not show: it
    is how the ontology names the nearest public term where no sub-property or sub-class holds
    (opg:country and schema:location), so the page would otherwise hide those alignments."""
    boxes = {box.findtext(".//td/code"): box for box in doc.xpath('//div[contains(@class, "entity")][@id]')}
    for term, box in sorted(boxes.items()):
        seen = sorted(str(o) for o in source.objects(URIRef(term), RDFS.seeAlso) if isinstance(o, URIRef))
        if not seen:
            continue
        links = []
        for iri in seen:
            shown = source.namespace_manager.normalizeUri(URIRef(iri))
            links.append(f'<a href="{html.escape(iri)}">{html.escape(iri if shown.startswith("<") else shown)}</a>')
        row = lxml.html.fragment_fromstring(
            f'<tr><th><a class="hover_property" href="{RDFS.seeAlso}" title="Further information about the '
            f'subject resource. Defined in The RDF Schema vocabulary (RDFS)">See Also</a></th>'
            f'<td>{", ".join(links)}</td></tr>', create_parent=False)
        box.find("table").append(row)


def _one_version_id(doc: Any) -> None:
    """pyLODE's "made by pyLODE 3.3.4" line gives its version link the id "version", which is also
    the id of opg:version's box: the link keeps its look by a class instead."""
    for link in doc.xpath('//div[@id="pylode"]//a[@id="version"]'):
        del link.attrib["id"]
        link.set("class", "version")


def _sort_json_ld(doc: Any) -> None:
    """The schema.org description pyLODE puts in the head, in a fixed order (rdflib writes JSON-LD
    in the order of its hash tables)."""
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        nodes = json.loads(script.text)
        ordered = sorted(_sorted_values(nodes), key=lambda node: json.dumps(node, sort_keys=True))
        script.text = "\n" + json.dumps(ordered, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _sorted_values(nodes: Iterable[dict]) -> Iterator[dict]:
    for node in nodes:
        yield {key: sorted(value, key=lambda v: json.dumps(v, sort_keys=True)) if isinstance(value, list) else value
               for key, value in node.items()}


def _fit_phones(doc: Any) -> None:
    """A viewport, so a phone lays the page out at its own width rather than zooming out a
    desktop's, and kg/data/ontology_page.css after pyLODE's style (see that file). pyLODE's
    charset comes after its 5 kB of style, where a browser no longer looks for it: it goes first."""
    doc.set("lang", "en")
    head = doc.find("head")
    for charset in head.xpath('meta[@http-equiv="Content-Type"]'):
        head.insert(0, charset)
    viewport = lxml.html.fragment_fromstring('<meta name="viewport" content="width=device-width, initial-scale=1">')
    head.insert(1, viewport)
    style = lxml.html.fragment_fromstring("<style></style>")
    style.text = "\n" + data_path("ontology_page.css").read_text(encoding="utf-8")
    head.find("style").addnext(style)


@click.command(epilog="\b\nExamples:\n  python -m kg.ontology_docs\n  python -m kg.ontology_docs --check"
                      "\n  python -m kg.ontology_docs --output /tmp/ontology.html")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=PAGE, show_default=True,
              help="Where to write the page (relative paths from the current folder: the repository's root).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the page differs from the ontology's.")
def main(output: Path, check: bool) -> None:
    """Make the ontology's reference page (docs/ontology.html) from ontology/opgraph.ttl with pyLODE."""
    try:
        if check:
            if stale(output):
                click.echo(f"{output} is stale: run {COMMAND}", err=True)
                sys.exit(1)
            click.echo(f"{output} is current")
            return
        if not output.parent.is_dir():
            raise OpgraphError(f"no folder {output.parent}: run from the repository's root, or give --output")
        output.write_text(render(), encoding="utf-8")
    except OpgraphError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(error.exit_code)
    click.echo(f"wrote {output}")


if __name__ == "__main__":
    main()
