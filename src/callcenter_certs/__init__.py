"""Choose a call-centre vendor on its quality certifications, and say why.

The catalogue says what each certification means; the scoring engine ranks
vendors against a buyer's criteria and explains every point and knock-out.
"""

from __future__ import annotations

from . import catalogue as _catalogue
from ._converter import converter, make_converter
from ._version import __version__
from .catalogue import Catalog
from .certifications import Certification, Domain, Kind, Obligation, Party, SchemeStatus
from .criteria import CRITERIA, Better, BuyerCriteria, Figure, Need, Scoring
from .decisions import (
    RECORD_FORMAT,
    DecisionRecord,
    Replay,
    dump_record,
    load_record,
    make_record,
    replay,
)
from .errors import CallcenterCertsError, InputError, Problem, UnknownCertificationError
from .files import Limits
from .findings import Finding
from .loaders import (
    dump_criteria,
    dump_vendors,
    load_catalog,
    load_criteria,
    load_vendors,
    read_builtin_catalog,
)
from .ranking import RankedVendor, Ranking, rank_vendors
from .schema import criteria_schema, vendors_schema
from .scoring import CriterionScore, ScoringPlan, VendorScore, check_criteria, score_vendor
from .tables import Table, distinctions_table
from .vendors import CertificateStatus, HeldCertificate, Site, Vendor

__all__ = [
    "CATALOG",
    "CRITERIA",
    "RECORD_FORMAT",
    "Better",
    "BuyerCriteria",
    "CallcenterCertsError",
    "Catalog",
    "CertificateStatus",
    "Certification",
    "CriterionScore",
    "DecisionRecord",
    "Domain",
    "Figure",
    "Finding",
    "HeldCertificate",
    "InputError",
    "Kind",
    "Limits",
    "Need",
    "Obligation",
    "Party",
    "Problem",
    "RankedVendor",
    "Ranking",
    "Replay",
    "SchemeStatus",
    "Scoring",
    "ScoringPlan",
    "Site",
    "Table",
    "UnknownCertificationError",
    "Vendor",
    "VendorScore",
    "__version__",
    "check_criteria",
    "converter",
    "criteria_schema",
    "distinctions_table",
    "dump_criteria",
    "dump_record",
    "dump_vendors",
    "load_catalog",
    "load_criteria",
    "load_record",
    "load_vendors",
    "make_converter",
    "make_record",
    "rank_vendors",
    "replay",
    "score_vendor",
    "vendors_schema",
]


_catalogue.provide_builtin(read_builtin_catalog)

CATALOG: Catalog
"""The built-in catalogue, shipped as ``data/certifications.toml`` in the package.

Read from its data file the first time it is used (by this name, or by a function
called without ``catalog=``): ``import callcenter_certs`` stays quick."""


def __dir__() -> list[str]:
    return __all__


def __getattr__(name: str) -> object:
    if name == "CATALOG":  # read when first used
        return _catalogue.builtin_catalog()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
