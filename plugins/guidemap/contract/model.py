"""The validated, normalized model that every renderer reads.

There is deliberately no raw location here: an :class:`Org` carries only its
:class:`~guidemap.contract.location.PublicLocation`, so no page, map or export can leak more than the
group allowed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from guidemap.contract.location import PublicLocation
from guidemap.contract.pictures import ImageInfo


@dataclass(frozen=True)
class LText:
    """Text in Thai and/or English; ``best`` prefers Thai, the site's language."""

    th: str | None = None
    en: str | None = None

    @classmethod
    def of(cls, value: dict[str, str] | None) -> LText | None:
        return cls(value.get("th"), value.get("en")) if value else None

    @property
    def best(self) -> str:
        return self.th or self.en or ""

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("th", self.th), ("en", self.en)) if v}


@dataclass(frozen=True)
class Area:
    code: str
    th: str
    en: str


@dataclass(frozen=True)
class Volunteer:
    roles: tuple[LText, ...] = ()
    skills: tuple[LText, ...] = ()
    languages: tuple[str, ...] = ()
    how_to_join: LText | None = None


@dataclass(frozen=True)
class Contact:
    website: str | None = None
    facebook: str | None = None
    line: str | None = None
    email: str | None = None
    phone: str | None = None  # E.164, e.g. +6673312222, or a 4-digit hotline
    instagram: str | None = None
    youtube: str | None = None
    tiktok: str | None = None

    def items(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.__dict__.items() if v]


@dataclass(frozen=True)
class Org:
    id: str
    name: LText
    province: Area
    district: Area | None
    location: PublicLocation
    focus: tuple[str, ...]
    summary: LText
    updated: dt.date
    source: str  # path of the profile relative to the repository, for "edit this page"
    description: LText | None = None
    activities: tuple[LText, ...] = ()
    volunteer: Volunteer | None = None
    needs: tuple[str, ...] = ()
    contact: Contact = field(default_factory=Contact)
    donate: str | None = None
    founded: int | None = None
    logo: str | None = None
    languages: tuple[str, ...] = ()
    logo_alt: str | None = None
    logo_info: ImageInfo | None = None  # raster logos: size, read by the loader

    def __hash__(self) -> int:
        # Equality still compares every field; hashing the id alone keeps the caches keyed by
        # a group (its card, its short summary) from re-hashing the whole profile each time.
        return hash(self.id)

    def public_dict(self) -> dict[str, Any]:
        """The open-data record: public fields only, coarsened location, normalized values."""
        record: dict[str, Any] = {
            "id": self.id,
            "name": self.name.as_dict(),
            "province": {"code": self.province.code, "th": self.province.th, "en": self.province.en},
            "district": ({"code": self.district.code, "th": self.district.th, "en": self.district.en}
                         if self.district else None),
            "location": {"lat": self.location.lat, "lon": self.location.lon,
                         "precision": self.location.precision},
            "focus": list(self.focus),
            "summary": self.summary.as_dict(),
            "needs": list(self.needs),
            "updated": self.updated.isoformat(),
            "founded": self.founded,
            "languages": list(self.languages),
            "contact": dict(self.contact.items()),
            "donate": self.donate,
        }
        return record


@dataclass(frozen=True)
class Lesson:
    """A lessons-learned record (แบบบันทึกองค์ความรู้): the problem, the place, what happened,
    the knowledge assets, the core competency and the working strategies."""

    problem: str | None = None
    place: str | None = None
    story: str | None = None  # Markdown
    knowledge: tuple[str, ...] = ()
    competency: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    slug: str
    source: str  # path relative to the docs folder (content/)
    title: str
    date: dt.date
    body: str
    summary: str | None = None
    orgs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    author: str | None = None
    draft: bool = False
    image_alt: str | None = None
    image_bytes: int = 0  # size of a local image file, for feed enclosures (0: unknown)
    lesson: Lesson | None = None
    image_info: ImageInfo | None = None  # raster pictures: size, read by the loader


@dataclass
class Dataset:
    orgs: list[Org]
    stories: list[Story]

    def org(self, org_id: str) -> Org:
        return next(o for o in self.orgs if o.id == org_id)
