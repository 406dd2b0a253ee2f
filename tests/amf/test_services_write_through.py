"""Every service is listed here, and each that writes what a public page shows or the audit
trail keeps moves the affected forum's version and leaves a version of each row it touched.

The services are found by introspecting every app's services modules, so that a new one
that is not listed fails `test_every_service_is_listed`. Each listed service runs once
on fresh data: a service a public page depends on must move its forum's version (and no
other forum's); one that writes nothing public must move none; one that writes audited
rows must leave a version of each naming the acting user, with a reason when it writes
in bulk.
"""

import datetime as dt
import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from amf.jobs import services as jobs
from amf.models import Job
from delegates.logistics import logistics_list
from delegates.models import Country, Participation, Person, StagedImport
from delegates.services import (
    access,
    countries,
    exports,
    imports,
    letters,
    links,
    privacy,
    registration,
    replies,
    seating,
    seating_prints,
    self_registration,
    staging,
)
from delegates.spreadsheets import read_table
from events import services as events_services
from events.models import Forum
from reports import services as reports_services
from reports.digest import build_digest
from tests import factories

pytestmark = pytest.mark.django_db

# Packages whose `services` module (or package) holds services.
APPS = ("amf", "amf.jobs", "events", "delegates", "reports")

# Public functions that live beside the services but write nothing: reads, and wiring.
NOT_WRITES = {
    "delegates.services.exports.list_columns": "the delegate list's column headings",
    "delegates.services.exports.list_rows": "reads the delegate list's rows",
    "delegates.services.exports.name_in": "formats a name",
    "delegates.services.seating_prints.place_card": "reads what one place card shows",
    "delegates.services.imports.header_key": "normalises a column heading",
    "delegates.services.imports.name_key": "normalises a name for matching",
    "delegates.services.privacy.retention_ends": "computes a date",
    "delegates.services.privacy.keep_for_the_record": "registers a rule at start-up",
    "delegates.services.registration.forum_days": "lists a forum's days",
    "delegates.services.self_registration.registration_email_render": "writes an email's text",
    "events.services.forum_versions_refresh": "refreshes caches after forum_touch; no row",
    "amf.jobs.services.housekeeping": "registers a clean-up at start-up",
    "amf.jobs.services.job_can_retry": "says whether a job may be retried",
    "delegates.services.access.person_record": "reads a person's record",
    "delegates.services.staging.staged_import_of": "reads a job's uploaded file",
    "delegates.services.links.access_link_expires_on": "computes a date",
    "delegates.services.links.access_link_token": "signs a link's token",
    "delegates.services.links.access_link_url": "builds a link's address",
    "delegates.services.replies.accompanying_of": "reads a delegation",
    "delegates.services.replies.delegate_reason": "words the delegate's changes' reason",
    "reports.services.bulletins.bulletin_text_editable": "says who may change a text",
    "reports.services.bulletins.bulletin_text_needs_reason": "says whether a change needs one",
    "reports.services.bulletins.steps_from": "lists the workflow steps from a status",
    # Personal links in bulk: their secret is kept out of the audit trail.
    "delegates.services.links.access_links_issue_many": "writes links, kept out of history",
}


def discovered_services() -> set[str]:
    names = set()
    for app in APPS:
        package = importlib.import_module(f"{app}.services")
        modules = [package]
        if hasattr(package, "__path__"):
            modules = [
                importlib.import_module(f"{app}.services.{info.name}")
                for info in pkgutil.iter_modules(package.__path__)
            ]
        for module in modules:
            names |= {
                f"{module.__name__}.{name}"
                for name, value in vars(module).items()
                if inspect.isfunction(value)
                and value.__module__ == module.__name__
                and not name.startswith("_")
            }
    return names


@dataclass
class Expect:
    """What a service's run must have done."""

    act: Callable[[], object]
    forums: list[Forum] = field(default_factory=list)  # whose version must move
    versions: list = field(default_factory=list)  # rows that must have a new version
    bulk: bool = False  # whose versions must say why
    # Made by the delegate on their own page: versions name no user, and say so.
    by_delegate: bool = False


@dataclass
class World:
    forum: Forum
    participation: Participation
    user: object


