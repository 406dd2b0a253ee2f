"""Uploaded files wait in the database between an import's preview and its confirmation."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from delegates.models import Participation, StagedImport
from delegates.services.staging import KEPT_PER_USER, staged_import_create, staged_import_take
from tests.factories import ForumFactory, StagedImportFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

GOOD = "first_name_en,first_name_th,country\nAnh,อาน,VN\n".encode()
EXPIRED = "The uploaded file has expired; upload it again."


def import_url(language="en"):
    with translation.override(language):
        return reverse("admin:delegates_participation_import")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def confirm_data(response) -> dict:
    form = response.context["confirm"]
    return {name: form[name].value() for name in form.fields}


def upload(client, forum, content=GOOD):
    file = io.BytesIO(content)
    file.name = "delegates.csv"
    return client.post(import_url(), {"forum": forum.pk, "file": file})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def forum():
    return ForumFactory()


@pytest.fixture
def registrar():
    return SuperuserFactory()


def test_a_preview_keeps_the_file_in_the_database_for_its_uploader(registrar, forum):
    response = upload(signed_in(registrar), forum)

    staged = StagedImport.objects.get()
    assert staged.user == registrar
    assert staged.name == "delegates.csv"
    assert bytes(staged.data) == GOOD
    assert confirm_data(response)["token"] == staged.token
    assert not Participation.objects.exists()


def test_the_confirmation_may_reach_another_app_server_in_another_session(registrar, forum):
    data = confirm_data(upload(signed_in(registrar), forum))

    # A fresh client shares no session and no local files with the first one.
    response = signed_in(registrar).post(import_url(), data)

    assert response.status_code == 302
    assert Participation.objects.get(forum=forum).person.first_name_th == "อาน"


def test_the_file_is_gone_once_the_import_is_confirmed(registrar, forum):
    client = signed_in(registrar)
    data = confirm_data(upload(client, forum))

    client.post(import_url(), data)
    again = client.post(import_url(), data, follow=True)

    assert not StagedImport.objects.exists()
    assert EXPIRED in messages_of(again)
    assert Participation.objects.filter(forum=forum).count() == 1


def test_another_user_cannot_confirm_someone_elses_file(registrar, forum):
    data = confirm_data(upload(signed_in(registrar), forum))

    response = signed_in(SuperuserFactory()).post(import_url(), data, follow=True)

    assert EXPIRED in messages_of(response)
    assert not Participation.objects.exists()
    assert StagedImport.objects.filter(user=registrar).exists()
    assert signed_in(registrar).post(import_url(), data).status_code == 302
    assert Participation.objects.exists()


def test_a_file_older_than_an_hour_is_refused_as_expired(registrar, forum):
    client = signed_in(registrar)
    data = confirm_data(upload(client, forum))
    StagedImport.objects.update(created_at=timezone.now() - dt.timedelta(minutes=61))

    response = client.post(import_url(), data, follow=True)

    assert EXPIRED in messages_of(response)
    assert not Participation.objects.exists()


def test_a_made_up_token_is_refused_as_expired(registrar, forum):
    response = signed_in(registrar).post(
        import_url(), {"forum": forum.pk, "token": "x" * 100}, follow=True
    )

    assert EXPIRED in messages_of(response)
    assert not Participation.objects.exists()


def test_staging_a_file_deletes_every_expired_one(registrar):
    old = StagedImportFactory(created_at=timezone.now() - dt.timedelta(hours=2))
    recent = StagedImportFactory(created_at=timezone.now() - dt.timedelta(minutes=5))

    new = staged_import_create(user=registrar, name="list.csv", data=GOOD)

    assert set(StagedImport.objects.all()) == {recent, new}
    assert not StagedImport.objects.filter(pk=old.pk).exists()


def test_a_user_keeps_only_their_latest_files(registrar):
    someone_else = StagedImportFactory()
    staged = [
        staged_import_create(user=registrar, name=f"{n}.csv", data=GOOD)
        for n in range(KEPT_PER_USER + 2)
    ]

    kept = set(StagedImport.objects.filter(user=registrar))

    assert kept == set(staged[-KEPT_PER_USER:])
    assert StagedImport.objects.filter(pk=someone_else.pk).exists()


def test_a_file_is_taken_only_once(registrar):
    staged = staged_import_create(user=registrar, name="list.csv", data=GOOD)

    taken = staged_import_take(token=staged.token, user=registrar)

    assert bytes(taken.data) == GOOD
    assert staged_import_take(token=staged.token, user=registrar) is None


def test_tokens_are_random_and_long(registrar):
    tokens = {staged_import_create(user=registrar, name="a.csv", data=GOOD).token for _ in range(5)}

    assert len(tokens) == 5
    assert all(len(token) >= 40 for token in tokens)


def test_the_admin_lists_staged_files_without_their_contents(registrar):
    staged = StagedImportFactory(data=b"first_name_en,email\nAnh,secret@example.org\n")
    client = signed_in(registrar)

    listing = client.get(reverse("admin:delegates_stagedimport_changelist"))
    page = client.get(reverse("admin:delegates_stagedimport_change", args=[staged.pk]))

    assert staged.name in listing.content.decode()
    assert "secret@example.org" not in page.content.decode()
    assert staged.token not in page.content.decode()
    assert client.get(reverse("admin:delegates_stagedimport_add")).status_code == 403
