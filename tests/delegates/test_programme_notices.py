"""A dated notice at the top of the public programme announces a change; written in the
admin, it shows at once on the cached programme, in Thai and English."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from events.models import ProgrammeNotice
from tests import factories

pytestmark = pytest.mark.django_db


def programme(client, forum, language="th") -> str:
    with translation.override(language):
        url = reverse("delegates:programme", kwargs={"slug": forum.slug})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_writes_a_notice_and_the_cached_programme_shows_it_at_once(client):
    forum = factories.ForumFactory()
    factories.SessionFactory(forum=forum)
    assert "พิธีปิด" not in programme(client, forum)  # now cached, without a notice

    editor = factories.UserFactory(is_staff=True, username="editor-notice")
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_programmenotice_add"),
        {
            "forum": forum.pk,
            "date": "20/08/2562",
            "text_th": "พิธีปิดเลื่อนเป็นเวลา 15.00 น.",
            "text_en": "The closing ceremony moves to 15:00.",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()

    thai = programme(client, forum, "th")
    assert "พิธีปิดเลื่อนเป็นเวลา 15.00 น." in thai
    assert "20 สิงหาคม 2562" in thai  # its date, in the Buddhist Era
    english = programme(client, forum, "en")
    assert "The closing ceremony moves to 15:00." in english
    assert "20 August 2019" in english


def test_an_unpublished_notice_is_not_shown_and_notices_are_newest_first(client):
    forum = factories.ForumFactory()
    factories.ProgrammeNoticeFactory(forum=forum, date=dt.date(2019, 8, 20), text_th="เก่า")
    factories.ProgrammeNoticeFactory(forum=forum, date=dt.date(2019, 8, 25), text_th="ใหม่")
    factories.ProgrammeNoticeFactory(forum=forum, published=False, text_th="ร่างที่ยังไม่เผยแพร่")
    page = programme(client, forum)
    assert "ร่างที่ยังไม่เผยแพร่" not in page
    assert page.index("ใหม่") < page.index("เก่า")


def test_a_notices_text_is_escaped(client):
    forum = factories.ForumFactory()
    factories.ProgrammeNoticeFactory(forum=forum, text_th='<script>alert("x")</script>')
    page = programme(client, forum)
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_only_editors_write_notices(client):
    forum = factories.ForumFactory()
    registrar = factories.UserFactory(is_staff=True, username="registrar-notice")
    registrar.groups.add(Group.objects.get(name="Registrar"))
    client.force_login(registrar)
    response = client.post(
        reverse("admin:events_programmenotice_add"),
        {"forum": forum.pk, "date": "20/08/2562", "text_th": "x", "published": "on"},
    )
    assert response.status_code == 403
    assert not ProgrammeNotice.objects.exists()
