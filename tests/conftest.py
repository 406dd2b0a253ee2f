"""Fixtures shared by the whole test suite."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests run with DEBUG off, where the manifest storage needs collectstatic first;
    # pages render the same with the plain storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _thai_is_active():
    # Thai is the site's default language; no test may inherit another test's language.
    with translation.override("th"):
        yield


@pytest.fixture
def demo_db(db):
    """The 5th ASEAN Mayors Forum 2019 as `load_demo` loads it."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def populated_db(db):
    """One of everything, linked as real records are, so every admin page has a row to show."""
    forum = factories.ForumFactory()
    forum.frameworks.add(factories.FrameworkFactory())
    session = factories.SessionFactory(forum=forum)
    factories.PriorityFactory(forum=forum)
    factories.OutcomeDocumentFactory(forum=forum)
    factories.RelatedEventFactory(forum=forum)
    city = factories.OrganisationFactory()
    office = factories.OrganisationFactory(parent=city)
    factories.ForumPartnerFactory(forum=forum, organisation=city)
    participation = factories.ParticipationFactory(forum=forum, delegation=city)
    factories.AttendanceFactory(participation=participation)
    factories.ExportLogFactory(forum=forum)
    factories.StagedImportFactory()
    factories.SessionRoleFactory(session=session, person=participation.person)
    bulletin = factories.BulletinFactory(forum=forum, reporter=participation.person)
    action = factories.FollowUpActionFactory(forum=forum, bulletin=bulletin, owner=office)
    factories.ProgressNoteFactory(action=action)
    factories.BulletinRevisionFactory(bulletin=bulletin)
    factories.FeedbackFactory(bulletin=bulletin)
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
            data.update({management.add_prefix(k): v for k, v in management.initial.items()})
            forms.extend(formset.forms)
        for form in forms:
            for name in form.fields:
                value = form[name].value()
                if value is None or value is False:
                    continue
                data[form.add_prefix(name)] = "on" if value is True else value
        return data

    return form_data
