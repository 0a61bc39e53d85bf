"""uploadDocument (the GraphQL multipart request spec), deleteDocument, reprocessDocument,
retryTask."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from resolvers import uploads as resolvers
from resolvers.context import Info
from resolvers.course_mutations import Problem
from resolvers.ids import from_global_id, to_global_id
from schema.document import Document
from schema.mutations.courses import DeleteResult
from schema.problems import Conflict, Deleted, InvalidInput, NotFound, to_problem
from schema.task import GenerationTask


@strawberry.type(
    description="The uploaded document (pending until the job has read it) and its task."
)
class DocumentUploaded:
    document: Document
    task: GenerationTask | None
    created: bool = strawberry.field(
        description="false: you had uploaded these bytes before; this is that document, "
        "and nothing new was stored or queued (reprocessDocument processes it again)"
    )


@strawberry.type(description="The document and its new processing task, queued.")
class DocumentReprocessing:
    document: Document
    task: GenerationTask


@strawberry.type(description="The task, queued again.")
class TaskRetried:
    task: GenerationTask


UploadDocumentResult = Annotated[
    DocumentUploaded | InvalidInput, strawberry.union("UploadDocumentResult")
]
ReprocessDocumentResult = Annotated[
    DocumentReprocessing | NotFound | Conflict, strawberry.union("ReprocessDocumentResult")
]
RetryTaskResult = Annotated[
    TaskRetried | NotFound | InvalidInput | Conflict, strawberry.union("RetryTaskResult")
]


def _problem(problem: Problem) -> NotFound | InvalidInput | Conflict:
    return to_problem(problem)


@strawberry.type
class DocumentMutations:
    @strawberry.mutation(
        description="Upload a PDF, DOCX, PPTX, ODT, ODP, EPUB, Markdown, Jupyter notebook, HTML, "
        "LaTeX, reStructuredText, AsciiDoc, Org, Typst, MediaWiki, DokuWiki, DocBook, JATS, "
        "PreTeXt, Textile (a Redmine wiki page), OPML outline, Evernote export (.enex), Moodle XML "
        "quiz, IMS QTI quiz, a manual page (troff -man), Excel or Calc glossary or Kahoot/Quizizz/"
        "问卷星 quiz sheet (.xlsx, .ods), Kindle clippings, captions (.srt, .vtt, Bilibili .json), "
        "Anki deck package (.apkg), zipped LaTeX project, SCORM package or Common Cartridge "
        "(.zip, .imscc), RTF or text file "
        "(multipart request; send the header Apollo-Require-Preflight). It is recognised by "
        "its content; "
        "`language`: en or zh-CN (detected when left out). A background job turns it "
        "into concepts; follow the task with taskProgress."
    )
    async def upload_document(
        self,
        info: Info,
        file: Upload,
        language: str | None = None,
        title: str | None = None,
    ) -> UploadDocumentResult:
        result = await resolvers.upload_document(
            info.context,
            file,  # starlette's UploadFile in a multipart request; anything in JSON
            language=language,
            title=title,
        )
        if isinstance(result, Problem):
            return _problem(result)  # type: ignore[return-value]
        return DocumentUploaded(
            document=Document.from_record(result.document),
            task=GenerationTask.from_record(result.task) if result.task else None,
            created=result.created,
        )

    @strawberry.mutation(
        description="Delete a document of yours: it leaves every query and search at "
        "once; a background job removes its chunks, concepts only it supported and its "
        "course links."
    )
    async def delete_document(self, info: Info, id: strawberry.ID) -> DeleteResult:
        document_id = from_global_id(id, expect="Document")[1]
        result = await resolvers.delete_document(info.context, document_id)
        if isinstance(result, Problem):
            return NotFound(message=result.message)
        return Deleted(id=strawberry.ID(to_global_id("Document", result)))

    @strawberry.mutation(
        description="Process a document of yours again from its stored file with the "
        "current reading and extraction rules (after an upgrade, say): a new task, to "
        "follow with taskProgress. The run replaces the document's text, chunks, "
        "concepts and extractions as it goes (concepts and extractions each in one "
        "step); what only the old run found is removed then, and nothing before the "
        "file is read again. Refused (Conflict) while the document is being processed."
    )
    async def reprocess_document(self, info: Info, id: strawberry.ID) -> ReprocessDocumentResult:
        document_id = from_global_id(id, expect="Document")[1]
        result = await resolvers.reprocess_document(info.context, document_id)
        if isinstance(result, Problem):
            return _problem(result)  # type: ignore[return-value]
        document, task = result
        return DocumentReprocessing(
            document=Document.from_record(document), task=GenerationTask.from_record(task)
        )

    @strawberry.mutation(
        description="Queue a failed task of yours again (or a pending one whose job was "
        "lost): document processing, course generation or export."
    )
    async def retry_task(self, info: Info, task_id: strawberry.ID) -> RetryTaskResult:
        parsed = from_global_id(task_id, expect="GenerationTask")[1]
        result = await resolvers.retry_task(info.context, parsed)
        if isinstance(result, Problem):
            return _problem(result)  # type: ignore[return-value]
        return TaskRetried(task=GenerationTask.from_record(result))
