"""`guidemap init`: a made-up northern network starts its own site folder, with its own focus
keys, and it validates and builds strictly at once; nothing of this repository's region or
groups reaches its pages. The slow test does the same from a wheel in a fresh virtualenv."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ignore_in_copy
from guidemap.contract import network
from guidemap.contract.load.repository import load_repository
from guidemap.contract.problems import Problems
from guidemap.tools import init
from guidemap.tools.cli import main

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FLAGS = ["--name-th", "เครือข่ายอาสาดอยงาม", "--name-en", "Doi Ngam Volunteers",
         "--province", "เชียงใหม่", "--province", "Lamphun",
         "--site-url", "https://doi-ngam.github.io/guidemap/"]
# This repository's region and groups: none may appear in the new network's pages.
OURS = re.compile("ชายแดน|ปัตตานี|ยะลา|นราธิวาส|สงขลา|Pattani|Yala|Narathiwat|Songkhla|[Ss]outhern border"
                  "|beach-for-life|southern-volunteer-network|หนองจิก|marine|ทะเลและชายหาด")
OWN_FOCUS = """focus:
  forest: {th: ป่าชุมชน, en: Community forest, colour: "#2e7d32"}
  elderly: {th: ผู้สูงอายุ, en: Older people}
  disability: {th: คนพิการ, en: Disability}
"""
PROFILE = """id: rak-pa-doi-ngam
name:
  th: กลุ่มรักษ์ป่าดอยงาม
province: เชียงใหม่
district: แม่ริม
location: {lat: 18.91, lon: 98.94}
focus: [forest, elderly]
summary:
  th: ดูแลป่าชุมชนและชวนผู้สูงอายุเล่าเรื่องป่าให้เด็กฟัง
