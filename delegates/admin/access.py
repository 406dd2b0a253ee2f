"""The person admin's access file: one person's own data, for a PDPA right-of-access request."""

from django import forms
from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amf import downloads
from amf.downloads import file_download
from delegates.services.access import person_access_file


class AccessFileForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the readable copy (PDF)"), choices=settings.LANGUAGES
    )


def may_produce_access_file(model_admin, request, person=None) -> bool:
    """Whoever may see and export contact details may hand a person their own data."""
    # Imported here: the person admin imports this module for its address.
    from delegates.admin.person import can_export_contact_details

    return model_admin.has_view_permission(request, person) and can_export_contact_details(
        request.user
    )


def access_file_view(model_admin, request, object_id: str):
    """GET: what the file holds and a button; POST: the file, its production logged."""
    person = model_admin.get_object(request, unquote(object_id))
    if person is None:
        raise Http404
    if not may_produce_access_file(model_admin, request, person):
        raise PermissionDenied
    language = get_language() if get_language() in dict(settings.LANGUAGES) else "th"
    form = AccessFileForm(request.POST or None, initial={"language": language})
    if request.method == "POST" and form.is_valid():
        access = person_access_file(
            person=person, user=request.user, language=form.cleaned_data["language"]
        )
        return file_download(access.content, filename=access.filename, content_type=downloads.ZIP)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": person,
        "title": _("Personal data file: %(person)s") % {"person": person},
        "form": form,
    }
    return TemplateResponse(request, "delegates/person_access_file_form.html", context)
