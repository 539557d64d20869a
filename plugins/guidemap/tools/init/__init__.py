"""``guidemap init DIR``: a new network's own site folder, ready to build.

Writes the network file (``guidemap.yml``: name, provinces, map view, languages and the
vocabularies, today's lists to start from), ``mkdocs.yml``, a profile template, a first story,
the home and about pages, the workflows, issue forms (generated from the network's own
vocabularies), the pull-request template and CONTRIBUTING. Templates live beside this module
(package data); ``{{key}}`` in them is replaced, every value escaped for the file it lands in.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from guidemap.contract import channels, network
from guidemap.contract.gazetteer import find_province
from guidemap.contract.network import Network
from guidemap.contract.spec import safe_url
from guidemap.contract.vocab import Label

TEMPLATES = Path(__file__).parent / "templates"
CENTRES = Path(__file__).parents[2] / "contract" / "data" / "province-centres.tsv"


@dataclass(frozen=True)
class Answers:
    name: Label
    provinces: tuple[str, ...]  # as written; checked against the gazetteer
    site_url: str
    repo_url: str = ""
    # The network's own channels (a profile's contact keys: line, email, phone...) and joint fund:
    # a visitor reaches a group without a channel of its own through them.
    contact: tuple[tuple[str, str], ...] = ()
    donate: str = ""


def centres() -> dict[str, tuple[float, float]]:
    """Gazetteer code → position of the province's capital (where a new map opens)."""
    out: dict[str, tuple[float, float]] = {}
    for line in CENTRES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, lat, lon = line.split("\t")
            out[code] = (float(lat), float(lon))
    return out


def check(a: Answers) -> list[str]:
    """Every problem with the answers (Thai and English), none when they can be used."""
    problems = []
    if not a.name.th.strip():
        problems.append("--name-th: ต้องมีชื่อเครือข่ายภาษาไทย / the network's Thai name is required")
    if not a.provinces:
        problems.append("--province: ต้องมีอย่างน้อยหนึ่งจังหวัด / at least one province is required")
    for p in a.provinces:
        if find_province(p) is None:
            problems.append(f"--province: ไม่รู้จักจังหวัด / unknown province {p!r}")
    if safe_url(a.site_url) is None:
        problems.append(f"--site-url: ต้องเป็นที่อยู่เว็บเต็ม / not a full web address: {a.site_url!r}")
    if a.repo_url and safe_url(a.repo_url, ("https",)) is None:
        problems.append(f"--repo-url: ต้องเป็นที่อยู่ https:// / not an https:// address: {a.repo_url!r}")
    problems += channels.check_answers(dict(a.contact), a.donate or None)[2]
    return problems


def network_of(a: Answers) -> Network:
    """The new network: its names and provinces, the map on the middle of their capitals, and
    the first network's vocabularies to start from (the network edits them in guidemap.yml)."""
    found = [p for p in (find_province(x) for x in a.provinces) if p is not None]
    codes = tuple(dict.fromkeys(p.code for p in found))
    at = centres()
    lats, lons = [at[c][0] for c in codes], [at[c][1] for c in codes]
    centre = (round((min(lats) + max(lats)) / 2, 2), round((min(lons) + max(lons)) / 2, 2))
    spread = max(max(lats) - min(lats), max(lons) - min(lons))
    zoom = 9 if spread < 0.5 else 8 if spread < 2 else 7
    th_names = [p.name_th for p in found]
    en_names = [p.name_en for p in found]
    en_region = (f"{en_names[0]} province" if len(en_names) == 1 else
                 f"the provinces of {', '.join(en_names[:-1])} and {en_names[-1]}")
    contact, donate, _ = channels.check_answers(dict(a.contact), a.donate or None)
    return Network(name=Label(a.name.th.strip(), a.name.en.strip() or a.name.th.strip()),
                   region=Label("จังหวัด" + " ".join(th_names), en_region),
                   provinces=codes, center=centre, zoom=zoom, contact=contact, donate=donate)


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def network_yaml(n: Network) -> str:
    """guidemap.yml for ``n``: every setting written out, so that the network sees what to edit."""
    codes = ", ".join(_yaml(c) for c in n.provinces)
    names = " ".join(p.name_th for p in (find_province(c) for c in n.provinces) if p)
    lines = [
        "# The network this site is for: read by the site's build and by the `guidemap` command.",
        "# Change a vocabulary here, never in code; then run `guidemap forms --write`.",
        "# เครือข่ายของเว็บนี้: ชื่อ พื้นที่ ภาษา และรายการประเด็น/สิ่งที่ต้องการ แก้ที่ไฟล์นี้",
        "",
        "name:", f"  th: {_yaml(n.name.th)}", f"  en: {_yaml(n.name.en)}",
        "",
        "region:",
        "  name:", f"    th: {_yaml(n.region.th)}", f"    en: {_yaml(n.region.en)}",
        "  # Province codes (or Thai or English names) the network covers.",
        f"  provinces: [{codes}]  # {names}",
        "  map:", f"    center: [{n.center[0]}, {n.center[1]}]", f"    zoom: {n.zoom}",
        "",
        "# Languages of contributed text (BCP 47): Thai first and required; e.g. ms (Malay, Rumi),",
        "# ms-Arab (Malay, Jawi).",
        f"languages: [{', '.join(n.languages)}]",
        "",
        "# What groups work on: key (never rename one once used), Thai and English labels, pin colour.",
        "focus:",
    ]
    for k, lab in n.focus.items():
        lines.append(f"  {k}: {{th: {_yaml(lab.th)}, en: {_yaml(lab.en)}, colour: \"{n.colour(k)}\"}}")
    lines += ["", "# What a group needs, and what it can offer other groups (the same keys).", "needs:"]
    lines += [f"  {k}: {{th: {_yaml(lab.th)}, en: {_yaml(lab.en)}}}" for k, lab in n.needs.items()]
    lines += ["", "# The network's own channels (a profile's contact keys: line, email, phone, facebook,",
              "# website...): every page's footer, and \"I want to help\" for a group without its own.",
              "# ช่องทางของเครือข่าย: กลุ่มที่ยังไม่มีช่องทางของตัวเอง ผู้ชมติดต่อผ่านช่องทางนี้"]
    if n.contact:
        lines += ["contact:", *(f"  {k}: {_yaml(v)}" for k, v in n.contact)]
    else:
        lines += ["# contact:", '#   line: "@yournetwork"', "#   email: contact@example.org"]
    lines += ["# A joint fund (https), where a group needs funding and has no donation page of its own."]
    lines += [f"donate: {_yaml(n.donate)}"] if n.donate else ["# donate: https://example.org/fund"]
    return "\n".join(lines) + "\n"


