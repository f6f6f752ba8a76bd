"""Held-out sets are checked against the corpus before anything runs on them, and merged (issue 20)."""

import json
import re

from wulian.policy_corpus import freeze

ROW = {"document": "", "indicator": "", "level": "county", "regions": [], "comparator": "eq", "threshold": "10",
       "unit": "个", "deadline": None, "clause": "", "source": ""}
OLD = ("来源：http://example.gov.cn/a.html\n（说明）\n\n今年全市将新建社区养老服务站10个,到年底实现乡镇(街道)社工站全覆盖,"
       "每个社工站配备不少于2名专职社工。")
NEW = ("来源：http://example.gov.cn/b.html\n（说明）\n\n县民政局获悉,今年全县计划建设农村公益性公墓12处,"
       "每处占地不超过5亩,节地生态安葬比例达到40%以上。")


def _corpus(tmp_path):
    (tmp_path / "corpus" / "documents").mkdir(parents=True)
    (tmp_path / "corpus" / "documents" / "old.txt").write_text(OLD, encoding="utf-8")
    key = {"about": "…", "documents": {
        "old": {"file": "old.txt", "province": "福建", "issued_on": "2020-01-01", "title": "某市养老服务站建设",
                "source": "http://example.gov.cn/a.html", "held_out": True, "held_out_set": 9},
        "dev": {"file": "old.txt", "province": "福建", "issued_on": "2020-01-01", "title": "另一份",
                "source": "http://example.gov.cn/c.html", "held_out": False}},
        "targets": [dict(ROW, document="old", source="社区养老服务站10个")]}
    path = tmp_path / "corpus" / "corpus.json"
    path.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _frozen(tmp_path, name, documents, number=10):
    root = tmp_path / name
    (root / "documents").mkdir(parents=True)
    entries, rows = {}, []
    for code, (raw, title, source, quote) in documents.items():
        (root / "documents" / f"{code}.txt").write_text(raw, encoding="utf-8")
        entries[code] = {"file": f"{code}.txt", "province": "湖北", "issued_on": "2021-03-01", "title": title,
                         "source": source, "held_out": True, "held_out_set": number}
        rows.append(dict(ROW, document=code, source=quote))
    (root / "documents.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    (root / "targets.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return root


def test_a_fresh_set_passes_and_is_merged_as_the_held_out_one(tmp_path):
    key_path = _corpus(tmp_path)
    root = _frozen(tmp_path, "set", {"gm2021": (NEW, "某县公墓建设", "http://example.gov.cn/b.html", "公益性公墓12处")})
    problems, documents, rows = freeze.check([(root, 10)], key_path)
    assert problems == [] and list(documents) == ["gm2021"] and len(rows) == 1
    freeze.merge(documents, rows, key_path)
    key = json.loads(key_path.read_text(encoding="utf-8"))
    assert key["documents"]["old"] == {"file": "old.txt", "province": "福建", "issued_on": "2020-01-01",
                                       "title": "某市养老服务站建设", "source": "http://example.gov.cn/a.html",
                                       "was_held_out_set": 9}
    assert key["documents"]["dev"]["held_out"] is False  # a development document is left as it was
    assert key["documents"]["gm2021"]["held_out_set"] == 10 and len(key["targets"]) == 2
    assert (key_path.parent / "documents" / "gm2021.txt").read_text(encoding="utf-8") == NEW


def test_a_document_already_taken_in_another_script_or_under_another_address_is_found(tmp_path):
    key_path = _corpus(tmp_path)
    # the same text reposted in traditional characters under another address and title
    reposted = OLD.replace("http://example.gov.cn/a.html", "http://mirror.example.com/x").replace(
        "今年全市将新建社区养老服务站10个", "今年全市將新建社區養老服務站10個")
    root = _frozen(tmp_path, "set", {"copy": (reposted, "转载", "http://mirror.example.com/x", "服務站10個"),
                                     "old": (NEW, "某市养老服务站建设（转载）", "http://example.gov.cn/a.html/", "不在文中")})
    problems, *_ = freeze.check([(root, 10)], key_path)
    assert any(p.startswith("copy: ") and "passages shared with old" in p for p in problems)
    assert "old: the code is taken" in problems
    assert "old: the address is taken: http://example.gov.cn/a.html/" in problems
    assert "old: the title is old's" in problems
    assert "old: the quote is not in the document: 不在文中" in problems


def test_a_title_sharing_only_a_remarked_opening_with_a_taken_one_is_not_taken(tmp_path):
    """Set 109: "某市（当为青岛市）民政局…发布会" was refused as the title of another "某市（…）" document."""
    key_path = _corpus(tmp_path)
    key = json.loads(key_path.read_text(encoding="utf-8"))
    key["documents"]["old"]["title"] = "某市（据文号当为吉林市）养老服务站建设"
    key_path.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    root = _frozen(tmp_path, "set", {"gm2021": (NEW, "某市（当为青岛市）公墓建设（转载页）", "http://example.gov.cn/b.html",
                                                "公益性公墓12处")})
    assert freeze.check([(root, 10)], key_path)[0] == []
    root = _frozen(tmp_path, "again", {"gm2022": (NEW, "某市（据文号）养老服务站建设（镜像页）", "http://example.gov.cn/b.html",
                                                  "公益性公墓12处")})
    assert "gm2022: the title is old's" in freeze.check([(root, 10)], key_path)[0]


def test_two_new_sets_sharing_a_passage_are_found(tmp_path):
    key_path = _corpus(tmp_path)
    one = _frozen(tmp_path, "a", {"gm2021": (NEW, "某县公墓建设", "http://example.gov.cn/b.html", "公益性公墓12处")})
    two = _frozen(tmp_path, "b", {"gm2022": (NEW.replace("b.html", "d.html"), "另一县公墓", "http://example.gov.cn/d.html",
                                             "公益性公墓12处")}, number=11)
    problems, *_ = freeze.check([(one, 10), (two, 11)], key_path)
    assert any(p.startswith("gm2022: ") and "passages shared with gm2021" in p for p in problems)


def test_the_kit_gives_a_freezer_the_instructions_the_conventions_and_every_document_taken(tmp_path):
    freeze.kit(tmp_path / "kit")
    key = json.loads(freeze.DEFAULT_KEY.read_text(encoding="utf-8"))
    taken = (tmp_path / "kit" / "taken.tsv").read_text(encoding="utf-8").splitlines()
    refused = freeze.left_out()
    assert len(taken) == len(key["documents"]) + len(refused) and taken[0].split("\t")[0] in key["documents"]
    # the documents earlier checks left out are listed too, each with why ("一刻钟便民生活圈: a commerce department's…")
    assert refused and {line.split("\t")[0]: line.split("\t")[3] for line in taken[len(key["documents"]):]} == {
        code: f"left out: {doc['reason']}" for code, doc in refused.items()}
    instructions = (tmp_path / "kit" / "INSTRUCTIONS.md").read_text(encoding="utf-8")
    assert "never run, open or read the drafter" in instructions
    named = set(re.findall(r"`([\w.]+\.(?:txt|json|tsv))`", instructions)) - {"targets.json", "documents.json"}
    assert named and all((tmp_path / "kit" / name).exists() for name in named), named  # the files it names exist
    assert (tmp_path / "kit" / "conventions.txt").read_text(encoding="utf-8") == key["about"]
    assert "town_station_coverage\t乡镇（街道）社工站建成\t\ttown" in (tmp_path / "kit" / "indicators.txt").read_text(
        encoding="utf-8")


def test_a_document_an_earlier_check_left_out_is_refused_by_its_address_its_title_or_its_text(tmp_path):
    key_path = _corpus(tmp_path)
    (key_path.parent / "left_out").mkdir()
    (key_path.parent / "left_out" / "bm2022.txt").write_text(NEW, encoding="utf-8")
    (key_path.parent / "left_out.json").write_text(json.dumps({"about": "…", "documents": {"bm2022": {
        "file": "bm2022.txt", "title": "某区一刻钟便民生活圈建设实施方案", "source": "http://example.gov.cn/b.html",
        "reason": "a commerce department's programme", "left_out_in": "session 26"}}}, ensure_ascii=False),
        encoding="utf-8")
    again = _frozen(tmp_path, "again", {"bm2022x": (NEW, "便民生活圈转载", "http://example.gov.cn/b.html", "公益性公墓12处")})
    problems, _, _ = freeze.check([(again, 10)], key_path)
    assert "bm2022x: the address was left out before as bm2022: a commerce department's programme" in problems
    assert any(p.startswith("bm2022x: ") and "passages shared with bm2022, left out before" in p for p in problems)
    reposted = _frozen(tmp_path, "reposted", {"bm2022y": ("来源：http://example.org/z.html\n（说明）\n\n另一段文字。", "某区一刻钟便民生活圈建设实施方案（转载）",
                                                         "http://example.org/z.html", "另一段文字")})
    problems, _, _ = freeze.check([(reposted, 10)], key_path)
    assert problems == ["bm2022y: the title is bm2022 (left out before: a commerce department's programme)'s"]
