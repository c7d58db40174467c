"""The page-data payload reader: a release recovered from a JSON fragment cut at both ends."""
from __future__ import annotations

from datetime import date, datetime, timezone

from kg.ingest import fragment, payload

FOOTER = (
    r'\r\n\u00a9 2024<\/p>\r\n' "\n"
    r'Any use of Europol\u2019s logo requires prior written consent.<\/p>\r\n","footer-bottom-second":"' "\n"
    r'Europol is committed to user privacy.<\/p>\r\n"},"terms":{"tags":[],"languages":'
    r'[{"id":369,"title":"English"},{"id":370,"title":"French"}]}},'
)
# 2024-06-03 23:30 UTC is already 4 June in The Hague (UTC+2 in summer).
LATE_EVENING = int(datetime(2024, 6, 3, 23, 30, tzinfo=timezone.utc).timestamp())
NODE = (
    r'"NodeLoader":{"node":{"id":4100,"type":"news",'
    r'"title":"Police in five countries arrest 12 in \u2018Operation Lantern\u2019",'
    r'"alias":"\/media-press\/newsroom\/news\/police-in-five-countries-arrest-12",'
    rf'"published":{LATE_EVENING},"updated":1717500000,"body":"' "\n"
    r'<p>The Spanish National Police (Polic\u00eda Nacional) arrested 12 suspects.<\/p>\n\n' "\n"
    r'<p>Jane Doe, Head of EC3 <\/a>at Europol, said: \u2018We act together.\u2019<\/p>\n\n' "\n"
    r'<p>The investigation contin'
)
CUT_PAYLOAD = FOOTER + NODE


def test_sniff() -> None:
    assert payload.sniff(CUT_PAYLOAD)
    assert payload.sniff(FOOTER)
    assert not payload.sniff("Europol supported the operation.")
    assert not payload.sniff('<!DOCTYPE html><html><script>{"a":"<\\/p>","b":"x"}</script></html>')


def test_body_title_url_and_date_are_recovered() -> None:
    [document] = payload.read(CUT_PAYLOAD, "002.txt")
    assert document.text == (
        "The Spanish National Police (Policía Nacional) arrested 12 suspects.\n"
        "Jane Doe, Head of EC3 at Europol, said: ‘We act together.’\n"
        "The investigation contin"
    )
    assert document.title == "Police in five countries arrest 12 in ‘Operation Lantern’"
    assert document.url == "https://www.europol.europa.eu/media-press/newsroom/news/police-in-five-countries-arrest-12"
    assert document.published == date(2024, 6, 4)
    assert (document.publisher, document.language, document.format) == ("Europol", "en", "payload")


def test_footer_is_never_body_text() -> None:
    [document] = payload.read(CUT_PAYLOAD, "002.txt")
    for furniture in ("logo", "privacy", "©", "English", "French"):
        assert furniture not in document.text


def test_footer_only_payload_gives_nothing() -> None:
    assert payload.read(FOOTER + r'"NodeLoader":{"node":{"id":4919,"type":"news","title":', "081.txt") == []


def test_unescape_tolerates_a_cut_escape() -> None:
    assert fragment.unescape(r"Polic\u00eda \/ \"quoted\" \u20") == 'Policía / "quoted" '
    assert fragment.unescape(r"line\nbreak\\") == "line\nbreak\\"
    assert fragment.unescape("\\ud83d\\ude00 cut \\ud83d") == "\U0001F600 cut "


def test_legal_notices_inside_the_body_are_dropped() -> None:
    text = FOOTER + (
        r'"NodeLoader":{"node":{"id":1,"title":"T","published":1717457400,"body":"'
        r'<p>Nine suspects were arrested.<\/p><p>\u00a9 Europol 2024<\/p>'
        r'<p>Any use of Europol\u2019s logo requires prior written consent.<\/p>","updated":1}}'
    )
    [document] = payload.read(text, "x.txt")
    assert document.text == "Nine suspects were arrested."


def test_a_footer_body_is_not_the_release_when_the_node_marker_is_cut() -> None:
    text = (
        r'er"},"footer-block":{"body":"<p>Follow Europol on social media<\/p>"},'
        r'"id":7,"type":"news","title":"Raids in Poland","alias":"\/media-press\/newsroom\/news\/raids",'
        r'"body":"<p>Polish officers searched 11 properties.<\/p>"}'
    )
    [document] = payload.read(text, "cut.txt")
    assert document.text == "Polish officers searched 11 properties."
    assert document.title == "Raids in Poland"
    assert document.url == "https://www.europol.europa.eu/media-press/newsroom/news/raids"


def test_fields_know_where_they_sit_in_a_cut_fragment() -> None:
    cut = r'tail of a string","a":{"b":[{"title":"x"}],"c":"d\u00e9'
    found = [(f.path, f.key, f.text) for f in fragment.fields(cut)]
    assert found == [(("a", "b", ""), "title", "x"), (("a",), "c", "dé")]


def test_the_node_title_wins_over_other_titles() -> None:
    text = (
        r'x","site":{"title":"Europol newsroom","slogan":"\u00a0"},"NodeLoader":{"node":{"id":2,'
        r'"image":{"title":"Photo of seized drugs"},"title":"Cocaine seized in Rotterdam",'
        r'"body":"<p>Dutch police seized 600 kg.<\/p>"'
    )
    [document] = payload.read(text, "y.txt")
    assert document.title == "Cocaine seized in Rotterdam"


def test_body_with_closing_tags_only_reads_as_paragraphs() -> None:
    text = FOOTER + (
        r'"NodeLoader":{"node":{"id":3,"title":"T","body":"' "\n"
        r'The Polish Central Bureau of Investigation' "\n"
        r'searched 11 properties.<\/p>\n\n' "\n"
        r'Europol supported the action day.<\/p>\n\n' "\n"
    )
    [document] = payload.read(text, "z.txt")
    assert document.text == (
        "The Polish Central Bureau of Investigation searched 11 properties.\n"
        "Europol supported the action day."
    )


def test_a_lone_escaped_surrogate_becomes_a_replacement_character() -> None:
    # Every reader now turns a lone surrogate into U+FFFD (it was dropped here, kept elsewhere);
    # a high surrogate at the very end may have lost its low half to the cut, and goes.
    assert fragment.unescape(r"a \ud800 b \udc00 c \ud83d\ude00") == "a \ufffd b \ufffd c \U0001F600"
    assert fragment.unescape(r"cut \ud83d") == "cut "


def test_a_language_tag_longer_than_the_shapes_allow_is_no_language() -> None:
    # Regression (tests/test_fuzz.py): "en-abcdefghi" matched the reader's own pattern but
    # not the shapes' (subtags of at most 8), so the graph did not conform.
    text = CUT_PAYLOAD.replace('"type":"news",', '"type":"news","langcode":"en-abcdefghi",')
    [document] = payload.read(text, "002.txt")
    assert document.language == "en"  # the publisher's newsroom language
    [document] = payload.read(CUT_PAYLOAD.replace('"type":"news",', '"type":"news","langcode":"pt_BR",'), "002.txt")
    assert document.language == "pt-BR"


def test_the_alias_is_cleaned_like_every_other_field() -> None:
    # A bidi override or a control character in the alias reached the URL as it was.
    text = CUT_PAYLOAD.replace(r'police-in-five-countries-arrest-12"', r'a\u202e b\u0000c"')
    [document] = payload.read(text, "002.txt")
    assert document.url == "https://www.europol.europa.eu/media-press/newsroom/news/a b c"
