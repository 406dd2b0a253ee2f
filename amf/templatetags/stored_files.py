"""What public pages say of stored files: their kind and size, and a version for links."""

from pathlib import PurePosixPath

from django import template
from django.template.defaultfilters import filesizeformat

from amf.uploads import kind_of

register = template.Library()


@register.filter
def file_kind(field_file) -> str:
    """The kind the stored file's content was found to be ("PDF", "PowerPoint")."""
    kind = kind_of(field_file.name) if field_file else None
    return kind.label if kind else ""


@register.filter
def file_size(field_file) -> str:
    """The stored file's size in words ("1.2 MB"), or nothing if storage cannot say."""
    if not field_file:
        return ""
    try:
        return filesizeformat(field_file.size)
    except (OSError, ValueError):
        return ""


@register.filter
def file_version(field_file) -> str:
    """A short part of the file's random name, so that a new file has a new address."""
    return PurePosixPath(field_file.name).stem[:12] if field_file else ""
