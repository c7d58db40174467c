"""Benchmark: `kg build` of one big JSON Lines file against the same releases as separate files.

Why: issue 17 found a 12 MB JSON Lines export of 6,280 releases refused whole by the size limit
and, with the limit lifted, built more slowly than the same releases as a folder of files. A
JSON Lines file is a corpus, not a release: the build should spread its lines over the workers
as it spreads files, at the same speed per release, and make the same facts of them.

    python benchmarks/jsonl_build.py --work /tmp/jb                  # 6,000 releases, ~12 MB
    python benchmarks/jsonl_build.py --work /tmp/jb --kg-path /tmp/base --max-size 0

Writes (once, kept under --work) `corpus.jsonl`, one release per line, and `files/`, the same
lines one per file (`000000.jsonl`, ...), from `benchmarks/corpus.py`'s releases (seed 0) as
`kg.ingest` reads them, each text cut to its paragraphs within --max-chars; then times
`kg build --no-cache --reproducible --no-progress --jobs 2` of each (wall time of the command,
Python start-up included) and the CPU seconds of its processes, prints both summaries and says whether the two graphs hold the same
facts (every N-Quads line but those naming the source files, whose paths differ by design).
`--kg-path DIR` runs another checkout's `kg` (a `git archive` of an older commit) on the same
files. Exit code 0 when both builds ran, 1 when one failed, 2 when the input could not be made.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for _path in (REPO, REPO / "benchmarks"):  # run as a script from anywhere (benchmarks/ is no package)
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# A quad about a source file (its path and hash differ between the layouts): left out of the
# comparison, as are the release's link to it and its source path.
_SOURCE = re.compile(r"/id/source/|<http://www\.w3\.org/ns/prov#wasDerivedFrom>|ontology#sourcePath>")


def make_inputs(work: Path, releases: int, seed: int, max_chars: int) -> tuple[Path, Path]:
    """`work/corpus.jsonl` and `work/files/` (made unless there), the same lines in both."""
    corpus, folder = work / "corpus.jsonl", work / "files"
    if corpus.is_file() and folder.is_dir():
        return corpus, folder
    from corpus import generate
    from kg.ingest.dispatch import read_text
    from kg.records import Document

    lines = []
    for index in range(releases):
        item = generate(seed, index)
        document = next(d for d in read_text(item.content.split("\n")[0] if item.format == "jsonl"
                                             else item.content, "x") if isinstance(d, Document))
        lines.append(json.dumps(_record(document, max_chars), ensure_ascii=False))
    folder.mkdir(parents=True, exist_ok=True)
    for index, line in enumerate(lines):
        (folder / f"{index:06d}.jsonl").write_text(line + "\n", encoding="utf-8")
    corpus.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return corpus, folder


def _record(document, max_chars: int) -> dict[str, str]:
    """A release as a JSON Lines record, its text cut to the paragraphs within `max_chars`."""
    kept: list[str] = []
    for paragraph in document.text.split("\n\n"):
        if kept and sum(len(p) + 2 for p in kept) + len(paragraph) > max_chars:
            break
        kept.append(paragraph)
    text = "\n\n".join(kept)
    if len(text) > max_chars:  # one long paragraph (a release flowed onto one line): whole sentences
        text = text[:text.rfind(". ", 0, max_chars) + 1] or text[:max_chars]
    record = {"title": document.title, "text": text, "url": document.url,
              "publisher": document.publisher, "language": document.language,
              "date": document.published.isoformat() if document.published else None}
    return {key: value for key, value in record.items() if value}


def time_build(inputs: Path, out: Path, kg_path: str | None, max_size: str | None
               ) -> tuple[float, float, subprocess.CompletedProcess]:
    """The wall time of one `kg build` command of `inputs` into `out`, the CPU seconds of its
    processes (the command and its workers), and its result."""
    env = dict(os.environ)
    if kg_path:
        env["PYTHONPATH"] = kg_path + os.pathsep + env.get("PYTHONPATH", "")
    command = [sys.executable, "-m", "kg.cli", "build", str(inputs), "--out", str(out),
               "--no-cache", "--reproducible", "--no-progress", "--jobs", "2"]
    if max_size is not None:
        command += ["--max-size", max_size]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=kg_path or REPO, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done


def facts(out: Path) -> set[str]:
    """The N-Quads lines of a build but those about its source files."""
    with open(out / "graph.nq", encoding="utf-8") as handle:
        return {line for line in handle if not _SOURCE.search(line)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="folder for the inputs and outputs")
    parser.add_argument("--releases", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-chars", type=int, default=2000, help="text kept per release")
    parser.add_argument("--kg-path", help="run the kg of this checkout (put first on PYTHONPATH)")
    parser.add_argument("--max-size", help="passed to kg build (default: its own)")
    parser.add_argument("--only", choices=("jsonl", "files"), help="time one layout only")
    args = parser.parse_args(argv)
    try:
        corpus, folder = make_inputs(args.work, args.releases, args.seed, args.max_chars)
    except Exception as error:  # noqa: BLE001 (a benchmark whose input cannot be made ends)
        print(f"Error: could not make the inputs: {error}", file=sys.stderr)
        return 2
    print(f"input: {corpus} ({corpus.stat().st_size / 1e6:.1f} MB, {args.releases:,} lines) and "
          f"{folder}/ (the same lines, one per file)")
    failed = False
    built = []
    for name, inputs in (("jsonl", corpus), ("files", folder)):
        if args.only and args.only != name:
            continue
        out = args.work / f"out-{name}"
        seconds, cpu, done = time_build(inputs, out, args.kg_path, args.max_size)
        print(f"\n{name}: {seconds:.1f} s ({cpu:.1f} s of CPU), exit code {done.returncode}, "
              f"load average {os.getloadavg()[0]:.1f}")
        print((done.stdout + done.stderr).strip()[:2000])
        failed |= done.returncode not in (0, 1)
        if done.returncode in (0, 1):
            built.append(out)
    if len(built) == 2:
        a, b = (facts(out) for out in built)
        print(f"\nsame facts: {a == b} ({len(a):,} quads besides the source files; "
              f"{len(a - b)} only from the JSON Lines file, {len(b - a)} only from the files)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
