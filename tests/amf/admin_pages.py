"""Every page of the admin a member of staff can open, found from the admin's own URLs."""

import re

from django.contrib import admin
from django.urls import NoReverseMatch, reverse

# Not pages: downloads, POST-only steps, the autocomplete's JSON, the JavaScript catalogue.
NOT_PAGES = re.compile(
    r"(pdf|csv|download|workflow|autocomplete|jsi18n|logout|password_change_done|import_template|import_problems)"
)


def admin_pages(forum) -> dict[str, str]:
    """Name → path of every admin page, opened on the first object of each model.

    `forum` is the forum whose own pages (statistics) are opened.
    """
    pages = {"index": reverse("admin:index")}
    for name in ("password_change",):
        pages[name] = reverse(f"admin:{name}")
    for app_label in sorted({model._meta.app_label for model in admin.site._registry}):
        pages[f"{app_label} app"] = reverse("admin:app_list", args=[app_label])
    for model, model_admin in admin.site._registry.items():
        first = model._default_manager.order_by("pk").first()
        history = getattr(first, "history", None) if first is not None else None
        values = {
            "object_id": first.pk if first is not None else None,
            "forum_id": forum.pk,
            "version_id": history.latest().history_id if history and history.exists() else None,
        }
        for pattern in model_admin.get_urls():
            if not pattern.name or NOT_PAGES.search(pattern.name):
                continue
            needed = re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))
            if any(values.get(param) is None for param in needed):
                continue
            try:
                pages[pattern.name] = reverse(
                    f"admin:{pattern.name}", kwargs={param: values[param] for param in needed}
                )
            except NoReverseMatch:
                continue
    return pages
