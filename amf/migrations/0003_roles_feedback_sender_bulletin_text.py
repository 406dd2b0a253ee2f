from django.contrib.auth.management import create_permissions
from django.db import migrations


def sync_roles(apps, schema_editor):
    # Reporters and approvers see who sent a suggestion; approvers no longer edit drafts
    # (amf/roles.py). The new permission is created now, not after all migrations.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from amf.services import role_sync

    role_sync(apps=apps, skip_unknown=True)


class Migration(migrations.Migration):
    dependencies = [
        ("amf", "0002_roles_staged_imports"),
        ("reports", "0004_feedback_sender_and_bulletin_return"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
