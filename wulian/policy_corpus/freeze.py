"""Checking and merging held-out sets frozen by freezers who never saw the drafter (issue 20).

A freezer follows ``FREEZING.md`` beside this file and writes a folder: ``documents/<code>.txt``, ``documents.json``
and ``targets.json``. Before anything is run on them, ``check`` finds what would make their score dishonest or
their key unreadable: a code, file, address or title already in the corpus, a passage of 40 characters shared with a
corpus document or another new one (simplified and traditional compared alike), a document an earlier check left
out (``left_out.json``, by address, title or passage), a quote not in its document, a row of another shape. ``merge`` then turns the corpus's held-out sets into development ones ('was_held_out_set') and adds
the new sets as the held-out ones::

    python -m wulian.policy_corpus.freeze /work/freeze/setA:104 /work/freeze/setB:105          # check only
    python -m wulian.policy_corpus.freeze /work/freeze/setA:104 /work/freeze/setB:105 --write  # and merge
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from wulian.policy_corpus import DEFAULT_KEY, load, strip_header
from wulian.policy_draft import simplified

ROW_FIELDS = {"document", "indicator", "level", "regions", "comparator", "threshold", "unit", "deadline", "clause",
              "source"}
PASSAGE = 40


def _plain(text: str) -> str:
    """The text as the drafter reads it (simplified, pinyin glosses dropped) with no space or punctuation."""
    return re.sub(r"[\s\W_]+", "", simplified(text))


def _passages(raw: str) -> set[str]:
    text = _plain(strip_header(raw))
    return {text[i:i + PASSAGE] for i in range(max(len(text) - PASSAGE + 1, 0))}


def _title(title: str) -> str:
    """A title without the remarks a freezer or the key adds in brackets ("某市（当为青岛市）民政局…（转载页）" is
    "某市民政局…", not "某市", which another document's title shares)."""
    return _plain(re.sub(r"（[^（）]*）", "", title))


def left_out(key_path: Path = DEFAULT_KEY) -> dict:
    """The documents earlier checks left out ({code: entry}, ``left_out.json`` beside the key; none when it is not
    there), their texts in ``left_out/``: a freezer is shown them and the check refuses them again."""
    path = key_path.parent / "left_out.json"
    return json.loads(path.read_text(encoding="utf-8"))["documents"] if path.exists() else {}


def check(parts: list[tuple[Path, int]], key_path: Path = DEFAULT_KEY):
    """(problems, documents, rows): what is wrong with the frozen ``parts`` (folder, set number), in words; and what
    they hold, documents as {code: (entry, text)}."""
    key = load(key_path)
    folder = Path(key["folder"])
    corpus = {code: (doc, _passages((folder / doc["file"]).read_text(encoding="utf-8")))
              for code, doc in key["documents"].items()}
    addresses = {doc["source"].rstrip("/") for doc, _ in corpus.values()}
    titles = {_title(doc["title"]): code for code, (doc, _) in corpus.items()}
    files = {doc["file"] for doc, _ in corpus.values()}
    refused = left_out(key_path)
    for code, doc in refused.items():  # (left out before: refused by address, title and passage as a corpus one)
        text = (key_path.parent / "left_out" / doc["file"]).read_text(encoding="utf-8")
        corpus[f"{code}, left out before ({doc['reason']})"] = (doc, _passages(text))
        titles.setdefault(_title(doc["title"]), f"{code} (left out before: {doc['reason']})")
    left_addresses = {doc["source"].rstrip("/"): code for code, doc in refused.items()}
    problems, documents, passages, rows = [], {}, {}, []
    for root, number in parts:
        entries = json.loads((root / "documents.json").read_text(encoding="utf-8"))
        for code, doc in entries.items():
            raw = (root / "documents" / doc["file"]).read_text(encoding="utf-8")
            if doc.get("held_out") is not True or doc.get("held_out_set") != number:
                problems.append(f"{code}: not marked held out in set {number}")
            if code in key["documents"] or code in documents:
                problems.append(f"{code}: the code is taken")
            if doc["file"] in files:
                problems.append(f"{code}: the file name is taken")
            if doc["source"].rstrip("/") in addresses:
                problems.append(f"{code}: the address is taken: {doc['source']}")
            if (other := left_addresses.get(doc["source"].rstrip("/"))) is not None:
                problems.append(f"{code}: the address was left out before as {other}: {refused[other]['reason']}")
            if (title := _title(doc["title"])) in titles:
                problems.append(f"{code}: the title is {titles[title]}'s")
            mine = _passages(raw)
            for other, (_, theirs) in [*corpus.items(), *((c, (None, p)) for c, p in passages.items())]:
                if shared := mine & theirs:
                    problems.append(f"{code}: {len(shared)} passages shared with {other}, e.g. {min(shared)}")
            documents[code], passages[code] = (doc, raw), mine
        for row in json.loads((root / "targets.json").read_text(encoding="utf-8")):
            if row.get("document") not in entries:
                problems.append(f"a row of no document of set {number}: {row.get('document')}")
                continue
            if set(row) != ROW_FIELDS:
                problems.append(f"{row['document']}: a row's fields are {sorted(row)}")
            if row.get("source", "") not in documents[row["document"]][1]:
                problems.append(f"{row['document']}: the quote is not in the document: {row.get('source')}")
            rows.append(row)
    return problems, documents, rows


def merge(documents: dict, rows: list[dict], key_path: Path = DEFAULT_KEY) -> None:
    """Make the corpus's held-out sets development ones and add ``documents`` and ``rows`` as the new held-out
    sets (the key is written as it is read: one space of indent, no newline at the end)."""
    key = json.loads(key_path.read_text(encoding="utf-8"))
    for doc in key["documents"].values():
        if doc.get("held_out") is True:
            del doc["held_out"]
            doc["was_held_out_set"] = doc.pop("held_out_set")
    for code, (doc, raw) in documents.items():
        (key_path.parent / "documents" / doc["file"]).write_text(raw, encoding="utf-8")
        key["documents"][code] = doc
    key["targets"].extend(rows)
    key_path.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")


def kit(folder: Path, key_path: Path = DEFAULT_KEY) -> None:
    """Write what a freezer works from into ``folder``: the instructions, the key's conventions (its ``about``),
    the documents taken (code, address, title), the indicators a row may name, and two documents with their rows."""
    from django.utils import translation

    from wulian.indicators import CATALOGUE

    key = json.loads(key_path.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    here = key_path.parent
    (folder / "INSTRUCTIONS.md").write_text((Path(__file__).parent / "FREEZING.md").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    (folder / "conventions.txt").write_text(key["about"], encoding="utf-8")
    (folder / "taken.tsv").write_text("".join(
        [*(f"{code}\t{doc['source']}\t{doc['title']}\n" for code, doc in key["documents"].items()),
         *(f"{code}\t{doc['source']}\t{doc['title']}\tleft out: {doc['reason']}\n"
           for code, doc in left_out(key_path).items())]), encoding="utf-8")
    with translation.override("zh-hans"):
        (folder / "indicators.txt").write_text("".join(f"{code}\t{label}\t{unit}\t{', '.join(levels)}\n"
                                                       for code, (label, unit, levels, *_) in CATALOGUE.items()),
                                               encoding="utf-8")
    examples = ("lanzhou", "000")
    for code in examples:
        doc = key["documents"][code]
        (folder / f"example_{code}.txt").write_text((here / "documents" / doc["file"]).read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    (folder / "example.json").write_text(json.dumps(
        {"documents": {code: key["documents"][code] for code in examples},
         "targets": [row for row in key["targets"] if row["document"] in examples]}, ensure_ascii=False, indent=1),
        encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["kit"]:
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wulian.settings")
        django.setup()
        kit(Path(argv[1]))
        return 0
    parts = [(Path(arg.rsplit(":", 1)[0]), int(arg.rsplit(":", 1)[1])) for arg in argv if not arg.startswith("--")]
    problems, documents, rows = check(parts)
    print(f"{len(documents)} documents, {len(rows)} targets")
    print("\n".join(problems) or "no problem")
    if "--write" in argv and not problems:
        merge(documents, rows)
        print("merged")
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
