import pytest

from kg.ids import Minter, check_base, keyed, normalize_name, slug


def test_slug_is_safe_ascii():
    assert slug("Policía Nacional (España)") == "policia-nacional-espana"
    assert slug("<script>\"x\" \u202e") == "script-x"


def test_normalized_names_ignore_case_accents_punctuation_and_the():
    assert normalize_name("The Policía  Nacional") == normalize_name("policia nacional")
    assert normalize_name("Canada’s police") == normalize_name("Canada's Police") == "canada police"


def test_keys_are_stable_and_depend_only_on_identity():
    assert keyed("West Midlands Police", "a", "b") == keyed("West Midlands Police", "a", "b")
    assert keyed("West Midlands Police", "a", "b") != keyed("West Midlands Police", "a", "c")
    assert keyed("West Midlands Police", "a", "b").startswith("west-midlands-police-")


def test_minted_iris_live_under_the_base():
    minter = Minter("https://example.org/kg/")
    assert str(minter.country("gb")) == "https://example.org/kg/country/GB"
    assert str(minter.release("ab" * 32)) == "https://example.org/kg/release/" + "ab" * 8


@pytest.mark.parametrize("base", ["example.org/", "https://example.org/x", "https://ex ample.org/"])
def test_bad_bases_are_refused(base):
    with pytest.raises(ValueError):
        check_base(base)
