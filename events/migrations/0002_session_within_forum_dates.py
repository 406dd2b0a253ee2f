"""Enforce in PostgreSQL that sessions stay within their forum's dates.

A CHECK constraint cannot look at another table, so triggers guard both sides: a session
written outside its forum's days, and a forum whose dates move away from its sessions.
Days are counted in the forum's own time zone. SQLite, the development default, relies on
model validation instead.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION events_session_within_forum() RETURNS trigger AS $$
DECLARE
    f events_forum%ROWTYPE;
BEGIN
    SELECT * INTO f FROM events_forum WHERE id = NEW.forum_id;
    IF (NEW.starts_at AT TIME ZONE f.time_zone)::date < f.start_date
       OR (NEW.ends_at AT TIME ZONE f.time_zone)::date > f.end_date THEN
        RAISE EXCEPTION 'session % lies outside the dates of forum %', NEW.id, f.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_within_forum_dates';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_within_forum_dates
    BEFORE INSERT OR UPDATE OF starts_at, ends_at, forum_id ON events_session
    FOR EACH ROW EXECUTE FUNCTION events_session_within_forum();

CREATE FUNCTION events_forum_keeps_sessions() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM events_session s
        WHERE s.forum_id = NEW.id
          AND ((s.starts_at AT TIME ZONE NEW.time_zone)::date < NEW.start_date
               OR (s.ends_at AT TIME ZONE NEW.time_zone)::date > NEW.end_date)
    ) THEN
        RAISE EXCEPTION 'forum % would leave sessions outside its dates', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'session_within_forum_dates';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER forum_keeps_sessions
    BEFORE UPDATE OF start_date, end_date, time_zone ON events_forum
    FOR EACH ROW EXECUTE FUNCTION events_forum_keeps_sessions();
"""

DROP = """
DROP TRIGGER IF EXISTS forum_keeps_sessions ON events_forum;
DROP FUNCTION IF EXISTS events_forum_keeps_sessions();
DROP TRIGGER IF EXISTS session_within_forum_dates ON events_session;
DROP FUNCTION IF EXISTS events_session_within_forum();
"""


def run_on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # A bare cursor, because the PL/pgSQL messages contain % placeholders of their own.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
