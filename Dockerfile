# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; nothing else from the system.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY leerwerk ./leerwerk
COPY trajecten ./trajecten
COPY deelnemers ./deelnemers
COPY werkgevers ./werkgevers
COPY financiering ./financiering
COPY opleiders ./opleiders
RUN pip install .
COPY . .
# collectstatic needs settings but no database: a throw-away key for this step only.
RUN DEBUG=false SECRET_KEY=collectstatic-only DATABASE_URL=postgres://x@localhost/x REDIS_URL=redis://localhost \
    STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 leerwerk && mkdir -p /srv/media && chown leerwerk /srv/media
USER leerwerk
# Uploaded documents (employers' letters of intent): private, served only by views that check
# access, never as static or media URLs. docker-compose.yml keeps them in a volume.
ENV STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/srv/media
EXPOSE 8000
CMD ["gunicorn", "leerwerk.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