@pytest.fixture
def world(db):
    forum = factories.ForumFactory()
    participation = factories.ParticipationFactory(
        forum=forum, consents_to_public_listing=True, registration_status="confirmed"
    )
    factories.SessionRoleFactory(
        session=factories.SessionFactory(forum=forum), person=participation.person
    )
    # A forum no write here concerns: its version must never move.
    factories.ParticipationFactory(forum=factories.ForumFactory())
    return World(forum, participation, factories.SuperuserFactory(username="somchai"))


def old_forum_with_delegate():
    old = factories.ForumFactory(start_date=dt.date(2015, 1, 5), end_date=dt.date(2015, 1, 6))
    return old, factories.ParticipationFactory(forum=old, consents_to_public_listing=True)


def delegate_table(w: World):
    data = (
        "id,first_name_en,country,position_en,role\n"
        f"{w.participation.pk},Renamed,TH,Mayor,head_of_delegation\n"
        ",Anh,VN,Delegate,delegate\n"
    ).encode()
    return read_table("delegates.csv", data)


def csv_export(w: World):
    return b"".join(
        exports.delegates_export_stream(
            participations=Participation.objects.filter(forum=w.forum),
            include_contacts=False,
            user=w.user,
        )
    )


def changed_person(w: World) -> Person:
    person = Person.objects.get(pk=w.participation.person_id)
    person.position_en = "Governor"
    return person


def renamed_country(w: World) -> Expect:
    # A country only this forum's delegate comes from.
    country = Country.objects.get(code="BT")
    Participation.objects.filter(pk=w.participation.pk).update(country=country)
    # As if its names had been edited by hand: the sync puts the official ones back.
    Country.objects.filter(pk=country.pk).update(name_en="Renamed", name_th="Renamed")
    return Expect(countries.country_sync, forums=[w.forum])


def anonymisation(w: World) -> Expect:
    old, participation = old_forum_with_delegate()

    def act():
        privacy.forum_delegates_anonymise(forum=old, user=w.user)

    return Expect(act, [old], [participation.person, participation], bulk=True)


def imported(w: World) -> Expect:
    def act():
        plan = imports.delegates_import(forum=w.forum, table=delegate_table(w), user=w.user)
        assert plan.applied and not plan.issues
        new = Participation.objects.get(forum=w.forum, person__first_name_en="Anh")
        expected.versions += [new, new.person]

    expected = Expect(
        act, [w.forum], [w.participation, Person.objects.get(pk=w.participation.person_id)]
    )
    expected.bulk = True
    return expected


def status_change(w: World) -> Expect:
    def act():
        registration.participations_set_status(
            participations=Participation.objects.filter(pk=w.participation.pk),
            status="cancelled",
            user=w.user,
        )

    return Expect(act, [w.forum], [w.participation], bulk=True)


def self_registered(w: World) -> Expect:
    factories.ForumRegistrationFactory(forum=w.forum, capacity=100)

    def act():
        self_registration.participation_self_register(
            forum_id=w.forum.pk,
            registrant=self_registration.Registrant(email="new.delegate@example.org"),
            language="th",
        )

    # A registration awaiting approval shows on no public page while seats remain.
    return Expect(act)


def registration_declined(w: World) -> Expect:
    registered = factories.SelfRegistrationFactory(participation__forum=w.forum).participation

    def act():
        self_registration.registrations_decide(
            participations=Participation.objects.filter(pk=registered.pk),
            decision="declined",
            user=w.user,
        )

    # Declining frees a seat and takes the person off the public pages.
    return Expect(act, [w.forum], [registered], bulk=True)


def registration_email(w: World) -> Expect:
    def act():
        self_registration.registration_email_queue(
            participation=w.participation, kind="registration_received"
        )

    return Expect(act)


def badges(w: World) -> Expect:
    def act():
        registration.participations_issue_badges(
            participations=Participation.objects.filter(pk=w.participation.pk), user=w.user
        )

    return Expect(act, [], [w.participation], bulk=True)


