"""The catalogue: every known certification, looked up by id.

The built-in one (:data:`CATALOG`) is read once from the package's data file;
:func:`load_catalog` reads a user's own file with the same layout.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ._converter import converter
from .certifications import Certification, Domain, Obligation
from .errors import (
    InputError,
    PathPart,
    Problem,
    UnknownCertificationError,
    expect_instance,
    unknown_id_message,
)
from .files import DEFAULT_LIMITS, Limits, checked_limits, file_path, read_structured

__all__ = ["CATALOG", "Catalog", "checked_catalog", "load_catalog"]


def __dir__() -> list[str]:
    return __all__


def _entries(value: Iterable[Certification]) -> tuple[Certification, ...]:
    return tuple(value)


@attrs.frozen(eq=False)
class Catalog(Mapping[str, Certification]):
    """A read-only mapping of certification id to :class:`Certification`.

    Construction checks integrity: no duplicate id, every ``superseded_by`` and
    ``equivalents`` id known, no supersession cycle.
    """

    certifications: tuple[Certification, ...] = attrs.field(converter=_entries)
    version: str = "unversioned"
    """Date or label of this catalogue's content, recorded in decision records."""
    _by_id: Mapping[str, Certification] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Certification] = {}
        problems: list[Problem] = []
        for index, entry in enumerate(self.certifications):
            if not isinstance(entry, Certification):
                problems.append(
                    Problem(("certifications", index), f"{entry!r} is not a Certification")
                )
            elif entry.id in by_id:
                problems.append(
                    Problem(("certifications", index, "id"), f"duplicate id {entry.id!r}")
                )
            else:
                by_id[entry.id] = entry
        if problems:
            raise InputError(problems)
        object.__setattr__(self, "_by_id", by_id)
        for index, entry in enumerate(self.certifications):
            problems.extend(self._reference_problems(index, entry))
        if problems:
            raise InputError(problems)

    def _reference_problems(self, index: int, entry: Certification) -> Iterator[Problem]:
        def unknown(ref: str) -> str:
            return unknown_id_message(ref, self.suggest(ref), self._by_id)

        path: tuple[str | int, ...] = ("certifications", index)
        if entry.superseded_by is not None:
            if entry.superseded_by not in self._by_id:
                yield Problem((*path, "superseded_by"), unknown(entry.superseded_by))
            else:
                seen = [entry.id]
                current: str | None = entry.superseded_by
                while current is not None and current in self._by_id:
                    if current in seen:
                        cycle = " -> ".join([*seen[seen.index(current) :], current])
                        yield Problem((*path, "superseded_by"), f"supersession cycle: {cycle}")
                        break
                    seen.append(current)
                    current = self._by_id[current].superseded_by
        for ref in sorted(entry.equivalents):
            if ref not in self._by_id:
                yield Problem((*path, "equivalents"), unknown(ref))
            elif ref == entry.id:
                yield Problem((*path, "equivalents"), f"{ref!r} is the entry itself")

    # Mapping protocol -------------------------------------------------------------

    def __getitem__(self, key: str) -> Certification:
        try:
            return self._by_id[key]
        except (KeyError, TypeError):
            raise self.unknown(str(key)) from None

    def __contains__(self, key: object) -> bool:
        # Direct, so that a failed membership test does not compute suggestions.
        return key in self._by_id

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (self.version, self.certifications) == (other.version, other.certifications)

    def __hash__(self) -> int:
        return hash((self.version, self.certifications))

    # Look-ups a buyer needs -----------------------------------------------------------

    def suggest(self, certification: str, limit: int = 3) -> tuple[str, ...]:
        """The known ids closest to a mistyped one, best first."""
        return tuple(difflib.get_close_matches(certification, self._by_id, n=limit, cutoff=0.5))

    def unknown(
        self, certification: str, *, path: Sequence[PathPart] = ()
    ) -> UnknownCertificationError:
        """The error for an id this catalogue does not know, at ``path``."""
        return UnknownCertificationError(
            certification, self.suggest(certification), path=path, known=self._by_id
        )

    def by_obligation(self, obligation: Obligation | None) -> tuple[Certification, ...]:
        """Entries with that obligation (``None``: neither means nor results, or unknown)."""
        if obligation is not None and not isinstance(obligation, Obligation):
            msg = f"{obligation!r} is not an Obligation (or None)"
            raise InputError.at(("obligation",), msg)
        return tuple(c for c in self.certifications if c.obligation is obligation)

    def by_domain(self, domain: Domain) -> tuple[Certification, ...]:
        """Entries that cover ``domain``."""
        if not isinstance(domain, Domain):
            raise InputError.at(("domain",), f"{domain!r} is not a Domain")
        return tuple(c for c in self.certifications if domain in c.domains)

    def supersession_chain(self, certification: str) -> tuple[str, ...]:
        """``certification`` followed by each successor, oldest first."""
        chain = [self[certification].id]
        while (successor := self._by_id[chain[-1]].superseded_by) is not None:
            chain.append(successor)
        return tuple(chain)

    def accepted_for(self, certification: str) -> frozenset[str]:
        """The ids whose certificates satisfy a requirement for ``certification``.

        The id itself and the equivalents the catalogue declares for it.
        """
        entry = self[certification]
        return frozenset({entry.id, *entry.equivalents})

    @property
    def digest(self) -> str:
        """SHA-256 of the catalogue's canonical JSON: identifies its exact content."""
        text = json.dumps(converter.unstructure(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def _structure_catalog(data: Any, _: type) -> Catalog:
    if not isinstance(data, Mapping):
        raise InputError(f"{type(data).__name__} is not a catalogue table")
    unknown = sorted(set(data) - {"version", "certifications"})
    problems = [
        Problem((key,), f"unknown key {key!r}; allowed keys: 'version', 'certifications'")
        for key in unknown
    ]
    if "certifications" not in data:
        problems.append(Problem(("certifications",), "required field missing"))
    if problems:
        raise InputError(problems)
    try:
        version = converter.structure(data.get("version", "unversioned"), str)
    except InputError as error:
        raise error.prefixed(("version",)) from error
    try:
        entries = converter.structure(data["certifications"], tuple[Certification, ...])
    except InputError as error:
        raise error.prefixed(("certifications",)) from error
    return Catalog(entries, version)


def _unstructure_catalog(catalog: Catalog) -> dict[str, Any]:
    return {
        "version": catalog.version,
        "certifications": converter.unstructure(catalog.certifications, tuple[Certification, ...]),
    }


converter.register_structure_hook(Catalog, _structure_catalog)
converter.register_unstructure_hook(Catalog, _unstructure_catalog)


def load_catalog(
    path: str | Path, *, extends: Catalog | None = None, limits: Limits = DEFAULT_LIMITS
) -> Catalog:
    """Load a catalogue from a TOML or JSON file laid out like the built-in one.

    Args:
        path: ``.toml`` or ``.json`` file with ``version`` and a list of
            ``certifications``.
        extends: a catalogue whose entries come first, e.g. :data:`CATALOG` to add
            a label to the built-in ones. An id present in both is a duplicate.
        limits: the file's size and nesting refused before they exhaust memory.

    Raises:
        InputError: unreadable file, bad field, duplicate id, unknown reference or
            supersession cycle; the message names the file and the field path.
    """
    file = file_path(path)
    limits = checked_limits(limits)
    if extends is not None:
        extends = checked_catalog(extends, "extends")
    source = str(path)
    try:
        data = read_structured(file, formats=("toml", "json"), limits=limits)
        own = converter.structure(data, Catalog)
        if extends is None:
            return own
        return _extend(extends, own)
    except InputError as error:
        raise error.in_file(source) from error


def checked_catalog(catalog: object, name: str = "catalog") -> Catalog:
    """``catalog``, or the built-in one for ``None``; anything else is an InputError."""
    return CATALOG if catalog is None else expect_instance(catalog, Catalog, name)


def _extend(base: Catalog, own: Catalog) -> Catalog:
    """``base`` followed by ``own``; problems point into ``own``'s file."""
    offset = len(base.certifications)
    try:
        return Catalog((*base.certifications, *own.certifications), f"{base.version}+{own.version}")
    except InputError as error:
        problems = []
        for problem in error.problems:
            path = problem.path
            if len(path) > 1 and isinstance(path[1], int) and path[1] >= offset:
                path = (path[0], path[1] - offset, *path[2:])
            problems.append(Problem(path, problem.message))
        raise InputError(problems) from error


def _load_builtin() -> Catalog:
    text = resources.files(__package__).joinpath("data/certifications.toml").read_text("utf-8")
    return converter.structure(tomllib.loads(text), Catalog)


CATALOG: Catalog = _load_builtin()
"""The built-in catalogue, shipped as ``data/certifications.toml`` in the package."""
