import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _attach(world, client, name, content, requirement="XZ-F-101"):
    return client.post(
        world.filing_url("evidence/"), {"requirement": requirement, "file": SimpleUploadedFile(name, content)}
    )


def test_photo_attached_with_thumbnail_and_listed_as_evidence(world):
    from web.models import Evidence

    client = world.client(world.clerk)
    assert _attach(world, client, "门头.png", png_bytes()).status_code == 302
    item = Evidence.objects.get()
    assert item.content_type == "image/png" and item.thumbnail and item.name == "门头.png"
    body = client.get(world.filing_url()).content.decode()
    assert f"/evidence/{item.pk}/thumb.jpg" in body
    thumb = client.get(f"/evidence/{item.pk}/thumb.jpg")
    assert thumb["Content-Type"] == "image/jpeg" and b"".join(thumb.streaming_content)[:3] == b"\xff\xd8\xff"
    thumb.close()


def test_served_as_attachment_with_nosniff(world):
    from web.models import Evidence

    client = world.client(world.clerk)
    _attach(world, client, "x.png", png_bytes())
    response = client.get(f"/evidence/{Evidence.objects.get().pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png_bytes()
    response.close()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10),
    ],
)
def test_type_is_judged_by_content(world, name, content):
    from web.models import Evidence

    client = world.client(world.clerk)
    _attach(world, client, name, content)
    assert not Evidence.objects.exists()
    assert "佐证材料只接受" in client.get(world.filing_url()).content.decode()


def test_names_cannot_escape_the_storage_folder(world, settings):
    from pathlib import Path

    from web.models import Evidence

    _attach(world, world.client(world.clerk), "../../../\x07evil.png", png_bytes())
    item = Evidence.objects.get()
    assert "/" not in item.name and "\x07" not in item.name and not item.name.startswith(".")
    stored = list(Path(settings.EVIDENCE_DIR).rglob("*"))
    assert all(Path(settings.EVIDENCE_DIR) in p.parents for p in stored)
    assert not any("evil" in p.name for p in stored)


def test_size_capped(world, monkeypatch):
    from web import evidence
    from web.models import Evidence

    monkeypatch.setattr(evidence, "MAX_EVIDENCE_BYTES", 1000)
    _attach(world, world.client(world.clerk), "big.png", png_bytes() + b"\0" * 2000)
    assert not Evidence.objects.exists()


def test_unknown_requirement_is_404(world):
    assert _attach(world, world.client(world.clerk), "a.png", png_bytes(), "NOPE").status_code == 404


def test_rejects_get(world):
    assert world.client(world.clerk).get(world.filing_url("evidence/")).status_code == 405


def test_requires_login(world):
    assert Client().get("/evidence/1/").status_code == 302


def test_someone_elses_evidence_is_404(world):
    from web.models import Evidence

    _attach(world, world.client(world.clerk), "a.png", png_bytes())
    pk = Evidence.objects.get().pk
    for user in (world.other_clerk, world.other_bureau):
        client = world.client(user)
        assert client.get(f"/evidence/{pk}/").status_code == 404
        assert client.get(f"/evidence/{pk}/thumb.jpg").status_code == 404
    assert _attach(world, world.client(world.other_clerk), "a.png", png_bytes()).status_code == 404
