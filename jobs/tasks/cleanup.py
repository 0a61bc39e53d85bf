"""arq entry point of `JobName.CLEAN_UP_DOCUMENT`: a soft-deleted document leaves the stores.

`deleteDocument` marks the row deleted (every read hides it at once) and queues this job
with `{"document_id": ...}`. It removes, in an order that a second run can finish:

1. the vectors of concepts only this document supports (before their nodes go, so a
   run killed in between still finds them next time);
2. in one Neo4j transaction: the document off its RELATES_TO / PREREQUISITE edges (edges
   no document supports any more are deleted), its EXTRACTED_FROM edges, the concepts
   left with no source (with their edges, CONTAINS placements included), the Document node;
3. its DocumentChunk vectors; its knowledge_extractions and course_documents rows;
4. the cached extracted text and the cached courses that lost a concept or the document.

The row itself stays (the retention job purges it a year after deletion). Running the
job again finds nothing more to remove. A document that is not deleted is refused.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any
from uuid import UUID

from arq import Retry

from datasources.errors import UpstreamUnavailable
from datasources.redis.queue import DocumentPayload
from datasources.redis.store import document_cache_key
from jobs.state import job, lease
from jobs.tasks.document_ingest import forget_courses, restore_vectors
from jobs.tasks.ports import DocumentPorts, ports_for
from jobs.tasks.retries import BadJob, delay, read_payload

log = logging.getLogger("jobs.documents")


async def clean_up_document(ctx: dict[str, Any], payload: Any) -> dict[str, Any]:
    current = job(ctx)
    document_id = read_payload(DocumentPayload.from_json, payload, current.job_id).document_id
    ports = ports_for(current)
    async with lease(current):
        try:
            document = await ports.rows.document(document_id)
            if document is not None and document.status != "deleted":
                raise BadJob(f"document {document_id} is not deleted; refusing to clean it up")
            return await remove_document(ports, document_id)
        except UpstreamUnavailable as exc:
            if current.attempt >= current.settings.worker.max_tries:
                raise
            seconds = delay(current.settings, current.attempt)
            log.warning("cleanup of %s: %s; retrying in %.0f s", document_id, exc, seconds)
            raise Retry(defer=seconds) from exc


async def remove_document(ports: DocumentPorts, document_id: UUID) -> dict[str, Any]:
    """Everything the document added, gone; what was removed, counted."""
    doomed = await ports.graph.sole_source_concepts(document_id, keep=[])
    await ports.vectors.delete_concepts(doomed)
    outcome = await ports.graph.remove(document_id)
    await restore_vectors(ports, set(doomed) - set(outcome.removed))
    chunks = await ports.vectors.delete_document(document_id)
    removed = await ports.rows.remove_rows(document_id)
    extractions, linked = removed if removed is not None else (0, [])
    with contextlib.suppress(UpstreamUnavailable):  # a cache entry expires within 6 hours
        await ports.redis.delete(document_cache_key(document_id))
    await forget_courses(ports, sorted({*outcome.courses, *linked}))
    summary = {
        "document_id": str(document_id),
        "concepts_removed": len(outcome.removed),
        "chunks_removed": chunks,
        "extractions_removed": extractions,
        "course_links_removed": len(linked),
        "courses_changed": len({*outcome.courses, *linked}),
    }
    log.info("document %s cleaned up: %s", document_id, summary)
    return summary
