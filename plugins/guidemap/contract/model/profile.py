"""The declaration of every field of a group's profile (``orgs/<id>.yml``): :data:`PROFILE_FIELDS`,
read as a whole through :data:`PROFILE`.
"""

from __future__ import annotations

from guidemap.contract.location import LAT_RANGE, LON_RANGE
from guidemap.contract.model.fields import (
    LD,
    Coarsened,
    Csv,
    Declarations,
    Doc,
    EqualsFileName,
    Exports,
    FieldDecl,
    FileUnderOrgs,
    FormElement,
    Geo,
    InGazetteer,
    Requires,
)
from guidemap.contract.model.types import Campaign, Contact, Volunteer
from guidemap.contract.spec import (
    Baht,
    Choice,
    Date,
    Email,
    Field,
    Handle,
    ListOf,
    Localized,
    Number,
    Obj,
    Phone,
    ProvinceSpec,
    Spec,
    Text,
    Url,
    Year,
)
from guidemap.contract.vocab import LANGUAGES, PRECISION, Label

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_HINT = Label("ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง เช่น beach-for-life",
                "lowercase letters, digits and hyphens, e.g. beach-for-life")
NAME = Text(150)
SHORT = Text(200)
LOGO_PATTERN = r"[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.(png|jpg|jpeg|webp|svg|PNG|JPG|JPEG|WEBP|SVG)"

_OPTIONAL = Label("ไม่บังคับ", "Optional.")


_SAME_AS = LD("sameAs", many=True)


def _contact(name: str, spec: Spec, label: Label, at: int, form: FormElement | None, doc: Doc,
             *, url: bool = True, jsonld: LD = _SAME_AS) -> FieldDecl:
    return FieldDecl(f"contact.{name}", label, spec, url=url,
                        exports=Exports(json=True, csv=Csv(((name, ""),), at), jsonld=(jsonld,)),
                        form=(form,) if form else (), doc=doc)


_SOCIAL_DOC = Doc(Label("`@banrakthale`", "`@banrakthale`"),
                  Label("ที่อยู่เต็มบนเว็บนั้น หรือ `@ชื่อบัญชี`", "full address on that site, or `@name`"))

