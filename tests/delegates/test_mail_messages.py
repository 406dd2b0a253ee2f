"""Messages to delegates: registrars compose a bilingual message to the participations they
select (any filter of the list, e.g. all confirmed), preview it, and send it through the queue;
each delegate receives it in their language."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from amf.models import Job
from delegates.models import OutgoingEmail
from tests import factories

pytestmark = pytest.mark.django_db

TEXTS = {
    "subject_th": "แจ้งเปลี่ยนเวลา {forum}",
    "body_th": "เรียน {honorific}{name}\nพิธีปิดเลื่อนเป็น 15.00 น.",
    "subject_en": "Change of time: {forum}",
    "body_en": "Dear {honorific} {name},\nThe closing ceremony moves to 15:00.",
}


def login(client, role: str = "Registrar"):
    user = factories.UserFactory(is_staff=True, username=f"{role.lower()}-msg")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def post(client, data, query=""):
    return client.post(reverse("admin:delegates_participation_changelist") + query, data)


@pytest.fixture
def forum():
    return factories.ForumFactory()


def test_the_action_opens_a_compose_page_for_the_selection(client, forum):
    chosen = factories.ParticipationFactory.create_batch(2, forum=forum)
    login(client)
    response = post(client, {"action": "send_message", "_selected_action": [p.pk for p in chosen]})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="subject_th"' in page and 'name="body_en"' in page
    assert page.count('name="_selected_action"') == 2
    assert not Job.objects.exists()


def test_preview_renders_both_languages_for_the_first_delegate_and_sends_nothing(client, forum):
    chosen = factories.ParticipationFactory(forum=forum, person__first_name_en="Ada")
    login(client)
    response = post(
        client,
        {"action": "send_message", "_selected_action": [chosen.pk], "compose": "1", **TEXTS},
    )
    page = response.content.decode()
    assert f"แจ้งเปลี่ยนเวลา {forum.title_th}" in page
    assert "Dear Mr. Ada Jaidee," in page
    assert 'name="send"' in page
    assert not Job.objects.exists() and not OutgoingEmail.objects.exists()


def test_an_unknown_placeholder_is_refused_by_name(client, forum):
    chosen = factories.ParticipationFactory(forum=forum)
    login(client)
    response = post(
        client,
        {
            "action": "send_message",
            "_selected_action": [chosen.pk],
            "compose": "1",
            "send": "1",
            **TEXTS,
            "body_en": "Dear {first_name}",
        },
    )
    assert response.status_code == 200
    assert "{first_name}" in response.content.decode()
    assert not Job.objects.exists()


def test_a_message_without_text_is_refused(client, forum):
    chosen = factories.ParticipationFactory(forum=forum)
    login(client)
    response = post(
        client,
        {"action": "send_message", "_selected_action": [chosen.pk], "compose": "1", "send": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Job.objects.exists()


def test_all_confirmed_delegates_of_a_filtered_list_get_it_in_their_language(
    client, forum, smtp_server, run_jobs
):
    thai = factories.ParticipationFactory(forum=forum, registration_status="confirmed")
    english = factories.ParticipationFactory(
        forum=forum, registration_status="confirmed", person__language="en"
    )
    factories.ParticipationFactory(forum=forum, registration_status="invited")
    factories.ParticipationFactory(registration_status="confirmed")  # another forum
    login(client)
    query = f"?forum__id__exact={forum.pk}&registration_status__exact=confirmed"
    response = post(
        client,
        {
            "action": "send_message",
            "select_across": "1",
            "_selected_action": [thai.pk],
            "compose": "1",
            "send": "1",
            **TEXTS,
        },
        query,
    )
    assert response.status_code == 302
    run_jobs()
    job = Job.objects.get(kind="delegates.message_send")
    assert job.state == "succeeded" and job.outcome["queued"] == 2
    received = {message["To"]: message for message in smtp_server.messages}
    assert set(received) == {thai.person.email, english.person.email}
    assert received[thai.person.email]["Subject"].strip() == f"แจ้งเปลี่ยนเวลา {forum.title_th}"
    assert "พิธีปิดเลื่อนเป็น 15.00 น." in received[thai.person.email].get_body(("plain",)).get_content()
    english_text = received[english.person.email].get_body(("plain",)).get_content()
    assert "The closing ceremony moves to 15:00." in english_text
    assert set(OutgoingEmail.objects.values_list("kind", flat=True)) == {"message"}


def test_a_message_written_in_one_language_reaches_everyone_in_it(
    client, forum, smtp_server, run_jobs
):
    english = factories.ParticipationFactory(forum=forum, person__language="en")
    login(client)
    post(
        client,
        {
            "action": "send_message",
            "_selected_action": [english.pk],
            "compose": "1",
            "send": "1",
            "subject_th": "ประกาศ",
            "body_th": "ข้อความภาษาไทย",
        },
    )
    run_jobs()
    assert smtp_server.messages[0]["Subject"].strip() == "ประกาศ"


@pytest.mark.parametrize("role", ["Editor", "Reporter", "Approver", "Viewer"])
def test_only_registrars_may_send_a_message(client, forum, role):
    chosen = factories.ParticipationFactory(forum=forum)
    login(client, role)
    post(
        client,
        {
            "action": "send_message",
            "_selected_action": [chosen.pk],
            "compose": "1",
            "send": "1",
            **TEXTS,
        },
    )
    assert not Job.objects.exists() and not OutgoingEmail.objects.exists()


def test_the_speakers_of_one_day_can_be_chosen_and_written_to(client, forum, run_jobs):
    first_day = factories.SessionFactory(forum=forum)
    second_day = factories.SessionFactory(
        forum=forum, starts_at=first_day.starts_at + dt.timedelta(days=1)
    )
    speaker_1 = factories.ParticipationFactory(forum=forum)
    speaker_2 = factories.ParticipationFactory(forum=forum)
    factories.ParticipationFactory(forum=forum)  # speaks on no day
    factories.SessionRoleFactory(session=first_day, person=speaker_1.person)
    factories.SessionRoleFactory(session=second_day, person=speaker_2.person)
    login(client)
    url = reverse("admin:delegates_participation_changelist")
    query = f"?forum__id__exact={forum.pk}&speaks_on={forum.start_date.isoformat()}"
    listed = client.get(url + query)
    assert [p.pk for p in listed.context["cl"].result_list] == [speaker_1.pk]
    assert "26 สิงหาคม 2562" in listed.content.decode()  # the days offered, in Thai
    post(
        client,
        {
            "action": "send_message",
            "select_across": "1",
            "_selected_action": [speaker_1.pk],
            "compose": "1",
            "send": "1",
            **TEXTS,
        },
        query,
    )
    run_jobs()
    assert list(OutgoingEmail.objects.values_list("participation", flat=True)) == [speaker_1.pk]
    assert client.get(url + "?speaks_on=not-a-day").status_code == 200
