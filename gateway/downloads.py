"""GET /exports/{id}/download?u=..&expires=..&sig=..: an export's file, streamed.

The signed link is the credential (datasources/downloads.py, docs/security.md): a
teacher clicks it in a browser, which sends no Authorization header. Checks, in order:

- 403 a link that is malformed or whose signature does not match (altered);
- 410 a genuine link past its expiry (ask for `downloadUrl` again);
- 403 a request signed in as someone else than the link's owner;
- 404 an export that no longer exists (its course was deleted, or it was purged);
- 403 an export that is not the link's owner's, or an owner no longer active;
- 409 an export whose file is not ready; 410 an export past `expires_at`, or whose
  file is gone.

Errors are JSON, shaped like every other error of the gateway. A download is streamed
from the FileStore in chunks, never read whole, with its Content-Type, its length and
a Content-Disposition that carries the UTF-8 file name. Every answer leaves an audit
row (`export.download`, the export, the link's owner, the status).
"""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from datasources.downloads import LinkProblem
from datasources.files import MissingFile
from datasources.files.exports import (
    MEDIA_TYPES,
    content_disposition,
    export_filename,
    export_format,
)
from datasources.stores import Stores
from gateway.security.responses import error_body


def _error(status: int, message: str, code: str) -> Response:
    return Response(
        error_body(message, code),
        status_code=status,
        media_type="application/json",
        headers={"cache-control": "no-store"},
    )


def _when(moment: float | datetime) -> str:
    value = moment if isinstance(moment, datetime) else datetime.fromtimestamp(moment, UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


async def download_export(request: Request) -> Response:
    stores: Stores = request.app.state.stores
    state: dict[str, Any] = request.scope.setdefault("state", {})
    state["audit_action"] = "export.download"
    with contextlib.suppress(ValueError):  # what was asked for, even by a forged link
        state["audit_resource"] = ("export", UUID(request.path_params["export_id"]))
    query = request.query_params
    now = time.time()
    link = stores.downloads.check(
        export_id=request.path_params["export_id"],
        user=query.get("u"),
        expires=query.get("expires"),
        sig=query.get("sig"),
        now=now,
    )
    if link is LinkProblem.TAMPERED:
        return _error(403, "this download link is not valid: it was altered or is incomplete; "
                      "ask for the export's downloadUrl again", "FORBIDDEN")  # fmt: skip
    if link is LinkProblem.EXPIRED:
        expired = _when(float(query.get("expires") or 0))
        return _error(410, f"this download link expired at {expired}; ask for the export's "
                      "downloadUrl again for a fresh one", "LINK_EXPIRED")  # fmt: skip
    assert not isinstance(link, LinkProblem)
    state["signed_in_user_id"] = link.user_id
    principal = state.get("principal")
    if principal is not None and principal.user_id != link.user_id:
        return _error(403, "this download link belongs to another user", "FORBIDDEN")
    found = await stores.exports.for_download(link.export_id)
    if found is None:
        return _error(404, "this export no longer exists: its course was deleted, or the "
                      "export was purged after it expired", "NOT_FOUND")  # fmt: skip
    export, title = found
    owner = (await stores.users.by_ids([link.user_id])).get(link.user_id)
    if export.user_id != link.user_id or owner is None or not owner.is_active:
        return _error(403, "this download link is not valid for this export", "FORBIDDEN")
    if export.status != "completed" or not export.file_path:
        return _error(409, f"this export is not ready (status {export.status})", "NOT_READY")
    if export.expires_at is None or export.expires_at.timestamp() <= now:
        when = _when(export.expires_at) if export.expires_at else "an unknown time"
        return _error(410, f"this export expired at {when}; export the course again",
                      "EXPORT_EXPIRED")  # fmt: skip
    try:
        size = await stores.files.size(export.file_path)
    except MissingFile:
        return _error(410, "this export's file is gone; export the course again", "EXPORT_GONE")
    fmt = export_format(export.format)
    state["audit_metadata"] = {"format": fmt, "bytes": size}
    return StreamingResponse(
        stores.files.read(export.file_path),
        media_type=MEDIA_TYPES[fmt],
        headers={
            "content-length": str(size),
            "content-disposition": content_disposition(export_filename(title, fmt)),
            "cache-control": "private, no-store",
            # An HTML export is a document of its own, never a page of this origin.
            "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'",
        },
    )
