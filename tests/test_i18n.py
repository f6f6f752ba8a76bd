"""A complete Simplified Chinese translation ships with every app; English stays available."""

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PO_FILES = sorted(
    p for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts and "var" not in p.parts
)
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


def test_every_app_with_strings_ships_a_translation():
    apps_with_po = {p.parents[3].name for p in PO_FILES}
    assert {"wulian", "main"} <= apps_with_po or {"wulian"} <= apps_with_po
    assert (ROOT / "locale/zh_Hans/LC_MESSAGES/django.po").exists()


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_translation_is_complete(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {path}: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy in {path}: {fuzzy[:10]}"
    assert not po.metadata_is_fuzzy, f"the header of {path} is marked fuzzy: msgfmt would ignore its plural rule"
    assert po.metadata.get("Plural-Forms") == "nplurals=1; plural=0;"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_translations_keep_their_placeholders(path):
    for entry in polib.pofile(str(path)).translated_entries():
        if entry.msgid_plural:
            continue
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(entry.msgstr)), entry.msgid


def test_pages_are_in_chinese_by_default(client, db):
    body = client.get(reverse("login")).content.decode()
    assert 'lang="zh-hans"' in body
    assert "登录" in body


def test_english_left_the_language_menu(as_user, client):
    """Issue 23 G: English was never complete (units, dates, PDFs), so it is not offered: no menu, and neither the
    language switch nor a browser asking for English turns a page English."""
    body = as_user("binhe").get("/").content.decode()
    assert 'id="language-menu"' not in body and "English" not in body
    client.logout()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in body and "登录" in body and "Log in" not in body


def test_dates_are_written_the_chinese_way(db):
    import datetime as dt

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("zh-hans"):
        assert Template("{{ d|date }}").render(Context({"d": dt.date(2023, 6, 30)})) == "2023年6月30日"


def test_no_msgid_is_translated_two_ways_across_apps():
    """Django merges the apps' catalogues and keeps one translation per msgid: a second one would be lost.

    Where two apps mean different things by the same English, the msgid gets a context (pgettext).
    """
    seen: dict[tuple, dict[str, list[str]]] = {}
    for path in PO_FILES:
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgid_plural:
                continue
            seen.setdefault((entry.msgctxt, entry.msgid), {}).setdefault(entry.msgstr, []).append(
                str(path.relative_to(ROOT)).split("/")[0]
            )
    conflicts = {key: value for key, value in seen.items() if len(value) > 1}
    assert conflicts == {}
