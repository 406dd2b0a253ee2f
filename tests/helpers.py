"""Small assertions shared by the test suites."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation


def validation_messages(instance) -> list[str]:
    """Run full_clean in English and return every message it raises."""
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        instance.full_clean()
    with translation.override("en"):
        # Messages are lazy: render them in English too, not in the test's language.
        return [str(message) for message in caught.value.messages]


def without_word_breaks(html: str) -> str:
    """HTML without the markup that makes Thai wrap between words (amf/thai_text.py):
    the text reads as it was written."""
    return re.sub(r'<wbr>|<span class="nobr">|</span>', "", html)
