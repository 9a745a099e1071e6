"""Loading snapshots: each subject's facts, read once per refresh, shared by every session.

A snapshot (``snapshot_model.Snapshot``) holds only the rows that keep the contract (the
rest are counted in its ``issues``), each table already carrying its row's region so
scoping is one filter.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl

from data_access.frames import to_contract_types
from data_access.quality import RowIssue, split_valid_rows
from data_access.reader import Reader, tables_keeping_keys_unique
from data_access.reference_parents import (
    prepare_parent_lookups,
    reference_lookup,
    reference_slots,
)
from data_access.regions import (
    KEYED_PARENT,
    add_regions,
    find_parent_rows,
    lookup_key_columns,
    parent_keys,
    region_expression,
    through_parent,
    with_row_numbers,
    without_found,
)
from data_access.repair_classes import add_repair_class
from data_access.schema import CONTRACT_TABLES
from data_access.snapshot_model import Snapshot
from data_access.subjects import Subject, TableRead, cutoff_for

READ_THREADS = 2  # the machine's cores; more only queue behind them
#: A keyed parent: its keys and hashes, its hash slots (if any), and its tagged rows.
_Parent = tuple[pl.DataFrame, pl.DataFrame | None, Callable[[], pl.DataFrame]]


@dataclass
class SnapshotLoader:
    """Reads subjects from one database; the reference snapshot supplies regions and keys."""

    reader: Reader
    clock: object = field(default=datetime.now)

    def _read_and_validate(
        self, subject: Subject, now: datetime, reference: Snapshot | None
    ) -> tuple[dict[str, pl.DataFrame], list[RowIssue], dict[str, int], list[str], frozenset[str]]:
        """Read the subject's tables side by side, validating each as soon as it arrives.

        The drivers release the GIL, so one table's transfer overlaps another's checks.
        Orphaned keys are judged only against complete tables: a parent read through a
        time window (repairs) would make older children look orphaned. Tables whose region
        comes through a large parent (calls through residents) are tagged here, and that
        join doubles as their orphan check; their parent rows are found from the rows as
        read, while the reader thread converts the types (the checker would otherwise wait
        idle). A child read in the same subject (needs of calls) finds them in its parent's
        rows as read, beside the parent's own checks, then waits for its tagged rows;
        parents are listed first in ``subject.reads``, so the wait always ends. Regions
        from the small area and team lists are set in the conversion's pass.
        """
        cutoff = cutoff_for(now)
        # Before the reads, not beside them: a columnar driver reading a server that is
        # down retries for 30 s, and its thread would then hold up the process's exit.
        self.reader.ping()
        known = dict(reference.frames) if reference is not None else {}
        arrived: dict[str, Future] = {r.table.name: Future() for r in subject.reads}
        typed: dict[str, Future] = {}
        checked: dict[str, Future] = {r.table.name: Future() for r in subject.reads}
        regions: dict[str, Future] = {r.table.name: Future() for r in subject.reads}
        unique: Future = Future()  # the tables whose database keeps their key unique
        reading = threading.Event()
        if reference is not None:
            unique.set_result(reference.keys_kept_unique)
        # Parents read in this load keep their row numbers; their children link to them.
        linked = {KEYED_PARENT[n][1] for n in checked if n in KEYED_PARENT} & set(checked)
        # Handed over as soon as they are in Polars: the lookups start while the rest converts.
        lookup_keys = lookup_key_columns(list(checked))

        def read(table_read: TableRead) -> tuple[pl.DataFrame, str]:
            """Hand the rows as read to the checker, then convert them (it looks keys up
            meanwhile, on the other core)."""
            name = table_read.table.name

            def arrive(rows: pl.DataFrame) -> None:
                if not arrived[name].done():
                    arrived[name].set_result(rows)

            try:
                reading.set()
                untyped, method = self.reader.read_untyped(
                    table_read.statement(cutoff),
                    table_read.table,
                    prefer=table_read.prefer,
                    keys=lookup_keys[name],
                    keys_ready=arrive,
                )
            except BaseException as error:
                if not arrived[name].done():
                    arrived[name].set_exception(error)
                raise
            arrive(untyped)
            region = regions[name].result()  # built while the rows were being read
            also = () if region is None else (region,)
            return to_contract_types(untyped, table_read.table, also), method

        def parent_for(name: str) -> _Parent | None:
            """The keyed parent a table's region (or orphan rule) goes through, if usable:
            its keys (with hash slots when it comes from the reference) and its tags."""
            if reference is None or name not in KEYED_PARENT:
                return None
            parent = KEYED_PARENT[name][1]
            if parent in checked:  # read in this subject: keyed from its rows as read,
                # tagged from its tagged rows (the same rows, before the split), so finding
                # the rows overlaps the parent's own checks
                keys = parent_keys(name, arrived[parent].result())
                return keys, None, lambda: checked[parent].result()[3]
            lookup = reference_lookup(reference, name)
            if lookup is None:
                return None
            return lookup, reference_slots(reference, name), lambda: lookup

        def set_region(name: str) -> None:
            try:
                regions[name].set_result(region_expression(name, known))
            except Exception as error:  # raised by the table's reader
                regions[name].set_exception(error)

        def ask_whether_unique() -> None:
            """Asked of the catalog while the rows are read (only without a reference)."""
            if not unique.done():
                unique.set_result(tables_keeping_keys_unique(self.reader.engine, CONTRACT_TABLES))

        def find(table_read: TableRead) -> tuple[_Parent, pl.Series] | None:
            """The table's keyed parent and each row's row in it, from the rows as read."""
            name = table_read.table.name
            parent = parent_for(name)
            if parent is None:
                return None
            keys, slots, _ = parent
            return parent, find_parent_rows(name, arrived[name].result(), keys, slots)

        def validate(table_read: TableRead, found: Future | None = None) -> None:
            name = table_read.table.name
            try:
                located = find(table_read) if found is None else found.result()
                frame, method = typed[name].result()
                targets = {fk.column.table.name for fk in table_read.table.foreign_keys}
                parents = {
                    r.table.name: typed[r.table.name].result()[0]
                    for r in subject.reads
                    if r.window is None and r.table.name in targets
                }
                resolved: dict[str, pl.Expr] = {}
                if located is not None:
                    (_, _, tags), rows = located
                    frame, resolved = through_parent(name, frame, tags(), rows)
                if name in linked:
                    frame = with_row_numbers(frame)
                kept, issues = split_valid_rows(
                    table_read.table,
                    frame,
                    {**known, **parents},
                    now.date(),
                    resolved,
                    name in unique.result(),
                )
                checked[name].set_result((without_found(kept), issues, method, frame))
            except BaseException as error:  # handed to whoever waits on this table
                checked[name].set_exception(error)

        def alone(table_read: TableRead) -> None:
            """One table: read, converted and checked here, so no step waits for a thread
            to wake (about 2 ms of 30,000 incidents' load); its region expression and
            parent rows are found beside it."""
            name = table_read.table.name

            def beside() -> tuple[_Parent, pl.Series] | None:
                # Once the read has begun (the driver reads without the GIL), so this
                # thread's Python does not hold up the read's start (0.3 ms).
                reading.wait()
                set_region(name)  # while the rows are read
                ask_whether_unique()
                return find(table_read)

            found = checkers.submit(beside)
            typed[name] = Future()
            try:
                typed[name].set_result(read(table_read))
            except BaseException as error:
                typed[name].set_exception(error)
            validate(table_read, found)

        readers = ThreadPoolExecutor(READ_THREADS, thread_name_prefix="snapshot-read")
        checkers = ThreadPoolExecutor(READ_THREADS, thread_name_prefix="snapshot-check")
        try:
            if len(subject.reads) == 1:
                alone(subject.reads[0])
            else:
                typed.update({r.table.name: readers.submit(read, r) for r in subject.reads})
                for table_read in subject.reads:
                    checkers.submit(validate, table_read)
                # Built here, beside the reads: after one, its reader would build it while
                # the checker looks keys up, and the two would wait on each other (5 ms of
                # 30,000 incidents' load).
                for name in regions:
                    set_region(name)
                ask_whether_unique()
            results = [checked[r.table.name].result() for r in subject.reads]
        finally:
            reading.set()
            for fact in (*regions.values(), *arrived.values(), unique):  # a stopped load
                if not fact.done():  # must not leave a reader or checker waiting
                    fact.set_exception(RuntimeError("the snapshot load was stopped"))
            # Not joined: with every result in hand the threads only have to exit (a
            # millisecond on a small table's load); after a failure, reads still queued
            # are dropped and one still running finishes unobserved.
            readers.shutdown(wait=False, cancel_futures=True)
            checkers.shutdown(wait=False, cancel_futures=True)
        valid, issues, excluded, methods = {}, [], {}, []
        for table_read, (kept, table_issues, method, frame) in zip(
            subject.reads, results, strict=True
        ):
            valid[table_read.table.name] = kept
            issues.extend(table_issues)
            excluded[table_read.table.name] = frame.height - kept.height
            methods.append(method)
        return valid, issues, excluded, methods, unique.result()

    def load(self, subject: Subject, reference: Snapshot | None) -> Snapshot:
        """Read, validate and region-tag one subject (the reference subject has none)."""
        started = time.perf_counter()
        now = self.clock()
        valid, issues, excluded, methods, unique = self._read_and_validate(subject, now, reference)
        lookups = reference.frames if reference is not None else valid
        tagged = add_repair_class(add_regions(valid, lookups), lookups)
        snapshot = Snapshot(
            subject=subject,
            frames=tagged,
            issues=tuple(issues),
            excluded=excluded,
            read_at=now,
            read_seconds=time.perf_counter() - started,
            methods=tuple(methods),
            latest_day=_latest_day(subject, tagged),
            keys_kept_unique=unique,
        )
        if reference is None:
            prepare_parent_lookups(snapshot)
        return snapshot


def _latest_day(subject: Subject, frames: Mapping[str, pl.DataFrame]) -> date | None:
    latest = [
        frames[column.table.name].get_column(column.name).max()
        for column in subject.event_columns
        if column.table.name in frames and frames[column.table.name].height
    ]
    latest = [value for value in latest if value is not None]
    return max(latest).date() if latest else None
