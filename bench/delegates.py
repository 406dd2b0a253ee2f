"""Delegate import and export: time and peak memory, each beside a floor measured in the same run.

What it measures, in interleaved rounds (floor, then the code, in turns):

- import 10,000 new delegates, against the floor of reading the same CSV and creating the
  same organisations, people and participations with plain `bulk_create`;
- re-import the same 10,000 with every row changed (goal: at most 1.5 × the import of new
  ones, at most 200 MB), then unchanged (goal: at most 5 s and 150 MB);
- preview then import 10,000 and 100,000 new rows, as the admin does: read and plan the
  file, read it again and import it (goal for 10,000: 10 s and 150 MB);
- export 100,000 participations to CSV, against the floor of `values_list` on the same
  query and `csv.writer` (goal: within 2 ×), and to XLSX, against openpyxl's write-only
  mode fed the same rows (goal: keep the ratio, 1.37 × before).

Every step runs in a fresh interpreter, so its memory is its own: "peak" is the step's
peak resident set size (getrusage's ru_maxrss), Django and the interpreter included;
"+N" is how far it rose above the process as it was before the step. Beside the wall time,
"processor" is the step's own user and system time, which a loaded machine does not
inflate (the database server's work is not in it).

`BENCH_BEFORE=/path/to/tree` also runs every step with the code of another checkout (a
worktree of main, say), interleaved with this one's, so before and after come from one
run on one database. `BENCH_ROUNDS` (default 3) sets the rounds of the 10,000-row steps;
`BENCH_LARGE_ROUNDS` (default 1) those of the 100,000-row steps; `0` skips either.

Runs against its own database, recreated on every run: `amf_bench_delegates` on the
PostgreSQL server DATABASE_URL points at (the local one when unset).
"""

import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL = int(os.environ.get("BENCH_SMALL", "10000"))
LARGE = int(os.environ.get("BENCH_LARGE", "100000"))
S, L = f"{SMALL // 1000}k", f"{LARGE // 1000}k"
BENCH_DB = "amf_bench_delegates"
IMPORT_SLUG = "bench-import"
EXPORT_SLUG = "bench-export"

