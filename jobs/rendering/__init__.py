"""Course exports: a stored course to PDF, DOCX, HTML or Markdown (docs/courses.md)."""

from jobs.rendering.course import ExportCourse
from jobs.rendering.filenames import content_disposition, export_filename
from jobs.rendering.render import EXTENSIONS, FORMATS, MEDIA_TYPES, ExportFormat, render

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
