"""What each staff user may see and do in the admin, enforced in one place.

Every admin of the project derives from `GuardedAdminMixin` (through `amf.admin.GuardedAdmin`,
`TabbedTranslationAdmin` or `HistoryAdmin`; a test checks that none is left out). It makes
three promises:

- **Hidden fields stay hidden.** An admin names the fields that need a permission to be seen
  (`restricted_fields`, e.g. a person's email and phone). Without that permission they are
  left out of the forms, the list's columns, its filters, its search and the history; and
  a lookup, filter or ordering on them, directly (`?email__startswith=a`) or through a
  relation (`?person__email__startswith=a`), is refused with a 400, so that no count of
  results can answer a question about them.
- **Only what is shown can be looked up.** A list may be filtered on the fields its admin
  shows that user (form fields, columns, list filters, the date hierarchy) and nothing else:
  not on a staged import's contents, not on a token, not on a field someone forgot to hide.
- **Every action declares its permission** (`@admin.action(permissions=[...])`). An action
  that declares none is offered to nobody, and one posted by a user without its permission
  is refused with a 403 rather than quietly skipped.

Parameters that cannot be valid (NUL characters, dates outside the calendar) are refused
with a 400 before they reach the database.
"""

import functools
import re

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.main import ORDER_VAR
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import (
    BadRequest,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db.models import F, OrderBy
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseNotAllowed
from modeltranslation.translator import NotRegistered, translator

ORDER_TOKEN = re.compile(r"-?([0-9]{1,4})")


def field_names_with_translations(model, names) -> set[str]:
    """`names` with, for each translated field among them, its language columns too."""
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return set(names)
    expanded = set(names)
    for name in names:
        expanded.update(field.name for field in translated.get(name, ()))
    return expanded


def without(names, hidden) -> list:
    """A list of field names (or groups of them, as fieldsets write them) minus `hidden`."""
    kept = []
    for name in names:
        if isinstance(name, list | tuple):
            group = [part for part in name if part not in hidden]
            if group:
                kept.append(tuple(group))
        elif name not in hidden:
            kept.append(name)
    return kept


def posted_action(request) -> str | None:
    """The action a changelist POST asks for, chosen as Django's response_action chooses it."""
    try:
        index = int(request.POST.get("index", 0))
    except ValueError:
        index = 0
    names = request.POST.getlist("action")
    return names[index] if 0 <= index < len(names) else None


def reject_impossible_parameters(params) -> None:
    """Refuse (400) a query holding a NUL character: no field can match it, and PostgreSQL
    refuses such text outright."""
    for key, values in params.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            raise BadRequest("A parameter holds a NUL character.")


class GuardedChangeListMixin:
    """A changelist that refuses ordering and date parameters it cannot honour."""

    def get_filters(self, request):
        params = self.get_filters_params()
        if self.date_hierarchy:
            check_date_hierarchy(self.date_hierarchy, params)
        check_date_parts(params)
        return super().get_filters(request)

    def get_ordering(self, request, queryset):
        if self.params.get(ORDER_VAR):
            for token in self.params[ORDER_VAR].split("."):
                self.check_order_token(request, token)
        return super().get_ordering(request, queryset)

    def check_order_token(self, request, token: str) -> None:
        match = ORDER_TOKEN.fullmatch(token)
        if match is None or int(match[1]) >= len(self.list_display):
            raise DisallowedModelAdminLookup(f"There is no column {token!r} to order by.")
        order_field = self.get_ordering_field(self.list_display[int(match[1])])
        if not order_field:
            raise DisallowedModelAdminLookup(f"Column {token!r} cannot be ordered by.")
        if isinstance(order_field, OrderBy):
            order_field = order_field.expression
        if isinstance(order_field, F):
            order_field = order_field.name
        if isinstance(order_field, str):
            path = order_field.removeprefix("-")
            if not self.model_admin.path_visible(request, path, annotations=True):
                raise DisallowedModelAdminLookup(f"Ordering by {path} is not allowed.")


def check_date_hierarchy(field: str, params: dict) -> None:
    """Refuse date-hierarchy values that name no day of the calendar Python can count."""
    limits = {"year": (1, 9998), "month": (1, 12), "day": (1, 31)}
    for part, (low, high) in limits.items():
        for value in params.get(f"{field}__{part}", ()):
            value = value.strip()
            if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
                raise IncorrectLookupParameters(f"{field}__{part}={value!r} is not a date part.")


# Date transforms whose values Python turns into dates: beyond these, datetime overflows.
DATE_PARTS = {
    "year": (1, 9998),
    "iso_year": (1, 9998),
    "month": (1, 12),
    "day": (1, 31),
    "week": (1, 53),
    "week_day": (1, 7),
    "iso_week_day": (1, 7),
    "quarter": (1, 4),
    "hour": (0, 23),
    "minute": (0, 59),
    "second": (0, 59),
}


def check_date_parts(params: dict) -> None:
    """Refuse a date-part lookup (created_at__year=-1) whose value no calendar has."""
    for key, values in params.items():
        parts = key.split(LOOKUP_SEP)
        # "created_at__year" or "created_at__year__gte": the transform is last or next to last.
        part = next((p for p in reversed(parts[1:]) if p in DATE_PARTS), None)
        if part is None:
            continue
        low, high = DATE_PARTS[part]
        for value in values:
            for piece in value.split(",") if parts[-1] == "in" else [value]:
                piece = piece.strip()
                if not (piece.isascii() and piece.isdigit() and low <= int(piece) <= high):
                    raise IncorrectLookupParameters(f"{key}={value!r} is not a date part.")


@functools.cache
def guarded_changelist(base: type) -> type:
    if issubclass(base, GuardedChangeListMixin):
        return base
    return type(f"Guarded{base.__name__}", (GuardedChangeListMixin, base), {})


class ReadableAutocompleteMixin:
    """An autocomplete that lets go of a value its field cannot read (`?session=abc` on an add
    page, or posted), rather than look it up in the database: the form says the choice is
    not valid, where Django's own would answer with a server error."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        options = remote.model._meta
        # A foreign key names the field it points at; a many-to-many points at the key.
        field_name = getattr(remote, "field_name", None)
        target = options.get_field(field_name) if field_name else options.pk
        readable = []
        for item in value:
            if str(item) not in self.choices.field.empty_values:
                try:
                    target.to_python(item)
                except ValidationError:
                    continue
            readable.append(item)
        return super().optgroups(name, readable, attr)


class ReadableAutocompleteSelect(ReadableAutocompleteMixin, AutocompleteSelect):
    pass


class ReadableAutocompleteSelectMultiple(ReadableAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class GuardedAdminMixin:
    """Hide restricted fields, allow lookups only on shown ones, make actions declare a permission.

    `restricted_fields` maps a field (or a column of `list_display`) to the permission a user
    needs to see it; None means no user sees it in the admin.
    """

    restricted_fields: dict[str, str | None] = {}

    # What the user may see.

    def hidden_fields(self, request) -> frozenset[str]:
        """The fields and columns this user may not see in this admin."""
        names = {
            name
            for name, permission in self.restricted_fields.items()
            if permission is None or not request.user.has_perm(permission)
        }
        return frozenset(field_names_with_translations(self.model, names))

    def lookup_fields(self, request) -> frozenset[str]:
        """The fields of this model the user may filter, search and order on: those shown."""
        cache = request.__dict__.setdefault("_guard_lookup_fields", {})
        key = type(self)
        if key not in cache:
            names = {"pk", self.opts.pk.name}
            names.update(flatten_fieldsets(self.get_fieldsets(request)))
            names.update(name for name in self.get_list_display(request) if isinstance(name, str))
            for item in self.get_list_filter(request):
                path = item[0] if isinstance(item, list | tuple) else item
                if isinstance(path, str):
                    names.add(path.split(LOOKUP_SEP)[0])
            if self.date_hierarchy:
                names.add(self.date_hierarchy.split(LOOKUP_SEP)[0])
            names = field_names_with_translations(self.model, names)
            cache[key] = frozenset(names - self.hidden_fields(request))
        return cache[key]

    def path_visible(self, request, path: str, *, annotations: bool = False) -> bool:
        """Whether every field along a lookup path ("person__email__startswith") is visible.

        The first field must be one this admin shows the user; each field further along
        must not be hidden by the admin of its own model. `annotations` lets the first part
        name something the admin's queryset computes (a column's ordering), not a field.
        """
        model = self.model
        shown = self.lookup_fields(request)
        for index, part in enumerate(path.split(LOOKUP_SEP)):
            name = model._meta.pk.name if part == "pk" else part
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                # Past the first part, the rest are lookups and transforms (startswith, year).
                return annotations if index == 0 else True
            if index == 0 and name not in shown:
                return False
            if index > 0 and name in hidden_fields_of(self.admin_site, model, request):
                return False
            if not field.is_relation:
                return True
            model = field.related_model
        return True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ReadableAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ReadableAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def lookup_allowed(self, lookup, value, request=None):
        if not super().lookup_allowed(lookup, value, request):
            return False
        if request is None or lookup in self.simple_filter_parameters(request):
            return True
        return self.path_visible(request, lookup)

    def simple_filter_parameters(self, request) -> set[str]:
        """The parameters of the list's own filters (SimpleListFilter), which filter as
        their code says rather than by a field lookup."""
        return {
            item.parameter_name
            for item in self.get_list_filter(request)
            if isinstance(item, type) and issubclass(item, SimpleListFilter)
        }

    # Hide what the user may not see, everywhere the admin shows fields.

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        hidden = self.hidden_fields(request)
        if not hidden:
            return fieldsets
        visible = []
        for title, options in fieldsets:
            fields = without(options.get("fields", ()), hidden)
            if fields:
                visible.append((title, {**options, "fields": fields}))
        return visible

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or ())
        hidden = self.hidden_fields(request)
        return [*exclude, *sorted(hidden - set(exclude))] if hidden else exclude or None

    def get_list_display(self, request):
        return without(super().get_list_display(request), self.hidden_fields(request))

    def get_list_filter(self, request):
        hidden = self.hidden_fields(request)
        kept = []
        for item in super().get_list_filter(request):
            path = item[0] if isinstance(item, list | tuple) else item
            if isinstance(path, str) and path.split(LOOKUP_SEP)[0] in hidden:
                continue
            kept.append(item)
        return kept

    def get_search_fields(self, request):
        search_fields = super().get_search_fields(request)
        return [
            name
            for name in search_fields
            if self.path_visible(request, name.lstrip("^=@"), annotations=False)
        ]

    def get_search_results(self, request, queryset, search_term):
        if "\x00" in search_term:
            raise BadRequest("The search holds a NUL character.")
        return super().get_search_results(request, queryset, search_term)

    def get_changelist(self, request, **kwargs):
        return guarded_changelist(super().get_changelist(request, **kwargs))

    def changelist_view(self, request, extra_context=None):
        reject_impossible_parameters(request.GET)
        if request.method == "POST":
            self.refuse_unpermitted_action(request)
            self.reject_impossible_selection(request)
        return super().changelist_view(request, extra_context)

    def reject_impossible_selection(self, request) -> None:
        """Refuse (400) an action on rows that cannot exist: a forged, non-numeric selection."""
        for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
            try:
                self.opts.pk.to_python(value)
            except ValidationError:
                raise BadRequest("The selection names no row.") from None

    def history_view(self, request, object_id, extra_context=None):
        # A list of changes: nothing to post.
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().history_view(request, object_id, extra_context)

    # Actions: each declares the permission it needs.

    def get_actions(self, request):
        actions = super().get_actions(request)
        # An action that names no permission is offered to nobody, rather than to everyone.
        return {
            name: entry
            for name, entry in actions.items()
            if getattr(entry[0], "allowed_permissions", None)
        }

    def refuse_unpermitted_action(self, request) -> None:
        """Refuse (403) a posted action of this admin that the user lacks the permission for.

        Django would only answer "no action selected"; a refusal says what happened, and
        lets the role test tell a refused action from one that ran.
        """
        name = posted_action(request)
        declared = {action_name for _func, action_name, _label in self._get_base_actions()}
        if name in declared and name not in self.get_actions(request):
            raise PermissionDenied


def hidden_fields_of(site, model, request) -> frozenset[str]:
    """What the admin registered for `model` hides from this user (nothing if none is)."""
    model_admin = site._registry.get(model)
    if isinstance(model_admin, GuardedAdminMixin):
        return model_admin.hidden_fields(request)
    return frozenset()
