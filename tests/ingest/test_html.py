"""The HTML page reader: the article's text and the page's own metadata."""
from __future__ import annotations

from datetime import date

import pytest

from kg.ingest import html

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Fallback title | Police</title>
  <meta property="og:title" content="Operation Copper Tide: five convicted">
  <meta property="og:site_name" content="National Crime Agency">
  <meta property="og:url" content="https://example.org/og">
  <meta property="article:published_time" content="2025-02-20T10:15:00+00:00">
  <link rel="canonical" href="https://example.org/news/copper-tide">
  <script>var menu = "Script text";</script>
</head>
<body>
  <div class="cookie-banner">We use cookies.</div>
  <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
  <main>
    <article>
      <p>Five men were convicted
        after   Operation Copper Tide.</p>
      <p>The Polish Central Bureau of Investigation<br>searched 11 properties &amp; seized 38 firearms.</p>
      <div class="share-links">Share on X</div>
    </article>
    <aside>Related news</aside>
  </main>
  <footer>&copy; Crown copyright</footer>
</body>
</html>
"""


def test_sniff() -> None:
    assert html.sniff(PAGE)
    assert html.sniff("<body><p>Text</p></body>")
    assert not html.sniff("Europol supported the operation <b>today</b>.")


def test_article_text_without_furniture() -> None:
    [document] = html.read(PAGE, "page.html")
    assert document.text == (
        "Five men were convicted after Operation Copper Tide.\n"
        "The Polish Central Bureau of Investigation\n"
        "searched 11 properties & seized 38 firearms."
    )


def test_metadata() -> None:
    [document] = html.read(PAGE, "page.html")
    assert document.title == "Operation Copper Tide: five convicted"
    assert document.published == date(2025, 2, 20)
    assert document.url == "https://example.org/news/copper-tide"
    assert document.publisher == "National Crime Agency"
    assert document.language == "en"
    assert document.format == "html"


def test_fallbacks_title_time_and_body() -> None:
    page = (
        "<html><head><title> Arrests in Spain </title></head><body><nav>Menu</nav>"
        "<article><time datetime='2024-05-03'>3 May</time><p>Twelve arrested.</p></article>"
        "<div id='footer'>Footer</div></body></html>"
    )
    [document] = html.read(page, "p.html")
    assert document.title == "Arrests in Spain"
    assert document.published == date(2024, 5, 3)
    assert document.text == "3 May\nTwelve arrested."
    assert (document.url, document.language, document.publisher) == (None, None, None)


def test_no_date_without_metadata_and_h1_title() -> None:
    page = "<html><body><h1>Europol action day</h1><p>Published 4 June 2024. Nine arrests.</p></body></html>"
    [document] = html.read(page, "p.html")
    assert document.published is None
    assert document.title == "Europol action day"
    assert document.text == "Europol action day\nPublished 4 June 2024. Nine arrests."


def test_page_without_text_gives_nothing() -> None:
    assert html.read("<html><body><nav>Home</nav><footer>Footer</footer></body></html>", "p.html") == []


def test_hostile_metadata_is_cleaned_and_a_bad_lang_is_no_language() -> None:
    # Regression (tests/test_fuzz.py): `lang="English (UK)"` became a dcterms:language the
    # shapes refuse; metadata now goes through the same cleaning as the text.
    page = ('<html lang="English (UK)"><head><title>A\x00 &#x202E;title&#xD800;</title>'
            '<meta property="og:site_name" content="\u200fNCA\x1f"></head>'
            "<body><p>Ten arrests.</p></body></html>")
    [document] = html.read(page, "page.html")
    assert (document.title, document.publisher, document.language) == ("A title\ufffd", "NCA", None)
    [document] = html.read(page.replace("English (UK)", "en_GB"), "page.html")
    assert document.language == "en-GB"


# A news page laid out with plain <div>s, as many agency and news sites are: a link bar, a
# "latest news" column and a footer, each naming agencies and countries that took no part.
NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Twelve arrested in joint action against migrant smugglers | Policie CR</title>
  <link rel="canonical" href="https://example.org/news/2025/03/smugglers">
</head>
<body>
  <div class="top-bar">
    <ul class="links">
      <li><a href="/europol">Europol</a></li><li><a href="/interpol">INTERPOL</a></li>
      <li><a href="/frontex">Frontex</a></li><li><a href="/partners/germany">Germany</a></li>
    </ul>
  </div>
  <div class="layout">
    <div class="col-content">
      <h1>Twelve arrested in joint action against migrant smugglers</h1>
      <p class="perex">Published 14 March 2025. Czech and Slovak police officers dismantled a
        network that smuggled migrants through Central Europe in lorries and vans.</p>
      <p>The investigation started in 2023 after officers found 40 migrants hidden in a lorry
        near Brno. Investigators of the National Organised Crime Agency identified the members
        of the network and the routes they used through Hungary and Slovakia.</p>
      <p>On 12 March, officers searched nine houses in Brno and Bratislava and arrested twelve
        suspects. They seized EUR 85 000 in cash, four vans and forged documents.</p>
      <p>The suspects face up to ten years in prison if convicted.</p>
    </div>
    <div class="col-side">
      <h3>Latest news</h3>
      <ul>
        <li><a href="/n/1">Spanish National Police and FBI take down fraud call centre</a></li>
        <li><a href="/n/2">Italian Carabinieri seize 2 tonnes of cocaine in Gioia Tauro</a></li>
        <li><a href="/n/3">Dutch police arrest 8 in Rotterdam port investigation</a></li>
      </ul>
    </div>
  </div>
  <footer class="site-bottom">
    <p>Police of the Czech Republic, Prague. Partners: Europol, Eurojust, Austrian Federal
      Police, Polish Police.</p>
    <p>Copyright 2025. All rights reserved.</p>
  </footer>
</body>
</html>
"""


