"""The languages a forum's sessions may be interpreted into, named in the reader's language.

One list for both sides of interpretation: the languages a session provides (events) and the
language a delegate listens in (delegates). Names come from CLDR (babel), so Thai readers see
"ญี่ปุ่น" and English ones "Japanese" without a translation to keep.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language

# ASEAN's languages first, then those of the forum's usual partners and guests (ISO 639).
INTERPRETATION_LANGUAGES = (
    "th", "en", "zh", "ja", "ko", "vi", "id", "ms", "km", "lo", "my", "fil",
    "fr", "es", "ar", "ru", "de", "hi", "pt",
)  # fmt: skip


def language_name(code: str, *, language: str | None = None) -> str:
    """The name of the language `code` in `language` (the active one by default)."""
    from babel import Locale

    reader = "th" if (language or get_language() or "th").startswith("th") else "en"
    return Locale(reader).languages.get(code, code)


def language_choices() -> list[tuple[str, str]]:
    """The interpretation languages as choices, named in the active language.

    A callable, so that forms name them in the language of each request and migrations do
    not copy the list.
    """
    return [(code, language_name(code)) for code in INTERPRETATION_LANGUAGES]


class LanguagesField(models.JSONField):
    """A list of interpretation languages (their codes), ticked in forms rather than typed.

    JSON rather than an array, so that the list reads the same on every database.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in value or [] if code not in INTERPRETATION_LANGUAGES]
        if not isinstance(value, list) or unknown:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=language_choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name[:1].upper() + self.verbose_name[1:],
            help_text=self.help_text,
        )
