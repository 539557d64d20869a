"""Thai text helpers: digits, Buddhist Era dates, phone numbers, word-aware truncation."""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata

import pytest
from pythainlp.tokenize import word_tokenize

from guidemap.contract import thai

# --- digits and years --------------------------------------------------------------------------


def test_arabic_digits() -> None:
    assert thai.arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert thai.arabic_digits("โทร ๐๗๓-๓๑๒") == "โทร 073-312"
    assert thai.arabic_digits("2018") == "2018"


@pytest.mark.parametrize(("year", "ce"), [
    (2561, 2018), (2548, 2005), (2401, 1858), (2400, 2400), (2018, 2018), (1900, 1900),
])
def test_ce_year(year: int, ce: int) -> None:
    assert thai.ce_year(year) == ce


@pytest.mark.parametrize(("text", "year"), [
    ("2548", 2005), ("๒๕๔๘", 2005), ("2005", 2005), (" 2005 ", 2005), ("๒๐๐๕", 2005),
])
def test_parse_year(text: str, year: int) -> None:
    assert thai.parse_year(text) == year


@pytest.mark.parametrize("text", ["05", "48", "20055", "2005.0", "พ.ศ. 2548", "two", ""])
def test_parse_year_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="four-digit year"):
        thai.parse_year(text)


# --- dates -------------------------------------------------------------------------------------

JULY_24 = dt.date(2018, 7, 24)


@pytest.mark.parametrize("text", [
    "2018-07-24", "2561-07-24", "2561-7-24", "๒๕๖๑-๐๗-๒๔", "๒๐๑๘-๐๗-๒๔",
    "24/7/2561", "24/07/2018", "24.07.2561", "๒๔/๗/๒๕๖๑",
    "24 กรกฎาคม 2561", "24 กรกฎาคม 2018", "24 กรกฎาคม พ.ศ. 2561", "24 กรกฎาคม พ.ศ.2561",
    "๒๔ กรกฎาคม ๒๕๖๑", "24กรกฎาคม2561", "24 ก.ค. 2561", "24 ก.ค 2561", "24 กค 2561",
    "  2018-07-24  ",
])
def test_parse_date_forms(text: str) -> None:
    assert thai.parse_date(text) == JULY_24


@pytest.mark.parametrize(("text", "expected"), [
    ("1 มกราคม 2567", dt.date(2024, 1, 1)),
    ("29 กุมภาพันธ์ 2567", dt.date(2024, 2, 29)),
    ("31 ธ.ค. 2566", dt.date(2023, 12, 31)),
    ("5 พ.ย. 2547", dt.date(2004, 11, 5)),
    ("1/1/2400", dt.date(2400, 1, 1)),  # not above 2400: read as CE
    ("1/1/2401", dt.date(1858, 1, 1)),
])
def test_parse_date_each_month_and_the_be_threshold(text: str, expected: dt.date) -> None:
    assert thai.parse_date(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("24 กรกฏา 2561", "unknown Thai month name"),  # ฏ for ฎ, and no คม
    ("24 July 2018", "write the date as YYYY-MM-DD"),
    ("24/7/61", "write the date as YYYY-MM-DD"),
    ("2018/07/24", "write the date as YYYY-MM-DD"),
    ("10:30", "write the date as YYYY-MM-DD"),
    ("2018-07-24 10:30", "write the date as YYYY-MM-DD"),
    ("2018-13-01", "month must be in 1..12"),
    ("2561-02-30", "day is out of range for month"),
    ("29 กุมภาพันธ์ 2566", "day is out of range for month"),
    ("", "write the date as YYYY-MM-DD"),
])
def test_parse_date_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        thai.parse_date(text)


@pytest.mark.parametrize(("day", "text"), [
    (JULY_24, "24 กรกฎาคม 2561"),
    (dt.date(2024, 1, 1), "1 มกราคม 2567"),
    (dt.date(2023, 12, 31), "31 ธันวาคม 2566"),
])
def test_thai_date(day: dt.date, text: str) -> None:
    assert thai.thai_date(day) == text
    assert thai.parse_date(text) == day  # what we print, we read back


def test_thai_month_year() -> None:
    assert thai.thai_month_year(2018, 7) == "กรกฎาคม 2561"
    assert thai.thai_month_year(2024, 12) == "ธันวาคม 2567"


