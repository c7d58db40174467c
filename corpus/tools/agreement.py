#!/usr/bin/env python3
"""Inter-annotator agreement: one annotator's gold scored against another's with score.py.

    python corpus/tools/agreement.py --first corpus/tune/gold corpus/test/gold \
        --second corpus/second/gold

Why: the figure that says how far two careful readers agree is the ceiling of what the
extractor can be held to. The second annotator's gold is turned into a graph as the
contract in DESIGN.md describes it (a release per document, its operation, agencies, leads,
countries, officials and outcomes; only the items that annotator did not mark optional),
and ../shared/eval/score.py scores it against the first annotator's gold, on the documents
both annotated. Agreement is then the micro-F1 and each field's F1, symmetric in the two.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

from rdflib import RDF, Dataset, Literal, Namespace
from rdflib.namespace import DCTERMS, FOAF, SKOS, XSD

OPG = Namespace("https://w3id.org/opgraph/ontology#")
ID = Namespace("urn:agreement:")
SCORE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def required(items: list[dict]) -> list[dict]:
    return [i for i in items if not i.get("optional")]


def graph_of(golds: list[dict]) -> Dataset:
    """The second annotator's gold as a dataset shaped like kg build's."""
    data = Dataset()
    groups = {}
    for gold in golds:
        name = gold["file"]
        group = min([name, *gold.get("same_operation_as", [])])
        groups[name] = group
    for gold in golds:
        name = gold["file"]
        release = ID[f"release/{name}"]
        graph = data.graph(release)
        operation = ID[f"operation/{groups[name]}"]
        graph.add((release, RDF.type, OPG.Release))
        graph.add((release, OPG.sourcePath, Literal(name)))
        graph.add((release, OPG.reports, operation))
        published = gold.get("published")
        if isinstance(published, list):
            published = published[0] if published else None
        if published:
            kind = XSD.date if len(published) == 10 else XSD.gYearMonth
            graph.add((release, DCTERMS.issued, Literal(published, datatype=kind)))
        for op in required(gold.get("operations", [])):
            graph.add((operation, OPG.codename, Literal(op["name"])))
        agencies = {}
        for i, agency in enumerate(required(gold.get("agencies", []))):
            node = ID[f"agency/{name}/{i}"]
            agencies[agency["name"]] = node
            graph.add((node, SKOS.prefLabel, Literal(agency["name"])))
            for alias in agency.get("aliases", []):
                graph.add((node, SKOS.altLabel, Literal(alias)))
            graph.add((operation, OPG.ledBy if agency.get("lead") else OPG.involves, node))
        for country in required(gold.get("countries", [])):
            node = ID[f"country/{country['code']}"]
            graph.add((node, OPG.countryCode, Literal(country["code"])))
            graph.add((operation, OPG.country, node))
        for i, official in enumerate(required(gold.get("officials", []))):
            node = ID[f"official/{name}/{i}"]
            graph.add((node, RDF.type, OPG.Official))
            graph.add((node, FOAF.name, Literal(official["name"])))
            agency = agencies.get(official.get("agency") or "")
            if agency is not None:
                graph.add((node, OPG.memberOf, agency))
        for i, outcome in enumerate(required(gold.get("outcomes", []))):
            node = ID[f"outcome/{name}/{i}"]
            graph.add((operation, OPG.outcome, node))
            graph.add((node, OPG.outcomeType, OPG[outcome["type"]]))
            graph.add((node, OPG["count"], Literal(int(outcome["count"]))))
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--first", type=Path, nargs="+", required=True, help="the first pass's gold folders")
    parser.add_argument("--second", type=Path, required=True, help="the second pass's gold folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    second = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.second.glob("*.json"))}
    with tempfile.TemporaryDirectory() as scratch:
        first_dir = Path(scratch) / "first"
        first_dir.mkdir()
        for folder in args.first:
            for path in folder.glob("*.json"):
                if path.name in second:
                    shutil.copyfile(path, first_dir / path.name)
        common = [second[p.name] for p in first_dir.glob("*.json")]
        graph_path = Path(scratch) / "second.nq"
        graph_of(common).serialize(graph_path, format="nquads")
        scorer = load_scorer()
        result = scorer.score(first_dir, scorer.Graph(graph_path), args.verbose)
    print(f"documents annotated twice: {result['documents']}")
    for field in ("agencies", "countries", "officials", "outcomes", "leads", "codenames", "same_operation"):
        m = result[field]
        print(f"{field:<16}F1 {m['f1']:.3f}  (first only {m['fn']}, second only {m['fp']}, both {m['tp']})")
    d = result["published"]
    print(f"published: {d['right']} agree, {d['wrong']} differ, {d['missing']} only first, {d['invented']} only second")
    print(f"agreement micro-F1 {result['micro_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
