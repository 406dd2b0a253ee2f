#!/bin/sh
# Bring the database up to date, load the demo forum into an empty one, then run the command.
set -eu

if [ "${SETUP_ON_START:-1}" = "1" ]; then
    python manage.py migrate --noinput
    # Keep the staff roles' permissions in step with amf/roles.py after an upgrade.
    python manage.py sync_roles
    # load_demo is idempotent, but running it only on a database without forums keeps
    # later edits to the demo data from being overwritten on every restart.
    if [ "${LOAD_DEMO:-1}" = "1" ] && python manage.py shell -v 0 -c \
        "import sys; from events.models import Forum; sys.exit(Forum.objects.exists())"; then
        python manage.py load_demo
    fi
fi

exec "$@"
