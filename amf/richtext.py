"""Sanitised rich text: the one place that decides which HTML may be stored or shown."""

import nh3
from django import forms
from django.db import models

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "h3", "h4", "a", "table", "thead",
    "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(value: str | None) -> str:
    """Return `value` with every tag, attribute and URL outside the allow-list removed."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


class RichTextFormField(forms.CharField):
    """A form field whose cleaned value is already sanitised."""

    def to_python(self, value):
        value = super().to_python(value)
        # Keep empty values as they are: nullable translation fields rely on None.
        return sanitize_html(value) if value else value


class RichTextField(models.TextField):
    """A text field holding HTML that is sanitised whenever it is cleaned or saved."""

    def to_python(self, value):
        return sanitize_html(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        # Sanitising here too covers writes that bypass forms (services, imports, shell).
        value = sanitize_html(getattr(model_instance, self.attname))
        # Not setattr: on a field modeltranslation translates, the attribute is its descriptor,
        # which would write the value, possibly another language's fallback, into the field of
        # the active language. Each translation field sanitises its own value.
        model_instance.__dict__[self.attname] = value
        return value
