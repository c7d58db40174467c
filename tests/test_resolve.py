"""Resolution: stable identities for what the extractors found."""
from kg.extract import extract
from kg.records import Document
from kg.resolve import resolve


def resolved(text, ref, name="a.txt"):
    return resolve(extract(Document(text, (name,), "plain"), ref), ref)


def agencies(release):
    return {a.key: (a.label, a.country, a.known) for a in release.agencies}


def test_a_generic_national_reference_becomes_the_named_body(small_ref):
    release = resolved("Europol supported Spanish police. The Spanish National Police arrested 5 people.",
                       small_ref)
    assert set(agencies(release)) == {"europol", "es-policia-nacional"}


def test_a_generic_reference_stands_alone_where_no_body_is_named(small_ref):
    release = resolved("Europol supported Spanish police.", small_ref)
    [generic] = [a for a in release.agencies if not a.known]
    assert (generic.label, generic.country) == ("Spanish police", "ES")


def test_an_agency_not_in_the_list_has_the_same_identity_in_two_releases(small_ref):
    one = resolved("The Croatian National Police arrested 2 men.", small_ref, "a.txt")
    two = resolved("Officers of THE Croatian National Police searched 4 houses.", small_ref, "b.txt")
    assert [a.key for a in one.agencies] == [a.key for a in two.agencies]
    assert one.agencies[0].country == "HR"


def test_a_unit_folds_into_its_parent_when_both_are_named(small_ref):
    release = resolved("The European Cybercrime Centre (EC3) at Europol supported the NCA.", small_ref)
    assert set(agencies(release)) == {"europol", "gb-nca"}


def test_a_unit_named_alone_stays_a_unit(small_ref):
    release = resolved("EC3 supported the NCA.", small_ref)
    assert set(agencies(release)) == {"europol-ec3", "gb-nca"}


def test_officials_speak_for_the_top_body(small_ref):
    text = "Jane Doe, Head of the European Cybercrime Centre (EC3), said: 'We helped.'"
    release = resolved(text, small_ref)
    assert [(o.name, o.agency) for o in release.officials] == [("Jane Doe", "europol")]
    assert "europol" in agencies(release)


def test_countries_include_those_of_the_agencies(small_ref):
    release = resolved("The NCA and the Spanish National Police worked together.", small_ref)
    assert [c.code for c in release.countries] == ["ES", "GB"]
    assert [c.alpha3 for c in release.countries] == ["ESP", "GBR"]


def test_leads_are_kept(small_ref):
    release = resolved("The operation, led by the NCA, was supported by Europol.", small_ref)
    [op] = release.operations
    assert op.led_by == ("gb-nca",) and set(op.involves) == {"gb-nca", "europol"}


# -- evidence and confidence ------------------------------------------------------------------

TEXT = ("Operation Daylight was led by the Spanish police with the support of Europol. "
        "Officers arrested 12 suspects in Spain.")


def facts_of(release):
    [op] = release.operations
    return {(f.predicate, f.value): f for f in op.facts}


def test_every_fact_keeps_the_words_that_support_it(small_ref):
    release = resolved(TEXT, small_ref)
    found = facts_of(release)
    assert {TEXT[s.start:s.end] for s in found[("involves", "europol")].spans} == {"Europol"}
    assert found[("codename", "Daylight")].method == "named"
    [outcome] = release.operations[0].outcomes
    assert [TEXT[s.start:s.end] for s in outcome.spans] == ["12"]
    assert {p.span for p in release.phrases} >= {s for f in found.values() for s in f.spans}
    assert all(p.sentence.start <= p.span.start and p.span.end <= p.sentence.end for p in release.phrases)


def test_a_lead_is_no_surer_than_the_part_it_implies(small_ref):
    found = facts_of(resolved(TEXT, small_ref))
    [(generic, involved)] = [(k, f) for k, f in found.items() if k[0] == "involves" and k[1] != "europol"]
    led = found[("ledBy", generic[1])]
    assert involved.method == "generic" and led.confidence == involved.confidence == 0.6


def test_min_confidence_drops_the_weaker_facts_and_what_only_they_supported(small_ref):
    doc = Document(TEXT, ("a.txt",), "plain")
    sure = resolve(extract(doc, small_ref), small_ref, min_confidence=0.8)
    [op] = sure.operations
    assert op.involves == ("europol",) and op.led_by == ()
    assert all(f.confidence >= 0.8 for f in op.facts)
    assert {a.key for a in sure.agencies} == {"europol"}
    everything = resolve(extract(doc, small_ref), small_ref)
    assert len(everything.phrases) > len(sure.phrases)
