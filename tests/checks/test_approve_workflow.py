"""`.github/workflows/approve-issue.yml`, the approved issue's pull request: its shape (the label
event only, the labeller's access asked first, the least permissions, one run per issue, no
`${{ }}` in any shell script), `guidemap init`'s copy, and its `run:` scripts run for real in
bash against a local repository, with a stand-in `gh` that records what it is asked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_workflows import UNTRUSTED, _load, untrusted_runs

from conftest import REPO, make_repo, org_yaml

FLOW = REPO / ".github" / "workflows" / "approve-issue.yml"
TEMPLATES = REPO / "plugins" / "guidemap" / "tools" / "init" / "templates"
TEMPLATE = TEMPLATES / ".github" / "workflows" / FLOW.name
DATA = REPO / "tests" / "data" / "approve"
PR_URL = "https://github.com/example/guidemap/pull/7"

# A stand-in for the GitHub CLI: logs its arguments (one line each, NUL between them), answers
# `api` with $FAKE_PERMISSION, `pr list` with the address once a pull request was created.
FAKE_GH = f"""#!/bin/bash
printf '%s\\0' "$@" >> "$FAKE_LOG"; echo >> "$FAKE_LOG"
case "$1 $2" in
  "api "*) [ "$FAKE_PERMISSION" = fail ] && exit 1; echo "$FAKE_PERMISSION" ;;
  "pr list") [ -f "$FAKE_LOG.pr" ] && echo "{PR_URL}" ;;
  "pr create") touch "$FAKE_LOG.pr"; echo "{PR_URL}" ;;
esac
exit 0
"""


def _flow() -> dict[Any, Any]:
    return _load(FLOW)


def test_it_runs_on_the_approval_label_only_and_one_issue_at_a_time() -> None:
    wf = _flow()
    assert wf["on"] == {"issues": {"types": ["labeled"]}}
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"] == {"group": "approve-issue-${{ github.event.issue.number }}",
                                 "cancel-in-progress": False}
    allowed, pr = wf["jobs"]["allowed"], wf["jobs"]["pull-request"]
    assert "github.event.label.name == 'approved'" in allowed["if"]
    assert "github.event.label.name == 'อนุมัติ'" in allowed["if"]
    assert "github.event.issue.state == 'open'" in allowed["if"]
    assert allowed["permissions"] == {"contents": "read"}
    assert pr["needs"] == "allowed" and pr["if"] == "needs.allowed.outputs.write == 'true'"
    assert pr["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}


def test_no_shell_script_holds_an_expression() -> None:
    """Stricter than the rule for every workflow: not even the run's own values in `run:`."""
    for job in _flow()["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step
    convert = next(s for s in _flow()["jobs"]["pull-request"]["steps"] if s.get("id") == "convert")
    assert 'guidemap approve-issue --event "$GITHUB_EVENT_PATH"' in convert["run"]


def test_the_rule_catches_issue_text_in_a_shell(tmp_path: Path) -> None:
    """The workflow with its issue number put straight into a script: the repository's rule (and
    the linters) refuse it."""
    text = FLOW.read_text(encoding="utf-8")
    planted = text.replace('gh issue comment "$NUMBER" --body-file "$out/answer.md"',
                           'gh issue comment ${{ github.event.issue.number }} '
                           '--body "${{ github.event.issue.title }}"')
    assert planted != text
    bad = tmp_path / ".github" / "workflows" / FLOW.name
    bad.parent.mkdir(parents=True)
    bad.write_text(planted, encoding="utf-8")
    job = _load(bad)["jobs"]["pull-request"]
    assert len(untrusted_runs(job)) == 1 and UNTRUSTED.search(untrusted_runs(job)[0])
    from test_workflows import jactionlint, zizmor

    audited = zizmor(str(bad))
    assert audited.returncode != 0 and "template-injection" in audited.stdout
    linted = jactionlint(str(bad), cwd=tmp_path)
    assert linted.returncode == 1 and "github.event.issue.title" in linted.stdout


def test_init_writes_the_same_workflow() -> None:
    """The new network's copy installs from its requirements.txt; nothing else differs."""
    ours, theirs = _flow(), _load(TEMPLATE)
    install = [s for s in ours["jobs"]["pull-request"]["steps"] if s.get("name", "").startswith("Install")]
    their_install = [s for s in theirs["jobs"]["pull-request"]["steps"]
                     if s.get("name", "").startswith("Install")]
    assert their_install == [{"name": "Install guidemap",
                              "run": "python -m pip install --quiet -r requirements.txt"}]
    for wf in (ours, theirs):
        steps = wf["jobs"]["pull-request"]["steps"]
        steps[:] = [s for s in steps if not s.get("name", "").startswith("Install")]
    assert install and ours == theirs


# --- the scripts, run ----------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True,
                          capture_output=True, text=True, timeout=60).stdout


@pytest.fixture
def runner(tmp_path: Path) -> dict[str, Any]:
    """A checkout of a small repository with a local origin, a runner's folders, the stand-in gh."""
    work = make_repo(tmp_path / "work", {"beach": org_yaml("beach"), "peace-a": org_yaml("peace-a")})
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "start")
    _git(work, "remote", "add", "origin", str(origin))
    _git(work, "push", "-q", "origin", "main")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "guidemap").write_text(f'#!/bin/bash\nexec "{sys.executable}" -m guidemap.tools.cli "$@"\n',
                                      encoding="utf-8")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    (tmp_path / "runner").mkdir()
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "FAKE_LOG": str(tmp_path / "gh.log"),
           "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_OUTPUT": str(tmp_path / "output"),
           "GITHUB_REPOSITORY": "example/guidemap", "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join([str(REPO / "plugins"), os.environ.get("PYTHONPATH", "")])}
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GH_TOKEN", "GITHUB_TOKEN"):
        env.pop(key, None)
    return {"work": work, "origin": origin, "env": env, "tmp": tmp_path}


