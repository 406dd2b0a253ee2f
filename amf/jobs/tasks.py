"""The one task on the queue. It carries a job's id; the job's row holds everything else."""

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    """Run background job `job_id` (see amf.jobs.runner)."""
    from amf.jobs.runner import job_run

    job_run(job_id)
