"""The files of forums and sessions, served to the public only when marked public."""

import re

from django.http import Http404
from django.views.decorators.http import require_safe

from amf.uploads import stored_file_response
from events.models import OutcomeDocument, SessionMaterial

# Characters a saved file's name may not hold on common systems.
UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|]+')


def download_name(title: str) -> str:
    """A file name from a document's title, as the visitor's computer will save it."""
    return UNSAFE_IN_NAMES.sub(" ", str(title)).strip()[:100] or "document"


def serve(obj, title) -> object:
    if obj is None or not obj.file:
        raise Http404("No such file.")
    try:
        return stored_file_response(obj.file, filename=download_name(title))
    except FileNotFoundError:
        raise Http404("No such file.") from None


@require_safe
def outcome_document_file(request, slug: str, pk: int):
    """A public outcome document's file, of a published forum (1 query)."""
    document = (
        OutcomeDocument.objects.public()
        .filter(pk=pk, forum__slug=slug, forum__is_published=True)
        .first()
    )
    return serve(document, document.title if document else "")


@require_safe
def session_material_file(request, slug: str, pk: int):
    """A public session material's file, of a published forum (1 query)."""
    material = (
        SessionMaterial.objects.public()
        .filter(pk=pk, session__forum__slug=slug, session__forum__is_published=True)
        .first()
    )
    return serve(material, material.title if material else "")
