"""kg.writers: N-Quads, Turtle and JSON-LD written per chunk read back as the same graph.

Every check parses the text with real parsers (rdflib, and pyoxigraph, which keeps lexical
forms exactly), on the built examples graph, on the dev corpus's graph when ../shared is
there, and on hostile literals. Graphs are loaded through pyoxigraph into rdflib terms with
normalize=False, so a lexical form such as "1970-01-01T00:00:00Z" is what the writers get.
"""
from __future__ import annotations

import json
import os
import random
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg import writers
from kg.resources import context

ROOT = Path(__file__).parent.parent
CORPUS = Path(os.environ.get("OPGRAPH_CORPUS", ROOT.parent / "shared" / "corpus"))
CONTEXT = context()["@context"]
OPG = "https://w3id.org/opgraph/ontology#"
ID = "https://w3id.org/opgraph/id/"
G = URIRef("https://example.org/graph/1")


def prefixes_of(ctx: dict) -> dict[str, str]:
    """The context's prefixes (terms naming a namespace), as Turtle prefixes."""
    return {k: v for k, v in ctx.items()
            if isinstance(v, str) and not k.startswith("@") and v.endswith(("#", "/"))}


PREFIXES = prefixes_of(CONTEXT)


def expand(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


# --------------------------------------------------------------------------- helpers

def rdflib_term(term):
    """A pyoxigraph term as the rdflib term with exactly the same lexical form."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise AssertionError(f"unexpected term {term!r}")


def ox_quads(text: str, fmt: ox.RdfFormat) -> set[tuple]:
    """The quads pyoxigraph reads, as exact rdflib terms (graph None for the default graph)."""
    out = set()
    for q in ox.parse(text.encode("utf-8"), format=fmt):
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else rdflib_term(q.graph_name)
        out.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object), g))
    return out


def ox_triples(text: str, fmt: ox.RdfFormat) -> set[tuple]:
    return {q[:3] for q in ox_quads(text, fmt)}


def rdflib_quads(text: str) -> set[tuple]:
    ds = Dataset()
    ds.parse(data=text, format="nquads")
    return set(ds.quads((None, None, None, None)))


def rdflib_triples(text: str, fmt: str) -> set[tuple]:
    graph = Graph()
    graph.parse(data=text, format=fmt)
    return set(graph)


def load(path: Path) -> list[tuple]:
    """The quads of an N-Quads file, lexical forms exactly as written."""
    return sorted(ox_quads(path.read_text(encoding="utf-8"), ox.RdfFormat.N_QUADS), key=str)


def by_graph(quads) -> list[list[tuple]]:
    """Chunks as the build makes them: one per graph, release graphs sorted, reference last."""
    groups = defaultdict(list)
    for q in quads:
        groups[q[3]].append(q)
    names = sorted(groups, key=lambda g: ("/reference" in str(g), str(g)))
    return [groups[g] for g in names]


def write_all(chunks: list[list[tuple]]) -> tuple[str, str, str]:
    """The three files' text, chunk by chunk, as a streaming build writes them."""
    nq = "".join("".join(writers.nquads_lines(c)) for c in chunks)
    ttl = writers.turtle_header(PREFIXES) + "".join(
        writers.turtle_block([q[:3] for q in c], PREFIXES) for c in chunks)
    js = "".join(writers.jsonld_document(
        (writers.jsonld_chunk([q[:3] for q in c], CONTEXT) for c in chunks), CONTEXT))
    return nq, ttl, js


def rdflib_nquads(quads) -> list[str]:
    """rdflib's own N-Quads serialization of the quads, lines sorted."""
    ds = Dataset()
    for s, p, o, g in quads:
        ds.graph(g).add((s, p, o))
    return sorted({line + "\n" for line in ds.serialize(format="nquads").splitlines() if line.strip()})


def assert_round_trip(quads: list[tuple]) -> None:
    chunks = by_graph(quads)
    nq, ttl, js = write_all(chunks)
    exact = set(quads)
    triples = {q[:3] for q in quads}
    # Exact lexical forms: pyoxigraph reads all three formats back to the very same terms.
    assert ox_quads(nq, ox.RdfFormat.N_QUADS) == exact
    assert ox_triples(ttl, ox.RdfFormat.TURTLE) == triples
    assert ox_triples(js, ox.RdfFormat.JSON_LD) == triples
    # rdflib (which normalizes some lexical forms as it builds literals, on both sides alike).
    ds = Dataset()
    ds.parse(data=nq, format="nquads")
    reference = rdflib_quads("".join(writers.nquads_lines(quads)))
    assert set(ds.quads((None, None, None, None))) == reference
    union = {q[:3] for q in reference}
    assert rdflib_triples(ttl, "turtle") == union
    assert rdflib_triples(js, "json-ld") == union
    json.loads(js)


# --------------------------------------------------------------------------- real graphs

@pytest.fixture(scope="module")
def dev_graph(tmp_path_factory) -> Path:
    docs = CORPUS / "dev" / "docs"
    if not docs.is_dir():
        pytest.skip(f"no dev corpus at {docs}")
    from kg import build

    out = tmp_path_factory.mktemp("dev-graph")
    build([docs], out)
    return out / "graph.nq"


@pytest.mark.parametrize("graph", ["examples_graph", "dev_graph"])
def test_a_built_graph_written_per_chunk_reads_back_the_same(graph, request):
    quads = load(request.getfixturevalue(graph))
    assert len(quads) > 1000
    assert_round_trip(quads)


@pytest.mark.parametrize("graph", ["examples_graph", "dev_graph"])
def test_nquads_lines_are_rdflibs_lines(graph, request):
    quads = load(request.getfixturevalue(graph))
    ours = [line for chunk in by_graph(quads) for line in writers.nquads_lines(chunk)]
    assert sorted(ours) == rdflib_nquads(quads)


def test_the_packaged_context_is_fully_understood():
    assert writers.jsonld_unsupported_terms(CONTEXT) == {}


def test_jsonld_uses_terms_and_coercions_of_the_context(examples_graph):
    quads = load(examples_graph)
    nodes = writers.jsonld_nodes([q[:3] for q in quads], CONTEXT)
    keys = {k for n in nodes for k in n}
    assert {"@id", "@type", "confidence", "beginIndex", "isString", "wasGeneratedBy"} <= keys
    assert not any(":" in k for k in keys), "every property of the graph has a term"
    assert all(n["@id"].startswith("opgid:") for n in nodes)
    for n in nodes:
        for key in ("confidence", "beginIndex", "endIndex", "count", "quantity"):
            for value in (n[key] if isinstance(n.get(key), list) else [n.get(key)]):
                assert value is None or isinstance(value, str), (key, value)
    phrases = [n for n in nodes if n.get("@type") == "Phrase"]
    assert phrases and all(isinstance(n["referenceContext"], str) for n in phrases)


def test_a_node_split_over_chunks_is_merged_by_parsers():
    s = URIRef(ID + "operation/x")
    one = [(s, RDF.type, URIRef(OPG + "Operation")), (s, URIRef(OPG + "codename"), Literal("A"))]
    two = [(s, URIRef(OPG + "codename"), Literal("B")), (s, URIRef(OPG + "count"), Literal("3", datatype=XSD.integer))]
    text = "".join(writers.jsonld_document([writers.jsonld_chunk(one, CONTEXT), "",
                                            writers.jsonld_nodes(two, CONTEXT)], CONTEXT))
    assert [n["@id"] for n in json.loads(text)["@graph"]] == ["opgid:operation/x"] * 2
    assert rdflib_triples(text, "json-ld") == set(one) | set(two)
    assert ox_triples(text, ox.RdfFormat.JSON_LD) == set(one) | set(two)
    ttl = writers.turtle_header(PREFIXES) + writers.turtle_block(one, PREFIXES) + writers.turtle_block(two, PREFIXES)
    assert rdflib_triples(ttl, "turtle") == set(one) | set(two)


# --------------------------------------------------------------------------- hostile literals

HOSTILE = [
    "", '"', '""', '"""', '""""', 'ends with a quote"', 'ends with a backslash\\', "\\",
    '"starts with a quote', 'a """ triple quote', "a ''' triple apostrophe'", "back\\slash \\n \\u0041",
    "line\nbreak", "\n", "ends with newline\n", "cr\rlf\r\n", "tab\there", "quote before newline\"\n",
    "".join(chr(c) for c in range(0x20)) + "\x7f", "nul\x00byte", "\u200fright-to-left\u200e mark \u202e",
    "non-BMP \U0001F600 \U00010348 \U0010FFFF", "U+2028\u2028U+2029\u2029", "Národní centrála",
    "<not an iri>", "{}|^`", "@en", "^^<http://x/>", '\\"', '"\\', '\n"""\n', "trailing space ",
]
DT = URIRef("https://example.org/datatype")


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_literal_round_trips_in_every_format(text):
    s = URIRef(ID + "release/hostile")
    quads = [
        (s, URIRef(OPG + "codename"), Literal(text), G),                     # a plain term
        (s, URIRef("https://example.org/p"), Literal(text), G),               # no term at all
        (s, URIRef("https://example.org/p"), Literal(text, lang="en-GB"), G),
        (s, URIRef("https://example.org/p"), Literal(text, datatype=DT), G),
        (s, URIRef("http://purl.org/dc/terms/issued"), Literal(text, datatype=DT), G),   # xsd:date term
        (s, URIRef("http://purl.org/dc/terms/source"), Literal(text), G),     # @id term
    ]
    assert_round_trip(quads)


def test_literals_keep_their_lexical_form_exactly():
    s = URIRef(ID + "x")
    forms = [("0.9", XSD.decimal, "confidence"), ("1300000.0", XSD.decimal, "quantity"),
             ("2024-01-01T00:00:00Z", XSD.dateTime, "startedAtTime"), ("5", XSD.nonNegativeInteger, "beginIndex"),
             ("05", XSD.integer, "count"), ("+5", XSD.integer, "count"), ("7", XSD.integer, "count"),
             ("1", XSD.boolean, "inReferenceData"), ("2020", XSD.gYear, "startYear")]
    triples = [(s, expand(CONTEXT[term]["@id"]), Literal(lex, datatype=dt, normalize=False))
               for lex, dt, term in forms]
    assert [str(t[2]) for t in triples] == [f[0] for f in forms]
    quads = [(*t, G) for t in triples]
    nq = "".join(writers.nquads_lines(quads))
    ttl = writers.turtle_header(PREFIXES) + writers.turtle_block(triples, PREFIXES)
    js = "".join(writers.jsonld_document([writers.jsonld_chunk(triples, CONTEXT)], CONTEXT))
    for lex, _, _ in forms:
        assert f'"{lex}"' in nq
    assert '"05"^^xsd:integer' in ttl and '"+5"^^xsd:integer' in ttl and " 7" in ttl
    node = json.loads(js)["@graph"][0]
    assert node["quantity"] == "1300000.0" and node["beginIndex"] == "5" and node["inReferenceData"] == "1"
    assert sorted(node["count"]) == ["+5", "05", "7"]
    assert ox_quads(nq, ox.RdfFormat.N_QUADS) == set(quads)
    assert ox_triples(ttl, ox.RdfFormat.TURTLE) == set(triples)
    assert ox_triples(js, ox.RdfFormat.JSON_LD) == set(triples)


def test_xsd_string_is_written_as_a_plain_literal():
    t = (URIRef(ID + "x"), URIRef(OPG + "codename"), Literal("A", datatype=XSD.string))
    assert writers.nquads_lines([t]) == [f'<{ID}x> <{OPG}codename> "A" .\n']
    assert writers.turtle_block([t], PREFIXES) == 'opgid:x opg:codename "A" .\n\n'
    assert writers.jsonld_nodes([t], CONTEXT) == [{"@id": "opgid:x", "codename": "A"}]


# --------------------------------------------------------------------------- JSON-LD compaction

def test_values_that_do_not_match_a_terms_coercion_are_explicit():
    s = URIRef(ID + "x")
    triples = [
        (s, URIRef(OPG + "count"), Literal("1.5", datatype=XSD.decimal)),          # count is xsd:integer
        (s, URIRef("http://purl.org/dc/terms/source"), Literal("not an IRI")),      # source is @id
        (s, URIRef("http://purl.org/dc/terms/source"), URIRef(OPG + "Drugs")),      # @id: never a term
        (s, URIRef(OPG + "crimeArea"), URIRef(OPG + "Drugs")),                      # @vocab: the term
        (s, URIRef(OPG + "crimeArea"), URIRef(OPG + "NoSuchArea")),
        (s, URIRef(OPG + "codename"), URIRef(ID + "y")),                            # plain term, an IRI
        (s, URIRef(OPG + "codename"), Literal("Alpha", lang="en")),
        (s, RDF.type, Literal("a literal type")),
        (s, RDF.type, URIRef("https://example.org/Class")),
        (s, URIRef("https://example.org/p#q"), URIRef("urn:isbn:123")),
    ]
    [node] = writers.jsonld_nodes(triples, CONTEXT)
    assert node["count"] == {"@type": "xsd:decimal", "@value": "1.5"}
    assert node["source"] == ["opg:Drugs", {"@value": "not an IRI"}]
    assert node["crimeArea"] == ["Drugs", "opg:NoSuchArea"]
    assert node["codename"] == [{"@id": "opgid:y"}, {"@language": "en", "@value": "Alpha"}]
    assert node["rdf:type"] == "a literal type"
    assert node["@type"] == "https://example.org/Class"
    assert node["https://example.org/p#q"] == {"@id": "urn:isbn:123"}
    text = "".join(writers.jsonld_document([[node]], CONTEXT))
    assert rdflib_triples(text, "json-ld") == set(triples)
    assert ox_triples(text, ox.RdfFormat.JSON_LD) == set(triples)


def test_an_iri_the_context_would_misread_is_refused():
    # An IRI whose scheme is one of the context's prefixes reads back as the prefixed IRI.
    t = (URIRef(ID + "x"), URIRef(OPG + "source"), URIRef("opg:foo"))
    with pytest.raises(ValueError):
        writers.jsonld_nodes([t], CONTEXT)


def test_term_definitions_it_cannot_handle_fall_back_to_compact_iris():
    ctx = {"@version": 1.1, "ex": "https://example.org/",
           "list": {"@id": "ex:list", "@container": "@list"},
           "fr": {"@id": "ex:fr", "@language": "fr"},
           "rev": {"@reverse": "ex:rev"},
           "json": {"@id": "ex:json", "@type": "@json"},
           "set": {"@id": "ex:set", "@type": "@id", "@container": "@set"}}
    s = URIRef("https://example.org/s")
    triples = [(s, URIRef("https://example.org/" + p), o) for p, o in [
        ("list", Literal("a")), ("list", Literal("b")), ("fr", Literal("bonjour")), ("rev", URIRef("https://example.org/o")),
        ("json", Literal("{}")), ("set", URIRef("https://example.org/o"))]]
    assert set(writers.jsonld_unsupported_terms(ctx)) == {"list", "fr", "rev", "json"}
    [node] = writers.jsonld_nodes(triples, ctx)
    assert node["ex:list"] == ["a", "b"] and node["ex:fr"] == "bonjour" and node["ex:json"] == "{}"
    assert node["ex:rev"] == {"@id": "ex:o"} and node["set"] == "ex:o"
    text = "".join(writers.jsonld_document([[node]], ctx))
    assert rdflib_triples(text, "json-ld") == set(triples)
    assert ox_triples(text, ox.RdfFormat.JSON_LD) == set(triples)


def test_a_default_language_in_the_context_makes_plain_strings_explicit():
    ctx = {"ex": "https://example.org/", "name": "ex:name", "@language": "de"}
    t = (URIRef("https://example.org/s"), URIRef("https://example.org/name"), Literal("x"))
    [node] = writers.jsonld_nodes([t], ctx)
    assert node["name"] == {"@value": "x"}
    assert rdflib_triples("".join(writers.jsonld_document([[node]], ctx)), "json-ld") == {t}


# --------------------------------------------------------------------------- determinism

def test_the_same_triples_in_another_order_give_the_same_bytes(examples_graph):
    quads = load(examples_graph)
    shuffled = list(quads) + quads[:50]
    random.Random(7).shuffle(shuffled)
    assert write_all(by_graph(quads)) == write_all(by_graph(shuffled))
    for chunk, other in zip(by_graph(quads), by_graph(shuffled)):
        assert writers.nquads_lines(chunk) == writers.nquads_lines(other)


def test_turtle_puts_a_first_and_groups_by_subject():
    s = URIRef(ID + "op")
    triples = [(s, URIRef(OPG + "codename"), Literal("B")), (s, RDF.type, URIRef(OPG + "Operation")),
               (s, URIRef(OPG + "codename"), Literal("A")), (s, URIRef(OPG + "count"), Literal("3", datatype=XSD.integer)),
               (s, URIRef(OPG + "item"), Literal("x\ny"))]
    assert writers.turtle_block(triples, PREFIXES) == (
        'opgid:op a opg:Operation ;\n'
        '    opg:codename "A", "B" ;\n'
        '    opg:count 3 ;\n'
        '    opg:item """x\ny""" .\n\n')
    assert writers.turtle_header({"b": "https://b/", "a": "https://a/"}) == (
        "@prefix a: <https://a/> .\n@prefix b: <https://b/> .\n\n")
    assert writers.turtle_block([], PREFIXES) == "" and writers.nquads_lines([]) == []


def test_prefixed_names_only_for_safe_local_names():
    ns = "https://example.org/ns#"
    pre = {"ex": ns}
    cases = {"abc": "ex:abc", "a.b": "ex:a.b", "a-b_c9": "ex:a-b_c9", "9a": "ex:9a",
             "a.": f"<{ns}a.>", ".a": f"<{ns}.a>", "-a": f"<{ns}-a>", "a/b": f"<{ns}a/b>",
             "a:b": f"<{ns}a:b>", "a%20b": f"<{ns}a%20b>", "é": f"<{ns}é>", "": f"<{ns}>"}
    for local, expected in cases.items():
        t = (URIRef(ns + local), URIRef(ns + "p"), Literal("v"))
        block = writers.turtle_block([t], pre)
        assert block.startswith(expected + " "), (local, block)
        assert rdflib_triples(writers.turtle_header(pre) + block, "turtle") == {t}
        assert ox_triples(writers.turtle_header(pre) + block, ox.RdfFormat.TURTLE) == {t}


# --------------------------------------------------------------------------- bad input

BAD_IRIS = [f"https://example.org/a{c}b" for c in ' <>"{}|^`\\'] + [
    "https://example.org/a\nb", "https://example.org/a\x00b", "https://example.org/a\x1fb",
    "https://example.org/a\ud800b", "relative/iri", ""] + [
    # What RFC 3987 leaves out and oxigraph refuses to parse (found by tests/test_fuzz.py: such
    # IRIs were written, and graph.nq did not load): C1 controls, bidi formatting, private use,
    # noncharacters, specials, tags, a stray '%', brackets outside an IP literal host.
    f"https://example.org/a{c}b" for c in ["\x7f", "\x85", "\x9f", "\u200f", "\u202e", "\ue000", "\ufdd0",
                                            "\ufffd", "\uffff", "\U0001fffe", "\U000e0001", "\U0010ffff",
                                            "%", "%z", "%4z", "[", "]"]]


def test_iris_with_ip_literal_hosts_and_escapes_are_written():
    iris = ["http://[::1]/a", "http://u@[2001:db8::1]:80/p?q#f", "https://example.org/a%41%e2%80%aeb",
            "https://example.org/caf\u00e9/\U0001F600"]
    quads = [(URIRef(iri), URIRef("https://example.org/p"), URIRef(iri), G) for iri in iris]
    lines = writers.nquads_lines(quads)
    assert len(lines) == len(iris)
    assert len(list(ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_QUADS))) == len(iris)


