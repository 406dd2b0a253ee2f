"""Letters in the admin: each forum's letter settings, the register of letters issued, one
delegate's letter (issued and downloaded at once), and letters for a selection (a job).

A letter holds passport details: only users who see contact details and may issue letters
(the Registrar) open the register, its PDFs, the letter page and the action.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from amf.admin import GuardedAdmin, HistoryAdmin, ReadOnlyAdminMixin, TabbedTranslationAdmin
from amf.uploads import stored_file_response
from delegates.admin.person import CONTACT_PERMISSION, PersonSearchMixin
from delegates.letter_jobs import letters_issue_start
from delegates.letters import LETTER_RELATED, LetterProblem, letter_problems, next_letter_number
from delegates.models import ForumLetterSettings, IssuedLetter, Participation
from delegates.services.letters import letter_issue
from events.admin.writes import ServiceWritesAdmin

ISSUE_PERMISSION = "delegates.add_issuedletter"


def may_issue_letters(user) -> bool:
    """Whether the user may issue letters and read them (they hold passport details)."""
    return user.has_perm(ISSUE_PERMISSION) and user.has_perm(CONTACT_PERMISSION)


def may_read_letters(user) -> bool:
    return user.has_perm("delegates.view_issuedletter") and user.has_perm(CONTACT_PERMISSION)


@admin.register(ForumLetterSettings)
class ForumLetterSettingsAdmin(HistoryAdmin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["forum", "reference_prefix", "signatory_name", "signatory_position"]
    list_select_related = ["forum"]
    autocomplete_fields = ["forum"]
    search_fields = ["forum__title_th", "forum__title_en", "signatory_name_th", "signatory_name_en"]
    readonly_fields = ["next_reference", "updated_at"]
    fieldsets = [
        (None, {"fields": ["forum"]}),
        (
            _("Reference numbers"),
            {"fields": ["reference_prefix", "first_number", "next_reference"]},
        ),
        (_("Signatory"), {"fields": ["signatory_name", "signatory_position"]}),
        (
            _("Sender"),
            {
                "fields": [
                    "letterhead",
                    "office_address",
                    "office_name",
                    "division",
                    "phone",
                    "email",
                ]
            },
        ),
        (_("Record"), {"fields": ["updated_at"]}),
    ]

    @admin.display(description=_("next reference number"))
    def next_reference(self, settings):
        if settings.pk is None:
            return "-"
        return f"{settings.reference_prefix}{next_letter_number(settings)}"


class IssuedLetterInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The letters issued to this delegate, newest first (Registrar only)."""

    model = IssuedLetter
    fk_name = "participation"
    fields = ["reference", "kind", "language", "dated", "issued_at", "issued_by", "download"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = _("letters issued to this delegate")
    ordering = ["-issued_at", "-number"]

    def has_view_permission(self, request, obj=None):
        return may_read_letters(request.user)

    @admin.display(description=_("PDF"))
    def download(self, letter):
        return download_link(letter)


def download_link(letter: IssuedLetter):
    if not letter.pdf:
        return "-"
    return format_html(
        '<a href="{}">{}</a>',
        reverse("admin:delegates_issuedletter_pdf", args=[letter.pk]),
        _("Download"),
    )


@admin.register(IssuedLetter)
class IssuedLetterAdmin(PersonSearchMixin, ReadOnlyAdminMixin, ServiceWritesAdmin, GuardedAdmin):
    """The register of letters issued: what, to whom, by whom and when. Nobody edits it."""

    person_lookup = "participation__person"
    list_display = [
        "reference",
        "kind",
        "language",
        "addressee",
        "forum",
        "dated",
        "issued_at",
        "issued_by",
        "download",
    ]
    list_filter = ["kind", "language", "forum"]
    list_select_related = ["forum", "issued_by"]
    search_fields = ["reference"]
    date_hierarchy = "issued_at"
    fields = [
        "reference",
        "number",
        "kind",
        "language",
        "forum",
        "participation",
        "addressee",
        "dated",
        "issued_at",
        "issued_by",
        "job",
        "download",
    ]
    readonly_fields = fields
    restricted_fields = {"pdf": None}

    def has_view_permission(self, request, obj=None):
        return may_read_letters(request.user)

    def has_module_permission(self, request):
        return may_read_letters(request.user)

    @admin.display(description=_("PDF"))
    def download(self, letter):
        return download_link(letter)

    def get_urls(self):
        def letter_pdf(request, object_id):
            return issued_letter_pdf(self, request, object_id)

        return [
            path(
                "<path:object_id>/pdf/",
                self.admin_site.admin_view(letter_pdf),
                name="delegates_issuedletter_pdf",
            ),
            *super().get_urls(),
        ]


def issued_letter_pdf(model_admin, request, object_id: str):
    """The letter's PDF as it was issued, to download (GET only; Registrar only)."""
    if request.method not in ("GET", "HEAD"):
        raise PermissionDenied
    if not may_read_letters(request.user):
        raise PermissionDenied
    letter = model_admin.get_object(request, unquote(object_id))
    if letter is None or not letter.pdf:
        raise Http404
    return letter_response(letter)


def letter_response(letter: IssuedLetter):
    """The stored PDF of `letter` as a download, which no cache on the way keeps: it holds
    passport details."""
    try:
        response = stored_file_response(
            letter.pdf, filename=f"letter-{letter.kind}-{letter.language}-{letter.number}"
        )
    except FileNotFoundError:
        raise Http404 from None
    response["Cache-Control"] = "private, no-store"
    return response


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter"), choices=IssuedLetter.Kind.choices)
    language = forms.ChoiceField(
        label=_("Language"), choices=IssuedLetter.Language.choices, initial="th"
    )


def participation_letters(model_admin, request, object_id: str):
    """GET: what the delegate's letters need and the letters issued so far.
    POST: issue one letter now and download it."""
    if not may_issue_letters(request.user):
        raise PermissionDenied
    participation = model_admin.get_object(request, unquote(object_id))
    if participation is None:
        raise Http404
    participation = get_object_or_404(
        Participation.objects.select_related(*LETTER_RELATED), pk=participation.pk
    )
    form = LetterForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            letter = letter_issue(
                participation=participation,
                kind=form.cleaned_data["kind"],
                language=form.cleaned_data["language"],
                user=request.user,
            )
        except LetterProblem as problem:
            for message in problem.messages:
                model_admin.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        return letter_response(letter)
    problems = {
        kind: letter_problems(participation, kind=kind)
        for kind, _label in IssuedLetter.Kind.choices
    }
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": participation,
        "title": _("Letters to %(participation)s") % {"participation": participation},
        "form": form,
        "problems": [
            (IssuedLetter.Kind(kind).label, messages_) for kind, messages_ in problems.items()
        ],
        "letters": participation.letters.select_related("issued_by").order_by("-issued_at"),
        "change_url": reverse("admin:delegates_participation_change", args=[participation.pk]),
        "changelist_url": reverse("admin:delegates_participation_changelist"),
    }
    return TemplateResponse(request, "delegates/participation_letters.html", context)


