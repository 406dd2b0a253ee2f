"""Speakers' photos: the person's, shown on a forum's pages only with that forum's consent."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from delegates.models import Participation, Person
from events.models import Forum
from events.services import object_save
from tests import factories, sample_files

pytestmark = pytest.mark.django_db


def speaker(forum, *, consents: bool, person=None):
    """A public speaker of `forum` with a photo; consenting to photographs there or not."""
    person = person or factories.PersonFactory(with_photo=True)
    participation = factories.ParticipationFactory(
        forum=forum, person=person, role="speaker", consents_to_photographs=consents
    )
    factories.SessionRoleFactory(session=factories.SessionFactory(forum=forum), person=person)
    return participation


def photo_url(forum, person, language="th"):
    return f"/{language}/forums/{forum.slug}/speakers/{person.pk}/photo"


def test_a_consenting_speakers_photo_is_on_their_page_the_list_and_the_session(client):
    forum = factories.ForumFactory(is_published=True)
    participation = speaker(forum, consents=True)
    person = participation.person
    session = person.session_roles.get().session

    pages = [
        f"/th/forums/{forum.slug}/speakers/{person.pk}/",
        f"/th/forums/{forum.slug}/speakers/",
        f"/th/forums/{forum.slug}/sessions/{session.pk}/",
    ]

    for page in pages:
        assert photo_url(forum, person) in client.get(page).content.decode(), page


def test_the_photo_is_served_inline_as_the_jpeg_it_was_made_with_safe_headers(client):
    forum = factories.ForumFactory(is_published=True)
    person = speaker(forum, consents=True).person

    response = client.get(photo_url(forum, person))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="photo.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"


def test_one_persons_photo_shows_for_the_forum_that_has_consent_and_not_the_other(client):
    consenting = factories.ForumFactory(is_published=True)
    other = factories.ForumFactory(is_published=True)
    person = speaker(consenting, consents=True).person
    speaker(other, consents=False, person=person)

    other_page = client.get(f"/th/forums/{other.slug}/speakers/{person.pk}/").content.decode()

    assert client.get(photo_url(consenting, person)).status_code == 200
    assert "/photo" not in other_page
    assert client.get(photo_url(other, person)).status_code == 404


@pytest.mark.parametrize(
    "case", ["not listed", "cancelled", "no session", "unpublished", "no photo", "file gone"]
)
def test_photos_the_public_may_not_see_answer_404(client, case):
    forum = factories.ForumFactory(is_published=True)
    participation = speaker(forum, consents=True)
    person = participation.person
    if case == "not listed":
        Participation.objects.filter(pk=participation.pk).update(consents_to_public_listing=False)
    elif case == "cancelled":
        Participation.objects.filter(pk=participation.pk).update(registration_status="cancelled")
    elif case == "no session":
        person.session_roles.all().delete()
    elif case == "unpublished":
        Forum.objects.filter(pk=forum.pk).update(is_published=False)
    elif case == "no photo":
        Person.objects.filter(pk=person.pk).update(photo="")
    else:
        default_storage.delete(person.photo.name)

    assert client.get(photo_url(forum, person)).status_code == 404


def test_withdrawing_photographic_consent_takes_the_photo_off_the_cached_page_at_once(client):
    forum = factories.ForumFactory(is_published=True)
    participation = speaker(forum, consents=True)
    page = f"/th/forums/{forum.slug}/speakers/{participation.person_id}/"
    assert "/photo" in client.get(page).content.decode()

    participation.consents_to_photographs = False
    object_save(obj=participation)

    assert "/photo" not in client.get(page).content.decode()


def test_a_new_photo_gets_a_new_address_so_no_browser_keeps_the_old_one(client):
    forum = factories.ForumFactory(is_published=True)
    person = speaker(forum, consents=True).person
    page = f"/th/forums/{forum.slug}/speakers/{person.pk}/"
    before = client.get(page).content.decode()

    person.photo = SimpleUploadedFile("x.jpg", sample_files.image(colour="#aa0000"))
    object_save(obj=person)
    after = client.get(page).content.decode()

    version = person.photo.name.split("/")[-1][:12]
    assert f"photo?v={version}" in after and f"photo?v={version}" not in before


def test_staff_upload_a_photo_stored_upright_small_and_without_its_gps(admin_client):
    person = factories.PersonFactory()
    url = reverse("admin:delegates_person_change", args=[person.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: form[name].value() or ""
        for name in form.fields
        if name not in {"photo", "created_at", "updated_at"}
    }
    for prefix in ("participations",):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile(
        "IMG_2041 ผู้ว่าฯ.jpg", sample_files.image(size=(2400, 3000), gps=True)
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    stored = Person.objects.get(pk=person.pk).photo
    assert stored.name.startswith("photos/") and stored.name.endswith(".jpg")
    assert "IMG" not in stored.name
    with default_storage.open(stored.name) as file:
        image = Image.open(io.BytesIO(file.read()))
    assert image.size == (960, 1200)
    assert dict(image.getexif()) == {}


def test_the_admin_names_a_refused_photo_and_keeps_the_person_unchanged(admin_client):
    person = factories.PersonFactory()
    url = reverse("admin:delegates_person_change", args=[person.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name != "photo"}
    data.update({"participations-TOTAL_FORMS": "0", "participations-INITIAL_FORMS": "0"})
    data["photo"] = SimpleUploadedFile("portrait.jpg", sample_files.PDF)

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert (
        "“portrait.jpg” ไม่ใช่ไฟล์ JPEG, PNG, WebP (ตรวจจากเนื้อหาของไฟล์ ไม่ใช่จากชื่อ)"
        in response.content.decode()
    )
    assert Person.objects.get(pk=person.pk).photo.name == ""


def test_a_persons_own_record_says_a_photo_is_kept():
    from delegates.services.access import person_record

    with_photo = factories.PersonFactory(with_photo=True)
    without = factories.PersonFactory()

    assert person_record(with_photo)["person"]["photo_stored"] is True
    assert person_record(without)["person"]["photo_stored"] is False
