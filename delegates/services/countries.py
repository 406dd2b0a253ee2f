"""Writes for the delegates app."""

from django.db import transaction

from delegates.countries import iso_countries
from delegates.models import Country
from events.services import forums_touch_showing


@transaction.atomic
def country_sync() -> int:
    """Create or update every ISO 3166-1 country with its Thai and English names.

    Countries already right are not written. Returns how many rows were created or updated.
    Side effect: forums whose public pages show a renamed country get a new version.
    """
    existing = {country.code: country for country in Country.objects.all()}
    new = []
    updated = []
    for row in iso_countries():
        values = row._asdict()
        code = values.pop("code")
        country = existing.get(code)
        if country is None:
            new.append(Country(code=code, **values))
        elif any(getattr(country, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(country, field, value)
            # save(), not bulk_update(): modeltranslation keeps the untranslated column in step.
            country.save()
            updated.append(country.pk)
    Country.objects.bulk_create(new)
    if updated:
        forums_touch_showing(rows={Country: updated})
    return len(new) + len(updated)