@admin.action(permissions=["issue_letters"], description=_("Issue letters (invitation or visa)"))
def issue_letters(modeladmin, request, queryset):
    """Choose the letter and language (first POST), then issue them in the background."""
    forum_id = queryset.sole_forum_id()
    if forum_id is None:
        modeladmin.message_user(
            request,
            _("Select delegates of one forum: each forum's letters have their own signatory "
              "and numbers. Filter the list by forum first."),
            messages.ERROR,
        )  # fmt: skip
        return None
    if not ForumLetterSettings.objects.filter(forum_id=forum_id).exists():
        modeladmin.message_user(
            request,
            _(
                "The forum “%(forum)s” has no letter settings yet (signatory, office, reference "
                "prefix): add them under Delegates → Letter settings."
            )
            % {"forum": queryset.select_related("forum").first().forum},
            messages.ERROR,
        )
        return None
    form = LetterForm(request.POST if "issue" in request.POST else None)
    if form.is_bound and form.is_valid():
        job = letters_issue_start(
            user=request.user,
            participations=queryset,
            kind=form.cleaned_data["kind"],
            language=form.cleaned_data["language"],
        )
        modeladmin.message_user(
            request,
            _("The letters are being written in the background; this page shows how far it got."),
            messages.INFO,
        )
        return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": _("Issue letters"),
        "form": form,
        "count": queryset.count(),
        "queryset": queryset.select_related("person")[:1000],
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_name": "issue_letters",
        "changelist_url": reverse("admin:delegates_participation_changelist"),
    }
    return TemplateResponse(request, "delegates/participation_letters_form.html", context)
