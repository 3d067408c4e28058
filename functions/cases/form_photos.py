"""Photos posted with a form whose render carries an Idempotency-Key: a unit's progress or
answer and a project's monthly progress on the staff pages, the H5 submit form.

A form posted again while its first post still runs (a double click, a browser's retry)
brings the same files, and neither post can see the other's move or case yet. So each file
is stored as an upload whose key derives from the form's key and the file's sha256
(functions/cases/upload_retries.py): the second post's conditional write of the FILE item
loses to the first's, gives its count back and answers the first's photo (once its file is
there, waited for about 1.5 s; else 409 `conflict`, the form still being handled), and
stores none of its own. No read comes first: a first post costs what an upload without a
key does, only a post sent again pays for finding its twin. The same file twice in one
form is one photo. A form sent across UTC midnight stores its photos anew (the day is part
of an upload's id); the case, move or report it makes is still one.
"""
import hashlib
from datetime import datetime

from functions.cases import upload_retries, uploads


def store(*, owner_id: str, form_key: str | None, data: bytes, filename: str | None,
          content_type: str | None, now: datetime) -> str:
    """The file id of this photo of the form: an earlier post's of it when there is one
    (a form without a key: a new upload)."""
    if not form_key:
        return uploads.store_upload(owner_id=owner_id, filename=filename,
                                    content_type=content_type, data=data, now=now)["file_id"]
    digest = hashlib.sha256(data).hexdigest()
    stored, _ = upload_retries.store(owner_id=owner_id, key=f"form\x1f{form_key}\x1f{digest}",
                                     data=data, now=now, digest=digest, read_first=False)
    return stored["file_id"]


def store_all(*, owner_id: str, form_key: str | None, files, now: datetime) -> list[str]:
    """The form's files (werkzeug FileStorage) as file ids, in order, each file once."""
    file_ids: list[str] = []
    for file in files:
        file_id = store(owner_id=owner_id, form_key=form_key, data=file.read(),
                        filename=file.filename, content_type=file.mimetype, now=now)
        if file_id not in file_ids:
            file_ids.append(file_id)
    return file_ids
