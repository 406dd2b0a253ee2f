"""What each staff role may do, written from the README's "Staff roles" table.

Not from amf/roles.py: the two are written apart so that each checks the other. The role
test (tests/amf/test_roles.py) asks every address of the admin and of the public site,
every action of every admin and every lookup on a hidden field, as each role and
anonymously, and compares the answers with these tables.

To add an expectation, add one line:

- a new admin model: a row in MODELS (what each role may do with its records);
- a new admin address that is none of a model's standard pages: a line in PAGES, e.g.
  `"delegates_participation_jobs": Page(get=can(P, "c"), post=NOBODY),`
  (`fill` says how to fill the address's parameters, if it has any);
- a new admin action: a line in ACTIONS;
- a new public address: a line in PUBLIC;
- a model whose records are each their owner's alone (background jobs): a row in MODELS for its
  list, and its label in OWN_RECORDS.

Until it has its line, the role test fails and names what is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("Editor", "Registrar", "Reporter", "Approver", "Viewer")
ANONYMOUS = "anonymous"
EVERYONE_AND_ANONYMOUS = (*ROLES, ANONYMOUS)

# A rule says, for a role and one filling of an address's parameters, whether it may.
Rule = Callable[[str, dict], bool]


def roles(*names: str) -> Rule:
    return lambda role, variant=None: role in names


STAFF = roles(*ROLES)
EVERYONE = roles(*EVERYONE_AND_ANONYMOUS)
NOBODY = roles()

# What each role may do with a model's records: v view, a add, c change, d delete.
#                                Editor  Registrar Reporter Approver Viewer
MODELS: dict[str, tuple[str, str, str, str, str]] = {
    "events.forumseries":       ("vacd", "v",     "v",     "v",     "v"),
    "events.forum":             ("vacd", "v",     "v",     "v",     "v"),
    "events.venue":             ("vacd", "v",     "v",     "v",     "v"),
    "events.room":              ("vacd", "v",     "v",     "v",     "v"),
    "events.session":           ("vacd", "v",     "v",     "v",     "v"),
    "events.sessionmaterial":   ("vacd", "v",     "v",     "v",     "v"),
    "events.priority":          ("vacd", "v",     "v",     "v",     "v"),
    "events.framework":         ("vacd", "v",     "v",     "v",     "v"),
    "events.outcomedocument":   ("vacd", "v",     "v",     "v",     "v"),
    "events.relatedevent":      ("vacd", "v",     "v",     "v",     "v"),
    # Dated notices on the public programme.
    "events.programmenotice":   ("vacd", "v",     "v",     "v",     "v"),
    "delegates.country":        ("v",    "v",     "v",     "v",     "v"),
    "delegates.organisation":   ("vacd", "vacd",  "v",     "v",     "v"),
    "delegates.person":         ("vacd", "vacd",  "v",     "v",     "v"),
    "delegates.forumpartner":   ("vacd", "v",     "v",     "v",     "v"),
    "delegates.sessionrole":    ("vacd", "v",     "v",     "v",     "v"),
    "delegates.participation":  ("v",    "vacd",  "v",     "v",     "v"),
    "delegates.attendance":     ("",     "vacd",  "v",     "v",     "v"),
    # When, and for how many, a forum's public registration form is open.
    "delegates.forumregistration": ("v", "vacd",  "v",     "v",     "v"),
    # What registrants sent, and the decision: written by the form and the actions only.
    "delegates.selfregistration": ("v", "v",      "v",     "v",     "v"),
    # The export log is written by exports only; nobody edits or deletes it.
    "delegates.exportlog":      ("",     "v",     "",      "v",     "v"),
    # Who erased which forum's delegates' data, and when: written by the anonymisation only.
    "delegates.anonymisation":  ("",     "v",     "",      "v",     "v"),
    # Uploads waiting for confirmation hold contact details: only registrars import.
    "delegates.stagedimport":   ("",     "v",     "",      "",      ""),
    # Each forum's invitation email, written by those who send it.
    "delegates.invitationtext": ("",     "vacd",  "",      "v",     "v"),
    # The outbox: addresses and texts written to one person; only those who write to
    # delegates read it, and nobody edits it (resending is an action).
    "delegates.outgoingemail":  ("",     "v",     "",      "",      ""),
    # Personal links: issued and revoked by the Registrar's actions on participations.
    "delegates.accesslink":     ("",     "v",     "",      "",      ""),
    # Who signs a forum's letters, and the office sending them: no personal data.
    "delegates.forumlettersettings": ("", "vacd", "",      "v",     "v"),
    # The register of letters issued, with their PDFs (passport details): written by issuing.
    "delegates.issuedletter":   ("",     "v",     "",      "",      ""),
    # Seating plans: all staff read them; the Registrar (the protocol desk) keeps them.
    "delegates.seatingplan":    ("v",    "vacd",  "v",     "v",     "v"),
    # Seats move only through their plan's page: read only here.
    "delegates.seat":           ("v",    "v",     "v",     "v",     "v"),
    "reports.missiongroup":     ("",     "",      "v",     "v",     "v"),
    # Object by object, BULLETIN_TEXT below says who changes a bulletin's text.
    "reports.bulletin":         ("",     "",      "vac",   "v",     "v"),
    # Revisions are written by the workflow only.
    "reports.bulletinrevision": ("",     "",      "v",     "v",     "v"),
    "reports.followupaction":   ("",     "",      "vacd",  "v",     "v"),
    "reports.progressnote":     ("",     "",      "vacd",  "v",     "v"),
    # Suggestions come from the public form; staff mark them reviewed.
    "reports.feedback":         ("",     "",      "vc",    "vc",    "v"),
    # Background jobs: every staff user lists the jobs they started, and nothing is changed by
    # a form; a job itself (its page, file, history) is its owner's alone (OWN_RECORDS).
    "amf.job":                  ("v",    "v",     "v",     "v",     "v"),
    # Logins and groups are the superusers' (Users → Groups).
    "auth.user":                ("",     "",      "",      "",      ""),
    "auth.group":               ("",     "",      "",      "",      ""),
}  # fmt: skip

# Models whose records only their owner (the variant's "obj".user) may open: anyone else is
# answered as if the record did not exist. The role test's records give each to the Viewer.
OWN_RECORDS = {"amf.job"}
OWNER = "Viewer"


def owner(role, variant=None) -> bool:
    """Whether `role` started the variant's record (see OWNER)."""
    return role == OWNER


