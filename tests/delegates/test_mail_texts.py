"""Placeholders in the texts of emails to delegates: filled per delegate, in their language,
the unknown ones refused by name."""

import pytest
from django.core.exceptions import ValidationError

from delegates.services.mail import participation_email_render, placeholders_check
from tests import factories

pytestmark = pytest.mark.django_db


def render(participation, text, language="th", link="https://amf.example/th/delegate/t/"):
    return participation_email_render(
        participation=participation, subject="S", body=text, language=language, link=link
    ).body


@pytest.mark.parametrize(
    ("honorific_th", "expected"),
    [
        ("นาย", "เรียน นายสมชาย ใจดี"),  # a civilian title joins the name
        ("พลเอก", "เรียน พลเอก สมชาย ใจดี"),  # a rank stands apart
    ],
)
def test_a_thai_name_is_written_as_thai_writes_it_whatever_the_spacing(honorific_th, expected):
    participation = factories.ParticipationFactory(
        person__honorific_th=honorific_th, person__first_name_th="สมชาย"
    )
    assert render(participation, "เรียน {honorific}{name}") == expected
    assert render(participation, "เรียน {honorific} {name}") == expected


def test_english_sets_the_title_apart_and_names_the_forum_in_english():
    participation = factories.ParticipationFactory(
        person__honorific_en="Dr.", person__first_name_en="Ada", person__last_name_en="Lovelace"
    )
    body = render(participation, "Dear {honorific}{name}, welcome to {forum}.", language="en")
    assert body == f"Dear Dr. Ada Lovelace, welcome to {participation.forum.title_en}."


def test_each_placeholder_is_filled_once_and_a_value_is_never_read_for_placeholders():
    participation = factories.ParticipationFactory(person__first_name_en="{link}")
    body = render(participation, "{name} / {link} / {honorific}", language="en")
    assert body == "{link} Jaidee / https://amf.example/th/delegate/t/ / Mr."


@pytest.mark.parametrize(
    "text", ["Dear {nmae}", "{name.__class__}", "{0}", "{forum[0]}", "{ link }"]
)
def test_an_unknown_placeholder_is_refused_naming_it(text):
    with pytest.raises(ValidationError) as refused:
        placeholders_check(text)
    unknown = text[text.index("{") : text.index("}") + 1]
    assert unknown in refused.value.messages[0]
    assert "{name}" in refused.value.messages[0]  # and says which exist


def test_braces_that_are_no_placeholder_word_pass_unchanged():
    participation = factories.ParticipationFactory()
    placeholders_check("A set {} and a JSON-like {\n} stay as written")
    assert render(participation, "{}") == "{}"
