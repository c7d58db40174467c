"""The HTML page reader: the article's text and the page's own metadata."""
from __future__ import annotations

from datetime import date

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
