"""How stable the winner is: hand-checked weight ranges, tipping, leave-one-out, SMAA-2."""

import copy
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest

from callcenter_certs import (
    Acceptability,
    BuyerCriteria,
    CertificateDependence,
    Figure,
    HeldCertificate,
    InputError,
    Need,
    Ranking,
    Sensitivity,
    Tipping,
    Vendor,
    WeightRange,
    acceptability,
    converter,
    load_criteria,
    load_vendors,
    rank_vendors,
    sensitivity,
)
from callcenter_certs.cli import _DEMO_DATE, _demo_file, run
from callcenter_certs.decisions import dump_record, load_record, make_record, replay

ON = dt.date(2026, 6, 1)
TECHNICAL = Figure("technical", out_of=20)
DELAY = Figure("delay", out_of=10)


def two(weights: dict[str, float] | None = None, **offers: tuple[float, float]) -> Ranking:
    """A: technical 0.8, delay 0.4; B: technical 0.6, delay 0.8 (unless given)."""
    values = {"A": (16, 4), "B": (12, 8)} | offers
    vendors = [Vendor(n, figures={"technical": t, "delay": d}) for n, (t, d) in values.items()]
    criteria = BuyerCriteria(
        figures=[TECHNICAL, DELAY], weights=weights or {"technical": 3, "delay": 1}
    )
    return rank_vendors(vendors, criteria, on=ON)


def demo() -> tuple[
    Ranking,
    list[Vendor],
    BuyerCriteria,
]:
    vendors = load_vendors(_demo_file("vendors.json"))
    criteria = load_criteria(_demo_file("criteria.toml"))
    return rank_vendors(vendors, criteria, on=_DEMO_DATE), vendors, criteria


def test_two_vendors_by_hand() -> None:
    # Totals: A scores 70 (3 times 0.8 plus 0.4, over 4), B scores 65.
    # technical w: 0.4 + 0.8 w > 0.8 + 0.6 w  <=>  w > 2.
    # delay w: 2.4 + 0.4 w > 1.8 + 0.8 w  <=>  w < 1.5.
    result = sensitivity(two())
    assert result.winners == ("A",)
    assert result.weights == (
        WeightRange("technical", 3.0, 2.0, None),
        WeightRange("delay", 1.0, 0.0, 1.5),
    )
    # B first: technical down to 2 (a third less) or delay up to 1.5 (half more).
    assert result.tipping == (Tipping("B", "technical", 2.0),)
    assert result.without_criterion == {"technical": ("B",), "delay": ("A",)}
    assert result.without_certificate == ()


def test_tipping_weights_make_the_vendor_co_first() -> None:
    ranking = two(weights={"technical": 2, "delay": 1})
    assert {e.vendor.name: e.rank for e in ranking} == {"A": 1, "B": 1}
    assert sensitivity(two(weights={"technical": 1.5, "delay": 1})).winners == ("B",)


def test_tied_winners_that_a_criterion_separates_hold_only_at_its_weight() -> None:
    result = sensitivity(two(weights={"technical": 2, "delay": 1}))
    assert result.winners == ("A", "B")
    assert result.weights == (
        WeightRange("technical", 2.0, 2.0, 2.0),
        WeightRange("delay", 1.0, 1.0, 1.0),
    )
    assert result.tipping == ()


def test_identical_tied_winners_keep_their_tie() -> None:
    result = sensitivity(two(B=(16, 4), C=(12, 8)))
    assert result.winners == ("A", "B")
    assert result.weights[0] == WeightRange("technical", 3.0, 2.0, None)
    assert result.tipping == (Tipping("C", "technical", 2.0),)


def test_a_weight_of_zero_and_a_criterion_alone() -> None:
    result = sensitivity(two(weights={"technical": 1, "delay": 0}))
    assert result.weights == (
        WeightRange("technical", 1.0, 0.0, None),  # alone, it can go down to 0 (excluded)
        WeightRange("delay", 0.0, 0.0, 0.5),  # 0.8 + 0.4 w > 0.6 + 0.8 w  <=>  w < 0.5
    )
    assert result.tipping == (Tipping("B", "delay", 0.5),)
    # Without technical, nothing is weighted: every eligible vendor scores 100.
    assert result.without_criterion == {"technical": ("A", "B"), "delay": ("A",)}