def bulletin_step(trait: str | None, service, public: bool) -> Callable[[World], Expect]:
    def scenario(w: World) -> Expect:
        bulletin = factories.BulletinFactory(forum=w.forum, **({trait: True} if trait else {}))
        return Expect(
            lambda: service(bulletin=bulletin, user=w.user),
            [w.forum] if public else [],
            [bulletin],
        )

    return scenario


def revision(w: World) -> Expect:
    bulletin = factories.BulletinFactory(forum=w.forum, published=True)
    bulletin.title_en = "Corrected"
    return Expect(
        lambda: reports_services.bulletin_revise(bulletin=bulletin, user=w.user, note="Typo"),
        [w.forum],
        [bulletin],
    )


def follow_ups_saved(w: World) -> Expect:
    bulletin = factories.BulletinFactory(forum=w.forum)
    action = factories.FollowUpActionFactory.build(
        forum=w.forum, owner=factories.OrganisationFactory()
    )
    return Expect(
        lambda: reports_services.follow_up_actions_save(
            bulletin=bulletin, actions=[action], user=w.user
        ),
        [],
        [action],
    )


def progress(w: World) -> Expect:
    action = factories.FollowUpActionFactory(forum=w.forum)
    return Expect(
        lambda: reports_services.follow_up_progress_add(
            action=action, text="Signed", user=w.user, status="done"
        ),
        [],
        [action],
    )


def carry_over(w: World) -> Expect:
    action = factories.FollowUpActionFactory(forum=w.forum, status="open")
    later = factories.ForumFactory(
        series=w.forum.series, edition=w.forum.edition + 100, slug="a-later-edition"
    )

    def act():
        successor = reports_services.follow_up_action_carry_over(
            action=action, forum=later, user=w.user
        )
        expected.versions.append(successor)

    expected = Expect(act, [], [], bulk=True)
    return expected


def object_save(w: World) -> Expect:
    forum = Forum.objects.get(pk=w.forum.pk)
    forum.title_en = "Renamed"
    return Expect(lambda: events_services.object_save(obj=forum, user=w.user), [w.forum], [forum])


def objects_save(w: World) -> Expect:
    person = changed_person(w)
    session = factories.SessionFactory(forum=w.forum)
    return Expect(
        lambda: events_services.objects_save(saved=[person], deleted=[session], user=w.user),
        [w.forum],
        [person],
    )


def objects_delete(w: World) -> Expect:
    participation = Participation.objects.get(pk=w.participation.pk)
    return Expect(
        lambda: events_services.objects_delete(objs=[participation], user=w.user),
        [w.forum],
        [participation],
    )


def demo(w: World) -> Expect:
    def act():
        reports_services.demo_load(user=w.user)
        loaded = Forum.objects.get(slug="amf-2019")
        expected.forums.append(loaded)
        expected.versions.append(loaded)

    expected = Expect(act, [], [], bulk=True)
    return expected


def check_in(w: World) -> Expect:
    return Expect(
        lambda: registration.attendance_check_in(
            participation=w.participation, day=w.forum.start_date, by=w.user
        )
    )


def check_in_undone(w: World) -> Expect:
    factories.AttendanceFactory(participation=w.participation)
    return Expect(
        lambda: registration.attendance_undo(participation=w.participation, day=w.forum.start_date)
    )


def preview_job(w: World) -> Job:
    return staging.staged_import_preview(
        user=w.user, forum=w.forum, name="a.csv", data=b"first_name_en,country\nAnh,VN\n"
    )


def confirmed(w: World) -> Expect:
    preview = preview_job(w)
    Job.objects.filter(pk=preview.pk).update(state=Job.State.SUCCEEDED)
    preview.refresh_from_db()
    return Expect(lambda: staging.staged_import_confirm(preview=preview, user=w.user))


def job_step(action) -> Callable[[World], Expect]:
    def scenario(w: World) -> Expect:
        job = preview_job(w)
        return Expect(lambda: action(job))

    return scenario


def job_retried(w: World) -> Expect:
    job = preview_job(w)
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED)
    job.refresh_from_db()
    return Expect(lambda: jobs.job_retry(job=job))


def feedback(w: World) -> Expect:
    bulletin = factories.BulletinFactory(forum=w.forum, published=True)
    return Expect(
        lambda: reports_services.feedback_submit(
            bulletin=bulletin, message="Thank you for the summary", language="en"
        )
    )


