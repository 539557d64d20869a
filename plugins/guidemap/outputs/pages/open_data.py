"""The open-data page (``data/``): what each file people may download holds, how to open the
table in a spreadsheet, the schema of each file and the licence of the data.

Thai first, English beside. The licence is the site's (the plugin's ``data_license``, an SPDX
id, on :class:`SiteInfo`); without one the page says none is stated, rather than inventing one."""

from __future__ import annotations

from guidemap.contract.vocab import Label
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import bi, en, external, link
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

TITLE = "ข้อมูลเปิด"
# Licences a network is likely to choose, by SPDX id: their name and deed.
LICENSES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("CC0 1.0 (public domain)", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Database License 1.0 (ODbL)", "https://opendatacommons.org/licenses/odbl/1-0/"),
}

# (file, its schema's name or "", what it holds in Thai and in English)
FILES = (
    (urls.DATA_JSON, "orgs", Label(
        "ข้อมูลสาธารณะของทุกกลุ่ม หนึ่งกลุ่มต่อหนึ่งบรรทัด: ชื่อ จังหวัด อำเภอ ตำแหน่งแบบหยาบ ประเด็น "
        "สิ่งที่ต้องการ ช่องทางติดต่อของกลุ่ม แคมเปญระดมทุนที่เปิดอยู่ ช่องที่ว่างเป็น null",
        "Every group's public fields, one group per line: names, province, district, coarse "
        "position, focus, needs, the group's contacts, open campaigns; empty fields are null.")),
    (urls.DATA_CSV, "", Label(
        "ข้อมูลเดียวกันเป็นตาราง UTF-8 มี BOM ให้ Excel อ่านภาษาไทยได้ ข้อความอยู่ในเครื่องหมายคำพูด "
        "ตัวเลขไม่อยู่ เบอร์โทรเป็นข้อความรูปแบบ +66",
        "The same as a table: UTF-8 with a byte-order mark (so Excel reads the Thai), text quoted, "
        "numbers bare, phone numbers as +66 text.")),
    (urls.GEOJSON, "orgs-geojson", Label(
        "ตำแหน่งของกลุ่มสำหรับโปรแกรมแผนที่ (GeoJSON) หยาบตามที่แต่ละกลุ่มเลือก",
        "The groups' positions for map programs (GeoJSON), as coarse as each group chose.")),
    (urls.DATA_CALLS, "calls", Label("ประกาศรับอาสาที่ยังเปิดรับ", "Calls for volunteers still open.")),
    (urls.DATA_EVENTS, "events", Label("กิจกรรมของเครือข่าย รวมที่ผ่านมาแล้วและที่ยกเลิก",
                                       "The network's events, past and cancelled ones too.")),
)


_ALL_EN = ("Everything on this site can be downloaded; positions are always as coarse as each group "
           "chose, and there is no personal data of individuals.")
_SPREADSHEET_EN = ("LibreOffice: tick “Format quoted field as text” when opening, and phone numbers stay "
                   "text. Excel: use Data › From Text/CSV and set the phone column to Text.")


def _licence(site: SiteInfo) -> str:
    spdx = site.data_license
    if not spdx:
        return (f"<p>ยังไม่ได้ระบุสัญญาอนุญาตของข้อมูล โปรดสอบถามเครือข่ายก่อนนำไปใช้ซ้ำ "
                f"{en('No licence is stated yet: ask the network before reusing the data.')}</p>")
    name, deed = LICENSES.get(spdx, (spdx, ""))
    named = external(deed, h(name)) if deed else h(name)
    return (f"<p>ข้อมูลเผยแพร่ภายใต้สัญญาอนุญาต {named} ระบุที่มาว่า “{h(site.name)}” "
            f"{en(f'The data is published under {h(name)}; credit “{h(site.name)}”.')}</p>")


def open_data_page(site: SiteInfo) -> GeneratedPage:
    url = urls.OPEN_DATA
    rows = "".join(
        f"<tr><td>{link(url, path, f'<code>{h(path)}</code>')}</td><td>{h(what.th)} {en(h(what.en))}</td>"
        f"<td>{link(url, urls.export_schema(name), 'JSON Schema') if name else ''}</td></tr>"
        for path, name, what in FILES)
    body = (
        f"<h1>{TITLE} {en('Open data')}</h1>"
        f"<p>ข้อมูลทุกอย่างบนเว็บไซต์นี้ดาวน์โหลดไปใช้ได้ ตำแหน่งหยาบตามที่แต่ละกลุ่มเลือกเสมอ และไม่มีข้อมูลส่วนตัวของบุคคล "
        f"{en(_ALL_EN)}</p>"
        f'<table><thead><tr><th>{bi(Label("ไฟล์", "File"))}</th><th>{bi(Label("มีอะไร", "What it holds"))}</th>'
        f'<th>{bi(Label("โครงสร้าง", "Schema"))}</th></tr></thead><tbody>{rows}</tbody></table>'
        f'<h2 id="spreadsheet">{bi(Label("เปิดในโปรแกรมตารางคำนวณ", "In a spreadsheet"))}</h2>'
        f"<p>LibreOffice: เลือก “Format quoted field as text” ตอนเปิด เบอร์โทรจะยังเป็นข้อความ "
        f"Excel: ใช้ Data › From Text/CSV แล้วกำหนดคอลัมน์ phone เป็น Text "
        f"{en(_SPREADSHEET_EN)}</p>"
        + (f'<p>{link(url, urls.SUBSCRIBE, "ปฏิทิน (.ics) และฟีด")} {en("Calendars (.ics) and feeds")}</p>'
           if site.has_feeds else "")
        + f'<p>{link(url, urls.SCHEMA, "โครงสร้างไฟล์ของกลุ่ม (สำหรับผู้เขียนข้อมูล)")} '
        f'{en("The schema of a group file, for contributors")}</p>'
        f'<h2 id="licence">{bi(Label("สัญญาอนุญาต", "Licence"))}</h2>{_licence(site)}'
    )
    return GeneratedPage(url, TITLE, "ไฟล์ข้อมูลเปิดของเครือข่าย: มีอะไร เปิดอย่างไร และสัญญาอนุญาต",
                         one_block(body), page_head(site, url, TITLE), searchable=False)
