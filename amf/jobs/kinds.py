"""The kinds of background job: each names the function that does the work.

Apps declare their kinds with `@job_kind(...)` in their own `jobs.py`, which their
AppConfig.ready() imports, so the web process (for labels and pages) and the worker (to run
them) know the same kinds.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


class JobProblem(Exception):
    """The job cannot do what was asked, for a reason the user can act on (a bad file).

    `message` says what failed in a sentence; `errors` may list the details (rows, columns).
    """

    def __init__(self, message: str, *, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class TemporaryProblem(JobProblem):
    """A failure that may pass (a mail server out of reach): the job is tried again later."""


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str | Promise
    run: Callable
    # Shown on the job's page once it has finished (done or failed), with `job` in context.
    template: str = ""
    # Seconds to wait before each further try after a TemporaryProblem.
    retry_delays: tuple[int, ...] = ()
    # Whether a failed job may be started again from its page.
    retryable: Callable = field(default=lambda job: True)


KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str,
    *,
    label,
    template: str = "",
    retry_delays: tuple[int, ...] = (),
    retryable: Callable | None = None,
):
    """Register the decorated function as the work of jobs of kind `name`.

    The function takes the Job and a Progress; it may set `job.outcome` and `job.message`,
    attach a file with `Progress.attach`, and raise JobProblem to fail with a clear report.
    """

    def register(run: Callable) -> Callable:
        KINDS[name] = JobKind(
            name=name,
            label=label,
            run=run,
            template=template,
            retry_delays=retry_delays,
            retryable=retryable or (lambda job: True),
        )
        return run

    return register


def kind_of(job) -> JobKind | None:
    return KINDS.get(job.kind)
