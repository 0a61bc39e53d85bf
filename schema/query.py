"""Every part of the Query root, in field order, merged in schema/root.py."""

from __future__ import annotations

from schema.queries.concepts import ConceptQueries
from schema.queries.courses import CourseQueries
from schema.queries.documents import DocumentQueries
from schema.queries.nodes import NodeQueries
from schema.queries.search import SearchQueries
from schema.queries.tasks import TaskQueries
from schema.queries.viewer import ViewerQueries

# The order is the exported SDL's field order (schema.graphql).
QUERIES: tuple[type, ...] = (
    NodeQueries,
    ViewerQueries,
    CourseQueries,
    DocumentQueries,
    ConceptQueries,
    SearchQueries,
    TaskQueries,
)
