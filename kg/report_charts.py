"""The charts of `kg report`, drawn as SVG with matplotlib, offline and byte for byte the same.

Why matplotlib: it is the plotting library the scientific Python world keeps, and its SVG
backend needs no browser, server or network (Vega-Lite would need a JavaScript runtime to
render). Same input, same bytes: the SVG's ids are salted with the chart's name (`svg.hashsalt`,
which also keeps the ids of two charts on one page apart), no date goes into its metadata, and
text stays text (`svg.fonttype: none`: smaller, and sharp at any zoom).
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kg.report_data import Answer, Cell

matplotlib.use("svg")  # no display, no GUI toolkit: the SVG canvas only
PALETTE = ("#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5",
           "#9c6b4e", "#9498a0", "#1b5e20", "#6a1b9a")  # Observable 10 and two more: told apart in colour-blind views
OTHER = "#c8c8c8"
UNKNOWN_YEAR = "unknown"
STYLE = {"svg.fonttype": "none", "font.size": 11, "font.family": "sans-serif",
         "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 12}


@contextmanager
def figure(salt: str, width: float = 6.4, height: float = 4.0) -> Iterator[Figure]:
    """A figure whose SVG ids are salted with `salt` (see the module docstring)."""
    with matplotlib.rc_context(cast(Any, {**STYLE, "svg.hashsalt": salt})):  # (its keys are typed as literals)
        yield Figure(figsize=(width, height), layout="constrained")


def to_svg(fig: Figure) -> str:
    """The figure as an `<svg>` element to put inline in a page: no XML prolog, and no metadata
    (its date, and the links of its RDF description, which a page that fetches nothing need not carry)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg"):], count=1, flags=re.DOTALL)


def short(label: Cell, width: int = 30) -> str:
    """A label cut to `width` characters with '…', so long agency names leave room for the bars."""
    text = str(label)
    return text if len(text) <= width else text[:width - 1] + "…"


def years_stacked(answer: Answer, series: str, value: str, ylabel: str) -> str:
    """Bars per year (the `year` column, "unknown" last), stacked by `series` (crime area,
    outcome type): up to twelve series in colour; of more, the eleven largest and the rest as "other"."""
    years = sorted({str(y) for y in answer.column("year")}, key=lambda y: (y == UNKNOWN_YEAR, y))
    totals: dict[str, int] = {}
    for s, v in zip(answer.column(series), answer.column(value), strict=True):
        totals[str(s) or "(none)"] = totals.get(str(s) or "(none)", 0) + int(v)
    ranked = sorted(totals, key=lambda s: (-totals[s], s))
    shown = ranked if len(ranked) <= len(PALETTE) else ranked[:len(PALETTE) - 1]
    heights = {s: [0] * len(years) for s in [*shown, "other"]}
    for y, s, v in zip(answer.column("year"), answer.column(series), answer.column(value), strict=True):
        key = str(s) or "(none)"
        heights[key if key in shown else "other"][years.index(str(y))] += int(v)
    with figure(answer.query) as fig:
        ax = fig.add_subplot()
        bottom = [0] * len(years)
        for k, s in enumerate([*shown, "other"]):
            if not any(heights[s]):
                continue
            ax.bar(years, heights[s], bottom=bottom, label=short(s, 24), color=PALETTE[k] if s != "other" else OTHER)
            bottom = [b + h for b, h in zip(bottom, heights[s], strict=True)]
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if len(years) > 6:  # year labels side by side would run into each other
            ax.tick_params(axis="x", labelrotation=90, labelsize=9)
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        return to_svg(fig)


def ranked_bars(labels: Sequence[Cell], parts: Sequence[tuple[str, Sequence[int]]], salt: str,
                xlabel: str) -> str:
    """Horizontal bars, the first label on top, each bar the sum of `parts` (name, values) stacked."""
    with figure(salt, height=max(2.0, 0.9 + 0.28 * len(labels))) as fig:
        ax = fig.add_subplot()
        names = [short(label) for label in labels][::-1]
        left = [0] * len(names)
        for k, (part, values) in enumerate(parts):
            ax.barh(names, list(values)[::-1], left=left, label=part, color=PALETTE[k])
            left = [a + b for a, b in zip(left, list(values)[::-1], strict=True)]
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="y", labelsize=9)
        if len(parts) > 1:
            ax.legend(fontsize=9, frameon=False, loc="lower right")
        return to_svg(fig)


def top_agencies(answer: Answer, top: int = 15) -> str:
    """The agencies in most operations: the operations each led, and those it took part in otherwise."""
    rows = answer.rows[:top]
    k_op, k_led = answer.columns.index("operations"), answer.columns.index("led")
    return ranked_bars([row[0] for row in rows],
                       [("led", [int(row[k_led]) for row in rows]),
                        ("took part", [int(row[k_op]) - int(row[k_led]) for row in rows])],
                       answer.query, "operations")


def top_countries(answer: Answer, top: int = 15) -> str:
    """The countries in most operations."""
    rows = answer.rows[:top]
    k_op = answer.columns.index("operations")
    return ranked_bars([row[0] for row in rows], [("operations", [int(row[k_op]) for row in rows])],
                       answer.query, "operations")
