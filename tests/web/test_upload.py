import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.conftest import EXAMPLES, cli_score

pytestmark = pytest.mark.django_db


def _upload(world, client, name, content):
    return client.post(world.filing_url("upload/"), {"file": SimpleUploadedFile(name, content), "_version": "0"})


def test_yaml_upload_loads_into_the_draft(world):
    client = world.client(world.clerk)
    response = _upload(world, client, "康居.yaml", (EXAMPLES / "xuzhou-2017--kangju.yaml").read_bytes())
    assert response.status_code == 302
    body = client.get(world.filing_url()).content.decode()
    assert "已载入“康居.yaml”" in body and cli_score() in body


def test_xlsx_upload_round_trips_the_downloaded_form(world):
    client = world.client(world.clerk)
    _upload(world, client, "a.yaml", (EXAMPLES / "xuzhou-2017--kangju.yaml").read_bytes())
    xlsx = client.get(world.filing_url("form.xlsx")).content
    other = world.client(world.clerk)
    response = other.post(world.filing_url("upload/"), {"file": SimpleUploadedFile("表.xlsx", xlsx), "_version": "1"})
    assert response.status_code == 302, response.content.decode()[:500]


def test_every_problem_is_placed_with_the_cli_message(world, tmp_path):
    from checker import pipeline
    from checker.errors import InputError

    text = (EXAMPLES / "xuzhou-2017--kangju.yaml").read_text(encoding="utf-8")
    bad = text.replace("area_type: urban", "area_type: town", 1) + "\nextra: &a [1]\nmore: *a\n"
    path = tmp_path / "坏.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as cli:
        pipeline.load(path)
    response = _upload(world, world.client(world.clerk), "坏.yaml", bad.encode())
    assert response.status_code == 422
    body = response.content.decode()
    for problem in cli.value.problems:
        shown = problem.format("zh").replace(str(path), "坏.yaml")
        assert shown.replace("“", "&ldquo;") in body or _escaped(shown) in body


def _escaped(text):
    from markupsafe import escape

    return str(escape(text))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.txt", b"x", "file.format"),
        ("a.yaml", b"\x00\x01binary", "file.binary"),
        ("a.xlsx", b"not a zip", None),
        ("../../etc/passwd.yaml", b"a: [", "yaml.syntax"),
        ("empty.yaml", b"", "file.empty"),  # said so, not "a mapping expected, null found" (tester 19)
        ("comments.json", b" \n", "file.empty"),
    ],
)
def test_hostile_uploads_refused_as_the_cli_refuses(world, tmp_path, name, content, code):
    from checker import pipeline
    from checker.errors import InputError
    from web.services import upload_name

    response = _upload(world, world.client(world.clerk), name, content)
    assert response.status_code == 422
    path = tmp_path / upload_name(name)
    path.write_bytes(content)
    with pytest.raises(InputError) as cli:
        pipeline.load(path)
    body = response.content.decode()
    for problem in cli.value.problems:
        assert _escaped(problem.message("zh")) in body
    if code:
        assert any(p.code == code for p in cli.value.problems)
    assert "../" not in body.split("未能载入")[1][:200]


def test_oversized_upload_refused(world):
    big = b"a: 1\n" * (3 * 1024 * 1024 // 5)
    response = _upload(world, world.client(world.clerk), "big.yaml", big)
    body = response.content.decode()
    assert response.status_code == 422 and "文件过大（3 MB），上限为 2 MB" in body  # in MB, not bytes (tester 19)


def test_rejects_get(world):
    assert world.client(world.clerk).get(world.filing_url("upload/")).status_code == 405


def test_requires_login(world):
    assert Client().post(world.filing_url("upload/")).status_code == 302


def test_someone_elses_community_is_404(world):
    content = (EXAMPLES / "xuzhou-2017--kangju.yaml").read_bytes()
    assert _upload(world, world.client(world.other_clerk), "a.yaml", content).status_code == 404
