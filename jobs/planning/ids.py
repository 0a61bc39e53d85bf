"""Ids of what a plan creates, derived from the course id: regenerating keeps them."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "curriculum-gateway/course-plan")


def plan_id(course_id: str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join([course_id, *map(str, parts)])))