# --- phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "e164"), [
    ("073-312-222", "+6673312222"),
    ("073312222", "+6673312222"),
    ("073000000", "+6673000000"),
    ("(073) 312-222", "+6673312222"),
    ("073.312.222", "+6673312222"),
    ("๐๗๓-๓๑๒-๒๒๒", "+6673312222"),
    ("+66 73 312 222", "+6673312222"),
    ("+6673312222", "+6673312222"),
    ("6673312222", "+6673312222"),
    ("02 123 4567", "+6621234567"),
    ("+66-2-123-4567", "+6621234567"),
    ("081-234-5678", "+66812345678"),
    ("0812345678", "+66812345678"),
    ("+66 81 234 5678", "+66812345678"),
    ("66812345678", "+66812345678"),
    ("๐๘๑ ๒๓๔ ๕๖๗๘", "+66812345678"),
    ("1669", "1669"),  # emergency medical hotline
    (" 1300 ", "1300"),
    ("๑๖๖๙", "1669"),
])
def test_normalize_phone(text: str, e164: str) -> None:
    assert thai.normalize_phone(text) == e164


@pytest.mark.parametrize(("text", "message"), [
    ("12345", "write a Thai phone number"),
    ("16690", "write a Thai phone number"),
    ("0712345678", "mobile number starting 06, 08 or 09"),
    ("073-312-22", "write a Thai phone number"),
    ("+60 3 1234 5678", "write a Thai phone number"),  # Malaysia
    ("โทร 073-312-222", "write a Thai phone number"),
    ("073-312-222 ต่อ 12", "write a Thai phone number"),
    ("", "write a Thai phone number"),
])
def test_normalize_phone_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        thai.normalize_phone(text)


@pytest.mark.parametrize(("e164", "shown"), [
    ("+6673312222", "073 312 222"),
    ("+66812345678", "081 234 5678"),
    ("+6621234567", "02 123 4567"),
    ("1669", "1669"),
])
def test_display_phone(e164: str, shown: str) -> None:
    assert thai.display_phone(e164) == shown
    assert thai.normalize_phone(shown) == e164  # round trip


# --- truncation --------------------------------------------------------------------------------

TEXTS = [
    "กลุ่มอาสาสมัครเยาวชนรักษ์ทะเลปัตตานีทำงานด้านสิ่งแวดล้อมและการเยียวยามาตั้งแต่ปี 2548",
    "เราเก็บขยะชายหาดทุกวันเสาร์ และสอนเด็ก ๆ ว่ายน้ำ ที่หาดวาสุกรี อำเภอสายบุรี จังหวัดปัตตานี",
    "ดูแลเด็กกำพร้าและครอบครัวที่ได้รับผลกระทบจากความรุนแรง\nในพื้นที่สามจังหวัดชายแดนภาคใต้",
    "Peace   education with youth in Yala: ค่ายเยาวชนสานสัมพันธ์ไทยพุทธและมุสลิม ปีละสองครั้ง",
    "ที่นี่มีน้ำใจ ผู้ใหญ่ใจดี ช่วยกันซ่อมโรงเรียนตาดีกาหลังน้ำท่วมใหญ่เมื่อปีที่แล้ว",
]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _boundaries(text: str) -> set[int]:
    tokens = word_tokenize(text, engine="newmm", keep_whitespace=True)
    assert "".join(tokens) == text
    return set(itertools.accumulate(len(t) for t in tokens)) | {0}


def _cases() -> list[tuple[str, int]]:
    return [(t, n) for t in TEXTS for n in range(1, len(_normal(t)) + 3)]


def test_truncate_keeps_short_text_but_collapses_spaces() -> None:
    assert thai.truncate("  สวัสดี   ครับ \n", 50) == "สวัสดี ครับ"
    assert thai.truncate("สวัสดี", 6) == "สวัสดี"


def test_truncate_never_exceeds_the_limit() -> None:
    for text, limit in _cases():
        out = thai.truncate(text, limit)
        assert len(out) <= limit, (text, limit, out)
        normal = _normal(text)
        if len(normal) <= limit:
            assert out == normal
        else:
            assert out.endswith("…") and normal.startswith(out[:-1])


