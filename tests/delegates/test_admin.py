"""People, organisations and participations in the staff admin."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from delegates.admin import forum as forum_admin
from delegates.models import Country, Person
from tests.factories import (
    ForumFactory,
    ForumPartnerFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Thai dictionary order files a word with a leading vowel under its consonant; code-point
# order puts it after every other word.
DICTIONARY_ORDER = ["กมล", "เกียรติ", "ขวัญ"]


def url(name, *args, language="th"):
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


def staff_client(client, *codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("เปียร์กา", "pirkka"),
        ("Pirkka Tapiola", "pirkka"),
        ("นาย เปียร์กา ตาปิโอลา", "pirkka"),
        ("นายเปียร์กา ตาปิโอลา", "pirkka"),
        ("Mr. Pirkka", "pirkka"),
        ("นางอาร์มิดา", "armida"),
        ("อาร์มิดา ซัลเซียะฮ์", "armida"),
        ("Ms. Armida", "armida"),
    ],
)
def test_admin_search_finds_a_person_by_thai_or_english_name_with_or_without_title(
    admin_client, pirkka, armida, bystander, term, expected
):
    people = {"pirkka": pirkka, "armida": armida}

    response = admin_client.get(url("delegates_person_changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [people[expected]]


def test_person_autocomplete_finds_a_person_by_a_thai_title_joined_to_the_name(
    admin_client, armida, bystander
):
    response = admin_client.get(
        url("autocomplete"),
        {
            "app_label": "delegates",
            "model_name": "participation",
            "field_name": "person",
            "term": "นางอาร์มิดา",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": str(armida.pk), "text": "นางอาร์มิดา ซัลเซียะฮ์ อาลิสจะฮ์บานา"}
    ]


@pytest.mark.parametrize("term", ["กรุงเทพ", "Bangkok", "BMA"])
def test_admin_search_finds_an_organisation_by_thai_or_english_name(admin_client, term):
    bangkok = OrganisationFactory(
        name_th="กรุงเทพมหานคร", name_en="Bangkok Metropolitan Administration", acronym="BMA"
    )
    OrganisationFactory(name_th="เมืองเชียงใหม่", name_en="Chiang Mai City")

    response = admin_client.get(url("delegates_organisation_changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [bangkok]


def test_participation_list_finds_participants_by_name_or_delegation(admin_client, armida):
    unescap = OrganisationFactory(name_th="เอสแคป", name_en="UNESCAP")
    by_name = ParticipationFactory(person=armida)
    by_delegation = ParticipationFactory(delegation=unescap)
    ParticipationFactory()
    changelist = url("delegates_participation_changelist")

    found_by_name = admin_client.get(changelist, {"q": "นางอาร์มิดา"}).context["cl"].result_list
    found_by_delegation = admin_client.get(changelist, {"q": "UNESCAP"}).context["cl"].result_list

    assert list(found_by_name) == [by_name]
    assert list(found_by_delegation) == [by_delegation]


def test_person_list_is_in_thai_dictionary_order(admin_client):
    for name in ["ขวัญ", "เกียรติ", "กมล"]:
        PersonFactory(first_name_th=name)

    response = admin_client.get(url("delegates_person_changelist"))

    listed = [person.first_name_th for person in response.context["cl"].result_list]
    assert listed == [person.first_name_th for person in Person.objects.in_thai_order()]
    if connection.vendor == "postgresql":
        assert listed == DICTIONARY_ORDER


def test_person_list_can_still_be_sorted_by_a_column(admin_client):
    for name, position in [("ขวัญ", "ข"), ("เกียรติ", "ก"), ("กมล", "ค")]:
        PersonFactory(first_name_th=name, position_th=position)
    changelist = url("delegates_person_changelist")

    # Column 0 is the action checkbox: 1 is the name, 2 the position.
    by_position = admin_client.get(changelist, {"o": "2"}).context["cl"].result_list
    by_name_descending = admin_client.get(changelist, {"o": "-1"}).context["cl"].result_list

    assert [person.position_th for person in by_position] == ["ก", "ข", "ค"]
    expected = [person.first_name_th for person in Person.objects.in_thai_order()][::-1]
    assert [person.first_name_th for person in by_name_descending] == expected


def test_person_list_filtered_by_forum_lists_each_person_once(admin_client):
    forum = ForumFactory()
    person = ParticipationFactory(forum=forum).person
    ParticipationFactory(person=person)

    response = admin_client.get(
        url("delegates_person_changelist"), {"participations__forum__id__exact": forum.pk}
    )

    assert list(response.context["cl"].result_list) == [person]


def test_contact_details_are_shown_to_staff_allowed_to_see_them(client):
    person = PersonFactory(email="armida@example.org", phone="+66 2 288 1234")
    client = staff_client(client, "view_person", "view_contact_details")

    listed = client.get(url("delegates_person_changelist")).content.decode()
    page = client.get(url("delegates_person_change", person.pk)).content.decode()

    assert "armida@example.org" in listed
    assert "+66 2 288 1234" in listed
    assert "armida@example.org" in page
    assert "+66 2 288 1234" in page


def test_contact_details_are_hidden_from_staff_who_may_only_view_people(client):
    person = PersonFactory(email="armida@example.org", phone="+66 2 288 1234")
    client = staff_client(client, "view_person")

    listed = client.get(url("delegates_person_changelist"))
    page = client.get(url("delegates_person_change", person.pk))

    assert listed.status_code == page.status_code == 200
    for response in (listed, page):
        assert "armida@example.org" not in response.content.decode()
        assert "+66 2 288 1234" not in response.content.decode()


def test_editing_a_person_without_the_contact_permission_keeps_their_contact_details(
    client, admin_form_data
):
    person = PersonFactory(email="armida@example.org", position_th="ผู้แทน")
    client = staff_client(client, "view_person", "change_person")
    page = url("delegates_person_change", person.pk)
    data = admin_form_data(client.get(page))
    data["position_th"] = "หัวหน้าคณะผู้แทน"

    response = client.post(page, data)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position_th == "หัวหน้าคณะผู้แทน"
    assert person.email == "armida@example.org"
    assert "email" not in data


def test_forum_page_edits_hosts_and_participants_inline(admin_client):
    partner = ForumPartnerFactory()
    ParticipationFactory(forum=partner.forum)

    html = admin_client.get(url("events_forum_change", partner.forum.pk)).content.decode()

    assert 'name="partners-TOTAL_FORMS" value="1"' in html
    assert 'name="participations-TOTAL_FORMS" value="1"' in html
    assert "?forum__id__exact=" in html


def test_forum_page_costs_no_query_per_participant(admin_client):
    forum = ForumFactory()
    ParticipationFactory.create_batch(2, forum=forum, delegation=OrganisationFactory())
    page = url("events_forum_change", forum.pk)
    admin_client.get(page)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(page)
    ParticipationFactory.create_batch(10, forum=forum, delegation=OrganisationFactory())

    with CaptureQueriesContext(connection) as many:
        html = admin_client.get(page).content.decode()

    assert 'name="participations-TOTAL_FORMS" value="12"' in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_forum_with_many_participants_links_to_their_list_instead_of_editing_inline(
    admin_client, monkeypatch
):
    monkeypatch.setattr(forum_admin, "PARTICIPATION_INLINE_LIMIT", 2)
    forum = ForumFactory()
    ParticipationFactory.create_batch(3, forum=forum)

    html = admin_client.get(url("events_forum_change", forum.pk)).content.decode()

    assert "participations-TOTAL_FORMS" not in html
    assert f"{url('delegates_participation_changelist')}?forum__id__exact={forum.pk}" in html
    assert url("delegates_participation_statistics", forum.pk) in html
    assert f"{url('delegates_participation_check_in')}?forum={forum.pk}" in html
    assert (
        "3 participants"
        in admin_client.get(url("events_forum_change", forum.pk, language="en")).content.decode()
    )


def test_saving_a_forum_page_keeps_its_participants(admin_client, admin_form_data):
    forum = ForumFactory()
    participation = ParticipationFactory(forum=forum, precedence=5)
    page = url("events_forum_change", forum.pk)
    data = admin_form_data(admin_client.get(page))
    data["participations-0-precedence"] = 1

    response = admin_client.post(page, data)

    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.precedence == 1


def test_session_page_edits_its_speakers_inline(admin_client):
    role = SessionRoleFactory(session=SessionFactory())

    html = admin_client.get(url("events_session_change", role.session.pk)).content.decode()

    assert 'name="roles-TOTAL_FORMS" value="1"' in html
    assert f'<option value="{role.person.pk}" selected>{role.person}</option>' in html


def test_organisation_list_opens_in_thai_dictionary_order(admin_client):
    for name in ["ขนส่ง", "เกษตร", "กรุงเทพ"]:
        OrganisationFactory(name_th=name)

    response = admin_client.get(reverse("admin:delegates_organisation_changelist"))

    shown = [organisation.name_th for organisation in response.context["cl"].result_list]
    if connection.vendor == "postgresql":
        # เกษตร files under ก, before ข, although its first code point (เ) is the largest.
        assert shown == ["กรุงเทพ", "เกษตร", "ขนส่ง"]
    else:
        assert shown == ["กรุงเทพ", "ขนส่ง", "เกษตร"]


def test_country_list_opens_in_the_order_of_the_thai_names(admin_client):
    expected = list(Country.objects.in_thai_order().values_list("pk", flat=True)[:100])

    response = admin_client.get(reverse("admin:delegates_country_changelist"))

    assert [country.pk for country in response.context["cl"].result_list] == expected
