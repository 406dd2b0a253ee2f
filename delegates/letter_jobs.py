"""Letters for a selection of delegates, issued by a background job (see amf/jobs).

The job's file is one PDF, one letter after another, each on new pages: the desk prints
the batch in one go to sign it. Each letter is also kept on its own in the register
(IssuedLetter), to download again or to send to its delegate.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from amf import downloads
from amf.jobs.kinds import JobProblem, job_kind
from amf.jobs.services import job_attach_file, job_start
from amf.models import Job
from delegates.jobs import file_name
from delegates.models import IssuedLetter, Participation
from delegates.services.letters import letters_issue

LETTERS = "delegates.letters"
# Problems listed on the job's page; the count says how many there were in all.
PROBLEMS_SHOWN = 200


def letters_issue_start(*, user, participations, kind: str, language: str) -> Job:
    """Start a background job issuing a letter of `kind` in `language` to each of the
    selected participations (kept as ids, as the selection stands now).

    Side effects: a queued Job.
    """
    ids = list(participations.order_by().values_list("pk", flat=True))
    label = IssuedLetter.Kind(kind).label
    return job_start(
        kind=LETTERS,
        title=ngettext("%(what)s: %(count)d delegate", "%(what)s: %(count)d delegates", len(ids))
        % {"what": label, "count": len(ids)},
        user=user,
        forum=participations.sole_forum(),
        params={"kind": kind, "language": language, "participations": ids},
    )


@job_kind(LETTERS, label=gettext_lazy("Letters"))
def letters_issue_job(job: Job, progress) -> None:
    # Imported here: the admin package imports this module for its action.
    from delegates.admin.letters import may_issue_letters

    kind, language = job.params.get("kind"), job.params.get("language")
    if kind not in IssuedLetter.Kind.values or language not in IssuedLetter.Language.values:
        raise JobProblem(_("This kind of letter is not known to this version."))
    # A job started again after stopping half-way passes over the letters it issued.
    done = IssuedLetter.objects.filter(job=job).values("participation")
    participations = Participation.objects.filter(pk__in=job.params["participations"]).exclude(
        pk__in=done
    )
    # The letters hold passport details: asked again, in case the permission was withdrawn.
    if job.user is not None and not may_issue_letters(job.user):
        raise JobProblem(_("You may no longer issue letters."))
    if job.forum is None:
        raise JobProblem(
            _("Select delegates of one forum: each forum's letters have their own signatory.")
        )
    progress.step(_("Writing the letters."))
    result = letters_issue(
        forum=job.forum,
        participations=participations,
        kind=kind,
        language=language,
        user=job.user,
        job=job,
        progress=progress,
    )
    letters = IssuedLetter.objects.filter(job=job)
    if not result.letters and not letters.exists():
        raise JobProblem(
            _("No letter was issued: none of the selected delegates has what the letter needs."),
            errors=result.problems[:PROBLEMS_SHOWN],
        )
    if result.pdf:
        job_attach_file(
            job=job,
            content=result.pdf,
            filename=file_name(f"letters-{kind}-{language}", "pdf"),
            content_type=downloads.PDF,
        )
    job.errors = result.problems[:PROBLEMS_SHOWN]
    job.outcome = {"issued": len(result.letters), "passed_over": result.passed_over}
    job.message = ngettext(
        "%(count)d letter issued (%(first)s to %(last)s); the file holds them all.",
        "%(count)d letters issued (%(first)s to %(last)s); the file holds them all.",
        len(result.letters),
    ) % {
        "count": len(result.letters),
        "first": result.letters[0].reference if result.letters else "-",
        "last": result.letters[-1].reference if result.letters else "-",
    }
    if result.passed_over:
        job.message += " " + ngettext(
            "%(count)d delegate was passed over: see the problems below.",
            "%(count)d delegates were passed over: see the problems below.",
            result.passed_over,
        ) % {"count": result.passed_over}
