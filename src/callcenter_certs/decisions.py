"""Decision records: everything needed to replay a ranking and check it still holds.

An auditor who receives a record can recompute the ranking with the library and
see whether the result still matches, and if not, why (a newer catalogue, a newer
library, an edited record).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ._converter import CONVERTER
from ._validators import OMIT_EMPTY
from ._version import __version__
from .catalogue import Catalog, _checked_catalog
from .criteria import BuyerCriteria
from .errors import InputError, Problem, _expect_instance
from .files import _DEFAULT_LIMITS, Limits, _checked_limits, _file_path, _parse_json, _read_text
from .ranking import Ranking, rank_vendors
from .sensitivity import Sensitivity, sensitivity
from .vendors import Vendor

__all__ = [
    "RECORD_FORMAT",
    "DecisionRecord",
    "Replay",
    "dump_record",
    "load_record",
    "make_record",
    "replay",
]


def __dir__() -> list[str]:
    return __all__


RECORD_FORMAT = "callcenter-certs decision record 1"
"""The `format` a decision record carries; `load_record` reads only records of this format."""


@attrs.frozen(kw_only=True)
class DecisionRecord:
    """A ranking with its inputs, the date, and what computed it."""

    format: str = RECORD_FORMAT
    created: str
    """When the record was written (ISO date and time, UTC)."""
    library_version: str
    catalogue_version: str
    catalogue_digest: str
    """SHA-256 of the catalogue's content ([`Catalog.digest`][callcenter_certs.Catalog.digest])."""
    inputs: dict[str, str] = attrs.field(factory=dict, hash=False)
    """Input files and their SHA-256, for the audit trail."""
    on: dt.date
    criteria: BuyerCriteria
    vendors: tuple[Vendor, ...]
    ranking: Ranking
    sensitivity: Sensitivity | None = attrs.field(default=None, metadata={OMIT_EMPTY: True})
    """How stable the winners were ([`sensitivity`][callcenter_certs.sensitivity.sensitivity]);
    ``None`` in records written before it was recorded, which replay does not check."""


def _file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_record(
    vendors: Sequence[Vendor],
    criteria: BuyerCriteria,
    ranking: Ranking,
    *,
    catalog: Catalog | None = None,
    inputs: dict[str, str] | None = None,
) -> DecisionRecord:
    """Bundle a ranking, and how stable its winners are, with everything needed to replay it."""
    catalog = _checked_catalog(catalog)
    _expect_instance(ranking, Ranking, "ranking")
    if ranking.criteria is None:  # read back from a record: rank again from the inputs
        ranking = rank_vendors(vendors, criteria, on=ranking.on, catalog=catalog)
    return DecisionRecord(
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        library_version=__version__,
        catalogue_version=catalog.version,
        catalogue_digest=catalog.digest,
        inputs=dict(inputs or {}),
        on=ranking.on,
        criteria=criteria,
        vendors=tuple(vendors),
        ranking=ranking,
        sensitivity=sensitivity(ranking),
    )


def dump_record(record: DecisionRecord, path: str | os.PathLike[str]) -> None:
    """Write a record as indented UTF-8 JSON."""
    file = _file_path(path)
    _expect_instance(record, DecisionRecord, "record")
    text = json.dumps(CONVERTER.unstructure(record), ensure_ascii=False, indent=2)
    file.write_text(text + "\n", encoding="utf-8")


