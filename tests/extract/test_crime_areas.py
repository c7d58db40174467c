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


def test_phrases_are_found_as_the_single_alternation_finds_them():
    """_matches tries at each word only the phrases that begin with it, for speed; it must find
    exactly what one alternation of all the phrases finds, whatever the case, spacing or script."""
    import random

    from kg.extract.crime_areas import _matches, _patterns

    every, _, area_of = _patterns()
    phrases = list(area_of)
    pieces = [*phrases, *(p.upper() for p in phrases), *(p.title() for p in phrases),
              "s", "-", " ", "  ", "\n", "1", "é", "É", "ſ", "\u212a", "x", ".", "'", "İ", "child", "Cyber", "TRÁFICO"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _matches(text)] == [m.span() for m in every.finditer(text)], repr(text)
