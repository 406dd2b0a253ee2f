"""Admin saves, deletes and inline edits go through the services, never straight to the rows.

So an edit in the admin records its author in the audit trail and moves the version of
every forum whose public pages show what changed, exactly as any other write does.
"""

from django.contrib import admin

from events.services import object_save, objects_delete, objects_save


class ServiceWritesAdmin(admin.ModelAdmin):
    """The base of every admin of the apps; admins that extend `save_model` come before it."""

    def save_model(self, request, obj, form, change):
        relations = {
            field.name: form.cleaned_data[field.name]
            for field in obj._meta.many_to_many
            if field.name in form.cleaned_data
        }
        object_save(obj=obj, user=request.user, relations=relations)

    def save_related(self, request, form, formsets, change):
        # The form's many-to-many values were saved with the object, by save_model.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        objects_save(saved=saved, deleted=formset.deleted_objects, user=request.user)
        formset.save_m2m()

    def delete_model(self, request, obj):
        objects_delete(objs=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        objects_delete(objs=list(queryset), user=request.user)