def feedback_reviewed(w: World) -> Expect:
    factories.FeedbackFactory(bulletin=factories.BulletinFactory(forum=w.forum, published=True))
    from reports.models import Feedback

    return Expect(
        lambda: reports_services.feedback_mark_reviewed(suggestions=Feedback.objects.all())
    )


def bulletin_saved(w: World) -> Expect:
    bulletin = factories.BulletinFactory(forum=w.forum)
    bulletin.title_en = "Summary, corrected"
    return Expect(
        lambda: reports_services.bulletin_save(bulletin=bulletin, user=w.user), [], [bulletin]
    )


def access_file(w: World) -> Expect:
    return Expect(lambda: access.person_access_file(person=w.participation.person, user=w.user))


def digest(w: World) -> Expect:
    factories.FollowUpActionFactory(forum=w.forum, due_on=dt.date(2019, 1, 1))

    def act():
        reports_services.follow_up_digest_send(
            digest=build_digest(today=dt.date(2019, 6, 1)), recipients=["office@example.org"]
        )
        assert len(mail.outbox) == 1

    return Expect(act)


def exported(function, **kwargs) -> Callable[[World], Expect]:
    def scenario(w: World) -> Expect:
        participations = Participation.objects.filter(forum=w.forum)
        return Expect(lambda: function(participations=participations, user=w.user, **kwargs))

    return scenario


def fresh(w: World) -> Participation:
    return Participation.objects.select_related("person", "forum").get(pk=w.participation.pk)


def delegate(act, forums, versions) -> Expect:
    return Expect(act, forums, versions, by_delegate=True)


def link_opened(w: World) -> Expect:
    token = links.access_link_token(links.access_link_issue(participation=w.participation))
    return Expect(lambda: links.access_link_open(token=token, at=timezone.now()))


def link_revoked(w: World) -> Expect:
    links.access_link_issue(participation=w.participation)
    return Expect(lambda: links.access_link_revoke(participation=w.participation, user=w.user))


def links_revoked(w: World) -> Expect:
    links.access_link_issue(participation=w.participation)
    everyone = Participation.objects.filter(forum=w.forum)
    return Expect(lambda: links.access_links_revoke(participations=everyone, user=w.user))


def member_added(w: World) -> Expect:
    head = fresh(w)

    def act():
        member = replies.accompanying_person_add(
            head=head, language="en", honorific="", first_name="Suwanna", last_name=""
        )
        expected.versions += [member, member.person]

    expected = delegate(act, [w.forum], [])
    return expected


def member_removed(w: World) -> Expect:
    head = fresh(w)
    member = replies.accompanying_person_add(
        head=head, language="en", honorific="", first_name="Suwanna", last_name=""
    )
    return delegate(
        lambda: replies.accompanying_person_remove(head=head, participation=member),
        [w.forum],
        [member],
    )


def details_corrected(w: World) -> Expect:
    head = fresh(w)
    return delegate(
        lambda: replies.participation_details_correct(
            participation=head,
            language="en",
            honorific="Dr.",
            first_name="Renamed",
            last_name="",
            position="",
            email="renamed@example.org",
            phone="",
        ),
        [w.forum],
        [head.person],
    )


def replied(service, forums: bool = False, **values):
    def scenario(w: World) -> Expect:
        head = fresh(w)
        arguments = {"participation": head, **values}
        if "head" in inspect.signature(service).parameters:
            arguments["head"] = head
        return delegate(lambda: service(**arguments), [w.forum] if forums else [], [head])

    return scenario


TRAVEL = {
    "arrival_date": dt.date(2019, 8, 25),
    "arrival_time": dt.time(14, 35),
    "arrival_flight": "TG 402",
    "arrival_airport": "BKK",
    "departure_date": dt.date(2019, 8, 29),
    "departure_time": None,
    "departure_flight": "",
    "departure_airport": "",
    "hotel": "Centara Grand",
}


def letter_issued(w: World) -> Expect:
    # Letters show on no public page and keep no history: the register is their record.
    factories.ForumLetterSettingsFactory(forum=w.forum)
    return Expect(
        lambda: letters.letter_issue(
            participation=w.participation, kind="invitation", language="th", user=w.user
        )
    )


