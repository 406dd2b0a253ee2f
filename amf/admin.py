"""The admin site's titles and the helpers every app's admin shares."""

import copy
import dataclasses
import zoneinfo

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from amf.concurrency import EditVersionAdminMixin
from amf.guard import GuardedAdminMixin, GuardedChangeListMixin, ReadableAutocompleteSelect

admin.site.site_header = _("AMF – International forums")
admin.site.site_title = _("AMF")
admin.site.index_title = _("Records of international forums")


# Addresses typed without a scheme are taken as https, as Django 6 will do by default.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyAdminMixin:
    """Rows the services write (histories, outboxes, registrations, jobs): the admin shows
    them and nobody adds, changes or deletes one here. For model admins and inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GuardedAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """The base of every admin that has no translated fields: see amf.guard."""


class TabbedTranslationAdmin(GuardedAdminMixin, TabbedDjangoJqueryTranslationAdmin):
    """An admin with Thai and English tabs (jQuery UI served locally, see JQUERY_UI_URL)."""

    formfield_overrides = HTTPS_URLS


class HistoryAdmin(EditVersionAdminMixin, GuardedAdminMixin, SimpleHistoryAdmin):
    """An admin with the audit trail: who changed what and when, and any version restorable.

    Two people editing one record cannot undo each other's changes unknowingly (see
    amf/concurrency.py).

    A version's page shows the record as it would be restored: the fields this user may
    change now take the version's values; every other field keeps its current value
    (read-only ones such as a bulletin's workflow, which moves only through services, and
    fields hidden from this user, such as contact details). Restoring is a change like any
    other: it needs the permission to change the record as it stands now, and it is saved
    through the same `save_model` as the change form, so a published bulletin's text
    changes only as a revision with a reason. A deleted record is not restored from here.
    """

    def history_view(self, request, object_id, extra_context=None):
        require_valid_key(self.model, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        require_valid_key(self.model, object_id)
        require_valid_key(self.model.history.model, version_id)
        version = get_object_or_404(
            self.model.history.model, **{self.opts.pk.attname: object_id, "history_id": version_id}
        )
        current = self.get_object(request, object_id)
        if not self.has_view_permission(request, current or version.instance):
            raise PermissionDenied
        may_restore = current is not None and self.has_change_permission(request, current)
        if request.method == "POST" and not may_restore:
            raise PermissionDenied
        initial = None
        if may_restore:
            fields = self.get_form(request, current).base_fields
            obj = restored(current, version.instance, fields)
            # What a restore changes is judged against the record as it stands, not the version.
            initial = model_to_dict(current, fields=list(fields))
        else:
            obj = version.instance
            obj._state.adding = False
        form_class = self.get_form(request, obj)
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=obj, initial=initial)
            if form.is_valid():
                new_object = self.save_form(request, form, change=True)
                self.save_model(request, new_object, form, change=True)
                form.save_m2m()
                self.log_change(
                    request, new_object, self.construct_change_message(request, form, [])
                )
                return self.response_change(request, new_object)
        else:
            form = form_class(instance=obj)
        fieldsets = self.get_fieldsets(request, obj)
        readonly = (
            self.get_readonly_fields(request, obj) if may_restore else flatten_fieldsets(fieldsets)
        )
        admin_form = helpers.AdminForm(
            form, fieldsets, self.prepopulated_fields if may_restore else {}, readonly,
            model_admin=self,
        )  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "title": self.history_form_view_title(request, obj),
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "media": self.media + admin_form.media,
            "errors": helpers.AdminErrorList(form, []),
            "app_label": self.opts.app_label,
            "original_opts": self.opts,
            "changelist_url": reverse(f"admin:{self.url_prefix}_changelist"),
            "change_url": reverse(f"admin:{self.url_prefix}_change", args=[object_id]),
            "history_url": reverse(f"admin:{self.url_prefix}_history", args=[object_id]),
            "change_history": False,
            "revert_disabled": not may_restore,
            "add": False,
            "change": True,
            "has_add_permission": False,
            "has_view_permission": True,
            "has_change_permission": may_restore,
            "has_delete_permission": False,
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": self.model.history.model._meta,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": False,
            "save_on_top": self.save_on_top,
            "root_path": getattr(self.admin_site, "root_path", None),
            **(extra_context or {}),
        }
        return self.render_history_view(request, self.object_history_form_template, context)

    @property
    def url_prefix(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}"

    def revert_disabled(self, request, obj=None):
        return not self.has_change_permission(request, obj)

    def get_historical_record_context_helper(self, request, historical_record):
        # The list of changes leaves out what this user may not see, e.g. contact details.
        return HiddenFieldsContextHelper(
            self.model, historical_record, hidden=set(self.hidden_fields(request))
        )


class HiddenFieldsContextHelper(HistoricalRecordContextHelper):
    """Describe a version's changes without the fields named in `hidden`."""

    def __init__(self, model, record, *, hidden: set[str]):
        super().__init__(model, record)
        self.hidden = hidden

    def context_for_delta_changes(self, delta):
        shown = [change for change in delta.changes if change.field not in self.hidden]
        delta = dataclasses.replace(
            delta,
            changes=shown,
            changed_fields=[name for name in delta.changed_fields if name not in self.hidden],
        )
        return super().context_for_delta_changes(delta)


