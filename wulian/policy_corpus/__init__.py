"""The policy drafter's development corpus (issue 20): real documents and the targets a careful reader finds.

``corpus.json`` is the answer key (written by hand before the drafter ran on the documents; its ``about`` states
the conventions) and ``documents/`` the texts, each opening with its source address and a note in brackets that
are not part of the document. Documents marked ``held_out`` are never used to tune the drafter: their score is
the honest figure of how it reads a document it has never seen. Nothing here is test-only: the
``draft_targets --evaluate`` command scores against this key unless another is passed.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_KEY = HERE / "corpus.json"


def load(path: Path | str | None = None) -> dict:
    """The answer key at ``path`` (default: this corpus), its documents folder beside it."""
    path = Path(path or DEFAULT_KEY)
    key = json.loads(path.read_text(encoding="utf-8"))
    key["folder"] = str(path.parent / "documents")
    return key


def rows(key: dict, code: str) -> list[dict]:
    return [row for row in key["targets"] if row["document"] == code]


def text_of(key: dict, code: str) -> str:
    """A document's text without the corpus's own header (the 来源 line and the bracketed note after it)."""
    raw = (Path(key["folder"]) / key["documents"][code]["file"]).read_text(encoding="utf-8")
    return strip_header(raw)


def strip_header(raw: str) -> str:
    lines = raw.split("\n")
    if lines and lines[0].startswith("来源："):
        lines = lines[1:]
        if lines and lines[0].startswith("（") and lines[0].rstrip().endswith("）"):
            lines = lines[1:]
    return "\n".join(lines)