def letters_issued(w: World) -> Expect:
    factories.ForumLetterSettingsFactory(forum=w.forum)
    return Expect(
        lambda: letters.letters_issue(
            forum=w.forum,
            participations=Participation.objects.filter(forum=w.forum),
            kind="invitation",
            language="en",
            user=w.user,
        )
    )


def letters_erased(w: World) -> Expect:
    factories.IssuedLetterFactory(participation=w.participation)
    return Expect(
        lambda: letters.issued_letters_erase(
            participations=Participation.objects.filter(forum=w.forum)
        )
    )


def proposed_plan(w: World):
    from delegates.models import SeatingPlan

    # The speaker at the head table, and a row of empty seats.
    return seating.seating_plan_propose(
        plan=SeatingPlan(session=w.forum.sessions.get(), row_width=4, rows=1), user=w.user
    )


def plan_proposed(w: World) -> Expect:
    from delegates.models import Seat, SeatingPlan

    def act():
        plan = seating.seating_plan_propose(
            plan=SeatingPlan(session=w.forum.sessions.get(), row_width=4), user=w.user
        )
        expected.versions += [plan, *Seat.objects.filter(plan=plan).occupied()]

    # Seating shows on no public page.
    expected = Expect(act)
    return expected


def seat_emptied(w: World) -> Expect:
    seat = proposed_plan(w).seats.occupied().get()
    return Expect(
        lambda: seating.seat_assign(seat=seat, participation=None, user=w.user), [], [seat]
    )


def seats_swapped(w: World) -> Expect:
    plan = proposed_plan(w)
    first = plan.seats.occupied().get()
    second = plan.seats.filter(participation=None).first()
    return Expect(
        lambda: seating.seats_swap(first=first, second=second, user=w.user), [], [first, second]
    )


