"""A published bulletin's text changes only through a new revision; earlier ones stay readable."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from reports.document import document_from_snapshot
from reports.models import Bulletin, BulletinRevision
from reports.services import bulletin_publish, bulletin_revise
from tests.factories import BulletinFactory
from tests.reports.pdftools import pdf_reading

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


@pytest.fixture
def published(staff_with):
    bulletin = BulletinFactory(acknowledged=True, summary_th="<p>ข้อความเดิม</p>")
    bulletin_publish(bulletin=bulletin, user=staff_with("publish_bulletin"))
    return bulletin


def test_revising_a_published_bulletin_keeps_the_earlier_text_readable(published, staff_with):
    editor = staff_with("publish_bulletin")
    published.summary_th = "<p>ข้อความที่แก้ไข</p>"

    revision = bulletin_revise(bulletin=published, user=editor, note="แก้คำผิด")

    first, second = published.revisions.in_order()
    assert (second.pk, second.number, second.event) == (revision.pk, 2, "revised")
    assert (second.created_by, second.note) == (editor, "แก้คำผิด")
    assert "ข้อความเดิม" in document_from_snapshot(first.content, language="th").summary
    assert "ข้อความที่แก้ไข" in document_from_snapshot(second.content, language="th").summary
    assert Bulletin.objects.get(pk=published.pk).summary_th == "<p>ข้อความที่แก้ไข</p>"


def test_a_revision_needs_a_reason(published, staff_with):
    published.summary_th = "<p>ข้อความที่แก้ไข</p>"

    with pytest.raises(ValidationError):
        bulletin_revise(bulletin=published, user=staff_with("publish_bulletin"), note="  ")

    assert Bulletin.objects.get(pk=published.pk).summary_th == "<p>ข้อความเดิม</p>"
    assert published.revisions.count() == 1


def test_a_revision_needs_the_publish_permission(published, staff_with):
    published.summary_th = "<p>ข้อความที่แก้ไข</p>"

    with pytest.raises(PermissionDenied):
        bulletin_revise(bulletin=published, user=staff_with("change_bulletin"), note="แก้")

    assert Bulletin.objects.get(pk=published.pk).summary_th == "<p>ข้อความเดิม</p>"


def test_a_draft_is_edited_not_revised(staff_with):
    draft = BulletinFactory()

    with pytest.raises(ValidationError):
        bulletin_revise(bulletin=draft, user=staff_with("publish_bulletin"), note="แก้")

    assert not BulletinRevision.objects.exists()


def test_saving_changed_published_text_in_the_admin_asks_for_a_reason(
    admin_client, admin_form_data, published
):
    page = admin_url("reports_bulletin_change", published.pk)
    data = admin_form_data(admin_client.get(page))
    data["summary_th"] = "<p>ข้อความที่แก้ไข</p>"

    response = admin_client.post(page, data)

    assert response.status_code == 200
    assert "Say why the text changes." in response.content.decode()
    assert Bulletin.objects.get(pk=published.pk).summary_th == "<p>ข้อความเดิม</p>"


def test_saving_changed_published_text_with_a_reason_records_a_revision(
    admin_client, admin_form_data, published
):
    page = admin_url("reports_bulletin_change", published.pk)
    data = admin_form_data(admin_client.get(page))
    data.update(summary_th="<p>ข้อความที่แก้ไข</p>", revision_note="แก้ตามข้อสั่งการ")

    response = admin_client.post(page, data)

    assert response.status_code == 302
    latest = published.revisions.in_order().last()
    assert (latest.number, latest.event, latest.note) == (2, "revised", "แก้ตามข้อสั่งการ")
    assert Bulletin.objects.get(pk=published.pk).summary_th == "<p>ข้อความที่แก้ไข</p>"


def test_staff_without_the_publish_permission_only_view_a_published_bulletin(
    client, staff_with, admin_form_data, published
):
    client.force_login(staff_with("view_bulletin", "change_bulletin"))
    page = admin_url("reports_bulletin_change", published.pk)

    html = client.get(page).content.decode()
    response = client.post(page, {"summary_th": "<p>แก้</p>"})

    assert 'name="summary_th"' not in html
    assert response.status_code == 403
    assert Bulletin.objects.get(pk=published.pk).summary_th == "<p>ข้อความเดิม</p>"


def test_the_revision_history_is_listed_on_the_bulletin_and_each_revision_reads_as_it_was(
    admin_client, published, staff_with
):
    published.summary_th = "<p>ข้อความที่แก้ไข</p>"
    bulletin_revise(bulletin=published, user=staff_with("publish_bulletin"), note="แก้")
    first = published.revisions.in_order().first()

    bulletin_page = admin_client.get(admin_url("reports_bulletin_change", published.pk))
    revision_page = admin_client.get(admin_url("reports_bulletinrevision_change", first.pk))

    assert admin_url("reports_bulletinrevision_change", first.pk) in bulletin_page.content.decode()
    html = revision_page.content.decode()
    assert "ข้อความเดิม" in html
    assert "ข้อความที่แก้ไข" not in html


def test_revisions_cannot_be_edited_or_deleted_in_the_admin(admin_client, published):
    revision = published.revisions.get()

    html = admin_client.get(admin_url("reports_bulletinrevision_change", revision.pk)).content
    deleted = admin_client.post(
        admin_url("reports_bulletinrevision_delete", revision.pk), {"post": "yes"}
    )

    assert b'name="content"' not in html
    assert deleted.status_code == 403
    assert BulletinRevision.objects.filter(pk=revision.pk).exists()


def test_a_draft_is_edited_in_the_admin_without_a_reason_or_a_revision(
    admin_client, admin_form_data
):
    draft = BulletinFactory()
    page = admin_url("reports_bulletin_change", draft.pk)
    data = admin_form_data(admin_client.get(page))
    data["summary_th"] = "<p>ร่างใหม่</p>"

    response = admin_client.post(page, data)

    assert response.status_code == 302
    assert Bulletin.objects.get(pk=draft.pk).summary_th == "<p>ร่างใหม่</p>"
    assert not draft.revisions.exists()


def test_a_revision_snapshot_with_script_is_shown_sanitised(admin_client, published):
    revision = published.revisions.get()
    content = revision.content
    content["th"]["summary"] = '<p onclick="x()">เดิม</p><script>alert(1)</script>'
    BulletinRevision.objects.filter(pk=revision.pk).update(content=content)

    html = admin_client.get(admin_url("reports_bulletinrevision_change", revision.pk)).content

    assert b"alert(1)" not in html
    assert b'onclick="x()"' not in html
    assert "เดิม".encode() in html


def test_an_earlier_revision_downloads_as_the_pdf_it_was(admin_client, published, staff_with):
    published.summary_th = "<p>ข้อความที่แก้ไข</p>"
    bulletin_revise(bulletin=published, user=staff_with("publish_bulletin"), note="แก้")
    first = published.revisions.in_order().first()

    response = admin_client.get(admin_url("reports_bulletinrevision_pdf", first.pk, "th"))

    text = pdf_reading(response.getvalue())
    assert "ข้อความเดิม" in text
    assert "ข้อความที่แก้ไข" not in text
    assert "ฉบับที่ 1" in text
