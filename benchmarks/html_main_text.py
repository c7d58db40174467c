"""Benchmark: how well the HTML reader finds a page's main text, on trafilatura's evaluation corpus.

Why: users scrape agency and news sites; navigation, "related news" lists and footers that
leak into a release's text become false facts (agencies and countries that took no part).
trafilatura's public evaluation corpus (github.com/adbar/trafilatura, `tests/evaldata.json`
with the pages in `tests/eval` and `tests/cache`) annotates ~1,000 real pages with snippets
that must be in the main text ("with") and boilerplate that must not ("without"). This script
runs extractors over every page and scores them as trafilatura's own benchmark does
(`tests/evaluate.py` and `tests/eval_common.py`, which replaced `tests/comparison_small.py`):

- each "with" snippet found in the output is a true positive, missed a false negative; each
  "without" snippet found is a false positive, absent a true negative; matching is substring
  matching after collapsing white space (`norm`) in both, as `eval_common.count_item` does;
- an extractor that raises or returns nothing scores every "with" as missed and every
  "without" as absent ("empty" counts such pages; "errors" those that raised);
- precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = 2 tp / (2 tp + fp + fn), summed
  over all snippets of all pages (micro-averaged), as `eval_common.ConfusionMatrix`.

Extractors (`--extractors`, default `opgraph trafilatura`):

- `opgraph`: what a build reads from the page: the file's bytes through `kg.ingest.decode`
  and `kg.ingest.html.read`; the output is the title and the documents' texts, one per line
  (a file the build would skip, such as one with NUL bytes, gives nothing);
- `opgraph-markup`: the same with the reader's markup rules alone finding the text
  (`html.markup_main_text`: the reader's only extractor before trafilatura, its fallback now);
- `trafilatura`: `trafilatura.extract(page_bytes)` with its default settings;
- `trafilatura-eval`: `trafilatura.extract` with the settings of trafilatura's own benchmark
  (`include_comments=False, include_tables=True, include_formatting=False`).

Each extractor is timed on the extraction alone (scoring excluded), pages in sorted order, one
process; each first runs once on a small page so imports are not timed. For opgraph, "seconds"
includes decoding the bytes (`kg.ingest.decode`, ftfy's mojibake repair included), shown again
in "of which decoding"; trafilatura decodes inside `extract`. "median ms/page" is the median
time of one page, decoding included, and for opgraph also without it (`html.read` alone).

    python benchmarks/html_main_text.py --corpus /tmp/trafilatura-eval/tests
    python benchmarks/html_main_text.py --corpus DIR --extractors opgraph --markdown
    python benchmarks/html_main_text.py --corpus DIR --details /tmp/pages.tsv

Getting the corpus (no file of it is ever committed here):

    git clone --depth 1 https://github.com/adbar/trafilatura /tmp/trafilatura
    # --corpus /tmp/trafilatura/tests

Exit code 0 when the corpus was read (whatever the scores: a benchmark, not a test), 2 when it
could not be.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_SPACE = re.compile(r"\s+")
_WARM_UP = b"<html><head><title>T</title></head><body><p>Some text.</p></body></html>"


def norm(text: str) -> str:
    """White space collapsed, as trafilatura's `eval_common.norm`."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class Score:
    """Summed confusion counts, time and page counts of one extractor."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    pages: int = 0
    empty: int = 0
    errors: int = 0
    seconds: float = 0.0
    prepare_seconds: float = 0.0
    page_seconds: list[float] = field(default_factory=list)
    extract_seconds: list[float] = field(default_factory=list)

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


def count(item: dict, result: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page, as trafilatura's `eval_common.count_item`."""
    if isinstance(result, str):
        text = norm(result)
        tp = sum(1 for snippet in item["with"] if norm(snippet) in text)
        fp = sum(1 for snippet in item["without"] if norm(snippet) in text)
    else:
        tp = fp = 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def page_bytes(corpus: Path, name: str) -> bytes | None:
    """A page's bytes from `cache/` or `eval/` (the order of trafilatura's `resolve`),
    gunzipped when the file is gzip-compressed (as trafilatura's `decode_file` does); None when
    the file is in neither folder."""
    for folder in ("cache", "eval"):
        path = corpus / folder / name
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                try:
                    data = gzip.decompress(data)
                except (OSError, EOFError):
                    pass
            return data
    return None


# --------------------------------------------------------------------------- extractors
# Each extractor is (prepare, extract): prepare turns the page's bytes into the extractor's
# input (opgraph: `kg.ingest.decode`, as a build does; trafilatura decodes inside extract),
# and both are timed.

def _decode(data: bytes) -> str | None:
    from kg.errors import ReadError
    from kg.ingest.decode import decode

    try:
        return decode(data)
    except ReadError:  # as a build, which skips the file ("binary content", ...)
        return None


def _opgraph_output(documents: list) -> str | None:
    """The title and the documents' texts, one per line."""
    if not documents:
        return None
    parts = [documents[0].title or ""] + [document.text for document in documents]
    return "\n".join(part for part in parts if part)


def _opgraph(text: str | None) -> str | None:
    from kg.ingest import html

    return _opgraph_output(html.read(text, "page.html")) if text is not None else None


def _opgraph_markup(text: str | None) -> str | None:
    from kg.ingest import html

    if text is None:
        return None
    return _opgraph_output(html.read(text, "page.html", main_text=html.markup_main_text))