PROFILE_FIELDS: tuple[FieldDecl, ...] = (
    FieldDecl(
        "id", Label("รหัสกลุ่ม ตรงกับชื่อไฟล์", "The group's id, equal to the file name"),
        Text(60, pattern=ID_PATTERN, pattern_hint=ID_HINT,
             description=Label("รหัสกลุ่ม ต้องตรงกับชื่อไฟล์", "id, equal to the file name")),
        required=True, rules=(EqualsFileName(),),
        exports=Exports(json=True, csv=Csv((("id", ""),), 10)),
        form=(FormElement("id", Label("รหัสกลุ่ม", "Group id"), "input", True, description=Label(
            "ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง ใช้เป็นที่อยู่หน้าเว็บ /orgs/<id>/ "
            "ถ้าแก้ไขกลุ่มที่มีอยู่แล้ว ให้ใส่รหัสเดิม",
            "Lowercase letters, digits and hyphens; it becomes the page address /orgs/<id>/. "
            "To update an existing group, give its current id."), placeholder="ban-rak-thale"),),
        doc=Doc(Label("`ban-rak-thale`", "`ban-rak-thale`"), Label(
            "a-z ตัวเลข และ `-` ไม่เกิน 60 ตัวอักษร ห้ามขึ้นต้นหรือลงท้ายด้วย `-` และห้ามมี `--` ติดกัน",
            "a-z, digits and `-`, at most 60 characters, not starting or ending with `-`, no `--`"))),
    FieldDecl(
        "name", Label("ชื่อกลุ่ม ภาษาอังกฤษเฉพาะที่กลุ่มใช้จริง",
                      "The group's name; English only if the group really uses one"),
        Localized(NAME, description=Label("ชื่อกลุ่ม", "Name of the group")), required=True,
        exports=Exports(json=True, csv=Csv((("name_th", "th"), ("name_en", "en")), 20, free_text=True),
                        geojson=(Geo("name", 10, "best"), Geo("en", 20, "en", unless_same_as="best")),
                        jsonld=(LD("name", "best"), LD("alternateName", "en"))),
        form=(FormElement("name-th", Label("ชื่อกลุ่ม (ภาษาไทย)", "Name in Thai"), "input", True, "th",
                          Label("ชื่อที่กลุ่มใช้จริง ไม่เกิน 150 ตัวอักษร",
                                "The name the group really uses, at most 150 characters."),
                          "กลุ่มบ้านรักทะเล"),
              FormElement("name-en", Label("ชื่อภาษาอังกฤษ (ถ้ามี)", "Name in English (if any)"), "input",
                          part="en", description=Label(
                              "ใส่เฉพาะเมื่อกลุ่มมีชื่อภาษาอังกฤษที่ใช้อยู่จริง ห้ามแปลขึ้นเอง",
                              "Only a name the group really uses; do not translate."),
                          placeholder="Ban Rak Thale Group")),
        doc=Doc(Label("`th: กลุ่มบ้านรักทะเล`", "`th: กลุ่มบ้านรักทะเล`"), Label(
            "ภาษาละไม่เกิน 150 ตัวอักษร ถ้าไม่มีชื่อภาษาอังกฤษให้ละไว้ ห้ามแปลขึ้นเอง",
            "at most 150 characters each; leave `en` out rather than translate"))),
    FieldDecl(
        "province", Label("จังหวัดที่ตั้ง", "Province"),
        ProvinceSpec(60, description=Label("จังหวัด (ชื่อไทย ชื่ออังกฤษ หรือรหัสจังหวัด)",
                                           "Province (Thai, English or code)")),
        required=True, rules=(InGazetteer(),),
        exports=Exports(json=True, csv=Csv((("province_code", "code"), ("province_th", "th"),
                                            ("province_en", "en")), 30),
                        geojson=(Geo("province", 40, "code"),),
                        jsonld=(LD("areaServed.name", "th"), LD("address.addressRegion", "th"))),
        form=(FormElement("province", Label("จังหวัด", "Province"), "input", True, description=Label(
            "ชื่อไทย ชื่ออังกฤษ หรือรหัสจังหวัด เช่น ปัตตานี / Yala / 96",
            "Thai or English name or province code."), placeholder="ปัตตานี"),),
        doc=Doc(Label("`ปัตตานี`", "`ปัตตานี`"), Label(
            "ชื่อไทย (มีหรือไม่มีคำว่า จังหวัด/จ. ก็ได้) ชื่ออังกฤษ (ตัวพิมพ์ใหญ่เล็กได้หมด) หรือรหัสจังหวัด "
            "เช่น `94` หรือ `๙๔` (ปัตตานี 94 ยะลา 95 นราธิวาส 96 สงขลา 90)",
            "Thai name (with or without จังหวัด/จ.), English name (any case) or province code, "
            "e.g. `94` or `๙๔` (Pattani 94, Yala 95, Narathiwat 96, Songkhla 90)"))),
    FieldDecl(
        "district", Label("อำเภอ", "District"), Text(60, description=Label("อำเภอ", "District")),
        exports=Exports(json=True, csv=Csv((("district_th", "th"), ("district_en", "en")), 40),
                        jsonld=(LD("address.addressLocality", "th"),)),
        form=(FormElement("district", Label("อำเภอ", "District"), "input", description=Label(
            "ต้องเป็นอำเภอในจังหวัดข้างบน เช่น ยะหริ่ง", "A district of the province above, e.g. Yaring."),
            placeholder="ยะหริ่ง"),),
        doc=Doc(Label("`แม่ลาน`", "`แม่ลาน`"), Label(
            "ชื่อไทยหรืออังกฤษ มีหรือไม่มีคำว่า อำเภอ/อ./เขต ก็ได้ ต้องอยู่ในจังหวัดที่ระบุ "
            "เขียน `เมือง` หรือ `Mueang` อย่างเดียวหมายถึงอำเภอเมืองของจังหวัดนั้น",
            "Thai or English name, with or without อำเภอ/อ./เขต or \"District\"; must be in the "
            "province. `เมือง` or `Mueang` alone means the capital district"))),
    FieldDecl("location", Label("ตำแหน่งบนแผนที่", "Position on the map"), required=True,
                 rules=(Coarsened(),)),
    FieldDecl(
        "location.lat", Label("ละติจูด", "Latitude"),
        Number(*LAT_RANGE, description=Label("ละติจูด", "Latitude")), required=True,
        exports=Exports(json=True, csv=Csv((("lat", ""),), 50), jsonld=(LD("location.geo.latitude"),)),
        form=(FormElement("lat", Label("ละติจูด", "Latitude"), "input", True, description=Label(
            "ตัวเลขทศนิยม คลิกขวาบน OpenStreetMap หรือ Google Maps เพื่อดูพิกัด ถ้าไม่อยากให้ใครตามหา"
            "ที่ทำการได้ ให้ใส่พิกัดกลางอำเภอหรือจังหวัด (ข้อความใน issue เป็นสาธารณะ)",
            "Decimal; if the real place must stay private, give the centre of the district or "
            "province (issues are public)."), placeholder="6.86"),),
        doc=Doc(Label("`6.66`", "`6.66`"), Label("ทศนิยม ระหว่าง 5.5 ถึง 20.6 เลขไทยได้",
                                                  "decimal, 5.5 to 20.6; Thai digits allowed"))),
    FieldDecl(
        "location.lon", Label("ลองจิจูด", "Longitude"),
        Number(*LON_RANGE, description=Label("ลองจิจูด", "Longitude")), required=True,
        exports=Exports(json=True, csv=Csv((("lon", ""),), 51), jsonld=(LD("location.geo.longitude"),)),
        form=(FormElement("lon", Label("ลองจิจูด", "Longitude"), "input", True, description=Label(
            "ตัวเลขทศนิยม (ประเทศไทยอยู่ราว 97.3 ถึง 105.7)", "Decimal (Thailand is about 97.3 to 105.7)."),
            placeholder="101.37"),),
        doc=Doc(Label("`101.24`", "`101.24`"), Label(
            "ทศนิยม ระหว่าง 97.3 ถึง 105.7 ถ้าแจ้งว่าอยู่นอกประเทศไทย ให้ตรวจว่าสลับกับละติจูดหรือไม่",
            "decimal, 97.3 to 105.7; if reported outside Thailand, check whether lat and lon are "
            "swapped"))),
    FieldDecl(
        "location.precision", Label("ความละเอียดสูงสุดของตำแหน่งที่ยอมให้เผยแพร่",
                                    "Most precise position the group allows to publish"),
        Choice(PRECISION, description=Label(
            "ความละเอียดสูงสุดของตำแหน่งที่ยอมให้เผยแพร่ (ค่าเริ่มต้น district)",
            "Most precise position the group allows to publish (default district)")),
        exports=Exports(json=True, csv=Csv((("precision", ""),), 52),
                        geojson=(Geo("precision", 60),)),
        form=(FormElement("precision", Label("ความละเอียดของตำแหน่งที่ยอมให้เผยแพร่", "Location precision"),
                          "dropdown", True, description=Label(
                              "เว็บไซต์จะปัดพิกัดให้หยาบตามที่เลือกก่อนเผยแพร่เสมอ ถ้าไม่แน่ใจให้เลือก district "
                              "หรือ province", "The site always rounds the position to this level before "
                              "publishing it; when unsure, choose district or province."),
                          options=("district", "province", "subdistrict", "exact"), default=0),),
        doc=Doc(Label("`district`", "`district`"), Label(
            "`exact` `subdistrict` `district` (ค่าเริ่มต้น) `province` "
            "ดู[ความละเอียดของตำแหน่ง](#ความละเอียดของตำแหน่ง-locationprecision)",
            "`exact`, `subdistrict`, `district` (default), `province`; see "
            "[Safety and privacy](#safety-and-privacy)"))),
    FieldDecl(
        "focus", Label("ประเด็นที่ทำงาน", "Focus areas"),
        ListOf(Choice("focus"), max_items=6, min_items=1, unique=True,
               description=Label("ประเด็นที่ทำงาน", "Focus areas")), required=True,
        exports=Exports(json=True, csv=Csv((("focus", ""),), 60), geojson=(Geo("focus", 30),),
                        jsonld=(LD("knowsAbout", vocabulary="focus"),)),
        form=(FormElement("focus", Label("ประเด็นที่ทำงาน (1 ถึง 6 ข้อ)", "Focus areas (1 to 6)"),
                          "checkboxes", True, description=Label("เลือก 1 ถึง 6 ข้อ", "Choose 1 to 6.")),),
        doc=Doc(Label("`[children-youth, education]`", "`[children-youth, education]`"), Label(
            "1 ถึง 6 รหัส ไม่ซ้ำ ดู[รหัสประเด็นงานและสิ่งที่ต้องการ](#รหัสประเด็นงานและสิ่งที่ต้องการ)",
            "1 to 6 keys, no repeats; see [Focus and needs keys](#focus-and-needs-keys)"))),
    FieldDecl(
        "summary", Label("สรุปงานหนึ่งถึงสองประโยค ด้วยคำของกลุ่มเอง",
                         "One or two sentences on the work, in the group's own words"),
        Localized(Text(300), description=Label("สรุปงานของกลุ่มในหนึ่งถึงสองประโยค",
                                               "One or two sentences on the group's work")),
        required=True,
        exports=Exports(json=True, csv=Csv((("summary_th", "th"), ("summary_en", "en")), 80,
                                           free_text=True),
                        geojson=(Geo("summary", 50, "best", short=True),),
                        jsonld=(LD("description", "best"),)),
        form=(FormElement("summary-th", Label("สรุปงานของกลุ่ม (ภาษาไทย)", "Summary in Thai"), "textarea",
                          True, "th", Label("หนึ่งถึงสองประโยค ด้วยคำของกลุ่มเอง ไม่เกิน 300 ตัวอักษร",
                                            "One or two sentences in the group's own words, at most "
                                            "300 characters."),
                          "ชวนเด็กในหมู่บ้านชายฝั่งเก็บขยะและเรียนรู้เรื่องทะเลทุกเดือน"),
              FormElement("summary-en", Label("สรุปงานภาษาอังกฤษ (ถ้ามี)", "Summary in English (if any)"),
                          "textarea", part="en",
                          description=Label("ไม่เกิน 300 ตัวอักษร", "At most 300 characters."))),
        doc=Doc(Label("`th: ชวนเด็กเก็บขยะชายหาดทุกเดือน`", "`en: Monthly beach clean-ups with children.`"),
                Label("ภาษาละไม่เกิน 300 ตัวอักษร", "at most 300 characters each"))),
    FieldDecl(
        "updated", Label("วันที่ตรวจข้อมูลหน้านี้ล่าสุด", "Date the profile was last checked"),
        Date(not_after_today=True, description=Label("วันที่ตรวจข้อมูลล่าสุด",
                                                     "Date the profile was last checked")),
        required=True, exports=Exports(json=True, csv=Csv((("updated", ""),), 90)),
        doc=Doc(Label("`2018-07-24`", "`2018-07-24`"), Label(
            "`2018-07-24` `2561-07-24` `24/7/2561` `24 กรกฎาคม 2561` `24 ก.ค. 2561` เลขไทยได้ "
            "ปีที่มากกว่า 2400 ถือเป็น พ.ศ. ห้ามเป็นวันในอนาคต",
            "`2018-07-24`, `2561-07-24`, `24/7/2561`, `24 กรกฎาคม 2561`, `24 ก.ค. 2561`; Thai digits "
            "allowed; a year above 2400 is Buddhist Era; not in the future"))),
    FieldDecl(
        "description", Label("รายละเอียด เขียนแบบ Markdown", "Longer description in Markdown"),
        Localized(Text(6000, multiline=True), require_th=False,
                  description=Label("รายละเอียด (Markdown)", "Description (Markdown)")),
        form=(FormElement("description-th", Label("รายละเอียด (ภาษาไทย)", "Description in Thai"),
                          "textarea", part="th", description=Label(
                              "เขียนแบบ Markdown ได้ (ย่อหน้า รายการ ตัวหนา) ไม่รับ HTML ไม่เกิน 6000 ตัวอักษร",
                              "Markdown (paragraphs, lists, bold), no HTML, at most 6000 characters.")),
              FormElement("description-en", Label("รายละเอียดภาษาอังกฤษ", "Description in English"),
                          "textarea", part="en",
                          description=Label("ไม่เกิน 6000 ตัวอักษร", "At most 6000 characters."))),
        doc=Doc(Label("ดูแม่แบบ", "see the template"), Label(
            "ภาษาละไม่เกิน 6000 ตัวอักษร ใช้ `\\|` แล้วย่อหน้าข้อความ",
            "at most 6000 characters each; use `\\|` and indent the text"))),
    FieldDecl(
        "activities", Label("รายการกิจกรรม", "Activities"),
        ListOf(Localized(SHORT, require_th=False), max_items=30,
               description=Label("กิจกรรม", "Activities")),
        form=(FormElement("activities", Label("กิจกรรม บรรทัดละหนึ่งกิจกรรม", "Activities, one per line"),
                          "textarea", part="th", description=Label(
                              "บรรทัดละหนึ่งกิจกรรม ไม่เกิน 30 บรรทัด บรรทัดละไม่เกิน 200 ตัวอักษร",
                              "One per line, at most 30 lines of 200 characters."),
                          placeholder="เก็บขยะชายหาดทุกเดือน\nค่ายเรียนรู้ทะเลสำหรับเด็ก"),),
        doc=Doc(Label("`- th: ค่ายเยาวชน`", "`- th: ค่ายเยาวชน`"), Label(
            "ไม่เกิน 30 รายการ รายการละไม่เกิน 200 ตัวอักษร แต่ละรายการมี `th:`/`en:`",
            "at most 30 items of at most 200 characters, each with `th:`/`en:`"))),
    FieldDecl("volunteer", Label("การรับอาสาสมัคร", "Volunteering with the group"), model=Volunteer),
    FieldDecl(
        "volunteer.roles", Label("งานที่อาสาสมัครทำได้", "What volunteers can do"),
        ListOf(Localized(SHORT, require_th=False), max_items=20),
        doc=Doc(Label("`- th: พี่เลี้ยงค่าย`", "`- en: Camp assistant`"), Label(
            "ไม่เกิน 20 รายการ รายการละไม่เกิน 200 ตัวอักษร", "at most 20 items of at most 200 characters"))),
    FieldDecl(
        "volunteer.skills", Label("ทักษะที่อยากได้", "Skills wanted"),
        ListOf(Localized(Text(100), require_th=False), max_items=30),
        doc=Doc(Label("`- th: ถ่ายภาพ`", "`- en: Photography`"), Label(
            "ไม่เกิน 30 รายการ รายการละไม่เกิน 100 ตัวอักษร", "at most 30 items of at most 100 characters"))),
    FieldDecl(
        "volunteer.languages", Label("ภาษาที่อาสาสมัครควรใช้ได้", "Languages volunteers should speak"),
        ListOf(Choice(LANGUAGES), max_items=9, unique=True),
        doc=Doc(Label("`[th, ms]`", "`[th, ms]`"), Label(
            "รหัส " + " ".join(f"`{k}` {v.th}" for k, v in LANGUAGES.items()),
            "codes " + ", ".join(f"`{k}` {v.en}" for k, v in LANGUAGES.items())))),
    FieldDecl(
        "volunteer.how_to_join", Label("วิธีสมัครเป็นอาสาสมัคร", "How to sign up"),
        Localized(Text(1000, multiline=True), require_th=False),
        form=(FormElement("how-to-join", Label("วิธีสมัครเป็นอาสาสมัคร", "How to volunteer with the group"),
                          "textarea", part="th",
                          description=Label("ไม่เกิน 1000 ตัวอักษร", "At most 1000 characters."),
                          placeholder="ส่งข้อความถึงเพจของกลุ่ม บอกชื่อและวันที่สะดวก"),),
        doc=Doc(Label("`th: ส่งข้อความถึงเพจของกลุ่ม`", "`en: Message our page.`"),
                Label("ไม่เกิน 1000 ตัวอักษร", "at most 1000 characters"))),
    FieldDecl(
        "needs", Label("สิ่งที่กลุ่มต้องการ", "What the group needs"),
        ListOf(Choice("needs"), max_items=0, unique=True,
               description=Label("สิ่งที่กลุ่มต้องการ", "What the group needs")),
        exports=Exports(json=True, csv=Csv((("needs", ""),), 70)),
        form=(FormElement("needs", Label("สิ่งที่กลุ่มต้องการ", "What the group needs"), "checkboxes",
                          description=_OPTIONAL),),
        doc=Doc(Label("`[funding, volunteers]`", "`[funding, volunteers]`"),
                Label("รหัสในตารางด้านล่าง ไม่ซ้ำ", "keys from the table below, no repeats"))),
    FieldDecl(
        "offers", Label("สิ่งที่กลุ่มแบ่งปันให้กลุ่มอื่นได้", "What the group can offer other groups"),
        ListOf(Choice("needs"), max_items=0, unique=True,
               description=Label("สิ่งที่กลุ่มแบ่งปันได้ (รหัสเดียวกับ needs)",
                                 "What the group can offer (the keys of needs)")),
        exports=Exports(json=True, csv=Csv((("offers", ""),), 75)),
        form=(FormElement("offers", Label("สิ่งที่กลุ่มแบ่งปันให้กลุ่มอื่นได้", "What the group can offer"),
                          "checkboxes", description=_OPTIONAL, after="needs"),),
        doc=Doc(Label("`[media, training]`", "`[media, training]`"),
                Label("รหัสเดียวกับ `needs` ไม่ซ้ำ", "the same keys as `needs`, no repeats"))),
    FieldDecl("contact", Label("ช่องทางติดต่อของกลุ่ม (ไม่ใช่ของบุคคล)",
                                  "The group's contacts (not a person's)"), model=Contact),
    _contact("website", Url(), Label("เว็บไซต์ของกลุ่ม", "The group's website"), 110,
             FormElement("website", Label("เว็บไซต์ของกลุ่ม", "Website"), "input", description=Label(
                 "ของกลุ่มเท่านั้น ขึ้นต้นด้วย https://", "The group's own, starting with https://"),
                 placeholder="https://example.org"),
             Doc(Label("`https://example.org`", "`https://example.org`"),
                 Label("ต้องขึ้นต้นด้วย `https://` หรือ `http://`", "must start with `https://` or `http://`"))),
    _contact("facebook", Handle(("facebook.com", "fb.com", "fb.me"), "https://www.facebook.com/{}"),
             Label("เพจ Facebook ของกลุ่ม", "The group's Facebook page"), 120,
             FormElement("facebook", Label("เพจ Facebook ของกลุ่ม", "Facebook page"), "input",
                         description=Label("ที่อยู่เพจ หรือ @ชื่อบัญชี", "Page address or @name."),
                         placeholder="https://www.facebook.com/banrakthale"),
             Doc(Label("`@banrakthale`", "`@banrakthale`"), Label(
                 "ที่อยู่เต็มบน facebook.com, fb.com, fb.me หรือชื่อบัญชี (`@ชื่อ` หรือ `ชื่อ` ตัวอักษรอังกฤษ "
                 "ตัวเลข `.` `_` `-`)", "full address on facebook.com, fb.com or fb.me, or an account "
                 "name (`@name` or `name`: letters, digits, `.`, `_`, `-`)"))),
    _contact("line", Handle(("line.me", "lin.ee", "page.line.me"), "https://line.me/R/ti/p/@{}"),
             Label("LINE ของกลุ่ม", "The group's LINE"), 130,
             FormElement("line", Label("LINE ของกลุ่ม", "LINE"), "input", description=Label(
                 "ที่อยู่ line.me / lin.ee หรือ LINE Official Account เช่น @banrakthale",
                 "A line.me or lin.ee address, or an official account id."), placeholder="@banrakthale"),
             Doc(Label('`"@banrakthale"`', '`"@banrakthale"`'), Label(
                 "ที่อยู่บน line.me, lin.ee, page.line.me หรือ ID ของ LINE Official Account "
                 "(ใส่เครื่องหมายคำพูดรอบค่าที่ขึ้นต้นด้วย `@`)", "an address on line.me, lin.ee or "
                 "page.line.me, or a LINE Official Account id (quote values starting with `@`)"))),
    _contact("email", Email(), Label("อีเมลของกลุ่ม", "The group's e-mail"), 140,
             FormElement("email", Label("อีเมลของกลุ่ม", "E-mail"), "input", description=Label(
                 "อีเมลของกลุ่ม ไม่ใช่ของบุคคล", "The group's, not a person's."),
                 placeholder="contact@example.org"),
             Doc(Label("`contact@example.org`", "`contact@example.org`"),
                 Label("มี `mailto:` นำหน้าก็ได้", "a leading `mailto:` is fine")),
             url=False, jsonld=LD("email")),
    _contact("phone", Phone(), Label("เบอร์โทรของกลุ่ม", "The group's phone"), 150,
             FormElement("phone", Label("เบอร์โทรของกลุ่ม", "Phone"), "input", description=Label(
                 "เบอร์ของกลุ่มเท่านั้น ห้ามใส่เบอร์ส่วนตัว (ข้อมูลนี้เป็นสาธารณะ)",
                 "The group's office number only, never a private one (this is public)."),
                 placeholder="073-312-222"),
             Doc(Label("`073-312-222`", "`073-312-222`"), Label(
                 "เลขไทยได้ มีช่องว่าง ขีด จุด วงเล็บ หรือ `+66` ได้ เบอร์บ้าน 9 หลัก มือถือ 10 หลัก "
                 "(ขึ้นต้น 06 08 09) หรือสายด่วน 4 หลัก เช่น `1669` ใส่ได้เบอร์เดียว",
                 "Thai digits, spaces, dashes, dots, brackets and `+66` are fine; 9-digit landline, "
                 "10-digit mobile (06, 08, 09) or a 4-digit hotline such as `1669`; one number only")),
             url=False, jsonld=LD("telephone")),
    _contact("instagram", Handle(("instagram.com",), "https://www.instagram.com/{}"),
             Label("บัญชี Instagram ของกลุ่ม", "The group's Instagram account"), 151, None, _SOCIAL_DOC),
    _contact("youtube", Handle(("youtube.com", "youtu.be"), "https://www.youtube.com/@{}"),
             Label("ช่อง YouTube ของกลุ่ม", "The group's YouTube channel"), 152, None, _SOCIAL_DOC),
    _contact("tiktok", Handle(("tiktok.com",), "https://www.tiktok.com/@{}"),
             Label("บัญชี TikTok ของกลุ่ม", "The group's TikTok account"), 153, None, _SOCIAL_DOC),
    FieldDecl(
        "donate", Label("ลิงก์หน้ารับบริจาคของกลุ่ม", "The group's donation page"),
        Url(description=Label("ลิงก์รับบริจาค", "Donation link")), url=True,
        exports=Exports(json=True, csv=Csv((("donate", ""),), 160)),
        form=(FormElement("donate", Label("ลิงก์รับบริจาค", "Donation page"), "input", description=Label(
            "ลิงก์หน้ารับบริจาคของกลุ่ม ขึ้นต้นด้วย https://",
            "The group's donation page, starting with https://")),),
        doc=Doc(Label("`https://taejai.com/…`", "`https://taejai.com/…`"),
                Label("ต้องขึ้นต้นด้วย `https://` หรือ `http://`", "must start with `https://` or `http://`"))),
    FieldDecl(
        "campaigns", Label("แคมเปญระดมทุนบนแพลตฟอร์มระดมทุน",
                           "Fundraising campaigns on a crowdfunding platform"),
        ListOf(Obj({
            "title": Field(Localized(Text(150)), required=True),
            "url": Field(Url(https_only=True), required=True),
            "end": Field(Date(dated=True), required=True),
            "goal": Field(Baht()),
            "start": Field(Date(dated=True)),
            "groups": Field(ListOf(Text(60, pattern=ID_PATTERN, pattern_hint=ID_HINT), max_items=20,
                                   unique=True)),
        }), max_items=10, description=Label("แคมเปญระดมทุน", "Fundraising campaigns")),
        url=True, model=Campaign, exports=Exports(json=True),
        doc=Doc(Label("`- {title: ค่ายเยาวชน, url: https://taejai.com/…, end: 2569-03-31, goal: 150000}`",
                      "`- {title: Youth camp, url: https://taejai.com/…, end: 2026-03-31, goal: 150000}`"),
                Label("ไม่เกิน 10 แคมเปญ แต่ละแคมเปญมี `title` `url` (https:// เท่านั้น) `end` (วันสุดท้าย) "
                      "และ `goal` (บาท) `start` `groups` (รหัสกลุ่มที่ร่วมแคมเปญ) ถ้ามี "
                      "แคมเปญที่หมดเขตแล้วไม่แสดงบนเว็บ",
                      "at most 10, each with `title`, `url` (https:// only), `end` (the last day) and, "
                      "if any, `goal` (baht), `start`, `groups` (ids of the other groups of a joint "
                      "campaign); ended campaigns are not shown"))),
    FieldDecl(
        "founded", Label("ปีที่ก่อตั้ง", "Year founded"),
        Year(description=Label("ปีที่ก่อตั้ง (พ.ศ. หรือ ค.ศ.)", "Year founded (BE or CE)")),
        exports=Exports(json=True, csv=Csv((("founded", ""),), 100), jsonld=(LD("foundingDate"),)),
        form=(FormElement("founded", Label("ปีที่ก่อตั้ง", "Year founded"), "input", description=Label(
            "ตัวเลขสี่หลัก พ.ศ. หรือ ค.ศ. ไม่แน่ใจให้เว้นไว้", "Four digits, BE or CE; leave empty if unsure."),
            placeholder="2548"),),
        doc=Doc(Label("`2548`", "`2548`"), Label(
            "ตัวเลขสี่หลัก พ.ศ. หรือ ค.ศ. เลขไทยได้ ไม่แน่ใจให้ละไว้",
            "four digits, BE or CE, Thai digits allowed; leave it out if unsure"))),
    FieldDecl(
        "logo", Label("ไฟล์โลโก้ใน `orgs/logos/`", "Logo file in `orgs/logos/`"),
        Text(200, pattern=LOGO_PATTERN,
             pattern_hint=Label("ไฟล์รูปในโฟลเดอร์ orgs/ เช่น logos/beach-for-life.png",
                                "an image file under orgs/, e.g. logos/beach-for-life.png"),
             description=Label("ไฟล์โลโก้", "Logo file")),
        rules=(FileUnderOrgs(), Requires("logo_alt", Label(
            "ข้อมูลที่มีโลโก้ต้องมี logo_alt: คำบรรยายโลโก้สั้น ๆ สำหรับผู้ที่มองไม่เห็นรูป (มักเป็นชื่อกลุ่ม)",
            "a profile with a logo needs logo_alt: a short description of the logo for people who "
            "cannot see it (usually the group's name)"))),
        doc=Doc(Label("`logos/ban-rak-thale.png`", "`logos/ban-rak-thale.png`"), Label(
            "นามสกุล `png` `jpg` `jpeg` `webp` (ตัวพิมพ์เล็ก ไม่รับ SVG) ไฟล์ต้องอัปโหลดไว้จริง ระบบย่อขนาดให้เอง"
            "และลบข้อมูลแฝงในไฟล์ (เช่น พิกัด GPS) ก่อนเผยแพร่",
            "lowercase extension `png`, `jpg`, `jpeg` or `webp` (SVG is refused); the file must be uploaded; "
            "the build resizes it and strips its metadata (e.g. GPS)"))),
    FieldDecl(
        "logo_alt", Label("คำบรรยายโลโก้สำหรับผู้ที่มองไม่เห็นรูป",
                          "Text describing the logo for people who cannot see it"),
        Text(300, description=Label(
            "คำบรรยายโลโก้สำหรับผู้ที่มองไม่เห็นรูป (ต้องมีเมื่อใส่ logo)",
            "Text describing the logo for people who cannot see it (required with logo)")),
        doc=Doc(Label("`โลโก้กลุ่มบ้านรักทะเล`", "`Logo of Ban Rak Thale`"), Label(
            "ไม่เกิน 300 ตัวอักษร ส่วนใหญ่คือชื่อกลุ่ม", "at most 300 characters; usually the group's name"))),
    FieldDecl(
        "languages", Label("ภาษาที่กลุ่มใช้ทำงาน", "Working languages of the group"),
        ListOf(Choice(LANGUAGES), max_items=9, unique=True,
               description=Label("ภาษาที่ใช้ทำงาน", "Working languages")),
        exports=Exports(json=True, jsonld=(LD("knowsLanguage"),)),
        form=(FormElement("languages", Label("ภาษาที่กลุ่มใช้ทำงาน", "Working languages"), "checkboxes",
                          description=_OPTIONAL, after="needs"),),
        doc=Doc(Label("`[th, ms]`", "`[th, ms]`"),
                Label("รหัสเดียวกับ `volunteer.languages`", "same codes as `volunteer.languages`"))),
)

PROFILE = Declarations(PROFILE_FIELDS, Label("ข้อมูลกลุ่มอาสาสมัคร", "Profile of a volunteer group"))
# Every field of a profile, checked as one object.
ORG = PROFILE.spec