@pytest.mark.parametrize("iri", BAD_IRIS)
@pytest.mark.parametrize("position", range(4))
def test_a_bad_iri_raises_rather_than_writing_a_broken_file(iri, position):
    ok = URIRef("https://example.org/ok")
    quad = [ok, ok, ok, ok]
    quad[position] = URIRef(iri)
    with pytest.raises(ValueError):
        writers.nquads_lines([tuple(quad)])
    if position < 3:
        with pytest.raises(ValueError):
            writers.turtle_block([tuple(quad[:3])], PREFIXES)
        with pytest.raises(ValueError):
            writers.jsonld_nodes([tuple(quad[:3])], CONTEXT)


@pytest.mark.parametrize("bad", [
    (BNode("b0"), URIRef("https://example.org/p"), Literal("x")),
    (URIRef("https://example.org/s"), URIRef("https://example.org/p"), BNode("b0")),
    (Literal("s"), URIRef("https://example.org/p"), Literal("x")),
    (URIRef("https://example.org/s"), Literal("p"), Literal("x")),
    (URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("x", datatype=URIRef("https://e/a b"))),
    (URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("lone \ud800 surrogate")),
])
def test_blank_nodes_misplaced_literals_and_unwritable_text_raise(bad):
    with pytest.raises(ValueError):
        writers.nquads_lines([(*bad, G)])
    with pytest.raises(ValueError):
        writers.turtle_block([bad], PREFIXES)
    with pytest.raises(ValueError):
        writers.jsonld_nodes([bad], CONTEXT)