SCENARIOS: dict[str, Callable[[World], Expect]] = {
    "delegates.services.letters.letter_issue": letter_issued,
    "delegates.services.letters.letters_issue": letters_issued,
    "delegates.services.letters.issued_letters_erase": letters_erased,
    "delegates.services.seating.seating_plan_propose": plan_proposed,
    "delegates.services.seating.seat_assign": seat_emptied,
    "delegates.services.seating.seats_swap": seats_swapped,
    "delegates.services.seating_prints.seating_plan_pdf": lambda w: Expect(
        lambda: seating_prints.seating_plan_pdf(plan=proposed_plan(w), language="th", user=w.user)
    ),
    "delegates.services.seating_prints.place_cards_pdf": exported(seating_prints.place_cards_pdf),
    "delegates.services.links.access_link_issue": lambda w: Expect(
        lambda: links.access_link_issue(participation=w.participation, user=w.user)
    ),
    "delegates.services.links.access_links_issue": lambda w: Expect(
        lambda: links.access_links_issue(
            participations=Participation.objects.filter(forum=w.forum), user=w.user
        )
    ),
    "delegates.services.links.access_link_open": link_opened,
    "delegates.services.links.access_link_revoke": link_revoked,
    "delegates.services.links.access_links_revoke": links_revoked,
    # Looking is no change: no version, no forum.
    "delegates.services.replies.participations_mark_seen": lambda w: Expect(
        lambda: replies.participations_mark_seen(
            participations=Participation.objects.filter(forum=w.forum)
        )
    ),
    "delegates.services.replies.participation_respond": replied(
        replies.participation_respond, forums=True, response="declined"
    ),
    "delegates.services.replies.participation_consents_set": replied(
        replies.participation_consents_set, forums=True, public_listing=False, photographs=True
    ),
    # Needs, travel and passports show on no public page.
    "delegates.services.replies.participation_needs_set": replied(
        replies.participation_needs_set, dietary_needs="Halal", accessibility_needs=""
    ),
    "delegates.services.replies.participation_travel_set": replied(
        replies.participation_travel_set, travel=TRAVEL
    ),
    "delegates.services.replies.participation_visa_letter_request": replied(
        replies.participation_visa_letter_request,
        passport_number="AB1234567",
        passport_nationality=None,
        passport_expires_on=dt.date(2031, 1, 31),
    ),
    "delegates.services.replies.participation_details_correct": details_corrected,
    "delegates.services.replies.accompanying_person_add": member_added,
    "delegates.services.replies.accompanying_person_remove": member_removed,
    "amf.services.role_sync": lambda w: Expect(lambda: call_command("sync_roles")),
    "events.services.forum_touch": lambda w: Expect(
        lambda: events_services.forum_touch(forums=[w.forum.pk]), [w.forum]
    ),
    "events.services.forums_touch_showing": lambda w: Expect(
        lambda: events_services.forums_touch_showing(rows={Participation: [w.participation.pk]}),
        [w.forum],
    ),
    "events.services.object_save": object_save,
    "events.services.objects_save": objects_save,
    "events.services.objects_delete": objects_delete,
    "delegates.services.countries.country_sync": renamed_country,
    "delegates.services.exports.export_log_record": lambda w: Expect(
        lambda: exports.export_log_record(
            kind="delegates_csv", row_count=1, includes_contact_details=False, user=w.user
        )
    ),
    "delegates.services.exports.delegates_export": exported(
        exports.delegates_export, fmt="xlsx", out=io.BytesIO(), include_contacts=False
    ),
    "delegates.services.exports.delegates_export_stream": lambda w: Expect(lambda: csv_export(w)),
    "delegates.services.exports.delegate_list_csv": lambda w: Expect(
        lambda: b"".join(
            exports.delegate_list_csv(
                participations=Participation.objects.filter(forum=w.forum), user=w.user
            )
        )
    ),
    "delegates.services.exports.delegate_list_pdf": exported(exports.delegate_list_pdf),
    "delegates.services.exports.badges_pdf": exported(exports.badges_pdf),
    "delegates.services.exports.logistics_export": lambda w: Expect(
        lambda: exports.logistics_export(
            logistics=logistics_list(w.forum, "rooming", None), fmt="csv", user=w.user
        )
    ),
    "delegates.services.imports.delegates_import_plan": lambda w: Expect(
        lambda: imports.delegates_import_plan(forum=w.forum, table=delegate_table(w))
    ),
    "delegates.services.imports.delegates_import": imported,
    "delegates.services.privacy.forum_delegates_anonymise": anonymisation,
    "delegates.services.registration.participations_set_status": status_change,
    "delegates.services.registration.participations_issue_badges": badges,
    "delegates.services.self_registration.participation_self_register": self_registered,
    "delegates.services.self_registration.registrations_decide": registration_declined,
    "delegates.services.self_registration.registration_email_queue": registration_email,
    "delegates.services.registration.attendance_check_in": check_in,
    "delegates.services.registration.attendance_undo": check_in_undone,
    "delegates.services.staging.staged_import_create": lambda w: Expect(
        lambda: staging.staged_import_create(user=w.user, forum=w.forum, name="a.csv", data=b"x")
    ),
    "delegates.services.staging.staged_import_preview": lambda w: Expect(lambda: preview_job(w)),
    "delegates.services.staging.staged_import_confirm": confirmed,
    "delegates.services.staging.staged_imports_forget": lambda w: Expect(
        lambda: staging.staged_imports_forget(forum_ids=[w.forum.pk])
    ),
    "delegates.services.staging.staged_imports_purge": lambda w: Expect(
        lambda: staging.staged_imports_purge(timezone.now())
    ),
    "delegates.services.access.person_access_file": access_file,
    "amf.jobs.services.job_start": lambda w: Expect(lambda: preview_job(w)),
    "amf.jobs.services.job_running": job_step(lambda job: jobs.job_running(job=job)),
    "amf.jobs.services.job_finish": job_step(
        lambda job: jobs.job_finish(job=job, state=Job.State.SUCCEEDED)
    ),
    "amf.jobs.services.job_requeue": job_step(
        lambda job: jobs.job_requeue(job=job, after=60, message="later")
    ),
    "amf.jobs.services.job_interrupted": job_step(lambda job: jobs.job_interrupted(job_id=job.pk)),
    "amf.jobs.services.job_attach_file": job_step(
        lambda job: jobs.job_attach_file(
            job=job, content=b"x", filename="a.csv", content_type="text/csv"
        )
    ),
    "amf.jobs.services.job_retry": job_retried,
    "amf.jobs.services.jobs_results_forget": lambda w: Expect(
        lambda: jobs.jobs_results_forget(forum_ids=[w.forum.pk])
    ),
    "amf.jobs.services.jobs_purge": lambda w: Expect(lambda: jobs.jobs_purge()),
    "reports.services.bulletins.bulletin_submit": bulletin_step(
        None, reports_services.bulletin_submit, public=False
    ),
    "reports.services.bulletins.bulletin_acknowledge": bulletin_step(
        "submitted", reports_services.bulletin_acknowledge, public=False
    ),
    "reports.services.bulletins.bulletin_publish": bulletin_step(
        "acknowledged", reports_services.bulletin_publish, public=True
    ),
    "reports.services.bulletins.bulletin_revise": revision,
    "reports.services.bulletins.bulletin_return": bulletin_step(
        "submitted",
        lambda **kwargs: reports_services.bulletin_return(**kwargs, note="Redo"),
        public=False,
    ),
    "reports.services.bulletins.bulletin_step": bulletin_step(
        None, lambda **kwargs: reports_services.bulletin_step(**kwargs, step="submit"), public=False
    ),
    "reports.services.bulletins.bulletin_save": bulletin_saved,
    "reports.services.demo.demo_load": demo,
    "reports.services.feedback.feedback_submit": feedback,
    "reports.services.feedback.feedback_mark_reviewed": feedback_reviewed,
    "reports.services.followups.follow_up_actions_save": follow_ups_saved,
    "reports.services.followups.follow_up_progress_add": progress,
    "reports.services.followups.follow_up_action_carry_over": carry_over,
    "reports.services.followups.follow_up_digest_send": digest,
}


