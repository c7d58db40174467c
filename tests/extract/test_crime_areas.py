from kg.extract.crime_areas import find_crime_areas


def areas(text):
    return [a.area for a in find_crime_areas(text)]


def test_an_area_said_twice_counts():
    assert areas("Police seized cocaine and heroin worth millions.") == ["Drugs"]


def test_a_passing_word_does_not_add_an_area():
    text = "Officers seized cocaine, cannabis and one pistol. Drugs were hidden in trucks."
    assert areas(text) == ["Drugs"]


def test_the_only_area_mentioned_counts_once_said():
    assert areas("A network of money launderers was dismantled.") == []
    assert areas("The money laundering network was dismantled.") == ["FraudAndMoneyLaundering"]


def test_several_areas_and_other_languages():
    text = ("Child sexual abuse material was shared; CSAM forums were closed. "
            "Se incautaron armas de fuego y armas de fuego automáticas.")
    assert areas(text) == ["ChildSexualAbuse", "Firearms"]
