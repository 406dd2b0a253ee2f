"""The delegates app's background jobs: an import's preview and the import itself, and
exports, lists and badges of many delegates. See amf/jobs for how jobs run."""

import datetime as dt
import inspect
import io

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from amf import downloads
from amf.jobs.kinds import JobProblem, job_kind
from amf.jobs.services import job_attach_file, job_finish, job_start
from amf.models import Job
from delegates.models import ExportLog, Participation, SeatingPlan, StagedImport
from delegates.services import exports, seating_prints
from delegates.services.imports import delegates_import, delegates_import_plan
from delegates.services.staging import IMPORT, PREVIEW, staged_import_of
from delegates.spreadsheets import FileProblem, Table, read_table
from events.models import Forum

PREVIEW_ROWS = 300
ISSUES_SHOWN = 200
# A refused file's problems kept for their download (the planner stops looking further).
PROBLEMS_KEPT = 20000
EXPORT = "delegates.export"


def can_see_contacts(user) -> bool:
    # Imported here: the admin package imports this module for its actions.
    from delegates.admin.person import can_see_contact_details

    return can_see_contact_details(user)


def can_export_contacts(user) -> bool:
    from delegates.admin.person import can_export_contact_details

    return can_export_contact_details(user)


def engine_options(engine, **options) -> dict:
    """The options among `options` that the import engine accepts (`user`, for the history,
    and `progress`)."""
    accepted = inspect.signature(engine).parameters
    return {name: value for name, value in options.items() if name in accepted}


def staged_file(job: Job) -> StagedImport:
    staged = staged_import_of(job)
    if staged is None:
        raise JobProblem(
            _(
                "The uploaded file is no longer kept (files are kept for a day, and only the "
                "latest ones of each user). Upload it again."
            )
        )
    return staged


def open_table(staged: StagedImport) -> Table:
    data = staged.data
    # From here on only the table's reader holds the file, which lets it go once read.
    staged.data = None
    try:
        return read_table(staged.name, data.tobytes() if isinstance(data, memoryview) else data)
    except FileProblem as problem:
        raise JobProblem(problem.message) from None


def counted(table: Table, progress, *, then: str) -> None:
    """Report the rows read as the import reads them; once all are read, say `then`, the
    stage that follows, whose length is unknown."""
    rows, total = table.rows, table.size_hint

    def counting():
        for done, row in enumerate(rows, start=1):
            if done % 250 == 0:
                progress(done, max(total, done))
            yield row
        progress.step(then)

    table.rows = counting()


def plan_options(job: Job, engine, progress, table: Table, *, then: str) -> dict:
    """The engine's options. The rows are counted as they are read, and `then` names the
    stage that follows the reading; the engine reports how far it has read and written."""
    counted(table, progress, then=then)
    return engine_options(engine, user=job.user, progress=progress)


@job_kind(
    PREVIEW,
    label=gettext_lazy("Delegate import: preview"),
    template="delegates/includes/job_import_preview.html",
    # Previewing the same file again would find the same problems: upload a corrected one.
    retryable=lambda job: False,
)
def import_preview(job: Job, progress) -> None:
    """Check every row of the staged file and keep what importing it would do."""
    staged = staged_file(job)
    table = open_table(staged)
    progress.step(_("Reading and checking the rows."), total=table.size_hint)
    options = plan_options(
        job,
        delegates_import_plan,
        progress,
        table,
        then=_("Matching the rows with the forum's delegates."),
    )
    try:
        plan = delegates_import_plan(
            forum=staged.forum,
            table=table,
            include_contacts=can_see_contacts(job.user),
            **options,
        )
    except FileProblem as problem:
        raise JobProblem(problem.message) from None
    job.outcome = {
        "file": staged.name,
        "summary": plan.summary,
        "rows_total": len(plan.rows),
        "ignored_columns": plan.ignored_columns,
        "rows": [
            {"row": row.row, "action": row.action, "name": row.name, "changes": row.changes}
            for row in plan.rows[:PREVIEW_ROWS]
        ],
        "issues": [str(issue) for issue in plan.issues[:ISSUES_SHOWN]],
        "issues_total": len(plan.issues),
        # Row, column and message of each, for the list of problems to download.
        "problems": [
            [issue.row, issue.column, issue.message] for issue in plan.issues[:PROBLEMS_KEPT]
        ],
    }
    if plan.issues:
        job.message = ngettext(
            "The file has %(count)d problem; nothing can be imported until it is corrected.",
            "The file has %(count)d problems; nothing can be imported until they are corrected.",
            len(plan.issues),
        ) % {"count": len(plan.issues)}
    else:
        job.message = _("Checked %(rows)s rows: confirm the import below.") % {
            "rows": f"{len(plan.rows):,}"
        }


