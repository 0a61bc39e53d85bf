"""Document entry points: one by id, a filtered page, a document's extractions."""

from __future__ import annotations

import strawberry

from datasources.postgres.documents import DocumentFilter
from resolvers import documents as document_resolvers
from resolvers.auth import require_principal
from resolvers.context import Info
from resolvers.ids import raw_id
from resolvers.prefetch import prefetch
from resolvers.validation import clean_text
from schema.common import DocumentStatus, PageInfo
from schema.document import Document, DocumentConnection, DocumentEdge, KnowledgeExtraction


@strawberry.input
class DocumentFilterInput:
    status: DocumentStatus | None = None
    language: str | None = None


@strawberry.type
class DocumentQueries:
    @strawberry.field
    async def document(self, info: Info, id: strawberry.ID) -> Document | None:
        require_principal(info.context, "documents:read")
        found = await document_resolvers.document(info.context, raw_id(id, "Document"))
        if found is None:
            return None
        await prefetch(info, "Document", [found])
        return Document.from_record(found)

    @strawberry.field
    async def documents(
        self,
        info: Info,
        filter: DocumentFilterInput | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> DocumentConnection:
        f = filter or DocumentFilterInput()
        language = clean_text(f.language, field="filter.language", max_length=10)
        where = DocumentFilter(status=f.status.value if f.status else None, language=language)
        rows, has_next, cursors = await document_resolvers.documents(
            info.context, where=where, first=first, after=after
        )
        await prefetch(info, "DocumentConnection", [rows])
        return DocumentConnection(
            edges=[
                DocumentEdge(cursor=c, node=Document.from_record(r))
                for r, c in zip(rows, cursors, strict=True)
            ],
            page_info=PageInfo.of(has_next, cursors),
        )

    @strawberry.field
    async def knowledge_extractions(
        self, info: Info, document_id: strawberry.ID
    ) -> list[KnowledgeExtraction]:
        require_principal(info.context, "documents:read")
        doc_id = raw_id(document_id, "Document")
        if await document_resolvers.document(info.context, doc_id) is None:
            return []
        rows = await document_resolvers.extractions(info.context, doc_id, None)
        return [KnowledgeExtraction.from_record(r) for r in rows]