THAI_GIVEN = ["สมชาย", "สมหญิง", "วรณัน", "อัศวิน", "ปิยะ", "กมล", "อรุณ", "สุดา", "ชัยวัฒน์", "นภา"]
THAI_FAMILY = ["ใจดี", "ธรรมโชติ", "ขวัญเมือง", "ศรีสุข", "วงศ์ไทย", "ทองดี", "แก้วมณี", "บุญมา"]
GIVEN = ["Anh", "Budi", "Siti", "Maria", "Jose", "Nguyen", "Aung", "Sokha", "Lina", "Kim"]
FAMILY = ["Tran", "Santoso", "Rahman", "Cruz", "Reyes", "Win", "Chan", "Lim", "Tan", "Le"]
# Countries the way embassies write them: codes, English and Thai names.
COUNTRIES = ["TH", "VN", "Indonesia", "ฟิลิปปินส์", "MY", "Singapore", "กัมพูชา", "LAO", "MM", "BN"]
ROLES = ["delegate", "head_of_delegation", "speaker", "observer", "Delegate", "ผู้แทน"]
STATUSES = ["invited", "registered", "confirmed"]
HEADER = [
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


def write_csv(path: Path, count: int, *, changed: bool = False) -> None:
    """A delegate list as an embassy might send it: UTF-8 with BOM, Thai and English names.

    `changed` gives the same delegates (same emails) with a new position, phone and
    registration status on every row.
    """
    rng = random.Random(2019)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(count):
            status = rng.choice(STATUSES)
            if changed:
                status = STATUSES[(STATUSES.index(status) + 1) % len(STATUSES)]
            writer.writerow(
                [
                    rng.choice(["Mr.", "Ms.", "Dr."]),
                    f"{rng.choice(GIVEN)}{n}",
                    rng.choice(FAMILY),
                    f"{rng.choice(THAI_GIVEN)}{n}",
                    rng.choice(THAI_FAMILY),
                    "Head of unit" if changed else "Delegate",
                    f"City Council {n % 400}",
                    "local_government",
                    COUNTRIES[n % len(COUNTRIES)],
                    f"delegate{n}@example.org",
                    f"+66 2 {n + (5_000_000 if changed else 0):07d}",
                    rng.choice(ROLES),
                    status,
                    rng.choice(["yes", "no"]),
                ]
            )


# ---------------------------------------------------------------------------------------
# The driver: runs each step in a fresh process, in the tree whose code it measures.


def run(tree: Path, env: dict, step: str, *args: str) -> dict:
    """Run one step with the code of `tree` in a fresh interpreter; return its figures."""
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "_step", step, *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"benchmark step {step} in {tree} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


class Figures:
    """Each step's measurements per variant, over the rounds."""

    def __init__(self):
        self.runs: dict[tuple[str, str], list[dict]] = {}

    def add(self, label: str, variant: str, figures: dict) -> dict:
        self.runs.setdefault((label, variant), []).append(figures)
        print(
            f"  {label} [{variant}]: {figures['seconds']:.2f} s (processor {figures['cpu']:.2f} s),"
            f" peak {figures['peak_mb']:.0f} MB (+{figures['growth_mb']:.0f})"
            + (f"; {figures['note']}" if figures["note"] else ""),
            flush=True,
        )
        return figures

    def median(self, label: str, variant: str, key: str = "seconds") -> float | None:
        runs = self.runs.get((label, variant))
        return statistics.median(run[key] for run in runs) if runs else None


def main() -> None:
    from bench._support import ROOT, bench_database, production_env

    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    large_rounds = int(os.environ.get("BENCH_LARGE_ROUNDS", "1"))
    variants = {"this": ROOT}
    if before := os.environ.get("BENCH_BEFORE"):
        variants = {"before": Path(before).resolve(), "after": ROOT}
    url, description = bench_database(BENCH_DB)
    # A file of 100,000 generated rows is larger than the 10 MB uploads are limited to.
    env = production_env(url, IMPORT_MAX_FILE_SIZE=str(50 * 1024 * 1024))
    print(f"database: {description} (recreated); load: {os.getloadavg()}", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    figures = Figures()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        files = {
            "new": folder / "new.csv",
            "changed": folder / "changed.csv",
            "large": folder / "large.csv",
        }
        write_csv(files["new"], SMALL)
        write_csv(files["changed"], SMALL, changed=True)
        if large_rounds:
            write_csv(files["large"], LARGE)
        print(f"generated {SMALL:,} and {LARGE:,} delegates as CSV", flush=True)

        def step(label, variant, name, *args):
            return figures.add(label, variant, run(variants.get(variant, ROOT), env, name, *args))

        for number in range(rounds):
            print(f"round {number + 1} of {rounds} ({SMALL:,} rows)", flush=True)
            order = list(variants) if number % 2 == 0 else list(reversed(variants))
            run(ROOT, env, "reset")
            step(f"import {S} new", "floor", "floor_create", str(files["new"]), IMPORT_SLUG)
            for variant in order:
                run(ROOT, env, "reset")
                step(f"import {S} new", variant, "import", str(files["new"]), IMPORT_SLUG)
                step(
                    f"re-import {S} changed", variant, "import", str(files["changed"]), IMPORT_SLUG
                )
                step(
                    f"re-import {S} unchanged",
                    variant,
                    "import",
                    str(files["changed"]),
                    IMPORT_SLUG,
                )
                run(ROOT, env, "reset")
                step(
                    f"preview+import {S}", variant, "preview_import", str(files["new"]), IMPORT_SLUG
                )
        for number in range(large_rounds):
            print(f"round {number + 1} of {large_rounds} ({LARGE:,} rows)", flush=True)
            order = list(variants) if number % 2 == 0 else list(reversed(variants))
            run(ROOT, env, "reset")
            step(f"import {L} new", "floor", "floor_create", str(files["large"]), IMPORT_SLUG)
            for variant in order:
                run(ROOT, env, "reset")
                step(
                    f"preview+import {L}",
                    variant,
                    "preview_import",
                    str(files["large"]),
                    IMPORT_SLUG,
                )
            run(ROOT, env, "reset")
            run(ROOT, env, "floor_create", str(files["large"]), EXPORT_SLUG)
            for fmt in ("csv", "xlsx"):
                out = str(folder / f"export.{fmt}")
                step(f"export {L} {fmt.upper()}", "floor", f"floor_{fmt}", out, EXPORT_SLUG)
                for variant in order:
                    step(f"export {L} {fmt.upper()}", variant, "export", out, EXPORT_SLUG)
    summarise(figures, list(variants), load=os.getloadavg())


def summarise(figures: Figures, variants: list[str], *, load) -> None:
    """Print the medians, each as a ratio to its floor, with the goals."""
    print(f"\nmedians; load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("peak memory is the step's peak RSS (ru_maxrss), interpreter and Django included;")
    print("cpu is the step's own processor time (user + system), the database's not counted")

    def line(label, variant, floor_label=None, floor_variant="floor", goal=""):
        seconds = figures.median(label, variant)
        if seconds is None:
            return
        peak = figures.median(label, variant, "peak_mb")
        cpu = figures.median(label, variant, "cpu")
        text = f"  {label:26} {variant:7} {seconds:7.2f} s (cpu {cpu:6.2f} s)  peak {peak:4.0f} MB"
        floor = figures.median(floor_label or label, floor_variant)
        if floor:
            floor_cpu = figures.median(floor_label or label, floor_variant, "cpu")
            text += (
                f"  = {seconds / floor:5.2f} × (cpu {cpu / floor_cpu:5.2f} ×)"
                f" {floor_label or label} [{floor_variant}]"
            )
        print(text + (f"   goal {goal}" if goal else ""))

    for label in (f"import {S} new", f"export {L} CSV", f"export {L} XLSX", f"import {L} new"):
        line(label, "floor")
    for variant in variants:
        line(f"import {S} new", variant)
        line(
            f"re-import {S} changed",
            variant,
            floor_label=f"import {S} new",
            floor_variant=variant,
            goal="≤ 1.5 ×, ≤ 200 MB",
        )
        line(f"re-import {S} unchanged", variant, goal="≤ 5 s, ≤ 150 MB")
        line(f"preview+import {S}", variant, goal="10 s, 150 MB")
        line(f"preview+import {L}", variant, floor_label=f"import {L} new")
        line(f"export {L} CSV", variant, goal="≤ 2 ×")
        line(f"export {L} XLSX", variant, goal="≤ 1.37 ×")


# ---------------------------------------------------------------------------------------
# The steps, each run in a fresh process whose working directory is the tree measured.
# They use only what the code before and after this change both offer.


def _measure(step, *args) -> None:
    import resource

    # The tree measured, not this file's, provides the project's packages.
    sys.path.insert(0, os.getcwd())
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amf.settings")
    django.setup()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    note = step(*args)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "seconds": seconds,
                # This process's own processor time: on a loaded machine, waiting for a turn
                # on a core inflates the wall time but not this. The database's is not in it.
                "cpu": (after.ru_utime + after.ru_stime) - (usage.ru_utime + usage.ru_stime),
                "peak_mb": after.ru_maxrss / 1024,
                "growth_mb": (after.ru_maxrss - usage.ru_maxrss) / 1024,
                "note": note or "",
            }
        )
    )


