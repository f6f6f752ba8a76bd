"""Draft policy targets from a document's text, or score the drafter on its corpus (``wulian/policy_corpus``)."""

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wulian import policy_corpus
from wulian.policy_draft import (
    DraftTarget,
    UnreadableDocument,
    draft_document,
    draft_key,
    evaluate,
    expected_key,
    figure_reading,
    normalize,
    read_document,
    sentence_figures,
    shared_deadline,
    undrafted_sentences,
)


class Command(BaseCommand):
    help = ("Print the targets drafted from a policy document (.txt or .docx). With --evaluate, draft every "
            "document of the answer key (default: the corpus in wulian/policy_corpus) and print precision and "
            "recall per document, for the development documents (the drafter is tuned on them) and the held-out ones "
            "(only evaluated), and in all.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="A .txt or .docx policy document.")
        parser.add_argument("--evaluate", action="store_true",
                            help="Score the parser against the answer key instead of drafting one file.")
        parser.add_argument("--key", default=str(policy_corpus.DEFAULT_KEY),
                            help="The answer key (JSON); its documents are in the documents/ folder beside it.")
        parser.add_argument("--json", action="store_true", help="Print the drafts as JSON.")
        parser.add_argument("--quotes", action="store_true", help="Print each draft's sentence too.")
        parser.add_argument("--tuning-set", type=int, action="append", default=None,
                            help="With --evaluate: a development set whose misses are being read while tuning (give it "
                                 "again for each set read); the per-set mean is then also given over the other sets "
                                 "(those not read this round).")
        parser.add_argument("--second-reading", metavar="FILE", default=None,
                            help="Score a second reader's targets (rows in the key's format, written by hand from the "
                                 "documents alone) against the answer key on the documents it covers, beside the "
                                 "drafter's score on the same documents: how far two careful readers agree.")

    def handle(self, *args, path=None, evaluate=False, key=None, json=False, quotes=False, tuning_set=None,
               second_reading=None, **options):
        if second_reading:
            return self.second_reading(Path(key), Path(second_reading))
        if evaluate:
            return self.evaluate(Path(key), quotes=quotes, tuning_set=tuning_set)
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

    def evaluate(self, key_path: Path, quotes: bool, tuning_set: int | None = None):
        try:
            key = policy_corpus.load(key_path)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the answer key {key_path}: {exc}") from exc
        totals = {False: [0, 0, 0], True: [0, 0, 0]}  # held out? → found, drafted, expected
        loose = {False: 0, True: 0}  # held out? → found on the fields (clause and indicator not compared)
        sets: dict[int, list[int]] = {}  # held-out set → found, drafted, expected
        development: dict[int, list[int]] = {}  # development set (0: never held out) → found, drafted, expected
        # held out? → missed targets standing in a sentence the review page lists, missed targets, sentences listed,
        # listed sentences holding an expected target, targets standing in a sentence the page shows, targets
        aid = {False: [0] * 6, True: [0] * 6}
        # held out? → missed targets filled in right by a reading of one of their listed sentence's figures, by the
        # reading of its first figure, missed targets standing in a listed sentence
        readings = {False: [0] * 6, True: [0] * 6}  # …and the same for the missed standing in a draft's sentence
        for code, document in key["documents"].items():
            rows = policy_corpus.rows(key, code)
            try:
                text = policy_corpus.text_of(key, code)
            except OSError as exc:
                raise CommandError(f"Cannot read {document['file']}: {exc.strerror}") from exc
            issued = date.fromisoformat(document["issued_on"]) if document.get("issued_on") else None
            draft = draft_document(text, issued_on=issued)
            result = evaluate(draft.targets, rows)
            held = bool(document.get("held_out"))
            mark = " [held out]" if held else ""
            self.stdout.write(f"{code}{mark} {document.get('title') or draft.title} — {len(rows)} expected, "
                              f"{len(draft.targets)} drafted")
            for _row, target in result.found:
                self.write_target("  ✓", target, quotes)
            for row in result.missed:
                wanted = dict(zip(("clause", "indicator", "level", "regions", "comparator", "threshold", "unit",
                                   "deadline"), expected_key(row)))
                self.stdout.write(f"  ✗ missed: {_describe_row(wanted)}")
            for target in result.extra:
                self.write_target("  + not in the table:", target, quotes)
            found, drafted = len(result.found), len(draft.targets)
            self.stdout.write(f"  {code} {_scores(found, drafted, len(rows))}")
            totals[held] = [a + b for a, b in zip(totals[held], (found, drafted, len(rows)))]
            loose[held] += matches([draft_key(d) for d in draft.targets], rows)[1]
            aid[held] = [a + b for a, b in zip(aid[held], review_aid(text, draft.targets, rows, result.missed))]
            readings[held] = [a + b for a, b in zip(readings[held], first_readings(text, draft, result.missed))]
            if held:
                number = int(document.get("held_out_set") or 1)
                sets[number] = [a + b for a, b in zip(sets.get(number, [0, 0, 0]), (found, drafted, len(rows)))]
            else:
                number = development_set(document)
                development[number] = [a + b for a, b in zip(development.get(number, [0, 0, 0]),
                                                             (found, drafted, len(rows)))]
        for held, name in ((False, "dev"), (True, "held out")):  # tuned on / only evaluated
            if totals[held][1] or totals[held][2]:
                self.stdout.write(f"{name} {_scores(*totals[held])}")
        if totals[True][1] or totals[True][2]:
            # The issue's own measure of a right draft: threshold or coverage, unit with its denominator, level and
            # deadline (with the comparator and any named regions) — the clause and the indicator code are not
            # compared. Every other figure printed here compares them too.
            self.stdout.write(f"on the issue's fields (clause and indicator not compared), held out "
                              f"{_scores(loose[True], *totals[True][1:])}")
        if len(sets) > 1:
            for number, figures in sorted(sets.items()):
                self.stdout.write(f"  held-out set {number} {_scores(*figures)}")
        for line in leave_one_set_out(development, tuning_set):
            self.stdout.write(line)
        for held, name in ((True, "held out"), (False, "dev")):
            if totals[held][1] or totals[held][2]:
                standing, missed, listed, holding, shown, expected = aid[held]
                self.stdout.write(f"review aid, {name}: {standing}/{missed} missed targets stand in a listed sentence; "
                                  f"{listed} sentences listed, {holding} hold a target; {shown}/{expected} targets "
                                  f"quoting their sentence stand in one the page shows (a draft's or a listed one)")
            if readings[held][2] or readings[held][5]:
                right, first, standing, again, _again_first, in_drafted = readings[held]
                self.stdout.write(f"add form, {name}: {right}/{standing} missed targets standing in a listed sentence "
                                  f"are filled in right from one of its figures ({first} from its first); "
                                  f"{again}/{in_drafted} standing in a draft's sentence are, from the draft's card")
        self.stdout.write(f"all {_scores(*[a + b for a, b in zip(totals[False], totals[True])])}")  # last, as before

    def second_reading(self, key_path: Path, reading_path: Path):
        try:
            key = policy_corpus.load(key_path)
            reading = json.loads(reading_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {key_path} or {reading_path}: {exc}") from exc
        codes = sorted({row["document"] for row in reading["targets"]} | set(reading.get("documents", ())))
        unknown = [code for code in codes if code not in key["documents"]]
        if unknown:
            raise CommandError(f"{reading_path} reads documents the key does not hold: {', '.join(unknown)}")
        totals = {"reader": [0, 0, 0, 0], "drafter": [0, 0, 0, 0]}  # exact, loose, given, expected
        fields: Counter = Counter()
        for code in codes:
            expected = policy_corpus.rows(key, code)
            document = key["documents"][code]
            issued = date.fromisoformat(document["issued_on"]) if document.get("issued_on") else None
            drafts = draft_document(policy_corpus.text_of(key, code), issued_on=issued).targets
            given = {"reader": [expected_key(row) for row in reading["targets"] if row["document"] == code],
                     "drafter": [draft_key(draft) for draft in drafts]}
            for who, keys in given.items():
                exact, loose = matches(keys, expected)
                totals[who] = [a + b for a, b in zip(totals[who], (exact, loose, len(keys), len(expected)))]
            fields.update(differing_fields(
                [row for row in reading["targets"] if row["document"] == code], expected))
        self.stdout.write(f"{len(codes)} documents, {totals['reader'][3]} targets in the key")
        for who, name in (("reader", "second reader"),
                          ("drafter", "drafter (as it stands: it may since have been tuned on some of them)")):
            exact, loose, given, expected = totals[who]
            self.stdout.write(f"{name} against the key: {_scores(exact, given, expected)}")
            self.stdout.write(f"{name} on the issue's fields (clause and indicator not compared): "
                              f"{_scores(loose, given, expected)}")
        paired = fields.pop("", 0)
        self.stdout.write(f"second reader's rows unmatched but quoting a key row's sentence: {paired}; fields that "
                          "differ: " + (", ".join(f"{name} {count}" for name, count in fields.most_common())
                                        or "none"))


KEY_FIELDS = ("clause", "indicator", "level", "regions", "comparator", "threshold", "unit", "deadline")


def matches(keys: list[tuple], rows: list[dict]) -> tuple[int, int]:
    """How many rows ``keys`` (tuples as ``expected_key`` makes them) match on every field, and on the issue's
    fields; each key matches at most one row."""
    exact = loose = 0
    unmatched, unmatched_loose = list(keys), [k[LOOSE_FIELDS] for k in keys]
    for row in rows:
        wanted = expected_key(row)
        if wanted in unmatched:
            unmatched.remove(wanted)
            exact += 1
        if wanted[LOOSE_FIELDS] in unmatched_loose:
            unmatched_loose.remove(wanted[LOOSE_FIELDS])
            loose += 1
    return exact, loose


def differing_fields(reading: list[dict], rows: list[dict]) -> Counter:
    """For each of the second reader's rows that matches no key row exactly but quotes the sentence of one left
    unmatched (either source containing the other): the fields in which the two differ; ``""`` counts the pairs."""
    remaining = [row for row in rows]
    unpaired = []
    for given in reading:
        wanted = expected_key(given)
        twin = next((row for row in remaining if expected_key(row) == wanted), None)
        if twin is not None:
            remaining.remove(twin)
        else:
            unpaired.append(given)
    counts: Counter = Counter()
    for given in unpaired:
        source = quoted_source(given)
        if not source:
            continue
        candidates = []
        for row in remaining:
            other = quoted_source(row)
            if other and (source in other or other in source):
                candidates.append([name for name, a, b in zip(KEY_FIELDS, expected_key(given), expected_key(row))
                                   if a != b] + [row])
        if candidates:  # of several targets in one sentence, the one closest to the reader's row
            *names, row = min(candidates, key=len)
            remaining.remove(row)
            counts[""] += 1
            counts.update(names)
    return counts


KEY_REMARK = re.compile(r"[（(][^（）()]*[）)]$")


def quoted_source(row: dict) -> str:
    """A key row's sentence as the document writes it, normalized: a key's own remark closing it
    ("…建成一个（每个街道一个，town）") is not the document's."""
    return KEY_REMARK.sub("", normalize(row.get("source") or "").strip())


def stands(source: str, sentence: str) -> bool:
    """Whether a key row's sentence (``quoted_source``) stands in a sentence of the page, or holds it."""
    return source in sentence or sentence in source


def review_aid(text: str, drafts: list[DraftTarget], rows: list[dict], missed: list[dict]) -> tuple[int, ...]:
    """What the review page gives a reviewer of this document. Its list of sentences with no draft
    (``undrafted_sentences``): how many of the ``missed`` rows stand in a listed sentence (the row's ``source``,
    normalized, contained in or containing it), of how many missed; how many sentences are listed, and how many of
    them hold a row. And the page as a whole: how many rows stand in a sentence it shows, a draft's or a listed one
    (a row missed but standing in a draft's sentence is a draft to correct), of how many rows quote their sentence
    (the two seed documents' rows cite the design's table instead)."""
    listed = [sentence for _clause, sentence in undrafted_sentences(text, [d.quote for d in drafts])]
    quoted = [normalize(d.quote).strip() for d in drafts if (d.quote or "").strip()]
    sources = {id(row): quoted_source(row) for row in rows if (row.get("source") or "").strip()}

    standing = sum(1 for row in missed if id(row) in sources
                   and any(stands(sources[id(row)], sentence) for sentence in listed))
    holding = sum(1 for sentence in listed if any(stands(source, sentence) for source in sources.values()))
    shown = sum(1 for source in sources.values() if any(stands(source, sentence) for sentence in (*quoted, *listed)))
    return standing, len(missed), len(listed), holding, shown, len(sources)


def first_readings(text: str, draft, missed: list[dict]) -> tuple[int, ...]:
    """What the form that adds a missed target from a sentence starts from (``figure_reading``, one figure of the
    sentence chosen, the deadline most of the document's drafts share when the sentence names none). For the
    sentences listed as not drafted: how many of the ``missed`` rows standing in one a reading of one of its figures
    gives right on the issue's fields (level, regions, comparator, threshold, unit, deadline), how many its first
    figure's reading gives right, and how many missed rows stand in a listed sentence. Then the same three for the
    sentences of the drafts (a target's card adds another target from its sentence), of the missed rows standing in
    no listed sentence. Each reading fills in at most one row."""
    listed = undrafted_sentences(text, [d.quote for d in draft.targets])
    drafted = {}
    for target in draft.targets:
        if (sentence := normalize(target.quote or "").strip()):
            drafted.setdefault(sentence, target.clause)
    fallback = shared_deadline(d.deadline for d in draft.targets)
    rest, figures = list(missed), []
    for sentences in (listed, [(clause, sentence) for sentence, clause in drafted.items()]):
        readings = [(sentence, [draft_key(r)[LOOSE_FIELDS] for figure in range(len(sentence_figures(sentence)))
                                if (r := figure_reading(sentence, clause, draft.issued_on, figure=figure,
                                                        deadline=fallback))])
                    for clause, sentence in sentences]
        firsts = {index: keys[0] for index, (_sentence, keys) in enumerate(readings) if keys}
        right = first = standing = 0
        for row in list(rest):
            source = quoted_source(row)
            held = [index for index, (sentence, _keys) in enumerate(readings) if source and stands(source, sentence)]
            if not held:
                continue
            rest.remove(row)
            standing += 1
            wanted = expected_key(row)[LOOSE_FIELDS]
            if (index := next((i for i in held if firsts.get(i) == wanted), None)) is not None:
                del firsts[index]
                first += 1
            if (index := next((i for i in held if wanted in readings[i][1]), None)) is not None:
                readings[index][1].remove(wanted)
                right += 1
        figures += [right, first, standing]
    return tuple(figures)


LOOSE_FIELDS = slice(2, None)  # of ``expected_key``/``draft_key``: level, regions, comparator, threshold, unit, deadline


def development_set(document: dict) -> int:
    """The round a development document came in: the held-out set it was scored in before it was tuned on
    (``was_held_out_set``), or 0 for the documents the drafter was built on."""
    return int(document.get("was_held_out_set") or 0)


def leave_one_set_out(development: dict[int, list[int]], tuning_set: int | list[int] | None = None) -> list[str]:
    """Each development set scored as a set of its own, and their mean (every set weighs the same, whatever its
    size) beside the worst set. Every development set has been tuned on in some round, so the mean is no held-out
    figure and is not labelled as one. The drafter's rules are written by hand, so no fold can be retrained without
    its set: with ``tuning_set`` (the set or sets whose misses are read this round) the mean is also given over the
    other sets — the figure a change must raise, or at least not lower, to count as general rather than fitted to
    the sentences looked at."""
    if not development:
        return []
    lines = []
    for number, (found, drafted, expected) in sorted(development.items()):
        lines.append(f"  development set {number} {_scores(found, drafted, expected)}")

    def mean(numbers):
        chosen = [development[n] for n in numbers]
        precision = sum(f / d if d else 0.0 for f, d, _e in chosen) / len(chosen)
        recall = sum(f / e if e else 0.0 for f, _d, e in chosen) / len(chosen)
        worst = min(numbers, key=lambda n: (development[n][0] / development[n][2]) if development[n][2] else 1.0)
        return precision, recall, worst

    numbers = sorted(development)
    precision, recall, worst = mean(numbers)
    lines.append(f"per-set mean over {len(numbers)} development sets (all tuned on): mean precision {precision:.1%}, "
                 f"mean recall {recall:.1%}, worst recall set {worst}")
    if isinstance(tuning_set, int):
        tuning_set = [tuning_set]
    read = sorted(set(tuning_set or ()) & set(development))
    others = [n for n in numbers if n not in read]
    if read and others:
        precision, recall, worst = mean(others)
        which = f"set {read[0]}" if len(read) == 1 else "sets " + ", ".join(str(n) for n in read)
        lines.append(f"mean over the {len(others)} sets not read this round (all but {which}): "
                     f"mean precision {precision:.1%}, mean recall {recall:.1%}, worst recall set {worst}")
    return lines


def _scores(found: int, drafted: int, expected: int) -> str:
    """"precision 3/4 = 75.0%, recall 3/5 = 60.0%"; a ratio with nothing under it is printed as such, never as
    100 % (a document with targets and no drafts has 0 % recall and no precision to speak of)."""
    precision = f"{found}/{drafted} = {found / drafted:.1%}" if drafted else "0/0 (nothing drafted)"
    recall = f"{found}/{expected} = {found / expected:.1%}" if expected else "0/0 (no target in the text)"
    return f"precision {precision}, recall {recall}"


def _describe_row(row: dict) -> str:
    target = DraftTarget(quote="", **{k: (list(v) if k == "regions" else v) for k, v in row.items()})
    return target.describe()


def _as_dict(target: DraftTarget) -> dict:
    return {
        "clause": target.clause, "indicator": target.indicator, "level": target.level, "regions": target.regions,
        "comparator": target.comparator, "threshold": None if target.threshold is None else str(target.threshold),
        "unit": target.unit, "period": target.period,
        "deadline": target.deadline.isoformat() if target.deadline else None,
        "note": target.note, "matched": target.matched, "measure": target.measure, "quote": target.quote,
    }


def _json_dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
