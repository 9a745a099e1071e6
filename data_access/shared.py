"""The one snapshot store per process, shared by every session without copying.

``st.cache_resource`` hands every session the same object (``st.cache_data`` would
unpickle a fresh copy of a million-row frame on every call).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from data_access.check_structure import UNREACHABLE, StructureProblem, check_structure
from data_access.config import database_config, demo_database_path
from data_access.engine import describe
from data_access.reader import Reader
from data_access.schema import CONTRACT_TABLES
from data_access.snapshot import Snapshot, SnapshotLoader
from data_access.store import SnapshotStore

_demo_build_lock = threading.Lock()


Warm = Callable[[Snapshot, SnapshotStore], None]


@st.cache_resource(show_spinner=False)
def snapshot_store(url: str, _warm: Warm | None = None) -> SnapshotStore:
    """One engine (inside the reader) and one store per database URL per process."""
    return SnapshotStore(SnapshotLoader(Reader(url)), warm=_warm)


def ensure_demo_database() -> None:
    """Build the embedded demo database on first run if it is missing."""
    path = demo_database_path()
    if path.exists():
        return
    with _demo_build_lock:
        if not path.exists():
            from data_access.demo import build_demo_sqlite

            build_demo_sqlite(path, progress=False)


def current_store(warm: Warm | None = None) -> SnapshotStore:
    """The store for the configured database (building the demo if that is the one).

    ``warm`` is given by the layer above (the figures), which this layer never imports.
    """
    config = database_config()
    if config.is_demo:
        ensure_demo_database()
    return snapshot_store(config.url, warm)


@st.cache_data(ttl=600, show_spinner=False)
def structure_problems(url: str) -> list[StructureProblem]:
    """Missing tables, missing columns and wrong types (catalogue queries, cached 10 min)."""
    engine = snapshot_store(url).loader.reader.engine
    try:
        return check_structure(engine, CONTRACT_TABLES)[1]
    except SQLAlchemyError as error:
        message = f"Doorstep cannot connect to the {describe(url)}: {str(error).splitlines()[0]}"
        return [StructureProblem(UNREACHABLE, None, None, message)]


def current_structure_problems() -> list[StructureProblem]:
    return structure_problems(database_config().url)
