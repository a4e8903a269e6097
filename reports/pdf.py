"""HTML to PDF through WeasyPrint, safely and in Chinese.

* Fonts: without a CJK font WeasyPrint prints an empty box for every Chinese character and says nothing
  (text extraction still looks right), so we refuse to render unless fontconfig knows a Chinese font.
* Fetching: WeasyPrint loads whatever a document names — ``file:///etc/passwd`` as an attachment, ``http://``
  addresses on the local network. :class:`AssetFetcher` serves ``data:`` URLs and files inside
  reports/assets/ and refuses everything else.

Reuse: any report kind renders its HTML (through :mod:`reports.environment`) and calls :func:`html_to_pdf`.

Once: laying out a PDF costs about a second of CPU, so each PDF is kept in the cache folder (:mod:`checker.cache`)
under the SHA-256 of everything that decides its bytes: the HTML (which holds the assessment, audit, standard,
language and template as they show), our CSS assets, the WeasyPrint version and the Chinese fonts installed. The
same report asked for again, by ``check``, ``publish`` or the web app, is read back instead of laid out again.
"""

from __future__ import annotations

import mimetypes
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

from checker import cache as disk_cache
from checker.errors import UsageError
from reports.environment import ASSETS

_PDFS = "pdf-1"
# A cover (page 1) that ends with the element of this id is followed by a page break. When the cover does not fit
# on page 1, that break would leave page 2 holding only the cover's end (a gap report's 摘要 box): the document is
# laid out again with this class on <html>, whose CSS lets what follows the cover go on that page.
COVER_END = "cover-end"
COVER_SPILLED = "cover-spilled"


class RefusedURL(ValueError):
    """A document named a resource outside our assets; WeasyPrint logs it and renders without it."""


class AssetFetcher(URLFetcher):
    """Serves data: URLs and the files in reports/assets/; no other file, no network."""

    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            response: URLFetcherResponse = super().fetch(url, headers)
            return response
        if scheme == "file":
            path = asset_path(url)
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})
        raise RefusedURL(f"refused to fetch {url!r}: reports load only their own assets")


def asset_path(url: str) -> Path:
    """The packaged asset a file: URL names; anything outside reports/assets/ is refused.

    >>> asset_path((ASSETS / "base.css").as_uri()).name
    'base.css'
    >>> asset_path("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    reports.pdf.RefusedURL: refused to fetch 'file:///etc/passwd': not a report asset
    """
    parts = urlsplit(url)
    path = Path(url2pathname(parts.path)).resolve()  # resolve() follows symlinks and "..": check the real file
    if parts.netloc not in ("", "localhost") or not path.is_relative_to(ASSETS) or not path.is_file():
        raise RefusedURL(f"refused to fetch {url!r}: not a report asset")
    return path


@cache
def cjk_font_available() -> bool:
    """Whether fontconfig lists a font covering Chinese (``fc-list :lang=zh``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.stdout.strip())


def require_cjk_font() -> None:
    if not cjk_font_available():
        raise UsageError("report.no_cjk_font")


@cache
def _renderer() -> str:
    """What decides a PDF's bytes besides its HTML: WeasyPrint and pydyf, our assets, the fonts installed."""
    import pydyf
    import weasyprint

    fonts = b""
    fc_list = shutil.which("fc-list")
    if fc_list:
        listing = subprocess.run([fc_list, "--format", "%{file} %{fontversion}\n"], capture_output=True, timeout=30)
        fonts = b"\n".join(sorted(listing.stdout.splitlines()))
    assets = [part for path in sorted(ASSETS.rglob("*")) if path.is_file() for part in (path.name, path.read_bytes())]
    return disk_cache.key(weasyprint.__version__, pydyf.__version__, fonts, *assets)


def html_to_pdf(html: str, key: str | None = None) -> bytes:
    """An A4 PDF of one of our HTML documents, fonts subset and embedded, nothing fetched from outside.

    Read from the cache folder if this HTML was laid out before. ``key`` stands in for the HTML in the cache's
    name when the HTML holds something that is not an input (a gap report's generation time: see
    :func:`reports.render_pdf`)."""
    require_cjk_font()
    name = disk_cache.key(_renderer(), html if key is None else key)
    kept = disk_cache.get(_PDFS, name)
    if kept is not None and kept.startswith(b"%PDF-"):
        return kept
    document = _laid_out(html)
    if _cover_spilled(document):
        document = _laid_out(html.replace("<html ", f'<html class="{COVER_SPILLED}" ', 1))
    pdf: bytes = document.write_pdf()
    disk_cache.put(_PDFS, name, pdf)
    return pdf


def _laid_out(html: str) -> Any:  # a weasyprint Document
    # A fresh fetcher per document: WeasyPrint keeps per-request state on it.
    return HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=AssetFetcher()).render()


def _cover_spilled(document: Any) -> bool:
    """True if the document marks its cover's end and that end starts on page 2 rather than page 1."""
    pages = document.pages
    return len(pages) > 1 and COVER_END in pages[1].anchors and COVER_END not in pages[0].anchors