def test_a_bad_language_tag_raises():
    literal = Literal("x", lang="en")
    literal._language = "en gb"  # rdflib refuses to make one; a writer must not trust its input
    t = (URIRef("https://example.org/s"), URIRef("https://example.org/p"), literal)
    for write in (lambda: writers.nquads_lines([t]), lambda: writers.turtle_block([t], PREFIXES),
                  lambda: writers.jsonld_nodes([t], CONTEXT)):
        with pytest.raises(ValueError):
            write()


def test_default_graph_quads_are_triple_lines():
    t = (URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("x"))
    assert writers.nquads_lines([t, (*t, None)]) == ['<https://example.org/s> <https://example.org/p> "x" .\n']


@pytest.mark.parametrize("name, syntax", [("graph.ttl", ox.RdfFormat.TURTLE),
                                          ("graph.jsonld", ox.RdfFormat.JSON_LD)])
def test_the_union_formats_write_each_triple_once(examples_graph, name, syntax):
    """The examples once repeated 64 triples there: the type of every agency and country once
    per release naming it (the reference graph states them), and the operation two releases
    report, once per release (now written once, after the release graphs)."""
    from collections import Counter
    written = Counter(ox.Triple(q.subject, q.predicate, q.object)
                      for q in ox.parse(path=str(examples_graph.parent / name), format=syntax))
    union = {ox.Triple(q.subject, q.predicate, q.object)
             for q in ox.parse(path=str(examples_graph.parent / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
    assert set(written) == union
    assert [t for t, n in written.items() if n > 1] == []
