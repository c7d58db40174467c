"""The `kg report` page as its readers see it (headless Chromium, at 1400 and 420 CSS px): every
chart and the shown network have drawn marks in the palette's colours and the map its countries,
nothing is wider than the screen, the network switches from countries to agencies, and the page
asks for nothing beyond itself."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.report_charts import PALETTE
from kg.report_map import NONE_COLOUR
from tests.browser import open_browser, png_size

PHONE, DESKTOP = 420, 1400

MEASURE = """(palette => {
  const shown = el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'; };
  const coloured = svg => [...svg.querySelectorAll('path, use, rect')]
    .filter(el => shown(el) && palette.includes(getComputedStyle(el).fill)).length;
  const charts = [...document.querySelectorAll('section.chart > svg, figure.network svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {query: svg.closest('[data-query]').dataset.query, shown: shown(svg), marks: coloured(svg),
            left: box.left, right: box.right, top: box.top, width: box.width};
  });
  const map = document.querySelector('section.map svg');
  const countries = [...map.querySelectorAll('g[id^="country-"] path')].filter(shown);
  return {
    viewport: innerWidth, pageWidth: document.documentElement.scrollWidth, charts,
    countries: countries.length, shaded: countries.filter(p => getComputedStyle(p).fill !== NONE).length,
    resources: performance.getEntriesByType('resource').map(e => e.name),
    external: [...document.querySelectorAll('[src], [href]')].map(e => e.getAttribute('src') || e.getAttribute('href'))
      .filter(u => /^([a-z]+:)?\\/\\//i.test(u)),
  };
})"""
"""What a test reads of the laid-out page: each chart's box and how many marks it shows in the
palette's colours, the map's countries drawn and shaded, and every resource the page loaded."""


def rgb(colour: str) -> str:
    """'#4269d0' as a browser computes it: 'rgb(66, 105, 208)'."""
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


def measure() -> str:
    palette = [rgb(c) for c in PALETTE]
    return MEASURE.replace("NONE", repr(rgb(NONE_COLOUR))) + f"({palette!r})"


@pytest.fixture(scope="module")
def seen(examples_graph, tmp_path_factory) -> dict:
    """The report of the examples measured and screenshot at a phone's and a desktop's width, and
    (`agencies`) measured on the desktop after switching the network to agencies."""
    folder = tmp_path_factory.mktemp("report-page")
    page = folder / "report.html"
    result = CliRunner().invoke(main, ["report", str(examples_graph.parent), "-o", str(page)])
    assert result.exit_code == 0, result.output
    found: dict = {}
    with open_browser(folder / "profile") as browser:
        for width in (PHONE, DESKTOP):
            browser.open(page, width)
            found[width] = {**browser.evaluate(measure()),
                            "screenshot": browser.screenshot(folder / f"report-{width}.png")}
        browser.evaluate("document.querySelector('label[for=network-agencies]').click()")
        found["agencies"] = browser.evaluate(measure())
    return found


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_chart_and_the_map_have_drawn_marks(seen, width):
    charts = {c["query"]: c for c in seen[width]["charts"] if c["shown"]}
    assert set(charts) == {"operations-per-year", "outcomes-per-year", "agencies-by-operations",
                           "countries-by-operations", "country-pairs"}
    for query, chart in charts.items():
        assert chart["marks"] > 0, f"{query} shows no mark"
    assert charts["countries-by-operations"]["marks"] == 12, "one bar per country of the examples"
    assert seen[width]["countries"] > 150 and seen[width]["shaded"] == 12, "the 12 countries shaded"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_nothing_is_wider_than_the_screen(seen, width):
    measured = seen[width]
    assert measured["pageWidth"] <= measured["viewport"]
    for chart in measured["charts"]:
        if chart["shown"]:
            assert 0 <= chart["left"] and chart["right"] <= measured["viewport"], chart["query"]
    assert png_size(measured["screenshot"])[0] <= width


def test_on_a_laptop_the_yearly_charts_stand_side_by_side_and_on_a_phone_one_above_the_other(seen):
    def boxes(width: int) -> list[dict]:
        return [c for c in seen[width]["charts"] if c["query"] in ("operations-per-year", "outcomes-per-year")]

    first, second = boxes(DESKTOP)
    assert first["top"] == second["top"] and first["right"] < second["left"]
    first, second = boxes(PHONE)
    assert first["top"] < second["top"] and first["width"] > PHONE * 0.8


def test_the_network_switches_to_agencies(seen):
    shown = {c["query"]: c["shown"] for c in seen["agencies"]["charts"]}
    assert shown["top-agency-pairs"] and not shown["country-pairs"]
    agencies = next(c for c in seen["agencies"]["charts"] if c["query"] == "top-agency-pairs")
    assert agencies["marks"] > 0


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_page_asks_for_nothing_beyond_itself(seen, width):
    assert seen[width]["external"] == []
    assert [name for name in seen[width]["resources"] if not name.startswith(("file:", "data:"))] == []


def test_on_a_phone_the_page_is_one_long_column(seen):
    assert png_size(seen[PHONE]["screenshot"])[1] > png_size(seen[DESKTOP]["screenshot"])[1] > 900
