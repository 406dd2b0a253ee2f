from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    # Django creates permissions after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from amf.services import role_sync

    role_sync(apps=apps, skip_unknown=True)


def remove_roles(apps, schema_editor):
    from amf.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0003_forum_history"),
        ("delegates", "0004_person_participation_history"),
        ("reports", "0003_bulletin_followupaction_history"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
