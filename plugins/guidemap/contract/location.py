"""Public locations: coordinates coarsened to the precision a group allows.

The region is conflict-affected: a group that works with victims of violence, orphans or
women may not want its office found. A profile's ``location.precision`` (default
``district``) is the most precise position the group agrees to publish. Raw coordinates
are read only here; every page, map, feed and export sees :class:`PublicLocation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TypeVar

T = TypeVar("T")

# Grid step in degrees for each precision (one degree of latitude is about 111 km):
# exact 0.0001 ≈ 11 m, subdistrict 0.01 ≈ 1.1 km, district 0.05 ≈ 5.5 km, province 0.2 ≈ 22 km.
GRID: dict[str, Decimal] = {
    "exact": Decimal("0.0001"),
    "subdistrict": Decimal("0.01"),
    "district": Decimal("0.05"),
    "province": Decimal("0.2"),
}

# Thailand's bounding box, with a small margin: a point outside it is a typo (swapped lat/lon).
LAT_RANGE = (5.5, 20.6)
LON_RANGE = (97.3, 105.7)


@dataclass(frozen=True)
class PublicLocation:
    lat: float
    lon: float
    precision: str


def snap(value: float, step: Decimal) -> float:
    """Round to the nearest multiple of ``step``, decimally, so output is stable text."""
    snapped = (Decimal(repr(value)) / step).quantize(Decimal(1), rounding=ROUND_HALF_EVEN) * step
    return float(snapped.quantize(step))


def coarsen(lat: float, lon: float, precision: str) -> PublicLocation:
    step = GRID[precision]
    return PublicLocation(snap(lat, step), snap(lon, step), precision)


def names_district(precision: str) -> bool:
    """Whether a group at ``precision`` may have its district named. Precision covers place
    names as well as coordinates: a group that publishes its position only to the province has
    no district on any page, export, feed or calendar. The one rule every output follows
    (the model already leaves such a district out: :func:`public_district`)."""
    return GRID[precision] <= GRID["district"]


def public_district(district: T | None, precision: str) -> T | None:
    """The district a group's profile names, if its precision allows naming it."""
    return district if names_district(precision) else None
