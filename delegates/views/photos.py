"""Speakers' photos, served only where the person agreed to photographs for that forum."""

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.views.decorators.http import require_safe

from amf.uploads import stored_file_response
from delegates.models import Participation, SessionRole


@require_safe
def speaker_photo(request, slug: str, pk: int):
    """The photo of a public speaker of a published forum, with consent (1 query)."""
    speaks = SessionRole.objects.filter(session__forum=OuterRef("forum"), person=OuterRef("person"))
    participation = (
        Participation.objects.photo_shown()
        .filter(forum__slug=slug, forum__is_published=True, person_id=pk)
        .filter(Exists(speaks))
        .select_related("person")
        .only("person__photo")
        .first()
    )
    if participation is None:
        raise Http404("No such photo.")
    try:
        return stored_file_response(participation.person.photo, filename="photo")
    except FileNotFoundError:
        raise Http404("No such photo.") from None
