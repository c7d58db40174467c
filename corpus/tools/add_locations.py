#!/usr/bin/env python3
"""Copy the blind location annotation (corpus/locations/L1, L2, L4, L5) into the corpus's gold.

    python corpus/tools/add_locations.py

Why: the `locations` field was annotated after the corpus was assembled, by annotators who
saw only the texts, the rule (corpus/README.md, "Locations") and corpus/locations/BRIEF.md.
Each document's field goes into its gold in `incoming/` (what tools/assemble.py reads) and in
its split, so that a later assembly keeps it. The second pass (L3) stays apart: it is what
the agreement figure compares against.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PASS = ("L1", "L2", "L4", "L5")
DRAWS = ("files.tsv", "files2.tsv")  # the 72 documents drawn first, then the other 85 tuning documents


def main() -> int:
    index = {row["file"]: row for row in csv.DictReader(
        (ROOT / "index.tsv").open(encoding="utf-8", newline=""), delimiter="\t")}
    drawn = {row["file"]: row for draw in DRAWS for row in csv.DictReader(
        (ROOT / "locations" / draw).open(encoding="utf-8", newline=""), delimiter="\t")}
    written = 0
    for name, row in sorted(drawn.items()):
        source = ROOT / "locations" / row["annotator"] / f"{Path(name).stem}.json"
        if row["annotator"] not in FIRST_PASS or not source.is_file():
            print(f"{name}: no annotation in {source}", file=sys.stderr)
            return 1
        annotation = json.loads(source.read_text(encoding="utf-8"))
        if annotation.get("file") != name or not isinstance(annotation.get("locations"), list):
            print(f"{source}: must name {name} and hold a list of locations", file=sys.stderr)
            return 1
        meta = index[name]
        for gold in (ROOT / "incoming" / meta["annotator"] / "gold" / f"{Path(name).stem}.json",
                     ROOT / meta["split"] / "gold" / f"{Path(name).stem}.json"):
            data = json.loads(gold.read_text(encoding="utf-8"))
            data["locations"] = annotation["locations"]
            gold.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written += 1
    print(f"locations added to the gold of {written} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