@job_kind(
    IMPORT,
    label=gettext_lazy("Delegate import"),
    template="delegates/includes/job_import.html",
    retryable=lambda job: staged_import_of(job, with_data=False) is not None,
)
def import_apply(job: Job, progress) -> None:
    """Import the staged file into its forum, all rows or none, then forget the file.

    The import, the file's deletion and the job's success are one transaction: a worker
    stopped half-way leaves nothing written, and the next one imports the file whole.
    """
    staged = staged_file(job)
    table = open_table(staged)
    progress.step(_("Checking and writing the rows."), total=table.size_hint)
    options = plan_options(
        job, delegates_import, progress, table, then=_("Writing the delegates to the database.")
    )
    try:
        with transaction.atomic():
            plan = delegates_import(
                forum=staged.forum,
                table=table,
                include_contacts=can_see_contacts(job.user),
                **options,
            )
            if not plan.applied:
                raise JobProblem(
                    ngettext(
                        "Nothing was imported: the file now has %(count)d problem (the list "
                        "changed since the preview). Correct the file and upload it again.",
                        "Nothing was imported: the file now has %(count)d problems (the list "
                        "changed since the preview). Correct the file and upload it again.",
                        len(plan.issues),
                    )
                    % {"count": len(plan.issues)},
                    errors=[str(issue) for issue in plan.issues[:ISSUES_SHOWN]],
                )
            StagedImport.objects.filter(pk=staged.pk).delete()
            job.outcome = {
                "file": staged.name,
                "summary": plan.summary,
                "rows_total": len(plan.rows),
                "changelist": reverse("admin:delegates_participation_changelist")
                + "?"
                + urlencode({"forum__id__exact": staged.forum_id}),
            }
            job_finish(
                job=job,
                state=Job.State.SUCCEEDED,
                message=_(
                    "Imported %(rows)s rows: %(create)s new, %(update)s updated, "
                    "%(unchanged)s unchanged."
                )
                % {
                    name: f"{value:,}"
                    for name, value in {"rows": len(plan.rows), **plan.summary}.items()
                },
            )
    except FileProblem as problem:
        raise JobProblem(problem.message) from None


# Exports, lists and badges: what each output is, and how it is made.
OUTPUTS = {
    "delegates_csv": (ExportLog.Kind.DELEGATES_CSV, "delegates", "csv", downloads.CSV),
    "delegates_xlsx": (ExportLog.Kind.DELEGATES_XLSX, "delegates", "xlsx", downloads.XLSX),
    "list_csv": (ExportLog.Kind.LIST_CSV, "delegate-list", "csv", downloads.CSV),
    "list_pdf": (ExportLog.Kind.LIST_PDF, "delegate-list", "pdf", downloads.PDF),
    "badges_a6": (ExportLog.Kind.BADGES_PDF, "badges", "pdf", downloads.PDF),
    "badges_a4": (ExportLog.Kind.BADGES_PDF, "badges", "pdf", downloads.PDF),
    "place_cards": (ExportLog.Kind.PLACE_CARDS_PDF, "place-cards", "pdf", downloads.PDF),
}


