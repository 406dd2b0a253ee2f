"""Writes that span the apps: the staff roles."""

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.db import transaction

from amf.roles import ROLES


class UnknownPermission(LookupError):
    """A role names a permission that no installed model defines."""


@transaction.atomic
def role_sync(
    *,
    apps: Apps = installed_apps,
    roles: dict[str, frozenset[str]] = ROLES,
    skip_unknown: bool = False,
) -> None:
    """Create each role's group and set its permissions to exactly the role's.

    Side effects: creates missing groups and replaces their permission sets; other groups
    and users' own permissions are untouched. `apps` is a migration's registry or the live
    one; a migration passes `skip_unknown`, since models of later migrations do not exist yet
    (`sync_roles`, run after every `migrate`, then grants those too).
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    known = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in permission_model.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for name, permissions in roles.items():
        missing = sorted(permissions - known.keys())
        if missing and skip_unknown:
            permissions = permissions & known.keys()
        elif missing:
            raise UnknownPermission(f"Role {name!r} names unknown permissions: {missing}")
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set([known[permission] for permission in permissions])
