"""File storage for uploads and exports: the FileStore interface and its local folder."""

from datasources.files.base import (
    CHUNK_SIZE,
    FileStore,
    FileStoreError,
    FileTooLarge,
    InvalidKey,
    MissingFile,
    StoredFile,
    check_key,
)
from datasources.files.local import LocalFileStore

__all__ = [
    "CHUNK_SIZE",
    "FileStore",
    "FileStoreError",
    "FileTooLarge",
    "InvalidKey",
    "LocalFileStore",
    "MissingFile",
    "StoredFile",
    "check_key",
]
