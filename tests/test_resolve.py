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
