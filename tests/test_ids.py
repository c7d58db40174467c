import pytest

from kg.ids import Minter, check_base, keyed, normalize_name, slug, web_iri


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
    assert str(minter.node("country", "gb")) == "https://example.org/kg/country/GB"
    assert str(minter.release("ab" * 32)) == "https://example.org/kg/release/" + "ab" * 8


@pytest.mark.parametrize("base", ["example.org/", "https://example.org/x", "https://ex ample.org/",
                                  # what a strict parser refuses: the build stopped at its first IRI
                                  "https://example.org/%zz/", "https://example.org/\u202e/",
                                  "https://example.org/\x7f/", "https://example.org/[x]/"])
def test_bad_bases_are_refused(base):
    with pytest.raises(ValueError):
        check_base(base)


@pytest.mark.parametrize("url, iri", [
    ("https://www.europol.europa.eu/media-press/newsroom/news/a", "https://www.europol.europa.eu/media-press/newsroom/news/a"),
    ("  HTTPS://Ex.ORG/A?q=1&r=%41#top  ", "https://ex.org/A?q=1&r=%41#top"),
    ('https://ex.org/a b<c>"d"{e}|^`\\', "https://ex.org/a%20b%3Cc%3E%22d%22%7Be%7D%7C%5E%60%5C"),
    ("https://ex.org/\u202eevil\u200f/\x00\x7f%zz%4", "https://ex.org/%E2%80%AEevil%E2%80%8F/%00%7F%25zz%254"),
    ("https://Bücher.de/straße?ü=1#a#b", "https://xn--bcher-kva.de/stra%C3%9Fe?%C3%BC=1#a%23b"),
    ("https://ex.org:8080", "https://ex.org:8080"),
    ("https://ex.org/\ud800", "https://ex.org/%ED%A0%80"),
])
def test_web_iri_percent_encodes_what_rfc_3986_does_not_allow(url, iri):
    assert web_iri(url) == iri


@pytest.mark.parametrize("url", ["", "http://", "ftp://ex.org/a", "ex.org/a", "https://ex ample.org/",
                                 "https://[::1]/", "https://-ex.org/", "https://ex..org/", "https://u@ex.org/",
                                 "https://ex.org:port/", "mailto:a@ex.org"])
def test_web_iri_refuses_what_is_no_web_address(url):
    assert web_iri(url) is None


def test_every_web_iri_is_one_a_strict_parser_accepts():
    import pyoxigraph
    for code in list(range(0x0, 0x3000)) + [0xD800, 0xE000, 0xFDD0, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF]:
        iri = web_iri(f"https://ex.org/a{chr(code)}b?q{chr(code)}#f{chr(code)}")
        assert iri is not None and iri.isascii()
        pyoxigraph.NamedNode(iri)
