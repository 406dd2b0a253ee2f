"""Background jobs: long work (imports, large exports and PDFs, email) runs on a durable,
database-backed queue (django-tasks with its database backend), worked off by
`manage.py run_worker`, never inside a request; the user follows its progress on its page.

Apps declare kinds of job with `job_kind` in their `jobs.py` and start them with
`job_start`; see kinds.py, services.py, runner.py and worker.py.
"""
