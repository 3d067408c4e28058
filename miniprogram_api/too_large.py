"""A body over the size limit: the contract's JSON 413 for the API, a page for people.

A phone posting the H5 form without JavaScript (which would have shrunk or refused the
photos first) lands here: it gets the H5 error page in Chinese with a way back to the
form, not JSON; the admin pages get theirs. The body is never read.
"""
from flask import render_template, request, url_for


def too_large_page():
    """(page, 413) for the H5 and admin pages; None where the JSON answer is due."""
    if request.accept_mimetypes.best == "application/json":
        return None
    if request.blueprint == "h5":
        # A submit form (/q/<code>) opens afresh at its own address; elsewhere: my cases.
        back = request.path if request.path.startswith("/q/") else url_for("h5.my_cases")
        return render_template("h5/error.html", code="payload_too_large", path=request.path,
                               back=back), 413
    if request.blueprint == "admin":
        return render_template("admin/error.html", title="上传的文件太大",
                               message="每张照片不超过10MB，请压缩或少选几张后重新提交。"), 413
    return None
