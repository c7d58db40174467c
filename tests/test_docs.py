"""The README and docs/ stay true: every link and anchor resolves, and every `console` example
runs offline and prints what the page shows.

A `console` block holds commands after "$ " (continued on lines after "> ") and, under each, what it prints (standard output,
then standard error); a line "..." stands for any number of lines, and a command shown
printing an "Error: " line must fail. The blocks of one page run in order in one
temporary folder holding a copy of examples/, with the installed `kg` first on the PATH.
Commands that need a server or the network are shown in `sh` blocks, which are not run.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```([\w-]*)\s*$")
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")


def blocks(page: Path) -> list[tuple[str, list[str]]]:
    """The fenced code blocks of a page: (language, lines)."""
    found: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for line in page.read_text(encoding="utf-8").splitlines():
        fence = FENCE.match(line)
        if fence and current is None:
            language, current = fence.group(1), []
        elif line.startswith("```") and current is not None:
            found.append((language, current))
            current = None
        elif current is not None:
            current.append(line)
    return found


def prose(page: Path) -> str:
    """A page without its code blocks (links in code are not links)."""
    text = page.read_text(encoding="utf-8")
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {slug(line.lstrip("#")) for line in prose(page).splitlines() if line.startswith("#")}


def links(page: Path) -> list[str]:
    return [target for _, target in LINK.findall(prose(page))
            if not target.startswith(("http://", "https://", "mailto:"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_and_anchor_resolves(page: Path):
    broken = []
    for target in links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no such heading")
    assert broken == []


def test_the_readme_links_every_docs_page():
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in links(ROOT / "README.md")}
    assert [p.name for p in PAGES[1:] if p.resolve() not in linked] == []


def examples(page: Path) -> list[tuple[str, list[str]]]:
    """The (command, expected output lines) of a page's console blocks, in order."""
    found: list[tuple[str, list[str]]] = []
    for language, lines in blocks(page):
        if language != "console":
            continue
        for line in lines:
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif line.startswith("> ") and not found[-1][1]:  # the command goes on
                found[-1] = (found[-1][0] + "\n" + line[2:], [])
            else:
                found[-1][1].append(line)
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the lines agree, a "..." line standing for any number of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


@pytest.mark.parametrize("page", [p for p in PAGES if examples(p)],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_console_example_prints_what_the_page_shows(page: Path, tmp_path: Path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "COLUMNS": "100", "NO_COLOR": "1"}
    for command, expected in examples(page):
        ran = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=300)
        printed = ran.stdout + ran.stderr
        failing = any(line.startswith("Error: ") for line in expected)
        assert (ran.returncode != 0) == failing, f"$ {command}: exit {ran.returncode}\n{printed}"
        assert matches(expected, printed.splitlines()), (
            f"$ {command}\nshown:\n" + "\n".join(expected) + "\nprinted:\n" + printed)
