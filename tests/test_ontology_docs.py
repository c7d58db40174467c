"""docs/ontology.html: current with ontology/opgraph.ttl, complete, the same bytes every time,
standalone, and readable on a phone (headless Chromium at 420 and 1400 CSS px)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.resources import ontology_path
from tests.browser import open_browser

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "ontology.html"
PHONE, DESKTOP = 420, 1400
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
ALIGNMENTS = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty, RDFS.seeAlso,
              RDFS.isDefinedBy)


def _pylode() -> None:
    """pyLODE is in the `test` extra: in CI (CI set) a missing one fails the test, elsewhere it skips."""
    try:
        import pylode  # noqa: F401
    except ImportError:
        (pytest.fail if os.environ.get("CI") else pytest.skip)("pyLODE is not installed: pip install -e '.[docs]'")


@pytest.fixture(scope="module")
def rendered() -> str:
    _pylode()
    from kg.ontology_docs import render
    return render()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def boxes(rendered) -> dict[str, lxml.html.HtmlElement]:
    """The page's box of each term, by the IRI it shows."""
    doc = lxml.html.fromstring(rendered)
    return {box.findtext(".//td/code"): box for box in doc.xpath('//div[contains(@class, "entity")][@id]')}


def words(text: str) -> str:
    """Text as a reader sees it: Markdown's backticks gone, white space as single spaces."""
    return " ".join(text.replace("`", "").split())


def iris(graph: Graph, node) -> list[str]:
    """A domain or range as the IRIs it names: itself, or the members of an owl:unionOf."""
    union = graph.value(node, OWL.unionOf)
    return [str(n) for n in Collection(graph, union)] if union is not None else [str(node)]


def test_the_page_is_current(rendered):
    assert PAGE.is_file(), "docs/ontology.html is missing: run python -m kg.ontology_docs from the repository's root"
    assert PAGE.read_text(encoding="utf-8") == rendered, (
        "docs/ontology.html is stale (ontology/opgraph.ttl, kg/ontology_docs.py or pyLODE changed): "
        "run python -m kg.ontology_docs from the repository's root")


def test_a_changed_ontology_changes_the_page(rendered, tmp_path):
    from kg.ontology_docs import render
    changed = tmp_path / "opgraph.ttl"
    changed.write_text(ontology_path().read_text(encoding="utf-8").replace(
        'rdfs:label "Operation"@en', 'rdfs:label "Police operation"@en'), encoding="utf-8")
    page = render(changed)
    assert page != rendered and "Police operation" in page and "Police operation" not in rendered


def test_every_class_and_property_has_a_box_with_label_comment_domain_range_and_alignments(ontology, boxes):
    missing = []
    for kind in KINDS:
        for term in sorted(t for t in ontology.subjects(RDF.type, kind) if isinstance(t, URIRef)):
            box = boxes.get(str(term))
            if box is None:
                missing.append(f"{term}: no box")
                continue
            shown = words(box.text_content())
            hrefs = {a.get("href") for a in box.iter("a")}
            local = {"#" + b.get("id"): iri for iri, b in boxes.items()}
            linked = hrefs | {local[h] for h in hrefs if h in local}
            label = ontology.value(term, RDFS.label)
            if label is None or words(box.findtext("h3")) != str(label):
                missing.append(f"{term}: label {label!r} not its heading")
            comment = ontology.value(term, RDFS.comment)
            if comment is None or words(str(comment)) not in shown:
                missing.append(f"{term}: comment not shown")
            for predicate in (RDFS.domain, RDFS.range, *ALIGNMENTS):
                for value in ontology.objects(term, predicate):
                    if isinstance(value, Literal):
                        continue
                    missing += [f"{term}: {predicate} {iri} not linked" for iri in iris(ontology, value)
                                if iri not in linked]
    assert missing == []


def test_every_opgraph_term_has_its_annotations_and_an_alignment_or_a_reason(ontology):
    """The ontology's side: label, comment, domain and range on every opg: property, label and
    comment on every class; an alignment unless the header names it as having none."""
    header = ontology_path().read_text(encoding="utf-8").split("@prefix", 1)[0]
    lacking = []
    for kind in KINDS:
        for term in sorted(t for t in ontology.subjects(RDF.type, kind) if isinstance(t, URIRef)):
            needed = [RDFS.label, RDFS.comment] + ([] if kind == OWL.Class or not str(term).startswith(
                "https://w3id.org/opgraph/") else [RDFS.domain, RDFS.range])
            lacking += [f"{term} {p}" for p in needed if ontology.value(term, p) is None]
            name = ontology.namespace_manager.normalizeUri(term)
            if not any(ontology.value(term, p) for p in ALIGNMENTS) and name not in header:
                lacking.append(f"{term}: no alignment, and the header does not say why")
    assert lacking == []


