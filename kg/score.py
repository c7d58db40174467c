"""Score a built graph against gold annotations: the extraction scorer in the product.

Why: a team that curates releases wants to know, in CI, whether extraction still meets its
bar on its own annotated documents (as `spacy evaluate` tells spaCy users). The figures are
defined by the project's yardstick, `../shared/eval/score.py` (tests/test_score.py checks
they are equal to the third decimal); this module reads the graph with the project's own
reader (pyoxigraph, kg.store) and keeps the per-document misses for `-v`, JSON and JUnit.

The gold format is the JSON of `../shared/corpus/GUIDELINE.md` and `corpus/*/gold`, one file
per document (see docs/commands.md, `kg score`).
"""
from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pyoxigraph as ox

from kg.errors import OpgraphError
from kg.store import read_quads

OPG = "https://w3id.org/opgraph/ontology#"
SKOS, RDFS = "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2000/01/rdf-schema#"
NAME_PROPS = tuple(ox.NamedNode(p) for p in (SKOS + "prefLabel", SKOS + "altLabel", RDFS + "label",
                                             "http://xmlns.com/foaf/0.1/name"))
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ISSUED = ox.NamedNode("http://purl.org/dc/terms/issued")
FIELDS = ("agencies", "countries", "officials", "outcomes")  # the four behind micro-F1
ALL_FIELDS = (*FIELDS, "leads", "codenames", "official_agency", "same_operation")
MIN_FIELDS = (*ALL_FIELDS, "micro")  # what --min may name
OPERATION_WORDS = re.compile(
    r"^(?:(?:operation|operazione|operatie|operacion|operacao|operativo|aktion|"
    r"internazionale|international|joint|action day)\s+)+")


def opg(name: str) -> ox.NamedNode:
    return ox.NamedNode(OPG + name)


class ScoreError(OpgraphError):
    """Gold that cannot be read, or a threshold that names no field."""


def normalize(text: str) -> str:
    """A name folded the way the yardstick folds it: no accents, case, punctuation or 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"[^\w\s]", " ", re.sub(r"'s\b", "", text))
    return " ".join(re.sub(r"\bthe\b", " ", text).split())


def name_forms(names) -> set[str]:
    """Each name folded, and with its words sorted ("Police of Spain" meets "Spain Police of")."""
    out: set[str] = set()
    for name in names:
        folded = normalize(name)
        if folded:
            out |= {folded, " ".join(sorted(folded.split()))}
    return out


def bare_codename(text: str) -> str:
    """A codename without the words in front that say 'operation'."""
    return OPERATION_WORDS.sub("", normalize(text))


class Indexed:
    """The graph indexed for the scorer's questions: per named graph, anywhere, and releases
    by the file name of their source path (gold files name documents by file name)."""

    def __init__(self, path: Path):
        self.by_graph: dict = defaultdict(lambda: defaultdict(set))
        self.anywhere: dict = defaultdict(set)
        self.releases: dict[str, set] = defaultdict(set)
        source = opg("sourcePath")
        for q in read_quads(path):
            self.by_graph[q.graph_name][(q.subject, q.predicate)].add(q.object)
            self.anywhere[(q.subject, q.predicate)].add(q.object)
            if q.predicate == source and isinstance(q.object, ox.Literal):
                self.releases[PurePosixPath(q.object.value.replace("\\", "/")).name].add(q.subject)

    def names(self, node) -> set[str]:
        return {o.value for p in NAME_PROPS for o in self.anywhere[(node, p)]}

    def outcome(self, node) -> tuple[str, int | None]:
        kinds = [re.split(r"[#/]", t.value)[-1] for t in self.anywhere[(node, opg("outcomeType"))]]
        counts = [int(c.value) for c in self.anywhere[(node, opg("count"))] if c.value.lstrip("-").isdigit()]
        return (kinds[0] if kinds else "?", counts[0] if counts else None)

    def view(self, release) -> dict:
        """What the graph says about one release, in the shapes the matching compares."""
        g = self.by_graph[release]
        ops = g[(release, opg("reports"))]
        involved: set = set()
        leads: set = set()
        countries: set[str] = set()
        outcomes = []
        for op in ops:
            leads |= g[(op, opg("ledBy"))]
            involved |= g[(op, opg("involves"))] | g[(op, opg("ledBy"))]
            for c in g[(op, opg("country"))]:
                countries |= {code.value.upper() for code in self.anywhere[(c, opg("countryCode"))]}
            outcomes += [self.outcome(o) for o in g[(op, opg("outcome"))]]
        officials = [s for (s, p), objs in g.items() if p == RDF_TYPE and opg("Official") in objs]
        by_value = lambda term: term.value  # noqa: E731 - the yardstick sorts nodes by IRI
        return {
            "ops": set(ops),
            "agencies": [(a, name_forms(self.names(a))) for a in sorted(involved, key=by_value)],
            "leads": [(a, name_forms(self.names(a))) for a in sorted(leads, key=by_value)],
            "countries": sorted(countries),
            "officials": [(p, name_forms(self.names(p)),
                           set().union(*[name_forms(self.names(a))
                                         for a in self.anywhere[(p, opg("memberOf"))]]))
                          for p in sorted(officials, key=by_value)],
            "outcomes": sorted(outcomes, key=str),
            "dates": {d.value[:10] for d in self.anywhere[(release, ISSUED)]},
            "codenames": {bare_codename(n.value) for op in ops for n in g[(op, opg("codename"))]},
        }

    def document(self, name: str) -> tuple[dict, bool]:
        """The views of every release read from the file NAME, joined; and whether any was."""
        joined: dict = {"ops": set(), "agencies": [], "leads": [], "countries": [], "officials": [],
                        "outcomes": [], "dates": set(), "codenames": set()}
        releases = self.releases.get(name, set())
        for release in sorted(releases, key=lambda r: r.value):
            for key, value in self.view(release).items():
                joined[key] = joined[key] | value if isinstance(value, set) else joined[key] + value
        return joined, bool(releases)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> tuple[float, float, float]:
        """Precision and recall of nothing asked and nothing given are 1, as in the yardstick."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict:
        p, r, f = self.prf()
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def greedy_match(gold: list, predicted: list, same: Callable) -> tuple[int, list, list]:
    """One-to-one, first fit, required gold first: optional gold may match but never counts."""
    free = list(range(len(predicted)))
    tp, missed = 0, []
    for item in sorted(gold, key=lambda g: bool(g.get("optional"))):
        hit = next((i for i in free if same(item, predicted[i])), None)
        if hit is not None:
            free.remove(hit)
            tp += 0 if item.get("optional") else 1
        elif not item.get("optional"):
            missed.append(item)
    return tp, missed, [predicted[i] for i in free]


