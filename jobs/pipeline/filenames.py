"""A file name safe to store and show: no directories, control characters or odd lengths."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

MAX_NAME_CHARS = 200
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\/]')


def safe_filename(name: str, *, fallback: str = "document") -> str:
    """The last path component of `name`, NFC, without control or reserved characters.

    Both separators count (a Windows client sends `C:\\dir\\file.pdf`); a name that is
    nothing but dots or separators becomes `fallback`. The extension survives trimming.
    """
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name:
        return fallback
    if len(name) > MAX_NAME_CHARS:
        suffix = PurePath(name).suffix[:16]
        name = name[: MAX_NAME_CHARS - len(suffix)].rstrip(" .") + suffix
    return name
