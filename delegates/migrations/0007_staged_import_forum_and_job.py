import django.db.models.deletion
from django.db import migrations, models


def forget_unbound_uploads(apps, schema_editor):
    # Files uploaded before they were bound to a forum cannot say which forum they were
    # previewed for; they lived an hour at most, so their users simply upload them again.
    apps.get_model("delegates", "StagedImport").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('amf', '0004_background_jobs'),
        ('delegates', '0006_export_log_access_file'),
        ('events', '0003_forum_history'),
    ]

    operations = [
        migrations.RunPython(forget_unbound_uploads, migrations.RunPython.noop),
        migrations.AddField(
            model_name='stagedimport',
            name='forum',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='events.forum', verbose_name='forum'),
        ),
        migrations.AlterField(
            model_name='stagedimport',
            name='forum',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='events.forum', verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='stagedimport',
            name='import_job',
            field=models.OneToOneField(blank=True, help_text='The background job importing the file, once its preview is confirmed.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='amf.job', verbose_name='import'),
        ),
    ]