def file_name(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def export_content(output: str, participations, user, plan: SeatingPlan | None = None) -> bytes:
    """Make the file `output` names of `participations`; the export log records it.

    Place cards of a seating `plan` come in its seat order.
    """
    if output == "place_cards":
        return seating_prints.place_cards_pdf(participations=participations, plan=plan, user=user)
    if output in ("delegates_csv", "delegates_xlsx"):
        out = io.BytesIO()
        exports.delegates_export(
            participations=participations,
            fmt=exports.CSV if output == "delegates_csv" else exports.XLSX,
            out=out,
            include_contacts=can_export_contacts(user),
            user=user,
        )
        return out.getvalue()
    if output == "list_csv":
        return b"".join(exports.delegate_list_csv(participations=participations, user=user))
    if output == "list_pdf":
        return exports.delegate_list_pdf(participations=participations, user=user)
    return exports.badges_pdf(
        participations=participations, layout=output.removeprefix("badges_"), user=user
    )


def participations_export_start(
    *, user, participations, output: str, plan: SeatingPlan | None = None
) -> Job:
    """Start a background job making `output` (see OUTPUTS) of the selected participations.

    The selection is kept as ids, as it stands now; place cards of a seating `plan` keep
    its seat order. Side effects: a queued Job.
    """
    ids = list(participations.order_by().values_list("pk", flat=True))
    kind = OUTPUTS[output][0]
    return job_start(
        kind=EXPORT,
        title=ngettext("%(what)s: %(count)d delegate", "%(what)s: %(count)d delegates", len(ids))
        % {"what": ExportLog.Kind(kind).label, "count": len(ids)},
        user=user,
        forum=participations.sole_forum(),
        params={
            "output": output,
            "participations": ids,
            **({"plan": plan.pk} if plan is not None else {}),
        },
    )


@job_kind(EXPORT, label=gettext_lazy("Delegate export"))
def participations_export(job: Job, progress) -> None:
    output = job.params["output"]
    if output not in OUTPUTS:
        raise JobProblem(_("This kind of file is not known to this version."))
    ids = job.params["participations"]
    progress.step(
        ngettext(
            "Making the file of %(count)d delegate.",
            "Making the file of %(count)d delegates.",
            len(ids),
        )
        % {"count": len(ids)}
    )
    participations = Participation.objects.filter(pk__in=ids)
    plan = None
    if "plan" in job.params:
        plan = (
            SeatingPlan.objects.select_related("session__forum")
            .filter(pk=job.params["plan"])
            .first()
        )
        if plan is None:
            raise JobProblem(_("The seating plan no longer exists."))
    content = export_content(output, participations, job.user, plan)
    _kind, stem, extension, content_type = OUTPUTS[output]
    job_attach_file(
        job=job,
        content=content,
        filename=file_name(stem, extension),
        content_type=content_type,
    )
    job.message = _("The file is ready to download.")


LOGISTICS = "delegates.logistics"


def logistics_export_start(*, user, logistics, fmt: str) -> Job:
    """Start a background job making the protocol desk list `logistics` as `fmt` (csv, xlsx
    or pdf), in the active language. Side effects: a queued Job."""
    return job_start(
        kind=LOGISTICS,
        title=_("%(list)s (%(day)s): %(format)s")
        % {"list": logistics.title, "day": logistics.day_label, "format": fmt.upper()},
        user=user,
        forum=logistics.forum,
        params={
            "forum": logistics.forum.pk,
            "list": logistics.kind,
            "day": logistics.day.isoformat() if logistics.day else "",
            "format": fmt,
        },
    )


@job_kind(LOGISTICS, label=gettext_lazy("Protocol desk list"))
def logistics_export(job: Job, progress) -> None:
    from delegates.logistics import KINDS, logistics_list

    params = job.params
    if params.get("list") not in KINDS or params.get("format") not in exports.LOGISTICS_FORMATS:
        raise JobProblem(_("This kind of file is not known to this version."))
    # The lists hold the delegates' replies: asked again, in case the permission was withdrawn.
    if not can_see_contacts(job.user):
        raise JobProblem(_("You may no longer see the delegates' replies."))
    forum = Forum.objects.filter(pk=params["forum"]).first()
    if forum is None:
        raise JobProblem(_("The forum no longer exists."))
    day = dt.date.fromisoformat(params["day"]) if params["day"] else None
    progress.step(_("Making the list."))
    logistics = logistics_list(forum, params["list"], day)
    content = exports.logistics_export(logistics=logistics, fmt=params["format"], user=job.user)
    job_attach_file(
        job=job,
        content=content,
        filename=logistics.file_name(params["format"]),
        content_type=exports.LOGISTICS_CONTENT_TYPES[params["format"]],
    )
    job.message = _("The file is ready to download.")
