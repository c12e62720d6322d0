"""The demo province's tree, scaled with the number of learners.

Shape: the three tiers of a province before the district level was abolished on 1 July 2025
(province, district-level units, communes), with the departments as reorganised in early 2025.
About 80 units for the default 500 learners, about 700 for 100,000.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from learn.orgs import demo_names as names
from learn.orgs.models import OrgUnit
from learn.orgs.tree import create_unit as _create

FIRST_COMMUNE = "Xã Tân Lập"  # the users CSV template points at it (XA-TAN-LAP)
DEMO_DISTRICT = "Huyện An Phú"


@dataclass
class DemoTree:
    """The units created, by role in the demo."""

    province: OrgUnit
    departments: list[OrgUnit] = field(default_factory=list)
    districts: list[OrgUnit] = field(default_factory=list)
    offices: list[OrgUnit] = field(default_factory=list)
    communes: list[OrgUnit] = field(default_factory=list)

    @property
    def all(self) -> list[OrgUnit]:
        """Every unit."""
        return [self.province, *self.departments, *self.districts, *self.offices,
                *self.communes]

    def district(self, name: str) -> OrgUnit:
        """The district-level unit with this name."""
        return next(u for u in self.districts if u.name == name)


def communes_per_district(learners: int) -> int:
    """About 5 communes per district for a small demo, up to 45 for a big one."""
    return max(5, min(45, round(learners / 2200)))


def build_tree(session: Session, rng: random.Random, learners: int, prefix: str = "") -> DemoTree:
    """Create the province's units (codes are stable for a given size and seed).

    A prefix keeps the codes unique when a second demo province is added beside a first.
    """
    big = learners >= 5000

    def create_unit(code: str, name: str, kind: str, parent: OrgUnit | None = None):
        return _create(session, f"{prefix}{code}"[:50], name, kind, parent)

    province = create_unit(names.PROVINCE[0], names.PROVINCE[1], "province")
    result = DemoTree(province)
    for code, name in names.DEPARTMENTS:
        department = create_unit(code, name, "department", province)
        result.departments.append(department)
        if big:
            for suffix, office in names.DEPARTMENT_OFFICES:
                result.offices.append(create_unit(
                    f"{code}-{suffix}", f"{office} {name}", "office", department))
    taken: set[str] = {FIRST_COMMUNE}
    per_district = communes_per_district(learners)
    for index, (title, place) in enumerate(names.DISTRICTS[: 12 if big else 10], start=1):
        district_name = f"{title} {place}"
        district = create_unit(f"H{index:02d}-{names.slug_code(place)}",
                               district_name, "district", province)
        result.districts.append(district)
        if big:
            for suffix, office in names.DISTRICT_OFFICES:
                result.offices.append(create_unit(
                    f"H{index:02d}-{suffix}", f"{office} {district_name}", "office",
                    district))
        communes = names.commune_names(rng, per_district, taken)
        if district_name == DEMO_DISTRICT:
            communes[0] = FIRST_COMMUNE
        for number, commune in enumerate(communes, start=1):
            code = names.slug_code(commune) if commune == FIRST_COMMUNE else (
                f"H{index:02d}-X{number:02d}")
            result.communes.append(create_unit(code, commune, "commune", district))
    return result
