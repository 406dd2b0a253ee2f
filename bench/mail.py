"""Invitations to 1,000 delegates: queued, then delivered to a local SMTP server.

Steps, each in a fresh process on its own PostgreSQL database (`amf_bench_mail`, recreated):
the registrar's click (the admin action's work: choosing the invited and queueing the job),
the job writing the 1,000 personal invitations (links, texts, the outbox rows in bulk) and
queueing their sending, then the worker delivering them all to an SMTP server (aiosmtpd)
that this process runs on a loopback port and that counts what arrives.
"""

import json
import os
import resource
import socket
import subprocess
import sys
import time

from bench._support import ROOT, bench_database, production_env

COUNT = 1000
BENCH_DB = "amf_bench_mail"
GOAL = "goal: 1,000 invitations queued in a few seconds"


class Counter:
    def __init__(self):
        self.received = 0
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):
        now = time.perf_counter()
        self.first = self.first or now
        self.last = now
        self.received += 1
        return "250 OK"


def run(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.mail", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"benchmark step {args} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(label: str, figures: dict) -> None:
    print(
        f"{label}: {figures['seconds']:.2f} s, peak memory {figures['peak_mb']:.0f} MB"
        + (f"; {figures['note']}" if figures.get("note") else ""),
        flush=True,
    )


def main() -> None:
    from aiosmtpd.controller import Controller

    url, description = bench_database(BENCH_DB)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    counter = Counter()
    server = Controller(counter, hostname="127.0.0.1", port=port)
    server.start()
    env = production_env(
        url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        SITE_URL="https://amf.example.org",
    )
    print(f"database: {description} (recreated); SMTP: aiosmtpd on port {port}; {GOAL}")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    try:
        report(f"setup: {COUNT:,} invited delegates", run(env, "_setup"))
        report("the click (admin action: select the invited, queue the job)", run(env, "_click"))
        report("the job: 1,000 links and invitations written, sending queued", run(env, "_job"))
        started = time.perf_counter()
        figures = run(env, "_deliver")
        report("the worker: every invitation delivered to the SMTP server", figures)
        print(
            f"SMTP server received {counter.received:,} messages; "
            f"{time.perf_counter() - started:.2f} s from the worker's start to the last",
            flush=True,
        )
        # The same 1,000 again, queued anew and delivered by two workers side by side.
        report("queued again for two workers", run(env, "_requeue"))
        counter.received = 0
        started = time.perf_counter()
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "bench.mail", "_deliver"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        notes = [json.loads(worker.communicate()[0].strip().splitlines()[-1]) for worker in workers]
        print(
            f"two workers: {time.perf_counter() - started:.2f} s until both finished; "
            f"SMTP server received {counter.received:,} messages; "
            + "; ".join(note["note"] for note in notes),
            flush=True,
        )
    finally:
        server.stop()


def _measure(step) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amf.settings")
    django.setup()
    started = time.perf_counter()
    note = step()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "note": note}))


def _worker(max_tasks=None):
    from amf.jobs.worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        excluded_queue_names=[],
        housekeeping_thread=False,
    )
    worker.run()
    return worker._run_tasks


def _setup() -> None:
    def step():
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from bench.delegates import _forum
        from delegates.models import InvitationText, Participation, Person

        forum = _forum("bench-mail")
        InvitationText.objects.create(
            forum=forum,
            subject_th="ขอเชิญร่วมการประชุม {forum}",
            subject_en="Invitation to {forum}",
            body_th="เรียน {honorific}{name}\n\nขอเรียนเชิญเข้าร่วม {forum}\nตอบรับได้ที่ {link}\n",
            body_en="Dear {honorific} {name},\n\nYou are invited to {forum}.\n"
            "Please reply at {link}\n",
        )
        people = Person.objects.bulk_create(
            Person(
                honorific_th="นาย",
                honorific_en="Mr.",
                first_name_th=f"สมชาย{n}",
                first_name_en=f"Somchai{n}",
                last_name_th="ใจดี",
                last_name_en="Jaidee",
                email=f"delegate{n}@example.org",
                language="th" if n % 2 else "en",
            )
            for n in range(COUNT)
        )
        Participation.objects.bulk_create(
            Participation(
                forum=forum, person=person, role="delegate", registration_status="invited"
            )
            for person in people
        )
        user = get_user_model().objects.create_user(username="bench-registrar", is_staff=True)
        user.groups.add(Group.objects.get(name="Registrar"))
        return f"{COUNT} people and participations"

    _measure(step)


def _click() -> None:
    def step():
        from django.contrib.auth import get_user_model

        from delegates.mail_jobs import invitations_send_start
        from delegates.models import Participation

        user = get_user_model().objects.get(username="bench-registrar")
        job = invitations_send_start(
            user=user,
            participations=Participation.objects.filter(registration_status="invited"),
        )
        return f"job {job.pk} queued"

    _measure(step)


def _job() -> None:
    def step():
        from amf.models import Job
        from delegates.models import OutgoingEmail

        _worker(max_tasks=1)
        job = Job.objects.latest("pk")
        if job.state != "succeeded":
            raise SystemExit(f"job {job.pk} {job.state}: {job.message} {job.errors[:5]}")
        queued = OutgoingEmail.objects.filter(state="queued").count()
        return f"{queued:,} emails queued ({job.message})"

    _measure(step)


def _deliver() -> None:
    def step():
        from django.db.models import Count

        from delegates.models import OutgoingEmail

        tasks = _worker()
        states = dict(OutgoingEmail.objects.values_list("state").annotate(n=Count("pk")))
        return f"{tasks} tasks run; emails by state: {states}"

    _measure(step)


def _requeue() -> None:
    def step():
        from django.utils import timezone

        from delegates.models import OutgoingEmail
        from delegates.services.mail.outbox import outgoing_emails_enqueue

        OutgoingEmail.objects.update(
            state="queued", attempts=0, sent_at=None, next_attempt_at=timezone.now()
        )
        ids = list(OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True))
        return f"{outgoing_emails_enqueue(ids=ids)} tasks"

    _measure(step)


if __name__ == "__main__":
    steps = {"_setup": _setup, "_click": _click, "_job": _job, "_deliver": _deliver}
    steps["_requeue"] = _requeue
    steps[sys.argv[1]]()
