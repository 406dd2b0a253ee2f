"""Email to delegates in the admin: invitation texts, the outbox, and sending.

Only roles that see contact details (the Registrar) read the outbox, preview, send and
resend: an email holds an address and a text written to one person. Sending many runs in
the background (delegates.mail_jobs); each email's state shows on its participation.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from amf.admin import GuardedAdmin, ReadOnlyAdminMixin, TabbedTranslationAdmin
from delegates.mail_jobs import (
    MESSAGE_FIELDS,
    invitations_send_start,
    message_send_start,
    message_texts,
)
from delegates.models import InvitationText, OutgoingEmail, Participation
from delegates.services.mail import (
    delegate_address,
    invitation_render,
    invitation_send,
    outgoing_email_resend,
    participation_email_render,
    placeholders_check,
)
from delegates.services.mail.texts import LINK_SHOWN_IN_PREVIEW, PLACEHOLDER
from events.admin.writes import ServiceWritesAdmin

SEND_PERMISSION = "delegates.send_outgoingemail"
LANGUAGE_NAMES = {"th": _("Thai"), "en": _("English")}


def may_send(user) -> bool:
    """Whether the user may write to delegates (and so see what is written to them)."""
    return user.has_perm(SEND_PERMISSION) and user.has_perm("delegates.view_outgoingemail")


class PlaceholderCheckedForm(forms.ModelForm):
    """Refuses a text using a placeholder that does not exist, naming it, per field."""

    checked_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.checked_fields:
            try:
                placeholders_check(cleaned.get(name) or "")
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class InvitationTextForm(PlaceholderCheckedForm):
    checked_fields = ("subject_th", "subject_en", "body_th", "body_en")

    class Meta:
        model = InvitationText
        fields = ["forum", "subject", "body"]


@admin.register(InvitationText)
class InvitationTextAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    form = InvitationTextForm
    list_display = ["forum", "subject_shown", "updated_at"]
    list_select_related = ["forum"]
    autocomplete_fields = ["forum"]
    fields = ["forum", "subject", "body"]
    search_fields = ["forum__title_th", "forum__title_en"]

    @admin.display(description=_("subject"), ordering="subject")
    def subject_shown(self, invitation):
        # Placeholders shown as the code they are, not as words of the text.
        escaped = conditional_escape(invitation.subject)
        return mark_safe(PLACEHOLDER.sub(lambda match: f"<code>{match[0]}</code>", escaped))


class OutgoingEmailInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Every email the delegate was sent for this forum, newest first (Registrar only)."""

    model = OutgoingEmail
    fk_name = "participation"
    fields = ["queued_at", "kind", "language", "subject", "state", "attempts", "sent_at", "error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("emails sent to this delegate")
    ordering = ["-queued_at", "-pk"]

    @admin.display(description=_("last error"))
    def error(self, email):
        return email.last_error[:200]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdminMixin, GuardedAdmin):
    """The outbox: what was sent to whom and how it went. Read-only; resend is an action."""

    list_display = [
        "subject",
        "to_address",
        "kind",
        "language",
        "state",
        "attempts",
        "queued_at",
        "sent_at",
        "forum",
    ]
    list_filter = ["state", "kind", "language", "forum"]
    list_select_related = ["forum"]
    search_fields = ["subject", "to_address"]
    date_hierarchy = "queued_at"
    readonly_fields = [
        "forum",
        "participation",
        "person",
        "kind",
        "language",
        "to_address",
        "subject",
        "body",
        "message_id",
        "state",
        "attempts",
        "last_error",
        "queued_at",
        "queued_by",
        "next_attempt_at",
        "sent_at",
        "failed_at",
        "erased_at",
    ]
    fields = readonly_fields
    actions = ["resend_selected"]

    def has_send_permission(self, request):
        return may_send(request.user)

    @admin.action(permissions=["send"], description=_("Send the selected emails again"))
    def resend_selected(self, request, queryset):
        sent, refused = 0, []
        for email in queryset.select_related("participation__person", "participation__forum"):
            try:
                outgoing_email_resend(email=email, user=request.user)
            except ValidationError as error:
                refused.extend(error.messages)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d email queued again.", "%(count)d emails queued again.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
        for message in sorted(set(refused)):
            self.message_user(request, message, messages.ERROR)


# The participation list: a column, actions, a preview and a compose page.


@admin.display(description=_("last email"))
def last_email(participation):
    state = getattr(participation, "last_email_state", None)
    if not state:
        return "–"
    return format_html(
        '<span class="email-state email-state-{}">{}: {}</span>',
        state,
        OutgoingEmail.Kind(participation.last_email_kind).label,
        OutgoingEmail.State(state).label,
    )


@admin.action(permissions=["send"], description=_("Send invitations (to those invited)"))
def send_invitations(modeladmin, request, queryset):
    invited = queryset.filter(registration_status=Participation.RegistrationStatus.INVITED)
    if not invited.exists():
        modeladmin.message_user(
            request,
            _("None of the selected participations is in the “invited” state."),
            messages.WARNING,
        )
        return None
    job = invitations_send_start(user=request.user, participations=invited)
    modeladmin.message_user(
        request,
        _("The invitations are being written in the background; this page shows how far it got."),
        messages.INFO,
    )
    return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))


