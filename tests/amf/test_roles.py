"""Each staff role, walked through every admin page: what it may see, and what it may change."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from amf.roles import ROLES
from amf.services import UnknownPermission, role_sync
from tests import factories

PROGRAMME = {
    "events.forumseries",
    "events.forum",
    "events.venue",
    "events.room",
    "events.session",
    "events.priority",
    "events.framework",
    "events.outcomedocument",
    "events.relatedevent",
}
PROGRAMME_PEOPLE = {"delegates.organisation", "delegates.person", "delegates.forumpartner"}
PROGRAMME_PEOPLE |= {"delegates.sessionrole"}
DELEGATE_LIST = {"delegates.participation", "delegates.attendance"}
REPORTING = {
    "reports.missiongroup",
    "reports.bulletin",
    "reports.bulletinrevision",
    "reports.followupaction",
    "reports.progressnote",
    "reports.feedback",
}
EVERYTHING = {
    model._meta.label_lower for model in admin.site._registry if model._meta.app_label != "auth"
}

# Files waiting for an import's confirmation: only registrars import.
REGISTRAR_ONLY = {"delegates.stagedimport"}

# Written from the roles' descriptions, not from amf/roles.py, so that the two check each other.
MAY_VIEW = {
    "Editor": PROGRAMME | PROGRAMME_PEOPLE | {"delegates.country", "delegates.participation"},
    "Registrar": EVERYTHING - REPORTING,
    "Reporter": EVERYTHING - REGISTRAR_ONLY - {"delegates.exportlog", "delegates.anonymisation"},
    "Approver": EVERYTHING - REGISTRAR_ONLY,
    "Viewer": EVERYTHING - REGISTRAR_ONLY,
}
MAY_CHANGE = {
    "Editor": PROGRAMME | PROGRAMME_PEOPLE,
    "Registrar": DELEGATE_LIST | {"delegates.person", "delegates.organisation"},
    "Reporter": {"reports.bulletin", "reports.followupaction", "reports.progressnote"}
    | {"reports.feedback"},
    "Approver": {"reports.bulletin", "reports.feedback"},
    "Viewer": set(),
}


def staff_in(role: str):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def registered(label: str):
    return next(model for model in admin.site._registry if model._meta.label_lower == label)


def url(label: str, page: str, *args) -> str:
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{page}", args=args)


def test_the_roles_exist_after_migrating(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)
    assert (
        Group.objects.get(name="Registrar")
        .permissions.filter(codename="view_contact_details")
        .exists()
    )
    assert (
        not Group.objects.get(name="Viewer")
        .permissions.exclude(codename__startswith="view_")
        .exists()
    )


def test_role_sync_puts_a_tampered_group_back(db):
    viewer = Group.objects.get(name="Viewer")
    viewer.permissions.clear()

    role_sync()

    assert viewer.permissions.count() == len(ROLES["Viewer"])


def test_role_sync_refuses_a_permission_no_model_defines(db):
    with pytest.raises(UnknownPermission, match=r"events\.fly_forum"):
        role_sync(roles={"Pilot": frozenset({"events.fly_forum"})})

    assert not Group.objects.filter(name="Pilot").exists()


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_admin_list_answers_each_role_as_its_permissions_say(client, populated_db, role):
    client.force_login(staff_in(role))
    answers = {label: client.get(url(label, "changelist")).status_code for label in EVERYTHING}

    assert {label for label, status in answers.items() if status == 200} == MAY_VIEW[role]
    assert {status for label, status in answers.items() if label not in MAY_VIEW[role]} <= {403}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_admin_record_opens_read_only_unless_the_role_may_change_it(
    client, populated_db, role
):
    client.force_login(staff_in(role))
    editable, read_only, refused = set(), set(), set()
    for label in EVERYTHING:
        model = registered(label)
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"populated_db has no {label}"
        response = client.get(url(label, "change", row.pk))
        if response.status_code == 403:
            refused.add(label)
        elif response.context["has_change_permission"]:
            editable.add(label)
        else:
            read_only.add(label)

    assert editable == MAY_CHANGE[role]
    assert read_only == MAY_VIEW[role] - MAY_CHANGE[role]
    assert refused == EVERYTHING - MAY_VIEW[role]


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_role_deletes_what_it_may_not_change(client, populated_db, role):
    client.force_login(staff_in(role))
    for label in EVERYTHING - MAY_CHANGE[role]:
        model = registered(label)
        row = model._default_manager.order_by("pk").first()

        response = client.post(url(label, "delete", row.pk), {"post": "yes"})

        assert response.status_code == 403, label
        assert model._default_manager.filter(pk=row.pk).exists(), label


@pytest.mark.parametrize(
    ("role", "sees_contacts"),
    [("Registrar", True), ("Editor", False), ("Viewer", False), ("Approver", False)],
)
def test_only_the_registrar_sees_a_persons_contact_details(client, db, role, sees_contacts):
    person = factories.PersonFactory(email="mayor.office@example.org", phone="+66 2 224 8177")
    client.force_login(staff_in(role))

    page = client.get(url("delegates.person", "change", person.pk)).content.decode()

    assert ("mayor.office@example.org" in page) is sees_contacts
    assert ("+66 2 224 8177" in page) is sees_contacts


def take_step(client, bulletin, step: str):
    client.post(reverse("admin:reports_bulletin_workflow", args=[bulletin.pk, step]))
    bulletin.refresh_from_db()
    return bulletin.status


@pytest.mark.parametrize(
    ("role", "step", "status_before", "status_after"),
    [
        ("Reporter", "submit", "draft", "submitted"),
        ("Reporter", "acknowledge", "submitted", "submitted"),
        ("Reporter", "publish", "acknowledged", "acknowledged"),
        ("Approver", "submit", "draft", "draft"),
        ("Approver", "acknowledge", "submitted", "acknowledged"),
        ("Approver", "publish", "acknowledged", "published"),
        ("Viewer", "acknowledge", "submitted", "submitted"),
        ("Editor", "submit", "draft", "draft"),
    ],
)
def test_only_the_matching_role_moves_a_bulletin_along(
    client, db, role, step, status_before, status_after
):
    traits = {} if status_before == "draft" else {status_before: True}
    bulletin = factories.BulletinFactory(**traits)
    assert bulletin.status == status_before
    client.force_login(staff_in(role))

    assert take_step(client, bulletin, step) == status_after
