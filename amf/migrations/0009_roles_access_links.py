from django.contrib.auth.management import create_permissions
from django.db import migrations


def sync_roles(apps, schema_editor):
    # The Registrar reads the personal links issued (a later model).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from amf.services import role_sync

    role_sync(apps=apps, skip_unknown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("amf", "0008_roles_session_materials"),
        ("delegates", "0010_delegate_replies"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