def test_truncate_cuts_only_between_pythainlp_words() -> None:
    checked = 0
    for text, limit in _cases():
        normal = _normal(text)
        out = thai.truncate(text, limit)
        if out == normal:
            continue
        kept = out[:-1]
        first_word = len(word_tokenize(normal, engine="newmm")[0])
        if limit - 1 < first_word:
            continue  # one word longer than the limit: see the fallback tests below
        cuts = _boundaries(normal)
        assert len(kept) in cuts, (normal, limit, out)
        assert kept == kept.rstrip()
        # as late as possible: no later word boundary would have fitted
        fitting = [b for b in cuts if len(normal[:b].rstrip()) <= limit - 1]
        assert len(normal[: max(fitting)].rstrip()) == len(kept), (normal, limit, out)
        assert unicodedata.category(normal[len(kept)]) != "Mn"
        checked += 1
    assert checked > 200


def test_truncate_with_a_longer_ellipsis() -> None:
    text = TEXTS[0]
    for limit in range(3, 40):
        out = thai.truncate(text, limit, ellipsis="...")
        assert len(out) <= limit and out.endswith("...")


def test_truncate_cuts_an_enormous_word_rather_than_show_nothing() -> None:
    word = "x" * 50  # one token for the segmenter
    assert thai.words(word) == [word]
    assert thai.truncate(word, 10) == "x" * 9 + "…"


@pytest.mark.parametrize(("limit", "ellipsis"), [(0, "…"), (1, "..."), (2, "...")])
def test_truncate_tiny_limits(limit: int, ellipsis: str) -> None:
    assert len(thai.truncate(TEXTS[0], limit, ellipsis)) <= limit


def test_truncate_fallback_never_splits_a_character_cluster() -> None:
    word = "กลุ่มอาสาสมัครเยาวชน"
    for limit in range(2, 7):
        kept = thai.truncate(word, limit)[:-1]
        assert unicodedata.category(word[len(kept)]) != "Mn", (limit, kept)


def test_words_keep_spaces() -> None:
    text = "ค่ายเยาวชน สานสัมพันธ์"
    assert "".join(thai.words(text)) == text
    assert " " in thai.words(text)


@pytest.mark.parametrize("run", [
    "ค่ายเยาวชนสานสัมพันธ์ชายแดนใต้",
    "โรงเรียนตาดีกาในอำเภอหนองจิก",
    "ปีพ๒๕๖๘เด็กกำพร้า๑๒๐คน",  # Thai digits are part of a Thai run
    "ธนาคารหัวใจยะลาเปิดรับอาสาสมัครกู้ภัยและเยียวยา",
])
def test_thai_run_words_are_the_words_of_the_full_segmenter(run: str) -> None:
    # The search index uses the fast path; it must cut exactly where words() would.
    assert thai.thai_run_words(run) == thai.words(run)
    assert "".join(thai.thai_run_words(run)) == run


@pytest.mark.parametrize(("text", "found"), [
    ("โทร 081.234.5678 ค่ะ", "081.234.5678"),  # dots
    ("(073) 312-222", "(073) 312-222"),  # the area code in brackets
    ("ติดต่อ +66 81 234 5678", "+66 81 234 5678"),
    ("+66 (0)81 234 5678", "+66 (0)81 234 5678"),
    ("โทร๐๘๑-๒๓๔-๕๖๗๘", "๐๘๑-๒๓๔-๕๖๗๘"),  # Thai digits, no space after a Thai word
    ("0 8 1 2 3 4 5 6 7 8", "0 8 1 2 3 4 5 6 7 8"),
    ("02 123 4567 ต่อ 12", "02 123 4567"),
    ("สายด่วน 1669", None),  # a 4-digit hotline is public
    ("เวลา 09.00-17.00 น.", None),
    ("07.00 - 08.00 10.00 - 12.00", None),
    ("2569-01-10", None),
    ("บัญชี 123-4-56789-0", None),
    ("081234567890123", None),  # a longer run of digits is something else
    ("6.54, 101.28", None),
    ("ราคา 0.50 บาท 100 คน", None),
])
def test_find_phone_is_the_phone_reader_on_free_text(text: str, found: str | None) -> None:
    assert thai.find_phone(text) == found
    if found:  # what it finds, the phone field reads
        thai.normalize_phone(found)
