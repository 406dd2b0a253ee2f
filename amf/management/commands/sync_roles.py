from django.core.management.base import BaseCommand

from amf.roles import ROLES
from amf.services import role_sync


class Command(BaseCommand):
    help = "Create the staff roles' groups and set their permissions to what amf/roles.py says."

    def handle(self, *args, **options):
        role_sync()
        self.stdout.write(f"Synchronised {len(ROLES)} roles: {', '.join(ROLES)}.")
