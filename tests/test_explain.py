"""kg explain: a release's text with its facts marked, as text, as HTML, and in a real browser."""
from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from kg.cli import main
from kg.errors import InputError
from kg.explain import (
    NIF,
    Entity,
    Explained,
    Fact,
    Phrase,
    Span,
    explain,
    explain_graph,
    find_release,
    graphs_of_files,
)
from kg.explain_views import to_html, to_text
from kg.ids import OPG
from kg.pipeline import build
from kg.serialize import union
from tests.browser import NO_NETWORK, chromium

FIXTURE = Path(__file__).parent / "fixtures" / "explain-releases.trig"
R1 = "https://w3id.org/opgraph/id/release/0123456789abcdef"
R2 = "https://w3id.org/opgraph/id/release/1111111111111111"
R3 = "https://w3id.org/opgraph/id/release/2222222222222222"
TEXT = ('Europol & Eurojust supported "Operation Glass Harbour" against a cocaine route, led by the '
        'Spanish National Police.\n'
        'On 12 March 2025 officers arrested 27 suspects in Spain and the Netherlands <ports & docks>.\n'
        '"The route is shut," said Jane Doe, spokesperson of Europol. Searches took place in Algeciras.')

EXPECTED_TEXT = """\
release: https://w3id.org/opgraph/id/release/0123456789abcdef
source:  wire/glass-harbour.txt
title:   Cocaine route shut: 27 arrests

[Europol]{agency} & [Eurojust]{agency} supported "Operation [Glass Harbour]{operation}" against a [cocaine]{crime-area} route, led by the [Spanish National Police]{agency}.
On [12 March 2025]{date} officers arrested [27 suspects]{outcome} in [Spain]{country} and the [Netherlands]{country} <ports & docks>.
"The route is shut," said [Jane Doe]{official}, spokesperson of [Europol]{agency}. Searches took place in [Algeciras]{location}.

inside or across other marks: 1
  "Spanish" {country} 91-98 in "Spanish National Police" 91-114

facts: 14
predicate   subject        object                   confidence  method        evidence
codename    Glass Harbour  Glass Harbour            0.95        named         "Glass Harbour"@40-53
issued      release        2025-03-13               1.00        metadata      -
involves    Glass Harbour  Eurojust                 0.99        curated+list  "Eurojust"@10-18
involves    Glass Harbour  Europol                  0.99        curated+list  "Europol"@0-7
involves    Glass Harbour  Spanish National Police  0.95        curated       "Spanish National Police"@91-114
ledBy       Glass Harbour  Spanish National Police  0.90        phrase        "Spanish National Police"@91-114
country     Glass Harbour  Netherlands              0.85        name          "Netherlands"@180-191
country     Glass Harbour  Spain                    0.85        name          "Spanish"@91-98, "Spain"@166-171
location    Glass Harbour  Algeciras                0.80        preposition   "Algeciras"@293-302
crimeArea   Glass Harbour  Drugs                    0.80        words         "cocaine"@65-72
actionDate  Glass Harbour  2025-03-12               0.90        date          "12 March 2025"@119-132
outcome     Glass Harbour  Arrest: 27               0.90        trigger       "27 suspects"@151-162
quotes      release        Jane Doe                 0.90        speech        "Jane Doe"@235-243
memberOf    Jane Doe       Europol                  0.95        title         "Europol"@261-268
"""

# (begin, end, classes, entity IRIs) of every mark the fixture's first release must show
EXPECTED_MARKS = [
    (0, 7, "agency", "https://w3id.org/opgraph/id/agency/europol"),
    (10, 18, "agency", "https://w3id.org/opgraph/id/agency/eurojust"),
    (40, 53, "operation", "https://w3id.org/opgraph/id/operation/glass-harbour-5f1c2a9b7d3e"),
    (65, 72, "crime-area", "https://w3id.org/opgraph/ontology#Drugs"),
    (91, 114, "agency", "https://w3id.org/opgraph/id/agency/es-pn"),
    (91, 98, "country", "https://w3id.org/opgraph/id/country/ES"),
    (119, 132, "date", ""),
    (151, 162, "outcome", "https://w3id.org/opgraph/id/outcome/arrest-27-a1b2c3d4e5f6"),
    (166, 171, "country", "https://w3id.org/opgraph/id/country/ES"),
    (180, 191, "country", "https://w3id.org/opgraph/id/country/NL"),
    (235, 243, "official", "https://w3id.org/opgraph/id/official/jane-doe-0a1b2c3d4e5f"),
    (261, 268, "agency", "https://w3id.org/opgraph/id/agency/europol"),
    (293, 302, "location", "https://w3id.org/opgraph/id/place/geonames-2522013"),
]


