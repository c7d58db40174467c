

def test_every_written_form_of_a_case_sensitive_pattern_matches():
    """'CBŚP' and 'CBSP' fold alike: both are abbreviations of one body, and both must match (the
    second one written used to replace the first)."""
    from kg.reference.gazetteer import Entry, Gazetteer
    g = Gazetteer([("CBŚP", Entry("agency", "pl-cbsp", case_sensitive=True)),
                   ("CBSP", Entry("agency", "pl-cbsp", case_sensitive=True))])
    assert [m.surface for m in g.find("CBŚP i CBSP, ale nie cbsp")] == ["CBŚP", "CBSP"]