def shown(item: Any) -> str:
    """A predicted item as a person reads it: a node by its longest name."""
    if isinstance(item, tuple) and item and isinstance(item[0], (ox.NamedNode, ox.BlankNode)):
        return max(item[1], key=len, default=item[0].value)
    if isinstance(item, tuple):
        return f"{item[0]} {item[1]}"
    return str(item)


def agency_forms(item: dict) -> set[str]:
    return name_forms([item["name"], *item.get("aliases", [])])


@dataclass
class Scores:
    """The figures of one scoring, and per document what was missed or extra."""

    tallies: dict = field(default_factory=lambda: {f: Tally() for f in ALL_FIELDS})
    dates: dict = field(default_factory=lambda: dict.fromkeys(("right", "wrong", "missing", "invented"), 0))
    documents: dict = field(default_factory=dict)  # file -> list of problems
    without_release: list = field(default_factory=list)

    def micro_f1(self) -> float:
        micro = Tally()
        for name in FIELDS:
            t = self.tallies[name]
            micro.add(t.tp, t.fp, t.fn)
        return round(micro.prf()[2], 3)

    def f1(self, name: str) -> float:
        return self.micro_f1() if name == "micro" else self.tallies[name].figures()["f1"]

    def to_dict(self) -> dict:
        """The yardstick's JSON (same keys and figures), plus the problems per document."""
        out: dict = {"documents": len(self.documents), "documents_without_release": self.without_release,
                     "published": self.dates}
        out.update({name: self.tallies[name].figures() for name in ALL_FIELDS})
        out["micro_f1"] = self.micro_f1()
        out["per_document"] = self.documents
        return out


def _fields(gold: dict, view: dict) -> list:
    """The matched fields of one document: (field, gold items, predicted, same, how gold shows)."""
    return [
        ("agencies", gold.get("agencies", []), view["agencies"],
         lambda g, p: bool(agency_forms(g) & p[1]), lambda g: g["name"]),
        ("leads", [a for a in gold.get("agencies", []) if a.get("lead")], view["leads"],
         lambda g, p: bool(agency_forms(g) & p[1]), lambda g: g["name"]),
        ("countries", gold.get("countries", []), view["countries"],
         lambda g, p: g["code"].upper() == p, lambda g: g["code"]),
        ("officials", gold.get("officials", []), view["officials"],
         lambda g, p: bool(name_forms([g["name"]]) & p[1]), lambda g: g["name"]),
        ("outcomes", gold.get("outcomes", []), view["outcomes"],
         lambda g, p: g["type"] == p[0] and g["count"] == p[1], lambda g: f"{g['type']} {g['count']}"),
        ("codenames", [{"n": bare_codename(o["name"]), **o} for o in gold.get("operations", [])],
         sorted(view["codenames"]), lambda g, p: g["n"] == p, lambda g: g["name"]),
    ]


