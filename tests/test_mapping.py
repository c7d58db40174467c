"""The mapping compared with a hand-written graph, triple by triple (no blank nodes, so no isomorphism needed)."""
import re
from datetime import date, datetime, timezone

from rdflib import XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.ids import NIF, OPG, Minter
from kg.mapping import reference_quads, release_quads
from kg.records import (Agency, BuildActivity, Country, Document, Fact, Official, Operation, Outcome,
                        Phrase, Release, Span)
from kg.serialize import to_dataset

TEXT = ("Operation Daylight, led by the Policía Nacional with Europol, ended with more than 46 "
        "arrests in Spain. Jane Doe, Head of Operations at Europol, said so.")
STARTED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
ACTIVITY = BuildActivity(STARTED, "9.9.9", "d" * 64, "e" * 64, 0.5)

EXPECTED = """
@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix rel: <https://example.org/id/release/> .
@prefix op: <https://example.org/id/operation/> .
@prefix out: <https://example.org/id/outcome/> .
@prefix off: <https://example.org/id/official/> .
@prefix ag: <https://example.org/id/agency/> .
@prefix c: <https://example.org/id/country/> .
@prefix g: <https://example.org/id/graph/> .
@prefix id: <https://example.org/id/> .

rel:0123456789abcdef {
  rel:0123456789abcdef a opg:Release ;
      opg:textHash "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" ;
      opg:sourcePath "a.txt", "b.txt" ;
      dcterms:title "Title" ;
      dcterms:issued "2020-04-21"^^xsd:date ;
      dcterms:source <https://example.org/news/1> ;
      opg:publisherName "Europol" ;
      dcterms:language "en" ;
      opg:reports op:daylight ;
      opg:quotes off:jane-doe ;
      prov:wasGeneratedBy <BUILD> ;
      prov:wasDerivedFrom <SOURCE_A>, <SOURCE_B> .
  op:daylight a opg:Operation ;
      opg:codename "Daylight" ;
      opg:involves ag:europol, ag:es-policia-nacional ;
      opg:ledBy ag:es-policia-nacional ;
      opg:country c:ES ;
      opg:outcome out:arrest-46 .
  out:arrest-46 a opg:Outcome ;
      opg:outcomeType opg:Arrest ;
      opg:count 46 ;
      rdfs:label "Arrest: more than 46 in Spain" ;
      opg:qualifier "more than" ;
      opg:inCountry c:ES ;
      opg:confidence 0.9 ;
      opg:method "trigger" .
  off:jane-doe a opg:Official ;
      foaf:name "Jane Doe" ;
      opg:title "Head of Operations" ;
      opg:memberOf ag:europol ;
      opg:confidence 0.9 ;
      opg:method "speech" .
  ag:europol a opg:Agency .
  ag:es-policia-nacional a opg:Agency .
  c:ES a opg:Country .

  <BUILD> a prov:Activity ; prov:startedAtTime "2026-01-02T03:04:05Z"^^xsd:dateTime ;
      prov:wasAssociatedWith <https://example.org/id/software/opgraph-9-9-9> ; prov:used <DATA>, <SHAPES> ;
      opg:minConfidence 0.5 .
  <https://example.org/id/software/opgraph-9-9-9> a prov:SoftwareAgent ; rdfs:label "opgraph 9.9.9" ; opg:version "9.9.9" .
  <DATA> a prov:Entity ; rdfs:label "opgraph reference data" ; opg:sha256 "DATA_SHA" .
  <SHAPES> a prov:Entity ; rdfs:label "opgraph SHACL shapes" ; opg:sha256 "SHAPES_SHA" .
  <SOURCE_A> a prov:Entity ; opg:path "a.txt" ; opg:sha256 "SHA_A" .
  <SOURCE_B> a prov:Entity ; opg:path "b.txt" ; opg:sha256 "SHA_B" .
}

<rel:0123456789abcdef/evidence> {
  rel:0123456789abcdef a nif:Context ;
      nif:isString "TEXT" ;
      nif:beginIndex "0"^^xsd:nonNegativeInteger ;
      nif:endIndex "153"^^xsd:nonNegativeInteger .
  out:arrest-46 opg:evidence <rel:0123456789abcdef/char=73,85> .
  off:jane-doe opg:evidence <rel:0123456789abcdef/char=104,112> .

  <rel:0123456789abcdef/char=10,18> a nif:Phrase ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "10"^^xsd:nonNegativeInteger ; nif:endIndex "18"^^xsd:nonNegativeInteger ;
      nif:anchorOf "Daylight" ; itsrdf:taIdentRef op:daylight ; nif:sentence <rel:0123456789abcdef/char=0,103> .
  <rel:0123456789abcdef/char=31,47> a nif:Phrase ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "31"^^xsd:nonNegativeInteger ; nif:endIndex "47"^^xsd:nonNegativeInteger ;
      nif:anchorOf "Policía Nacional" ; itsrdf:taIdentRef ag:es-policia-nacional ;
      nif:sentence <rel:0123456789abcdef/char=0,103> .
  <rel:0123456789abcdef/char=53,60> a nif:Phrase ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "53"^^xsd:nonNegativeInteger ; nif:endIndex "60"^^xsd:nonNegativeInteger ;
      nif:anchorOf "Europol" ; itsrdf:taIdentRef ag:europol ; nif:sentence <rel:0123456789abcdef/char=0,103> .
  <rel:0123456789abcdef/char=73,85> a nif:Phrase ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "73"^^xsd:nonNegativeInteger ; nif:endIndex "85"^^xsd:nonNegativeInteger ;
      nif:anchorOf "more than 46" ; itsrdf:taIdentRef out:arrest-46 ; nif:sentence <rel:0123456789abcdef/char=0,103> .
  <rel:0123456789abcdef/char=97,102> a nif:Phrase ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "97"^^xsd:nonNegativeInteger ; nif:endIndex "102"^^xsd:nonNegativeInteger ;
      nif:anchorOf "Spain" ; itsrdf:taIdentRef c:ES ; nif:sentence <rel:0123456789abcdef/char=0,103> .
  <rel:0123456789abcdef/char=104,112> a nif:Phrase ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "104"^^xsd:nonNegativeInteger ; nif:endIndex "112"^^xsd:nonNegativeInteger ;
      nif:anchorOf "Jane Doe" ; itsrdf:taIdentRef off:jane-doe ; nif:sentence <rel:0123456789abcdef/char=104,153> .
  <rel:0123456789abcdef/char=136,143> a nif:Phrase ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "136"^^xsd:nonNegativeInteger ; nif:endIndex "143"^^xsd:nonNegativeInteger ;
      nif:anchorOf "Europol" ; itsrdf:taIdentRef ag:europol ; nif:sentence <rel:0123456789abcdef/char=104,153> .
  <rel:0123456789abcdef/char=0,103> a nif:Sentence ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "103"^^xsd:nonNegativeInteger ;
      nif:anchorOf "SENTENCE_1" .
  <rel:0123456789abcdef/char=104,153> a nif:Sentence ; nif:referenceContext rel:0123456789abcdef ;
      nif:beginIndex "104"^^xsd:nonNegativeInteger ; nif:endIndex "153"^^xsd:nonNegativeInteger ;
      nif:anchorOf "SENTENCE_2" .

  <ST_CODENAME> a rdf:Statement ; rdf:subject op:daylight ; rdf:predicate opg:codename ; rdf:object "Daylight" ;
      opg:evidence <rel:0123456789abcdef/char=10,18> ; opg:confidence 0.95 ; opg:method "named" .
  <ST_INVOLVES_PN> a rdf:Statement ; rdf:subject op:daylight ; rdf:predicate opg:involves ;
      rdf:object ag:es-policia-nacional ;
      opg:evidence <rel:0123456789abcdef/char=31,47> ; opg:confidence 0.99 ; opg:method "curated+list" .
  <ST_INVOLVES_EUROPOL> a rdf:Statement ; rdf:subject op:daylight ; rdf:predicate opg:involves ;
      rdf:object ag:europol ;
      opg:evidence <rel:0123456789abcdef/char=53,60> ; opg:confidence 0.95 ; opg:method "curated" .
  <ST_LED_BY> a rdf:Statement ; rdf:subject op:daylight ; rdf:predicate opg:ledBy ; rdf:object ag:es-policia-nacional ;
      opg:evidence <rel:0123456789abcdef/char=31,47> ; opg:confidence 0.9 ; opg:method "phrase" .
  <ST_COUNTRY> a rdf:Statement ; rdf:subject op:daylight ; rdf:predicate opg:country ; rdf:object c:ES ;
      opg:evidence <rel:0123456789abcdef/char=97,102> ; opg:confidence 0.85 ; opg:method "name" .
  <ST_MEMBER> a rdf:Statement ; rdf:subject off:jane-doe ; rdf:predicate opg:memberOf ; rdf:object ag:europol ;
      opg:evidence <rel:0123456789abcdef/char=136,143> ; opg:confidence 0.95 ; opg:method "title" .
  <ST_ISSUED> a rdf:Statement ; rdf:subject rel:0123456789abcdef ; rdf:predicate dcterms:issued ;
      rdf:object "2020-04-21"^^xsd:date ; opg:confidence 1.0 ; opg:method "metadata" .
}

g:reference {
  ag:europol a opg:Agency ;
      skos:prefLabel "Europol" ;
      owl:sameAs <http://www.wikidata.org/entity/Q206359> ;
      opg:inReferenceData true .
  ag:es-policia-nacional a opg:Agency ;
      skos:prefLabel "Spanish National Police" ;
      skos:altLabel "Policía Nacional" ;
      opg:basedIn c:ES ;
      opg:inReferenceData true .
  c:ES a opg:Country ;
      skos:prefLabel "Spain" ;
      opg:countryCode "ES" ;
      opg:countryCodeAlpha3 "ESP" .
}
"""


