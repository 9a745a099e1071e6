"""Who may see what: pages per role and the regions that scope a user's figures."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from data_access.scope import Scope


class Role(StrEnum):
    DIRECTOR = "director"
    MANAGER = "manager"
    ANALYST = "analyst"
    SAFETY_LEAD = "safety_lead"
    HUDDLE = "huddle"


class PageId(StrEnum):
    OVERVIEW = "overview"
    HUDDLE = "huddle"
    OUTREACH = "outreach"
    FOOD = "food_support"
    REPAIRS = "repairs"
    RESPECT = "respect"
    DATA_QUALITY = "data_quality"
    ACCESS_LOG = "access_log"


_ALL_PAGES = tuple(PageId)
ROLE_PAGES: dict[Role, tuple[PageId, ...]] = {
    Role.DIRECTOR: _ALL_PAGES,
    # Who viewed the incident list is for directors only.
    Role.ANALYST: tuple(page for page in PageId if page is not PageId.ACCESS_LOG),
    Role.MANAGER: (
        PageId.OVERVIEW,
        PageId.HUDDLE,
        PageId.OUTREACH,
        PageId.FOOD,
        PageId.REPAIRS,
        PageId.RESPECT,
    ),
    Role.SAFETY_LEAD: (PageId.OVERVIEW, PageId.HUDDLE, PageId.RESPECT),
    # The shared meeting-room screen: lands on the Huddle, incident counts suppressed.
    Role.HUDDLE: (PageId.HUDDLE, PageId.OVERVIEW),
}

#: Roles that see incident counts unsuppressed (everyone else sees 1-4 as "<5").
INCIDENT_DETAIL_ROLES = frozenset({Role.DIRECTOR, Role.SAFETY_LEAD})
#: Roles that see incident counts at all (suppressed unless in INCIDENT_DETAIL_ROLES).
INCIDENT_COUNT_ROLES = frozenset(Role)
#: Roles allowed to download rows (managers only within their regions, by scope).
EXPORT_ROLES = frozenset({Role.DIRECTOR, Role.ANALYST, Role.MANAGER})


@dataclass(frozen=True)
class Viewer:
    """The logged-in person as the app needs them: role and regions, nothing more."""

    username: str
    name: str
    role: Role
    regions: tuple[str, ...] = ()

    @property
    def scope(self) -> Scope:
        """Managers see only their listed regions (none listed: nothing); others all."""
        if self.role is Role.MANAGER:
            return Scope.only(self.regions)
        return Scope.everything()

    @property
    def pages(self) -> tuple[PageId, ...]:
        return ROLE_PAGES[self.role]

    def may_see(self, page: PageId) -> bool:
        return page in self.pages

    @property
    def sees_incident_detail(self) -> bool:
        return self.role in INCIDENT_DETAIL_ROLES

    @property
    def sees_incident_counts(self) -> bool:
        return self.role in INCIDENT_COUNT_ROLES

    @property
    def may_export(self) -> bool:
        return self.role in EXPORT_ROLES


def viewer_from_credentials(username: str, record: dict) -> Viewer:
    """Build a Viewer from a users-file record; an unknown role is refused."""
    roles = record.get("roles") or []
    if len(roles) != 1:
        raise ValueError(f"user {username!r} must have exactly one role, has {roles!r}")
    return Viewer(
        username=username,
        name=str(record.get("name") or username),
        role=Role(roles[0]),
        regions=tuple(record.get("regions") or ()),
    )
