"""The nightly fuzz run: the properties of tests/test_fuzz.py, over and over with fresh seeds.

Why: CI runs each property on a few hundred fixed examples so that it stays fast and
reproducible; the inputs that break a reader are rarer than that. This script runs the
same properties under the "nightly" profile, each run with a new random seed, until its
time is up, and says how many examples each property ran and what failed, with the seed
(and hypothesis's reproduce_failure blob) that gives the failure again.

    python -m tests.nightly_fuzz --minutes 30
    python -m tests.nightly_fuzz --property test_any_bytes --seed 1234 --rounds 1   # replay

Exit status: 0 when every run passed, 1 when any failed. The run in progress when the time
is up is finished first, so the script may overrun by about one run (--examples sizes it).
Not a test module (its name does not start with test_): pytest never collects it.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Failure:
    """One failed run: which property, the seed that reproduces it, and what hypothesis said."""

    prop: str
    seed: int
    summary: str  # the exception's type and first line
    report: str


def properties(module: Any, only: str | None) -> list[tuple[str, Callable[..., Any]]]:
    """The hypothesis properties of `module` (its test functions made by @given), by name.

    Why: the script must run exactly what CI runs, so it finds the properties rather
    than keeping its own list; `only` keeps those whose name contains it.
    """
    found = [(name, fn) for name, fn in sorted(vars(module).items())
             if name.startswith("test_") and callable(fn) and hasattr(fn, "hypothesis")]
    return [(name, fn) for name, fn in found if only is None or only in name]


def run_once(name: str, prop: Callable[..., Any], seed: int) -> tuple[str, str] | None:
    """Run one property with one seed; None when it passes, else the failure's summary and
    full report.

    Why: hypothesis's failure report (the falsifying example, and the @reproduce_failure
    blob that print_blob adds as an exception note) is what a person needs to replay the
    failure; it is returned whole rather than printed from deep inside hypothesis.
    """
    from hypothesis import seed as with_seed

    try:
        with_seed(seed)(prop)()
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # a property's failure, whatever it raised
        first = (str(error).strip().splitlines() or [""])[0]
        return f"{type(error).__name__}: {first}", "".join(traceback.format_exception(error))
    return None


def main(argv: list[str] | None = None) -> int:
    """Fuzz until the time is up; print examples per property and every failure.

    Why: a nightly job needs one command, a log a person can read in the morning, and
    an exit status the scheduler can act on.
    """
    parser = argparse.ArgumentParser(prog="python -m tests.nightly_fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long to fuzz (default 30)")
    parser.add_argument("--examples", type=int, default=500,
                        help="examples per property per run (the build property runs a tenth; default 500)")
    parser.add_argument("--property", default=None, help="run only properties whose name contains this")
    parser.add_argument("--seed", type=int, default=None, help="the first run's seed (to replay a failure)")
    parser.add_argument("--rounds", type=int, default=None, help="stop after this many rounds")
    args = parser.parse_args(argv)

    os.environ["OPGRAPH_FUZZ_PROFILE"] = "nightly"  # read when tests.test_fuzz is imported
    os.environ["OPGRAPH_FUZZ_EXAMPLES"] = str(args.examples)
    from tests import test_fuzz

    props = properties(test_fuzz, args.property)
    if not props:
        print(f"no property matches {args.property!r}", file=sys.stderr)
        return 2
    seeds = random.Random(args.seed) if args.seed is not None else random.SystemRandom()
    first_seed = args.seed
    start = time.monotonic()
    deadline = start + args.minutes * 60
    failures: list[Failure] = []
    runs: Counter[str] = Counter()
    rounds = 0
    print(f"nightly fuzz: {len(props)} properties, {args.examples} examples per run, "
          f"{args.minutes:g} minutes, started {time.strftime('%Y-%m-%d %H:%M:%S')}", flush=True)
    while time.monotonic() < deadline and (args.rounds is None or rounds < args.rounds):
        rounds += 1
        for name, prop in props:
            if time.monotonic() >= deadline:
                break
            seed = first_seed if first_seed is not None else seeds.getrandbits(64)
            first_seed = None
            before, began = test_fuzz.EXAMPLES[name], time.monotonic()
            failed = run_once(name, prop, seed)
            runs[name] += 1
            ran = test_fuzz.EXAMPLES[name] - before
            status = "ok" if failed is None else "FAILED"
            print(f"round {rounds} {name}: {status}, {ran} examples in {time.monotonic() - began:.1f} s "
                  f"(seed {seed})", flush=True)
            if failed is not None:
                failures.append(Failure(name, seed, *failed))
                print(f"--- failure of {name}, seed {seed}; replay with: python -m tests.nightly_fuzz "
                      f"--property {name} --seed {seed} --rounds 1\n{failed[1]}---", flush=True)
    minutes = (time.monotonic() - start) / 60
    print(f"\nnightly fuzz: {rounds} rounds in {minutes:.1f} minutes, "
          f"{len(failures)} failed runs", flush=True)
    for name, _ in props:
        print(f"  {name}: {test_fuzz.EXAMPLES[name]} examples in {runs[name]} runs", flush=True)
    for failure in failures:
        print(f"FAILED {failure.prop} (seed {failure.seed}): {failure.summary}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
