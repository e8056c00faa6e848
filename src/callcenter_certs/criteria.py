"""What the buyer asks for: required certifications, four axes, weights, dates."""

from __future__ import annotations

import datetime as dt
import enum
import math
import sys
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType

import attrs

from . import _validators
from ._converter import describe
from .errors import InputError, Problem

__all__ = ["CRITERIA", "BuyerCriteria", "Need"]


def __dir__() -> list[str]:
    return __all__


class Need(enum.Enum):
    """How much a criterion matters to the buyer."""

    IGNORE = "ignore"
    """No effect on the score."""
    PREFER = "prefer"
    """A weighted term of the total, with a value in [0, 1]."""
    REQUIRE = "require"
    """Not met: the vendor is knocked out (it stays in the ranking, with the reason)."""


CRITERIA: tuple[str, ...] = (
    "results_obligation",
    "means_obligation",
    "france_only",
    "csr",
    "preferred_certifications",
)
"""The weighted criteria, in the order the breakdown lists them; the keys of ``weights``."""


def _ids(value: Iterable[str], name: str) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError.at((name,), f"{describe(value)} is not a list of certification ids")
    ids = tuple(value)
    if isinstance(value, AbstractSet) and all(isinstance(item, str) for item in ids):
        # A set has no order of its own, and its iteration order changes from run to run
        # with string hashing: sorted, equal sets give equal criteria and explanations.
        return tuple(sorted(ids))
    return ids


def _required(value: Iterable[str]) -> tuple[str, ...]:
    return _ids(value, "required")


def _preferred(value: Iterable[str]) -> tuple[str, ...]:
    return _ids(value, "preferred_certifications")


def _check_ids(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    problems = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, str):
            problems.append(
                Problem((attribute.name, index), f"{describe(item)} is not a certification id")
            )
        elif item in seen:
            problems.append(Problem((attribute.name, index), f"{item!r} is listed twice"))
        else:
            seen.add(item)
    if problems:
        raise InputError(problems)


_LARGEST = int(sys.float_info.max)


def _weights(value: Mapping[str, float]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        raise InputError.at(("weights",), f"{describe(value)} is not a table of criterion: weight")
    problems = []
    for key, weight in value.items():
        if key not in CRITERIA:
            allowed = ", ".join(map(repr, CRITERIA))
            problems.append(
                Problem(("weights", str(key)), f"unknown criterion {key!r}; allowed: {allowed}")
            )
        elif isinstance(weight, bool) or not isinstance(weight, int | float):
            problems.append(Problem(("weights", key), f"{describe(weight)} is not a number"))
        elif isinstance(weight, int) and weight > _LARGEST:  # float() would overflow
            problems.append(Problem(("weights", key), f"{describe(weight)} is too large"))
        elif not (math.isfinite(weight) and weight >= 0):
            problems.append(
                Problem(("weights", key), f"{describe(weight)} is not a finite number >= 0")
            )
    if problems:
        raise InputError(problems)
    # + 0.0 turns -0.0, which passes ">= 0", into 0.0.
    return MappingProxyType({key: float(value[key]) + 0.0 for key in sorted(value)})


@attrs.frozen
class BuyerCriteria:
    """A buyer's criteria, validated at construction.

    The arguments of the specification may be given by position, in its order
    (``required``, the four axes, ``weights``, ``accept_equivalents``,
    ``valid_through``); the extras only by name.

    Weights are keyed by criterion name (see :data:`CRITERIA`); a missing weight
    is 1. Certification ids are checked against the catalogue when scoring, since
    the catalogue is chosen then.
    """

    required: tuple[str, ...] = attrs.field(default=(), converter=_required, validator=_check_ids)
    """Certification ids every vendor must hold, counting on the scoring date."""
    results_obligation: Need = attrs.field(
        default=Need.IGNORE, validator=_validators.enum_member(Need)
    )
    """A counting certificate with an obligation of results (NF Service style)."""
    means_obligation: Need = attrs.field(
        default=Need.IGNORE, validator=_validators.enum_member(Need)
    )
    """A counting certificate with an obligation of means (ISO style)."""
    france_only: Need = attrs.field(default=Need.IGNORE, validator=_validators.enum_member(Need))
    """All agents in France: from the declared sites, else from a France-only label."""
    csr: Need = attrs.field(default=Need.IGNORE, validator=_validators.enum_member(Need))
    """A counting certificate covering social responsibility."""
    weights: Mapping[str, float] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_weights, hash=False
    )
    accept_equivalents: bool = attrs.field(default=True, validator=_validators.boolean)
    """Accept the ids the catalogue declares equivalent (Directive 2014/24/EU art. 42-44, 62)."""
    valid_through: dt.date | None = attrs.field(
        default=None, validator=_validators.optional(_validators.date)
    )
    """Contract end: warn about counting certificates that lapse before it."""
    preferred_certifications: tuple[str, ...] = attrs.field(
        default=(), converter=_preferred, validator=_check_ids, kw_only=True
    )
    """Ids the buyer prefers; the criterion's value is the share of them held."""
    accept_ratings_and_awards: bool = attrs.field(
        default=False, validator=_validators.boolean, kw_only=True
    )
    """Count ratings (EcoVadis) and awards (Élu Service Client) as evidence; by default
    only certifications and labels count."""

    def need(self, criterion: str) -> Need:
        """The need for a weighted criterion; ``preferred_certifications`` is PREFER when set."""
        if criterion == "preferred_certifications":
            return Need.PREFER if self.preferred_certifications else Need.IGNORE
        need: Need = getattr(self, criterion)
        return need

    def weight(self, criterion: str) -> float:
        """The weight of ``criterion`` (1 when not given)."""
        return self.weights.get(criterion, 1.0)
