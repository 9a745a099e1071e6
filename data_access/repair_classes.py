"""Carry each work order's RP02 class (emergency or not) from its priority, once per refresh.

RP02 splits repairs by ``repair_priorities.is_emergency``; joining it on at load time
keeps every figure a single pass over one frame. Rows whose priority code is unknown
never get here: the quality rules exclude them as orphans first.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from data_access.schema import REPAIR_PRIORITIES, REPAIRS

#: Derived boolean column on the repairs frame.
IS_EMERGENCY = REPAIR_PRIORITIES.c.is_emergency.name
_CODE = REPAIRS.c.priority_code.name


def add_repair_class(
    frames: Mapping[str, pl.DataFrame], lookups: Mapping[str, pl.DataFrame]
) -> dict[str, pl.DataFrame]:
    """The repairs frame gains ``is_emergency``; other frames pass through untouched."""
    out = dict(frames)
    repairs, priorities = frames.get(REPAIRS.name), lookups.get(REPAIR_PRIORITIES.name)
    if repairs is None or IS_EMERGENCY in repairs.columns:
        return out
    if priorities is None:
        classes = pl.DataFrame(schema={_CODE: repairs.schema[_CODE], IS_EMERGENCY: pl.Boolean})
    else:
        classes = priorities.select(
            pl.col(_CODE).cast(pl.String).cast(repairs.schema[_CODE]),
            pl.col(IS_EMERGENCY).cast(pl.Boolean),
        ).unique(subset=[_CODE], keep="first")
    out[REPAIRS.name] = repairs.join(classes, on=_CODE, how="left", maintain_order="left")
    return out
