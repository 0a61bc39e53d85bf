"""The progress event format both sides use: channels, encode/decode, stored state."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from datasources.postgres.records import GenerationTaskRecord
from datasources.redis.progress import (
    ProgressEvent,
    decode,
    encode,
    event_from_task,
    progress_channel,
    task_channel,
)

TASK = uuid.UUID(int=7)
DOC = uuid.UUID(int=8)
COURSE = uuid.UUID(int=9)
AT = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def test_channels_are_the_seeds_and_named_after_the_subject() -> None:
    assert task_channel("document_processing", TASK, {"document_id": str(DOC)}) == (
        f"pubsub:document_processing:{DOC}"
    )
    assert task_channel("course_generation", TASK, {"course_id": str(COURSE)}) == (
        f"pubsub:course_generation:{COURSE}"
    )
    assert task_channel("export", TASK, {"course_id": str(COURSE)}) == f"pubsub:export:{COURSE}"
    # No usable subject (missing, not a UUID, not a mapping): the task's own id.
    assert task_channel("export", TASK, {"course_id": "nope"}) == f"pubsub:export:{TASK}"
    assert task_channel("export", TASK, None) == f"pubsub:export:{TASK}"
    with pytest.raises(ValueError, match="unknown task type"):
        progress_channel("pubsub:*", TASK)


def test_an_event_survives_encoding_and_others_are_ignored() -> None:
    event = ProgressEvent(TASK, "processing", "embedding", 40.0, "half way", AT)
    assert decode(TASK, encode(event)) == event
    assert decode(uuid.UUID(int=1), encode(event)) is None  # another task's event
    assert decode(TASK, {**encode(event), "at": "yesterday"}) is None
    sparse = decode(TASK, {"task_id": str(TASK), "percent": "40", "at": AT.isoformat()})
    assert sparse == ProgressEvent(TASK, "processing", None, None, None, AT)


def test_stored_state_is_the_first_event() -> None:
    task = GenerationTaskRecord(
        id=TASK, user_id=uuid.UUID(int=1), task_type="document_processing", status="processing",
        priority=0, payload={"document_id": str(DOC)},
        result={"stage": "chunking", "progress": 20, "message": "page 3"},
        error_message=None, retry_count=0, max_retries=3, started_at=None, completed_at=None,
        created_at=AT, updated_at=AT,
    )  # fmt: skip
    assert event_from_task(task) == ProgressEvent(
        TASK, "processing", "chunking", 20.0, "page 3", AT
    )
    done = event_from_task(replace(task, status="completed", error_message=None))
    assert done.percent == 100.0
    failed = event_from_task(replace(task, status="failed", error_message="bad PDF"))
    assert failed.message == "bad PDF"