def test_navigation_related_news_and_footer_are_left_out() -> None:
    # Before trafilatura the reader took the whole <body> of such a page (no <article> or
    # <main>, no class it knew): Europol, INTERPOL, Germany, the FBI, Spain, Italy... became
    # agencies and countries of the operation.
    [document] = html.read(NEWS_PAGE, "news.html")
    text = document.text
    assert "Czech and Slovak police officers dismantled a network" in text
    assert "through Hungary and Slovakia" in text
    assert "They seized EUR 85 000 in cash, four vans and forged documents." in text
    assert "The suspects face up to ten years in prison if convicted." in text
    for leaked in ("Europol", "INTERPOL", "Frontex", "Germany", "Latest news", "Spanish", "FBI",
                   "Carabinieri", "Dutch", "Eurojust", "Austrian", "Polish", "Copyright"):
        assert leaked not in text, leaked
    assert document.title == "Twelve arrested in joint action against migrant smugglers | Policie CR"
    assert document.language == "en"


def test_no_date_from_the_url_or_the_visible_text() -> None:
    # The canonical URL holds /2025/03/ and the text "Published 14 March 2025": neither is
    # the page's metadata (trafilatura's date reader would take one of them).
    [document] = html.read(NEWS_PAGE, "news.html")
    assert document.url == "https://example.org/news/2025/03/smugglers"
    assert document.published is None


def _json_ld_page(*objects: str) -> str:
    scripts = "".join(f'<script type="application/ld+json">{o}</script>' for o in objects)
    return f"<html><head>{scripts}</head><body><article><p>Nine arrests.</p></article></body></html>"


def test_json_ld_date_and_publisher_when_the_meta_tags_state_none() -> None:
    page = _json_ld_page('{"@context": "https://schema.org", "@type": "NewsArticle", '
                         '"datePublished": "2024-11-05T09:00:00+01:00", "dateModified": "2024-12-01",'
                         ' "publisher": {"@type": "Organization", "name": " Guardia Civil "}}')
    [document] = html.read(page, "p.html")
    assert (document.published, document.publisher) == (date(2024, 11, 5), "Guardia Civil")
    # Meta tags come first.
    with_meta = page.replace("<head>", '<head><meta property="article:published_time" content="2024-11-04">'
                             '<meta property="og:site_name" content="GC">')
    [document] = html.read(with_meta, "p.html")
    assert (document.published, document.publisher) == (date(2024, 11, 4), "GC")


def test_json_ld_listing_several_dates_or_broken_gives_no_date() -> None:
    listing = _json_ld_page('{"@type": "ItemList", "itemListElement": ['
                            '{"@type": "NewsArticle", "datePublished": "2024-11-05"},'
                            '{"@type": "NewsArticle", "datePublished": "2024-10-30"}]}')
    [document] = html.read(listing, "p.html")
    assert document.published is None
    for broken in ('{"datePublished": "2024-11', '{"datePublished": "November 2024"}',
                   "[" * 100_000, '{"datePublished": 20241105}'):
        [document] = html.read(_json_ld_page(broken), "p.html")
        assert document.published is None and document.text == "Nine arrests."


def test_a_page_nested_deeper_than_lxml_reads_is_read_whole() -> None:
    # libxml2 stops at 256 levels; the markup rules read the rest.
    page = "<html><body>" + "<div>word " * 2000 + "</div>" * 2000 + "</body></html>"
    [document] = html.read(page, "deep.html")
    assert document.text.split() == ["word"] * 2000


def test_hostile_pages_give_a_document_or_nothing() -> None:
    declared = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Ten arrests in Lyon.</p></body></html>'
    assert html.read(declared, "p.html")[0].text == "Ten arrests in Lyon."
    surrogate = "<html><body><p>Ten \ud800arrests\x00 in\x1f Lyon.</p></body></html>"
    assert html.read(surrogate, "p.html")[0].text == "Ten \ufffdarrests in Lyon."
    for nothing in ("", "   ", "<!-- only a comment -->", "<!doctype html>", "<html><body><script>x()</script></body></html>"):
        assert html.read(nothing, "p.html") == []


def test_same_page_same_document_whatever_was_read_before() -> None:
    # trafilatura's deduplication (a cache across calls) is off.
    first = html.read(NEWS_PAGE, "news.html")
    for _ in range(3):
        html.read(PAGE, "page.html")
        assert html.read(NEWS_PAGE, "news.html") == first


def test_a_time_limit_stops_the_reading_even_where_trafilatura_catches_exceptions(monkeypatch) -> None:
    # trafilatura runs stages inside `except Exception`: the build's --timeout, which raises
    # from a timer signal, must still abandon the page.
    import time

    import trafilatura

    from kg.limits import TimeLimitExceeded, time_limit

    def busy(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pass

    def swallowing(*args, **kwargs):
        try:  # a stage that catches everything, as trafilatura's readability and jusText stages
            busy(1)
        except Exception:
            pass
        busy(1)  # the stages after it
        return "A text read past its time."

    monkeypatch.setattr(trafilatura, "extract", swallowing)
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            html.read(NEWS_PAGE, "news.html")
    assert time.monotonic() - started < 0.9