def test_every_service_is_listed():
    found = discovered_services()

    assert found - set(SCENARIOS) - set(NOT_WRITES) == set(), "list each new service here"
    assert set(SCENARIOS) - found == set() and set(NOT_WRITES) - found == set()


def stamps() -> dict[int, object]:
    return dict(Forum.objects.values_list("pk", "updated_at"))


def versions_of(row, pk=None):
    return type(row).history.filter(**{type(row)._meta.pk.attname: pk or row.pk})


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_service_moves_the_versions_and_writes_the_history_it_should(world, name):
    expected = SCENARIOS[name](world)
    before = stamps()
    # Keys kept aside: a deleted row forgets its own.
    keys = {id(row): row.pk for row in expected.versions}
    counts = {id(row): versions_of(row).count() for row in expected.versions if row.pk}

    expected.act()

    after = stamps()
    moved = {pk for pk, stamp in after.items() if before.get(pk) != stamp}
    assert moved == {forum.pk for forum in expected.forums}
    for row in expected.versions:
        versions = versions_of(row, keys.get(id(row)))
        latest = versions.latest()
        assert versions.count() > counts.get(id(row), 0), f"no new version of {row!r}"
        author = None if expected.by_delegate else world.user
        assert latest.history_user == author, f"{row!r}: {latest.history_user}"
        if expected.by_delegate:
            assert latest.history_change_reason == replies.delegate_reason()
        if expected.bulk:
            assert latest.history_change_reason, f"{row!r} has no reason"


def test_an_import_withdrawing_consent_reaches_the_public_pages_and_the_history(client, world):
    from django.urls import reverse

    person = world.participation.person
    page = reverse("delegates:speakers", kwargs={"slug": world.forum.slug})
    assert person.first_name_th in client.get(page).content.decode()
    table = read_table(
        "delegates.csv",
        f"id,first_name_th,country,consents_to_public_listing\n"
        f"{world.participation.pk},{person.first_name_th},TH,no\n".encode(),
    )

    plan = imports.delegates_import(forum=world.forum, table=table, user=world.user)

    assert plan.applied
    assert person.first_name_th not in client.get(page).content.decode()
    latest = world.participation.history.latest()
    assert (latest.consents_to_public_listing, latest.history_user) == (False, world.user)
    assert StagedImport.objects.count() == 0
