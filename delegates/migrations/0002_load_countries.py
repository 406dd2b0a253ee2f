"""Fill the country list, which every installation needs, demo or not."""

from django.db import migrations


def load_countries(apps, schema_editor):
    from delegates.countries import iso_countries

    country_model = apps.get_model("delegates", "Country")
    # Historical models know nothing of modeltranslation: the base column holds the
    # default language (Thai), as modeltranslation itself would write it.
    country_model.objects.bulk_create(
        [country_model(name=row.name_th, **row._asdict()) for row in iso_countries()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("delegates", "0001_initial")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
