# wulian production image: gunicorn serves the portal, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    WULIAN_VAR_DIR=/var/lib/wulian MEDIA_ROOT=/var/lib/wulian/media STATIC_MANIFEST=1

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      fonts-noto-cjk gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
# Static files and translations are built into the image; the secret key here is only for the build.
RUN SECRET_KEY=build-only DEBUG=0 python manage.py compilemessages -v0 --ignore=.venv \
 && SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput -v0 \
 && useradd --system --home /var/lib/wulian wulian && mkdir -p /var/lib/wulian/media /var/lib/wulian/private && chown -R wulian /var/lib/wulian

USER wulian
EXPOSE 8000
CMD ["gunicorn", "wulian.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