# What GitHub puts in each expression of the steps' env:, for the saved event being replayed.
def _expressions(event: Path) -> dict[str, str]:
    payload = json.loads(event.read_text(encoding="utf-8"))
    return {"${{ github.token }}": "a-token", "${{ github.event.sender.login }}": payload["sender"]["login"],
            "${{ github.event.issue.number }}": str(payload["issue"]["number"]),
            "${{ github.event.repository.default_branch }}": payload["repository"]["default_branch"],
            "${{ github.event.label.name }}": payload["label"]["name"]}


def _outputs(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


def _run_job(runner: dict[str, Any], job: str, event: Path) -> dict[str, str]:
    """Each step's script in bash as GitHub runs it (-e, pipefail), its env: filled in, the
    steps whose `if:` reads the convert step's outcome skipped as GitHub would; the outputs."""
    env = {**runner["env"], "GITHUB_EVENT_PATH": str(event)}
    values = _expressions(event)
    output = Path(env["GITHUB_OUTPUT"])
    output.write_text("", encoding="utf-8")
    for step in _flow()["jobs"][job]["steps"]:
        if "run" not in step or step.get("name", "").startswith("Install"):
            continue
        condition = step.get("if", "")
        if condition and f"== '{_outputs(output).get('outcome')}'" not in condition:
            continue
        step_env = {k: values[v] for k, v in step.get("env", {}).items()}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
                              cwd=runner["work"], env={**env, **step_env}, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, (step.get("name"), done.stdout, done.stderr)
    return _outputs(output)


def _gh_calls(runner: dict[str, Any]) -> list[list[str]]:
    log = runner["tmp"] / "gh.log"
    if not log.exists():
        return []
    return [line.split("\0")[:-1] for line in log.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(("permission", "write"), [("admin", "true"), ("write", "true"), ("triage", "false"),
                                                   ("read", "false"), ("fail", "false")])
def test_only_write_access_goes_on(runner: dict[str, Any], permission: str, write: str) -> None:
    runner["env"]["FAKE_PERMISSION"] = permission
    assert _run_job(runner, "allowed", DATA / "profile.json") == {"write": write}
    assert _gh_calls(runner) == [["api", "repos/example/guidemap/collaborators/a-maintainer/permission",
                                  "--jq", ".permission"]]


def test_an_approved_issue_becomes_a_branch_a_pull_request_and_an_answer(runner: dict[str, Any]) -> None:
    assert _run_job(runner, "pull-request", DATA / "profile.json") == {"outcome": "pull-request"}
    origin, out = runner["origin"], runner["tmp"] / "runner" / "approve"
    assert _git(origin, "ls-tree", "--name-only", "-r", "guidemap/issue-41", "orgs/") == (
        "orgs/ban-rak-thale.yml\norgs/beach.yml\norgs/peace-a.yml\n")
    assert _git(origin, "log", "-1", "--format=%s", "guidemap/issue-41") == (
        "Add a profile: orgs/ban-rak-thale.yml (issue #41) / เพิ่มข้อมูลกลุ่ม\n")
    title = (out / "title").read_text(encoding="utf-8")
    calls = _gh_calls(runner)
    assert ["auth", "setup-git"] in calls
    assert ["pr", "create", "--head", "guidemap/issue-41", "--base", "main", "--title", title,
            "--body-file", str(out / "body.md")] in calls
    assert calls[-1] == ["issue", "comment", "41", "--body-file", str(out / "answer.md")]
    answer = (out / "answer.md").read_text(encoding="utf-8")
    assert answer.startswith("✅ ทีมงานอนุมัติแล้ว") and answer.endswith(f"\n{PR_URL}\n")

    # Approved again (after an edit): the branch is rebuilt and the same pull request updated.
    (runner["tmp"] / "gh.log").unlink()
    _git(runner["work"], "checkout", "-q", "main")
    _git(runner["work"], "clean", "-qfd")
    assert _run_job(runner, "pull-request", DATA / "profile.json") == {"outcome": "pull-request"}
    calls = _gh_calls(runner)
    assert ["pr", "edit", PR_URL, "--title", title, "--body-file", str(out / "body.md")] in calls
    assert not [c for c in calls if c[:2] == ["pr", "create"]]


def test_a_refused_issue_gets_the_problems_and_loses_the_label(runner: dict[str, Any]) -> None:
    assert _run_job(runner, "pull-request", DATA / "hostile-refused.json") == {"outcome": "refused"}
    comment = runner["tmp"] / "runner" / "approve" / "comment.md"
    assert _gh_calls(runner) == [["issue", "comment", "47", "--body-file", str(comment)],
                                 ["issue", "edit", "47", "--remove-label", "อนุมัติ"]]
    assert "HTML is not accepted" in comment.read_text(encoding="utf-8")
    assert _git(runner["origin"], "branch", "--format=%(refname:short)").split() == ["main"], "nothing pushed"


def test_the_saved_events_are_issues_events() -> None:
    for path in sorted(DATA.glob("*.json")):
        payload = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert payload["action"] == "labeled" and payload["label"]["name"] in ("approved", "อนุมัติ"), path
