from kg.extract.countries import find_countries


def codes(text, ref):
    return [c.code for c in find_countries(text, ref)]


def test_names_and_short_forms(small_ref):
    assert codes("authorities from Austria, Spain, the UK and the US took part", small_ref) == [
        "AT", "ES", "GB", "US"]


def test_dateline_is_not_evidence(small_ref):
    assert codes("LYON, France – Police in Spain arrested two men.", small_ref) == ["ES"]


def test_seat_of_an_organisation_is_not_evidence(small_ref):
    assert codes("Europol, headquartered in the Netherlands, helped Spain.", small_ref) == ["ES"]


def test_demonyms_alone_are_not_countries(small_ref):
    assert codes("a Spanish man was arrested", small_ref) == []
