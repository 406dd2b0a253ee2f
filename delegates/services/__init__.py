"""Writes for the delegates app, one module per concern."""

from delegates.services.countries import country_sync

__all__ = ["country_sync"]
