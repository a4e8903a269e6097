"""WSGI entry point for a production server (e.g. ``waitress-serve web.wsgi:application`` or gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
application = get_wsgi_application()
