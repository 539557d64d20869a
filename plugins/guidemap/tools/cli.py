"""``guidemap``: validate profiles and stories, scaffold a profile, write the generated files
(JSON Schema, issue form, field tables)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from guidemap.contract import channels, network
from guidemap.contract import files as contributed
from guidemap.contract.load.profiles import TEMPLATE_NAME, load_org_file, org_files
from guidemap.contract.load.repository import load_repository, repo_root
from guidemap.contract.load.stories import load_story_file
from guidemap.contract.model.dated import CALLS_DIR, EVENTS_DIR
from guidemap.contract.model.types import STALE_AFTER_DAYS
from guidemap.contract.network import Network
from guidemap.contract.problems import Problems
from guidemap.contract.schema import SCHEMA_PATH, SCHEMA_PATHS, schema_json
from guidemap.contract.vocab import Label
from guidemap.tools import init, reachability
from guidemap.tools.approve.event import EventError
from guidemap.tools.approve.run import approve_issue
from guidemap.tools.docs.fieldtable import doc_files, field_table, rewrite
from guidemap.tools.forms import dated_form, issuebody, issueform, storyform
from guidemap.tools.forms.formfile import FORM_PATH, form_text
from guidemap.tools.forms.writing import FormError, for_terminal
from guidemap.tools.job_summary import append as append_summary
from guidemap.tools.job_summary import problems_markdown
from guidemap.tools.links import check_links, external_links, links_markdown, links_text
from guidemap.tools.scaffold import Answers, check_answers, render
from guidemap.tools.stale import stale_markdown, stale_orgs, stale_text


def schema_text(net: Network) -> str:
    return schema_json("org", net)


def _print_problems(problems: Problems, fmt: str, stream: TextIO | None = None) -> None:
    for p in problems.sorted():
        print(p.github_annotation() if fmt == "github" else p.format(), file=stream or sys.stdout)


def _root(args: argparse.Namespace) -> Path:
    """An explicit --root is used as given; otherwise the repository around the current folder."""
    return Path(args.root).resolve() if args.root else repo_root()


def cmd_validate(args: argparse.Namespace) -> int:
    root = _root(args)
    problems = Problems()
    dated = ""
    if args.files:
        known = {p.stem for p in org_files(root / "orgs", root, Problems())}
        counts = {"profiles": 0, "stories": 0}
        for name in args.files:
            if os.path.islink(name):  # resolve() would read what it points at
                contributed.report_link(problems, name)
                continue
            path = Path(name).resolve()
            if path.name == TEMPLATE_NAME:
                continue
            if path.parent.name in (CALLS_DIR, EVENTS_DIR) and path.suffix in (".yml", ".yaml"):
                # A call or an event is checked against the valid profiles (its host's position).
                shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else name
                everything = load_repository(root, network_file=args.network).problems.items
                problems.items.extend(p for p in everything if p.path == shown)
            elif path.suffix in (".yml", ".yaml"):
                counts["profiles"] += load_org_file(path, root, problems, org_ids=known,
                                                    site=args.site) is not None
            elif path.suffix == ".md":
                counts["stories"] += load_story_file(path, root / "content", root, known,
                                                     problems, args.site) is not None
            else:
                problems.add(name, 0, "", "not a profile (.yml) or story (.md)",
                             "ไม่ใช่ไฟล์ข้อมูลกลุ่ม (.yml) หรือเรื่องเล่า (.md)")
        n_orgs, n_stories = counts["profiles"], counts["stories"]
    else:
        result = load_repository(root, network_file=args.network)
        problems = result.problems
        n_orgs, n_stories = len(result.dataset.orgs), len(result.dataset.stories)
        if result.dataset.calls or result.dataset.events:
            dated = f", {len(result.dataset.calls)} call(s), {len(result.dataset.events)} event(s)"
    _print_problems(problems, args.format)
    if args.summary:
        append_summary(args.summary, problems_markdown(problems.sorted(), n_orgs, n_stories))
    if problems:
        files = len({p.path for p in problems.items})
        print(f"\n✗ {len(problems)} problem(s) in {files} file(s) / พบ {len(problems)} ปัญหาใน "
              f"{files} ไฟล์", file=sys.stderr)
        return 1
    print(f"✓ {n_orgs} profile(s) and {n_stories} story(ies){dated} valid / ข้อมูลถูกต้อง", file=sys.stderr)
    if not args.files:  # warnings only: missing channels never fail a check
        for line in reachability.report(result.dataset.orgs, result.network):
            print(line, file=sys.stderr)
    return 0


def _ask(prompt: str, default: str = "", check: Callable[[str], bool] | None = None) -> str:
    while True:
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        answer = input(shown).strip() or default
        if answer and (check is None or check(answer)):
            return answer
        print("  ?", file=sys.stderr)


def cmd_new(args: argparse.Namespace) -> int:
    root = _root(args)
    th = args.lang == "th"
    interactive = sys.stdin.isatty() and not args.no_input

    def value(attr: str, prompt_th: str, prompt_en: str, default: str = "") -> str:
        given = getattr(args, attr)
        if given is not None:
            return str(given)
        if not interactive:
            return default
        return _ask(prompt_th if th else prompt_en, default)

    keys = ", ".join(args.site.focus)

    try:
        answers = Answers(
            id=value("id", "รหัสกลุ่ม (a-z, 0-9, -)", "Id (a-z, 0-9, -)"),
            name_th=value("name_th", "ชื่อกลุ่ม (ภาษาไทย)", "Name in Thai"),
            name_en=value("name_en", "ชื่อภาษาอังกฤษ (ถ้ามี)", "Name in English (optional)", "-")
            .strip("-"),
            province=value("province", "จังหวัด", "Province"),
            district=value("district", "อำเภอ (ถ้ามี)", "District (optional)", "-").strip("-"),
            focus=[f.strip() for f in value("focus", f"ประเด็น ({keys})", f"Focus ({keys})").split(",")
                   if f.strip()],
            summary_th=value("summary_th", "สรุปงานของกลุ่ม (ภาษาไทย)", "Summary in Thai"),
            lat=float(value("lat", "ละติจูด", "Latitude") or "nan"),
            lon=float(value("lon", "ลองจิจูด", "Longitude") or "nan"),
            precision=value("precision", "ความละเอียดตำแหน่ง", "Precision", "district"),
        )
    except ValueError:
        print("lat/lon must be numbers / ละติจูดและลองจิจูดต้องเป็นตัวเลข", file=sys.stderr)
        return 2
    missing = [k for k in ("id", "name_th", "province", "summary_th") if not getattr(answers, k)]
    problems = [f"{k}: required / ต้องกรอก" for k in missing] or check_answers(answers, args.site.focus)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    target = root / "orgs" / f"{answers.id}.yml"
    if target.exists():
        print(f"{target} exists already / มีไฟล์นี้อยู่แล้ว", file=sys.stderr)
        return 2
    text = render(answers)
    # The same validator as every profile, before anything is printed or written.
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp, "orgs", f"{answers.id}.yml")
        trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        found = Problems()
        if load_org_file(trial, Path(tmp), found, site=args.site) is None:
            _print_problems(found, "text", sys.stderr)
            return 1
    if args.stdout:
        sys.stdout.write(text)
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"✓ wrote / สร้างไฟล์ {target.relative_to(root)}", file=sys.stderr)
    return 0


def _generated(path: Path, text: str, args: argparse.Namespace, command: str) -> int:
    """--check: fail when the committed file differs; --write: write it; else print it."""
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run `guidemap {command} --write`", file=sys.stderr)
            return 1
        return 0
    if args.write:
        path.write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Write a new network's site folder, from the flags or by asking."""
    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"{target}: ต้องเป็นโฟลเดอร์ว่างหรือยังไม่มี / must be an empty or new folder", file=sys.stderr)
        return 2

    def given(value: str | None, th: str, en: str) -> str:
        return value if value is not None else _ask(f"{th} / {en}")

    name_th = given(args.name_th, "ชื่อเครือข่าย (ไทย)", "Network's name in Thai")
    name_en = given(args.name_en, "ชื่อเครือข่าย (อังกฤษ)", "Network's name in English")
    provinces = args.province or [p.strip() for p in _ask(
        "จังหวัด คั่นด้วยจุลภาค / Provinces, comma-separated").split(",") if p.strip()]
    site_url = given(args.site_url, "ที่อยู่เว็บไซต์", "Site address (https://...)")
    asking = args.name_th is None  # the network's channels are asked only of someone answering

    def optional(value: str | None, th: str, en: str) -> str | None:
        if value is not None or not asking:
            return value
        return input(f"{th} / {en} (เว้นว่างได้ / optional): ").strip()

    contact = (("line", optional(args.line, "LINE Official Account ของเครือข่าย", "The network's LINE")),
               ("email", optional(args.email, "อีเมลของเครือข่าย", "The network's e-mail")))
    donate = optional(args.donate, "ลิงก์กองทุนร่วม (https://)", "A joint fund's page")
    answers = init.Answers(Label(name_th, name_en), tuple(provinces), site_url, args.repo_url or "",
                           tuple((k, v) for k, v in contact if v), donate or "")
    if problems := init.check(answers):
        print("\n".join(problems), file=sys.stderr)
        return 1
    written = init.write_site(target, answers, date.today())
    print(f"✓ {len(written)} file(s) in {target} / เขียน {len(written)} ไฟล์\n"
          f"  cd {target} && guidemap validate && mkdocs build --strict", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    code = _generated(SCHEMA_PATH, schema_text(args.site), args, "schema")
    if args.write or args.check:  # and the schemas of a call and an event, beside it
        for kind, path in SCHEMA_PATHS.items():
            code = max(code, _generated(path, schema_json(kind, args.site), args, "schema"))
    return code


def cmd_forms(args: argparse.Namespace) -> int:
    root = _root(args)
    if not args.write and not args.check:
        return _generated(root / FORM_PATH, form_text(args.site), args, "forms")
    # The profile form, the story form, then the forms of a call for volunteers and an event.
    codes = [_generated(root / FORM_PATH, form_text(args.site), args, "forms"),
             _generated(root / storyform.FORM_PATH, storyform.form_text(), args, "forms")]
    codes += [_generated(root / f.path, dated_form.form_text(f), args, "forms")
              for f in dated_form.FORMS.values()]
    return max(codes)


def cmd_docs(args: argparse.Namespace) -> int:
    """Rewrite the field tables between the markers of the documentation files that have them."""
    if not args.write and not args.check:
        sys.stdout.write(field_table("th") + "\n" + field_table("en"))
        return 0
    stale = 0
    for path in doc_files(_root(args)):
        text = path.read_text(encoding="utf-8")
        fresh = rewrite(text, args.site)
        if args.write:
            path.write_text(fresh, encoding="utf-8")
        elif fresh != text:
            print(f"{path}: the field table is out of date: run `guidemap docs --write`",
                  file=sys.stderr)
            stale += 1
    return 1 if stale else 0


def _read_body(name: str) -> str | None:
    """The body comes from a file or stdin, never from an argument a shell has expanded."""
    limit = issuebody.MAX_BODY_CHARS * 4 + 1  # UTF-8 bytes of the largest body GitHub allows
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(limit)
        else:
            with open(name, "rb") as f:
                raw = f.read(limit)
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"cannot read the issue body: {exc} / อ่านข้อความไม่ได้", file=sys.stderr)
        return None


