"""The CI examples (examples/ci/) run: their shell steps, as one script, on the example releases.

A workflow that is only read rots the day an option changes; running its steps here keeps
it honest. The install step is left out (opgraph is installed in the test environment, and
tests may not reach the network); everything else runs as the CI runner would run it.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / "examples" / "ci"
OUTPUTS = ["out/graph.nq", "validation.xml", "score.xml"]


def _is_install(line: str) -> bool:
    """The pip install of opgraph, which needs the network and is already done here."""
    return line.strip().startswith(("pip install", "python -m pip install"))


def github_steps() -> list[str]:
    """The `run:` lines of the GitHub workflow's job, in order, without the install."""
    workflow = yaml.safe_load((CI / "github-workflow.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    return [line for run in runs for line in run.splitlines() if line.strip() and not _is_install(line)]


def gitlab_steps() -> list[str]:
    """The `script:` lines of the GitLab job, in order, without the install."""
    pipeline = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
    return [line for line in pipeline["opgraph"]["script"] if not _is_install(line)]


def _run(lines: list[str], tmp_path: Path, drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """Run the lines as one bash script that stops at the first failure, as a CI job does."""
    shutil.copytree(ROOT / "examples" / "releases", tmp_path / "releases")
    for name in drop:
        (tmp_path / "releases" / name).unlink()
    shutil.copytree(ROOT / "tests" / "fixtures" / "ci-gold", tmp_path / "gold")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    script = "set -euo pipefail\n" + "\n".join(lines) + "\n"
    return subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("steps", [github_steps, gitlab_steps], ids=["github", "gitlab"])
def test_ci_example_runs(steps, tmp_path: Path) -> None:
    lines = steps()
    assert any(line.startswith("kg build releases/") and "--strict" in line for line in lines)
    result = _run(lines, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in OUTPUTS:
        assert (tmp_path / name).is_file(), name
    assert 'failures="0"' in (tmp_path / "score.xml").read_text(encoding="utf-8")


def test_github_example_publishes_reports_and_graph() -> None:
    workflow = yaml.safe_load((CI / "github-workflow.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    uses = {step["uses"].split("@")[0]: step.get("with", {}) for step in job["steps"] if "uses" in step}
    assert uses["mikepenz/action-junit-report"]["report_paths"] == "validation.xml,score.xml"
    assert "out/graph.nq" in uses["actions/upload-artifact"]["path"].split()
    assert any("--format github" in line for line in github_steps())


def test_gitlab_example_publishes_reports_and_graph() -> None:
    artifacts = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["opgraph"]["artifacts"]
    assert artifacts["reports"]["junit"] == ["validation.xml", "score.xml"]
    assert "out/graph.nq" in artifacts["paths"]
    assert artifacts["when"] == "always"


def test_a_failing_bar_fails_the_script(tmp_path: Path) -> None:
    """Releases gone missing (their gold unmatched) fail the job (exit 1) and the JUnit report."""
    result = _run(gitlab_steps(), tmp_path, drop=("police-page.html", "news-wire-dated.txt"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'failures="1"' in (tmp_path / "score.xml").read_text(encoding="utf-8")