# Lists that edit rows in place (list_editable): posting them is a change.
LIST_EDITABLE = {"delegates.participation"}

# Who changes a bulletin's text, by its status.
BULLETIN_TEXT: dict[str, Rule] = {
    "draft": roles("Reporter"),
    "submitted": NOBODY,
    "acknowledged": roles("Approver"),
    "published": roles("Approver"),
}
# The workflow's steps (buttons and list actions), by who may take them.
BULLETIN_STEPS: dict[str, Rule] = {
    "submit": roles("Reporter"),
    "return": roles("Approver"),
    "acknowledge": roles("Approver"),
    "publish": roles("Approver"),
}

# Fields some roles may not see: no filter, search, ordering or lookup on them.
HIDDEN: dict[str, tuple[set[str], Rule]] = {
    "delegates.person": ({"email", "phone"}, roles("Registrar")),
    # What delegates reply on their own page (needs, travel, passport): the Registrar's.
    "delegates.participation": (
        {"response", "dietary_needs", "hotel", "passport_number", "delegate_changed_at"},
        roles("Registrar"),
    ),
    "reports.feedback": ({"name", "email"}, roles("Reporter", "Approver")),
    "delegates.stagedimport": ({"data", "token"}, NOBODY),
    # What was written to a delegate, and where.
    "delegates.outgoingemail": ({"to_address", "subject", "body"}, roles("Registrar")),
}


def can(label: str, letters: str) -> Rule:
    """Whoever MODELS says may do all of `letters` with `label`'s records."""

    def rule(role, variant=None):
        if role not in ROLES:
            return False
        granted = MODELS[label][ROLES.index(role)]
        return all(letter in granted for letter in letters)

    return rule


def may_view(label: str) -> Rule:
    """Who may open one record of `label`."""
    if label in OWN_RECORDS:
        return owner
    return can(label, "v")


def may_change(label: str) -> Rule:
    """Who may change one record (the variant's "obj") of `label`."""
    if label in OWN_RECORDS:
        return NOBODY
    if label == "reports.bulletin":
        return lambda role, variant: BULLETIN_TEXT[variant["obj"].status](role, variant)
    return can(label, "c")


def may_delete(label: str) -> Rule:
    if label == "reports.bulletin":
        # Only a draft may be deleted: a submitted bulletin is part of the record.
        return lambda role, variant: variant["obj"].status == "draft" and can(label, "d")(role)
    return can(label, "d")


P = "delegates.participation"
S = "delegates.seatingplan"
F = "reports.followupaction"
B = "reports.bulletin"


@dataclass(frozen=True)
class Page:
    """An admin address of its own: who may GET it, who may POST to it.

    `fill` names how its parameters are filled (see test_roles.FILLERS): each filling is
    asked separately, and the rules see it as their `variant`.
    """

    get: Rule
    post: Rule
    fill: str = "none"


