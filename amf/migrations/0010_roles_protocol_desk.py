from django.contrib.auth.management import create_permissions
from django.db import migrations


def sync_roles(apps, schema_editor):
    # The protocol desk's models: the Registrar keeps each forum's letter settings, issues
    # letters and keeps the seating plans, which every role reads.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from amf.services import role_sync

    role_sync(apps=apps, skip_unknown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("amf", "0009_roles_access_links"),
        ("delegates", "0016_seating_plans"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
