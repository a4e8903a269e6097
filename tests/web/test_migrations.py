import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_migrations_are_checked_in():
    call_command("makemigrations", "web", "--check", "--dry-run", verbosity=0)
