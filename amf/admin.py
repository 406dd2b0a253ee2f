"""The admin site's titles and the helpers every app's admin shares."""

import dataclasses
import zoneinfo

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from amf.concurrency import EditVersionAdminMixin

admin.site.site_header = _("AMF – International forums")
admin.site.site_title = _("AMF")
admin.site.index_title = _("Records of international forums")


# Addresses typed without a scheme are taken as https, as Django 6 will do by default.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class TabbedTranslationAdmin(TabbedDjangoJqueryTranslationAdmin):
    """An admin with Thai and English tabs (jQuery UI served locally, see JQUERY_UI_URL)."""

    formfield_overrides = HTTPS_URLS


class HistoryAdmin(EditVersionAdminMixin, SimpleHistoryAdmin):
    """An admin with the audit trail: who changed what and when, and any version restorable.

    Two people editing one record cannot undo each other's changes unknowingly (see
    amf/concurrency.py).

    Restoring an old version brings back what its form edits. Every other field keeps its
    current value: read-only ones such as a bulletin's workflow move only through services,
    and fields hidden from this user (contact details) are not theirs to change.
    """

    def history_view(self, request, object_id, extra_context=None):
        require_valid_key(self.model, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        require_valid_key(self.model, unquote(object_id))
        require_valid_key(self.model.history.model, version_id)
        request.reverting_to_version = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if change and getattr(request, "reverting_to_version", False):
            keep_current_values(obj, edited=form.fields.keys())
        super().save_model(request, obj, form, change)

    def get_historical_record_context_helper(self, request, historical_record):
        # The list of changes leaves out what this user's form hides, e.g. contact details.
        hidden = set(self.get_exclude(request) or ())
        return HiddenFieldsContextHelper(self.model, historical_record, hidden=hidden)


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


def keep_current_values(obj, *, edited) -> None:
    """Set every stored field of `obj` that is not in `edited` back to its saved value."""
    model = type(obj)
    try:
        # modeltranslation's original fields write through to a language's column.
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    current = model._default_manager.get(pk=obj.pk)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in edited or field.name in translated:
            continue
        setattr(obj, field.attname, getattr(current, field.attname))


class PreloadedAutocompleteSelect(AutocompleteSelect):
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


class QuerysetOrderChangeList(ChangeList):
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
        zone = self.time_zone_for(object_id) if object_id else None
        if not zone:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Render while the zone is active: widgets convert times when they render.
            if hasattr(response, "render"):
                response.render()
            return response
