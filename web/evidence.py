"""Evidence files: type judged by content (never by name), size capped, stored under the data folder by
SHA-256 (so no uploaded name ever reaches the file system), images given a re-encoded thumbnail."""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a 60-megapixel photo; more is a decompression bomb, not a photo
THUMB_SIZE = (320, 320)
TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}


class EvidenceRefused(Exception):
    def __init__(self, code: str, **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def sniff(head: bytes) -> str | None:
    """The type of a file by its first bytes: JPEG, PNG, WebP or PDF; None for anything else (HTML, SVG, ...)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def safe_name(name: str, content_type: str) -> str:
    """A name to show and to offer on download: the last path part, no control characters, at most 80
    characters, with the extension of its real type."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem[:80] or "file") + TYPES[content_type]


def path_of(sha256: str, thumbnail: bool = False) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256")
    root = Path(settings.EVIDENCE_DIR)
    return root / ("thumbs" if thumbnail else sha256[:2]) / (sha256 + (".jpg" if thumbnail else ""))


@dataclass(frozen=True)
class Stored:
    sha256: str
    content_type: str
    size: int
    thumbnail: bool


def store(chunks: Iterable[bytes]) -> Stored:
    """Write an upload to the evidence folder; EvidenceRefused if too large or not an allowed type."""
    root = Path(settings.EVIDENCE_DIR)
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_EVIDENCE_BYTES:
                    raise EvidenceRefused("web.evidence_size", limit=MAX_EVIDENCE_BYTES)
                if len(head) < 16:
                    head += chunk[: 16 - len(head)]
                digest.update(chunk)
                out.write(chunk)
        content_type = sniff(head)
        if content_type is None:
            raise EvidenceRefused("web.evidence_type")
        sha = digest.hexdigest()
        thumbnail = content_type.startswith("image/") and _thumbnail(Path(tmp), sha)
        if content_type.startswith("image/") and not thumbnail:
            raise EvidenceRefused("web.evidence_type")  # says it is an image but no decoder can read it
        target = path_of(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
        return Stored(sha, content_type, size, thumbnail)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _thumbnail(source: Path, sha: str) -> bool:
    """A small JPEG made by decoding and re-encoding the picture (so what is shown inline is our own bytes)."""
    from PIL import Image, ImageOps

    target = path_of(sha, thumbnail=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                if image.width * image.height > MAX_PIXELS:
                    return False
                small = ImageOps.exif_transpose(image).convert("RGB")
                small.thumbnail(THUMB_SIZE)
                small.save(target, "JPEG", quality=80)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return False
    return True
