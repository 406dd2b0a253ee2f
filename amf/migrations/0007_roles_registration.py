from django.contrib.auth.management import create_permissions
from django.db import migrations


def sync_roles(apps, schema_editor):
    # Registrars open forums to registration; every role reads the settings and what
    # registrants sent. These permissions are new.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from amf.services import role_sync

    role_sync(apps=apps, skip_unknown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("amf", "0006_roles_mail"),
        ("delegates", "0012_forum_registration"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