def test_no_single_weight_can_tip_a_dominated_vendor() -> None:
    result = sensitivity(two(C=(10, 3)))
    assert result.tipping == (Tipping("B", "technical", 2.0), Tipping("C", None, None))


def test_no_eligible_vendor_and_nothing_weighted_give_a_plain_result() -> None:
    nobody = rank_vendors(
        [Vendor("A")], BuyerCriteria(figures=[TECHNICAL], weights={"technical": 1}), on=ON
    )
    assert sensitivity(nobody) == Sensitivity(winners=())
    flat = rank_vendors([Vendor("B"), Vendor("A")], BuyerCriteria(), on=ON)
    assert sensitivity(flat) == Sensitivity(winners=("A", "B"))
    assert acceptability(nobody).shares == {}
    sampled = acceptability(flat, samples=10)
    assert sampled.shares == {"A": (1.0, 0.0), "B": (1.0, 0.0)}
    assert sampled.central_weights == {"A": {}, "B": {}}


def test_a_winner_depending_on_one_certificate() -> None:
    nf = HeldCertificate("nf-345", dt.date(2025, 1, 1), certificate_number="N-1")
    other = HeldCertificate("iso-9001", dt.date(2025, 1, 1))
    criteria = BuyerCriteria(results_obligation=Need.PREFER, figures=[TECHNICAL])
    vendors = [
        Vendor("A", [nf, other], figures={"technical": 12}),
        Vendor("B", figures={"technical": 16}),
    ]
    result = sensitivity(rank_vendors(vendors, criteria, on=ON))
    assert result.winners == ("A",)
    assert result.without_certificate == (
        CertificateDependence("A", "nf-345", "N-1", ("B",)),
    )  # iso-9001 gives nothing here: rejecting it changes nothing


def test_the_demo_award() -> None:
    ranking, _, _ = demo()
    result = sensitivity(ranking)
    assert result.winners == ("Atlantide Contact",)
    price = result.weights[3]
    assert price.criterion == "price"
    assert price.low == pytest.approx(33.6315, abs=1e-4)
    assert price.high == pytest.approx(69.2468, abs=1e-4)
    assert result.without_criterion["price"] == ("Hermine Écoute",)
    assert [d.certification for d in result.without_certificate] == [
        "iso-18295-1",
        "nf-345",
        "lrs",
    ]
    # The bounds are tie points: there Hermine (or Isthme) joins the winner.
    assert ranking.criteria is not None
    for vendor, weight in (("Hermine Écoute", price.low), ("Isthme Offshore Services", price.high)):
        assert weight is not None
        criteria = attrs.evolve(
            ranking.criteria, weights={**ranking.criteria.weights, "price": weight}
        )
        again = rank_vendors([e.vendor for e in ranking], criteria, on=ranking.on)
        assert {e.vendor.name for e in again if e.rank == 1} == {"Atlantide Contact", vendor}


def test_a_ranking_read_back_from_a_record_must_be_ranked_again() -> None:
    ranking, _, _ = demo()
    back = converter.structure(converter.unstructure(ranking), Ranking)
    assert back == ranking
    assert back.criteria is None
    with pytest.raises(InputError, match="rank the vendors again with rank_vendors"):
        sensitivity(back)
    with pytest.raises(InputError, match="does not carry its criteria and catalogue"):
        acceptability(back)


def test_acceptability_by_hand() -> None:
    # Weights (t, 1 - t): A >= B  <=>  0.4 + 0.4 t >= 0.8 - 0.2 t  <=>  t >= 2/3.
    result = acceptability(two(), samples=20_000, seed=3)
    assert result.shares["A"][0] == pytest.approx(1 / 3, abs=0.015)
    assert result.shares["B"][0] == pytest.approx(2 / 3, abs=0.015)
    for shares in result.shares.values():
        assert sum(shares) == pytest.approx(1)
    assert result.central_weights["A"]["technical"] == pytest.approx(5 / 6, abs=0.01)
    assert result.central_weights["B"]["technical"] == pytest.approx(1 / 3, abs=0.01)


