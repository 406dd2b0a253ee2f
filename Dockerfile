# The AMF web application under gunicorn; docker-compose.yml runs it beside PostgreSQL.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=0 \
    WEB_CONCURRENCY=2

WORKDIR /app

# pg_dump and pg_restore for `manage.py backup` and `restore` (Debian 12's are version 15, the
# same as the database's); Pango with libthai for WeasyPrint's PDFs, which break Thai lines
# at word boundaries. The PDFs' Sarabun font comes from PyPI (fontpkg-sarabun).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        postgresql-client libpango-1.0-0 libpangoft2-1.0-0 libthai0 \
    && rm -rf /var/lib/apt/lists/*

# Dependencies alone first, so a code change does not reinstall them. The app runs from
# /app itself, not from an installed copy, so templates, locale and static stay beside it.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Collected at build time so every container of the image serves the same hashed files.
# The key below exists only for this command; the settings demand one with DEBUG off.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

RUN useradd --system --no-create-home --home-dir /app amf \
    && mkdir -p /app/media && chown amf /app/media
USER amf

EXPOSE 8000
ENTRYPOINT ["sh", "/app/docker/entrypoint.sh"]
# gunicorn takes its worker count from WEB_CONCURRENCY and extra flags from GUNICORN_CMD_ARGS.
# Compose's `worker` service runs the background worker from this same image instead:
# `python manage.py run_worker`.
CMD ["gunicorn", "amf.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
