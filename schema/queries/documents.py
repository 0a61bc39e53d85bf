"""Document entry points: one by id, a filtered page, a document's extractions."""

from __future__ import annotations

from enum import Enum
from functools import partial
from typing import cast
from uuid import UUID

import strawberry

from datasources.postgres.documents import DocumentFilter
from datasources.postgres.documents import DocumentOrder as OrderKey
from resolvers import documents as document_resolvers
from resolvers.auth import require_principal
from resolvers.context import Info
from resolvers.ids import raw_id
from resolvers.prefetch import prefetch
from resolvers.validation import clean_text
from schema.common import DocumentStatus, PageInfo
from schema.compiled.read import ListPage, Objects, compiled
from schema.document import Document, DocumentConnection, DocumentEdge, KnowledgeExtraction


@strawberry.enum
class DocumentOrderField(Enum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    FILENAME = "filename"
    ID = "id"


@strawberry.input(description="Newest first unless told otherwise; ties break on the id.")
class DocumentOrder:
    field: DocumentOrderField = DocumentOrderField.CREATED_AT
    descending: bool = True


@strawberry.input
class DocumentFilterInput:
    status: DocumentStatus | None = None
    language: str | None = None


async def _document(info: Info, document_id: UUID) -> Document | None:
    found = await document_resolvers.document(info.context, document_id)
    if found is None:
        return None
    await prefetch(info, "Document", [found])
    return Document.from_record(found)


@strawberry.type
class DocumentQueries:
    @strawberry.field
    async def document(self, info: Info, id: strawberry.ID) -> Document | None:
        require_principal(info.context, "documents:read")
        document_id = raw_id(id, "Document")
        return compiled(
            info.context,
            Objects((("Document", document_id),), single=True),
            partial(_document, info, document_id),
        )

    @strawberry.field
    async def documents(
        self,
        info: Info,
        filter: DocumentFilterInput | None = None,
        order_by: DocumentOrder | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> DocumentConnection:
        ctx = info.context
        f = filter or DocumentFilterInput()
        order = order_by or DocumentOrder()
        language = clean_text(f.language, field="filter.language", max_length=10)
        where = DocumentFilter(status=f.status.value if f.status else None, language=language)
        field = cast(OrderKey, order.field.value)  # the enum's values are the keys
        window = document_resolvers.document_window(ctx, order=field, first=first, after=after)

        async def rows() -> DocumentConnection:
            found, has_next, cursors = await document_resolvers.documents(
                ctx, where=where, order=field, descending=order.descending, window=window
            )
            await prefetch(info, "DocumentConnection", [found])
            return DocumentConnection(
                edges=[
                    DocumentEdge(cursor=c, node=Document.from_record(r))
                    for r, c in zip(found, cursors, strict=True)
                ],
                page_info=PageInfo.of(has_next, cursors),
            )

        return compiled(ctx, ListPage(where, field, order.descending, window), rows)

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
