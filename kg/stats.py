"""The headline figures of a graph: what `kg stats` prints and `kg report` opens with.

Why: an analyst's first question after a build is "what is in it?". Every figure here is the
answer of a named query of the shipped library (`stats-totals`, `stats-outcome-types`,
`stats-languages`), so `kg query --name NAME` gives the same figure as CSV or JSON, and the
counting is reviewed once, in the `.rq` files. The one figure no query can give, the inputs a
build skipped, is read from the build folder's `skipped.tsv`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import query as queries
from kg.errors import OpgraphError

TOTALS = "stats-totals"
OUTCOME_TYPES = "stats-outcome-types"
LANGUAGES = "stats-languages"


@dataclass(frozen=True)
class OutcomeTypeCount:
    """One outcome type: its name in the ontology (`VictimSafeguarded`), its English label, how
    many outcomes the releases state of it and in how many operations."""

    name: str
    label: str
    outcomes: int
    operations: int


@dataclass(frozen=True)
class Stats:
    """The headline figures. `first` and `last` are release dates as written ("" when no release
    is dated); `languages` is (BCP 47 tag, releases), "" for releases that state none; `skipped`
    is None when no build folder was given (the figure is then unknown, not zero)."""

    releases: int
    operations: int
    agencies: int
    countries: int
    officials: int
    outcomes: int
    outcome_types: tuple[OutcomeTypeCount, ...]
    first: str
    last: str
    languages: tuple[tuple[str, int], ...]
    skipped: int | None


def stats(source, skipped_files: list[Path] | None = None) -> Stats:
    """The figures of a query source (see kg.store); `skipped_files`, the skipped.tsv of the build
    folders given (None: none was given)."""
    totals = _rows(source, TOTALS)[0]
    types = queries.run(source, queries.named(OUTCOME_TYPES).text)
    names = queries.labels(source, types.rows)
    return Stats(
        releases=_int(totals["releases"]), operations=_int(totals["operations"]),
        agencies=_int(totals["agencies"]), countries=_int(totals["countries"]),
        officials=_int(totals["officials"]), outcomes=_int(totals["outcomes"]),
        outcome_types=tuple(OutcomeTypeCount(_local(kind), queries.shown(kind, names), _int(n), _int(ops))
                            for kind, n, ops in types.rows),
        first=_text(totals["first"]), last=_text(totals["last"]),
        languages=tuple((_text(row["language"]), _int(row["releases"])) for row in _rows(source, LANGUAGES)),
        skipped=None if skipped_files is None else sum(count_skipped(p) for p in skipped_files))


def _rows(source, name: str) -> list[dict[str, queries.Found]]:
    outcome = queries.run(source, queries.named(name).text)
    return [dict(zip(outcome.variables, row, strict=True)) for row in outcome.rows]


def _int(term: queries.Found) -> int:
    return int(term.value) if isinstance(term, ox.Literal) else 0


def _text(term: queries.Found) -> str:
    return term.value if isinstance(term, ox.Literal) else ""


def _local(term: queries.Found) -> str:
    return term.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if term is not None else ""


def count_skipped(path: Path) -> int:
    """The inputs a build skipped: the rows of its skipped.tsv (one per input, after the header;
    `kg build` escapes line breaks in a path, so each row is one line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OpgraphError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return max(len([line for line in lines if line.strip()]) - 1, 0)


def skipped_lists(paths: list[Path]) -> list[Path] | None:
    """The skipped.tsv of each build folder among `paths`; None when none is a build folder with one."""
    found = [p / "skipped.tsv" for p in paths if p.is_dir() and (p / "skipped.tsv").is_file()]
    return found or None


def to_table(figures: Stats) -> str:
    """The figures as an aligned two-column table, outcome types and languages indented under
    their totals, each row named by what the query calls it."""
    rows: list[tuple[str, str]] = [("releases", str(figures.releases))]
    if figures.skipped is not None:
        rows.append(("  skipped by the build", str(figures.skipped)))
    rows += [("operations", str(figures.operations)), ("agencies", str(figures.agencies)),
             ("countries", str(figures.countries)), ("officials", str(figures.officials)),
             ("outcomes", str(figures.outcomes))]
    rows += [(f"  {t.label}", f"{t.outcomes} (in {t.operations} operation{'s' * (t.operations != 1)})")
             for t in figures.outcome_types]
    rows += [("first release", figures.first or "-"), ("last release", figures.last or "-"), ("languages", "")]
    rows += [(f"  {tag or '(none stated)'}", str(n)) for tag, n in figures.languages]
    width = max(len(name) for name, _ in rows) + 2
    return "\n".join(f"{name.ljust(width)}{value}".rstrip() for name, value in rows)


def to_json(figures: Stats) -> str:
    """The figures as a JSON object for programs: outcome types by their name in the ontology,
    languages by tag; `skipped` is null when no build folder was given."""
    data = asdict(figures)
    data["outcome_types"] = {t.name: {"outcomes": t.outcomes, "operations": t.operations}
                             for t in figures.outcome_types}
    data["languages"] = dict(figures.languages)
    return json.dumps(data, indent=2, ensure_ascii=False)
