"""Course exports: a stored course to PDF, DOCX, HTML or Markdown (docs/courses.md)."""

from datasources.files.exports import (
    EXTENSIONS,
    FORMATS,
    MEDIA_TYPES,
    ExportFormat,
    content_disposition,
    export_filename,
)
from jobs.rendering.course import ExportCourse
from jobs.rendering.render import render

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "ExportCourse",
    "ExportFormat",
    "content_disposition",
    "export_filename",
    "render",
]
