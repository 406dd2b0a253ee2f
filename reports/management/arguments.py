"""Argument types the reports commands share."""

import datetime as dt

from django.core.management.base import CommandError


def iso_date(value: str) -> dt.date:
    """Read a YYYY-MM-DD command-line argument, or say what is wrong with it."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"“{value}” is not a date in the form YYYY-MM-DD.") from error
