"""Sanitised rich text: the one place that decides which HTML may be stored or shown.

Staff write it in an editor (`RichTextWidget`) that offers paragraphs, bold, italic, lists
and links, nothing more; the allow-list below also keeps what older texts hold (headings,
tables...). Whatever the editor sends, the server cleans it with nh3 by that allow-list.
"""

import nh3
from django import forms
from django.db import models
from django.forms.widgets import Script

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


class RichTextWidget(forms.Textarea):
    """A textarea that becomes a small rich-text editor (static/js/richtext.js).

    The engine is ProseMirror through Tiptap, as django-prose-editor ships it; its own widget
    is not used because it needs an inline import map and injects a style element, both of
    which the Content-Security-Policy forbids. The toolbar is rendered here, so its labels are
    translated with the rest of the admin. Without JavaScript the textarea shows the HTML.
    """

    template_name = "amf/widgets/richtext.html"

    class Media:
        css = {"all": ["css/richtext.css"]}
        js = [Script("js/richtext.js", type="module")]

    def __init__(self, attrs=None):
        super().__init__({"rows": 8, **(attrs or {})})

    def use_required_attribute(self, initial):
        # The textarea is hidden behind the editor, where the browser's own check for a
        # required field could neither focus it nor show its message; the server checks.
        return False


class RichTextFormField(forms.CharField):
    """A form field whose cleaned value is already sanitised."""

    widget = RichTextWidget

    def to_python(self, value):
        value = super().to_python(value)
        # Keep empty values as they are: nullable translation fields rely on None.
        return sanitize_html(value) if value else value


class RichTextField(models.TextField):
    """A text field holding HTML that is sanitised whenever it is cleaned or saved."""

    def to_python(self, value):
        return sanitize_html(super().to_python(value))

    def formfield(self, **kwargs):
        # The admin hands every text field its own textarea; rich text keeps its editor.
        widget = kwargs.get("widget")
        if widget is None or _is_textarea(widget):
            kwargs["widget"] = RichTextWidget
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        # Sanitising here too covers writes that bypass forms (services, imports, shell).
        value = sanitize_html(getattr(model_instance, self.attname))
        # Not setattr: on a field modeltranslation translates, the attribute is its descriptor,
        # which would write the value, possibly another language's fallback, into the field of
        # the active language. Each translation field sanitises its own value.
        model_instance.__dict__[self.attname] = value
        return value


def _is_textarea(widget) -> bool:
    kind = widget if isinstance(widget, type) else type(widget)
    return issubclass(kind, forms.Textarea) and not issubclass(kind, RichTextWidget)
