"""sqcheck in the browser: accounts, rounds and online filing (Django, Jinja2 templates, htmx).

A thin layer over the library: views parse the request, call the same functions the CLI calls (read, validate,
judge, render) and render the result. ``checker`` and ``reports`` never import this package.

:func:`setup` configures Django for a database given as a path or URL (``--db``) or by ``SQCHECK_DATABASE_URL``;
the CLI commands call it only when they run, so ``sqcheck check`` never pays for importing Django.
"""

from __future__ import annotations

import os

SETTINGS = "web.settings"


def setup(db: str | None = None, migrate: bool = False) -> None:
    """Configure Django for ``db`` (a file path or a database URL; else ``SQCHECK_DATABASE_URL``, else the
    default file) and, if asked, apply the migrations (creating the database on first start)."""
    if db:
        os.environ["SQCHECK_DATABASE_URL"] = db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
