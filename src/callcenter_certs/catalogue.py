"""The catalogue: every known certification, looked up by id.

The built-in one (``CATALOG``) is read from the package's data file when first used;
``load_catalog`` (in the loaders) reads a user's own file with the same layout.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ._text import close_matches as _close_matches
from .certifications import Certification, Domain, Obligation, _alias_key
from .errors import (
    InputError,
    Problem,
    UnknownCertificationError,
    _expect_instance,
    _PathPart,
    _unknown_id_message,
)

__all__ = ["CATALOG", "Catalog"]  # noqa: F822 - lazy


def __dir__() -> list[str]:
    return __all__


def __getattr__(name: str) -> Catalog:
    if name == "CATALOG":  # read when first used: ``import callcenter_certs`` stays quick
        return _builtin_catalog()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def _entries(value: Iterable[Certification]) -> tuple[Certification, ...]:
    return tuple(value)


@attrs.frozen(eq=False)
class Catalog(Mapping[str, Certification]):
    """A read-only mapping of certification id to [`Certification`][callcenter_certs.Certification].

    Construction checks integrity: no duplicate id, every ``superseded_by`` and
    ``equivalents`` id known, no supersession cycle.
    """

    certifications: tuple[Certification, ...] = attrs.field(converter=_entries)
    version: str = "unversioned"
    """Date or label of this catalogue's content, recorded in decision records."""
    _outside: frozenset[str] = attrs.field(
        factory=frozenset, kw_only=True, alias="_outside", repr=False
    )
    """Ids of the catalogue this one extends, which its references may name: checked
    again when the two are joined (``load_catalog(..., extends=...)``)."""
    _by_id: Mapping[str, Certification] = attrs.field(init=False, repr=False)
    _by_key: Mapping[str, str] = attrs.field(init=False, repr=False)
    """The id of each id's and alias's key (`_alias_key`); an id key two ids share is
    left out, so that only the exact id finds either."""

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
        problems.extend(self._index_aliases())
        ends: set[str] = set()  # ids whose chain of successors ends without a cycle
        for index, entry in enumerate(self.certifications):
            problems.extend(self._reference_problems(index, entry, ends))
        if problems:
            raise InputError(problems)

    def _index_aliases(self) -> Iterator[Problem]:
        """Fill ``_by_key``; an alias that names another entry (its id or an alias) is refused."""
        owners: dict[str, str] = {}
        shared: set[str] = set()
        for entry in self.certifications:
            key = _alias_key(entry.id)
            if owners.setdefault(key, entry.id) != entry.id:
                shared.add(key)
        written: dict[str, str] = {_alias_key(cid): cid for cid in owners.values()}
        for index, entry in enumerate(self.certifications):
            for number, alias in enumerate(entry.aliases):
                key = _alias_key(alias)
                owner = owners.setdefault(key, entry.id)
                if owner != entry.id:
                    other = written[key]
                    what = (
                        f"the id {owner!r} written another way"
                        if other == owner
                        else f"also {other!r}, a name of {owner!r}"
                    )
                    message = (
                        f"alias {alias!r} is {what}: a name two entries claim would be read "
                        "as either; keep it on one"
                    )
                    yield Problem(("certifications", index, "aliases", number), message)
                else:
                    written.setdefault(key, alias)
        by_key = {key: cid for key, cid in owners.items() if key not in shared}
        object.__setattr__(self, "_by_key", by_key)

    def _reference_problems(
        self, index: int, entry: Certification, ends: set[str]
    ) -> Iterator[Problem]:
        def unknown(ref: str) -> str:
            return _unknown_id_message(ref, self.suggest(ref), self._by_id)

        path: tuple[str | int, ...] = ("certifications", index)

        def known(ref: str) -> bool:  # not a set joined per entry: linear in the entries
            return ref in self._by_id or ref in self._outside

        if entry.superseded_by is not None:
            if not known(entry.superseded_by):
                yield Problem((*path, "superseded_by"), unknown(entry.superseded_by))
            elif (cycle := self._cycle_from(entry.id, ends)) is not None:
                yield Problem((*path, "superseded_by"), f"supersession cycle: {cycle}")
        for ref in sorted(entry.equivalents):
            if not known(ref):
                yield Problem((*path, "equivalents"), unknown(ref))
            elif ref == entry.id:
                yield Problem((*path, "equivalents"), f"{ref!r} is the entry itself")

    def _cycle_from(self, start: str, ends: set[str]) -> str | None:
        """The supersession cycle that the chain from ``start`` runs into, as text.

        Linear in the chain's length: positions in a dict, not a list search, and a
        chain already known to end (``ends``, filled as chains are walked) stops the
        walk, so that a catalogue that is one long chain is checked in linear time.
        """
        seen: dict[str, int] = {}
        order: list[str] = []
        current: str | None = start
        while current is not None and current in self._by_id and current not in ends:
            if current in seen:
                return " -> ".join([*order[seen[current] :], current])
            seen[current] = len(order)
            order.append(current)
            current = self._by_id[current].superseded_by
        ends.update(order)  # every id on the way ends without a cycle
        return None

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

    def resolve(self, written: str) -> str | None:
        """The id of a certification as a vendor writes it, or ``None`` when unknown.

        An id, or one of an entry's ``aliases``, ignoring case, accents, spaces,
        hyphens and punctuation: ``"NF EN ISO 18295-1"``, ``"iso 18295-1:2017"`` and
        ``"ISO18295-1"`` are ``"iso-18295-1"``. What the spreadsheet layout reads; the
        records and [`rank_vendors`][callcenter_certs.rank_vendors] take ids only.

        >>> from callcenter_certs import CATALOG
        >>> CATALOG.resolve("Label de Responsabilité Sociale"), CATALOG.resolve("ISO 9001:2015")
        ('lrs', 'iso-9001')
        >>> CATALOG.resolve("ISO 9002") is None
        True
        """
        if not isinstance(written, str):  # from Python, anything may come
            return None
        if written in self._by_id:
            return written
        return self._by_key.get(_alias_key(written))

    def suggest(self, certification: str, limit: int = 3) -> tuple[str, ...]:
        """The known ids closest to a mistyped one, best first.

        The id of a name written another way comes first (``"LRS"``: ``"lrs"``).
        """
        found = _close_matches(certification, self._by_id, n=limit, cutoff=0.5)
        resolved = self.resolve(certification)
        if resolved is not None and resolved != certification:
            found = [resolved, *found]
        elif len(found) < limit and isinstance(certification, str):  # "ISO 9002": by names
            near = _close_matches(_alias_key(certification), self._by_key, n=limit, cutoff=0.75)
            found += [self._by_key[key] for key in near]
        return tuple(dict.fromkeys(found))[:limit]

    def unknown(
        self, certification: str, *, path: Sequence[_PathPart] = ()
    ) -> UnknownCertificationError:
        """The error for an id this catalogue does not know, at ``path``.

        A name of an entry (one of its ``aliases``) is not an id: the error names the id.
        """
        resolved = self.resolve(certification)
        if (
            resolved is not None
            and certification not in self._by_id[resolved].aliases
            and _alias_key(resolved) == _alias_key(certification)
        ):
            resolved = None  # the id itself written another way: the suggestion says it
        return UnknownCertificationError(
            certification,
            self.suggest(certification),
            path=path,
            known=self._by_id,
            alias_of=resolved,
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
        text = json.dumps(_plain(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: object) -> Any:
    """The canonical data of a catalogue, as the converter writes it, for its digest.

    Enums as their values, sets as sorted lists, tuples as lists, records as tables of
    their fields; ``tests/test_catalogue.py`` checks it equals the converter's output.
    """
    if isinstance(value, Catalog):
        return {"version": value.version, "certifications": _plain(value.certifications)}
    if attrs.has(cls := type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(cls)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted((_plain(item) for item in value), key=lambda item: (str(type(item)), item))
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _checked_catalog(catalog: object, name: str = "catalog") -> Catalog:
    """``catalog``, or the built-in one for ``None``; anything else is an InputError."""
    return _builtin_catalog() if catalog is None else _expect_instance(catalog, Catalog, name)


_builtin: list[Catalog] = []
_reader: list[Callable[[], Catalog]] = []


def _provide_builtin(reader: Callable[[], Catalog]) -> None:
    """Say how the built-in catalogue is read (the package does, at import).

    Records do not read files: the package hands over the loaders' reader, and the
    catalogue is read the first time it is needed.
    """
    _reader[:] = [reader]


def _builtin_catalog() -> Catalog:
    """The built-in catalogue, shipped as ``data/certifications.toml``, read once."""
    if not _builtin:
        _builtin.append(_reader[0]())  # the package's __init__ provides the reader
    return _builtin[0]
