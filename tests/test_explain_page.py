"""The `kg explain` page as its readers see it: on a phone and on a desktop (headless Chromium,
screenshots at 420 and 1280 CSS px), and its kinds told apart by colour-blind readers."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.errors import ReferenceDataError
from kg.explain import KINDS, Explained, explain
from kg.explain_views import palette, to_html
from kg.model import read_model
from tests.browser import open_browser, png_size
from tests.colour_vision import (
    MACHADO_2009,
    VISIONS,
    ciede2000,
    closest_pair,
    contrast,
    lab,
)

FIXTURES = Path(__file__).parent / "fixtures"
PHONE, DESKTOP = 420, 1280

MIN_DIFFERENCE = 7.0
"""The CIEDE2000 difference every two kinds keep, in normal vision and simulated dichromacy.
About 2 is just noticeable side by side; 7 is a difference seen at a glance between two
marks a line apart. The pastels the page had kept 0.8 for a deuteranope."""

MIN_CONTRAST = 4.5
"""WCAG 2 level AA for body text: the words on every mark stay readable."""

OLD_PASTELS = {"agency": "#cfe2ff", "country": "#c8f0cf", "official": "#f3d2f5", "outcome": "#ffd6d1",
               "operation": "#c9f1f3", "crime-area": "#fff0b3", "date": "#ffe7c2", "other": "#e4e4e4"}
"""The backgrounds the page used before issue 17, which the colour check must reject."""

MEASURE = """(() => {
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const text = document.getElementById('text');
  const range = document.createRange();
  range.selectNodeContents(text);
  const tops = [...range.getClientRects()].map(r => r.top).sort((a, b) => a - b);
  const half = parseFloat(getComputedStyle(text).lineHeight) / 2;
  const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > half).length;
  return {
    viewport: innerWidth, pageWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    text: box(text), facts: box(document.querySelector('aside.facts')),
    characters: text.textContent.length, lines,
    marks: [...text.querySelectorAll('mark')].map(m => ({
      id: m.id, kind: m.classList[0], background: getComputedStyle(m).backgroundColor,
      colour: getComputedStyle(m).color, letter: getComputedStyle(m, '::after').content})),
    legend: [...document.querySelectorAll('.legend > span')].map(s => ({
      kind: s.className, background: getComputedStyle(s).backgroundColor,
      colour: getComputedStyle(s).color, text: s.textContent})),
  };
})()"""
"""What a test reads of the laid-out page: the boxes of the text column and the fact list,
the text's lines, and the colour and letter every mark and legend key is shown with."""


@pytest.fixture(scope="module")
def explained() -> Explained:
    return explain("wire/glass-harbour.txt", [FIXTURES / "explain-releases.trig"])


@pytest.fixture(scope="module")
def seen(explained, tmp_path_factory) -> dict[int, dict]:
    """The page measured and screenshot (`screenshot`: its PNG) at a phone's and a desktop's width."""
    folder = tmp_path_factory.mktemp("explain-page")
    page = folder / "release.html"
    page.write_text(to_html(explained), encoding="utf-8")
    found = {}
    with open_browser(folder / "profile") as browser:
        for width in (PHONE, DESKTOP):
            browser.open(page, width)
            found[width] = {**browser.evaluate(MEASURE),
                            "screenshot": browser.screenshot(folder / f"release-{width}.png")}
    return found


def rgb(colour: str) -> str:
    """'#77AADD' as a browser computes it: 'rgb(119, 170, 221)'."""
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


# --------------------------------------------------------------------------- layout

def test_on_a_phone_the_text_keeps_its_width_and_the_facts_go_below(seen):
    phone = seen[PHONE]
    assert phone["viewport"] == PHONE, "the page is wider than the phone: it was zoomed out to fit"
    assert phone["pageWidth"] <= PHONE, "the page scrolls sideways"
    assert phone["text"]["width"] >= 300, f"text column {phone['text']['width']} px wide at {PHONE} px"
    assert phone["characters"] / phone["lines"] >= 25, (
        f"{phone['characters']} characters on {phone['lines']} lines: a few words per line")
    assert phone["facts"]["top"] >= phone["text"]["bottom"], "the facts are not below the text"
    assert png_size(phone["screenshot"])[0] == PHONE


def test_on_a_desktop_the_facts_stand_beside_the_text(seen):
    desktop = seen[DESKTOP]
    assert desktop["viewport"] == DESKTOP
    assert desktop["pageWidth"] <= DESKTOP
    assert desktop["text"]["width"] >= 600
    assert desktop["facts"]["left"] >= desktop["text"]["right"]
    assert desktop["facts"]["top"] == desktop["text"]["top"]
    assert desktop["characters"] / desktop["lines"] >= 45
    assert png_size(desktop["screenshot"])[0] == desktop["clientWidth"]


# --------------------------------------------------------------------------- kinds

@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_mark_shows_its_kind_by_colour_and_by_letter(seen, width):
    looks = palette()
    marks = seen[width]["marks"]
    assert {m["kind"] for m in marks} == set(KINDS) - {"other"}  # the fixture names every kind but other
    for mark in marks:
        look = looks[mark["kind"]]
        assert (mark["background"], mark["letter"]) == (rgb(look.background), f'"{look.letter}"'), mark["id"]
    legend = [(key["kind"], key["background"], key["text"]) for key in seen[width]["legend"]]
    assert legend == [(kind, rgb(look.background), f"{look.letter} {kind}") for kind, look in looks.items()]