def test_acceptability_is_pinned_for_a_seed() -> None:
    """The same floats on every platform: only random(), sorting, + and *."""
    ranking, _, _ = demo()
    result = acceptability(ranking, samples=1_000, seed=0)
    assert result == acceptability(ranking, samples=1_000, seed=0)
    assert result.shares["Atlantide Contact"][:2] == (0.491, 0.49)
    assert result.shares["Hermine Écoute"][:2] == (0.455, 0.443)
    assert acceptability(ranking, samples=1_000, seed=1) != result


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"samples": 0}, "samples: 0 is not a whole number >= 1"),
        ({"samples": True}, "samples: True is not a whole number >= 1"),
        ({"seed": 1.5}, "seed: 1.5 is not a whole number"),
    ],
)
def test_acceptability_refuses_bad_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        acceptability(two(), **options)


def test_results_round_trip_pickle_and_copy() -> None:
    ranking, _, _ = demo()
    for value in (sensitivity(ranking), acceptability(ranking, samples=100)):
        assert converter.structure(converter.unstructure(value), type(value)) == value
        assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own bytes
        assert copy.deepcopy(value) == value
    assert isinstance(acceptability(ranking, samples=10), Acceptability)


def test_records_hold_the_summary_and_replay_checks_it(tmp_path: Path) -> None:
    ranking, vendors, criteria = demo()
    record = make_record(vendors, criteria, ranking)
    assert record.sensitivity == sensitivity(ranking)
    path = tmp_path / "record.json"
    dump_record(record, path)
    assert load_record(path) == record
    assert replay(load_record(path)).matches
    edited = attrs.evolve(
        record, sensitivity=attrs.evolve(record.sensitivity, winners=("Hermine Écoute",))
    )
    outcome = replay(edited)
    assert not outcome.matches
    assert outcome.differences == (
        "the record's content does not match its digest: it was edited after it was made",
        'sensitivity winners: ["Hermine Écoute"] -> ["Atlantide Contact"]',
    )
    # A record read back carries no catalogue: make_record ranks its inputs again.
    assert make_record(vendors, criteria, load_record(path).ranking).sensitivity == (
        record.sensitivity
    )


def test_an_older_record_without_the_summary_replays_with_a_note(tmp_path: Path) -> None:
    ranking, vendors, criteria = demo()
    data = converter.unstructure(make_record(vendors, criteria, ranking))
    del data["sensitivity"], data["digest"]  # older than both
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    outcome = replay(load_record(path))
    assert outcome.matches
    assert outcome.notes[-1:] == (
        "the record holds no sensitivity summary (an older record): not checked",
    )


def _cli(*argv: str) -> tuple[int, str, str]:
    import io  # noqa: PLC0415

    out, err = io.StringIO(), io.StringIO()
    return run(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_cli_sensitivity_json() -> None:
    vendors, criteria = _demo_file("vendors.json"), _demo_file("criteria.toml")
    code, out, _ = _cli(
        "sensitivity", str(vendors), "--criteria", str(criteria), "--on", "2026-11-27",
        "--samples", "200", "--seed", "7", "--format", "json",
    )  # fmt: skip
    assert code == 0
    document = json.loads(out)
    ranking, _, _ = demo()
    assert converter.structure(document["sensitivity"], Sensitivity) == sensitivity(ranking)
    assert converter.structure(document["acceptability"], Acceptability) == acceptability(
        ranking, samples=200, seed=7
    )
    code, out, _ = _cli(
        "sensitivity", str(vendors), "--criteria", str(criteria), "--samples", "0",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert "acceptability" not in json.loads(out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--samples", "-1"], "error: --samples: -1 is not a whole number >= 0\n"),
        (["--seed", "x"], "argument --seed: invalid int value: 'x'\n"),
        (["--format", "csv"], "argument --format: invalid choice: 'csv'"),
    ],
)
def test_cli_sensitivity_bad_input_is_one_line_exit_2(argv: list[str], message: str) -> None:
    vendors, criteria = _demo_file("vendors.json"), _demo_file("criteria.toml")
    code, out, err = _cli("sensitivity", str(vendors), "--criteria", str(criteria), *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_cli_sensitivity_needs_criteria() -> None:
    code, _, err = _cli("sensitivity", str(_demo_file("vendors.json")))
    assert code == 2
    assert "the following arguments are required: --criteria" in err
