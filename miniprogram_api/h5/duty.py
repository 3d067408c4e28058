"""The public H5 archive of a deputy (一人一档): card, totals and verified records only."""
from flask import request

from functions.shared import clock
from functions.duty import archive, rules
from functions.duty.messages import KIND_NAMES, LEVEL_NAMES, SOURCE_NAMES
from miniprogram_api.h5.base import bp, page


@bp.get("/h5/deputies/<deputy_id>")
def deputy_archive(deputy_id):
    """Anyone's view of a deputy's year: never the phone, nothing unverified."""
    data = archive.archive(actor=None, deputy_id=deputy_id, year=request.args.get("year"),
                           now=clock.now())
    this_year = rules.local_day(clock.now()).year
    return page("duty_archive.html", a=data, kinds=rules.KINDS, kind_names=KIND_NAMES,
                level_names=LEVEL_NAMES, source_names=SOURCE_NAMES,
                years=[str(y) for y in range(this_year, this_year - 5, -1)])
