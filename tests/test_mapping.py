"""The mapping compared with a hand-written graph, by isomorphism (not as text)."""
from datetime import date

from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.ids import Minter
from kg.mapping import reference_quads, release_quads
from kg.records import Agency, Country, Document, Official, Operation, Outcome, Release
from kg.serialize import to_dataset

EXPECTED = """
@prefix opg: <https://w3id.org/opgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rel: <https://example.org/id/release/> .
@prefix op: <https://example.org/id/operation/> .
@prefix out: <https://example.org/id/outcome/> .
@prefix off: <https://example.org/id/official/> .
@prefix ag: <https://example.org/id/agency/> .
@prefix c: <https://example.org/id/country/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix g: <https://example.org/id/graph/> .

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
      opg:quotes off:jane-doe .
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
      opg:inCountry c:ES .
  off:jane-doe a opg:Official ;
      foaf:name "Jane Doe" ;
      opg:title "Head of Operations" ;
      opg:memberOf ag:europol .
  ag:europol a opg:Agency .
  ag:es-policia-nacional a opg:Agency .
  c:ES a opg:Country .
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


def test_release_and_reference_quads_match_the_golden_graph():
    europol = Agency("europol", "Europol", (), None, True, ("http://www.wikidata.org/entity/Q206359",))
    pn = Agency("es-policia-nacional", "Spanish National Police", ("Policía Nacional",), "ES")
    spain = Country("ES", "Spain", alpha3="ESP")
    doc = Document("text", ("a.txt", "b.txt"), "payload", title="Title", publisher="Europol",
                   url="https://example.org/news/1", published=date(2020, 4, 21), language="en")
    outcome = Outcome("arrest-46", "Arrest", 46, "more than", "ES")
    op = Operation("daylight", ("Daylight",), ("es-policia-nacional", "europol"),
                   ("es-policia-nacional",), ("ES",), (outcome,))
    release = Release("0123456789abcdef" * 4, doc, date(2020, 4, 21), (op,),
                      (Official("jane-doe", "Jane Doe", "Head of Operations", "europol"),),
                      (europol, pn), (spain,))
    minter = Minter("https://example.org/id/")
    built = to_dataset([*release_quads(release, minter),
                        *reference_quads([europol, pn], [spain], minter)])
    expected = Dataset()
    expected.parse(data=EXPECTED, format="trig")
    for name in ("https://example.org/id/release/0123456789abcdef",
                 "https://example.org/id/graph/reference"):
        got, want = built.graph(name), expected.graph(name)
        assert len(got) == len(want)
        assert isomorphic(got, want), name


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
                         {}) == "Seizure: 1 cash (EUR 1.4 million)"
    assert outcome_label(Outcome("s", "Seizure", 3, unit="t", quantity=3.2, item="cocaine"), {}) == \
        "Seizure: 3 cocaine (3.2 t)"
    assert outcome_label(Outcome("a", "Arrest", 4, country="XK"), {}) == "Arrest: 4 in XK"