@pytest.mark.parametrize("vision", VISIONS)
def test_kinds_are_told_apart_in_colour_blind_vision(seen, vision):
    """The colours the browser shows the legend's keys in, every two at least MIN_DIFFERENCE
    apart for a reader with protanopia, deuteranopia or tritanopia (and normal vision)."""
    shown = {key["kind"]: key["background"] for key in seen[DESKTOP]["legend"]}
    assert sorted(shown) == sorted(KINDS)
    difference, one, two = closest_pair(shown, vision)
    assert difference >= MIN_DIFFERENCE, f"{vision}: {one} and {two} differ by only {difference:.1f}"


def test_the_words_on_every_mark_stay_readable(seen):
    for mark in seen[DESKTOP]["marks"]:
        ratio = contrast(mark["background"], mark["colour"])
        assert ratio >= MIN_CONTRAST, f"{mark['id']}: contrast {ratio:.1f}"


def test_the_colour_check_rejects_the_old_pastels():
    """The check is not vacuous: the backgrounds the page had fail it, for a deuteranope
    (country and outcome look alike) and a protanope (agency and official)."""
    assert closest_pair(OLD_PASTELS, "deuteranopia")[1:] == ("country", "outcome")
    assert closest_pair(OLD_PASTELS, "deuteranopia")[0] < 1.0
    assert closest_pair(OLD_PASTELS, "protanopia")[1:] == ("agency", "official")
    assert closest_pair(OLD_PASTELS, "protanopia")[0] < MIN_DIFFERENCE


# --------------------------------------------------------------------------- the palette file

def test_the_palette_file_gives_every_kind_a_colour_and_a_letter_of_its_own():
    looks = palette()
    assert list(looks) == list(KINDS)
    assert len({look.letter for look in looks.values()}) == len(KINDS)
    assert len({look.background.lower() for look in looks.values()}) == len(KINDS)
    for vision in VISIONS:
        assert closest_pair({k: look.background for k, look in looks.items()}, vision)[0] >= MIN_DIFFERENCE


@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace('background = "#77AADD"', 'background = "blue"'), "background must be #RRGGBB"),
    (lambda text: text.replace('letter = "A"', 'letter = "\\""'), "letter must be one character"),
    (lambda text: text.replace('letter = "A"', 'letter = "C"'), "one character of its own"),
    (lambda text: text.replace('[kinds.country]', '[kinds.agency]'), "Cannot declare"),
    (lambda text: text.replace('object = "country"', 'object = "county"'), "link country: needs known kinds"),
    (lambda text: text.replace('class = "opg:Agency"', 'class = "opgraph:Agency"'), "is no prefixed name"),
])
def test_a_broken_model_file_is_an_error(tmp_path, change, message):
    text = (Path(__file__).parent.parent / "kg" / "data" / "model.toml").read_text(encoding="utf-8")
    broken = tmp_path / "model.toml"
    broken.write_text(change(text), encoding="utf-8")
    assert change(text) != text
    with pytest.raises(ReferenceDataError, match=message):
        read_model(broken)


def test_the_page_is_standalone_with_its_palette(explained):
    page = to_html(explained)
    assert page == to_html(explained)  # the same bytes every time
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "url(" not in page and "@import" not in page and "<link" not in page and "src=" not in page
    assert '.agency { background: #77AADD; } mark.agency::after { content: "A"; }' in page


# --------------------------------------------------------------------------- the colour science

def test_ciede2000_matches_the_published_test_data():
    """All 34 pairs of Sharma, Wu and Dalal (2005), table 1, both ways round, to 4 decimals."""
    with (FIXTURES / "ciede2000-sharma-2005.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 34
    for row in rows:
        one = (float(row["L1"]), float(row["a1"]), float(row["b1"]))
        two = (float(row["L2"]), float(row["a2"]), float(row["b2"]))
        assert ciede2000(one, two) == pytest.approx(float(row["delta_e"]), abs=1e-4), row
        assert ciede2000(two, one) == pytest.approx(float(row["delta_e"]), abs=1e-4), row


def test_simulated_dichromats_lose_one_dimension_of_colour():
    """Protanopes and deuteranopes have two kinds of cone where others have three: Machado's
    matrices for them are singular, so two colours apart only along the lost direction look
    the same, and greys stay grey (each row sums to 1). This checks their transcription."""
    for vision in ("protanopia", "deuteranopia"):
        rows = MACHADO_2009[vision]
        assert [round(sum(row), 5) for row in rows] == [1.0, 1.0, 1.0]
        (a1, a2, a3), (b1, b2, b3) = rows[0], rows[1]
        lost = (a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1)  # orthogonal to every row
        scale = 0.15 / max(abs(c) for c in lost)
        one = tuple(0.5 + scale * c for c in lost)
        two = tuple(0.5 - scale * c for c in lost)
        assert ciede2000(lab(one), lab(two)) > 20  # far apart in normal vision
        seen = [tuple(sum(m * c for m, c in zip(row, light)) for row in rows) for light in (one, two)]
        assert ciede2000(lab(seen[0]), lab(seen[1])) < 0.01  # the same to a dichromat
