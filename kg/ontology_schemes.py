"""The SKOS concept schemes of the ontology (outcome types, crime areas) as sections of its page.

Why: the values of opg:outcomeType and opg:crimeArea are concepts, not classes or properties, and
pyLODE's ontology profile (OntPub) documents only classes and properties: without this, the page
would leave out the outcome types the contract lists. Each scheme becomes a section in pyLODE's
own markup (an entity box per concept, its label, IRI and definition) with its entries in the
table of contents, so the page reads as one. Concepts are in label order: RDF keeps no order.
"""
from __future__ import annotations

from typing import Any

import lxml.html
from lxml import etree
from lxml.html import builder as E
from rdflib import SKOS, Graph, Literal, URIRef
from rdflib.term import Node

CONCEPT_MARK = "con"
"""pyLODE's stylesheet has a colour for it (.sup-con); its legend gets a row for it here."""


def add_scheme(doc: Any, graph: Graph, scheme: Node) -> None:
    """A section for `scheme`, before the page's namespaces, and its entries in the contents."""
    concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=lambda concept: _label(graph, concept))
    section_id = _local(scheme).lower()
    title = _label(graph, scheme)
    section = E.DIV(E.H2(title), E.CLASS("section"), id=section_id)
    section.append(_table([("IRI", E.CODE(str(scheme))), ("Definition", _text(graph, scheme))]))
    for concept in concepts:
        box = E.DIV(E.H3(_label(graph, concept) + " ", _mark()), E.CLASS("property entity"), id=_local(concept))
        box.append(_table([("IRI", E.CODE(str(concept))), ("Definition", _text(graph, concept))]))
        section.append(box)
    etree.indent(section, "  ", level=3)
    doc.xpath('//div[@id="namespaces"]')[0].addprevious(section)
    entries = E.UL(*[E.LI(E.A(_label(graph, c), href="#" + _local(c))) for c in concepts], E.CLASS("second"))
    item = E.LI(E.H4(E.A(title, href="#" + section_id)), entries)
    etree.indent(item, "  ", level=4)
    doc.xpath('//div[@id="toc"]//a[@href="#namespaces"]/ancestor::li[1]')[0].addprevious(item)
    _legend_row(doc)


def _table(rows: list[tuple[str, Any]]) -> Any:
    return E.TABLE(*[E.TR(E.TH(name), E.TD(value)) for name, value in rows])


def _text(graph: Graph, term: Node) -> Any:
    """The English skos:definition as a paragraph: plain text, escaped by lxml."""
    return E.P(_english(graph, term, SKOS.definition))


def _label(graph: Graph, term: Node) -> str:
    return _english(graph, term, SKOS.prefLabel) or _local(term)


def _english(graph: Graph, term: Node, predicate: URIRef) -> str:
    values = sorted(graph.objects(term, predicate), key=lambda value: (getattr(value, "language", "") != "en", value))
    return str(values[0]) if values and isinstance(values[0], Literal) else ""


def _local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _mark() -> Any:
    return lxml.html.fragment_fromstring(f'<sup class="sup-{CONCEPT_MARK}" title="SKOS Concept">{CONCEPT_MARK}</sup>')


def _legend_row(doc: Any) -> None:
    """A row for the concepts' mark in pyLODE's legend, once."""
    legend = doc.xpath('//div[@id="legend"]/table')
    if legend and not legend[0].xpath(f'.//sup[@class="sup-{CONCEPT_MARK}"]'):
        legend[0].append(E.TR(E.TD(_mark()), E.TD("SKOS Concepts")))