def _forum(slug: str):
    import datetime as dt

    from events.models import Forum, ForumSeries, Venue

    series, _ = ForumSeries.objects.get_or_create(
        slug="bench", defaults={"name_th": "ทดสอบ", "name_en": "Bench", "acronym": "B"}
    )
    venue = Venue.objects.first() or Venue.objects.create(name_th="ห้อง", name_en="Hall")
    forum, _ = Forum.objects.get_or_create(
        slug=slug,
        defaults={
            "series": series,
            "edition": 1 if slug == IMPORT_SLUG else 2,
            "title_th": "การประชุมทดสอบ",
            "title_en": "Bench forum",
            "start_date": dt.date(2019, 8, 26),
            "end_date": dt.date(2019, 8, 28),
            "venue": venue,
        },
    )
    return forum


def _step_reset() -> str:
    from django.db import connection

    tables = [
        "delegates_attendance",
        "delegates_sessionrole",
        "delegates_participation",
        "delegates_historicalparticipation",
        "delegates_person",
        "delegates_historicalperson",
        "delegates_forumpartner",
        "delegates_organisation",
        "delegates_exportlog",
        "delegates_stagedimport",
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        cursor.execute("VACUUM ANALYZE")
    return "emptied"


def _step_floor_create(path: str, slug: str) -> str:
    """The same rows as the import creates, with plain bulk_create: the floor."""
    from django.db import transaction

    from delegates.models import Country, Organisation, Participation, Person

    forum = _forum(slug)
    from delegates.countries import country_name_key

    countries = Country.objects.lookup()
    with open(path, encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source)
        rows = list(reader)
    with transaction.atomic():
        organisations = {}
        for row in rows:
            name = row["organisation_en"]
            if name not in organisations:
                organisations[name] = Organisation(
                    name=name, name_en=name, kind=row["organisation_type"]
                )
        Organisation.objects.bulk_create(organisations.values(), batch_size=1000)
        people = [
            Person(
                honorific=row["honorific_en"],
                honorific_en=row["honorific_en"],
                first_name=row["first_name_th"],
                first_name_th=row["first_name_th"],
                first_name_en=row["first_name_en"],
                last_name=row["last_name_th"],
                last_name_th=row["last_name_th"],
                last_name_en=row["last_name_en"],
                position_en=row["position_en"],
                organisation=organisations[row["organisation_en"]],
                email=row["email"],
                phone=row["phone"],
            )
            for row in rows
        ]
        Person.objects.bulk_create(people, batch_size=1000)
        Participation.objects.bulk_create(
            [
                Participation(
                    forum=forum,
                    person=person,
                    role="delegate",
                    registration_status=row["registration_status"],
                    consents_to_public_listing=row["consents_to_public_listing"] == "yes",
                    country=countries.get(country_name_key(row["country"])),
                )
                for person, row in zip(people, rows, strict=True)
            ],
            batch_size=1000,
        )
    return f"{len(rows)} rows"


def _import_kwargs(function) -> dict:
    import inspect

    from django.contrib.auth import get_user_model

    if "user" not in inspect.signature(function).parameters:
        return {}
    user, _ = get_user_model().objects.get_or_create(username="bench")
    return {"user": user}


def _step_import(path: str, slug: str) -> str:
    from delegates.services.imports import delegates_import
    from delegates.spreadsheets import read_table

    forum = _forum(slug)
    plan = delegates_import(
        forum=forum,
        table=read_table(path, Path(path).read_bytes()),
        **_import_kwargs(delegates_import),
    )
    if plan.issues:
        raise SystemExit("\n".join(str(issue) for issue in plan.issues[:20]))
    summary = plan.summary
    return f"{summary['create']} new, {summary['update']} updated, {summary['unchanged']} unchanged"


def _step_preview_import(path: str, slug: str) -> str:
    """What the admin does: read and plan the file for the preview, then read and import it."""
    from delegates.services.imports import delegates_import, delegates_import_plan
    from delegates.spreadsheets import read_table

    forum = _forum(slug)
    data = Path(path).read_bytes()
    preview = delegates_import_plan(forum=forum, table=read_table(path, data))
    del preview
    plan = delegates_import(
        forum=forum, table=read_table(path, data), **_import_kwargs(delegates_import)
    )
    return f"{plan.summary['create']} new"


def _export_rows(slug: str):
    from delegates.models import Participation

    paths = [
        "id",
        "person__honorific_th",
        "person__first_name_th",
        "person__last_name_th",
        "person__honorific_en",
        "person__first_name_en",
        "person__last_name_en",
        "person__position_th",
        "person__position_en",
        "person__organisation__name_th",
        "person__organisation__name_en",
        "person__organisation__kind",
        "country_code",
        "person__email",
        "person__phone",
        "role",
        "registration_status",
        "precedence",
        "badge_issued",
        "consents_to_public_listing",
        "consent_recorded_on",
        "consents_to_photographs",
        "photograph_consent_recorded_on",
    ]
    queryset = Participation.objects.filter(forum=_forum(slug)).for_export()
    return paths, queryset.values_list(*paths).iterator(chunk_size=2000)


def _step_floor_csv(path: str, slug: str) -> str:
    """The same query's values, written by csv.writer: the floor of a CSV export."""
    paths, rows = _export_rows(slug)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(paths)
        writer.writerows(rows)
    return f"{Path(path).stat().st_size / 1e6:.1f} MB"


def _step_floor_xlsx(path: str, slug: str) -> str:
    """The same query's values, written by openpyxl in write-only mode: the XLSX floor."""
    from openpyxl import Workbook

    paths, rows = _export_rows(slug)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(paths)
    for row in rows:
        sheet.append(["" if value is None else str(value) for value in row])
    workbook.save(path)
    return f"{Path(path).stat().st_size / 1e6:.1f} MB"


def _step_export(path: str, slug: str) -> str:
    from delegates.models import Participation
    from delegates.services.exports import delegates_export

    with open(path, "wb") as out:
        count = delegates_export(
            participations=Participation.objects.filter(forum=_forum(slug)),
            fmt=path.rsplit(".", 1)[-1],
            out=out,
            include_contacts=True,
        )
    return f"{count} rows, {Path(path).stat().st_size / 1e6:.1f} MB"


STEPS = {
    "reset": _step_reset,
    "floor_create": _step_floor_create,
    "import": _step_import,
    "preview_import": _step_preview_import,
    "floor_csv": _step_floor_csv,
    "floor_xlsx": _step_floor_xlsx,
    "export": _step_export,
}


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "_step" and sys.argv[2] in STEPS:
        _measure(STEPS[sys.argv[2]], *sys.argv[3:])
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        main()