AGENCY = "\x1b[1;34m"  # bold blue: an agency's mark on a terminal


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def explained() -> Explained:
    return explain("wire/glass-harbour.txt", [FIXTURE])


class Page(HTMLParser):
    """What a test checks in a page: the marks (attributes and the text inside each, nested
    marks included), the text of the release, the fact links, and every id."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.open_marks: list[dict] = []
        self.text = ""
        self.in_text = 0
        self.links: list[dict] = []
        self.ids: set[str] = set()
        self.facts: list[str] = []
        self.tags: set[str] = set()
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if self.in_text:
            self.in_text += 1
        elif attrs.get("id") == "text":
            self.in_text = 1
        if tag == "mark":
            mark = {**attrs, "inner": ""}
            self.marks.append(mark)
            self.open_marks.append(mark)
        if tag == "a":
            self.links.append(attrs)
        if tag == "li" and "fact" in attrs.get("class", ""):
            self.facts.append(attrs["data-predicate"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open_marks.pop()
        if self.in_text:
            self.in_text -= 1

    def handle_data(self, data):
        if self.in_text:
            self.text += data
        for mark in self.open_marks:
            mark["inner"] += data


def check_marks(page: Page, text: str, expected: list[tuple[int, int, str, str]]) -> None:
    """Every expected mark is in the page, with its text, and the page's text is the release's."""
    assert page.text == text
    got = [(int(m["data-begin"]), int(m["data-end"]), m["class"], m["data-entity"]) for m in page.marks]
    assert got == expected
    for mark in page.marks:
        assert mark["inner"] == text[int(mark["data-begin"]):int(mark["data-end"])]
        assert mark["id"] == f"p-{mark['data-begin']}-{mark['data-end']}"


# --------------------------------------------------------------------------- the record

def test_fixture_offsets_match_the_anchors():
    graph = Dataset(default_union=True)
    graph.parse(FIXTURE, format="trig")
    phrases = list(graph.subjects(RDF.type, NIF.Phrase))
    assert len(phrases) == 15
    for phrase in phrases:
        context = graph.value(phrase, NIF.referenceContext)
        text = str(graph.value(context, NIF.isString))
        begin, end = int(graph.value(phrase, NIF.beginIndex)), int(graph.value(phrase, NIF.endIndex))
        assert text[begin:end] == str(graph.value(phrase, NIF.anchorOf))
        assert str(phrase).endswith(f"/char={begin},{end}")


def test_explained_record(explained):
    assert explained.release == R1
    assert explained.text == TEXT
    assert explained.source_paths == ("wire/glass-harbour.txt",)
    assert [(p.begin, p.end, p.kind) for p in explained.phrases][:6] == [
        (0, 7, "agency"), (10, 18, "agency"), (40, 53, "operation"), (65, 72, "crime-area"),
        (91, 114, "agency"), (91, 98, "country")]
    europol = explained.phrases[0]
    assert europol.entities == (Entity("https://w3id.org/opgraph/id/agency/europol", "Europol", "agency"),)
    assert europol.facts == ("involves",)
    led = next(f for f in explained.facts if f.predicate == "ledBy")
    assert led == Fact("ledBy", "Glass Harbour", "Spanish National Police", "0.90", "phrase",
                       (Span(91, 114, "Spanish National Police"),), "agency")
    issued = next(f for f in explained.facts if f.predicate == "issued")
    assert issued.evidence == ()


def test_a_graph_without_text_is_an_error():
    graph = Graph()
    graph.add((URIRef(R1), OPG.sourcePath, Literal("a.txt")))
    with pytest.raises(InputError, match="no text for this release"):
        explain_graph(graph, R1)


def test_offsets_outside_the_text_are_an_error():
    graph = Graph()
    phrase = URIRef(R1 + "/char=2,9")
    graph.add((URIRef(R1), NIF.isString, Literal("short")))
    for p, o in ((NIF.beginIndex, Literal(2)), (NIF.endIndex, Literal(9)), (NIF.referenceContext, URIRef(R1))):
        graph.add((phrase, p, o))
    graph.add((phrase, RDF.type, NIF.Phrase))
    with pytest.raises(InputError, match="outside the release text"):
        explain_graph(graph, R1)


# --------------------------------------------------------------------------- finding a release

@pytest.mark.parametrize("target, release", [
    (R1, R1),
    ("wire/glass-harbour.txt", R1),
    ("glass-harbour.txt", R1),
    ("../corpus/wire/glass-harbour.txt", R1),
    ("web/note.txt", R3),
    ("/data/web/note.txt", R3),
    ("wire\\note.txt", R2),
])
def test_find_release(target, release):
    assert find_release(graphs_of_files([FIXTURE]), target) == release


def test_a_file_name_of_several_releases_is_an_error():
    with pytest.raises(InputError) as exc:
        find_release(graphs_of_files([FIXTURE]), "note.txt")
    assert str(exc.value) == (
        f"'note.txt' matches 2 releases: {R2} (wire/note.txt); {R3} (web/note.txt); "
        "give the release IRI or a longer source path")


def test_an_unknown_release_is_an_error():
    with pytest.raises(InputError) as exc:
        find_release(graphs_of_files([FIXTURE]), "missing.txt")
    assert str(exc.value) == ("no release has the IRI or source path 'missing.txt' (3 releases in the graph, "
                              "e.g. wire/glass-harbour.txt, wire/note.txt, web/note.txt)")


# --------------------------------------------------------------------------- text

def test_text_marks_every_phrase_and_lists_the_facts(explained):
    assert to_text(explained) == EXPECTED_TEXT


def test_text_in_colour_has_a_legend_and_no_brackets(explained):
    text = to_text(explained, colour=True)
    assert text.splitlines()[3].startswith("legend:  " + AGENCY + "agency")
    assert f"{AGENCY}Europol\x1b[0m & {AGENCY}Eurojust\x1b[0m supported" in text
    assert "]{" not in text
    assert text.endswith(EXPECTED_TEXT.split("\nfacts: 14\n")[1])


def synthetic(text: str, spans: list[tuple[int, int, str]]) -> Explained:
    phrases = tuple(sorted((Phrase(Span(b, e, text[b:e]), (), (kind,)) for b, e, kind in spans),
                           key=lambda p: (p.begin, -p.end)))
    return Explained("https://example.org/release/x", None, (), text, phrases, ())


def test_nested_and_crossing_phrases_keep_the_outermost_in_text():
    text = "the Spanish National Police and Guardia Civil"
    e = synthetic(text, [(4, 27, "agency"), (4, 11, "country"), (21, 35, "other"), (32, 45, "agency")])
    assert to_text(e) == (
        "release: https://example.org/release/x\n\n"
        "the [Spanish National Police]{agency} and [Guardia Civil]{agency}\n\n"
        "inside or across other marks: 2\n"
        '  "Spanish" {country} 4-11 in "Spanish National Police" 4-27\n'
        '  "Police and Gua" {other} 21-35 across the end of "Spanish National Police" 4-27\n\n'
        "facts: 0\n")


def test_nested_phrases_nest_in_html_and_crossing_ones_are_listed():
    text = "the Spanish National Police and Guardia Civil"
    e = synthetic(text, [(4, 27, "agency"), (4, 11, "country"), (21, 35, "other"), (32, 45, "agency")])
    page = Page(to_html(e))
    check_marks(page, text, [(4, 27, "agency", ""), (4, 11, "country", ""), (32, 45, "agency", "")])
    assert '<mark id="p-4-27" class="agency"' in to_html(e)
    assert '<li data-begin="21" data-end="35">&quot;Police and Gua&quot; {other} 21-35</li>' in to_html(e)


# --------------------------------------------------------------------------- HTML

def test_html_marks_every_phrase_with_its_offsets(explained):
    page = Page(to_html(explained))
    check_marks(page, TEXT, EXPECTED_MARKS)
    assert page.marks[4]["title"] == "Spanish National Police (agency) - evidence for: involves, ledBy"
    # the nested mark sits inside the outer one
    assert page.marks[4]["inner"] == "Spanish National Police"


def test_html_lists_the_facts_by_predicate_linking_to_their_marks(explained):
    page = Page(to_html(explained))
    assert page.facts == ["codename", "issued", "involves", "involves", "involves", "ledBy", "country",
                          "country", "location", "crimeArea", "actionDate", "outcome", "quotes", "memberOf"]
    targets = [link["href"] for link in page.links]
    assert targets[:3] == ["#p-40-53", "#p-10-18", "#p-0-7"]
    assert all(t[1:] in page.ids for t in targets)
    assert {"#p-91-98", "#p-166-171"} <= set(targets)


def test_html_is_standalone_and_escaped(explained):
    text = to_html(explained)
    assert "&lt;ports &amp; docks&gt;" in text
    assert "<ports" not in text
    assert "<script" not in text and "http-equiv=\"Content-Security-Policy\"" in text
    assert "src=" not in text and "<link" not in text and "@import" not in text
    assert Page(text).tags >= {"html", "head", "style", "body", "mark", "aside"}


def test_html_escapes_labels_and_iris_in_attributes():
    text = 'He said "<b>" & left'
    label = 'A "quoted" <agency> & co'
    iri = 'https://example.org/agency/a"b'
    phrase = Phrase(Span(8, 13, '"<b>"'), (Entity(iri, label, "agency"),), ("agency",), ("involves",))
    fact = Fact("involves", "Op <1>", label, "0.99", "m&m", (phrase.span,), "agency")
    e = Explained("https://example.org/release/x", 'Title <i>&"', ("a&b.txt",), text, (phrase,), (fact,))
    page_text = to_html(e)
    page = Page(page_text)
    check_marks(page, text, [(8, 13, "agency", iri)])
    assert page.marks[0]["title"] == f"{label} (agency) - evidence for: involves"
    assert page.tags == {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "code",
                         "span", "main", "div", "mark", "aside", "h2", "section", "h3", "ul", "li", "a"}
    assert "<title>kg explain: Title &lt;i&gt;&amp;&quot;</title>" in page_text


# --------------------------------------------------------------------------- command line

def test_cli_explains_a_release_of_graph_files():
    result = run("explain", "glass-harbour.txt", "--graph", str(FIXTURE))
    assert result.output == EXPECTED_TEXT
    assert result.exit_code == 0


def test_cli_colour_on_request():
    result = run("explain", R2, "--graph", str(FIXTURE), "--colour")
    assert result.output.splitlines()[2].startswith("legend:")
    assert f"{AGENCY}Europol\x1b[0m supported the operation." in result.output
    assert run("explain", R2, "--graph", str(FIXTURE), "--no-colour").output == (
        f"release: {R2}\nsource:  wire/note.txt\n\n[Europol]{{agency}} supported the operation.\n\nfacts: 0\n")


def test_cli_writes_html(tmp_path):
    out = tmp_path / "page.html"
    result = run("explain", "wire/glass-harbour.txt", "--graph", str(FIXTURE), "--format", "html", "-o", str(out))
    assert result.output == f"wrote: {out}\n"
    assert result.exit_code == 0
    check_marks(Page(out.read_text(encoding="utf-8")), TEXT, EXPECTED_MARKS)
    stdout = run("explain", R1, "--graph", str(FIXTURE), "--format", "html")
    assert stdout.output == out.read_text(encoding="utf-8")


def test_cli_unknown_release_exits_2():
    result = run("explain", "nope.txt", "--graph", str(FIXTURE))
    assert result.exit_code == 2
    assert result.output == ("Error: no release has the IRI or source path 'nope.txt' (3 releases in the graph, "
                             "e.g. wire/glass-harbour.txt, wire/note.txt, web/note.txt)\n")


def test_cli_ambiguous_release_exits_2():
    result = run("explain", "note.txt", "--graph", str(FIXTURE))
    assert result.exit_code == 2
    assert result.output.startswith("Error: 'note.txt' matches 2 releases: ")


def test_cli_unreadable_graph_exits_2(tmp_path):
    result = run("explain", "a.txt", "--graph", str(tmp_path / "missing.nq"))
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'missing.nq'}: no such file\n"


def test_cli_missing_input_exits_2(tmp_path):
    result = run("explain", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.output == f"Error: input path does not exist: {tmp_path / 'nope.txt'}\n"


def test_cli_input_with_several_releases_asks_for_one(tmp_path):
    (tmp_path / "a.txt").write_text("Europol supported the Spanish National Police.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Eurojust supported the Dutch National Police.", encoding="utf-8")
    result = run("explain", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (f"Error: {tmp_path} holds 2 releases; explain one of them: "
                             f"{tmp_path / 'a.txt'}, {tmp_path / 'b.txt'}\n")


def test_cli_bad_base_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text("Europol supported the Spanish National Police.", encoding="utf-8")
    result = run("explain", str(tmp_path / "a.txt"), "--base", "not an iri")
    assert result.exit_code == 2
    assert result.output.startswith("Error: base IRI must be absolute")


# --------------------------------------------------------------------------- a headless browser

def rendered_dom(page: Path, profile: Path) -> str:
    """The DOM of a local page after a headless Chromium loaded it; file:// only, no network:
    background networking, component updates and sync are off, and every host name resolves
    to nothing."""
    done = subprocess.run(
        [chromium(), *NO_NETWORK, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
        check=False, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_page_renders_in_a_browser_with_every_mark(tmp_path, explained):
    page = tmp_path / "release.html"
    page.write_text(to_html(explained), encoding="utf-8")
    dom = rendered_dom(page, tmp_path / "profile")
    assert "<mark" in dom, dom[:500]
    rendered = Page(dom)
    check_marks(rendered, TEXT, EXPECTED_MARKS)
    assert rendered.facts == Page(to_html(explained)).facts
    assert "&lt;ports &amp; docks&gt;" in dom


# --------------------------------------------------------------------------- a release built from text

SEED = ("Europol supported the Spanish National Police and the Guardia Civil in Operation Glass Harbour, "
        "an investigation into cocaine trafficking. On 12 March 2025, officers arrested 27 suspects in Spain "
        "and seized 3 tonnes of cocaine.\n"
        '"This shows what cooperation achieves," said Jane Doe, Head of Operations at Europol.')


def test_a_release_built_from_text_marks_its_own_words(tmp_path):
    source = tmp_path / "glass-harbour.txt"
    source.write_text(SEED, encoding="utf-8")
    out = tmp_path / "page.html"
    result = run("explain", str(source), "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    assert page.text == SEED
    assert len(page.marks) >= 5
    for mark in page.marks:
        assert mark["inner"] == SEED[int(mark["data-begin"]):int(mark["data-end"])]
    # every phrase of the build is a mark, and each mark's words are its phrase's nif:anchorOf
    build([source], tmp_path / "built", check=False, evidence=True)
    whole = Dataset()
    for name in ("graph.nq", "evidence.nq"):
        whole.parse(tmp_path / "built" / name, format="nquads")
    ds = union(whole)
    anchors = {(int(ds.value(p, NIF.beginIndex)), int(ds.value(p, NIF.endIndex))): str(ds.value(p, NIF.anchorOf))
               for p in ds.subjects(RDF.type, NIF.Phrase)}
    assert {(int(m["data-begin"]), int(m["data-end"])): m["inner"] for m in page.marks} == anchors
    kinds = {m["class"] for m in page.marks}
    assert {"agency", "operation", "outcome"} <= kinds
    assert {"involves", "codename", "outcome"} <= set(page.facts)
    text = run("explain", str(source))
    assert text.exit_code == 0
    assert "[Europol]{agency} supported the [Spanish National Police]{agency}" in text.output
