

def test_every_written_form_of_a_case_sensitive_pattern_matches():
    """'CBŚP' and 'CBSP' fold alike: both are abbreviations of one body, and both must match (the
    second one written used to replace the first)."""
    from kg.reference.gazetteer import Entry, Gazetteer
    g = Gazetteer([("CBŚP", Entry("agency", "pl-cbsp", case_sensitive=True)),
                   ("CBSP", Entry("agency", "pl-cbsp", case_sensitive=True))])
    assert [m.surface for m in g.find("CBŚP i CBSP, ale nie cbsp")] == ["CBŚP", "CBSP"]


def test_place_names_that_are_another_countrys_name_in_some_language():
    """'Island' (North Island) is no Iceland ('Ísland' folds to it), 'Granada' (the Spanish
    city) no Grenada, and the Niger Delta is Nigeria's."""
    from kg.reference import reference
    names = reference().country_names
    found = {t: [e.id for m in names.find(t) for e in m.entries]
             for t in ("across the North Island", "provincias de Granada y Alicante", "the Niger Delta region")}
    assert found == {"across the North Island": [], "provincias de Granada y Alicante": [],
                     "the Niger Delta region": ["NG"]}