def _check_format(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        msg = f"not a decision record (format {found!r}, expected {RECORD_FORMAT!r})"
        raise InputError(msg)


def load_record(path: str | Path, *, limits: Limits = _DEFAULT_LIMITS) -> DecisionRecord:
    """Read a record written by [`dump_record`][callcenter_certs.dump_record].

    Raises:
        InputError: unreadable file, not a decision record, or a bad field.
    """
    file = _file_path(path)
    limits = _checked_limits(limits)
    source = str(path)
    try:
        data: Any = _parse_json(_read_text(file, limits=limits), limits=limits)
        _check_format(data)
        record: DecisionRecord = CONVERTER.structure(data, DecisionRecord)
    except InputError as error:
        raise error.in_file(source) from error
    return record


@attrs.frozen
class Replay:
    """The outcome of replaying a record."""

    matches: bool
    differences: tuple[str, ...]
    """One sentence per difference in the ranking."""
    notes: tuple[str, ...]
    """Context: a different catalogue or library version, which may explain differences."""


def _position(ranking: Ranking) -> dict[str, tuple[int | None, float, tuple[str, ...]]]:
    return {
        e.vendor.name: (e.rank, e.score.total, tuple(map(str, e.score.knockouts))) for e in ranking
    }


def replay(record: DecisionRecord, *, catalog: Catalog | None = None) -> Replay:
    """Recompute the record's ranking and compare it with the recorded one."""
    _expect_instance(record, DecisionRecord, "record")
    catalog = _checked_catalog(catalog)
    notes = []
    if record.catalogue_digest != catalog.digest:
        notes.append(
            f"the catalogue differs: recorded {record.catalogue_version} "
            f"({record.catalogue_digest[:12]}), now {catalog.version} ({catalog.digest[:12]})"
        )
    if record.library_version != __version__:
        notes.append(f"the library differs: recorded {record.library_version}, now {__version__}")
    try:
        fresh = rank_vendors(record.vendors, record.criteria, on=record.on, catalog=catalog)
    except InputError as error:
        if notes and record.catalogue_digest != catalog.digest:
            hint = Problem(
                (),
                f"the record was made with catalogue {record.catalogue_version}; "
                "pass the same catalogue file (--catalog)",
            )
            raise InputError((hint, *error.problems)) from error
        raise
    differences = _differences(record, fresh)
    if record.sensitivity is None:
        notes.append("the record holds no sensitivity summary (an older record): not checked")
    else:
        differences += _sensitivity_differences(record.sensitivity, sensitivity(fresh))
    return Replay(matches=not differences, differences=tuple(differences), notes=tuple(notes))


def _differences(record: DecisionRecord, fresh: Ranking) -> list[str]:
    """What changed from the recorded ranking to the recomputed one, vendor by vendor."""
    before, after = _position(record.ranking), _position(fresh)
    differences = []
    if record.ranking.on != record.on:
        differences.append(
            f"the record's date {record.on.isoformat()} differs from its ranking's date "
            f"{record.ranking.on.isoformat()}: the record was edited"
        )
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if old is None or new is None:
            state = "is new" if old is None else "is missing"
            differences.append(f"{name} {state} in the recomputed ranking")
        elif old != new:
            differences.append(
                f"{name}: rank {old[0]} -> {new[0]}, total {old[1]:.2f} -> {new[1]:.2f}"
                + (f", knock-outs {list(old[2])} -> {list(new[2])}" if old[2] != new[2] else "")
            )
    if not differences and fresh != record.ranking:
        differences.append("the explanations changed (same ranks, totals and knock-outs)")
    return differences


def _sensitivity_differences(old: Sensitivity, new: Sensitivity) -> list[str]:
    """What changed in the stability of the winners: per field, the items gone and new."""
    differences = []
    for field in attrs.fields(Sensitivity):
        before, after = getattr(old, field.name), getattr(new, field.name)
        if before == after:
            continue
        if field.name == "winners" or not isinstance(before, tuple):
            differences.append(f"sensitivity {field.name}: {_shown(before)} -> {_shown(after)}")
            continue
        differences.extend(
            f"sensitivity {field.name}: {_shown(item)} {state}"
            for items, others, state in ((before, after, "is gone"), (after, before, "is new"))
            for item in items
            if item not in others
        )
    return differences


def _shown(value: object) -> str:
    return json.dumps(CONVERTER.unstructure(value), ensure_ascii=False)