def _expected(minter: Minter, key: str) -> str:
    """The golden TriG with the hashed IRIs (statements, build, sources) filled in."""
    def st(s: URIRef | str, p: URIRef, o) -> str:
        return str(minter.statement(key, s, p, o.n3()))

    op = "operation#0"
    pn, europol = minter.node("agency", "es-policia-nacional"), minter.node("agency", "europol")
    rel = minter.release(key)
    fills = {
        "<BUILD>": f"<{minter.build('9.9.9', '2026-01-02T03:04:05Z', 'd' * 64, 'e' * 64, '0.5')}>",
        "<DATA>": f"<{minter.data('d' * 64)}>", "<SHAPES>": f"<{minter.data('e' * 64)}>",
        "<SOURCE_A>": f"<{minter.source('a.txt', 'a' * 64)}>",
        "<SOURCE_B>": f"<{minter.source('b.txt', 'b' * 64)}>",
        "<ST_CODENAME>": f"<{st(op, OPG.codename, Literal('Daylight'))}>",
        "<ST_INVOLVES_PN>": f"<{st(op, OPG.involves, pn)}>",
        "<ST_INVOLVES_EUROPOL>": f"<{st(op, OPG.involves, europol)}>",
        "<ST_LED_BY>": f"<{st(op, OPG.ledBy, pn)}>",
        "<ST_COUNTRY>": f"<{st(op, OPG.country, minter.node('country', 'ES'))}>",
        "<ST_MEMBER>": f"<{st(minter.node('official', 'jane-doe'), OPG.memberOf, europol)}>",
        "<ST_ISSUED>": f"<{st(rel, DCTERMS.issued, Literal('2020-04-21', datatype=XSD.date))}>",
        '"TEXT"': f'"{TEXT}"', '"SENTENCE_1"': f'"{TEXT[:103]}"', '"SENTENCE_2"': f'"{TEXT[104:]}"',
        '"DATA_SHA"': f'"{"d" * 64}"', '"SHAPES_SHA"': f'"{"e" * 64}"',
        '"SHA_A"': f'"{"a" * 64}"', '"SHA_B"': f'"{"b" * 64}"',
    }
    text = EXPECTED
    for placeholder, value in fills.items():
        text = text.replace(placeholder, value)
    return re.sub(r"<rel:([0-9a-f]+/(?:char=\d+,\d+|evidence))>", r"<https://example.org/id/release/\1>", text)