def test_the_concept_schemes_have_sections(ontology, boxes):
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        box = boxes[str(concept)]
        assert words(box.findtext("h3")) == str(ontology.value(concept, SKOS.prefLabel))
        assert words(str(ontology.value(concept, SKOS.definition))) in words(box.text_content())


def test_the_page_is_standalone_with_unique_ids():
    text = PAGE.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(text)
    assert [s.get("type") for s in doc.iter("script")] == ["application/ld+json"], "only data, no script"
    assert doc.xpath("//@src | //link[@rel='stylesheet'] | //iframe | //object") == []
    assert [u for u in re.findall(r"url\(([^)]*)\)|@import", text) if not u.startswith("data:")] == []
    assert all(link.get("href").startswith("data:") for link in doc.xpath("//link[@rel='icon']"))
    ids = doc.xpath("//@id")
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert doc.xpath("//head/*[1]/@http-equiv") == ["Content-Type"], "the charset comes first"


def test_the_same_ontology_gives_the_same_bytes_whatever_the_hash_seed(tmp_path):
    """pyLODE orders some things by Python's string hashes, which change with each process."""
    _pylode()
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-m", "kg.ontology_docs", "-o", str(tmp_path / f"{seed}.html")],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
    assert (tmp_path / "1.html").read_bytes() == (tmp_path / "2.html").read_bytes() == PAGE.read_bytes()


def test_check_says_when_the_page_is_stale_and_bad_output_is_an_error(tmp_path):
    _pylode()
    from kg.ontology_docs import main
    (tmp_path / "old.html").write_text("<html></html>\n", encoding="utf-8")
    stale = CliRunner().invoke(main, ["--check", "-o", str(tmp_path / "old.html")])
    assert (stale.exit_code, stale.output) == (1, f"{tmp_path / 'old.html'} is stale: run python -m kg.ontology_docs\n")
    current = CliRunner().invoke(main, ["--check", "-o", str(PAGE)])
    assert (current.exit_code, current.output) == (0, f"{PAGE} is current\n")
    nowhere = CliRunner().invoke(main, ["-o", str(tmp_path / "no" / "page.html")])
    assert (nowhere.exit_code, nowhere.output) == (
        2, f"Error: no folder {tmp_path / 'no'}: run from the repository's root, or give --output\n")


MEASURE = """(() => ({
  viewport: innerWidth, pageWidth: document.documentElement.scrollWidth,
  content: document.getElementById('content').getBoundingClientRect().width,
  toc: getComputedStyle(document.getElementById('toc')).position,
  requests: performance.getEntriesByType('resource').map(r => r.name),
}))()"""


@pytest.fixture(scope="module")
def seen(tmp_path_factory) -> dict[int, dict]:
    folder = tmp_path_factory.mktemp("ontology-page")
    found = {}
    with open_browser(folder / "profile") as browser:
        for width in (PHONE, DESKTOP):
            browser.open(PAGE, width)
            found[width] = browser.evaluate(MEASURE)
    return found


def test_on_a_phone_the_page_is_one_column_at_its_width(seen):
    phone = seen[PHONE]
    assert phone["viewport"] == PHONE, "the page is wider than the phone: it was zoomed out to fit"
    assert phone["pageWidth"] <= PHONE, "the page scrolls sideways"
    assert phone["content"] >= PHONE - 40, f"the text is {phone['content']} px wide on a {PHONE} px phone"
    assert phone["toc"] == "static", "the table of contents covers the text"


def test_on_a_desktop_the_contents_stay_beside_the_text(seen):
    desktop = seen[DESKTOP]
    assert desktop["pageWidth"] <= DESKTOP
    assert desktop["toc"] == "fixed"
    assert desktop["content"] >= 1000


def test_no_request_leaves_the_page(seen):
    assert seen[PHONE]["requests"] == seen[DESKTOP]["requests"] == []
