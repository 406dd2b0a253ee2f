"""Fixtures shared by the whole test suite."""

import shutil
import time

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection, connections
from django.forms import FileField, MultiWidget
from django.test import override_settings
from django.test.testcases import LiveServerThread
from django.utils import translation

from amf.jobs.worker import Worker
from events.models import Forum
from events.versions import forget_all, memory
from tests import factories
from tests.helpers import rolled_back
from tests.mailserver import smtp_server  # noqa: F401  (a fixture for every test)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests run with DEBUG off, where the manifest storage needs collectstatic first;
    # pages render the same with the plain storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory):
    # Uploaded files go to the default storage: a folder of the test run's own, never the
    # project's media folder.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def media(settings, tmp_path):
    """An empty storage folder of this test's own; its path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """Empty the tables after a test on committed data with DELETE, not TRUNCATE.

    TRUNCATE gives every table new files, which costs about 1.5 s for this schema; DELETE of
    the few rows a test leaves takes some 40 ms, and the tests on committed data (browsers,
    listeners, backups, worker processes) each end with a flush. The foreign keys are
    deferred, so the order of the deletions does not matter within flush's transaction.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncating = DatabaseOperations.sql_flush

    def deleting(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = [f"DELETE FROM {self.quote_name(table)};" for table in tables]
        if reset_sequences:
            # As TRUNCATE's RESTART IDENTITY: rows put back afterwards keep their ids.
            with self.connection.cursor() as cursor:
                sequences = [
                    sequence
                    for table in tables
                    for sequence in self.connection.introspection.get_sequences(cursor, table)
                ]
            statements += self.sequence_reset_by_name_sql(style, sequences)
        return statements

    DatabaseOperations.sql_flush = deleting
    yield
    DatabaseOperations.sql_flush = truncating


@pytest.fixture(scope="session", autouse=True)
def _restore_in_bulk():
    """Put back the migrations' rows before a test on committed data in a few statements.

    Django saves them one by one, an UPDATE and an INSERT each, some 1,000 queries and half
    a second before every such test; writing them model by model, with their many-to-many
    rows, takes a dozen statements. No signal is sent: Django's raw saves skip them too.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.db import transaction
    from django.db.backends.base.creation import BaseDatabaseCreation

    one_by_one = BaseDatabaseCreation.deserialize_db_from_string

    def in_bulk(self, data):
        alias = self.connection.alias
        rows: dict = {}
        links: dict = {}
        for record in serializers.deserialize("json", data, using=alias):
            rows.setdefault(type(record.object), []).append(record.object)
            for name, values in (record.m2m_data or {}).items():
                field = record.object._meta.get_field(name)
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                links.setdefault(through, []).extend(
                    through(**{f"{source}_id": record.object.pk, f"{target}_id": value})
                    for value in values
                )
        with transaction.atomic(using=alias):
            # What a flush's post_migrate made afresh (content types, permissions, under
            # other ids) gives way to the rows as they were; the foreign keys are deferred.
            for model in [*links, *rows]:
                model._base_manager.using(alias).all()._raw_delete(alias)
            for model, objects in [*rows.items(), *links.items()]:
                model._base_manager.using(alias).bulk_create(objects)
        ContentType.objects.clear_cache()

    BaseDatabaseCreation.deserialize_db_from_string = in_bulk
    yield
    BaseDatabaseCreation.deserialize_db_from_string = one_by_one


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    # PBKDF2's deliberate slowness guards real passwords; test users only need a hash. For
    # the whole session, so that users made for a module (the role test's) are quick too.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _thai_is_active():
    # Thai is the site's default language; no test may inherit another test's language.
    with translation.override("th"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached pages are keyed by the forum's last change; a test must still start cold so that
    # its query counts and renderings never depend on an earlier test. Counts kept in the cache
    # (the feedback rate limit) and the versions a process remembers start afresh too.
    forget_all()
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    cache.clear()


@pytest.fixture
def run_jobs():
    """Work off the queued background jobs here and now, as `run_worker --batch` does.

    The jobs go through the same queue as in production (enqueued by the code under test,
    claimed and run by the worker); only the worker runs in this process, inside the test's
    transaction. Returns how many tasks ran.
    """

    def run() -> int:
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            excluded_queue_names=[],
            housekeeping_thread=False,
        )
        worker.run()
        return worker._run_tasks

    return run


@pytest.fixture
def shared_cache(settings, worker_id):
    """A Redis cache as app servers share it in production, one database per test worker."""
    number = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{14 - number}",
        },
    }
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def listening(transactional_db, django_db_serialized_rollback, settings, monkeypatch):
    """This process listens for announced versions and remembers them, as an app server does.

    Needs PostgreSQL (LISTEN/NOTIFY); committed data, so the other connection sees it.
    Serialized rollback, like every test on committed data here, puts back the migrations'
    rows afterwards (see `live_site`).
    """
    assert connection.vendor == "postgresql", "listening for versions needs PostgreSQL"
    settings.PUBLIC_VERSION_LISTENER = True
    # The listener checks for its end between waits; tests end it quickly.
    monkeypatch.setattr("events.versions.CHECK_SECONDS", 0.2)
    memory.allow_listening()
    memory.get("start", lambda: None)
    deadline = time.monotonic() + 10
    while not memory.listening:
        assert time.monotonic() < deadline, "the version listener did not connect"
        time.sleep(0.02)
    yield memory
    memory.stop_listening()
    memory.forget_all()


def load_demo() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def demo_db(db):
    """The 5th ASEAN Mayors Forum 2019 as `load_demo` loads it."""
    load_demo()


@pytest.fixture(scope="module")
def _demo_for_the_module(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        load_demo()
        yield


@pytest.fixture
def shared_demo_db(_demo_for_the_module, db):
    """`demo_db`, loaded once for the module's tests (see `rolled_back`)."""


@pytest.fixture(scope="module")
def _populated_for_the_module(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield populate().pk


@pytest.fixture
def shared_populated_db(_populated_for_the_module, db):
    """`populated_db`, made once for the module's tests (see `rolled_back`); its forum."""
    return Forum.objects.get(pk=_populated_for_the_module)


@pytest.fixture
def populated_db(db):
    """One of everything, linked as real records are, so every admin page has a row to show."""
    return populate()


def populate() -> Forum:
    forum = factories.ForumFactory()
    forum.frameworks.add(factories.FrameworkFactory())
    factories.InvitationTextFactory(forum=forum)
    factories.ForumLetterSettingsFactory(forum=forum)
    factories.ProgrammeNoticeFactory(forum=forum)
    factories.OutgoingEmailFactory(participation__forum=forum)
    session = factories.SessionFactory(forum=forum)
    factories.SessionMaterialFactory(session=session)
    factories.PriorityFactory(forum=forum)
    factories.OutcomeDocumentFactory(forum=forum, with_file=True)
    factories.RelatedEventFactory(forum=forum)
    city = factories.OrganisationFactory()
    office = factories.OrganisationFactory(parent=city)
    factories.ForumPartnerFactory(forum=forum, organisation=city)
    factories.ForumRegistrationFactory(forum=forum)
    factories.SelfRegistrationFactory(participation__forum=forum)
    participation = factories.ParticipationFactory(
        forum=forum, delegation=city, person__with_photo=True, consents_to_photographs=True
    )
    factories.AttendanceFactory(participation=participation)
    factories.ExportLogFactory(forum=forum)
    factories.AnonymisationFactory(forum=forum)
    factories.StagedImportFactory(forum=forum)
    factories.AccessLinkFactory(participation=participation)
    factories.IssuedLetterFactory(participation=participation)
    factories.SessionRoleFactory(session=session, person=participation.person)
    factories.SeatFactory(
        plan=factories.SeatingPlanFactory(session=session), participation=participation
    )
    bulletin = factories.BulletinFactory(forum=forum, reporter=participation.person)
    action = factories.FollowUpActionFactory(forum=forum, bulletin=bulletin, owner=office)
    factories.ProgressNoteFactory(action=action)
    factories.BulletinRevisionFactory(bulletin=bulletin)
    factories.FeedbackFactory(bulletin=bulletin)
    factories.JobFileFactory(job__forum=forum)
    Group.objects.create(name="Editors")
    return forum


@pytest.fixture
def admin_form_data():
    """Turn an admin change page's response into the POST data that would save it unchanged."""

    def form_data(response) -> dict:
        data = {}
        forms = [response.context["adminform"].form]
        for inline in response.context.get("inline_admin_formsets", []):
            formset = inline.formset
            management = formset.management_form
            # value(), not initial: a page shown again after an error has a bound form.
            data.update(
                {management.add_prefix(k): management[k].value() for k in management.fields}
            )
            forms.extend(formset.forms)
        for form in forms:
            for name, field in form.fields.items():
                if isinstance(field, FileField):
                    # A browser sends no file for a file box left alone.
                    continue
                value = form[name].value()
                if field.show_hidden_initial:
                    # What the page sends beside a field with a default computed when shown.
                    data[form.add_initial_prefix(name)] = value
                if value is None or value is False:
                    continue
                widget = field.widget
                if isinstance(widget, MultiWidget) and not isinstance(value, list):
                    # A date and a time in two boxes, say: each box sends its part.
                    parts = widget.decompress(value)
                    for suffix, part in zip(widget.widgets_names, parts, strict=True):
                        data[form.add_prefix(name) + suffix] = "" if part is None else part
                    continue
                data[form.add_prefix(name)] = "on" if value is True else value
        return data

    return form_data


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def live_site(transactional_db, django_db_serialized_rollback, settings, monkeypatch):
    """A live server that also serves the apps' static files, as runserver does.

    pytest-django's `live_server` serves static files only when the app is listed as
    "django.contrib.staticfiles", and this project lists it through its own AppConfig.
    Serialized rollback puts back the migrations' rows (countries, roles) afterwards.
    """
    settings.ALLOWED_HOSTS = ["localhost"]
    # Each request closes its connection, so none outlives the server and blocks dropping
    # the test database.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    # Playwright's sync API runs an event loop in this thread; the ORM is not used from it,
    # but Django's safety check cannot tell.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    server = LiveServerThread("localhost", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://localhost:{server.port}"
    server.terminate()


@pytest.fixture
def chromium(live_site):
    """Debian's chromium, headless, driven by Playwright, with the live site it browses.

    The site, and with it the test's database, is set up before Playwright starts: Playwright
    runs the test in a greenlet of its own, where Django's connections are others, which
    neither hold the migrations' rows to put back nor close with the test.
    """
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # The connections the test opened in Playwright's greenlet, which nothing else closes.
        connections.close_all()
