"""`kg report`: one standalone HTML page that shows what is in a graph at a glance.

Why: after a build, an analyst asks "what is in it?" before any question of their own. The page
answers with the headline figures (kg.stats), charts, a map and a cooperation network, each
drawn from one named query and captioned with it (`kg query --name NAME` gives its figures as
CSV), with the figures themselves in a table under each chart. It is one file with everything
inline (SVG, CSS; no script, font or picture from anywhere), so it can be mailed, archived or
opened offline; the layout is one column on a phone and two on a laptop, and the network's
countries/agencies switch is two radio buttons and CSS.
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from importlib.metadata import PackageNotFoundError, version

from kg.report_charts import top_agencies, top_countries, years_stacked
from kg.report_data import (
    AGENCIES,
    AGENCY_PAIRS,
    COUNTRIES,
    COUNTRY_PAIRS,
    OPERATIONS_PER_YEAR,
    OUTCOMES_PER_YEAR,
    Answer,
    ReportData,
)
from kg.report_map import world_map
from kg.report_network import LINKS, network
from kg.report_style import CSS
from kg.stats import LANGUAGES, OUTCOME_TYPES, TOTALS, Stats

TABLE_ROWS = 15  # rows of a ranking shown under its chart, as many as the chart draws


def to_html(data: ReportData, title: str = "opgraph report") -> str:
    """The page: headline figures, then one section per chart, each with its query and figures."""
    answers = data.answers
    countries_net, countries_left = network(answers[COUNTRIES], answers[COUNTRY_PAIRS], "country",
                                            "country1", "country2")
    agencies_net, agencies_left = network(answers[AGENCIES], answers[AGENCY_PAIRS], "agency",
                                          "agency1", "agency2")
    sections = [
        _chart("Operations per year, by crime area", answers[OPERATIONS_PER_YEAR], None,
               lambda a: years_stacked(a, "area", "operations", "operations")),
        _chart("Outcomes per year, by type", answers[OUTCOMES_PER_YEAR], None,
               lambda a: years_stacked(a, "outcomeType", "outcomes", "outcome statements")),
        _chart("Top agencies by operations, as lead and as participant", answers[AGENCIES], TABLE_ROWS,
               lambda a: top_agencies(a, TABLE_ROWS)),
        _chart("Top countries by operations", answers[COUNTRIES], TABLE_ROWS, lambda a: top_countries(a, TABLE_ROWS)),
        _chart("Countries shaded by the operations they took part in", answers[COUNTRIES], TABLE_ROWS, world_map,
               wide=True, kind="map"),
        _networks((countries_net, countries_left, answers[COUNTRY_PAIRS]),
                  (agencies_net, agencies_left, answers[AGENCY_PAIRS])),
    ]
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<header><h1>{escape(title)}</h1>{_generator()}</header>\n<main>\n"
            f"{_headline(data.stats)}\n<div class=\"charts\">\n" + "\n".join(sections)
            + "\n</div>\n</main>\n</body>\n</html>\n")


def _generator() -> str:
    try:
        made_by = f"opgraph {version('opgraph')}"
    except PackageNotFoundError:  # run from a source tree that is not installed
        made_by = "opgraph"
    return f"<p class=\"note\">Made by {escape(made_by)} with <code>kg report</code>.</p>"


def _headline(stats: Stats) -> str:
    """The headline figures as cards, then outcomes by type and languages as small tables."""
    cards = [("releases", stats.releases), ("operations", stats.operations), ("agencies", stats.agencies),
             ("countries", stats.countries), ("officials", stats.officials), ("outcomes", stats.outcomes)]
    if stats.skipped is not None:
        cards.append(("inputs skipped by the build", stats.skipped))
    dates = f"{stats.first} to {stats.last}" if stats.first else "no dated release"
    items = "".join(f'<div class="card"><span class="figure">{n:,}</span> <span class="what">{escape(w)}</span></div>'
                    for w, n in cards)
    types = _table(("outcomeType", "outcomes", "operations"),
                   [(t.label, t.outcomes, t.operations) for t in stats.outcome_types])
    languages = _table(("language", "releases"), list(stats.languages))
    return (f'<section class="headline" data-query="{TOTALS}">\n<h2>At a glance</h2>\n'
            f'<div class="cards">{items}</div>\n<p>Releases dated {escape(dates)}.</p>\n'
            f'<div class="pair"><figure data-query="{OUTCOME_TYPES}">{types}{_caption(OUTCOME_TYPES)}</figure>\n'
            f'<figure data-query="{LANGUAGES}">{languages}{_caption(LANGUAGES)}</figure></div>\n'
            f"{_caption(TOTALS, 'The figures above')}\n</section>")


def _chart(title: str, answer: Answer, rows: int | None, draw: Callable[[Answer], str], *, wide: bool = False,
           kind: str = "chart") -> str:
    """One chart: its title, the SVG `draw` makes of the answer (when it has rows), the query it
    comes from, and its figures (the first `rows` rows of the answer, or all) in a table one can open."""
    shown = answer.rows if rows is None else answer.rows[:rows]
    more = f" (the first {rows} of {len(answer.rows)} rows)" if rows is not None and len(answer.rows) > rows else ""
    body = draw(answer) if answer.rows else '<p class="empty">Nothing to draw: the query gave no rows.</p>'
    return (f'<section class="{kind}{" wide" if wide else ""}" data-query="{answer.query}">\n'
            f"<h2>{escape(title)}</h2>\n{body}\n{_caption(answer.query)}\n"
            f"<details><summary>Figures{escape(more)}</summary>{_table(answer.columns, shown)}</details>\n"
            "</section>")


def _networks(countries: tuple[str, int, Answer], agencies: tuple[str, int, Answer]) -> str:
    """The two cooperation networks, one shown at a time, switched by two radio buttons (CSS only)."""
    figures = []
    for key, (svg, left, pairs) in (("countries", countries), ("agencies", agencies)):
        note = (f" The {left} with the fewest operations are left out, and links beyond the {LINKS} strongest."
                if left else "")
        body = svg if pairs.rows else '<p class="empty">Nothing to draw: no two took part in one operation.</p>'
        figures.append(f'<figure class="network network-{key}" data-query="{pairs.query}">{body}'
                       f"<figcaption>Linked by the operations they share; node size: operations.{escape(note)} "
                       f"From <code>kg query --name {pairs.query}</code>.</figcaption>"
                       f"<details><summary>Figures (the first {TABLE_ROWS} pairs of {len(pairs.rows)})</summary>"
                       f"{_table(pairs.columns, pairs.rows[:TABLE_ROWS])}</details></figure>")
    return ('<section class="wide networks">\n<h2>Cooperation network</h2>\n'
            '<input type="radio" name="network" id="network-countries" checked>'
            '<label for="network-countries">Countries</label>\n'
            '<input type="radio" name="network" id="network-agencies">'
            '<label for="network-agencies">Agencies</label>\n' + "\n".join(figures) + "\n</section>")


def _caption(query: str, what: str = "From") -> str:
    lead = f"{escape(what)} come from" if what != "From" else "From"
    return f'<p class="source">{lead} <code>kg query --name {escape(query)}</code>.</p>'


def _table(columns, rows) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if isinstance(v, int) else ""}>{escape(str(v))}</td>'
                                    for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
