"""The fault drill's judgement of an answer: silent data loss against the baseline,
refused requests, failures by store, and recovery time (bench/drill.py)."""

from __future__ import annotations

from typing import Any

from bench.drill import Answer, Load, error_stores, lost_data, pause_report, recovery

BASELINE: dict[str, Any] = {
    "data": {"course": {"title": "Algebra", "concepts": [{"title": "a"}, {"title": "b"}]}}
}


def answer(body: dict[str, Any] | None, *, status: int = 200, at: float = 0.0) -> Answer:
    return Answer("graph", at, 0.01, status, body)


def test_an_answer_equal_to_the_baseline_lost_nothing() -> None:
    assert not lost_data(answer(BASELINE), BASELINE)


def test_a_field_failed_with_an_error_on_its_path_is_not_silent_loss() -> None:
    unavailable = {"code": "UPSTREAM_UNAVAILABLE", "store": "neo4j"}
    body = {
        "data": {"course": {"title": "Algebra", "concepts": None}},
        "errors": [{"path": ["course", "concepts"], "extensions": unavailable}],
    }
    assert not lost_data(answer(body), BASELINE)
    assert error_stores(body) == ["neo4j"]


def test_missing_items_or_values_without_an_error_are_silent_loss() -> None:
    shorter = {"data": {"course": {"title": "Algebra", "concepts": [{"title": "a"}]}}}
    nulled = {"data": {"course": {"title": None, "concepts": [{"title": "a"}, {"title": "b"}]}}}
    elsewhere = {**nulled, "errors": [{"path": ["course", "concepts"]}]}
    assert lost_data(answer(shorter), BASELINE)
    assert lost_data(answer(nulled), BASELINE)
    assert lost_data(answer(elsewhere), BASELINE)  # the error covers another field


def test_a_refused_request_is_counted_as_refused_not_as_loss() -> None:
    refused = {"errors": [{"extensions": {"code": "UPSTREAM_UNAVAILABLE", "store": "postgres"}}]}
    neo4j = {"store": "neo4j"}
    load = Load("http://x", "t", {}, baseline={"graph": BASELINE})
    load.answers = [
        answer(refused, status=503, at=1.0),
        answer({**BASELINE, "errors": [{"path": ["course"], "extensions": neo4j}]}, at=2.0),
        *(answer(BASELINE, at=t) for t in (12.0, 12.5, 13.0)),
    ]
    report = pause_report(load, "postgres", 0.0, 11.0)
    assert report.refused == {"503 postgres": 1}
    assert report.failed_by_store == {"neo4j": 1}
    assert report.other_store_failures == 1 and report.lost == 0
    assert recovery(load, 11.0) == 1.0  # the first of three baseline answers in a row
    assert recovery(load, 12.6) is None