def golden_release() -> tuple[Release, list[Agency], list[Country]]:
    """A release with every kind of fact, each with its evidence."""
    europol = Agency("europol", "Europol", (), None, True, ("http://www.wikidata.org/entity/Q206359",))
    pn = Agency("es-policia-nacional", "Spanish National Police", ("Policía Nacional",), "ES")
    spain = Country("ES", "Spain", alpha3="ESP")
    doc = Document(TEXT, ("a.txt", "b.txt"), "payload", title="Title", publisher="Europol",
                   url="https://example.org/news/1", published=date(2020, 4, 21), language="en",
                   source_hashes=("a" * 64, "b" * 64))
    outcome = Outcome("arrest-46", "Arrest", 46, "more than", "ES", spans=(Span(73, 85),),
                      confidence=0.9, method="trigger")
    facts = (Fact("codename", "Daylight", (Span(10, 18),), 0.95, "named"),
             Fact("involves", "es-policia-nacional", (Span(31, 47),), 0.99, "curated+list"),
             Fact("involves", "europol", (Span(53, 60),), 0.95, "curated"),
             Fact("ledBy", "es-policia-nacional", (Span(31, 47),), 0.9, "phrase"),
             Fact("country", "ES", (Span(97, 102),), 0.85, "name"))
    op = Operation("daylight", ("Daylight",), ("es-policia-nacional", "europol"),
                   ("es-policia-nacional",), ("ES",), (outcome,), facts=facts)
    official = Official("jane-doe", "Jane Doe", "Head of Operations", "europol", spans=(Span(104, 112),),
                        confidence=0.9, method="speech",
                        facts=(Fact("memberOf", "europol", (Span(136, 143),), 0.95, "title"),))
    first, second = Span(0, 103), Span(104, 153)
    phrases = (Phrase(Span(10, 18), first, (("operation", ""),)),
               Phrase(Span(31, 47), first, (("agency", "es-policia-nacional"),)),
               Phrase(Span(53, 60), first, (("agency", "europol"),)),
               Phrase(Span(73, 85), first, (("outcome", "arrest-46"),)),
               Phrase(Span(97, 102), first, (("country", "ES"),)),
               Phrase(Span(104, 112), second, (("official", "jane-doe"),)),
               Phrase(Span(136, 143), second, (("agency", "europol"),)))
    release = Release("0123456789abcdef" * 4, doc, date(2020, 4, 21), (op,), (official,),
                      (europol, pn), (spain,),
                      facts=(Fact("issued", "2020-04-21", (), 1.0, "metadata"),), phrases=phrases)
    return release, [europol, pn], [spain]