def _from_issue(args: argparse.Namespace, make: Callable[[str, Path], tuple[str, Callable[[], Path]]],
                note: str = "") -> int:
    """What the three issue-form commands share: the body read from a file or stdin, the file
    made (``make`` gives its text and how to write it), printed with ``--stdout`` or written,
    and every problem printed with nothing from the issue able to drive the terminal."""
    root = _root(args)
    body = _read_body(args.body)
    if body is None:
        return 2
    try:
        text, write = make(body, root)
        if args.stdout:
            sys.stdout.write(text)
            return 0
        target = write()
    except FormError as exc:
        print("\n".join(f"✗ {for_terminal(p)}" for p in exc.problems), file=sys.stderr)
        return 1
    print(f"✓ wrote / สร้างไฟล์ {target.relative_to(root)}{note}", file=sys.stderr)
    return 0


def _issue_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str,
                   func: Callable[[argparse.Namespace], int], what: str, *, replaces: bool = False,
                   kinds: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The arguments every issue-form command takes (see :func:`_from_issue`)."""
    p = sub.add_parser(name, help=f"{help} (read from a file or stdin)")
    if kinds:
        p.add_argument("kind", choices=kinds, help=" or ".join(kinds))
    p.add_argument("body", nargs="?", default="-", help="file holding the issue body; - for stdin")
    if replaces:
        p.add_argument("--update", action="store_true", help=f"replace an existing {what}")
    p.add_argument("--stdout", action="store_true", help=f"print the {what} instead of writing it")
    p.set_defaults(func=func)
    return p


def cmd_story_from_issue(args: argparse.Namespace) -> int:
    """A draft story from a "share a story" issue; the picture only with --fetch-image."""
    fetched: list[storyform.IssueStory] = []

    def make(body: str, root: Path) -> tuple[str, Callable[[], Path]]:
        story = storyform.story_from_issue(body, root, args.today, args.slug, site=args.site)
        picture = None
        if story.picture_url and args.fetch_image:
            picture = storyform.fetch_picture(story.picture_url)
            story = storyform.story_from_issue(body, root, args.today, args.slug, picture, args.site)
        elif story.picture_url:
            fetched.append(story)
        return story.text, lambda: storyform.write_story(story, root, picture)

    code = _from_issue(args, make, " (draft: true)")
    if code == 0 and fetched and not args.stdout:
        # Quoted and escaped: the address is the issue's text.
        print(f"! the issue has a picture, not fetched: {for_terminal(repr(fetched[0].picture_url))}\n"
              "  run again with --fetch-image to add it (resized, without metadata) / มีรูปแนบ ใช้ "
              "--fetch-image เพื่อดึงรูป", file=sys.stderr)
    return code


def cmd_from_issue(args: argparse.Namespace) -> int:
    def make(body: str, root: Path) -> tuple[str, Callable[[], Path]]:
        profile = issueform.profile_from_issue(body, root / "orgs", site=args.site)
        return profile.text, lambda: issueform.write_profile(profile, root / "orgs", update=args.update)

    return _from_issue(args, make)


def cmd_dated_from_issue(args: argparse.Namespace) -> int:
    """A call or an event from an issue body (a file or stdin, never a shell-expanded argument)."""
    def make(body: str, root: Path) -> tuple[str, Callable[[], Path]]:
        entry = dated_form.entry_from_issue(args.kind, body, root)
        return entry.text, lambda: dated_form.write_entry(entry, root, update=args.update)

    return _from_issue(args, make)


def cmd_approve_issue(args: argparse.Namespace) -> int:
    """An approved issue's file and pull request text, or the comment refusing it (see
    :mod:`guidemap.tools.approve`); the issue is read from the event file, never an argument."""
    try:
        result = approve_issue(Path(args.event), _root(args), Path(args.out), args.site, args.today,
                               github_output=Path(args.github_output) if args.github_output else None)
    except EventError as exc:
        print(f"✗ {for_terminal(str(exc))} / อ่านข้อมูลเหตุการณ์ไม่ได้", file=sys.stderr)
        return 2
    if result.written is None:
        print("✗ the form was refused: see comment.md / แบบฟอร์มมีปัญหา ดู comment.md", file=sys.stderr)
    else:
        print(f"✓ wrote / สร้างไฟล์ {', '.join(result.written.paths)}", file=sys.stderr)
    return 0


def cmd_stale(args: argparse.Namespace) -> int:
    orgs = load_repository(_root(args), network_file=args.network).dataset.orgs
    today = args.today or date.today()
    found = stale_orgs(orgs, today, args.days)
    sys.stdout.write(stale_text(found, today))
    print(f"{len(found)} of {len(orgs)} profile(s) not checked for over {args.days} days / "
          f"{len(found)} จาก {len(orgs)} กลุ่มไม่ได้ตรวจข้อมูลเกิน {args.days} วัน", file=sys.stderr)
    if args.summary:
        append_summary(args.summary, stale_markdown(found, today, args.days, len(orgs)))
    return 1 if args.fail and found else 0


def cmd_check_links(args: argparse.Namespace) -> int:
    found = external_links(load_repository(_root(args), network_file=args.network).dataset.orgs)
    results = check_links(found, timeout=args.timeout)
    sys.stdout.write(links_text(results))
    bad = sum(not r.ok for r in results)
    print(f"{len(results) - bad} of {len(results)} link(s) answered / ลิงก์ที่ใช้ได้ "
          f"{len(results) - bad} จาก {len(results)}", file=sys.stderr)
    if args.summary:
        append_summary(args.summary, links_markdown(results))
    return 1 if args.fail and bad else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="guidemap", description="Volunteer guide map tools")
    p.add_argument("--root", help="repository folder (default: found from the current folder)")
    p.add_argument("--network", help="the network file, as the plugin's `network:` option "
                   "(default: guidemap.yml)")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check profiles and stories (all, or the given files)")
    v.add_argument("files", nargs="*")
    v.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: workflow commands that annotate the lines of a pull request")
    v.add_argument("--summary", metavar="FILE",
                   help="also append a Markdown report to FILE (e.g. \"$GITHUB_STEP_SUMMARY\")")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser("new", help="write a new profile orgs/<id>.yml from a few answers")
    for name in ("id", "name-th", "name-en", "province", "district", "focus", "summary-th",
                 "lat", "lon", "precision"):
        n.add_argument(f"--{name}", dest=name.replace("-", "_"))
    n.add_argument("--lang", choices=("th", "en"), default="th", help="language of the questions")
    n.add_argument("--no-input", action="store_true", help="never ask; use the flags only")
    n.add_argument("--stdout", action="store_true", help="print the profile instead of writing it")
    n.set_defaults(func=cmd_new)

    it = sub.add_parser("init", help="start a new network's site folder (asks what the flags do not give)")
    it.add_argument("dir", help="the new site's folder (empty or not yet there)")
    it.add_argument("--name-th", help="the network's name in Thai")
    it.add_argument("--name-en", help="the network's name in English")
    it.add_argument("--province", action="append", help="a province it covers (repeat the flag)")
    it.add_argument("--site-url", help="the site's published address")
    it.add_argument("--repo-url", help="its GitHub repository (default: read from a github.io address)")
    it.add_argument("--line", help="the network's LINE official account (@id), for visitors to reach it")
    it.add_argument("--email", help="the network's e-mail (not a person's)")
    it.add_argument("--donate", help="the page of a joint fund (https://)")
    it.set_defaults(func=cmd_init)

    s = sub.add_parser("schema", help="print the JSON Schema of profiles")
    s.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_PATH.name}")
    s.add_argument("--check", action="store_true", help="fail if the written schema is stale")
    s.set_defaults(func=cmd_schema)

    fo = sub.add_parser("forms", help="print the issue form generated from the field declarations")
    fo.add_argument("--write", action="store_true", help=f"write it to {FORM_PATH}")
    fo.add_argument("--check", action="store_true", help="fail if the committed form is stale")
    fo.set_defaults(func=cmd_forms)

    d = sub.add_parser("docs", help="print the field tables generated from the field declarations")
    d.add_argument("--write", action="store_true", help="rewrite the tables between the "
                   "<!-- fields:th --> / <!-- fields:en --> markers of CONTRIBUTING.md and "
                   "docs/contributing-en.md")
    d.add_argument("--check", action="store_true", help="fail if a table there is stale")
    d.set_defaults(func=cmd_docs)

    _issue_command(sub, "from-issue", "write orgs/<id>.yml from the body of an 'add or update my "
                   "organization' issue", cmd_from_issue, "profile", replaces=True)
    _issue_command(sub, "dated-from-issue", "write calls/<id>.yml or events/<id>.yml from the body "
                   "of a 'call for volunteers' or 'event' issue", cmd_dated_from_issue, "file",
                   replaces=True, kinds=sorted(dated_form.FORMS))
    sf = _issue_command(sub, "story-from-issue", "write a draft story in content/stories/ from the body "
                        "of a 'share a story' issue", cmd_story_from_issue, "story")
    sf.add_argument("--slug", help="the story's address after its date (a-z, 0-9, -)")
    sf.add_argument("--fetch-image", action="store_true", help="download the attached picture "
                    "(GitHub's attachment host only), resized and without metadata")
    sf.add_argument("--today", type=date.fromisoformat, help="the story's date (YYYY-MM-DD)")

    ap = sub.add_parser("approve-issue", help="turn an approved issue (from a GitHub 'issues' event "
                        "file) into its file and the text of a pull request, or a comment listing the "
                        "problems")
    ap.add_argument("--event", required=True, help="the event file (in a workflow: \"$GITHUB_EVENT_PATH\")")
    ap.add_argument("--out", required=True, help="folder for outcome, branch, title, body.md, commit.txt, "
                    "files and comment.md")
    ap.add_argument("--github-output", metavar="FILE", help="also write outcome=... to FILE "
                    "(\"$GITHUB_OUTPUT\")")
    ap.add_argument("--today", type=date.fromisoformat, help="the entry's date (default: today in Thailand)")
    ap.set_defaults(func=cmd_approve_issue)

    st = sub.add_parser("stale", help="list profiles whose 'updated' date is over a year old")
    st.add_argument("--days", type=int, default=STALE_AFTER_DAYS, help="age limit in days")
    st.add_argument("--today", type=date.fromisoformat, help="reference date (YYYY-MM-DD)")
    st.add_argument("--fail", action="store_true", help="exit with 1 when any profile is stale")
    st.add_argument("--summary", metavar="FILE", help="also append a Markdown report to FILE")
    st.set_defaults(func=cmd_stale)

    cl = sub.add_parser("check-links", help="check the profiles' external links (report only)")
    cl.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    cl.add_argument("--fail", action="store_true", help="exit with 1 when a link does not answer")
    cl.add_argument("--summary", metavar="FILE", help="also append a Markdown report to FILE")
    cl.set_defaults(func=cmd_check_links)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # Thai text on a terminal whose encoding is not UTF-8 must not crash the report.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if args.func is not cmd_init:
        # The site's guidemap.yml (vocabularies, languages) decides what the commands check:
        # passed to them on ``args.site``.
        problems = Problems()
        args.site = channels.complete(network.load(_root(args), args.network, problems), _root(args),
                                      args.network, problems)
        if problems:  # reported as validate reports a profile's
            _print_problems(problems, getattr(args, "format", "text"))
            print(f"\n✗ {len(problems)} problem(s) in 1 file(s) / พบ {len(problems)} ปัญหาใน 1 ไฟล์",
                  file=sys.stderr)
            return 1
    result: int = args.func(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
