"""resolvers.courses: a course survives the Redis cache's JSON round trip unchanged."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import orjson

from datasources.postgres.records import CourseRecord
from datasources.redis.store import dumps
from resolvers.courses import course_from_cache, course_to_cache


def test_a_course_reads_back_from_its_cache_entry_as_it_was_stored() -> None:
    record = CourseRecord(
        id=uuid4(),
        user_id=uuid4(),
        title="Linear algebra",
        description=None,
        target_audience="first year",
        difficulty_level="beginner",
        duration_weeks=12,
        hours_per_week=4,
        language="en",
        status="published",
        outline={"weeks": [{"week": 1, "topics": ["vectors", {"nested": [1, 2.5, None]}]}]},
        learning_objectives=[{"text": "solve systems", "bloom": "apply"}],
        prerequisites=None,
        assessment_methods=[],
        resources=[{"title": "线性代数", "url": "https://example.org"}],
        metadata={"source": "seed"},
        published_at=datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
        created_at=datetime(2025, 12, 1, tzinfo=UTC),
        updated_at=None,
    )
    entry = orjson.loads(dumps(course_to_cache(record)))  # as the cache writes it
    assert course_from_cache(entry) == record