def test_release_and_reference_quads_match_the_golden_graph():
    release, agencies, countries = golden_release()
    minter = Minter("https://example.org/id/")
    built = to_dataset([*release_quads(release, minter, ACTIVITY),
                        *reference_quads(agencies, countries, minter)])
    expected = Dataset()
    expected.parse(data=_expected(minter, release.key), format="trig")
    for name in ("https://example.org/id/release/0123456789abcdef",
                 "https://example.org/id/release/0123456789abcdef/evidence",
                 "https://example.org/id/graph/reference"):
        got, want = built.graph(name), expected.graph(name)
        assert sorted(map(by_value, got)) == sorted(map(by_value, want)), name


def by_value(triple):
    """A triple with its literal by value and datatype ("...Z" and "...+00:00" are one time)."""
    s, p, o = triple
    return (s, p, (o.datatype or "", str(o.toPython())) if isinstance(o, Literal) else ("", str(o)))


def test_every_phrase_anchor_is_the_text_between_its_offsets():
    release, _, _ = golden_release()
    quads = list(release_quads(release, Minter(), ACTIVITY))
    anchors = {s: str(o) for s, p, o, _ in quads if p == NIF.anchorOf}
    begins = {s: int(o) for s, p, o, _ in quads if p == NIF.beginIndex}
    ends = {s: int(o) for s, p, o, _ in quads if p == NIF.endIndex}
    assert len(anchors) == 9  # seven phrases, two sentences
    assert all(TEXT[begins[s]:ends[s]] == anchor for s, anchor in anchors.items())


def test_a_release_without_metadata_has_no_invented_date_or_title():
    doc = Document("text", ("a.txt",), "plain")
    release = Release("ab" * 32, doc, None, (), ())
    preds = {str(p).rsplit("/", 1)[-1] for _, p, _, _ in release_quads(release, Minter())}
    assert "issued" not in preds and "title" not in preds


def test_an_outcome_label_reads_as_the_release_wrote_it():
    from kg.mapping import outcome_label
    assert outcome_label(Outcome("a", "Arrest", 20, "more than", "ES"), {"ES": "Spain"}) == \
        "Arrest: more than 20 in Spain"
    assert outcome_label(Outcome("s", "Seizure", 1, unit="EUR million", quantity=1400000.0, item="cash"),
                         {}) == "Seizure: cash, EUR 1.4 million"
    assert outcome_label(Outcome("s", "Seizure", 3, unit="t", quantity=3.2, item="cocaine"), {}) == \
        "Seizure: cocaine, 3.2 tonnes"
    assert outcome_label(Outcome("s", "Seizure", 1, unit="t", quantity=1.0, item="cocaine"), {}) == \
        "Seizure: cocaine, 1 tonne"
    assert outcome_label(Outcome("s", "Seizure", 600, unit="kg", quantity=600.0), {}) == "Seizure: 600 kg"
    assert outcome_label(Outcome("v", "VictimSafeguarded", 23), {}) == "Victim safeguarded: 23"
    assert outcome_label(Outcome("a", "Arrest", 4, country="XK"), {}) == "Arrest: 4 in XK"


def test_a_hostile_url_becomes_a_percent_encoded_source_or_none():
    # Regression (tests/test_fuzz.py): a URL holding a control character stopped the build
    # (the writers refuse the IRI), and one holding '%zz', U+FFFD, DEL or '[' was written as
    # an IRI that oxigraph refuses, so graph.nq and graph.ttl did not load.
    def source(url):
        doc = Document("text", ("a.txt",), "plain", url=url)
        quads = release_quads(Release("ab" * 32, doc, None, (), ()), Minter())
        return [str(o) for _, p, o, _ in quads if p == DCTERMS.source]

    assert source("https://ex.org/news/a\x01b %zz\ufffd\x7f[1]\u202e") == \
        ["https://ex.org/news/a%01b%20%25zz%EF%BF%BD%7F%5B1%5D%E2%80%AE"]
    assert source("https://ex.org/news/1") == ["https://ex.org/news/1"]
    assert source("javascript:alert(1)") == source("https://ex ample.org/") == source("http://") == []
