import pytest
from django import forms
from django.template import Context, Template
from django.utils.safestring import SafeString

from amf.richtext import RichTextField, RichTextFormField, sanitize_html
from amf.templatetags.richtext import rich
from delegates.models import Person
from events.models import Forum, Framework, OutcomeDocument, Priority, RelatedEvent, Session
from reports.models import Bulletin
from tests.factories import BulletinFactory, PersonFactory


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>สรุป</p><script>alert(1)</script>", "<p>สรุป</p>"),
        ('<p onclick="steal()">Hello</p>', "<p>Hello</p>"),
        ('<img src="x" onerror="steal()">', ""),
        ('<a href="javascript:alert(1)">link</a>', '<a rel="noopener noreferrer">link</a>'),
        ('<p style="color: red">Red</p>', "<p>Red</p>"),
        ('<iframe src="https://evil.example"></iframe><p>after</p>', "<p>after</p>"),
        ("<style>p { display: none }</style><p>shown</p>", "<p>shown</p>"),
    ],
)
def test_sanitize_html_removes_what_could_run_or_restyle_the_page(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_sanitize_html_keeps_the_formatting_a_bulletin_needs():
    html = (
        "<p><strong>ผลการประชุม</strong> <em>สำคัญ</em></p>"
        "<ul><li>ข้อหนึ่ง</li><li>ข้อสอง</li></ul>"
        '<p><a href="https://asean.org/">ASEAN</a></p>'
    )

    assert sanitize_html(html) == html.replace(
        '<a href="https://asean.org/">', '<a href="https://asean.org/" rel="noopener noreferrer">'
    )


@pytest.mark.parametrize("empty", [None, ""])
def test_sanitize_html_turns_nothing_into_an_empty_string(empty):
    assert sanitize_html(empty) == ""


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Bulletin, "summary"),
        (Bulletin, "continued_operations"),
        (Person, "bio"),
        (Forum, "description"),
        (Session, "description"),
        (Priority, "description"),
        (Framework, "description"),
        (OutcomeDocument, "summary"),
        (RelatedEvent, "description"),
    ],
)
@pytest.mark.parametrize("language", ["th", "en"])
def test_each_language_copy_of_a_rich_text_field_is_rich_text_too(model, field, language):
    assert isinstance(model._meta.get_field(f"{field}_{language}"), RichTextField)


class BulletinSummaryForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = ["summary_th", "summary_en"]


@pytest.mark.django_db
def test_a_form_cleans_rich_text_before_anything_reads_it():
    bulletin = BulletinFactory()
    form = BulletinSummaryForm(
        data={
            "summary_th": "<p>สรุป</p><script>alert(1)</script>",
            "summary_en": '<p onclick="steal()">Summary</p>',
        },
        instance=bulletin,
    )

    assert form.is_valid(), form.errors
    assert isinstance(form.fields["summary_th"], RichTextFormField)
    assert form.cleaned_data == {"summary_th": "<p>สรุป</p>", "summary_en": "<p>Summary</p>"}
    assert (form.instance.summary_th, form.instance.summary_en) == (
        "<p>สรุป</p>",
        "<p>Summary</p>",
    )


@pytest.mark.django_db
def test_a_form_saves_clean_rich_text_to_the_database():
    bulletin = BulletinFactory()
    form = BulletinSummaryForm(
        data={"summary_th": '<p style="x">สรุป</p><iframe></iframe>', "summary_en": ""},
        instance=bulletin,
    )
    assert form.is_valid(), form.errors

    form.save()

    stored = Bulletin.objects.get(pk=bulletin.pk)
    assert stored.summary_th == "<p>สรุป</p>"
    assert stored.summary_en in ("", None)


@pytest.mark.django_db
def test_a_person_bio_saved_with_a_script_is_stored_clean():
    person = PersonFactory(bio_th="<p>ประวัติ</p><script>alert(1)</script>")

    assert Person.objects.get(pk=person.pk).bio_th == "<p>ประวัติ</p>"


def test_the_rich_filter_renders_clean_html_marked_safe():
    template = Template("{% load richtext %}{{ value|rich }}")
    value = '<p onclick="steal()">สรุป</p><script>alert(1)</script>'

    rendered = template.render(Context({"value": value}))

    # Thai is wrapped to break only between words (amf/thai_text.py).
    assert rendered == '<p><span class="nobr">สรุป</span></p>'


def test_the_rich_filter_returns_a_safe_string():
    result = rich("<p>สรุป</p><script>alert(1)</script>")

    assert isinstance(result, SafeString)
    assert result == '<p><span class="nobr">สรุป</span></p>'


def test_the_rich_filter_shows_nothing_for_an_empty_value():
    template = Template("{% load richtext %}[{{ value|rich }}]")

    assert template.render(Context({"value": None})) == "[]"


def rich_text_fields_in_the_admin(rf, user):
    """(admin, model field name, form field) for every rich-text field the admin edits,
    on model pages and in inlines, each language's field included."""
    from django.contrib import admin

    request = rf.get("/th/admin/")
    request.user = user
    found = []
    for model_admin in admin.site._registry.values():
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            for field in each.model._meta.fields:
                if isinstance(field, RichTextField):
                    formfield = each.formfield_for_dbfield(field, request)
                    if formfield is not None:
                        found.append((type(each).__name__, field.name, formfield))
    return found


@pytest.mark.django_db
def test_every_rich_text_field_in_the_admin_is_edited_with_the_editor(rf, admin_user):
    from amf.richtext import RichTextWidget

    fields = rich_text_fields_in_the_admin(rf, admin_user)

    names = {name for _admin, name, _field in fields}
    assert {"summary_th", "summary_en", "continued_operations_th", "description_en"} <= names
    assert [
        (each, name) for each, name, field in fields if not isinstance(field.widget, RichTextWidget)
    ] == []


def test_the_editor_renders_its_toolbar_in_the_active_language_and_the_html_as_fallback():
    html = RichTextFormField().widget.render(
        "summary_th", "<p>สรุป</p>", attrs={"id": "id_summary_th"}
    )

    assert 'role="toolbar"' in html and 'aria-controls="id_summary_th-editor"' in html
    assert "ตัวหนา" in html and "ลิงก์" in html
    assert '<textarea name="summary_th"' in html and "&lt;p&gt;สรุป&lt;/p&gt;" in html
    assert "required" not in html
