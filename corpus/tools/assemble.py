#!/usr/bin/env python3
"""Assemble the annotators' folders (corpus/incoming/*) into the corpus and its locked split.

    python corpus/tools/assemble.py            # check, split and write corpus/{tune,test}
    python corpus/tools/assemble.py --check    # check only

Why: the split must be drawn at random once, before any tuning, and never by a person who
has read the documents. Documents that report the same operation stay in one split (a pair
split across the two could not be scored as a pair). The draw is seeded, stratified by
language (English or not), and recorded in corpus/index.tsv; re-running it gives the same
split as long as the incoming folders are unchanged; once corpus/index.tsv exists, its split
is kept, and the documents of a later batch (not in it yet) are drawn the same way on their
own. Links between documents of different annotators (corpus/same_operation_links.tsv,
from a later annotation pass) are added to both golds.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261207
TEST_SHARE = 0.36  # of each stratum's documents, by whole same-operation groups
COLUMNS = ("file", "url", "publisher", "language", "kind", "same_operation_as", "split", "annotator")
DEV_INDEX = ROOT.parent.parent / "shared" / "corpus" / "dev" / "index.tsv"


def read_incoming(incoming: Path) -> tuple[list[dict], list[str]]:
    """Every document row of every annotator's folder, and the problems found."""
    rows, problems = [], []
    for folder in sorted(p for p in incoming.iterdir() if p.is_dir()):
        if not (folder / "index.tsv").is_file():
            problems.append(f"{folder.name}: no index.tsv (an annotator still at work?)")
            continue
        with (folder / "index.tsv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                row["annotator"] = folder.name
                row["folder"] = folder
                rows.append(row)
                problems += check_row(row)
    return rows, problems


def check_row(row: dict) -> list[str]:
    name, folder = row["file"], row["folder"]
    doc, gold = folder / "docs" / name, folder / "gold" / (Path(name).stem + ".json")
    if not doc.is_file() or not gold.is_file():
        return [f"{folder.name}/{name}: document or gold missing"]
    try:
        data = json.loads(gold.read_text(encoding="utf-8"))
    except ValueError as error:
        return [f"{folder.name}/{name}: gold is not JSON: {error}"]
    found = []
    if data.get("file") != name:
        found.append(f"{folder.name}/{name}: gold names {data.get('file')!r}")
    agencies = {a.get("name") for a in data.get("agencies", [])}
    for official in data.get("officials", []):
        if official.get("agency") and official["agency"] not in agencies:
            found.append(f"{folder.name}/{name}: official {official.get('name')} of unknown agency {official['agency']}")
    for outcome in data.get("outcomes", []):
        if not isinstance(outcome.get("count"), int):
            found.append(f"{folder.name}/{name}: outcome without an integer count: {outcome}")
    return found


def groups(rows: list[dict]) -> list[list[dict]]:
    """Documents linked by same_operation_as (either way), as connected groups."""
    by_name = {r["file"]: r for r in rows}
    parent = {name: name for name in by_name}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for row in rows:
        for twin in row.get("same_operation_as", "").split():
            if twin in parent:
                parent[root(twin)] = root(row["file"])
    found: dict[str, list[dict]] = {}
    for name in sorted(by_name):
        found.setdefault(root(name), []).append(by_name[name])
    return list(found.values())


def draw(rows: list[dict]) -> None:
    """Set each row's split: whole groups drawn at random until each stratum's test share is met."""
    rng = random.Random(SEED)
    for english in (True, False):
        stratum = [g for g in groups(rows) if (g[0]["language"].split("-")[0] == "en") == english]
        rng.shuffle(stratum)
        want = round(TEST_SHARE * sum(len(g) for g in stratum))
        taken = 0
        for group in stratum:
            split = "test" if taken < want else "tune"
            taken += len(group) if split == "test" else 0
            for row in group:
                row["split"] = split


def recorded_split(rows: list[dict], index: Path) -> bool:
    """Take each row's split from an index written before, if there is one: the draw is made
    once, before any tuning, and never again."""
    if not index.is_file():
        return False
    with index.open(encoding="utf-8", newline="") as handle:
        split = {r["file"]: r["split"] for r in csv.DictReader(handle, delimiter="\t")}
    for row in rows:
        row["split"] = split.get(row["file"], "")
    later = [r for r in rows if not r["split"]]
    if later:
        # a later batch is drawn as the first was, at random before anyone tunes on it; its
        # documents are linked only among themselves, so no group straddles the batches
        draw(later)
        print(f"drew the split of {len(later)} documents of a later batch")
    return True


def cross_links(rows: list[dict], path: Path) -> tuple[int, int]:
    """Add the same-operation links found across annotators (corpus/same_operation_links.tsv)
    to both documents where they share a split; (links applied, links across the split)."""
    by_name = {r["file"]: r for r in rows}
    applied = across = 0
    if not path.is_file():
        return 0, 0
    with path.open(encoding="utf-8", newline="") as handle:
        for link in csv.DictReader(handle, delimiter="\t"):
            a, b = by_name[link["file"]], by_name[link["other"]]
            if a["split"] != b["split"]:
                across += 1
                continue
            for one, other in ((a, b), (b, a)):
                twins = one.get("same_operation_as", "").split()
                if other["file"] not in twins:
                    one["same_operation_as"] = " ".join(sorted([*twins, other["file"]]))
            applied += 1
    return applied, across


def write(rows: list[dict], out: Path) -> None:
    for split in ("tune", "test"):
        for kind in ("docs", "gold"):
            target = out / split / kind
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
    for row in rows:
        stem = Path(row["file"]).stem
        shutil.copyfile(row["folder"] / "docs" / row["file"], out / row["split"] / "docs" / row["file"])
        gold = json.loads((row["folder"] / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        gold["same_operation_as"] = row.get("same_operation_as", "").split()
        (out / row["split"] / "gold" / f"{stem}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with (out / "index.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in sorted(rows, key=lambda r: r["file"]):
            handle.write("\t".join(row.get(c, "") for c in COLUMNS) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="check the incoming folders only")
    args = parser.parse_args()
    rows, problems = read_incoming(ROOT / "incoming")
    names = [r["file"] for r in rows]
    problems += [f"{n}: file name used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    urls = [r["url"] for r in rows]
    problems += [f"{u}: URL used twice" for u in sorted({u for u in urls if urls.count(u) > 1})]
    if DEV_INDEX.is_file():
        dev = {line.split("\t")[1] for line in DEV_INDEX.read_text(encoding="utf-8").splitlines()[1:]}
        problems += [f"{r['file']}: URL is in the dev set" for r in rows if r["url"] in dev]
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    languages: dict[str, int] = {}
    for row in rows:
        languages[row["language"]] = languages.get(row["language"], 0) + 1
    print(f"{len(rows)} documents; languages: " + ", ".join(f"{k} {v}" for k, v in sorted(languages.items())))
    if args.check:
        return 1 if problems else 0
    if not recorded_split(rows, ROOT / "index.tsv"):
        draw(rows)
    applied, across = cross_links(rows, ROOT / "same_operation_links.tsv")
    print(f"same-operation links across annotators: {applied} applied, {across} across the split (not scored)")
    write(rows, ROOT)
    for split in ("tune", "test"):
        part = [r for r in rows if r["split"] == split]
        other = sum(1 for r in part if r["language"].split("-")[0] != "en")
        print(f"{split}: {len(part)} documents ({other} not in English)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