PAGES: dict[str, Page] = {
    # Django's own pages of the admin site.
    "index": Page(get=STAFF, post=STAFF),  # answers a POST as a GET; it holds no form
    "login": Page(get=EVERYONE, post=EVERYONE),
    "logout": Page(get=NOBODY, post=STAFF),
    "password_change": Page(get=STAFF, post=STAFF),
    "password_change_done": Page(get=STAFF, post=NOBODY),
    "jsi18n": Page(get=STAFF, post=NOBODY),
    # No model names a public page of its own this way (get_absolute_url): a 404 for all.
    "view_on_site": Page(get=NOBODY, post=NOBODY, fill="view_on_site"),
    "app_list": Page(
        get=lambda role, variant: any(
            can(label, "v")(role) for label in MODELS if label.startswith(variant["app"] + ".")
        ),
        post=lambda role, variant: any(
            can(label, "v")(role) for label in MODELS if label.startswith(variant["app"] + ".")
        ),
        fill="app_list",
    ),
    "catch_all": Page(get=NOBODY, post=NOBODY, fill="catch_all"),
    # Whoever may view the model a field points to may search it from that field.
    "autocomplete": Page(
        get=lambda role, variant: variant["searchable"] and can(variant["target"], "v")(role),
        post=NOBODY,
        fill="autocomplete",
    ),
    "auth_user_password_change": Page(get=NOBODY, post=NOBODY, fill="user"),
    # The delegate list's own pages.
    "delegates_participation_import": Page(get=can(P, "ac"), post=can(P, "ac")),
    # The import's templates to fill in, and the problems of one's own refused upload.
    "delegates_participation_import_template": Page(
        get=can(P, "ac"), post=NOBODY, fill="file_format"
    ),
    "delegates_participation_import_problems": Page(get=NOBODY, post=NOBODY, fill="job"),
    "delegates_participation_check_in": Page(get=can(P, "vc"), post=can(P, "vc")),
    "delegates_participation_statistics_forums": Page(get=can(P, "v"), post=NOBODY),
    "delegates_participation_statistics": Page(get=can(P, "v"), post=NOBODY, fill="forum"),
    "delegates_participation_statistics_csv": Page(get=can(P, "v"), post=NOBODY, fill="forum"),
    # The protocol desk's lists (travel, hotels, needs: the delegates' replies): the Registrar's.
    # Their files are posted (a long list starts a background job).
    "delegates_participation_logistics_forums": Page(get=roles("Registrar"), post=NOBODY),
    "delegates_participation_logistics": Page(get=roles("Registrar"), post=NOBODY, fill="forum"),
    "delegates_participation_logistics_download": Page(
        get=NOBODY, post=roles("Registrar"), fill="forum"
    ),
    # A delegate's invitation: its preview (GET) and sending it to them (POST).
    "delegates_participation_invitation": Page(
        get=roles("Registrar"), post=roles("Registrar"), fill="participation"
    ),
    # A delegate's letters (they hold passport details): issued and downloaded (POST), and
    # an issued letter's PDF; whoever sees contact details and issues letters, the Registrar.
    "delegates_participation_letters": Page(
        get=roles("Registrar"), post=roles("Registrar"), fill="participation"
    ),
    "delegates_issuedletter_pdf": Page(get=roles("Registrar"), post=NOBODY, fill="issued_letter"),
    # A person's own data (PDPA): whoever sees and exports contact details, the Registrar.
    "delegates_person_access_file": Page(
        get=roles("Registrar"), post=roles("Registrar"), fill="person"
    ),
    # A seating plan's moves and its proposal again (POST), its PDF in either language, and
    # its place cards (a POST: made at once, or started as a background job).
    "delegates_seatingplan_seats": Page(get=NOBODY, post=can(S, "c"), fill="seating_plan"),
    "delegates_seatingplan_propose": Page(get=NOBODY, post=can(S, "c"), fill="seating_plan"),
    "delegates_seatingplan_pdf": Page(get=can(S, "v"), post=NOBODY, fill="seating_plan_language"),
    "delegates_seatingplan_place_cards": Page(get=NOBODY, post=can(S, "v"), fill="seating_plan"),
    # Bulletins and follow-up.
    # A POST starts the compilation as a background job (for many bulletins).
    "reports_bulletin_compile": Page(get=can(B, "v"), post=can(B, "v")),
    "reports_bulletin_pdf": Page(get=can(B, "v"), post=NOBODY, fill="bulletin_language"),
    "reports_bulletin_workflow": Page(
        get=NOBODY,
        post=lambda role, variant: BULLETIN_STEPS.get(variant["step"], NOBODY)(role, variant),
        fill="bulletin_step",
    ),
    "reports_bulletinrevision_pdf": Page(
        get=can("reports.bulletinrevision", "v"), post=NOBODY, fill="revision_language"
    ),
    "reports_followupaction_open_by_owner": Page(get=can(F, "v"), post=NOBODY),
    "reports_followupaction_carried_over": Page(get=can(F, "v"), post=NOBODY),
    # A background job's progress (for its page's script), its file, and starting it again.
    "amf_job_status": Page(get=owner, post=NOBODY, fill="job"),
    "amf_job_download": Page(get=owner, post=NOBODY, fill="job"),
    "amf_job_retry": Page(get=NOBODY, post=owner, fill="job"),
}

