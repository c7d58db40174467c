#!/usr/bin/env python3
"""Score the locations of a build (opg:location) against the corpus's `locations` gold.

    python corpus/tools/score_locations.py --gold corpus/tune/gold --graph out/tune/graph.nq [-v]
    python corpus/tools/score_locations.py --gold corpus/tune/gold corpus/test/gold \\
        --second corpus/locations/L3          # agreement of the second pass with the first

Why: ../shared/eval/score.py scores the contract's fields and knows nothing of locations. This
scores them the same way: a place matches a gold item when one of its names (skos:prefLabel,
skos:altLabel) and one of the item's (name, aliases), folded as score.py folds them, agree;
one to one; optional items neither rewarded nor punished; only documents whose gold has a
`locations` field count. With --second, a second annotation stands in for the build: its
optional items are left out, and a first-pass item it marks optional counts against neither.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path, PurePosixPath

import pyoxigraph as ox

OPG = "https://w3id.org/opgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
NAMES = (f"{SKOS}prefLabel", f"{SKOS}altLabel")


def folded(text: str) -> str:
    """A name as the scorer compares it: no accents, case, punctuation or 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("\u2019", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(w for w in text.split() if w != "the")


def forms(names) -> set[str]:
    return {f for f in map(folded, names) if f}


def predicted_by_file(graph: Path) -> dict[str, list[set[str]]]:
    """Each source file's places: the name forms of every opg:location of the operation its
    release reports, as the release's own named graph says (an operation several releases
    report holds every release's places, each in that release's graph)."""
    reports, located = defaultdict(set), defaultdict(set)  # keyed by (graph, subject)
    names: dict[str, set[str]] = defaultdict(set)
    files: dict[str, str] = {}
    for quad in ox.parse(path=str(graph), format=ox.RdfFormat.N_QUADS):
        s, p, o = quad.subject.value, quad.predicate.value, quad.object
        g = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        if p == f"{OPG}sourcePath":
            files[s] = PurePosixPath(o.value.replace("\\", "/")).name
        elif p == f"{OPG}reports":
            reports[g, s].add(o.value)
        elif p == f"{OPG}location":
            located[g, s].add(o.value)
        elif p in NAMES:
            names[s].add(o.value)
    found: dict[str, list[set[str]]] = defaultdict(list)
    for release, name in files.items():
        places = sorted({place for op in reports[release, release] for place in located[release, op]})
        found[name].extend(forms(names[place]) for place in places)
    return found


def match(gold: list[dict], predicted: list[set[str]]) -> tuple[int, int, list, list]:
    """Greedy one-to-one matching, required items first: (tp, fp, missed, extra)."""
    free = list(range(len(predicted)))
    tp, missed = 0, []
    for item in sorted(gold, key=lambda g: bool(g.get("optional"))):
        wanted = forms([item["name"], *item.get("aliases", [])])
        hit = next((i for i in free if wanted & predicted[i]), None)
        if hit is not None:
            free.remove(hit)
            tp += 0 if item.get("optional") else 1
        elif not item.get("optional"):
            missed.append(item["name"])
    return tp, len(free), missed, [sorted(predicted[i])[0] for i in free]


def second_pass(folder: Path) -> dict[str, list[dict]]:
    return {json.loads(p.read_text(encoding="utf-8"))["file"]: json.loads(p.read_text(encoding="utf-8"))["locations"]
            for p in sorted(folder.glob("*.json"))}


def as_predicted(first: list[dict], second: list[dict]) -> tuple[list[dict], list[set[str]]]:
    """The second pass's required items as predictions; first-pass items it marks optional
    become optional, so a difference in what is optional counts against neither."""
    optional = [forms([i["name"], *i.get("aliases", [])]) for i in second if i.get("optional")]
    gold = [dict(i, optional=True) if any(forms([i["name"], *i.get("aliases", [])]) & o for o in optional)
            else i for i in first]
    return gold, [forms([i["name"], *i.get("aliases", [])]) for i in second if not i.get("optional")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", nargs="+", type=Path, required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--graph", type=Path)
    source.add_argument("--second", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    predicted = predicted_by_file(args.graph) if args.graph else {}
    second = second_pass(args.second) if args.second else {}
    tp = fp = fn = documents = 0
    for gold_file in sorted(p for folder in args.gold for p in folder.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if "locations" not in gold or (args.second and gold["file"] not in second):
            continue
        items, found = (as_predicted(gold["locations"], second[gold["file"]]) if args.second
                        else (gold["locations"], predicted.get(gold["file"], [])))
        hits, extra, missed, extras = match(items, found)
        tp, fp, fn, documents = tp + hits, fp + extra, fn + len(missed), documents + 1
        if args.verbose and (missed or extras):
            print(f"{gold['file']}: missed {missed} extra {extras}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"locations  P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn}; {documents} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
