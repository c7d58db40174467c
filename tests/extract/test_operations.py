import pytest

from kg.extract.operations import find_operations


def names(text):
    return [o.codename for o in find_operations(text)]


def test_operation_names():
    assert names("Operation Pandora IX took place. Operation HAECHI III cracks down.") == [
        "Pandora IX", "HAECHI III"]


def test_quoted_codenames():
    assert names("the operation “Liberterra II” and an operation named 'Trojan Shield'") == [
        "Liberterra II", "Trojan Shield"]


def test_not_codenames():
    assert names("The operation was a success. Operational Taskforce. Operation The") == []


def test_names_given_with_a_naming_verb():
    assert names("The crackdown, codenamed Nightfall, ran for a week.") == ["Nightfall"]
    assert names("This operation, dubbed “Coral Reef II”, took place in May.") == ["Coral Reef II"]
    assert names("The operation, called ATLAS 4, lasted two months.") == ["ATLAS 4"]
    assert names("El operativo, conocido como Día de Acción Conjunta (DAC), unió a 20 países.") == [
        "Día de Acción Conjunta", "DAC"]


def test_a_naming_verb_that_names_something_else():
    assert names("The takedown of a botnet called Qakbot followed.") == []
    assert names("The operation targeted malware families called Smokeloader.") == []
    assert names("The investigation looked into so-called Flobert pistols.") == []


def test_standing_taskforces_and_editions():
    assert names("arrests in the framework of Operational Taskforce GRANIT.") == ["Operational Taskforce GRANIT"]
    assert names("An INTERPOL operation. SHIELD IV targeted fake medicines.") == ["SHIELD IV"]
    assert names("SHIELD IV targeted fake medicines.") == []  # no operation in the text at all


def test_a_name_never_runs_across_a_line_break():
    assert names("An INTERPOL-Europol led operation\n\n6 December 2011\n\nHundreds of tonnes") == []


def test_editions_of_a_series_are_distinct():
    assert names("Operation Pandora VII was followed by Operation Pandora IX.") == ["Pandora VII", "Pandora IX"]


def test_the_word_operation_is_never_part_of_a_codename():
    assert names("The action, dubbed Operation Glass Harbour, ended in May.") == ["Glass Harbour"]


# ---------------------------------------------------------------- how each codename was found


def hows(text):
    return [(o.codename, o.how) for o in find_operations(text)]


@pytest.mark.parametrize("text, expected", [
    ("Operation Daylight ended.", [("Daylight", "named")]),
    ("the operation 'Trojan Shield' began", [("Trojan Shield", "quoted")]),
    ("The crackdown, codenamed Nightfall, ran for a week.", [("Nightfall", "designated")]),
    ("Europol's Operational Taskforce LOS met.", [("Operational Taskforce LOS", "taskforce")]),
    ("HAECHI III cracked down on fraud. The operation ran in 30 countries.", [("HAECHI III", "edition")]),
])
def test_each_codename_records_the_rule_that_found_it(text, expected):
    assert hows(text) == expected


def test_a_name_two_rules_find_keeps_the_first_rule():
    """'Operation "Trojan Shield"' is both quoted and named: the quoted rule comes first."""
    assert hows("Operation 'Trojan Shield' began") == [("Trojan Shield", "quoted")]


def test_the_span_of_a_codename_is_the_name_without_the_word_operation():
    text = "The operation, called Operation Copper Tide, ended. The case, codenamed “Operation Glass Harbour”."
    found = find_operations(text)
    assert [(o.codename, text[o.span.start:o.span.end]) for o in found] == [
        ("Copper Tide", "Copper Tide"), ("Glass Harbour", "Glass Harbour")]


def test_codenames_after_the_operation_word_of_any_language():
    from kg.extract.operations import find_operations
    cases = {
        "La Guardia Civil, en la Operación Reina 33, detuvo a 6 personas.": ["Reina 33"],
        "A Polícia Federal deflagrou a Operação Reversus nesta terça.": ["Reversus"],
        "Operazione Atlantide: sette arresti.": ["Atlantide"],
        "Policjanci zakończyli. Operacja Słoń objęła trzy województwa.": ["Słoń"],
        "INTERPOL's Operation Thunder 2021 seized wildlife.": ["Thunder 2021"],
        "Operation Red Card 2.0 led to 651 arrests.": ["Red Card 2.0"],
        "The RCMP's Project Transatlantic Two ended.": ["Project Transatlantic Two"],
    }
    for text, names in cases.items():
        assert [o.codename for o in find_operations(text)] == names, text


@pytest.mark.parametrize("text, names", [
    ("Codenamed Thunder 2021, the operation involved Customs.", ["Thunder 2021"]),
    ("following an investigation code-named ‘Fuel family’ into a gang", ["Fuel family"]),
    ('• 3 July 2024: Investigation "Ambrosia" of the EPPO in Lisbon', ["Ambrosia"]),
    ("The operation known as Trojan Shield led to police raids in 16 nations.", ["Trojan Shield"]),
    ("a global sting operation Tuesday they said", []),
    ("investigatori del ROS (Raggruppamento Operativo Speciale) dei Carabinieri", []),
    ("El Operativo Tormenta se saldó con 12 detenidos.", ["Tormenta"]),
])
def test_codenames_of_kinds_the_tuning_corpus_missed(text, names):
    """Kinds of text from corpus/tune: 'codenamed' with no operation word, quoted names with
    words in lower case, investigations named in quotes, a name that ends where the lower case
    begins, weekdays, and 'Operativo' inside a unit's name."""
    assert [o.codename for o in find_operations(text)] == names
