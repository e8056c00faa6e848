"""criteria: the buyer's criteria, their defaults and weights."""

import pytest

from callcenter_certs import BuyerCriteria, Need


def test_criteria_defaults_and_weights() -> None:
    """Missing weights are 1; weights are read-only and stored as floats."""
    criteria = BuyerCriteria(csr=Need.PREFER, weights={"france_only": 3})
    assert criteria.weight("csr") == 1.0
    assert criteria.weight("france_only") == 3.0
    assert criteria.need("preferred_certifications") is Need.IGNORE
    with pytest.raises(TypeError):
        criteria.weights["csr"] = 2  # type: ignore[index]
