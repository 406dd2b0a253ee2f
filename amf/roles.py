"""The office's roles: which permissions each staff group holds.

Groups are created by a migration (amf/migrations) and kept in step by `sync_roles`, so a
role's meaning lives here, in one place, and the admin only ever checks permissions.
"""

FULL = ("add", "change", "delete", "view")
VIEW = ("view",)


def model_permissions(model: str, actions: tuple[str, ...]) -> list[str]:
    """Name the permissions ("events.change_forum") for `actions` on an "app.model" label."""
    app_label, model_name = model.split(".")
    return [f"{app_label}.{action}_{model_name}" for action in actions]


def grant(rules: dict[str, tuple[str, ...]], *extra: str) -> frozenset[str]:
    """Collect a role's permissions from per-model actions and extra permission names."""
    names = [name for model, actions in rules.items() for name in model_permissions(model, actions)]
    return frozenset([*names, *extra])


PROGRAMME = (
    "events.forumseries",
    "events.forum",
    "events.venue",
    "events.room",
    "events.session",
    "events.sessionmaterial",
    "events.priority",
    "events.framework",
    "events.outcomedocument",
    "events.relatedevent",
    "events.programmenotice",
)
DIRECTORY = ("delegates.country", "delegates.organisation", "delegates.person")
FORUM_PEOPLE = (
    "delegates.forumpartner",
    "delegates.sessionrole",
    "delegates.participation",
    "delegates.attendance",
    "delegates.forumregistration",
    "delegates.selfregistration",
    # Seating plans and their seats: names and places only, no contact details.
    "delegates.seatingplan",
    "delegates.seat",
)
REPORTING = (
    "reports.missiongroup",
    "reports.bulletin",
    "reports.bulletinrevision",
    "reports.followupaction",
    "reports.progressnote",
    "reports.feedback",
)
# Accountability records: who took delegates' data out, who erased it.
RECORDS = ("delegates.exportlog", "delegates.anonymisation")
EVERYTHING = (
    *PROGRAMME,
    *DIRECTORY,
    *FORUM_PEOPLE,
    *RECORDS,
    *REPORTING,
    # The forums' invitation texts (no personal data; the outbox holds the sent emails).
    "delegates.invitationtext",
    # Who signs a forum's letters (no personal data; the letters themselves hold passports).
    "delegates.forumlettersettings",
)

ROLES: dict[str, frozenset[str]] = {
    # Forums, sessions and the people on the programme; no delegate lists, no contact details.
    "Editor": grant(
        {
            **dict.fromkeys(PROGRAMME, FULL),
            "delegates.country": VIEW,
            "delegates.organisation": FULL,
            "delegates.person": FULL,
            "delegates.forumpartner": FULL,
            "delegates.sessionrole": FULL,
            "delegates.participation": VIEW,
            "delegates.forumregistration": VIEW,
            "delegates.selfregistration": VIEW,
            "delegates.seatingplan": VIEW,
            "delegates.seat": VIEW,
        }
    ),
    # The delegate list: participations, check-in, imports, contact details and their export.
    "Registrar": grant(
        {
            **dict.fromkeys(PROGRAMME, VIEW),
            "delegates.country": VIEW,
            "delegates.organisation": FULL,
            "delegates.person": FULL,
            "delegates.forumpartner": VIEW,
            "delegates.sessionrole": VIEW,
            "delegates.participation": FULL,
            "delegates.attendance": FULL,
            # Opening a forum to the public form, and what registrants sent (read-only: the
            # form writes it, the approval and refusal actions record the decision).
            "delegates.forumregistration": FULL,
            "delegates.selfregistration": VIEW,
            "delegates.exportlog": VIEW,
            "delegates.anonymisation": VIEW,
            # Uploads waiting for confirmation hold contact details; only registrars import.
            "delegates.stagedimport": VIEW,
            # They write to delegates: the invitation texts, and the outbox (read-only).
            "delegates.invitationtext": FULL,
            "delegates.outgoingemail": VIEW,
            # Delegates' personal links: issued and revoked by actions on participations.
            "delegates.accesslink": VIEW,
            # Letters: who signs them per forum, and the register of letters issued (written
            # by issuing only; a letter holds passport details).
            "delegates.forumlettersettings": FULL,
            "delegates.issuedletter": ("add", "view"),
            # The protocol desk: seating plans (seats move only through the plan's page).
            "delegates.seatingplan": FULL,
            "delegates.seat": VIEW,
        },
        "delegates.view_contact_details",
        "delegates.export_contact_details",
        "delegates.send_outgoingemail",
    ),
    # Writes bulletins and follow-up actions and sends bulletins up; publishes nothing.
    "Reporter": grant(
        {
            **dict.fromkeys((*PROGRAMME, *DIRECTORY, *FORUM_PEOPLE), VIEW),
            "reports.missiongroup": VIEW,
            "reports.bulletin": ("add", "change", "view"),
            "reports.bulletinrevision": VIEW,
            "reports.followupaction": FULL,
            "reports.progressnote": FULL,
            "reports.feedback": ("change", "view"),
        },
        "reports.submit_bulletin",
        # They answer suggestions, so they see who sent them.
        "reports.view_feedback_sender",
    ),
    # Acknowledges (or returns) what reporters submit, publishes it, and corrects or revises
    # acknowledged and published text with a reason; writes no drafts.
    "Approver": grant(
        {
            **dict.fromkeys(EVERYTHING, VIEW),
            "reports.feedback": ("change", "view"),
        },
        "reports.acknowledge_bulletin",
        "reports.publish_bulletin",
        "reports.view_feedback_sender",
    ),
    # Reads everything staff may read, changes nothing, sees no contact details.
    "Viewer": grant(dict.fromkeys(EVERYTHING, VIEW)),
}