updated: 2024-03-01
"""


def _own_vocabulary(site: Path) -> None:
    """What the network does next: its own focus keys in guidemap.yml, and a first group."""
    text = (site / "guidemap.yml").read_text(encoding="utf-8")
    start, end = text.index("focus:\n"), text.index("\n# What a group needs")
    (site / "guidemap.yml").write_text(text[:start] + OWN_FOCUS + text[end:], encoding="utf-8")
    (site / "orgs" / "rak-pa-doi-ngam.yml").write_text(PROFILE, encoding="utf-8")


def _check_site(out: Path) -> None:
    leaks = [f"{p.relative_to(out)}: {m[0]}" for p in sorted(out.rglob("*"))
             if p.suffix in (".html", ".xml", ".csv", ".ics", ".geojson", ".txt")
             or (p.suffix == ".json" and "schema" not in p.parts and "search" not in p.name)
             for m in [OURS.search(p.read_text(encoding="utf-8", errors="replace"))] if m]
    assert not leaks
    page = (out / "map" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"center: \[18\.\d+, 99\.\d+\]", page), "the map opens on Chiang Mai and Lamphun"
    assert ".gm-pin--forest{background:#2e7d32}" in page and "ป่าชุมชน" in page
    assert "ในจังหวัดเชียงใหม่ ลำพูน" in page
    assert "กลุ่มรักษ์ป่าดอยงาม" in (out / "orgs" / "rak-pa-doi-ngam" / "index.html").read_text("utf-8")


def test_init_writes_a_site_that_validates_and_builds(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "doi-ngam"
    assert main(["init", str(site), *FLAGS]) == 0
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"guidemap.yml", "mkdocs.yml", "orgs/_template.yml", "content/index.md", "content/about.md",
            "CONTRIBUTING.md", "requirements.txt", ".github/workflows/ci.yml", ".github/workflows/pages.yml",
            ".github/workflows/approve-issue.yml",
            ".github/ISSUE_TEMPLATE/add-organization.yml", ".github/PULL_REQUEST_TEMPLATE.md"} <= names
    assert any(re.fullmatch(r"content/stories/\d{4}-\d\d-\d\d-welcome\.md", n) for n in names)
    text = "\n".join((site / n).read_text(encoding="utf-8") for n in names)
    assert "southern-volunteer-network" not in text and "ชายแดน" not in text
    assert "https://github.com/doi-ngam/guidemap/blob/main/CONTRIBUTING.md" in text
    loaded = network.load(site)
    assert loaded.provinces == ("50", "51") and loaded.name.en == "Doi Ngam Volunteers"
    assert 18 < loaded.center[0] < 19 and 98.9 < loaded.center[1] < 99.1
    capsys.readouterr()
    assert main(["--root", str(site), "validate"]) == 0
    # The profile template, given an id, is a valid profile of this network.
    template = (site / "orgs" / "_template.yml").read_text(encoding="utf-8")
    (site / "orgs" / "ban-rak-pa.yml").write_text(template, encoding="utf-8")
    result = load_repository(site)
    assert not result.problems, result.problems.report()
    assert [o.province.code for o in result.dataset.orgs] == ["50"]
    (site / "orgs" / "ban-rak-pa.yml").unlink()

    _own_vocabulary(site)
    capsys.readouterr()
    assert main(["--root", str(site), "forms", "--write"]) == 0
    assert main(["--root", str(site), "docs", "--write"]) == 0
    assert main(["--root", str(site), "validate"]) == 0
    assert "forest — ป่าชุมชน" in (site / ".github/ISSUE_TEMPLATE/add-organization.yml").read_text("utf-8")
    assert "| `forest` | ป่าชุมชน |" in (site / "CONTRIBUTING.md").read_text(encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    env.pop("SITE_URL", None)
    built = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q"], cwd=site, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    _check_site(site / "site")


def test_init_refuses_a_folder_with_files_and_bad_answers(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main(["init", str(tmp_path), *FLAGS]) == 2
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: x\n"
    problems = init.check(init.Answers(init.Label("", "x"), ("Chiangmai Town", "เชียงใหม่"),
                                       "javascript:alert(1)", "http://example.org"))
    assert len(problems) == 4
    assert main(["init", str(tmp_path / "new"), "--name-th", "ก", "--name-en", "A", "--province",
                 "Atlantis", "--site-url", "https://a.example.org/"]) == 1
    assert not (tmp_path / "new").exists()


def test_values_are_escaped_for_the_file_they_land_in(tmp_path: Path) -> None:
    answers = init.Answers(init.Label('เครือข่าย "ทดสอบ" <b>', "Test: #1"), ("50",),
                           "https://example.org/site/")
    init.write_site(tmp_path, answers, dt.date(2024, 1, 2))
    config = yaml.safe_load((tmp_path / "guidemap.yml").read_text(encoding="utf-8"))
    assert config["name"] == {"th": 'เครือข่าย "ทดสอบ" <b>', "en": "Test: #1"}
    index = (tmp_path / "content" / "index.md").read_text(encoding="utf-8")
    front, body = index.split("\n---\n", 1)
    assert yaml.safe_load(front.removeprefix("---\n"))["title"] == 'เครือข่าย "ทดสอบ" <b>'
    assert "&lt;b&gt;" in body and "<b>" not in body  # Markdown: as text, never markup
    assert (tmp_path / "content" / "stories" / "2024-01-02-welcome.md").is_file()
    problems = Problems()
    assert network.load(tmp_path, None, problems).name.en == "Test: #1"
    assert not problems


@pytest.mark.slow
def test_wheel_in_a_fresh_virtualenv_starts_a_network(tmp_path: Path) -> None:
    """pip install of the built wheel (nothing from this repository), guidemap init in an empty
    folder, the network's own focus keys, then mkdocs build --strict."""
    # Built from a clean copy: setuptools' build/ folder in the working tree could hold stale
    # files, and the test must leave none behind.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=ignore_in_copy)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, text=True, timeout=600)
    (wheel,) = wheels.glob("guidemap-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    # Without PYTHONPATH: pip would take a checkout's plugins/guidemap.egg-info there (left by an
    # editable install) for the package, installed already, and skip the wheel.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SITE_URL", "VIRTUAL_ENV")}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795000000")
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
                               capture_output=True, text=True, timeout=1200, env=env)
    assert installed.returncode == 0, installed.stderr[-3000:]
    work = tmp_path / "elsewhere"  # no file of this repository within reach
    work.mkdir()

    def run(*args: str, cwd: Path = work) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(venv / "bin" / args[0]), *args[1:]], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=600)

    where = run("python", "-c", "import guidemap, sys; print(guidemap.__file__)")
    assert where.returncode == 0 and str(venv) in where.stdout and str(REPO) not in where.stdout
    made = run("guidemap", "init", "site", *FLAGS)
    assert made.returncode == 0, made.stderr
    site = work / "site"
    _own_vocabulary(site)
    for step in (("guidemap", "forms", "--write"), ("guidemap", "validate"),
                 ("mkdocs", "build", "--strict", "-q")):
        done = run(*step, cwd=site)
        assert done.returncode == 0, f"{step}: {done.stdout}{done.stderr}"
    _check_site(site / "site")


@pytest.mark.parametrize("doc", ["CONTRIBUTING.md", "docs/contributing-en.md", "docs/new-network.md"])
def test_docs_say_how_another_network_starts_in_three_commands(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text[text.index("guidemap init") - 400:], re.DOTALL)
    assert block is not None
    commands = [line for line in block[1].splitlines() if line and not line.startswith(" ")]
    assert len(commands) == 3
    assert "pip install guidemap" in commands[0] and "guidemap init" in commands[1]
    assert "mkdocs build --strict" in commands[2]


def test_the_new_site_s_workflows_pass_the_same_linters(tmp_path: Path) -> None:
    from test_workflows import jactionlint, zizmor

    site = tmp_path / "site"
    init.write_site(site, init.Answers(init.Label("เครือข่าย", "Network"), ("50",),
                                       "https://example.org/"), dt.date(2024, 1, 2))
    subprocess.run(["git", "init", "-q", str(site)], check=True)  # the linters find a repository
    flows = sorted(str(p) for p in (site / ".github" / "workflows").glob("*.yml"))
    assert len(flows) == 4
    linted = jactionlint(*flows, cwd=site)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    audited = zizmor("--persona", "pedantic", str(site / ".github" / "workflows"))
    assert audited.returncode == 0, audited.stdout + audited.stderr