def require_valid_key(model, value) -> None:
    """Answer 404, as the admin's own pages do, to an address whose id cannot be a key."""
    try:
        model._meta.pk.to_python(value)
    except ValidationError:
        raise Http404 from None


def restored(current, version, form_fields) -> models.Model:
    """`current` with the values `version` holds for the fields of `form_fields`.

    The form's fields are those the user may change now; a translated field's form field is
    its language column (title_th), which is the stored field itself.
    """
    obj = copy.copy(current)
    for field in current._meta.concrete_fields:
        if field.name in form_fields and not field.primary_key:
            setattr(obj, field.attname, getattr(version, field.attname))
    return obj


class PreloadedAutocompleteSelect(ReadableAutocompleteSelect):
    """An autocomplete that labels its selection from an object it was handed, if it has one."""

    preloaded: dict | None = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not selected or not self.preloaded or not set(selected) <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for index, key in enumerate(selected, start=len(default[1])):
            default[1].append(
                self.create_option(name, key, label(self.preloaded[key]), True, index)
            )
        return [default]


class ListInlineMixin:
    """Render inline rows without a query per row.

    Autocomplete fields are labelled from the rows' own related objects (fetched with one
    select_related) and other foreign keys' choices are read once, not once per row.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name not in self.raw_id_fields:
            field.choices = [(getattr(v, "value", v), label) for v, label in field.choices]
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        names = [
            name
            for name in self.autocomplete_fields
            if name in formset.form.base_fields
            and isinstance(
                getattr(formset.form.base_fields[name].widget, "widget", None),
                PreloadedAutocompleteSelect,
            )
        ]
        if not names:
            return formset

        class PreloadedFormSet(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                for name in names:
                    related = getattr(form.instance, name, None) if form.instance.pk else None
                    if related is not None:
                        form.fields[name].widget.widget.preloaded = {str(related.pk): related}
                return form

        return PreloadedFormSet


class QuerysetOrderChangeList(GuardedChangeListMixin, ChangeList):
    """A changelist whose default order is its queryset's rather than Meta.ordering.

    It lets a list open in an order only an expression can give, such as Thai dictionary
    order, while clicking a column still sorts by that column.
    """

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            return super().get_ordering(request, queryset)
        return list(queryset.query.order_by)


class ThaiOrderAdminMixin:
    """List rows in Thai dictionary order (the queryset's `in_thai_order()`) by default."""

    def get_queryset(self, request):
        return super().get_queryset(request).in_thai_order()

    def get_changelist(self, request, **kwargs):
        return QuerysetOrderChangeList


class LocalTimeAdminMixin:
    """Show and take an object's date-times in a time zone of its own, e.g. its forum's.

    Staff type a programme as it is printed, in the host city's time; subclasses name the
    zone with `time_zone_for(object_id)`.
    """

    def time_zone_for(self, object_id) -> str | None:
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id:
            # An address whose id cannot be a key ("1/change/widgets.css") is no record.
            require_valid_key(self.model, unquote(object_id))
        zone = self.time_zone_for(object_id) if object_id else None
        if not zone:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Render while the zone is active: widgets convert times when they render.
            if hasattr(response, "render"):
                response.render()
            return response


# Users, groups and the links between records, named in the admin's language.
from amf import admin_labels  # noqa: E402, F401