def _official_agencies(gold: dict, view: dict, scores: Scores, problems: list) -> None:
    """Of the officials found, whether each belongs to the agency the gold gives."""
    agencies = {a["name"]: a for a in gold.get("agencies", [])}
    for official in gold.get("officials", []):
        if official.get("optional") or not official.get("agency"):
            continue
        found = [p for p in view["officials"] if name_forms([official["name"]]) & p[1]]
        if not found:
            continue
        want = agency_forms(agencies.get(official["agency"], {"name": official["agency"]}))
        ok = any(want & p[2] for p in found)
        scores.tallies["official_agency"].add(int(ok), int(not ok), 0)
        if not ok:
            problems.append(f"official_agency: {official['name']} should belong to {official['agency']}")


def _date(gold: dict, dates: set, scores: Scores, problems: list) -> None:
    """The publication date: right, wrong, missing, or invented where the text states none."""
    want = gold.get("published")
    if want:
        accepted = {want} if isinstance(want, str) else set(want)
        key = "missing" if not dates else "right" if dates <= accepted else "wrong"
        scores.dates[key] += 1
        if key != "right":
            problems.append(f"published: want {want}, got {sorted(dates)}")
    elif dates:
        scores.dates["invented"] += 1
        problems.append(f"published: none in text, got {sorted(dates)}")


def read_gold(gold_dir: Path) -> list[dict]:
    """Every gold file of the folder, in name order."""
    if not gold_dir.is_dir():
        raise ScoreError(f"{gold_dir}: no such gold folder")
    golds = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ScoreError(f"{path}: cannot read gold: {exc}") from exc
        if not isinstance(gold, dict) or not isinstance(gold.get("file"), str):
            raise ScoreError(f"{path}: not a gold file (a JSON object with \"file\")")
        golds.append(gold)
    if not golds:
        raise ScoreError(f"{gold_dir}: no gold *.json files")
    return golds


def score(gold_dir: Path, graph_path: Path) -> Scores:
    """Score the graph file against every gold file of the folder."""
    golds, graph = read_gold(gold_dir), Indexed(graph_path)
    scores, ops_of, pairs = Scores(), {}, set()
    for gold in golds:
        name = gold["file"]
        view, found = graph.document(name)
        pairs |= {tuple(sorted((name, twin))) for twin in gold.get("same_operation_as", [])}
        if not found:
            scores.without_release.append(name)
        ops_of[name] = view["ops"]
        problems: list[str] = [] if found else ["no release found"]
        try:
            for name_, items, predicted, same, show in _fields(gold, view):
                tp, missed, extra = greedy_match(items, predicted, same)
                scores.tallies[name_].add(tp, len(extra), len(missed))
                problems += [f"{name_}: missed {show(m)}" for m in missed]
                problems += [f"{name_}: extra {shown(e)}" for e in extra]
            _official_agencies(gold, view, scores, problems)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ScoreError(f"gold of {name}: malformed item ({exc!r})") from exc
        _date(gold, view["dates"], scores, problems)
        scores.documents[name] = problems
    for a, b in itertools.combinations(sorted(ops_of), 2):
        predicted, wanted = bool(ops_of[a] & ops_of[b]), (a, b) in pairs
        scores.tallies["same_operation"].add(int(predicted and wanted), int(predicted and not wanted),
                                             int(wanted and not predicted))
    return scores


def parse_minimums(specs: tuple[str, ...]) -> dict[str, float]:
    """`FIELD=F1` thresholds, checked before any scoring so a typo fails fast."""
    out = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        if not sep or name not in MIN_FIELDS:
            raise ScoreError(f"--min {spec}: give FIELD=F1 with FIELD one of {', '.join(MIN_FIELDS)}")
        try:
            out[name] = float(value)
        except ValueError:
            raise ScoreError(f"--min {spec}: {value!r} is not a number") from None
        if not 0 <= out[name] <= 1:
            raise ScoreError(f"--min {spec}: F1 is between 0 and 1")
    return out


def shortfalls(scores: Scores, minimums: dict[str, float]) -> list[str]:
    """The fields below their threshold, as lines to print."""
    return [f"{name}: F1 {scores.f1(name):.3f} is below {want:.3f}"
            for name, want in minimums.items() if scores.f1(name) < want]
