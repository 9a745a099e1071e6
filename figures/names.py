"""Names for the ids figures group by: people read "Northgate", not "A01"."""

from __future__ import annotations

from data_access.schema import TEAMS
from data_access.snapshot import Snapshot


def team_names(reference: Snapshot) -> dict[str, str]:
    """Team id to name for every team.

    The teams table is a directory, not row-level data: a regional manager's residents are
    often called by organisation-wide teams, whose names they must still be able to read.
    """
    teams = reference.frames.get(TEAMS.name)
    if teams is None:
        return {}
    return dict(teams.select(TEAMS.c.team_id.name, TEAMS.c.team_name.name).iter_rows())
