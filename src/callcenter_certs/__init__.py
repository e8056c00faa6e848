"""Choose a call-centre vendor on its quality certifications, and say why.

The catalogue says what each certification means; the scoring engine ranks
vendors against a buyer's criteria and explains every point and knock-out.
"""

from __future__ import annotations

from ._converter import converter
from ._version import __version__
from .catalogue import CATALOG, Catalog, load_catalog
from .certifications import Certification, Domain, Kind, Obligation, Party, SchemeStatus
from .criteria import CRITERIA, Better, BuyerCriteria, Figure, Need, Scoring
from .errors import CallcenterCertsError, InputError, Problem, UnknownCertificationError
from .files import Limits
from .findings import Finding
from .loaders import dump_criteria, dump_vendors, load_criteria, load_vendors
from .ranking import RankedVendor, Ranking, rank_vendors
from .schema import criteria_schema, vendors_schema
from .scoring import CriterionScore, ScoringPlan, VendorScore, check_criteria, score_vendor
from .sensitivity import (
    Acceptability,
    CertificateDependence,
    Sensitivity,
    Tipping,
    WeightRange,
    acceptability,
    sensitivity,
)
from .tables import Table, distinctions_table
from .vendors import CertificateStatus, HeldCertificate, Site, Vendor

__all__ = [
    "CATALOG",
    "CRITERIA",
    "Acceptability",
    "Better",
    "BuyerCriteria",
    "CallcenterCertsError",
    "Catalog",
    "CertificateDependence",
    "CertificateStatus",
    "Certification",
    "CriterionScore",
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
    "SchemeStatus",
    "Scoring",
    "ScoringPlan",
    "Sensitivity",
    "Site",
    "Table",
    "Tipping",
    "UnknownCertificationError",
    "Vendor",
    "VendorScore",
    "WeightRange",
    "__version__",
    "acceptability",
    "check_criteria",
    "converter",
    "criteria_schema",
    "distinctions_table",
    "dump_criteria",
    "dump_vendors",
    "load_catalog",
    "load_criteria",
    "load_vendors",
    "rank_vendors",
    "score_vendor",
    "sensitivity",
    "vendors_schema",
]


def __dir__() -> list[str]:
    return __all__