def _repo_url(a: Answers) -> str:
    """The repository's address: as given, or read from a GitHub Pages address."""
    if a.repo_url:
        return a.repo_url.rstrip("/")
    parts = urlsplit(a.site_url)
    host = (parts.hostname or "").lower()
    if host.endswith(".github.io"):
        owner = host.removesuffix(".github.io")
        name = parts.path.strip("/").split("/")[0] or host
        return f"https://github.com/{owner}/{name}"
    return ""


def values(a: Answers, n: Network, today: dt.date) -> dict[str, Callable[[str], str]]:
    """Placeholder → its value, escaped for the kind of file (by suffix) it lands in."""
    site_url = a.site_url if a.site_url.endswith("/") else a.site_url + "/"
    repo = _repo_url(a)
    first = find_province(n.provinces[0])
    assert first is not None
    lat, lon = centres()[first.code]
    focus = next(iter(n.focus))
    need = next(iter(n.needs))
    width = max(len(k) for k in [*n.focus, *n.needs])

    def table(vocabulary: dict[str, Label]) -> str:
        return "\n".join(f"#   {k.ljust(width)} {lab.th} / {lab.en}" for k, lab in vocabulary.items())

    plain = {
        "name_th": n.name.th, "name_en": n.name.en, "region_th": n.region.th, "region_en": n.region.en,
        "site_url": site_url, "repo_url": repo or site_url.rstrip("/"),
        "province_th": first.name_th, "province_en": first.name_en, "province_code": first.code,
        "lat": f"{lat}", "lon": f"{lon}", "focus_lines": table(n.focus), "needs_lines": table(n.needs),
        "focus_example": focus, "needs_example": need, "date": today.isoformat(),
        "version": _version(),
    }
    yaml_values = {
        "name_th_yaml": n.name.th, "site_url_yaml": site_url, "repo_url_yaml": repo,
        "description_yaml": f"แผนที่และจดหมายข่าวของ{n.name.th} ({n.region.th})",
        "story_title_yaml": f"เปิดแผนที่อาสา {n.name.th}",
        "story_summary_yaml": f"กลุ่มอาสาสมัครใน{n.region.th}เพิ่มข้อมูลของกลุ่มตนเองได้แล้ว",
    }
    out: dict[str, Callable[[str], str]] = {}
    for key, value in plain.items():
        out[key] = (lambda v: lambda suffix: html.escape(v, quote=False) if suffix == ".md" else v)(value)
    for key, value in yaml_values.items():
        out[key] = (lambda v: lambda suffix: _yaml(v) if v else "null")(value)
    return out


def _version() -> str:
    try:
        return metadata.version("guidemap")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.1.0"


def render(text: str, suffix: str, table: dict[str, Callable[[str], str]]) -> str:
    for key, value in table.items():
        token = "{{" + key + "}}"
        if token in text:
            text = text.replace(token, value(suffix))
    return text


def write_site(target: Path, a: Answers, today: dt.date) -> list[Path]:
    """Write the new site folder; the files written, in order. ``target`` must be empty."""
    from guidemap.tools.docs.fieldtable import rewrite
    from guidemap.tools.forms import dated_form  # the forms read the vocabularies in use
    from guidemap.tools.forms.formfile import FORM_PATH, form_text

    n = network_of(a)
    table = values(a, n, today)
    written: list[Path] = []

    def put(rel: Path, text: str) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)

    put(Path(network.FILE_NAME), network_yaml(n))
    for src in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        rel = src.relative_to(TEMPLATES)
        if rel.name == "welcome.md":
            rel = rel.with_name(f"{today.isoformat()}-welcome.md")
        put(rel, render(src.read_text(encoding="utf-8"), src.suffix, table))
    contributing = target / "CONTRIBUTING.md"  # its tables of the network's own keys
    contributing.write_text(rewrite(contributing.read_text(encoding="utf-8"), n), encoding="utf-8")
    put(FORM_PATH, form_text(n))
    for form in dated_form.FORMS.values():
        put(form.path, dated_form.form_text(form))
    return written

