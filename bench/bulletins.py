"""Time the Governor's PDF of the demo bulletin and a 20-bulletin compiled PDF.

Required: under 1 s and under 10 s on a 2-core machine; aim: 0.5 s and 5 s.
The work runs in a child process on the benchmark's own PostgreSQL database
(`amf_bench_bulletins`, recreated each run: migrated, demo loaded, 19 more bulletins added).
"""

import os
import statistics
import subprocess
import sys
import time

from bench._support import ROOT, bench_database, production_env

REQUIRED = {"bulletin": 1.0, "compiled": 10.0}
AIM = {"bulletin": 0.5, "compiled": 5.0}
COMPILED_COUNT = 20


def main() -> None:
    """Run the measurements in a child process on the benchmark's own database."""
    url, description = bench_database("amf_bench_bulletins")
    env = production_env(url, DJANGO_SETTINGS_MODULE="amf.settings")
    print(f"database: {description} (recreated)", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.bulletins", "--worker"], cwd=ROOT, env=env, check=True
    )


def _timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def _report(name: str, label: str, times: list[float]) -> None:
    median = statistics.median(times)
    verdict = "ok" if median < REQUIRED[name] else "TOO SLOW"
    aim = "within aim" if median < AIM[name] else "above aim"
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(
        f"{label}: median {median:.2f} s over {len(times)} runs ({runs}); "
        f"required < {REQUIRED[name]:.0f} s: {verdict}; aim {AIM[name]} s: {aim}",
        flush=True,
    )


def worker() -> None:
    """Set up the data and time both renders (run by main() in a child process)."""
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from reports.models import Bulletin
    from reports.pdfs import DOCUMENT_RELATED, bulletin_pdf, compilation_pdf

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    demo = Bulletin.objects.select_related(*DOCUMENT_RELATED).get(forum__slug="amf-2019")
    moment = demo.acknowledged_at or timezone.now()
    for number in range(1, COMPILED_COUNT):
        copy = Bulletin.objects.get(pk=demo.pk)
        copy.pk = None
        copy.title_th = f"{demo.title_th} ({number})"
        copy.acknowledged_at = moment + dt.timedelta(minutes=number)
        copy.save()
    day = timezone.localdate(moment)
    bulletins = list(
        Bulletin.objects.acknowledged_between(day, day + dt.timedelta(days=1)).select_related(
            *DOCUMENT_RELATED
        )
    )
    assert len(bulletins) == COMPILED_COUNT, len(bulletins)

    start = time.perf_counter()
    bulletin_pdf(demo, language="th")
    print(f"first render (loads fonts): {time.perf_counter() - start:.2f} s", flush=True)
    _report("bulletin", "demo bulletin PDF (Thai)", _timed(
        lambda: bulletin_pdf(demo, language="th"), 5))  # fmt: skip
    _report("bulletin", "demo bulletin PDF (English)", _timed(
        lambda: bulletin_pdf(demo, language="en"), 3))  # fmt: skip
    pdf = compilation_pdf(bulletins, start=day, end=day, language="th")
    print(f"compiled PDF: {len(bulletins)} bulletins, {len(pdf) // 1024} KiB", flush=True)
    _report("compiled", f"{COMPILED_COUNT}-bulletin compiled PDF (Thai)", _timed(
        lambda: compilation_pdf(bulletins, start=day, end=day, language="th"), 3))  # fmt: skip


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        main()
