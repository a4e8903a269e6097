import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def _auth(username):
    from web import services

    return {"HTTP_AUTHORIZATION": f"Bearer {services.create_token(username)}"}


def _post(world, headers, content=None, name="kangju.yaml", community=None):
    community = community or world.kangju
    content = content if content is not None else (EXAMPLES / "xuzhou-2017--kangju.yaml").read_bytes()
    url = f"/api/rounds/{world.round.pk}/communities/{community.pk}/submissions"
    return Client().post(url, {"file": SimpleUploadedFile(name, content)}, **headers)


def test_submit_returns_the_same_json_as_sqcheck_check(world):
    from checker import pipeline
    from checker.output import to_dict

    response = _post(world, _auth("clerk"))
    assert response.status_code == 201
    body = response.json()
    cli, _ = pipeline.check(EXAMPLES / "xuzhou-2017--kangju.yaml")
    expected = to_dict(cli)
    for key in ("score", "grade", "gaps", "counts", "categories"):
        assert body["result"][key] == json.loads(json.dumps(expected[key], ensure_ascii=False))
    again = Client().get(f"/api/submissions/{body['id']}", **_auth("quanshan"))
    assert again.status_code == 200 and again.json()["result"] == body["result"]


def test_problems_placed_as_the_cli_places_them(world):
    response = _post(world, _auth("clerk"), b"standard: xuzhou-2017\nfacts: [\n")
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["code"] == "yaml.syntax" and problem["text"].startswith("kangju.yaml:")


def test_token_required(world):
    assert _post(world, {}).status_code == 401
    assert _post(world, {"HTTP_AUTHORIZATION": "Bearer nope"}).status_code == 401


def test_someone_elses_objects_are_404(world):
    assert _post(world, _auth("other"), community=world.kangju).status_code == 404
    sub = _post(world, _auth("clerk")).json()["id"]
    assert Client().get(f"/api/submissions/{sub}", **_auth("gulou")).status_code == 404
    assert _post(world, _auth("quanshan")).status_code == 403  # a bureau reads, the clerk files


def test_round_status(world):
    _post(world, _auth("clerk"))
    body = Client().get(f"/api/rounds/{world.round.pk}/status", **_auth("quanshan")).json()
    assert [(c["path"], c["status"], c["number"]) for c in body["communities"]] == [
        ("泉山区/七里沟街道/康居社区", "submitted", 1)
    ]


def test_openapi_document(world):
    doc = Client().get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.") and "/api/submissions/{submission}" in doc["paths"]


def test_rejects_get_for_submit(world):
    url = f"/api/rounds/{world.round.pk}/communities/{world.kangju.pk}/submissions"
    assert Client().get(url, **_auth("clerk")).status_code == 405
