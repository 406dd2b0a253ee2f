"""Names the admin shows that Django keeps in English: permissions, roles, links between records.

Permission names are stored in the database in English when migrations create them, the
office's roles are groups named in English (amf/roles.py), and Django names the hidden
rows that link two records ("Forum-framework relationship: Forum_frameworks object (1)").
Here each gets a name in the admin's language, for the user and group pages and for the
list of what a deletion would remove.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The permissions Django gives every model, by the start of their codename.
DEFAULT_PERMISSIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}
# The office's roles (amf/roles.py), as staff call them.
ROLE_NAMES = {
    "Editor": _("Editor"),
    "Registrar": _("Registrar"),
    "Reporter": _("Reporter"),
    "Approver": _("Approver"),
    "Viewer": _("Viewer"),
}


def permission_label(permission) -> str:
    """ "Reports | bulletin | Can publish a bulletin", in the active language."""
    model = permission.content_type.model_class()
    action = permission.codename.partition("_")[0]
    if (
        model is not None
        and action in DEFAULT_PERMISSIONS
        and permission.codename == f"{action}_{model._meta.model_name}"
    ):
        name = DEFAULT_PERMISSIONS[action] % {"model": model._meta.verbose_name}
    else:
        # Our own permissions are declared with translatable names.
        name = gettext(permission.name)
    return f"{permission.content_type} | {name}"


def role_label(group) -> str:
    return str(ROLE_NAMES.get(group.name, group.name))


class LabelledChoicesMixin:
    """Permissions and groups chosen by their names in the admin's language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in {"permissions", "user_permissions"}:
            field.label_from_instance = permission_label
        elif db_field.name == "groups":
            field.label_from_instance = role_label
        return field


class StaffGroupAdmin(LabelledChoicesMixin, GroupAdmin):
    list_display = ["role"]

    @admin.display(description=_("role"), ordering="name")
    def role(self, group):
        return role_label(group)


class StaffUserAdmin(LabelledChoicesMixin, UserAdmin):
    pass


def name_links_between_records() -> None:
    """Give the hidden rows of many-to-many fields a name and a text in the active language."""
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if not opts.auto_created or opts.app_label not in {
            "auth",
            "events",
            "delegates",
            "reports",
        }:
            continue
        source, target = (field for field in opts.fields if field.is_relation)
        opts.verbose_name = format_lazy(
            "{} – {}",
            source.related_model._meta.verbose_name,
            target.related_model._meta.verbose_name,
        )
        opts.verbose_name_plural = opts.verbose_name
        model.__str__ = _link_text(source.name, target.name)


def _link_text(source: str, target: str):
    def __str__(self):
        return f"{getattr(self, source)} – {getattr(self, target)}"

    return __str__


# Wherever the admin names a role or a permission (filters, history, what a deletion
# removes), it names it in the admin's language.
Group.__str__ = role_label
Permission.__str__ = permission_label
admin.site.unregister(Group)
admin.site.register(Group, StaffGroupAdmin)
admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
name_links_between_records()
