"""Forms of the reports app: the public list's filters and feedback form, the staff's forms."""

import datetime as dt

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _

from amf import spam
from amf.dates import year as era_year
from reports.models import Bulletin, MissionGroup
from reports.services import bulletin_text_needs_reason

# The spam checks' purpose: a token issued for this form, and its allowance, are its own.
FEEDBACK = "reports.feedback"


class BulletinFilterForm(forms.Form):
    """The public list's search box, year and mission group."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    group = forms.ModelChoiceField(
        label=_("Mission group"),
        required=False,
        queryset=MissionGroup.objects.none(),
        empty_label=_("All mission groups"),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [
            (value, era_year_label(value)) for value in years
        ]
        self.fields["group"].queryset = MissionGroup.objects.filter(
            bulletins__status=Bulletin.Status.PUBLISHED
        ).distinct()


def era_year_label(value: int) -> str:
    """A Common-Era year written in the active language's era (2019 → 2562 in Thai)."""
    return str(era_year(dt.date(value, 1, 1)))


class FeedbackForm(spam.SpamCheckedForm):
    """A visitor's suggestion, with a honeypot and a signed, timed token against bots."""

    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email (optional, only the office sees it)"), required=False
    )
    message = forms.CharField(
        label=_("Your suggestion"),
        max_length=4000,
        min_length=5,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Write your suggestion."),
            "min_length": _("Your suggestion is too short (at least %(limit_value)d characters)."),
        },
    )
    spam_purpose = FEEDBACK
    spam_messages = {
        "honeypot": _("Your suggestion looks automated and was not sent."),
        "expired": _("The form has expired. Please send your suggestion again."),
        "too_fast": _("That was very quick. Please check your suggestion and send it again."),
    }


class CompilationForm(forms.Form):
    """The date range, language and format of a compiled bulletin."""

    # The admin's date input and calendar: Buddhist-Era years in the Thai admin, which a
    # browser's own date picker cannot show.
    start = forms.DateField(label=_("Acknowledged from"), widget=AdminDateWidget)
    end = forms.DateField(label=_("Acknowledged until"), widget=AdminDateWidget)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("th", _("Thai")), ("en", _("English"))]
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("pdf", "PDF"), ("csv", "CSV")])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date is before the start date."))
        if start and end and (end - start) > dt.timedelta(days=3660):
            raise forms.ValidationError(_("Choose a range of at most ten years."))
        return cleaned


class RevisionNoteMixin(forms.ModelForm):
    """Asks why, when the text of an acknowledged or published bulletin is changed.

    The reports services decide (TEXT_RULES); this form only asks early, so that the
    answer is given on the page rather than refused after it.
    """

    revision_note = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "This bulletin has been acknowledged: saving a changed text records a new "
            "revision, and the earlier ones stay readable."
        ),
    )

    def text_changed(self) -> bool:
        return any(name != "revision_note" for name in self.changed_data)

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk or not bulletin_text_needs_reason(instance) or not self.text_changed():
            return cleaned
        if not cleaned.get("revision_note", "").strip():
            self.add_error("revision_note", _("Say why the text changes."))
        forum = cleaned.get("forum")
        if instance.status == Bulletin.Status.PUBLISHED and forum and not forum.is_published:
            self.add_error(
                "forum", _("A published bulletin belongs to a published forum; publish it first.")
            )
        return cleaned