SUBJECT = forms.TextInput(attrs={"class": "vTextField"})
TEXT = forms.Textarea(attrs={"class": "vLargeTextField", "rows": 10})


class MessageForm(forms.Form):
    subject_th = forms.CharField(
        label=_("Subject (Thai)"), max_length=200, required=False, widget=SUBJECT
    )
    body_th = forms.CharField(label=_("Text (Thai)"), widget=TEXT, required=False, max_length=20000)
    subject_en = forms.CharField(
        label=_("Subject (English)"), max_length=200, required=False, widget=SUBJECT
    )
    body_en = forms.CharField(
        label=_("Text (English)"), widget=TEXT, required=False, max_length=20000
    )

    def clean(self):
        cleaned = super().clean()
        for name in MESSAGE_FIELDS:
            try:
                placeholders_check(cleaned.get(name) or "")
            except ValidationError as error:
                self.add_error(name, error)
        for language in ("th", "en"):
            if bool(cleaned.get(f"subject_{language}")) != bool(cleaned.get(f"body_{language}")):
                self.add_error(
                    f"body_{language}",
                    _("Write both the subject and the text in %(language)s, or neither.")
                    % {"language": LANGUAGE_NAMES[language]},
                )
        if not any(cleaned.get(name) for name in MESSAGE_FIELDS):
            raise ValidationError(_("Write the message in Thai, English or both."))
        return cleaned


def _previews(participation, *, render) -> list[dict]:
    """The email for `participation` in each language, for a preview page: `render(language,
    link)` gives it, with a stand-in for the delegate's personal link."""
    link = str(LINK_SHOWN_IN_PREVIEW)
    previews = []
    for language in ("th", "en"):
        rendered = render(language, link)
        previews.append(
            {
                "language": LANGUAGE_NAMES[language],
                "code": language,
                "subject": rendered.subject,
                "body": rendered.body,
                "is_delegates": participation.person.language == language,
            }
        )
    return previews


def _message_render(participation, texts):
    def render(language, link):
        subject, body = message_texts(texts, language)
        return participation_email_render(
            participation=participation, subject=subject, body=body, language=language, link=link
        )

    return render


def _invitation_render(participation):
    def render(language, link):
        return invitation_render(participation=participation, language=language, link=link)

    return render


@admin.action(permissions=["send"], description=_("Send a message"))
def send_message(modeladmin, request, queryset):
    """Compose (first POST), preview (with "preview"), then send (with "send")."""
    count = queryset.count()
    form = MessageForm(request.POST if "compose" in request.POST else None)
    previews = []
    if form.is_bound and form.is_valid():
        texts = {name: form.cleaned_data[name] for name in MESSAGE_FIELDS}
        if "send" in request.POST:
            job = message_send_start(user=request.user, participations=queryset, texts=texts)
            modeladmin.message_user(
                request,
                _(
                    "The message is being written in the background; this page shows how far "
                    "it got."
                ),
                messages.INFO,
            )
            return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))
        first = queryset.select_related("person", "forum").order_by("pk").first()
        previews = _previews(first, render=_message_render(first, texts))
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": _("Send a message"),
        "form": form,
        "count": count,
        "queryset": queryset.order_by("pk")[:1000],
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_name": "send_message",
        "previews": previews,
        "changelist_url": reverse("admin:delegates_participation_changelist"),
    }
    return TemplateResponse(request, "delegates/participation_message_form.html", context)


def invitation_preview(model_admin, request, object_id: str):
    """GET: the participation's invitation as it will be sent, in both languages.
    POST: send it to this one delegate now (queued)."""
    if not may_send(request.user):
        raise PermissionDenied
    participation = model_admin.get_object(request, unquote(object_id))
    if participation is None:
        raise Http404
    participation = Participation.objects.select_related("person", "forum").get(pk=participation.pk)
    problems = []
    previews = []
    try:
        delegate_address(participation)
    except ValidationError as error:
        problems.extend(error.messages)
    try:
        previews = _previews(participation, render=_invitation_render(participation))
    except ValidationError as error:
        problems.extend(error.messages)
    change_url = reverse("admin:delegates_participation_change", args=[participation.pk])
    if request.method == "POST":
        if problems:
            for problem in problems:
                model_admin.message_user(request, problem, messages.ERROR)
            return HttpResponseRedirect(request.path)
        invitation_send(participation=participation, user=request.user)
        model_admin.message_user(
            request,
            _("The invitation is queued; its state shows below."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(change_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": participation,
        "title": _("Invitation of %(participation)s") % {"participation": participation},
        "previews": previews,
        "problems": problems,
        "change_url": change_url,
        "changelist_url": reverse("admin:delegates_participation_changelist"),
    }
    return TemplateResponse(request, "delegates/participation_invitation.html", context)
