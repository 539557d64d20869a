"""`guidemap approve-issue`: a saved `issues` event for each form (tests/data/approve/) becomes the
right file, branch, pull-request title and description; an update edits the existing file; a
hostile or broken body becomes a Thai-first comment with the validator's own messages, nothing
written; and whatever the issue holds lands in Markdown inert."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import REPO, make_repo, org_yaml
from dated_fixture import ORGS
from guidemap.contract import network
from guidemap.contract.load.repository import load_repository
from guidemap.tools.approve import message
from guidemap.tools.approve.convert import NOT_A_FORM, kind_of
from guidemap.tools.approve.event import EventError, IssueEvent, read_event
from guidemap.tools.approve.run import Outcome, approve_issue
from guidemap.tools.cli import main
from guidemap.tools.forms import issueform
from guidemap.tools.forms.storyform import clean_picture
from guidemap.tools.forms.writing import FormError

DATA = REPO / "tests" / "data" / "approve"
TODAY = dt.date(2026, 12, 1)
PICTURE_URL = "https://github.com/user-attachments/assets/0f6e2a5c-8e2f-4f5b-9a51-3c1f3e0d9b11"
OLD_SUMMARY = "ทำงานอาสาในชุมชน"


def _picture() -> tuple[str, bytes]:
    raw = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(raw, "PNG")
    return clean_picture(raw.getvalue())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    orgs = {**ORGS, "beach-for-life": org_yaml("beach-for-life"), "klum-amin": org_yaml("klum-amin")}
    return make_repo(tmp_path / "repo", orgs)


def run(repo: Path, name: str, fetched: list[str] | None = None) -> Outcome:
    def fetch(url: str) -> tuple[str, bytes]:
        (fetched if fetched is not None else []).append(url)
        return _picture()

    return approve_issue(DATA / name, repo, repo.parent / "out", network.load(repo), TODAY, fetch,
                         repo.parent / "github-output")


def _thai_first(text: str, thai: str, english: str) -> None:
    assert thai in text and english in text
    assert text.index(thai) < text.index(english), (thai, english)


@pytest.mark.parametrize(("name", "kind", "number", "path", "shown"), [
    ("profile.json", "profile", 41, "orgs/ban-rak-thale.yml",
     ["| ชื่อกลุ่ม / Name | กลุ่มบ้านรักทะเล |", "| จังหวัด / Province | ปัตตานี / Pattani \\(ยะหริ่ง / Yaring\\) |",
      "| ประเด็น / Focus | ทะเลและชายหาด / Sea and beaches; เด็กและเยาวชน / Children and youth |"]),
    ("call.json", "call", 44, "calls/beach-clean-2569-12.yml",
     ["| ชื่อ / Title | อาสาเก็บขยะชายหาด |", "| จังหวัด / Province | สงขลา / Songkhla |",
      "| วันที่ / Dates | 6 ธันวาคม 2569 \\(2026-12-06\\) 09:00 – 6 ธันวาคม 2569 \\(2026-12-06\\) 12:00 |",
      "| รับสมัครถึง / Apply by | 1 ธันวาคม 2569 \\(2026-12-01\\) |"]),
    ("event.json", "event", 45, "events/network-meeting-2570-01.yml",
     ["| ชื่อ / Title | ประชุมเครือข่าย |", "| ประเภท / Kind | ประชุมเครือข่าย / Network meeting |",
      "| วันที่ / Dates | 24 มกราคม 2570 \\(2027-01-24\\) 09:00 – 24 มกราคม 2570 \\(2027-01-24\\) 16:00 |"]),
])
def test_each_form_becomes_its_file_and_pull_request(repo: Path, name: str, kind: str, number: int,
                                                     path: str, shown: list[str]) -> None:
    result = run(repo, name)
    assert result.outcome == "pull-request" and result.written is not None
    assert result.written.kind == kind and result.written.paths == (path,) and not result.written.update
    loaded = load_repository(repo)  # the file the site reads, valid as any other
    assert not loaded.problems, loaded.problems.report()
    out = repo.parent / "out"
    assert (out / "outcome").read_text(encoding="utf-8") == "pull-request"
    assert (out / "branch").read_text(encoding="utf-8") == f"guidemap/issue-{number}"
    assert (out / "files").read_text(encoding="utf-8") == path
    assert (repo.parent / "github-output").read_text(encoding="utf-8") == "outcome=pull-request\n"
    title = (out / "title").read_text(encoding="utf-8")
    assert "\n" not in title and title.endswith(f"#{number})")
    thai, english = message.WHAT[kind][0]
    _thai_first(title, thai, english)
    body = (out / "body.md").read_text(encoding="utf-8")
    for row in shown:
        assert row in body, body
    assert f"| ไฟล์ / Files | {path} |" in body
    assert body.rstrip().endswith(f"Closes #{number}")
    _thai_first(body, "ก่อนรวม", "Before merging")
    assert "Replaces an existing file" not in body
    commit = (out / "commit.txt").read_text(encoding="utf-8")
    assert commit.startswith(f"{english}: {path} (issue #{number})")
    _thai_first((out / "comment.md").read_text(encoding="utf-8"), "ทีมงานอนุมัติแล้ว", "Approved")


def test_a_story_with_its_picture_fetched_by_the_safe_fetcher(repo: Path) -> None:
    fetched: list[str] = []
    result = run(repo, "story.json", fetched)
    assert fetched == [PICTURE_URL]
    slug = "2026-12-01-beach-for-life"
    assert result.written is not None and result.written.paths == (
        f"content/stories/{slug}.md", f"content/stories/{slug}.png")
    text = (repo / "content" / "stories" / f"{slug}.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["image"] == f"{slug}.png" and front["image_alt"] == "เด็กกำลังแยกขยะบนชายหาด"
    assert front["draft"] == "true"
    assert (repo / "content" / "stories" / f"{slug}.png").read_bytes() == _picture()[1]
    assert not load_repository(repo).problems
    out = repo.parent / "out"
    assert (out / "files").read_text(encoding="utf-8").split("\0") == list(result.written.paths)
    body = (out / "body.md").read_text(encoding="utf-8")
    assert "| กลุ่ม / Groups | beach-for-life, klum-amin |" in body
    assert "| รูป / Picture | เด็กกำลังแยกขยะบนชายหาด |" in body
    assert "`draft: true`" in body
    # The title's "#1" is the story's text, not a reference to issue 1.
    assert "#1 " not in (out / "title").read_text(encoding="utf-8")


def test_a_story_of_a_day_that_has_one_takes_the_issue_s_number(repo: Path) -> None:
    taken = repo / "content" / "stories" / "2026-12-01-beach-for-life.md"
    taken.write_text("---\ntitle: เรื่องเดิม\ndate: 2026-12-01\n---\n\nเนื้อเรื่อง\n", encoding="utf-8")
    result = run(repo, "story.json")
    assert result.written is not None and result.written.id == "2026-12-01-beach-for-life-43"
    assert taken.read_text(encoding="utf-8").startswith("---\ntitle: เรื่องเดิม")


def test_an_update_edits_the_existing_profile(repo: Path) -> None:
    old = org_yaml("ban-rak-thale", province="Pattani") + "contact:\n  instagram: banrakthale\n"
    target = repo / "orgs" / "ban-rak-thale.yml"
    target.write_text(old, encoding="utf-8")
    result = run(repo, "profile-update.json")
    assert result.written is not None and result.written.update
    new = target.read_text(encoding="utf-8")
    diff = "\n".join(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm=""))
    assert f"-  th: {OLD_SUMMARY}" in diff
    assert "+  th: ชวนเด็กและผู้ปกครองเก็บขยะชายหาดทุกเดือน และสอนว่ายน้ำในหน้าร้อน" in diff
    assert "+updated: 2026-12-01" in diff
    assert not load_repository(repo).problems
    out = repo.parent / "out"
    title = (out / "title").read_text(encoding="utf-8")
    assert title.startswith("แก้ไขข้อมูลกลุ่ม / Update a profile: กลุ่มบ้านรักทะเล")
    body = (out / "body.md").read_text(encoding="utf-8")
    assert "Replaces an existing file" in body
    # What the form could not keep is named, never dropped silently.
    assert "Fields removed:** contact.instagram, name.en." in body


def test_approving_again_without_a_change_proposes_nothing(repo: Path) -> None:
    assert run(repo, "profile.json").outcome == "pull-request"
    again = run(repo, "profile.json")  # the same body on a branch that already has its file
    assert again.outcome == "refused"
    assert "nothing to change" in (repo.parent / "out" / "comment.md").read_text(encoding="utf-8")


def test_a_profile_that_is_a_link_is_neither_read_nor_written_through(repo: Path) -> None:
    secret = repo.parent / "secret.yml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (repo / "orgs" / "ban-rak-thale.yml").symlink_to(secret)
    result = run(repo, "profile.json")
    assert result.outcome == "refused"
    comment = (repo.parent / "out" / "comment.md").read_text(encoding="utf-8")
    assert "symbolic link" in comment and "password" not in comment
    assert secret.read_text(encoding="utf-8") == "password: hunter2\n"


def _body(name: str) -> str:
    body: str = json.loads((DATA / name).read_text(encoding="utf-8"))["issue"]["body"]
    return body


def test_a_hostile_body_is_refused_with_the_validator_s_messages(repo: Path) -> None:
    before = sorted(p.name for p in (repo / "orgs").iterdir())
    result = run(repo, "hostile-refused.json")
    assert result.outcome == "refused" and result.written is None
    assert sorted(p.name for p in (repo / "orgs").iterdir()) == before, "nothing written"
    out = repo.parent / "out"
    assert sorted(p.name for p in out.iterdir()) == ["comment.md", "outcome"]
    assert (repo.parent / "github-output").read_text(encoding="utf-8") == "outcome=refused\n"
    comment = (out / "comment.md").read_text(encoding="utf-8")
    _thai_first(comment, "ยังเปิด pull request ไม่ได้", "could not be opened")
    _thai_first(comment, "ทำอย่างไรต่อ", "What to do")
    # The converter's own problems, one item each (never copied here: read from the converter).
    with pytest.raises(FormError) as refused:
        issueform.profile_from_issue(_body("hostile-refused.json"), repo / "orgs", TODAY, network.load(repo))
    items = [line for line in comment.splitlines() if line.startswith("- ")]
    assert items == [f"- {message.safe(p)}" for p in refused.value.problems]
    assert len(items) == 5
    for said in ("HTML is not accepted", "appears twice", "single line", "control character",
                 "unexpected line"):
        assert said in comment
    # Inert: no tag, no terminal escape, no mention, link or issue reference.
    assert "<" not in comment and "\x1b" not in comment
    assert not re.search(r"@\w|\]\(|https://|#\d", comment), comment


def test_hostile_text_in_a_valid_profile_lands_inert(repo: Path) -> None:
    result = run(repo, "hostile-valid.json")
    assert result.outcome == "pull-request"
    out = repo.parent / "out"
    body = (out / "body.md").read_text(encoding="utf-8")
    title = (out / "title").read_text(encoding="utf-8")
    name_row = next(line for line in body.splitlines() if line.startswith("| ชื่อกลุ่ม / Name |"))
    assert len(re.findall(r"(?<!\\)\|", name_row)) == 3, "a pipe in the name cannot add a cell"
    assert title.endswith(" (ban-rak-thale-2, #46)")  # the issue's own reference, made here
    for text in (name_row, title.removesuffix(" (ban-rak-thale-2, #46)")):
        assert not re.search(r"@\w|#\d|https://|www\.", text), text
    assert "](" not in name_row and "`" not in name_row.replace("\\`", "")


@pytest.mark.parametrize(("name", "said"), [
    ("broken.json", "this is not the body of the 'add or update my organization' form"),
    ("not-a-form.json", message.safe(NOT_A_FORM)),
])
def test_a_body_that_is_no_form_is_answered(repo: Path, name: str, said: str) -> None:
    result = run(repo, name)
    assert result.outcome == "refused"
    comment = (repo.parent / "out" / "comment.md").read_text(encoding="utf-8")
    assert said in comment and "@octocat" not in comment


def test_the_form_is_known_by_its_label_or_its_title() -> None:
    assert kind_of(IssueEvent(1, "x", "", ("bug", "call"))) == "call"
    assert kind_of(IssueEvent(1, "[เรื่องเล่า / story] ค่าย", "", ())) == "story"
    with pytest.raises(FormError, match="several forms"):
        kind_of(IssueEvent(1, "x", "", ("call", "event")))
    with pytest.raises(FormError):
        kind_of(IssueEvent(1, "ช่วยด้วย", "", ("profile-ish",)))


@pytest.mark.parametrize("payload", [
    "not json", json.dumps({"issue": {"number": 3, "pull_request": {}, "body": "x"}}),
    json.dumps({"issue": {"number": "3", "body": "x"}}), json.dumps({"issue": {"number": 3, "body": 7}}),
    json.dumps([1, 2]),
])
def test_an_unusable_event_file_fails_the_job(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "event.json"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(EventError):
        read_event(path)


def test_the_command(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, output = repo.parent / "cli-out", repo.parent / "gh-output"
    args = ["--root", str(repo), "approve-issue", "--event", str(DATA / "event.json"), "--out", str(out),
            "--github-output", str(output), "--today", "2026-12-01"]
    assert main(args) == 0
    assert (repo / "events" / "network-meeting-2570-01.yml").is_file()
    assert output.read_text(encoding="utf-8") == "outcome=pull-request\n"
    assert "events/network-meeting-2570-01.yml" in capsys.readouterr().err
    args[4] = str(DATA / "hostile-refused.json")
    assert main(args) == 0  # a refusal is an answer on the issue, not a failed job
    assert (out / "outcome").read_text(encoding="utf-8") == "refused"
    bad = repo.parent / "bad.json"
    bad.write_text("{", encoding="utf-8")
    args[4] = str(bad)
    assert main(args) == 2
    assert "\x1b" not in capsys.readouterr().err


def test_a_repeating_event_s_dates_are_in_its_summary() -> None:
    from guidemap.tools.approve.convert import Written
    from guidemap.tools.approve.summary import summary_rows

    case = REPO / "tests" / "cases" / "orgs" / "dated-repeating-good"
    rows = dict(summary_rows(Written("event", "half-year-meeting", ("events/half-year-meeting.yml",)), case))
    assert rows["จัดซ้ำ / Repeats"] == (
        "3 ครั้ง / times: 24 มกราคม 2569 (2026-01-24) 09:00; 24 กรกฎาคม 2569 (2026-07-24) 09:00; "
        "31 กรกฎาคม 2570 (2027-07-31) 09:00")  # the January 2027 date cancelled, July's moved
    assert rows["งดจัด / Not held"] == "24 มกราคม 2570 (2027-01-24)"