def _trafilatura(data: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(data)


def _trafilatura_eval(data: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(data, include_comments=False, include_tables=True, include_formatting=False)


def _as_is(data: bytes) -> bytes:
    return data


EXTRACTORS: dict[str, tuple[Callable[[bytes], Any], Callable[[Any], str | None]]] = {
    "opgraph": (_decode, _opgraph),
    "opgraph-markup": (_decode, _opgraph_markup),
    "trafilatura": (_as_is, _trafilatura),
    "trafilatura-eval": (_as_is, _trafilatura_eval),
}


def version(name: str) -> str:
    """The version of the library behind an extractor."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    library = "opgraph" if name.startswith("opgraph") else "trafilatura"
    try:
        return installed(library)
    except PackageNotFoundError:
        return "-"


# --------------------------------------------------------------------------- run

def run(corpus: Path, names: list[str], limit: int | None, details: Path | None) -> dict[str, Score]:
    """Every extractor over every page of the corpus: their scores."""
    evaldata = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    urls = sorted(evaldata)[:limit] if limit else sorted(evaldata)
    pages = {}
    for url in urls:
        data = page_bytes(corpus, evaldata[url]["file"])
        if data is None:
            raise FileNotFoundError(f"{url}: page not found: {evaldata[url]['file']}")
        pages[url] = data
    scores = {name: Score() for name in names}
    for name in names:
        prepare, extract = EXTRACTORS[name]
        try:
            extract(prepare(_WARM_UP))
        except Exception:
            pass
    rows = []
    for number, url in enumerate(urls, 1):
        item = evaldata[url]
        for name in names:
            score = scores[name]
            error = ""
            prepare, extract = EXTRACTORS[name]
            start = time.perf_counter()
            try:
                prepared = prepare(pages[url])
                prepared_at = time.perf_counter()
                score.prepare_seconds += prepared_at - start
                result = extract(prepared)
                score.extract_seconds.append(time.perf_counter() - prepared_at)
            except Exception as exc:  # a crash costs recall, as in trafilatura's benchmark
                result, error = None, f"{type(exc).__name__}: {exc}"
                score.errors += 1
            elapsed = time.perf_counter() - start
            score.seconds += elapsed
            score.page_seconds.append(elapsed)
            score.pages += 1
            if not result:
                score.empty += 1
            tp, fp, fn, tn = count(item, result)
            score.tp += tp
            score.fp += fp
            score.fn += fn
            score.tn += tn
            if details is not None:
                rows.append((name, url, item["file"], tp, fp, fn, tn, f"{elapsed:.4f}",
                             "" if result else "empty", error.replace("\t", " ").replace("\n", " ")))
        if number % 100 == 0:
            print(f"{number}/{len(urls)} pages", file=sys.stderr)
    if details is not None:
        with details.open("w", encoding="utf-8") as out:
            out.write("extractor\turl\tfile\ttp\tfp\tfn\ttn\tseconds\tempty\terror\n")
            for row in rows:
                out.write("\t".join(str(value) for value in row) + "\n")
    return scores


HEADER = ("extractor", "version", "pages", "empty", "errors", "precision", "recall", "F1",
          "seconds", "of which decoding", "median ms/page", "median ms/page without decoding")


def table_rows(scores: dict[str, Score]) -> list[tuple[str, ...]]:
    return [(name, version(name), str(s.pages), str(s.empty), str(s.errors), f"{s.precision():.3f}",
             f"{s.recall():.3f}", f"{s.f1():.3f}", f"{s.seconds:.1f}",
             f"{s.prepare_seconds:.1f}" if EXTRACTORS[name][0] is not _as_is else "-",
             f"{statistics.median(s.page_seconds) * 1000:.1f}" if s.page_seconds else "-",
             f"{statistics.median(s.extract_seconds) * 1000:.1f}"
             if s.extract_seconds and EXTRACTORS[name][0] is not _as_is else "-")
            for name, s in scores.items()]


def print_table(scores: dict[str, Score], markdown: bool) -> None:
    rows = [HEADER, *table_rows(scores)]
    if markdown:
        print("| " + " | ".join(HEADER) + " |")
        print("|" + "|".join("---" if i < 2 else "---:" for i in range(len(HEADER))) + "|")
        for row in rows[1:]:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    for row in rows:
        print("  ".join(value.ljust(width) if i < 2 else value.rjust(width)
                        for i, (value, width) in enumerate(zip(row, widths))))


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True,
                        help="trafilatura's tests folder (evaldata.json, eval/, cache/)")
    parser.add_argument("--extractors", nargs="+", choices=list(EXTRACTORS),
                        default=["opgraph", "trafilatura"], help="extractors to run (default: opgraph trafilatura)")
    parser.add_argument("--limit", type=int, help="only the first N pages (in sorted order of their URL)")
    parser.add_argument("--details", type=Path, help="write per-page counts to this TSV file")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if not (args.corpus / "evaldata.json").is_file():
        print(f"Error: no evaldata.json in {args.corpus}", file=sys.stderr)
        return 2
    import logging
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    started = time.strftime("%Y-%m-%d %H:%M")
    try:
        scores = run(args.corpus, args.extractors, args.limit, args.details)
    except (OSError, ValueError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    print(f"# {started}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"corpus {args.corpus} ({next(iter(scores.values())).pages} pages)")
    print_table(scores, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
