"""PDF running headers print names as they are (issue 17, item 10): an ampersand is not ``&amp;``, a quote does not
end the CSS string of the header."""

from __future__ import annotations

import subprocess

import pytest
from django.template import Context, Template

from tests.test_projects_report import accepted, build  # noqa: F401 - the fixture
from wulian.models import Agency, ReportStatus

pytestmark = pytest.mark.django_db
NAME = '仁和&"同心"社工<中心>'


def test_css_string_escapes_what_would_break_out():
    out = Template("{% load wulian %}{{ name|css_string }}").render(Context({"name": 'a"b\\c</style>&'}))
    assert out.startswith('"') and out.endswith('"')
    inner = out[1:-1]
    assert '"' not in inner and "<" not in inner and "&" not in inner and "\n" not in inner
    assert "\\000022" in inner and "\\00003c" in inner


def test_the_evaluation_reports_running_header_prints_the_agency_name_as_it_is(cast, accepted):  # noqa: F811
    Agency.objects.filter(pk=cast.agency.pk).update(name=NAME)
    job = build(cast.user_evaluator, accepted)
    assert job.status == ReportStatus.DONE, job.error
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", job.file.path, "-"], capture_output=True, text=True,
                            check=True).stdout
    assert NAME in second and "&amp;" not in second and accepted.code in second