# Each admin's actions beyond Django's "delete selected" (whoever may delete the records):
# a model permission's letters, or a rule.
ACTIONS: dict[str, dict[str, str | Rule]] = {
    P: {
        "mark_invited": "c",
        "mark_registered": "c",
        "mark_confirmed": "c",
        "mark_cancelled": "c",
        # Deciding registrations (and emailing the delegates): whoever changes participations.
        "approve_registrations": "c",
        "decline_registrations": "c",
        "issue_badges": "c",
        "withdraw_badges": "c",
        # Personal links and the delegates' replies: whoever changes participations.
        "issue_links": "c",
        "revoke_links": "c",
        "mark_seen": "c",
        # Lists and badges without contact details: whoever reads the delegate list.
        "badges_a6": "v",
        "badges_a4": "v",
        "place_cards": "v",
        "list_pdf": "v",
        "list_csv": "v",
        "export_csv": "v",
        "export_xlsx": "v",
        # Writing to delegates: whoever reads the outbox and may send, the Registrar.
        "send_invitations": roles("Registrar"),
        "send_message": roles("Registrar"),
        # Letters hold passport details: the Registrar issues them (in the background).
        "issue_letters": roles("Registrar"),
    },
    "delegates.outgoingemail": {"resend_selected": roles("Registrar")},
    F: {"export_csv": "v", "carry_over_to_next_edition": "ac"},
    "reports.feedback": {"mark_reviewed": "c"},
    B: {f"{step}_selected": rule for step, rule in BULLETIN_STEPS.items()},
}


@dataclass(frozen=True)
class Public:
    """A public address: anonymous visitors GET it; POST only where it holds a form."""

    post: bool = False
    fill: dict = field(default_factory=dict)


PUBLIC: dict[str, Public] = {
    "healthz": Public(),
    "set_language": Public(post=True),
    "root": Public(),
    "feeds:programme_ics": Public(fill={"slug": "forum"}),
    "feeds:programme_json": Public(fill={"slug": "forum"}),
    "feeds:session_ics": Public(fill={"slug": "forum", "pk": "session"}),
    "events:home": Public(),
    # Files marked public, and photos of speakers who consent to photographs.
    "events:outcome_document_file": Public(fill={"slug": "forum", "pk": "outcome_document"}),
    "events:session_material_file": Public(fill={"slug": "forum", "pk": "session_material"}),
    "delegates:speaker_photo": Public(fill={"slug": "forum", "pk": "speaker"}),
    "delegates:forum": Public(fill={"slug": "forum"}),
    "delegates:programme": Public(fill={"slug": "forum"}),
    "delegates:my_programme": Public(fill={"slug": "forum"}),
    "delegates:programme_ics": Public(fill={"slug": "forum"}),
    "delegates:programme_json": Public(fill={"slug": "forum"}),
    "delegates:programme_pdf": Public(fill={"slug": "forum"}),
    "delegates:session": Public(fill={"slug": "forum", "pk": "session"}),
    "delegates:session_ics": Public(fill={"slug": "forum", "pk": "session"}),
    # The registration form, and the page thanking every registrant alike.
    "delegates:register": Public(post=True, fill={"slug": "forum"}),
    "delegates:register_done": Public(fill={"slug": "forum"}),
    "delegates:speakers": Public(fill={"slug": "forum"}),
    "delegates:speaker": Public(fill={"slug": "forum", "pk": "speaker"}),
    # The delegate's own page behind their personal link: its forms post to it.
    "delegates:delegate_page": Public(post=True, fill={"token": "token"}),
    "reports:bulletin_list": Public(),
    "reports:bulletin_detail": Public(fill={"pk": "bulletin"}),
    # The suggestion form.
    "reports:bulletin_feedback": Public(post=True, fill={"pk": "bulletin"}),
    "reports:bulletin_pdf": Public(fill={"pk": "bulletin"}),
}
