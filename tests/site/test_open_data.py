"""Open data people can use, and what search engines read: every JSON export validates against
the JSON Schema published beside it (schema/data/), on this repository and on the repository
with every content type; the CSV opens in a spreadsheet with the Thai intact (a byte-order mark)
and phone numbers kept as text (quoted); the data page says what each file holds and its
licence; robots.txt points at the sitemap, whose lastmod is each page's own date."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from guidemap.contract.model.dated import CALLS, EVENTS
from guidemap.outputs.opendata.schemas import EXPORTS
from guidemap.outputs.pages.open_data import open_data_page
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

SITES = ["repository", "every type"]


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest, repo_site: Path, every_type_site: Path) -> Path:
    return repo_site if request.param == "repository" else every_type_site


def validator(site: Path, name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((site / urls.export_schema(name)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_export_validates_against_its_published_schema(site: Path) -> None:
    for name, path in EXPORTS.items():
        data = json.loads((site / path).read_text(encoding="utf-8"))
        problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator(site, name).iter_errors(data)]
        assert problems == [], f"{path}: {problems[:5]}"


def test_the_schemas_are_closed_and_name_every_declared_field(every_type_site: Path) -> None:
    orgs = json.loads((every_type_site / urls.DATA_JSON).read_text(encoding="utf-8"))
    orgs["orgs"][0]["secret"] = "x"
    assert not validator(every_type_site, "orgs").is_valid(orgs)
    for name, decls in (("calls", CALLS), ("events", EVENTS)):
        schema = json.loads((every_type_site / urls.export_schema(name)).read_text(encoding="utf-8"))
        declared = {f.name for f in decls.top_level if f.exports.json}
        assert declared <= set(schema["items"]["properties"]), name
    events = json.loads((every_type_site / urls.DATA_EVENTS).read_text(encoding="utf-8"))
    assert {e["status"] for e in events} == {"scheduled", "cancelled"}


def test_the_input_schema_stays_the_contributors(repo_site: Path) -> None:
    """schema/org.schema.json describes orgs/<id>.yml, which the exports are not."""
    schema = json.loads((repo_site / urls.SCHEMA).read_text(encoding="utf-8"))
    assert schema["properties"]["province"]["type"] == "string"


def test_the_csv_has_a_byte_order_mark_and_phones_as_quoted_text(every_type_site: Path) -> None:
    raw = (every_type_site / urls.DATA_CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), quoting=csv.QUOTE_NONNUMERIC))
    header, records = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    full = records["nong-chik-healing"]
    assert full["phone"] == "+6673000000" and full["name_th"] == "เครือข่ายเยียวยาหนองจิก"
    assert isinstance(full["lat"], float) and full["founded"] == 2005
    assert '"+6673000000"' in text and '"94"' in text  # text quoted: phones and codes stay text
    assert header[0] == "id"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (optional)")
def test_libreoffice_reads_thai_and_keeps_the_phone_as_text(every_type_site: Path, tmp_path: Path) -> None:
    """LibreOffice finds UTF-8 by the byte-order mark, and with "Format quoted field as text"
    (what the data page tells) keeps the phone number a text cell."""
    shutil.copy(every_type_site / urls.DATA_CSV, tmp_path / "orgs.csv")
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,,1,,1033,true,true", "--convert-to",
                    "fods", "--outdir", str(tmp_path / "out"), str(tmp_path / "orgs.csv")],
                   capture_output=True, timeout=180, check=True)
    sheet = (tmp_path / "out" / "orgs.fods").read_text(encoding="utf-8")
    cells = dict((text, kind) for kind, text in re.findall(
        r'<table:table-cell[^>]*office:value-type="(\w+)"[^>]*>\s*<text:p>([^<]*)</text:p>', sheet))
    assert cells["+6673000000"] == "string" and cells["เครือข่ายเยียวยาหนองจิก"] == "string"


def test_the_data_page_says_what_each_file_holds_and_its_licence(repo_site: Path,
                                                                every_type_site: Path) -> None:
    page = (repo_site / "data" / "index.html").read_text(encoding="utf-8")
    for path in (*EXPORTS.values(), urls.DATA_CSV):
        assert f'href="{path.removeprefix("data/")}"' in page, path  # the page is data/
    for name in EXPORTS:
        assert f'href="../{urls.export_schema(name)}"' in page, name
    # The repository's network has not chosen a licence (the 2018 record names none): the page
    # says so; a site that sets `data_license` names it with its deed.
    assert "No licence is stated yet" in page and "creativecommons" not in page
    other = (every_type_site / "data" / "index.html").read_text(encoding="utf-8")
    assert "No licence is stated yet" in other and "creativecommons" not in other
    site = SiteInfo(name="เครือข่าย & <b>", url="https://example.org/", repo_url=None, data_license="CC-BY-4.0")
    stated = open_data_page(site).html
    assert "https://creativecommons.org/licenses/by/4.0/" in stated and "เครือข่าย &amp; &lt;b&gt;" in stated
    about = (repo_site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/"' in about


def test_robots_txt_points_at_the_sitemap(repo_site: Path, every_type_site: Path) -> None:
    assert (repo_site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\n\nSitemap: http://127.0.0.1:8000/sitemap.xml\n")
    assert "Sitemap: https://example.org/guide/sitemap.xml\n" in (every_type_site / "robots.txt").read_text(
        encoding="utf-8")


def test_sitemap_lastmod_is_each_pages_own_date(every_type_site: Path) -> None:
    sitemap = (every_type_site / "sitemap.xml").read_text(encoding="utf-8")
    found = dict(re.findall(r"<loc>https://example.org/guide/([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>",
                            sitemap))
    assert found["orgs/nong-chik-healing/"] == "2018-07-24"  # the profile's updated (๒๕๖๑-๐๗-๒๔)
    assert found["orgs/quiet/"] == "2026-01-15"
    assert found["stories/2026-11-01-camp-lessons/"] == "2026-11-01"
    assert found["events/open-day/"] == "2026-11-12"
    assert found[""] == max(found.values())  # the home page: the latest content
    assert "2026-11-18" not in found.values()  # the build date
