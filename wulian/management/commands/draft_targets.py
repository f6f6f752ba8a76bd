"""Draft policy targets from a document's text, or score the parser on the two seed documents."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wulian.policy_draft import DraftTarget, UnreadableDocument, draft_document, evaluate, expected_key, read_document

DEFAULT_KEY = Path(settings.BASE_DIR) / "tests" / "data" / "policy_targets_expected.json"


class Command(BaseCommand):
    help = ("Print the targets drafted from a policy document (.txt or .docx). With --evaluate, draft the seed "
            "documents of the answer key and print precision and recall per document.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="A .txt or .docx policy document.")
        parser.add_argument("--evaluate", action="store_true",
                            help="Score the parser against the answer key instead of drafting one file.")
        parser.add_argument("--key", default=str(DEFAULT_KEY), help="The answer key (JSON).")
        parser.add_argument("--json", action="store_true", help="Print the drafts as JSON.")
        parser.add_argument("--quotes", action="store_true", help="Print each draft's sentence too.")

    def handle(self, *args, path=None, evaluate=False, key=None, json=False, quotes=False, **options):
        if evaluate:
            return self.evaluate(Path(key), quotes=quotes)
        if not path:
            raise CommandError("Give a document to draft, or --evaluate.")
        draft = draft_document(self.read(Path(path)))
        if json:
            self.stdout.write(_json_dump({
                "title": draft.title, "number": draft.number,
                "issued_on": draft.issued_on.isoformat() if draft.issued_on else None,
                "targets": [_as_dict(t) for t in draft.targets],
            }))
            return
        self.stdout.write(f"{draft.title or '(无标题)'} {draft.number} {draft.issued_on or ''}".rstrip())
        for target in draft.targets:
            self.write_target(" ", target, quotes)
        self.stdout.write(f"{len(draft.targets)} draft targets.")

    def read(self, path: Path) -> str:
        try:
            return read_document(path.name, path.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except UnreadableDocument as exc:
            raise CommandError(f"{path} is not a readable .txt or .docx document ({exc}).") from exc

    def write_target(self, mark, target: DraftTarget, quotes: bool):
        note = f"  ({target.note})" if target.note else ""
        self.stdout.write(f"{mark} {target.describe()}  «{target.matched}»{note}")
        if quotes:
            self.stdout.write(f"      {target.quote}")

    def evaluate(self, key_path: Path, quotes: bool):
        try:
            key = json.loads(key_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the answer key {key_path}: {exc}") from exc
        folder = key_path.parent / "policy_documents"
        totals = [0, 0, 0]  # found, drafted, expected
        for code, document in key["documents"].items():
            rows = [row for row in key["targets"] if row["document"] == code]
            draft = draft_document(self.read(folder / document["file"]))
            result = evaluate(draft.targets, rows)
            self.stdout.write(f"{code} {draft.title} — {len(rows)} expected, {len(draft.targets)} drafted")
            for _row, target in result.found:
                self.write_target("  ✓", target, quotes)
            for row in result.missed:
                wanted = dict(zip(("clause", "indicator", "level", "regions", "comparator", "threshold", "unit",
                                   "deadline"), expected_key(row)))
                self.stdout.write(f"  ✗ missed: {_describe_row(wanted)}")
            for target in result.extra:
                self.write_target("  + not in the table:", target, quotes)
            found, drafted = len(result.found), len(draft.targets)
            self.stdout.write(f"  {code} precision {found}/{drafted} = {result.precision:.1%}, "
                              f"recall {found}/{len(rows)} = {result.recall:.1%}")
            totals[0] += found
            totals[1] += drafted
            totals[2] += len(rows)
        found, drafted, expected = totals
        precision = found / drafted if drafted else 1.0
        recall = found / expected if expected else 1.0
        self.stdout.write(f"all precision {found}/{drafted} = {precision:.1%}, recall {found}/{expected} = {recall:.1%}")


def _describe_row(row: dict) -> str:
    target = DraftTarget(quote="", **{k: (list(v) if k == "regions" else v) for k, v in row.items()})
    return target.describe()


def _as_dict(target: DraftTarget) -> dict:
    return {
        "clause": target.clause, "indicator": target.indicator, "level": target.level, "regions": target.regions,
        "comparator": target.comparator, "threshold": None if target.threshold is None else str(target.threshold),
        "unit": target.unit, "period": target.period,
        "deadline": target.deadline.isoformat() if target.deadline else None,
        "note": target.note, "matched": target.matched, "quote": target.quote,
    }


def _json_dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
