"""Signed download links and export options: pure checks."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from datasources.course_plans import GenerationRequest
from datasources.downloads import DownloadLinks, LinkProblem, SignedLink, check_link, signature
from datasources.exports import ExportOptions, InvalidOptions
from datasources.files.exports import export_format
from datasources.settings import Settings, SettingsError

SECRET = "a-test-secret-that-is-long-enough-0123456789"
EXPORT, USER = uuid.uuid4(), uuid.uuid4()
NOW = 1_800_000_000.0


def query_of(path: str) -> dict[str, str]:
    pairs = path.split("?", 1)[1].split("&")
    return dict(p.split("=", 1) for p in pairs)


def check(**change: Any) -> SignedLink | LinkProblem:
    expires = int(NOW) + 60
    values: dict[str, Any] = {
        "export_id": str(EXPORT),
        "user": str(USER),
        "expires": str(expires),
        "sig": signature(SECRET, export_id=EXPORT, user_id=USER, expires=expires),
        "now": NOW,
    }
    values.update(change)
    return check_link(SECRET, **values)


def test_a_genuine_link_passes_and_names_its_export_owner_and_expiry() -> None:
    assert check() == SignedLink(EXPORT, USER, int(NOW) + 60)


@pytest.mark.parametrize(
    "change",
    [
        {"export_id": str(uuid.uuid4())},  # moved to another export
        {"user": str(uuid.uuid4())},  # handed to another user
        {"expires": str(int(NOW) + 3600)},  # extended
        {"sig": "A" * 43},
        {"sig": ""},
        {"sig": None},
        {"sig": "é" * 43},
        {"sig": "A" * 500},
        {"user": None},
        {"user": "not-a-uuid"},
        {"expires": "soon"},
        {"expires": None},
        {"export_id": "../../etc/passwd"},
    ],
)
def test_anything_altered_or_missing_is_tampered(change: dict[str, Any]) -> None:
    assert check(**change) is LinkProblem.TAMPERED


def test_a_genuine_link_past_its_time_is_expired_and_a_forged_one_stays_tampered() -> None:
    assert check(now=NOW + 61) is LinkProblem.EXPIRED
    assert check(now=NOW + 61, sig="A" * 43) is LinkProblem.TAMPERED


def test_another_secret_signs_differently() -> None:
    expires = int(NOW) + 60
    mine = signature(SECRET, export_id=EXPORT, user_id=USER, expires=expires)
    assert signature(SECRET + "x", export_id=EXPORT, user_id=USER, expires=expires) != mine


def test_issued_links_last_their_ttl_but_never_past_the_export() -> None:
    links = DownloadLinks(SECRET, ttl_seconds=3600)
    long = query_of(links.path(export_id=EXPORT, user_id=USER, now=NOW, not_after=NOW + 86400))
    assert int(long["expires"]) == int(NOW) + 3600
    short = links.path(export_id=EXPORT, user_id=USER, now=NOW, not_after=NOW + 10)
    assert short.startswith(f"/exports/{EXPORT}/download?u={USER}&")
    fields = query_of(short)
    assert int(fields["expires"]) == int(NOW) + 10
    checked = links.check(
        export_id=str(EXPORT),
        user=fields["u"],
        expires=fields["expires"],
        sig=fields["sig"],
        now=NOW,
    )
    assert checked == SignedLink(EXPORT, USER, int(NOW) + 10)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("pdf", "options"),
        ([True], "options"),
        ({"includeDiagram": 1}, "options.includeDiagram"),
        ({"includeDiagram": None}, "options.includeDiagram"),
        ({"colour": True}, "options.colour"),
        ({"x" * 5000: True}, "options"),
        ({"includeDiagram": True, "pad": "y" * 2000}, "options"),
        ({"includeQuestions": "no"}, "options.includeQuestions"),
        ({"includeQuestions": False, "includeAnswers": 0}, "options.includeAnswers"),
        ({"includeanswers": False}, "options.includeanswers"),
    ],
)
def test_bad_export_options_name_the_culprit(raw: Any, field: str) -> None:
    with pytest.raises(InvalidOptions) as caught:
        ExportOptions.parse(raw)
    assert caught.value.field == field


def test_export_options_and_formats() -> None:
    assert ExportOptions.parse(None) == ExportOptions(include_diagram=True)
    assert ExportOptions.parse({}) == ExportOptions(include_diagram=True)
    parsed = ExportOptions.parse({"includeDiagram": False})
    assert parsed.to_json() == {"includeDiagram": False}
    assert ExportOptions.parse(parsed.to_json()) == parsed
    # the questions and their answer key are on unless turned off, and a row stores
    # only what was turned off beside includeDiagram
    assert ExportOptions.parse({}).include_questions and ExportOptions.parse({}).include_answers
    students = ExportOptions.parse({"includeAnswers": False})
    assert (students.include_questions, students.include_answers) == (True, False)
    assert students.to_json() == {"includeDiagram": True, "includeAnswers": False}
    assert ExportOptions.parse(students.to_json()) == students
    with pytest.raises(InvalidOptions, match="includeDiagram, includeQuestions, includeAnswers"):
        ExportOptions.parse({"paper": "A4"})
    assert export_format("docx") == "docx"
    with pytest.raises(ValueError, match="expected one of pdf, docx, html, markdown"):
        export_format("odt")


def test_a_generation_request_survives_the_task_payload() -> None:
    request = GenerationRequest(
        document_ids=(str(uuid.uuid4()),), duration_weeks=4, hours_per_week=3, title="统计",
        focus_concept_ids=(str(uuid.uuid4()),),
    )  # fmt: skip
    assert GenerationRequest.from_json(request.to_json()) == request
    bad_payloads: list[Any] = [None, [], {}, {"document_ids": [], "duration_weeks": "x"}]
    for bad in bad_payloads:
        with pytest.raises(ValueError, match="generation request"):
            GenerationRequest.from_json(bad)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CHAT_PROVIDER", "gpt"),
        ("CHAT_URL", "ftp://models.example"),
        ("CHAT_TIMEOUT_SECONDS", "0"),
        ("EXPORT_TTL_DAYS", "0"),
        ("EXPORT_LINK_TTL_SECONDS", "5"),
        ("WORKER_RETRY_BACKOFF_SECONDS", "-1"),
    ],
)
def test_bad_course_settings_name_their_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable):
        Settings.load(Path("/nonexistent.env"))


def test_the_chat_key_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAT_PROVIDER", "openai")
    monkeypatch.setenv("CHAT_API_KEY", "sk-very-secret")
    loaded = Settings.load(Path("/nonexistent.env"))
    assert loaded.chat.provider == "openai"
    assert "sk-very-secret" not in repr(loaded) and "sk-very-secret" not in str(loaded.chat)
    assert loaded.exports.ttl_days == 7 and loaded.exports.link_ttl_seconds == 3600
