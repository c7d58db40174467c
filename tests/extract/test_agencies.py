from kg.extract.agencies import find_agencies


def found(text, ref):
    return [(a.surface, a.ref, a.country, a.lead, a.generic) for a in find_agencies(text, ref)]


def test_curated_names_native_names_and_abbreviations(small_ref):
    text = "Europol supported the Spanish National Police (Policía Nacional) and the NCA."
    assert found(text, small_ref) == [
        ("Europol", "europol", None, False, False),
        ("Spanish National Police", "es-policia-nacional", "ES", False, False),
        ("Policía Nacional", "es-policia-nacional", "ES", False, False),
        ("NCA", "gb-nca", "GB", False, False),
    ]


def test_abbreviations_match_only_in_their_own_case(small_ref):
    assert found("The nca said nothing; Afp reported it.", small_ref) == []


def test_nationality_picks_among_bodies_sharing_a_name(small_ref):
    assert found("officers of the Austrian Bundeskriminalamt searched", small_ref) == [
        ("Austrian Bundeskriminalamt", "at-bk", "AT", False, False)]
    assert found("the German Bundeskriminalamt said", small_ref)[0][1] == "de-bka"


def test_unknown_agency_by_nationality_and_head_noun(small_ref):
    assert found("The Croatian National Police arrested two men.", small_ref) == [
        ("Croatian National Police", None, "HR", False, False)]


def test_head_noun_with_complement(small_ref):
    names = [a[0] for a in found("with the Portuguese Bureau of Investigation today", small_ref)]
    assert names == ["Portuguese Bureau of Investigation"]


def test_a_name_stops_at_and_and_at_line_breaks(small_ref):
    text = "the Dutch National Police and West Midlands Police\nHeadquartered in The Hague"
    assert [a[0] for a in found(text, small_ref)] == ["Dutch National Police", "West Midlands Police"]


def test_place_and_police(small_ref):
    assert [a[0] for a in found("Toronto Police Service and Local Police", small_ref)] == [
        "Toronto Police Service"]


def test_generic_national_reference(small_ref):
    assert found("Europol supported Spanish police.", small_ref)[1] == (
        "Spanish police", None, "ES", False, True)


def test_lead_roles(small_ref):
    text = ("The operation, led by the Spanish National Police, was supported by Europol. "
            "The NCA took control of the investigation. An AFP-led action followed.")
    leads = {a[0] for a in found(text, small_ref) if a[3]}
    assert leads == {"Spanish National Police", "NCA", "AFP"}


def test_not_agencies(small_ref):
    assert found("law enforcement from a Latin American country and the national police", small_ref) == []
