from kg.extract.agencies import find_agencies
from kg.extract.officials import find_officials


def officials(text, ref):
    agencies = find_agencies(text, ref)
    return [(o.name, o.title, o.agency.ref if o.agency else None)
            for o in find_officials(text, agencies, ref)]


def test_name_title_verb(small_ref):
    text = ("Fernando Ruiz, Acting Head of the European Cybercrime Centre (EC3) at Europol, "
            "adds, ‘This shows cooperation works.’")
    assert officials(text, small_ref) == [
        ("Fernando Ruiz", "Acting Head of the European Cybercrime Centre (EC3) at Europol", "europol")]


def test_verb_name_title(small_ref):
    text = '"We will not stop," said Jules Harriman, NCA Branch Commander.'
    assert officials(text, small_ref) == [("Jules Harriman", "NCA Branch Commander", "gb-nca")]


def test_title_name_verb(small_ref):
    text = "INTERPOL Secretary General Jürgen Stock said the results were clear."
    assert officials(text, small_ref) == [("Jürgen Stock", "INTERPOL Secretary General", "interpol")]


def test_according_to(small_ref):
    text = "According to Maria Lopez, Director of the Spanish National Police, it worked."
    assert officials(text, small_ref)[0][:2] == (
        "Maria Lopez", "Director of the Spanish National Police")


def test_pronouns_and_agencies_are_not_officials(small_ref):
    assert officials("He said the Spanish National Police said nothing.", small_ref) == []
