"""`kg report`: the page's figures are the named queries' answers on the same graph, the page is
standalone (nothing to fetch, no script) and the same bytes each time, and an empty graph or a bad
source gives a page or an error, not a traceback."""
from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.report_data import CHART_QUERIES


def kg(*args: str):
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "100"})


@pytest.fixture(scope="module")
def page(examples_graph, tmp_path_factory) -> str:
    """The report of the examples' build folder."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = kg("report", str(examples_graph.parent), "-o", str(out))
    assert (result.exit_code, result.output) == (0, f"wrote: {out}\n")
    return out.read_text(encoding="utf-8")


def query_rows(graph: Path, name: str) -> list[list[str]]:
    """A named query's answer as `kg query --format csv` gives it, each IRI by its label column."""
    result = kg("query", str(graph), "--name", name, "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.output)))
    shown = [k for k, column in enumerate(header) if f"{column}Label" not in header]
    return [[row[k] for k in shown] for row in rows]


def page_tables(page: str) -> dict[str, list[list[str]]]:
    """Each table of figures on the page, by the query its section or figure names (data-query):
    the header row, then the rows."""
    found: dict[str, list[list[str]]] = {}
    marks = list(re.finditer(r'data-query="([\w-]+)"', page))
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(page)
        table = re.search(r"<table>(.*?)</table>", page[mark.end():end], re.DOTALL)
        if table:
            found.setdefault(mark.group(1), [[unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
                                             for row in re.findall(r"<tr>(.*?)</tr>", table.group(1))])
    return found


def test_every_chart_names_its_query_and_its_figures_are_the_querys_answer(page, examples_graph):
    graph = examples_graph.parent / "graph.nq"
    tables = page_tables(page)
    assert set(tables) == {*CHART_QUERIES, "stats-outcome-types", "stats-languages"}
    for name, (_header, *rows) in tables.items():
        assert f"<code>kg query --name {name}</code>" in page, name
        answer = query_rows(graph, name)
        assert rows == answer[:len(rows)] and rows, name
        assert len(rows) == min(len(answer), 15) or name in ("operations-per-year", "outcomes-per-year"), name
    assert len(tables["operations-per-year"]) - 1 == len(query_rows(graph, "operations-per-year"))


def test_the_headline_figures_are_the_totals_query(page, examples_graph):
    [totals] = query_rows(examples_graph.parent / "graph.nq", "stats-totals")
    cards = dict((what, int(n.replace(",", ""))) for n, what in
                 re.findall(r'<span class="figure">([\d,]+)</span> <span class="what">([^<]+)</span>', page))
    assert cards == {"releases": int(totals[0]), "operations": int(totals[1]), "agencies": int(totals[2]),
                     "countries": int(totals[3]), "officials": int(totals[4]), "outcomes": int(totals[5]),
                     "inputs skipped by the build": 0}
    assert f"Releases dated {totals[6]} to {totals[7]}." in page


def test_the_page_is_standalone_and_the_same_bytes_each_time(page, examples_graph, tmp_path):
    assert "<script" not in page and "@import" not in page and not re.search(r"url\((?!#)", page)
    links = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert not [link for link in links if not link.startswith(("#", "data:image/png;base64,"))], "all inline"
    assert not re.search(r"https?://(?!www\.w3\.org/(2000/svg|1999/xlink)\")", page), "no address but SVG's namespaces"
    again = tmp_path / "again.html"
    assert kg("report", str(examples_graph.parent), "-o", str(again)).exit_code == 0
    assert again.read_text(encoding="utf-8") == page
    svgs = re.findall(r"<svg\b", page)
    assert len(svgs) == 7, "four charts, the map and two networks"


def test_a_graph_with_nothing_in_it_gives_a_page_that_says_so(tmp_path):
    empty = tmp_path / "empty.nq"
    empty.write_text("", encoding="utf-8")
    result = kg("report", str(empty), "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert text.count("Nothing to draw") == 7 and "no dated release" in text


def test_a_source_that_cannot_be_read_is_an_error_and_writes_nothing(tmp_path):
    result = kg("report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html"))
    assert (result.exit_code, result.output) == (2, f"Error: {tmp_path / 'nowhere'}: no such file\n")
    assert not (tmp_path / "r.html").exists()
