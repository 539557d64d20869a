"""The "share a story" issue form → a draft story (``guidemap story-from-issue``): a sample body
gives a valid draft whose lesson holds the answers; hostile bodies are refused with clear
errors and nothing written; the attached picture is fetched only from GitHub's attachment host
(a local server here, never the network), resized and stripped of its metadata."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from PIL import Image
from test_images import photo

from conftest import make_repo, org_yaml
from guidemap.contract.load.repository import load_repository
from guidemap.tools.cli import main
from guidemap.tools.forms.issuebody import MAX_BODY_CHARS
from guidemap.tools.forms.issueform import IssueFormError
from guidemap.tools.forms.storyform import (
    FORM_PATH,
    QUESTIONS,
    clean_picture,
    fetch_picture,
    form_text,
    is_attachment,
    story_from_issue,
)

REPO = Path(__file__).resolve().parents[2]
GOOD = (Path(__file__).parents[1] / "data" / "issue-share-story.md").read_text(encoding="utf-8")
TODAY = dt.date(2026, 2, 3)
PICTURE_URL = "https://github.com/user-attachments/assets/0f6e2a5c-8e2f-4f5b-9a51-3c1f3e0d9b11"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path, {o: org_yaml(o) for o in ("beach-for-life", "klum-amin")})


def answer(body: str, qid: str, value: str) -> str:
    q = next(q for q in QUESTIONS if q.id == qid)
    head = f"### {q.heading}\n\n"
    start = body.index(head) + len(head)
    end = body.find("\n### ", start)
    return body[:start] + value + (body[end:] if end != -1 else "\n")


def front(text: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
    return data


def test_the_sample_body_becomes_a_valid_draft_story(repo: Path) -> None:
    story = story_from_issue(GOOD, repo, TODAY)
    assert story.slug == "2026-02-03-beach-for-life"  # a Thai title: the first group names it
    assert story.picture_url == PICTURE_URL
    data = front(story.text)
    assert data["title"] == 'ค่ายเยาวชนเก็บขยะชายหาด: "ทะเลบ้านเรา" #1'
    assert data["draft"] == "true" and data["date"] == "2026-02-03"
    assert data["orgs"] == ["beach-for-life", "klum-amin"]
    assert data["lesson"]["place"] == "ชายหาดบ้านแหลม จังหวัดปัตตานี"
    assert "วันที่สองแยกขยะ" in data["lesson"]["story"] and "\n\n" in data["lesson"]["story"]
    assert data["lesson"]["knowledge"] == ["ให้เด็กนับขยะเอง เขาจำได้มากกว่าฟังบรรยาย",
                                           "ชวนผู้ปกครองมาวันสุดท้าย"]
    assert data["lesson"]["competency"] == ["พี่เลี้ยงที่เป็นคนในหมู่บ้าน"]
    assert "strategies" not in data["lesson"]  # _No response_
    assert "image" not in data and "image_alt" not in data  # the picture is not fetched yet
    # Written into the repository, it is a valid story, withheld as a draft.
    path = repo / "content" / "stories" / f"{story.slug}.md"
    path.write_text(story.text, encoding="utf-8")
    result = load_repository(repo)
    assert not result.problems, result.problems.report()
    (loaded,) = result.dataset.stories
    assert loaded.draft and loaded.lesson is not None and loaded.lesson.problem


def test_with_the_fetched_picture_the_story_has_it_beside_it(repo: Path) -> None:
    picture = clean_picture(photo(2000, 1500))
    story = story_from_issue(GOOD, repo, TODAY, slug="beach-camp", picture=picture)
    data = front(story.text)
    assert story.slug == "2026-02-03-beach-camp"
    assert data["image"] == "2026-02-03-beach-camp.jpg" and data["image_alt"] == "เด็กกำลังแยกขยะบนชายหาด"
    assert main(["--root", str(repo), "story-from-issue", str(write(repo, GOOD)), "--today",
                 "2026-02-03", "--slug", "beach-camp"]) == 0
    assert (repo / "content" / "stories" / "2026-02-03-beach-camp.md").is_file()
    # A second run does not overwrite it.
    assert main(["--root", str(repo), "story-from-issue", str(write(repo, GOOD)), "--today",
                 "2026-02-03", "--slug", "beach-camp"]) == 1


def write(repo: Path, body: str) -> Path:
    path = repo / "body.md"
    path.write_text(body, encoding="utf-8")
    return path


HOSTILE = {
    "not the form": ("hello\n### something\n", "not the body of the 'share a story' form"),
    "missing required": (answer(GOOD, "problem", "_No response_"), "required"),
    "html": (answer(GOOD, "story", "<script>alert(1)</script>"), "HTML is not accepted"),
    "html in a list": (answer(GOOD, "knowledge", "- <img src=x onerror=alert(1)>"), "HTML"),
    "line break in a one-line answer": (answer(GOOD, "title", "x\n---\ndraft: false"), "single line"),
    "question twice": (GOOD + "\n### ชื่อเรื่อง / Title\n\nอีกเรื่อง\n", "appears twice"),
    "unknown group": (answer(GOOD, "orgs", "beach-for-lif"), "did you mean / หมายถึง 'beach-for-life'"),
    "bad group id": (answer(GOOD, "orgs", "../../etc"), "orgs"),
    "consent not ticked": (GOOD.replace("- [X] คนที่อยู่ในรูป", "- [ ] คนที่อยู่ในรูป"), "both confirmations"),
    "picture without description": (answer(GOOD, "image_alt", "_No response_"), "required with a picture"),
    "two pictures": (answer(GOOD, "picture", f"![a]({PICTURE_URL})\n![b]({PICTURE_URL})"), "one picture"),
    "text instead of a picture": (answer(GOOD, "picture", "รูปอยู่ในไลน์"), "only a dropped picture"),
    "control character": (answer(GOOD, "title", "ค่าย\u202eเยาวชน"), "invisible control character"),
    "too long": (answer(GOOD, "story", "ก" * 6_500), "too long"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_bodies_are_refused_with_a_clear_error(case: str, repo: Path) -> None:
    body, expected = HOSTILE[case]
    with pytest.raises(IssueFormError) as err:
        story_from_issue(body, repo, TODAY)
    assert any(expected in p for p in err.value.problems), err.value.problems
    # The CLI says so and writes nothing.
    assert main(["--root", str(repo), "story-from-issue", str(write(repo, body))]) == 1
    assert not list((repo / "content" / "stories").iterdir())


def test_oversized_and_nul_bodies_are_refused_before_parsing(repo: Path) -> None:
    for body in ("x" * (MAX_BODY_CHARS + 1), GOOD + "\x00"):
        with pytest.raises(IssueFormError):
            story_from_issue(body, repo, TODAY)


def test_a_title_that_looks_like_yaml_stays_text(repo: Path) -> None:
    title = "draft: false # ]]> {a: b} &x *x !!python/object"
    data = front(story_from_issue(answer(GOOD, "title", title), repo, TODAY).text)
    assert data["title"] == title and data["draft"] == "true"


def test_the_committed_form_is_generated_and_its_labels_read_back() -> None:
    assert (REPO / FORM_PATH).read_text(encoding="utf-8") == form_text()
    form = yaml.safe_load(form_text())
    elements = [e for e in form["body"] if e["type"] != "markdown"]
    assert [(e["id"], e["attributes"]["label"]) for e in elements] == [(q.id, q.heading) for q in QUESTIONS]
    # The knowledge-record questions, in its order.
    ids = [q.id for q in QUESTIONS]
    assert ids.index("problem") < ids.index("place") < ids.index("story") < ids.index("knowledge")


# --- the picture ------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "ok"), [
    (PICTURE_URL, True),
    ("https://private-user-images.githubusercontent.com/1/2.jpg?jwt=x", True),
    ("http://github.com/user-attachments/assets/x", False),
    ("https://github.com/evil/repo/raw/main/x.jpg", False),
    ("https://github.com.evil.org/user-attachments/assets/x", False),
    ("https://user:pw@github.com/user-attachments/assets/x", False),
    ("https://github.com:8443/user-attachments/assets/x", False),
    ("https://example.org/x.jpg", False),
    ("file:///etc/passwd", False),
])
def test_only_github_attachments_are_fetched(url: str, ok: bool) -> None:
    assert is_attachment(url) is ok


class _Server(http.server.BaseHTTPRequestHandler):
    # Set per server by the fixture (a subclass each).
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        status, headers, body = self.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def servers() -> Iterator[tuple[str, str, list[str], dict[str, Any]]]:
    """Two local servers: the "attachment host" and another one that must never be asked."""
    made = []
    for _ in range(2):
        handler = type("H", (_Server,), {"routes": {}, "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        made.append((server, handler))
    (a, ha), (b, hb) = made
    base_a = f"http://127.0.0.1:{a.server_address[1]}"
    base_b = f"http://127.0.0.1:{b.server_address[1]}"
    yield base_a, base_b, hb.seen, ha.routes
    for s, _ in made:
        s.shutdown()


def test_the_picture_is_fetched_resized_and_stripped(servers: Any) -> None:
    base, other, other_seen, routes = servers
    routes["/assets/1"] = (200, {"Content-Type": "image/jpeg"}, photo(2000, 1500))
    routes["/assets/moved"] = (302, {"Location": "/assets/1"}, b"")
    allowed = functools.partial(lambda b, u: u.startswith(b + "/assets/"), base)
    for path in ("/assets/1", "/assets/moved"):
        ext, data = fetch_picture(base + path, allowed)
        with Image.open(io.BytesIO(data)) as im:
            assert (ext, im.format, im.size) == ("jpg", "JPEG", (960, 720))
            assert not im.getexif() and "exif" not in im.info  # the phone's GPS is gone
    # A redirect off the allowed host is refused before the other host is asked.
    routes["/assets/away"] = (302, {"Location": other + "/x.jpg"}, b"")
    with pytest.raises(IssueFormError, match="redirects off GitHub"):
        fetch_picture(base + "/assets/away", allowed)
    assert other_seen == []
    # Not a picture, and an address that is not allowed at all.
    routes["/assets/text"] = (200, {"Content-Type": "image/jpeg"}, b"<html>not a picture</html>")
    with pytest.raises(IssueFormError, match="cannot be read"):
        fetch_picture(base + "/assets/text", allowed)
    with pytest.raises(IssueFormError, match="not a picture attached"):
        fetch_picture(other + "/x.jpg", allowed)
    assert other_seen == []
