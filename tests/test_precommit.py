"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a temporary git
repository of releases, so the hooks file cannot drift from the CLI it calls.

pre-commit clones a hook repository at a commit (`rev:`), and the working tree here may hold the
hooks file uncommitted; so the test commits a copy of it into a temporary repository of its own and
points `repo:` at that. The hooks are `language: system` (they call the installed `kg`), and
PRE_COMMIT_HOME is a temporary folder: nothing is downloaded and nothing is shared between runs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit")

ROOT = Path(__file__).parent.parent
# A country whose code is lower-case: a violation of the shapes' pattern on opg:countryCode.
BAD_GRAPH = (
    "<https://example.org/country/ES> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/opgraph/ontology#Country> <https://example.org/g> .\n"
    '<https://example.org/country/ES> <http://www.w3.org/2004/02/skos/core#prefLabel> "Spain" '
    "<https://example.org/g> .\n"
    '<https://example.org/country/ES> <https://w3id.org/opgraph/ontology#countryCode> "es" '
    "<https://example.org/g> .\n")


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """Git identity and no user or system git configuration, a private PRE_COMMIT_HOME, and the
    `kg` of the Python running the tests first on PATH (the system hooks call it)."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


@pytest.fixture
def project(tmp_path, env) -> Path:
    """A git repository of the example releases whose pre-commit configuration uses both hooks,
    from a committed copy of this repository's .pre-commit-hooks.yaml, and installs pre-commit."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks)
    git(hooks, "init", "-q", env=env)
    git(hooks, "add", ".", env=env)
    git(hooks, "commit", "-q", "-m", "hooks", env=env)
    rev = git(hooks, "rev-parse", "HEAD", env=env)
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples" / "releases", repo / "releases")
    (repo / ".gitignore").write_text(".kg-out/\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n  - id: kg-build\n"
        "  - id: kg-validate\n    args: [.kg-out/]\n", encoding="utf-8")
    git(repo, "init", "-q", env=env)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True,
                   capture_output=True)
    return repo


def commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "-A", env=env)
    return subprocess.run(["git", "commit", "-m", "releases"], cwd=repo, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def test_a_good_commit_passes_both_hooks(project, env):
    result = commit(project, env)
    assert result.returncode == 0, result.stdout
    assert re.search(r"^kg build --strict .*\.Passed$", result.stdout, re.M), result.stdout
    assert re.search(r"^kg validate .*\.Passed$", result.stdout, re.M), result.stdout
    assert (project / ".kg-out" / "graph.nq").is_file()


def test_an_unreadable_release_fails_the_commit_under_strict(project, env):
    (project / "releases" / "empty.txt").write_text("", encoding="utf-8")
    result = commit(project, env)
    assert result.returncode != 0
    assert "skipped:  empty.txt: empty file" in result.stdout
    assert "Error: --strict: 1 input could not be read, so nothing was written" in result.stdout


def test_a_shape_violation_fails_the_commit(project, env):
    (project / "graph.nq").write_text(BAD_GRAPH, encoding="utf-8")
    (project / ".pre-commit-config.yaml").write_text(
        (project / ".pre-commit-config.yaml").read_text(encoding="utf-8").replace(
            "args: [.kg-out/]", "args: [graph.nq]"), encoding="utf-8")
    result = commit(project, env)
    assert result.returncode != 0
    assert re.search(r"^kg validate .*\.Failed$", result.stdout, re.M), result.stdout
    assert "Conforms: no" in result.stdout
