"""Decision records: everything needed to replay a ranking and check it still holds.

An auditor who receives a record can recompute the ranking with the library and
see whether the result still matches, and if not, why (a newer catalogue, a newer
library, an edited record).
"""

from __future__ import annotations

import contextlib
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
from .errors import InputError, Problem, _expect_instance, _one_line
from .files import (
    _DEFAULT_LIMITS,
    Limits,
    _checked_limits,
    _file_path,
    _parse_json,
    _read_text,
    _recording_reads,
    _write_atomically,
)
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
    digest: str | None = attrs.field(default=None, metadata={OMIT_EMPTY: True})
    """SHA-256 of the record's own canonical content (every other key), set by
    [`make_record`][callcenter_certs.make_record], so that an accidental edit is detected;
    ``None`` in records written before it was recorded, which replay cannot check. Not a
    signature: whoever edits the record can compute it again."""


def _content_digest(record: DecisionRecord) -> str:
    """SHA-256 of a record's canonical JSON, its ``digest`` left out.

    Canonical: the record as the converter writes it, keys sorted, no spaces, UTF-8;
    so the indentation or the order of the keys in the file do not change it.
    """
    data = CONVERTER.unstructure(attrs.evolve(record, digest=None))
    data.pop("digest", None)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    """When a record is made: now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds).

    The convention of reproducible builds (https://reproducible-builds.org/specs/source-date-epoch/):
    a whole number of seconds since 1970-01-01 UTC, set by whoever wants two runs to give
    the same bytes; a value that is not one is ignored.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        with contextlib.suppress(OverflowError, OSError, ValueError):
            moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
            return moment.isoformat(timespec="seconds")
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


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
    record = DecisionRecord(
        created=_now(),
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
    return attrs.evolve(record, digest=_content_digest(record))


def dump_record(record: DecisionRecord, path: str | os.PathLike[str]) -> None:
    """Write a record as indented UTF-8 JSON, whole or not at all.

    The JSON goes to a temporary file in the same directory, which then replaces
    ``path`` in one rename: if the write fails (a full disk), the file that was there
    is left as it was.

    Raises:
        InputError: ``path`` is not a usable path, or ``record`` not a record.
        OSError: the file cannot be written (``filename`` is ``path``).
    """
    file = _file_path(path)
    _expect_instance(record, DecisionRecord, "record")
    text = json.dumps(CONVERTER.unstructure(record), ensure_ascii=False, indent=2)
    _write_atomically(file, (text + "\n").encode("utf-8"))


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


def replay(
    record: DecisionRecord,
    *,
    catalog: Catalog | None = None,
    inputs: Sequence[str | os.PathLike[str]] = (),
    limits: Limits = _DEFAULT_LIMITS,
) -> Replay:
    """Recompute the record's ranking and compare it with the recorded one.

    Also checks the record's digest of its own content, and, given the input files
    (``inputs``: the vendor file, then the criteria file if the ranking had one), that
    their SHA-256 are the recorded ones and that they give the recorded vendors and
    criteria. See *What a record proves* in the user guide.

    Raises:
        InputError: more than two input files, an input file that does not load, or
            a recorded criteria that the catalogue refuses.
    """
    _expect_instance(record, DecisionRecord, "record")
    catalog = _checked_catalog(catalog)
    limits = _checked_limits(limits)
    files = _input_files(inputs)
    notes: list[str] = []
    differences = _digest_differences(record, notes)
    differences += _input_differences(record, files, catalog, limits, notes)
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
    differences += _differences(record, fresh)
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


def _input_files(inputs: object) -> tuple[Path, ...]:
    """``inputs`` as one or two paths: the vendor file, then the criteria file."""
    if isinstance(inputs, str | os.PathLike) or not isinstance(inputs, Sequence):
        msg = f"{type(inputs).__name__} is not a list of file paths"
        raise InputError.at(("inputs",), msg)
    if len(inputs) > len(_ROLES):
        msg = (
            f"{len(inputs)} files given; give the vendor file, then the criteria file "
            "if the ranking had one"
        )
        raise InputError.at(("inputs",), msg)
    return tuple(_file_path(path) for path in inputs)


_ROLES = ("vendors", "criteria")


def _digest_differences(record: DecisionRecord, notes: list[str]) -> list[str]:
    """The record against the digest of its own content."""
    if record.digest is None:
        notes.append(
            "the record holds no digest of its own content (an older record): "
            "an edit of it cannot be detected without its input files"
        )
        return []
    if record.digest != _content_digest(record):
        return ["the record's content does not match its digest: it was edited after it was made"]
    return []


def _input_differences(
    record: DecisionRecord,
    files: tuple[Path, ...],
    catalog: Catalog,
    limits: Limits,
    notes: list[str],
) -> list[str]:
    """The input files against the record: their SHA-256, the vendors and criteria they give."""
    from .loaders import load_criteria, load_vendors  # noqa: PLC0415 - loaders import the formats

    if not files:
        notes.append(
            "the input files were not given: the recorded vendors and criteria are not "
            "checked against them"
        )
        return []
    differences = []
    for role, file in zip(_ROLES, files, strict=False):
        shown = _one_line(str(file))
        with _recording_reads() as reads:
            if role == "vendors":
                sheet = record.inputs.get("vendors_sheet")  # rank --sheet NAME
                loaded: Any = load_vendors(file, catalog=catalog, limits=limits, sheet=sheet)
            else:
                loaded = load_criteria(file, limits=limits)
        digest = reads.sha256(file)
        recorded = record.inputs.get(f"{role}_sha256")
        if recorded is None:  # a record made in Python without its inputs' digests
            notes.append(
                f"the record holds no {role}_sha256: the bytes of {shown} are not checked, "
                f"only the {role} it gives"
            )
        elif recorded != digest:
            differences.append(
                f"{shown}: SHA-256 {str(digest)[:12]}..., the record says {role}_sha256 "
                f"{recorded[:12]}...: not the file the record was made from, or an edited record"
            )
        if role == "vendors":
            differences += _vendor_differences(record.vendors, loaded, shown)
        elif loaded != record.criteria:
            changed = _changed_fields(record.criteria, loaded)
            differences.append(f"the recorded criteria differ from {shown}'s: {changed}")
    if len(files) < len(_ROLES) and "criteria_sha256" in record.inputs:
        notes.append("the criteria file was not given: the recorded criteria are not checked")
    return differences


def _changed_fields(old: attrs.AttrsInstance, new: attrs.AttrsInstance) -> str:
    """The fields of two records of one class that differ, for a sentence."""
    names = [
        f.name for f in attrs.fields(type(old)) if getattr(old, f.name) != getattr(new, f.name)
    ]
    return ", ".join(names) or "their content"


def _vendor_differences(
    recorded: Sequence[Vendor], loaded: Sequence[Vendor], shown: str
) -> list[str]:
    """The recorded vendors against the ones the vendor file gives, by name, then order."""
    before = {vendor.name: vendor for vendor in recorded}
    after = {vendor.name: vendor for vendor in loaded}
    differences = [
        f"{_one_line(name)} is in {shown} but not in the record"
        for name in after
        if name not in before
    ]
    differences += [
        f"{_one_line(name)} is in the record but not in {shown}"
        for name in before
        if name not in after
    ]
    for name, vendor in after.items():
        old = before.get(name)
        if old is not None and old != vendor:
            differences.append(
                f"{_one_line(name)}: the recorded vendor differs from {shown}'s "
                f"({_vendor_changes(old, vendor)})"
            )
    order = [vendor.name for vendor in recorded if vendor.name in after]
    if not differences and order != [vendor.name for vendor in loaded if vendor.name in before]:
        differences.append(f"the record lists the vendors in another order than {shown}")
    return differences


def _vendor_changes(old: Vendor, new: Vendor) -> str:
    """Which fields of a vendor differ, down to each certificate's field."""
    if len(old.certificates) != len(new.certificates):
        return _changed_fields(old, new)
    changes = [
        f"certificates[{index}].{field.name}"
        for index, (before, after) in enumerate(
            zip(old.certificates, new.certificates, strict=True)
        )
        for field in attrs.fields(type(before))
        if getattr(before, field.name) != getattr(after, field.name)
    ]
    changes += [
        f.name
        for f in attrs.fields(Vendor)
        if f.name != "certificates" and getattr(old, f.name) != getattr(new, f.name)
    ]
    return ", ".join(changes) or "their content"
