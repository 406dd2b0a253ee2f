"""Outcome documents and session materials: uploaded in the admin, served to the public safely."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from events.models import Forum, OutcomeDocument, SessionMaterial
from events.services import object_save, objects_delete
from tests import factories, sample_files

pytestmark = pytest.mark.django_db


def document_url(document, language="th"):
    return f"/{language}/forums/{document.forum.slug}/documents/{document.pk}/file"


def material_url(material, language="th"):
    return f"/{language}/forums/{material.session.forum.slug}/materials/{material.pk}/file"


def add_document(client, forum, name: str, content: bytes, **extra):
    data = {
        "forum": forum.pk,
        "kind": OutcomeDocument.Kind.JOINT_STATEMENT,
        "title_th": "แถลงการณ์ร่วมกรุงเทพฯ",
        "title_en": "Bangkok Joint Statement",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "is_public": "on",
        "_save": "1",
        **extra,
    }
    with translation.override("en"):
        url = reverse("admin:events_outcomedocument_add")
    return client.post(url, data)


def test_staff_upload_a_joint_statement_stored_under_a_random_name_and_the_forum_moves_on(
    admin_client,
):
    forum = factories.ForumFactory(is_published=True)
    stamp = forum.updated_at

    response = add_document(
        admin_client, forum, "Bangkok Joint Statement FINAL.pdf", sample_files.PDF
    )

    assert response.status_code == 302
    document = OutcomeDocument.objects.get()
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert "Bangkok" not in document.file.name and "FINAL" not in document.file.name
    with default_storage.open(document.file.name) as stored:
        assert stored.read() == sample_files.PDF
    assert Forum.objects.get(pk=forum.pk).updated_at > stamp


def test_a_web_page_named_pdf_is_refused_with_its_name_and_nothing_is_stored(admin_client, media):
    forum = factories.ForumFactory()

    response = add_document(admin_client, forum, "statement.pdf", sample_files.HTML)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert "“statement.pdf” is not a PDF" in errors[0]
    assert not OutcomeDocument.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_the_forum_page_lists_public_documents_only_and_links_their_files(client):
    forum = factories.ForumFactory(is_published=True)
    shown = factories.OutcomeDocumentFactory(forum=forum, with_file=True, title_th="ประกาศแล้ว")
    hidden = factories.OutcomeDocumentFactory(
        forum=forum, with_file=True, is_public=False, title_th="ร่างภายใน"
    )

    html = client.get(f"/th/forums/{forum.slug}/").content.decode()

    assert "ประกาศแล้ว" in html and document_url(shown) in html
    assert "(PDF, " in html
    assert "ร่างภายใน" not in html and document_url(hidden) not in html


def test_a_public_document_downloads_as_an_attachment_with_safe_headers(client):
    document = factories.OutcomeDocumentFactory(
        forum=factories.ForumFactory(is_published=True), with_file=True, title_en="Joint: statement"
    )

    response = client.get(document_url(document, "en"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == sample_files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Joint  statement.pdf"'
    thai = client.get(document_url(document, "th"))
    assert thai["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E0%B9%81%E0%B8%96%E0%B8%A5%E0%B8%87%E0%B8%81%E0%B8%B2"
        "%E0%B8%A3%E0%B8%93%E0%B9%8C%E0%B8%A3%E0%B9%88%E0%B8%A7%E0%B8%A1.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_the_download_is_named_after_the_title_in_the_visitors_language(client):
    document = factories.OutcomeDocumentFactory(
        forum=factories.ForumFactory(is_published=True),
        with_file=True,
        title_en="Joint statement / final",
    )

    response = client.get(document_url(document, "en"))

    assert 'filename="Joint statement   final.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "case", ["not public", "forum unpublished", "other forum", "no file", "missing file"]
)
def test_files_the_public_may_not_have_answer_404(client, case):
    forum = factories.ForumFactory(is_published=True)
    document = factories.OutcomeDocumentFactory(forum=forum, with_file=True)
    url = document_url(document)
    if case == "not public":
        OutcomeDocument.objects.filter(pk=document.pk).update(is_public=False)
    elif case == "forum unpublished":
        Forum.objects.filter(pk=forum.pk).update(is_published=False)
    elif case == "other forum":
        url = url.replace(forum.slug, factories.ForumFactory(is_published=True).slug)
    elif case == "no file":
        OutcomeDocument.objects.filter(pk=document.pk).update(file="")
    else:
        default_storage.delete(document.file.name)

    assert client.get(url).status_code == 404


def test_downloads_take_no_post(client):
    document = factories.OutcomeDocumentFactory(
        forum=factories.ForumFactory(is_published=True), with_file=True
    )

    assert client.post(document_url(document)).status_code == 405


def test_the_session_page_lists_its_public_materials_and_serves_them(client):
    session = factories.SessionFactory(forum=factories.ForumFactory(is_published=True))
    slides = factories.SessionMaterialFactory(session=session, title_th="สไลด์เมืองอัจฉริยะ")
    draft = factories.SessionMaterialFactory(session=session, title_th="ร่างสไลด์", is_public=False)

    html = client.get(f"/th/forums/{session.forum.slug}/sessions/{session.pk}/").content.decode()
    response = client.get(material_url(slides))

    assert "สไลด์เมืองอัจฉริยะ" in html and material_url(slides) in html
    assert "(PowerPoint, " in html
    assert "ร่างสไลด์" not in html
    assert client.get(material_url(draft)).status_code == 404
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"PK\x03\x04")


def test_an_image_material_is_shown_inline_never_sniffed(client):
    session = factories.SessionFactory(forum=factories.ForumFactory(is_published=True))
    chart = factories.SessionMaterialFactory(
        session=session, file=ContentFile(sample_files.image("PNG"), name="x.png")
    )

    response = client.get(material_url(chart))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_marking_a_material_public_moves_the_forum_version_and_the_page_shows_it(client):
    session = factories.SessionFactory(forum=factories.ForumFactory(is_published=True))
    material = factories.SessionMaterialFactory(
        session=session, is_public=False, title_th="เอกสารประกอบ"
    )
    page = f"/th/forums/{session.forum.slug}/sessions/{session.pk}/"
    assert "เอกสารประกอบ" not in client.get(page).content.decode()

    material.is_public = True
    object_save(obj=material)

    assert "เอกสารประกอบ" in client.get(page).content.decode()


def test_a_replaced_file_leaves_storage_once_the_change_commits(django_capture_on_commit_callbacks):
    material = factories.SessionMaterialFactory()
    old = material.file.name
    material.file = ContentFile(sample_files.PDF, name="upload.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        object_save(obj=material)

    assert not default_storage.exists(old)
    assert default_storage.exists(material.file.name) and material.file.name.endswith(".pdf")


def test_deleting_a_forum_deletes_its_documents_and_materials_files(
    django_capture_on_commit_callbacks,
):
    forum = factories.ForumFactory()
    document = factories.OutcomeDocumentFactory(forum=forum, with_file=True)
    material = factories.SessionMaterialFactory(session=factories.SessionFactory(forum=forum))
    names = [document.file.name, material.file.name]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        objects_delete(objs=[forum])

    assert not any(default_storage.exists(name) for name in names)
    assert not SessionMaterial.objects.exists()


def test_a_session_admin_page_uploads_slides_inline(admin_client, admin_form_data):
    session = factories.SessionFactory(
        forum=factories.ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))
    )
    url = reverse("admin:events_session_change", args=[session.pk])
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "materials-TOTAL_FORMS": "1",
            "materials-0-title_th": "สไลด์",
            "materials-0-title_en": "Slides",
            "materials-0-file": SimpleUploadedFile("deck.pptx", sample_files.office("pptx")),
            "materials-0-is_public": "on",
            "materials-0-order": "0",
            "_save": "1",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    material = SessionMaterial.objects.get(session=session)
    assert material.file.name.startswith("materials/") and material.file.name.endswith(".pptx")
