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


def test_nationalities_of_officers_are_countries(small_ref):
    text = "A joint operation between Polish, Spanish and Italian law enforcement authorities."
    assert codes(text, small_ref) == ["PL", "ES", "IT"]


def test_negation_and_background_are_not_evidence(small_ref):
    assert codes("The words were from Spain and not from Portugal.", small_ref) == ["ES"]
    assert codes("Cocaine shipped from Spain was seized in Austria.", small_ref) == ["AT"]


def test_a_footnote_mark_does_not_hide_a_country(small_ref):
    assert codes("1Austria, Spain and Portugal", small_ref) == ["AT", "ES", "PT"]


def test_names_in_other_languages(small_ref):
    assert codes("Entre los participantes estuvieron Turquía, Moldavia y Ucrania.", small_ref) == [
        "TR", "MD", "UA"]


def test_each_country_records_the_rule_that_found_it(small_ref):
    text = "Police in Spain worked with Polish and Italian law enforcement authorities."
    assert [(c.code, c.how) for c in find_countries(text, small_ref)] == [
        ("ES", "name"), ("PL", "nationality"), ("IT", "nationality")]


def test_a_region_named_after_another_country_is_its_own_countrys():
    from kg.reference import reference
    ref = reference()
    text = "Officers of New South Wales Police and police in Wales searched homes in New Jersey."
    found = find_countries(text, ref)
    assert [(text[c.span.start:c.span.end], c.code, c.how) for c in found] == [
        ("New South Wales", "AU", "region"), ("Wales", "GB", "name"), ("New Jersey", "US", "region")]


def test_background_lists_currencies_and_escapes_are_no_evidence():
    """Kinds from corpus/tune: names listed after a background name, a name's abbreviation in
    brackets, a currency, a route, an escape, a suspect's origin."""
    from kg.reference import reference
    ref = reference()
    cases = {
        "He trafficked drugs from source countries in South America such as Brazil, Colombia, and Peru.": [],
        "A gang importing salvage cars from the United States (US) was dismantled in Lithuania.": ["LT"],
        "Officers seized US$18,000 in cash.": [],
        "The corridor linking Afghanistan to Western Europe.": [],
        "He escaped from a prison in Uruguay in 2017.": [],
        "Police investigated a 51-year-old man from Morocco.": [],
        "Police in Spain and France arrested 12 suspects.": ["ES", "FR"],
    }
    for text, expected in cases.items():
        assert [c.code for c in find_countries(text, ref)] == expected, text
