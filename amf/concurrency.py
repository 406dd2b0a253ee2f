"""Two people editing one record: the later save is refused, saying who changed what, and when.

Optimistic locking on the audit trail (django-simple-history): a change form carries, in a
hidden field, the id of the record's latest version when the form was opened. Saving
locks the record's row inside the save's transaction and looks for versions that came
since. If one changed a stored field, the save is refused with the fields, the people and
the time, and the form keeps everything the user typed. The refused form then carries the
latest version: saving it again, knowingly, replaces the other changes (which stay in the
history). A version that changed nothing does not refuse a save.
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import NotRegistered, translator

from amf.dates import format_date

EDIT_VERSION = "edit_version"


def latest_version_id(model: type[models.Model], pk) -> int:
    """The id of the latest version of row `pk` of `model` in its audit trail; 0 if none."""
    latest = (
        model.history.filter(**{model._meta.pk.attname: pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    return latest or 0


@dataclass(frozen=True)
class EditConflict:
    """Versions saved after the one a form was opened on, and what they changed."""

    fields: list[str]
    users: list[str]
    when: datetime
    latest: int

    def message(self) -> str:
        moment = timezone.localtime(self.when)
        when = _("%(date)s at %(time)s") % {
            "date": format_date(moment.date()),
            "time": f"{moment:%H:%M}",
        }
        text = _(
            "Not saved: since you opened this page, %(users)s changed it (last at %(when)s)."
        ) % {"users": ", ".join(self.users), "when": when}
        if self.fields:
            text += " " + _("Changed: %(fields)s.") % {"fields": ", ".join(self.fields)}
        return (
            text
            + " "
            + _(
                "What you entered is kept below. Open the record in another tab to see the "
                "current values; saving this form again replaces them with yours."
            )
        )


def _compared(model: type[models.Model]) -> list[str]:
    try:
        # modeltranslation's untranslated columns follow the language columns.
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    # Stamps (created, updated) are not edits; the history compares editable fields only.
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in translated
        and not getattr(field, "auto_now", False)
    ]


def edit_conflict(obj: models.Model, seen: int) -> EditConflict | None:
    """What changed `obj` since its version `seen`; None if nothing did.

    Locks the row until the end of the current transaction, so that no other save can
    slip in between this check and the save that follows it.
    """
    model = type(obj)
    with transaction.atomic():
        model._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk").first()
        versions = model.history.filter(**{model._meta.pk.attname: obj.pk})
        newer = list(
            versions.filter(history_id__gt=seen).select_related("history_user").order_by("pk")
        )
        if not newer:
            return None
        base = versions.filter(history_id=seen).first()
        latest = newer[-1]
        if base is None:
            changed = []
        else:
            delta = latest.diff_against(base, included_fields=_compared(model))
            changed = [
                str(capfirst(model._meta.get_field(n).verbose_name)) for n in delta.changed_fields
            ]
            if not changed:
                return None
        users = []
        for version in newer:
            name = (
                version.history_user.get_username()
                if version.history_user
                else _("an import or a command")
            )
            if name not in users:
                users.append(name)
        return EditConflict(
            fields=changed, users=users, when=latest.history_date, latest=latest.history_id
        )


class EditVersionForm(forms.ModelForm):
    """Mixed into a model's change form: refuses a save that would undo someone else's."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[EDIT_VERSION].label = gettext_lazy("version")
        if self.instance.pk is not None:
            self.fields[EDIT_VERSION].initial = latest_version_id(
                type(self.instance), self.instance.pk
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or EDIT_VERSION in self.errors:
            return cleaned
        # A form sent without the version saw none: it may not overwrite what exists.
        conflict = edit_conflict(self.instance, cleaned.get(EDIT_VERSION) or 0)
        if conflict is not None:
            self.add_error(None, conflict.message())
            data = self.data.copy()
            data[self.add_prefix(EDIT_VERSION)] = conflict.latest
            self.data = data
        return cleaned


class EditVersionAdminMixin:
    """Gives a model admin's change form the edit version and its check (see module)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and "form" not in kwargs:
            base = self.form
            kwargs["form"] = type(base.__name__, (EditVersionForm, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Only a form that may be saved carries the version (a read-only page shows fields).
        if obj is None or not fieldsets or not self.has_change_permission(request, obj):
            return fieldsets
        (title, options), *rest = fieldsets
        return [(title, {**options, "fields": [*options["fields"], EDIT_VERSION]}), *rest]
