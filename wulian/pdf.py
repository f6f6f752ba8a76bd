"""PDF rendering with WeasyPrint: A4, Chinese, with a CJK font embedded (subset).

Print templates extend ``pdf/base.html``, which sets the CJK font on ``html`` and in the page margin boxes
(otherwise page numbers fall back to a font without Chinese glyphs).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()
