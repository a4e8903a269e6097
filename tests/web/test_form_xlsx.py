import pytest
from django.test import Client

from tests.web.conftest import cli_score, example_cells

pytestmark = pytest.mark.django_db


def test_prefilled_form_reads_back_with_the_cli_reader(world, tmp_path):
    from checker import pipeline
    from reports.environment import number

    client = world.client(world.clerk)
    client.post(world.filing_url(), {**example_cells(world), "_version": "0"})
    response = client.get(world.filing_url("form.xlsx"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    path = tmp_path / "f.xlsx"
    path.write_bytes(response.content)
    result, _ = pipeline.check(path)
    assert number(result.score) == cli_score()


def test_requires_login(world):
    assert Client().get(world.filing_url("form.xlsx")).status_code == 302


def test_someone_elses_form_is_404(world):
    assert world.client(world.other_clerk).get(world.filing_url("form.xlsx")).status_code == 404
