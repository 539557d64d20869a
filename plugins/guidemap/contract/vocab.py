"""Closed vocabularies of the data contract, with Thai and English labels.

Keys are part of the public contract (profiles, URLs, feeds): never rename one. The focus and
needs vocabularies are the site's own (its ``guidemap.yml``): they live on its
:class:`~guidemap.contract.network.Network`, which is passed to whatever reads them; the DEFAULT_
ones here are the first network's, used when a site sets none. The other tables are fixed.
"""

from __future__ import annotations

from typing import NamedTuple


class Label(NamedTuple):
    th: str
    en: str


DEFAULT_FOCUS: dict[str, Label] = {
    "peace": Label("สันติภาพและความสมานฉันท์", "Peace and reconciliation"),
    "healing": Label("การเยียวยา", "Healing"),
    "children-youth": Label("เด็กและเยาวชน", "Children and youth"),
    "women": Label("ผู้หญิง", "Women"),
    "education": Label("การศึกษา", "Education"),
    "environment": Label("สิ่งแวดล้อม", "Environment"),
    "marine": Label("ทะเลและชายหาด", "Sea and beaches"),
    "rescue": Label("กู้ภัยและช่วยเหลือฉุกเฉิน", "Rescue"),
    "orphans": Label("เด็กกำพร้า", "Orphans"),
    "livelihoods": Label("อาชีพและรายได้", "Livelihoods"),
    "health": Label("สุขภาพ", "Health"),
    "culture": Label("วัฒนธรรม", "Culture"),
    "media": Label("สื่อ", "Media"),
    "community": Label("ชุมชน", "Community"),
}

DEFAULT_NEEDS: dict[str, Label] = {
    "funding": Label("ทุนสนับสนุน", "Funding"),
    "volunteers": Label("อาสาสมัคร", "Volunteers"),
    "training": Label("การอบรม", "Training"),
    "media": Label("สื่อและการประชาสัมพันธ์", "Media and outreach"),
    "equipment": Label("อุปกรณ์", "Equipment"),
    "space": Label("สถานที่", "Space"),
    "partners": Label("ภาคีความร่วมมือ", "Partners"),
}

PRECISION: dict[str, Label] = {
    "exact": Label("ตำแหน่งจริง", "Exact location"),
    "subdistrict": Label("ระดับตำบล", "Subdistrict"),
    "district": Label("ระดับอำเภอ", "District"),
    "province": Label("ระดับจังหวัด", "Province"),
}
DEFAULT_PRECISION = "district"

LANGUAGES: dict[str, Label] = {
    "th": Label("ไทย", "Thai"),
    "ms": Label("มลายู", "Malay"),
    "en": Label("อังกฤษ", "English"),
    "ar": Label("อาหรับ", "Arabic"),
    "zh": Label("จีน", "Chinese"),
    "my": Label("พม่า", "Burmese"),
    "km": Label("เขมร", "Khmer"),
    "lo": Label("ลาว", "Lao"),
    "id": Label("อินโดนีเซีย", "Indonesian"),
}
