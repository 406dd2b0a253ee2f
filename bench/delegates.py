"""Import 10,000 delegates from a generated CSV, export them again; time and peak memory of each.

Runs against its own database, recreated on every run: `amf_bench_delegates` on the
PostgreSQL server DATABASE_URL points at (the local one when unset), or a temporary SQLite
file when DATABASE_URL names SQLite. Each measured step runs in a fresh subprocess so that
its peak resident memory (getrusage's ru_maxrss) is its own.
"""

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._support import ROOT, bench_database, production_env

DELEGATES = 10_000
REQUIRED_SECONDS = 20
BENCH_DB = "amf_bench_delegates"
FORUM_SLUG = "bench-forum"

THAI_GIVEN = ["สมชาย", "สมหญิง", "วรณัน", "อัศวิน", "ปิยะ", "กมล", "อรุณ", "สุดา", "ชัยวัฒน์", "นภา"]
THAI_FAMILY = ["ใจดี", "ธรรมโชติ", "ขวัญเมือง", "ศรีสุข", "วงศ์ไทย", "ทองดี", "แก้วมณี", "บุญมา"]
GIVEN = ["Anh", "Budi", "Siti", "Maria", "Jose", "Nguyen", "Aung", "Sokha", "Lina", "Kim"]
FAMILY = ["Tran", "Santoso", "Rahman", "Cruz", "Reyes", "Win", "Chan", "Lim", "Tan", "Le"]
# Countries the way embassies write them: codes, English and Thai names.
COUNTRIES = ["TH", "VN", "Indonesia", "ฟิลิปปินส์", "MY", "Singapore", "กัมพูชา", "LAO", "MM", "BN"]
ROLES = ["delegate", "head_of_delegation", "speaker", "observer", "Delegate", "ผู้แทน"]


def write_csv(path: Path) -> None:
    """A delegate list as an embassy might send it: UTF-8 with BOM, Thai and English names."""
    rng = random.Random(2019)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "honorific_en",
                "first_name_en",
                "last_name_en",
                "first_name_th",
                "last_name_th",
                "position_en",
                "organisation_en",
                "organisation_type",
                "country",
                "email",
                "phone",
                "role",
                "registration_status",
                "consents_to_public_listing",
            ]
        )
        for n in range(DELEGATES):
            writer.writerow(
                [
                    rng.choice(["Mr.", "Ms.", "Dr."]),
                    f"{rng.choice(GIVEN)}{n}",
                    rng.choice(FAMILY),
                    f"{rng.choice(THAI_GIVEN)}{n}",
                    rng.choice(THAI_FAMILY),
                    "Delegate",
                    f"City Council {n % 400}",
                    "local_government",
                    COUNTRIES[n % len(COUNTRIES)],
                    f"delegate{n}@example.org",
                    f"+66 2 {n:07d}",
                    rng.choice(ROLES),
                    rng.choice(["invited", "registered", "confirmed"]),
                    rng.choice(["yes", "no"]),
                ]
            )


def run(env: dict, *args: str) -> dict:
    """Run one step in a fresh interpreter; return what it reports."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.delegates", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"benchmark step {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(label: str, figures: dict) -> None:
    print(
        f"{label}: {figures['seconds']:.2f} s, peak memory {figures['peak_mb']:.0f} MB "
        f"({figures['growth_mb']:.0f} MB above the process before the step)"
        + (f"; {figures['note']}" if figures.get("note") else ""),
        flush=True,
    )


def main() -> None:
    url, description = bench_database(BENCH_DB)
    env = production_env(url)
    print(f"database: {description} (recreated)", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "delegates.csv"
        write_csv(source)
        print(f"generated {DELEGATES} delegates, {source.stat().st_size / 1e6:.1f} MB CSV")
        imported = run(env, "_import", str(source))
        report(f"import {DELEGATES} (new)", imported)
        verdict = "OK" if imported["seconds"] < REQUIRED_SECONDS else "TOO SLOW"
        print(f"  required < {REQUIRED_SECONDS} s, aim 10 s: {verdict}")
        exported = Path(directory) / "export.csv"
        report(f"export {DELEGATES} to CSV (streamed)", run(env, "_export", str(exported)))
        report(
            f"export {DELEGATES} to XLSX", run(env, "_export", str(exported.with_suffix(".xlsx")))
        )
        report(f"re-import the export ({DELEGATES} unchanged)", run(env, "_import", str(exported)))


def _measure(step) -> None:
    import resource

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amf.settings")
    django.setup()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    note = step()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {
        "seconds": seconds,
        "peak_mb": peak / 1024,
        "growth_mb": (peak - before) / 1024,
        "note": note,
    }
    print(json.dumps(figures))


def _forum():
    import datetime as dt

    from events.models import Forum, ForumSeries, Venue

    series, _ = ForumSeries.objects.get_or_create(
        slug="bench", defaults={"name_th": "ทดสอบ", "name_en": "Bench", "acronym": "B"}
    )
    venue = Venue.objects.first() or Venue.objects.create(name_th="ห้อง", name_en="Hall")
    forum, _ = Forum.objects.get_or_create(
        slug=FORUM_SLUG,
        defaults={
            "series": series,
            "edition": 1,
            "title_th": "การประชุมทดสอบ",
            "title_en": "Bench forum",
            "start_date": dt.date(2019, 8, 26),
            "end_date": dt.date(2019, 8, 28),
            "venue": venue,
        },
    )
    return forum


def _import(path: str) -> None:
    def step():
        from delegates.services.imports import delegates_import
        from delegates.spreadsheets import read_table

        forum = _forum()
        plan = delegates_import(forum=forum, table=read_table(path, Path(path).read_bytes()))
        if plan.issues:
            raise SystemExit("\n".join(str(issue) for issue in plan.issues[:20]))
        summary = plan.summary
        return (
            f"{summary['create']} new, {summary['update']} updated, "
            f"{summary['unchanged']} unchanged"
        )

    _measure(step)


def _export(path: str) -> None:
    def step():
        from delegates.models import Participation
        from delegates.services.exports import delegates_export

        forum = _forum()
        with open(path, "wb") as out:
            count = delegates_export(
                participations=Participation.objects.filter(forum=forum),
                fmt=path.rsplit(".", 1)[-1],
                out=out,
                include_contacts=True,
            )
        return f"{count} rows, {Path(path).stat().st_size / 1e6:.1f} MB"

    _measure(step)


if __name__ == "__main__":
    steps = {"_import": _import, "_export": _export}
    if len(sys.argv) == 3 and sys.argv[1] in steps:
        steps[sys.argv[1]](sys.argv[2])
    else:
        main()
