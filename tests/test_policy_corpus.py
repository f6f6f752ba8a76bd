"""The drafter on sentences of real documents from other provinces (issue 20): each miss pattern the issue
found, with the sentence as the document writes it (sources in wulian/policy_corpus/corpus.json)."""

import fcntl
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from wulian import policy_corpus
from wulian.policy_draft import (
    DIVISION_DOCUMENT,
    _inline_clauses,
    draft_document,
    draft_targets,
    expected_key,
    figure_reading,
    undrafted_sentences,
)

KEY = policy_corpus.load()


def drafts(text, issued_on=None, **options):
    return [(d.indicator, d.level, d.comparator, d.threshold, d.unit, d.deadline)
            for d in draft_targets(text, issued_on, **options)]


def standards(text, issued_on=None):
    """(clause, threshold, unit, deadline, name) of each draft: what a reviewer reads on a standard's card."""
    return [(d.clause, d.threshold, d.unit, d.deadline, d.measure) for d in draft_targets(text, issued_on)]


def all_drafts(text, issued_on=None):
    """Every item of a government's list, other departments' too (how the list itself is read)."""
    return drafts(text, issued_on, civil_affairs_only=False)


def test_an_amount_granted_and_a_number_hired_with_no_comparator_are_targets():
    # 广东省民政厅 粤民函〔2017〕43号
    text = ("二、切实落实资金\n落实资金是保证“双百计划”顺利实施的关键。2017年度省级资助“双百计划”3000万元,"
            "全额资助29个苏区县各建设1个镇(街)社会工作服务站,每个站资助15万元用于聘请3名社工(")
    found = drafts(text)
    assert ("town_stations_built", "county", "eq", Decimal(1), "个", None) in found
    assert ("operating_funds", "station_town", "eq", Decimal(150000), "元", None) in found  # 15万元 → 元
    assert ("station_staff", "station_town", "eq", Decimal(3), "名", None) in found
    # The province's budget (no per-unit word) and the 29 counties are no targets.
    assert not [d for d in found if d[3] in (Decimal(30000000), Decimal(29))]


def test_coverage_phrases_are_targets_at_the_level_covered():
    # 福建 (台海网), 石首, 兰州 (traditional characters with pinyin glosses, as reposted)
    assert drafts("2021年我省将实现乡镇(街道)社工站全覆盖,越来越多基层困难群体将得到社工专业服务。") == [
        ("town_station_coverage", "town", "present", None, "", date(2021, 12, 31))]
    assert drafts("力争到2023年实现全市15个乡镇办区社工站全覆盖,并逐步推进村(社区)社工站室建设。") == [
        ("town_station_coverage", "town", "present", None, "", date(2023, 12, 31))]
    lanzhou = "健全落實(shí)市、縣、鄉(xiāng)三級工作體系,盡早實現(xiàn)“一縣(區(qū))一中心,一鄉(xiāng)鎮(zhèn)(街道)一站點”。"
    assert drafts(lanzhou) == [("", "county", "present", None, "", None),
                               ("town_station_coverage", "town", "present", None, "", None)]
    # 昌吉州: 覆盖率达100% is coverage, not "≥ 100 %"
    assert drafts("到2025年末,城鄉社區綜合服務設施覆蓋率達100%;") == [
        ("", "community", "present", None, "", date(2025, 12, 31))]


def test_ratios_keep_their_denominators():
    # 昌吉州落实《自治区“十四五”城乡社区服务体系建设规划》实施方案
    found = drafts("一、工作目标\n到2025年末,社区综合服务设施面积达到每百户30平米以上;"
                   "每万城镇常住人口拥有社区工作者不低于25人;")
    assert found == [("", "community", "gte", Decimal(30), "平方米/百户", date(2025, 12, 31)),
                     ("", "county", "gte", Decimal(25), "人/万人", date(2025, 12, 31))]


def test_county_wide_totals_are_county_targets_not_per_community_ones():
    assert drafts("到2025年末,社会工作专业人才总数达600人;") == [
        ("", "county", "gte", Decimal(600), "人", date(2025, 12, 31))]
    # 兰州: new stations this year (reported) and the total they reach (computed from the stations)
    found = drafts("今年全市将新增设立乡镇(街道)省级社工站22个,总数将达到32个。", issued_on=date(2022, 3, 11))
    assert found == [("", "county", "eq", Decimal(22), "个", date(2022, 12, 31)),
                     ("town_stations_built", "county", "gte", Decimal(32), "个", date(2022, 12, 31))]


def test_a_station_sentence_targets_the_station_tier_the_document_is_about():
    # 福建: "每个站点" in a document about 乡镇(街道)社工站
    text = ("《方案》提出,社工站服务项目的购买主体是县(市、区)民政部门。各乡镇(街道)社工站由承接机构根据合同要求及时、"
            "足额配备驻站社工队伍实施服务项目,原则上每个站点不少于2名社工。")
    assert drafts(text) == [("station_staff", "station_town", "gte", Decimal(2), "名", None)]


def test_status_sentences_are_not_targets():
    # 天山网 (新疆), 江苏 苏政办发〔2022〕60号 (发展基础), 锦州
    assert drafts("截至目前,全疆1056个乡镇(街道)均建立了社工站,其中1025个社工站已开展服务。") == []
    assert drafts("截至2020年末,全省城乡社区综合服务设施覆盖率为100%,85%达到每百户不低于30平方米的标准。",
                  issued_on=date(2022, 7, 23)) == []
    assert drafts("如今,凌河区、太和区已完成全部11个社工站建设,预计到2023年实现全市乡镇(街道)社工站项目建设全覆盖。") == [
        ("town_station_coverage", "town", "present", None, "", date(2023, 12, 31))]


def test_the_nearest_deadline_and_a_plan_period_end():
    # 天山网: "力争在“十四五”末" is the end of 2025
    assert drafts("国家民政部提出,力争在“十四五”末,实现乡镇(街道)社会工作服务站全覆盖。") == [
        ("town_station_coverage", "town", "present", None, "", date(2025, 12, 31))]


def test_the_township_framework_of_the_issue():
    """The framework a new user tried (issue 20's "Why"): station tier, investment, certified share among the
    station's staff, basic coverage and the 30 % of a phase."""
    text = ("一、建设目标\n到2025年底，实现全省乡镇（街道）社工站基本覆盖，村（社区）社会工作服务点逐步建立。\n"
            "二、硬件与制度保障\n配备独立办公用房、活动室、档案柜等基本设备，投资不少于4万元。\n"
            "每站配备不少于2名社工，其中持证人员占比不低于60%。\n"
            "三、实施步骤\n基础建设阶段（2021-2022年）：完成30%乡镇社工站建设，建立基础服务机制。\n")
    assert drafts(text) == [
        ("town_station_coverage", "town", "present", None, "", date(2025, 12, 31)),
        ("station_investment", "station_town", "gte", Decimal(40000), "元", None),
        ("station_staff", "station_town", "gte", Decimal(2), "名", None),
        ("station_certified_share", "station_town", "gte", Decimal(60), "%", None),
        ("town_station_built_share", "county", "gte", Decimal(30), "%", date(2022, 12, 31)),
    ]


def test_a_headline_standing_alone_dates_the_list_of_goals_under_it():
    # 民政事业发展第十三个五年规划 (转载, 数说…——到2020年底前要实现的数字型目标): the list's items have no year
    text = ("數說民政事業發展第十三個五年規劃\n——到2020年底前要實現的數字型目標\n"
            "生活不能自理特困人員集中供養率達到50%\n重特大疾病醫療救助人次占直接救助人次比例達到30%\n"
            "每千名老年人口擁有養老床位數達到35~40張,其中護理型床位比例不低于30%\n")
    end = date(2020, 12, 31)
    assert drafts(text) == [("", "county", "gte", Decimal(50), "%", end), ("", "county", "gte", Decimal(30), "%", end),
                            ("", "county", "gte", Decimal(35), "张/千人", end),
                            ("", "county", "gte", Decimal(30), "%", end)]
    # two goals alike in every field but their words are two targets; a headline said again in the body is one
    assert len(drafts("到2020年底前要实现的目标\n实现节地生态安葬率达到50%以上\n50%以上的居家患者接受社区康复服务\n")) == 2
    assert len(drafts("到2023年实现全市乡镇社工站全覆盖\n力争到2023年实现全市15个乡镇办区社工站全覆盖。")) == 1


def test_goal_counts_with_no_comparator_and_per_mille():
    # 民政事业发展第十三个五年规划: 创建…个, 完成…万家, 新增…万人 are counts to complete; ‰ is its own unit
    text = ("到2020年底前要实现的数字型目标\n創建5000個“全國綜合減災示范社區”\n完成7萬家行業協會商會與行政機關脫鉤\n"
            "社會組織新增就業人數340萬人\n社會工作專業人才占全國總人口的比例達到1‰以上\n")
    end = date(2020, 12, 31)
    assert drafts(text) == [("", "county", "eq", Decimal(5000), "个", end), ("", "county", "eq", Decimal(70000), "家", end),
                            ("", "county", "eq", Decimal(3400000), "人", end), ("", "county", "gte", Decimal(1), "‰", end)]
    # 每个农村社区有1名: a number per unit with no comparator word
    assert drafts("每個城市社區至少有1名社區社會工作專業人才,每個農村社區有1名社區社會工作專業人才") == [
        ("", "urban_community", "gte", Decimal(1), "名", None), ("", "rural_community", "eq", Decimal(1), "名", None)]


def test_per_thousand_denominators_and_a_baseline_is_no_target():
    # 浙江省“十四五”托育服务发展规划 (浙江发布): the age in the noun does not hide the per-thousand ratio
    assert drafts("《规划》提出,到2025年,全省每千人口拥有3岁以下婴幼儿托位数4.5个,普惠托位占比超过60%,") == [
        ("", "county", "gte", Decimal("4.5"), "个/千人", date(2025, 12, 31)),
        ("", "county", "gt", Decimal(60), "%", date(2025, 12, 31))]
    # 大力发展社区便民服务实施方案: "在实现1.5个的基础上" is where the goal starts from
    assert drafts("到2025年,每千人口拥有3岁以下婴幼儿托位数在实现1.5个的基础上,有大幅提高。") == []


def test_shares_of_counties_people_or_organisations_are_not_put_on_communities():
    # 民政“十三五”: a share put first, of counties / of patients / of places; 社区社会组织培育方案: of organisations
    end = date(2020, 12, 31)
    text = ("到2020年底前要实现的数字型目标\n70%以上的縣(市、區)設有精神障礙社區康復機構\n50%以上的居家患者接受社區康復服務\n"
            "健全“一站式”結算服務機制,覆蓋95%以上的地區\n")
    assert drafts(text) == [("", "county", "gte", Decimal(70), "%", end), ("", "county", "gte", Decimal(50), "%", end),
                            ("", "county", "gte", Decimal(95), "%", end)]
    text = ("(二)总体目标\n具体目标包括:社区社会组织数量实现每百户居民拥有1个以上;80%以上的组织具备独立承接社区服务项目的能力;"
            "形成10个以上具有区域影响力的社区社会组织品牌。")
    assert drafts(text) == [("", "community", "gte", Decimal(1), "个/百户", None), ("", "county", "gte", Decimal(80), "%", None),
                            ("", "county", "gte", Decimal(10), "个", None)]
    # 吉林省推进儿童友好城市建设实施方案: a number of pilots to open, with no place: the county's (here the province's)
    assert drafts("到2025年,申报开展2-3个儿童友好城市建设试点。") == [("", "county", "gte", Decimal(2), "个", date(2025, 12, 31))]


def test_an_indicator_is_drafted_only_at_a_level_the_registry_computes_it_at():
    # 民政“十三五”: social work agencies are counted per town (agencies_cultivated); a count of the whole county is
    # reported. No station in the document: 专职工作人员 are not a station's staff.
    text = "到2020年底前要实现的数字型目标\n社會工作服務機構達到1萬家\n縣級以上登記管理機關配齊不少于2名專職工作人員\n"
    end = date(2020, 12, 31)
    assert drafts(text) == [("", "county", "gte", Decimal(10000), "家", end), ("", "county", "gte", Decimal(2), "名", end)]
    # 北京 志愿者意见: the county's participation rate, which the registry computes for towns and communities only
    assert drafts("在三至五年間,本市將力爭實現全市志願者服務參與率達到20%以上。")[0][:2] == ("", "county")


def test_the_corpus_spans_at_least_ten_documents_from_six_provinces_with_sources():
    documents = KEY["documents"]
    assert len(documents) >= 10
    assert len({d["province"] for d in documents.values()}) >= 6
    for code, document in documents.items():
        raw = (policy_corpus.HERE / "documents" / document["file"]).read_text(encoding="utf-8")
        assert raw.startswith(("来源：http", " 眉县", " 淮南")), code


# The figures reported in docs/decisions.md ("Session 26, round 54"): (found, drafted) and (found, expected) of the
# development documents (sets 1–134 among them; sets 132, 133 and 134 were read in round 54), and of held-out sets 135,
# 136 and 137, measured once at their merge in session 26 with round 54's drafter (the same with round 53's).
REPORTED = {"dev": ((2769, 4043), (2769, 4566)), "held out": ((44, 74), (44, 90))}
# The per-set means printed beside them (each development set weighs the same), in tenths of a percent: over every
# development set (all tuned on), and over the sets not read this round (all but sets 132–134, read in round 54).
REPORTED_LOSO = {"per-set mean over 135 development sets (all tuned on)": (653, 585),
                 "mean over the 132 sets not read this round (all but sets 132, 133, 134)": (657, 592)}


def _ratio(line, name):
    found, total = re.search(rf"{name} (\d+)/(\d+)", line).groups()
    return int(found), int(total)


@pytest.fixture(scope="session")
def evaluation(tmp_path_factory, worker_id):
    """What ``draft_targets --evaluate --tuning-set 132 --tuning-set 133 --tuning-set 134`` prints, drafted once in the whole run for
    the tests that read it (about 8 s; 67 s before the drafter kept one OpenCC converter per thread). The xdist
    workers share it through a file under a lock, as xdist documents: a module fixture ran once in each worker (the
    suite's ``xdist_group`` marks group nothing under pytest 9.2, pytest-xdist issue 1386), and again when a worker
    came back to the module."""

    def draft():
        out = io.StringIO()
        call_command("draft_targets", "--evaluate", "--tuning-set", "132", "--tuning-set", "133", "--tuning-set", "134",
                     stdout=out)
        return out.getvalue()

    if worker_id == "master":
        return draft()
    shared = tmp_path_factory.getbasetemp().parent / "corpus-evaluation.txt"
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits, idle, while the first drafts
        if not shared.exists():
            shared.write_text(draft(), encoding="utf-8")
        return shared.read_text(encoding="utf-8")


def test_the_printed_corpus_scores_are_at_or_above_the_reported_ones_on_both_sets(evaluation):
    totals = {line.split(" precision")[0]: line for line in evaluation.splitlines()
              if line.startswith(("dev ", "held out "))}
    for name, (precision, recall) in REPORTED.items():
        found, drafted = _ratio(totals[name], "precision")
        found_r, expected = _ratio(totals[name], "recall")
        assert expected == recall[1], totals[name]  # the answer key is the one reported
        assert found_r >= recall[0], totals[name]
        assert found * precision[1] >= precision[0] * drafted, totals[name]


# What the review page gives a reviewer (docs/decisions.md, "Session 11: the reviewer is shown where the misses
# are"): of the targets quoting their sentence, how many stand in a sentence the page shows (a draft's or one listed
# as not drafted), and how many listed sentences the reviewer reads for it.
REPORTED_AID = {"held out": ((86, 90), 47), "dev": ((4357, 4534), 3015)}


def test_the_review_aid_shows_the_sentences_of_the_targets_at_or_above_the_reported_share(evaluation):
    for name, ((shown, quoting), listed) in REPORTED_AID.items():
        line = next(line for line in evaluation.splitlines() if line.startswith(f"review aid, {name}: "))
        found, total = map(int, re.search(r"(\d+)/(\d+) targets quoting their sentence", line).groups())
        assert total == quoting and found >= shown, line
        # the list stays a list to read, not the whole text: at most a tenth more sentences than reported
        assert int(re.search(r"(\d+) sentences listed", line).group(1)) <= listed * 1.1, line


# The form that adds a missed target from a sentence starts from a reading of one of its figures (session 20): of the
# missed targets standing in a listed sentence, and of those standing in a draft's sentence (added from the draft's
# card), how many a reading gives right on the issue's fields, of how many. Held out: sets 135, 136 and 137 as round
# 55 left them, having read them (measured once at their merge in session 26: 3/27, 4/15).
REPORTED_ADD_FORM = {"held out": ((3, 27), (3, 11)), "dev": ((214, 653), (223, 1019))}


def test_the_add_forms_readings_fill_in_missed_targets_at_or_above_the_reported_share(evaluation):
    for name, ((right, standing), (again, in_drafted)) in REPORTED_ADD_FORM.items():
        line = next(line for line in evaluation.splitlines() if line.startswith(f"add form, {name}: "))
        found, total, first, found_again, total_again = map(int, re.search(
            r"(\d+)/(\d+) missed targets .* \((\d+) from its first\); (\d+)/(\d+) standing in a draft's", line).groups())
        assert total == standing and found >= right and first <= found, line
        assert total_again == in_drafted and found_again >= again, line


def test_the_per_set_means_are_printed_labelled_for_what_they_are_and_at_or_above_the_reported_ones(evaluation):
    lines = evaluation.splitlines()
    assert len([line for line in lines if line.startswith("  development set ")]) == 135
    for name, (precision, recall) in REPORTED_LOSO.items():
        line = next(line for line in lines if line.startswith(name))
        mean_p, mean_r = (round(float(x) * 10) for x in re.findall(r"mean (?:precision|recall) ([\d.]+)%", line))
        assert mean_p >= precision and mean_r >= recall, line
    # every development set has been tuned on: no line calls their mean a held-out ("leave-one-set-out") figure
    assert not [line for line in lines if "leave-one-set-out" in line]
    # the sets read this round may be several, named as they were given
    from wulian.management.commands.draft_targets import leave_one_set_out

    development = {9: [1, 2, 4], 10: [2, 2, 2], 11: [3, 4, 4], 12: [0, 1, 2]}  # found, drafted, expected
    assert leave_one_set_out(development, [10, 9])[-1] == (
        "mean over the 2 sets not read this round (all but sets 9, 10): mean precision 37.5%, mean recall 37.5%, "
        "worst recall set 12")


def test_the_held_out_set_is_fresh_large_enough_and_recorded_in_the_corpus():
    # Session 9 ran eight rounds: in each, one engineer tuned on the sets measured last while two others froze the
    # next ones. Measured once at their merge: sets 16+17 25/62, 25/62; 18+19 18/40, 18/76; 20+21 80/119, 80/145;
    # 22+23 19/53, 19/94; 24+25 22/44, 22/74; 26+27 12/41, 12/56; 28+29 14/91, 14/92; 30+31 14/57, 14/77 (36/57,
    # 36/77 on the issue's fields). Session 10, the same way: sets 32+33 14/33, 14/63 (15/33, 15/63 on the issue's
    # fields); sets 34–37 33/84, 33/101 (34/84, 34/101); sets 38+39 45/85, 45/84
    # (46/85, 46/84 on the issue's fields); sets 40+41 21/36, 21/46 (the same on the issue's fields). Session 11 tuned
    # nothing before sets 42+43 were measured, 31/82, 31/71 (the same on the issue's fields); round 13 read them, and
    # sets 44 and 45 were measured once, 20/49, 20/65 (21/49, 21/65 on the issue's fields). Session 12 tuned nothing:
    # sets 46 and 47 measured once, 22/65, 22/50 (the same on the issue's fields); round 14 read them, and sets 48 and
    # 49 measured once, 20/43, 20/38 (the same on the issue's fields). Session 13: round 15 read sets 48 and 49, and
    # sets 50 and 51 were measured once, 19/48, 19/45 (the same on the issue's fields, and the same with the drafter
    # before round 15); round 16 read them, and sets 52 and 53 were measured once, 26/98, 26/55 (the same on the
    # issue's fields; 26/100, 26/55 with the drafters of rounds 14 and 15); round 17 read them, and sets 54 and 55 were
    # measured once, 31/52, 31/54 (the same on the issue's fields; 31/71, 31/54 with round 16's); round 18 read them,
    # and sets 56 and 57 were measured once, 17/123, 17/43 (the same on the issue's fields and with round 17's
    # drafter); round 19 read them, and sets 58 and 59 were measured once, 40/70, 40/67 (the same on the issue's fields
    # and with round 18's drafter); round 20 read them, and sets 60 and 61 were measured once, 16/44, 16/42 (the same
    # on the issue's fields and with round 19's drafter). Session 14: round 21 read them, and sets 62 and 63 were
    # measured once, 25/47, 25/44 (the same on the issue's fields; 26/48, 26/44 with round 20's drafter); round 22 read
    # them, and sets 64 and 65 were measured once, 12/34, 12/44 (14/34, 14/44 on the issue's fields; the same with
    # round 21's drafter); round 23 read them, and sets 66 and 67 were measured once, 17/35, 17/35 (the same on the
    # issue's fields and with round 22's drafter); round 24 read them, and sets 68 and 69 were measured once, 30/43,
    # 30/46 (the same on the issue's fields and with round 23's drafter). Session 15: round 25 read them, and sets 70
    # and 71 were measured once, 47/74, 47/78 (51/74, 51/78 on the issue's fields; the same with round 24's drafter);
    # round 26 read them, and sets 72 and 73 were measured once, 35/90, 35/92 as first frozen and 44/90, 44/92 once 29
    # units were corrected, format only (45/90, 45/92 on the issue's fields; the same with round 25's drafter); round
    # 27 read them, and sets 74 and 75 were measured once, 38/79, 38/84 (43/79, 43/84 on the issue's fields; the same
    # with round 26's drafter); round 28 read them, and sets 76 and 77 were measured once, 51/100, 51/105 (the same on
    # the issue's fields and with round 27's drafter); round 29 read them, and sets 78 and 79 were measured once, 34/76,
    # 34/83 (38/76, 38/83 on the issue's fields; with round 28's drafter 34/76, 34/83 and 36/76, 36/83); round 30 read
    # them, and sets 80 and 81 were measured once, 24/44, 24/51 (the same on the issue's fields and with round 29's
    # drafter); round 31 (session 16) read them, and sets 82 and 83 were measured once, 24/75, 24/71 (the same on the
    # issue's fields and with round 30's drafter); round 32 read them, and sets 84 and 85 were measured once, 25/57,
    # 25/69 (the same on the issue's fields and with round 31's drafter); round 33 read them, and sets 86 and 87 were
    # measured once, 42/77, 42/77 (43/77, 43/77 on the issue's fields; the same with round 32's drafter); round 34 read
    # them, and sets 88 and 89 were measured once, 26/79, 26/68 (27/79, 27/68 on the issue's fields; the same with
    # round 33's drafter); round 35 (session 17) read them, and sets 90 and 91 were measured once, 19/44, 19/66 (21/44,
    # 21/66 on the issue's fields; the same with round 34's drafter); round 36 read them, and sets 92 and 93 were
    # measured once, 14/40, 14/49 (the same on the issue's fields and with round 35's drafter); round 37 read them, and
    # sets 94 and 95 were measured once, 20/72, 20/74 (the same on the issue's fields and with round 36's drafter);
    # round 38 (session 18) read them and kept no rule (the one tried lost development targets), and sets 96 and 97
    # were measured once with round 37's drafter, 16/27, 16/45 (the same on the issue's fields); round 39 read sets
    # 94–97, and sets 98 and 99 were measured once, 19/69, 19/91 (25/69, 25/91 on the issue's fields; the same with
    # round 37's drafter); round 40 read them, and sets 100 and 101 were measured once, 17/36, 17/52 (the same on the
    # issue's fields and with round 39's drafter); round 41 read them, and sets 102 and 103 were measured once,
    # 13/41, 13/67 (the same on the issue's fields and with round 40's drafter). Session 21 read them and changed no
    # rule (a genre of single welfare-home projects in local news), and sets 104 and 105 were measured once, 9/26, 9/45
    # (the same on the issue's fields); round 42 read sets 102–105, and sets 106 and 107 were measured once, 26/80,
    # 26/124 (27/80, 27/124 on the issue's fields; the same with round 41's drafter). Session 22: round 43 read them,
    # and sets 108 and 109 were measured once, 12/33, 12/56 (13/33, 13/56 on the issue's fields; the same with round
    # 42's drafter, which measured the first 8 of their 17 documents before round 43 began: 6/16, 6/35). Session 23:
    # round 44 read development sets 85 and 106, and sets 110 and 111 were measured once, 22/47, 22/104 (25/47, 25/104
    # on the issue's fields; the same with round 43's drafter). Session 24: round 45 read them, and sets 112 and 113
    # were measured once, 9/37, 9/71 (the same on the issue's fields and with round 44's drafter); round 46 read them,
    # and sets 114 and 115 were measured once, 13/36, 13/64 (14/36, 14/64 on the issue's fields; the same with round
    # 45's drafter); round 47 read them, and sets 116 and 117 were measured once, 17/42, 17/72 (the same on the issue's
    # fields and with round 46's drafter); round 48 read them and kept no drafting rule, and sets 118 and 119 were
    # measured once, 6/15, 6/34 (8/15, 8/34 on the issue's fields; the same with round 47's drafter). Session 25: round
    # 49 read them, and sets 120, 121 and 122 were measured once, 13/41, 13/83 (the same on the issue's fields and with
    # round 48's drafter); round 50 read them, and sets 123, 124 and 125 were measured once, 23/58, 23/62 (the same on
    # the issue's fields and with round 49's drafter); round 51 read them, and sets 126, 127 and 128 were measured
    # once, 16/35, 16/65 (17/35, 17/65 on the issue's fields; the same with round 50's). Session 26: round 52 read
    # them, and sets 129, 130 and 131 were measured once, 38/71, 38/88 (39/71, 39/88 on the issue's fields; the same
    # with round 51's drafter; 41/75, 41/98 before five documents were left out); round 53 read them, and sets 132, 133
    # and 134 were measured once, 25/66, 25/104 (the same on the issue's fields and with round 52's drafter); round 54
    # read them, and sets 135, 136 and 137 are the held-out sets now, measured once, 44/74, 44/90 (REPORTED; the same
    # on the issue's fields and with round 53's drafter).
    held = {c: d for c, d in KEY["documents"].items() if d.get("held_out")}
    assert {d.get("held_out_set") for d in held.values()} == {135, 136, 137}
    # 11 documents in session 14's second pair, 9 in its third, 11 in its fourth (20, 25, 19, 24, 18 and 18 in
    # session 15's, 20, 20, 19 and 18 in session 16's, 21, 19 and 18 in session 17's, 12, 20, 16 and 20 in session
    # 18's, 6, 8, 12 and 11 in session 21's, 11 and 6 in session 22's, 12 and 10 in session 23's, 12 and 6 in session
    # 24's, where six documents of 一刻钟便民生活圈 plans, a commerce department's programme, were left out, then 13
    # and 13, where 甘肃's 村规民约 opinion, copying the national one, was left out, then 11 and 12, then 5 and 9; 12, 10
    # and 11 in session 25's first three sets, where a report quoting the national 十四五 plan's 婚姻家庭辅导 passage
    # and a plan stored only to its preface, which shared the common opening of another, were left out; 10, 9 and 7 in
    # its second three, where a plan stored before its figures, sharing the national notice's citation, and a 发改委's
    # approval of a building's feasibility study were left out; 12, 1 and 7 in its third, where a 文明办's and three
    # party organisations' documents and a trust founders' goal were left out on their issuers; 12, 12 and 7 in
    # session 26's, where a second copy of 河北's 精康融合 plan, 甘肃's 村规民约 opinion again and four 便民生活圈
    # documents of commerce departments, three of them the ones left out in session 24, were left out; then 12, 12
    # and 11, where a passage of the national definition of 事实无人抚养儿童 was cut; then 3, 10 and 11, where the
    # second freezer's copy of 上海's 2026年民政工作要点 was left out — the store held almost no 十五五 plan
    # with its goals): two
    # freezers searching some 60 queries each found no more not read yet (the search tool's store of civil-affairs
    # documents with goal figures is nearly exhausted)
    assert len(held) >= 9
    # one target is not 3 points: 42 in session 13's sixth pair, 44, 44, 35 and 46 in session 14's, 78, 92, 84, 105,
    # 83 and 51 in session 15's, 71, 69, 77 and 68 in session 16's, 66, 49 and 74 in session 17's, 45, 91, 52 and 67
    # in session 18's, 45 and 124 in session 21's, 56 in session 22's, 104 in session 23's, 71, 64, 72 and 34 in
    # session 24's (its last pair: two freezers given any civil-affairs theme of a county's found 14 documents not read
    # yet, most of the store's being in the corpus), 83, 62 and 65 in session 25's three triples (40, 23 and 20; 31,
    # 13 and 18; 35, 0 and 30), 88, 104 and 90 in session 26's (29, 37 and 22; 30, 37 and 37; 7, 33 and 50)
    assert len([t for t in KEY["targets"] if t["document"] in held]) >= 30
    assert len({d["province"] for d in held.values()} - {"全国", "不明"}) >= 6
    # the earlier held-out sets were read while tuning: they are development documents now, and say so
    assert {d["was_held_out_set"] for d in KEY["documents"].values() if "was_held_out_set" in d} == set(range(1, 135))


# --- session 3: rules learnt on the development documents (sentences as the documents write them) -------------


def test_counts_in_wan_and_a_second_figure_with_no_subject_of_its_own():
    # 社会工作蓝皮书 (清流社工网): status first, then the plan's goals; 《国家中长期人才发展规划纲要》
    text = ("据日前发布的社会工作蓝皮书显示,我国的专业社会工作人才已达30万人,其中通过考试持证的社会工作专业人才已超过8万人。"
            "根据《社会工作专业人才队伍建设中长期规划(2011-2020年)》,到2015年,我国社会工作专业人才总量将增加到50万人,"
            "到2020年,社会工作专业人才总量将增加到145万人。")
    assert drafts(text, issued_on=date(2013, 10, 9)) == [
        ("", "county", "gte", Decimal(500000), "人", date(2015, 12, 31)),
        ("", "county", "gte", Decimal(1450000), "人", date(2020, 12, 31))]
    assert drafts("到2015年,社会工作人才总量要达到200万人,到2020年,要达到300万人。") == [
        ("", "county", "gte", Decimal(2000000), "人", date(2015, 12, 31)),
        ("", "county", "gte", Decimal(3000000), "人", date(2020, 12, 31))]


def test_a_goal_list_keeps_its_items_apart():
    # 陇南市“十四五”城乡社区服务体系建设规划: "(≥10%)", "为≥60%", two coverages of one sentence, 每个村
    text = ("到2025年农村社区综合服务设施覆盖率为100%、城市社区综合服务设施覆盖率为100%、社区商业和综合服务设施面积占"
            "社区总建筑面积的比例力争完成省定目标(≥10%)、居民活动区域面积占社区综合服务设施总建筑面积比例为≥60%、"
            "城市社区政务通用自助服务一体机覆盖率为100%、每个村社会组织数量为7个。")
    end = date(2025, 12, 31)
    assert drafts(text) == [
        ("", "rural_community", "present", None, "", end), ("", "urban_community", "present", None, "", end),
        ("", "community", "gte", Decimal(10), "%", end), ("", "community", "gte", Decimal(60), "%", end),
        ("", "urban_community", "present", None, "", end),
        ("orgs_per_community", "rural_community", "gte", Decimal(7), "个", end)]


def test_ratios_per_person_and_per_household_and_rates_that_name_no_place():
    # 大力发展社区便民服务实施方案 (a province's 十四五 public-service targets)
    text = ("到2025年,九年义务教育巩固率达到97%,每万人口全科医生数为3.93人,有集中供养意愿的特困人员集中供养率达到100%,"
            "每万人接受公共文化设施服务1.8万次,人均公共体育场地面积达到3.15平方米。\n"
            "新建住宅小区按每户0.3平方米的标准配建社区服务设施用房。")  # a standard, in a paragraph of its own
    end = date(2025, 12, 31)
    assert drafts(text) == [
        ("", "county", "gte", Decimal(97), "%", end), ("", "county", "gte", Decimal("3.93"), "人/万人", end),
        ("", "county", "present", None, "", end), ("", "county", "gte", Decimal(18000), "次/万人", end),
        ("", "county", "gte", Decimal("3.15"), "平方米/人", end),
        ("", "community", "eq", Decimal("0.3"), "平方米/户", None)]  # per household: the community's (the key's level)


def test_two_rates_sharing_one_figure_and_coverage_of_all_communities():
    # 攀枝花市“十三五”城乡社区服务体系规划
    found = drafts("力争到2020年,实现城市社区综合服务设施覆盖率和面积达标率达到100%,农村社区综合服务设施覆盖率达到50%;"
                   "基本公共服务项目覆盖所有城乡社区;")
    end = date(2020, 12, 31)
    assert found == [("", "urban_community", "present", None, "", end), ("", "urban_community", "present", None, "", end),
                     ("", "rural_community", "gte", Decimal(50), "%", end), ("", "community", "present", None, "", end)]


def test_a_plans_figures_with_no_year_fall_due_at_the_plans_end_unless_kept_up():
    # 海南省社会工作人才队伍建设中长期规划(2011-2020年) (report); 邢台 “十四五” 规划 (report)
    text = ("海南:城市每个社区将配备5名社工\n由省委组织部等11部门联合印发的《海南省社会工作人才队伍建设中长期规划(2011-2020年)》"
            "(以下简称《规划》)提出,城市社区将按每个社区5名社工比例逐步配备社会工作人才。")
    assert drafts(text) == [("", "urban_community", "eq", Decimal(5), "名", date(2020, 12, 31))]
    text = "邢台市城乡社区服务体系建设“十四五”规划\n《规划》提出,持续巩固城市社区综合服务设施覆盖率100%。"
    assert drafts(text) == [("", "urban_community", "present", None, "", None)]


def test_what_a_report_tells_of_a_past_year_or_after_a_count_is_status():
    # 锦州 (a report of 2022 on 2021), 山东 志愿者 (大众日报)
    text = ("2021年,锦州市民政局确定凌河区为锦州市2021年社工站建设试点地区。作为全市率先开展社工站建设试点区,"
            "凌河区通过政府购买服务方式,为每个街道社工站配备2名社工。")
    assert drafts(text, issued_on=date(2022, 3, 15)) == []
    text = ("截至2021年底,全省共有社区综合服务设施65922个,其中设置志愿服务站点59846个,并建立相应的管理制度。"
            "志愿服务站点在社区综合服务设施中的覆盖比例达90.78%,大大超过了民政部要求的60%的目标。")
    assert drafts(text, issued_on=date(2022, 1, 10)) == []


# --- session 3, second round: rules learnt on set 3's documents once they joined the development set --------------


def test_any_measure_word_is_a_unit_and_a_range_is_its_lower_end():
    # 半岛都市报 (青岛) on the ten departments' notice: beds (张) per 千 older people, a range "35张~40张", a second
    # figure with no subject of its own keeps the first's denominator, "占25%", 5万张 → 50000 张
    assert drafts("要求到2015年,每千名老年人拥有养老床位数达30张,到2020年达35张~40张。") == [
        ("", "county", "gte", Decimal(30), "张/千人", date(2015, 12, 31)),
        ("", "county", "gte", Decimal(35), "张/千人", date(2020, 12, 31))]
    assert drafts("通知要求到2015年,医疗卫生机构每千人口病床数(含住院护理)达到4.97张,到2020年达到6张,"
                  "非公立医疗机构床位数占25%。") == [
        ("", "county", "gte", Decimal("4.97"), "张/千人", date(2015, 12, 31)),
        ("", "county", "gte", Decimal(6), "张/千人", date(2020, 12, 31)),
        ("", "county", "gte", Decimal(25), "%", date(2020, 12, 31))]
    # "约 30张" is what the city has; the goal is the 5万张 of 2015
    assert drafts("本市每千名老人拥有床位约 30张,到2015年,全市养老机构床位将达5万张。") == [
        ("", "county", "gte", Decimal(50000), "张", date(2015, 12, 31))]
    # 中宁: "打造2至4个示范…社会工作站" is at least 2
    (found,) = drafts("下一步,中宁县将组建乡镇社会工作站督导团队,并着重打造2至4个示范乡镇社会工作站。")
    assert found[1:5] == ("county", "gte", Decimal(2), "个")


def test_goal_counts_with_no_comparator_and_shares_of_communities_covered():
    # 青岛: "将建设…520个" (the count closes its clause), "覆盖 100% 的城市社区和50%的农村社区"
    assert drafts("今明两年,岛城将建设社区日间照料中心520个,到2015年,社区日间照料服务覆盖 100% 的城市社区和50%的农村社区。") == [
        ("", "county", "eq", Decimal(520), "个", date(2015, 12, 31)),
        ("", "urban_community", "present", None, "", date(2015, 12, 31)),
        ("", "rural_community", "gte", Decimal(50), "%", date(2015, 12, 31))]


def test_a_goal_sentence_after_a_status_word_and_a_span_of_years():
    # 濮阳: 以来 is no status when 确保 follows; "用3年时间" from the year of issue; "共89个" is the total, the
    # 31个乡、44个镇、14个街道 before it its parts
    text = ("今年以来,我市率先在全省出台《濮阳市乡镇(街道)社会工作服务站项目实事方案(试行)》,大力推进乡镇(街道)社会工作服务站"
            "建设,确保用3年时间,完成全市31个乡、44个镇、14个街道,共89个社会工作服务站项目建设任务,实现“一县(区)一中心,"
            "一乡镇(街道)一站点,村(社区)社工服务全覆盖”的工作目标。")
    end = date(2023, 12, 31)
    assert drafts(text, issued_on=date(2021, 6, 7)) == [
        ("town_stations_built", "county", "eq", Decimal(89), "个", end), ("", "county", "present", None, "", end),
        ("town_station_coverage", "town", "present", None, "", end), ("", "community", "present", None, "", end)]


def test_the_later_deadline_of_a_clause_and_respectively_urban_and_rural():
    # 南通: 到“十二五”期末 after 到2012年底; "城乡社区…分别达…的15%和10%以上"
    found = drafts("到2012年底,每个城市社区拥有10个以上、农村社区拥有6个以上公益服务质量较好的社会组织;"
                   "到“十二五”期末,每个城市社区拥有12个以上、农村社区拥有8个以上社会组织。")
    assert [(f[1], f[3], f[5]) for f in found] == [
        ("urban_community", Decimal(10), date(2012, 12, 31)), ("rural_community", Decimal(6), date(2012, 12, 31)),
        ("urban_community", Decimal(12), date(2015, 12, 31)), ("rural_community", Decimal(8), date(2015, 12, 31))]
    assert drafts("不断壮大社区志愿者队伍,使全市城乡社区志愿者注册率分别达居(村)民人口的15%和10%以上。") == [
        ("volunteer_registration_rate", "urban_community", "gte", Decimal(15), "%", None),
        ("volunteer_registration_rate", "rural_community", "gte", Decimal(10), "%", None)]


def test_a_kind_of_community_after_the_province_and_every_place_having_a_thing():
    # 湖北省民政厅: 全省 before 农村社区…覆盖率达到90% is the rural communities' rate
    assert drafts("《规划》明确,到2025年,全省农村社区综合服务设施覆盖率达到90%、城市社区综合服务设施覆盖率达到100%。") == [
        ("", "rural_community", "gte", Decimal(90), "%", date(2025, 12, 31)),
        ("", "urban_community", "present", None, "", date(2025, 12, 31))]
    # 京华时报 (十部门通知): 每个社区都要有…, 每个行政村都有…
    assert drafts("到2020年,每个社区都要有便捷的体育健身设施,每个行政村都有适合老年人的农民体育健身设施。") == [
        ("", "community", "present", None, "", date(2020, 12, 31)),
        ("", "rural_community", "present", None, "", date(2020, 12, 31))]
    # 巴中: 乡镇(街道)社工服务全覆盖 is the town stations' coverage
    assert drafts("运行2-3年成熟后,再将服务内容拓展到其他部门,实现乡镇(街道)社工服务全覆盖。") == [
        ("town_station_coverage", "town", "present", None, "", None)]


def test_a_dated_event_is_status():
    # 湖南 (期刊摘要): "2019年12月,全省1940个乡镇(街道)社工站全覆盖" tells what happened; “禾计划” is a name
    assert drafts("2018年5月,湖南省启动“禾计划”.2019年12月,全省1940个乡镇(街道)社工站全覆盖,"
                  "如此大规模、大力度的推动在全国并不多见。") == []


# --- session 5 (h20e): rules learnt on set 5's documents once they joined the development set -------------------


def test_a_sentence_announcing_the_goals_dates_the_paragraphs_after_it():
    # 泉州市“十三五”民政事业发展专项规划 (泉州网): the announcement ends in 。, the goals follow under short headings
    text = ("日前出炉的《泉州市“十三五”民政事业发展专项规划》,提出了当前至2020年,泉州市社会救助保障、民政公共服务、"
            "社区建设治理等领域的主要发展目标。\n\n养老服务体系\n\n每千名老人拥有养老床位数35张以上,"
            "护理型床位占养老机构床位30%以上,养老服务设施覆盖所有城市社区和60%以上的建制村。\n\n社区组织建设\n\n"
            "农村社区建设示范点覆盖率不低于10%。\n\n  全市每万人拥有社会组织不低于10个,服务社会能力明显提升。\n\n"
            "社会工作专业人才达1800人,社会民办机构达50家,人才培养、使用、评价和激励机制更加完善。")
    end = date(2020, 12, 31)
    found = drafts(text, issued_on=date(2016, 12, 1))
    assert ("", "county", "gte", Decimal(35), "张/千人", end) in found
    assert ("", "rural_community", "gte", Decimal(10), "%", end) in found
    assert ("", "county", "gte", Decimal(10), "个/万人", end) in found
    # a count that names its own subject and no place is the county's, not the 农村社区 of the sentence before
    assert ("", "county", "gte", Decimal(1800), "人", end) in found
    assert ("", "county", "gte", Decimal(50), "家", end) in found
    # no deadline without the announcement; and with no word of aim at all the figures reached are status (round 2)
    assert drafts("社会工作专业人才力争达1800人,社会民办机构达50家。") == [
        ("", "county", "gte", Decimal(1800), "人", None), ("", "county", "gte", Decimal(50), "家", None)]
    assert drafts("社会工作专业人才达1800人,社会民办机构达50家。") == []


def test_counts_listed_after_one_verb_planned_counts_and_a_task_to_complete():
    # 天津推进老年助餐服务提质增效 (今晚报, traditional characters as reposted)
    text = ("今年天津市繼續(xù)推進(jìn)社區(qū)嵌入式養(yǎng)老服務(wù)設(shè)施建設(shè),計(jì)劃新建社區(qū)型養(yǎng)老服務(wù)綜合體"
            "(農(nóng)村幸福院)30個(gè)、老年人認(rèn)知障礙照護(hù)專區(qū)10個(gè)、智慧化養(yǎng)老服務(wù)綜合體(養(yǎng)老院)10個(gè)。")
    end = date(2025, 12, 31)
    assert drafts(text, issued_on=date(2025, 3, 1)) == [
        ("", "county", "eq", Decimal(30), "个", end), ("", "county", "eq", Decimal(10), "个", end),
        ("", "county", "eq", Decimal(10), "个", end)]
    # 重庆 (新华社): the plan's count has no date; "今年拟建" is this year's; a "；" ends what a later date covers
    text = ("据介绍,重庆现有226个街道,计划建设街道养老服务中心220个,覆盖率可达97.3%;今年拟建132个街道养老服务中心,"
            "目前已验收合格4个,正在施工建设52个。")
    assert drafts(text, issued_on=date(2020, 5, 24)) == [
        ("", "county", "eq", Decimal(220), "个", None), ("", "town", "gte", Decimal("97.3"), "%", None),
        ("", "county", "eq", Decimal(132), "个", date(2020, 12, 31))]
    # 山西 老龄工作实施意见 (报道): "在2025年年底前,基本完成…7701个…任务"
    text = ("意见指出,山西将在2025年年底前,基本完成全省7701个城镇老旧小区改造任务,新建城区、新建居住区实现配套建设"
            "养老服务设施全覆盖。")
    assert ("", "county", "eq", Decimal(7701), "个", date(2025, 12, 31)) in drafts(text, issued_on=date(2023, 1, 1))
    # 濮阳: "确保完成全年…27所…建设任务" is this year's task, not a yearly one
    text = "加大全市社会工作站建设推进力度,确保完成全年全市27所乡镇(街道)社会工作服务站建设任务。"
    assert drafts(text, issued_on=date(2021, 6, 7)) == [("", "county", "eq", Decimal(27), "所", date(2021, 12, 31))]
    # a coverage phrase that names a meeting is no goal
    assert drafts("记者从近日举行的重庆市推进社区养老服务全覆盖工作视频会议上获悉。") == []


def test_a_share_put_first_and_a_count_added_in_a_list_of_goals():
    # 天津市促进养老服务发展三年行动方案(2019—2021年) (报道, traditional characters)
    text = ("到2021年,我市要實現以下發展目標:一是老年人健康生活水準明顯提升。97%的老年人享受優質便捷居家養老服務。"
            "老年日間照料服務中心(以下簡稱照料中心)增加300個。")
    end = date(2021, 12, 31)
    assert drafts(text, issued_on=date(2019, 10, 17)) == [
        ("", "county", "gte", Decimal(97), "%", end), ("", "county", "eq", Decimal(300), "个", end)]
    # outside a list of goals a share put first is a report, not a target
    assert drafts("97%的老年人享受優質便捷居家養老服務。") == []


def test_a_year_with_all_or_at_year_end_dates_a_goal_and_a_part_keeps_its_kind_of_community():
    # 民政部支持内蒙古民政事业发展的文件 六、(十六)
    text = ("鼓励内蒙古加快城镇社区建设,使城镇社区办公和居民活动场所面积在2012年全部达到300平方米以上,"
            "其中新建社区面积不低于500平方米,60%以上的城市社区建成信息化网络平台。"
            "支持内蒙古到2015年在各苏木(乡镇)、街道建立面积不低于500平米的“一站式”社区服务中心,建设3000个农村牧区社区。")
    found = drafts(text)
    y2012 = date(2012, 12, 31)
    assert found[:3] == [("", "urban_community", "gte", Decimal(300), "平方米", y2012),
                         ("", "urban_community", "gte", Decimal(500), "平方米", y2012),
                         ("", "urban_community", "gte", Decimal(60), "%", y2012)]
    assert ("", "county", "eq", Decimal(3000), "个", date(2015, 12, 31)) in found


def test_status_at_a_past_plans_end_and_a_figure_naming_its_own_subject():
    # 云南省社会工作推进会 (云南日报, 2016)
    text = ("截至“十二五”末,全省社会工作专业人才总数达4.8万人,其中持证社工2766人。"
            "力争到“十三五”末,全省社会工作专业人才总量达7万人、每个城乡社区至少配备1名社会工作专业人才,"
            "民办社会工作服务机构数量达到1000家。")
    end = date(2020, 12, 31)
    assert drafts(text, issued_on=date(2016, 11, 30)) == [
        ("", "county", "gte", Decimal(70000), "人", end), ("", "community", "gte", Decimal(1), "名", end),
        ("", "county", "gte", Decimal(1000), "家", end)]


def test_a_part_of_a_figure_district_classes_and_a_population_projection():
    # 上海市养老服务设施布局专项规划 (中国社会报, traditional): 其中/且 parts are the city's; class figures left out
    text = ("《規劃》提出,上海到2025年建成不少于17.8萬張養老床位,其中護理型床位占比不小于60%,"
            "且包含至少1.5萬張認知障礙老年人照護床位。\n在居家社區養老服務設施方面,根據各區常住老年人口占總人口的比重不同,"
            "到2025年,一類、二類、三類區常住人口每千人居家社區養老服務設施建筑面積分別達到55平方米、50平方米、45平方米。")
    end = date(2025, 12, 31)
    assert drafts(text) == [("", "county", "gte", Decimal(178000), "张", end),
                            ("", "county", "gte", Decimal(60), "%", end),
                            ("", "county", "gte", Decimal(15000), "张", end)]
    # 武汉市促进养老托育服务高质量发展实施方案 (楚天都市报, traditional)
    wuhan = ("武漢市發改委社會處負責人介紹,預計到“十四五”末,武漢市60歲及以上人口占全市人口比重將突破20%,"
             "其中65歲及以上人口超過14%,武漢市將進入深度老齡化社會。\n"
             "方案提出,到2025年,武漢全市養老機構床位總數將達到6萬張,其中普惠性養老床位將超過2.1萬張。\n"
             "每個區建設1至3家醫養融合康復服務中心。\n"
             "新建城區、新建居住區配套建設養老服務設施達標率、社區養老服務設施覆蓋率均達到100%。\n"
             "方案還提出,2025年后,武漢全市每千人口擁有3歲以下嬰幼兒托位數將達到4.5個,普惠性托位占比不低于60%。")
    found = drafts(wuhan, issued_on=date(2022, 12, 28))
    assert not [d for d in found if d[3] in (Decimal(20), Decimal(14))]  # the projection
    assert ("", "county", "gt", Decimal(21000), "张", end) in found
    assert ("", "county", "gte", Decimal(1), "家", None) in found  # 每个区: each district of the city
    assert ("", "community", "present", None, "", None) in found  # …覆盖率均达到100%
    assert ("", "county", "gte", Decimal("4.5"), "个/千人", end) in found  # 2025年后
    assert ("", "county", "gte", Decimal(60), "%", end) in found


def test_a_share_of_the_population_and_a_share_aimed_at_with_no_comparator():
    # 深圳 志愿者之城 决定 (新华社 2011): a share of the residents, the population between 达到 and the figure
    shenzhen = ("深圳市委市政府发布《关于建设“志愿者之城”的决定(征求意见稿)》提出,"
                "“到2015年全市志愿者人数达到常住人口的10%”的量化指标。")
    assert drafts(shenzhen) == [("", "county", "gte", Decimal(10), "%", date(2015, 12, 31))]
    # 深圳 志愿者之城建设目标指引 (中国日报 2012): a share put first after 力争
    assert ("", "county", "gte", Decimal(20), "%", date(2015, 12, 31)) in drafts(
        "指引预计到2015年深圳市参与志愿服务的社会组织将达到1000个,到2015年,力争20%的市民接受过志愿服务。")
    # 学雷锋志愿服务示范社区 条件 (traditional): 占…比例 with no comparator word; 类 is a unit
    model = ("2.大力弘揚志愿精神,社區(qū)志愿服務(wù)氛圍濃厚,注冊志愿者人數(shù)占社區(qū)常住人口的比例10%。\n"
             "5.開展的志愿服務(wù)活動類別不少于3類,組建的志愿服務(wù)隊伍不少于2支。")
    found = drafts(model)
    assert ("volunteer_registration_rate", "community", "gte", Decimal(10), "%", None) in found
    assert [d[3:5] for d in found if d[4] in ("类", "支")] == [(Decimal(3), "类"), (Decimal(2), "支")]


def test_about_a_total_and_a_count_raised_to():
    # “十四五”公共服务规划 (新华网, traditional): 总量约… is a floor
    assert ("", "county", "gte", Decimal(10000000), "张", None) in drafts(
        "在老有所養方面,養老機構護理型床位占比達55%,基本養老保險參保率達95%,養老服務床位總量約1000萬張。")
    # 成都 社区公益慈善平台 (四川日报): 拓展到 is a raise to
    assert ("", "county", "gte", Decimal(1000), "只", None) in drafts(
        "共同努力提升现有的300余只社区存量基金质量,通过一到两年的努力,将全市社区基金拓展到1000只。")
    # 上海 养老服务设施布局规划: "每天约25万人次" is not cut at 约
    assert not [d for d in drafts("社區老年助餐服務供應能力達到每天約25萬人次。") if d[4] == "人次"]


def test_every_town_building_its_station_and_coverage_written_as_100_percent():
    # 梅州 双百工程 工作方案 (蕉岭县政府网 2021-04-15)
    meizhou = ("我市将以“统筹规划、合理布局、以点带面、循序渐进、全面覆盖”为原则,分步推进社会工作服务站(点)建设。"
               "今年底前,全市114个镇(街)全面建成社会工作服务站;2022年底前,全市村(社区)全面建成社会工作服务点,"
               "全市社工岗位设置总量至少达到2482个。")
    assert drafts(meizhou, issued_on=date(2021, 4, 15)) == [
        ("town_station_coverage", "town", "present", None, "", date(2021, 12, 31)),
        ("", "community", "present", None, "", date(2022, 12, 31)),
        ("", "county", "gte", Decimal(2482), "个", date(2022, 12, 31))]  # posts, not stations; a principle is no goal
    # 广东 双百工程 通知 (导语): the stations' coverage is the towns', the groups' service the county's
    assert drafts("用两年时间实现全省社会工作服务站(点)100%覆盖、困难群众和特殊群体社会工作服务100%覆盖,"
                  "打通为民服务“最后一米”。") == [("town_station_coverage", "town", "present", None, "", None),
                                                   ("", "county", "present", None, "", None)]


def test_what_a_report_shows_marks_or_did_in_past_years_is_status():
    # 揭阳 双百工程 (揭阳市政府网): 标志着…实现全覆盖; 近年来…今年新增设…174个,基本实现…全覆盖
    assert drafts("25日,我市“广东兜底民生服务社会工作双百工程”新增村(居)社会工作服务点挂牌仪式在揭东区埔田镇庵后村举行,"
                  "标志着我市“双百工程”实现社会工作服务站(点)全覆盖。") == []
    assert drafts("近年来,我市认真落实省委、省政府部署要求,在去年建成94个乡镇(街道)社会工作服务站、"
                  "138个村(居)社会工作服务点的基础上,今年新增设村(居)社会工作服务点174个,"
                  "基本实现乡镇(街道)社会工作服务站100%全覆盖。") == []
    # 湖南 禾计划 (中国社会工作): 不到两年时间实现…全覆盖
    assert drafts("不到两年时间实现全省1940个街镇社工站的全覆盖。") == []
    # 湖州 (2026-03-17): a count of 2025, told in 2026
    assert drafts("3月16日,记者从湖州市2026年度社会工作者职业资格考试动员部署会上获悉,2025年全市共新增持证社工4439人。",
                  issued_on=date(2026, 3, 17)) == []
    # 上海 (中国新闻网): a survey report shows
    assert drafts("3日在上海發布的一份調查報告顯示,志愿者成為上海市民展示軟實力的“金名片”,上海志愿者注冊率達23%。") == []
    # 眉山 (眉山日报): a paragraph opening on 目前 goes on with the count (达到3000 is no year)
    assert drafts("目前,全市縣級文明實踐中心、鄉鎮(街道)文明實踐所、村(社區)文明實踐站建設實現全覆蓋。"
                  "在全國志愿服務信息系統登記各類志愿者隊伍達到3000余支,注冊志愿者人數66萬余人,占本地常住人口比例達22%。") == []


def test_a_share_of_a_standard_a_share_of_villages_covered_and_a_daily_capacity():
    # 泉州市“十三五”民政事业发展专项规划 (泉州网): 达到…的70% / 130% (人均 in the words is no denominator)
    quanzhou = ("到2020年,确保“五保”对象供养标准达到当地农民家庭上年度人均生活消费支出的70%,"
                "确保城市“三无”人员供养标准达到当地城市低保标准的130%。\n"
                "到2020年,养老服务设施覆盖所有城市社区和60%以上的建制村。")
    found = drafts(quanzhou)
    end = date(2020, 12, 31)
    assert ("", "county", "gte", Decimal(70), "%", end) in found
    assert ("", "county", "gte", Decimal(130), "%", end) in found
    assert ("", "rural_community", "gte", Decimal(60), "%", end) in found  # 建制村 are villages
    assert not [d for d in found if d[4].startswith("%/")]
    # 上海市养老服务设施布局专项规划 (中国社会报, traditional): 达到每天约25万人次, the city's
    assert ("", "county", "gte", Decimal(250000), "人次/天", date(2025, 12, 31)) in drafts(
        "到2025年,社區老年助餐服務供應能力達到每天約25萬人次,建成100家鄉村長者照護之家。")


# --- session 7 (h20g): structure, not sentences (each rule read off set 7's misses, checked on the other sets) ----


def test_a_years_task_list_dates_its_figures_by_its_title_and_reads_every_count_as_a_goal():
    # 西安市2024年为民实事实施方案: no sentence carries a date or a word of the future; the title's year does
    text = ("西安市人民政府办公厅关于印发2024年为民实事实施方案的通知\n"
            "各区、县人民政府,市人民政府各工作部门、各直属机构:\n"
            "一、为民实事主要任务\n"
            "2.新开调整公交线路。新开、调整公交线路80条,增加运营城市小型公交300辆。\n"
            "4.公(专)用充电桩、公共停车位建设。建成投运充电桩4700个,开工建设公共停车位1.5万个。\n"
            "5.增加托育服务供给。建设公办托育机构7所,发展普惠托育机构29所,托位总数达到5.19万个。\n")
    end = date(2024, 12, 31)
    found = drafts(text)
    for row in (("", "county", "eq", Decimal(80), "条", end), ("", "county", "eq", Decimal(300), "辆", end),
                ("", "county", "eq", Decimal(4700), "个", end), ("", "county", "eq", Decimal(15000), "个", end),
                ("", "county", "eq", Decimal(7), "所", end), ("", "county", "gte", Decimal(51900), "个", end)):
        assert row in found, row
    # the same sentences in a report that is no year's list are not goals (no verb of the future, no title year)
    assert drafts("新开、调整公交线路80条,增加运营城市小型公交300辆。") == []


def test_a_year_named_in_passing_in_a_report_makes_no_task_list():
    # 巴中 (四川): "…公布的2022年社会工作服务体系建设试点单位名单中" is a sentence of a report, not a title
    text = ("从巴中市民政局了解到,在日前四川省民政厅、省财政厅联合公布的2022年社会工作服务体系建设试点单位名单中,"
            "巴中市3县(区)9镇(街道)成功入围。\n")
    assert drafts(text) == []


def test_a_figure_raised_or_lowered_from_one_value_to_another_is_the_new_value_with_its_period():
    # 莲湖区落实西安市2025年为民实事工作方案, 二、(一)2./3.: the old value is no floor, the new one is set exactly
    text = ("莲湖区落实西安市2025年为民实事工作方案\n"
            "2.阶段性减征职工基本医疗保险费。将参保单位缴费费率由7%降至6%。\n"
            "3.提高财政补助标准。城乡居民医保补助标准由每人每年670元提高到700元;孤儿、事实无人抚养儿童基本生活最低"
            "养育标准由每人每月1800元和1500元统一提高到2200元。\n")
    end = date(2025, 12, 31)
    assert drafts(text) == [("", "county", "eq", Decimal(6), "%", end),
                            ("", "county", "eq", Decimal(700), "元/人/年", end),
                            ("", "county", "eq", Decimal(2200), "元/人/月", end)]


def test_station_words_count_only_as_the_figures_subject_and_basically_built_is_coverage():
    # 贵州省“十四五”民政事业发展规划: a document about stations, but this sentence names none — the province's total
    guizhou = ("推动建立“社工站市级指导中心—县级社工总站—乡镇(街道)社工站—村居(社区)社工室”四级社会工作服务体系。"
               "在“十四五”主要发展指标中,专门列出社会工作专业人才数要达到10万人。"
               "到2025年,全省乡镇(街道)社会工作站基本建成。")
    found = drafts(guizhou)
    assert ("", "county", "gte", Decimal(100000), "人", None) in found
    assert ("town_station_coverage", "town", "present", None, "", date(2025, 12, 31)) in found
    assert not [d for d in found if d[0] == "station_professionals"]
    # 亳州市民政局 重点任务: 精神障碍社区康复站点 are no social-work stations (a count the county reports)
    assert drafts("持续开展“精康融合行动”,到2024年底累计建成精神障碍社区康复站点不少于10个。") == [
        ("", "county", "gte", Decimal(10), "个", date(2024, 12, 31))]


def test_a_rate_of_a_village_level_facility_is_the_villages():
    # 亳州市民政局 重点任务进展表: 村级养老服务站覆盖率提高到45% (no 由: the comparator of a goal raised to)
    found = drafts("加强老年人权益保护,新增村级养老服务站64个,村级养老服务站覆盖率提高到45%,完成家庭适老化改造5000户。",
                   issued_on=date(2024, 3, 1))
    assert [d[:5] for d in found if d[4] == "%"] == [("", "rural_community", "gte", Decimal(45), "%")]


# --- session 8 (h20h): set 8 read (and set 7's remaining misses); each rule checked on the sets not read -----------


def test_a_years_list_announced_in_an_opening_sentence_dates_its_figures_and_reads_its_counts_as_goals():
    # 成都商报 (成都市2023年民政工作会议): no title names the year's list; the opening sentence does ("将抓好…民生实事").
    # The counts listed after one verb (",3个…阵地"), a share of the towns covered, things built with a place word in
    # their name (社区服务站点) counted for the county.
    chengdu = ("3月2日上午,2023年成都市民政工作会议召开。\n"
               "记者从会议上获悉,2023年成都将抓好8项民生实事:计划空巢独居老年人适老化改造10000户;建设社区养老服务综合体"
               "27个,推进“15分钟养老服务圈”建设;建设9个未成年人保护示范镇(街道),3个未成年人保护阵地;开展精神障碍社区"
               "康复服务,服务站点覆盖全市60%以上镇(街道),建成社区服务站点不少于157个。\n"
               "2023年,成都还将开展…九大专项行动。其中,…2023年至少打造25家开放型复合型养老服务机构,分区分类、有序面向"
               "社会开放。")
    end = date(2023, 12, 31)
    assert drafts(chengdu, issued_on=date(2023, 3, 3)) == [
        ("", "county", "eq", Decimal(10000), "户", end), ("", "county", "eq", Decimal(27), "个", end),
        ("", "county", "eq", Decimal(9), "个", end), ("", "county", "eq", Decimal(3), "个", end),
        ("", "town", "gte", Decimal(60), "%", end), ("", "county", "gte", Decimal(157), "个", end),
        ("", "county", "gte", Decimal(25), "家", end)]


def test_a_years_arrangements_a_standard_raised_to_with_no_from_and_pilots_to_win():
    # 宁波市2023年全市民政工作要点: "现对2023年全市民政工作做出如下安排"; "提高…标准至1255元/月" and the standards listed
    # after it share the verb; "争创省级4项数字改革试点"
    ningbo = ("2023年是全面贯彻党的二十大精神的开局之年,也是实施“十四五”规划承上启下的关键一年。根据市委市政府和上级民政部门"
              "工作要求,现对2023年全市民政工作做出如下安排。\n二、重点工作\n(一)开展“甬有共扶”提升行动\n"
              "1.深化智慧救助。以“浙江省大救助信息系统”为依托,争创省级4项数字改革试点,建设“低收入对象风险预警处置场景”。\n"
              "2.持续提标扩面。落实社会救助标准自然增长机制,提高最低生活保障标准至1255元/月,特困供养基本生活标准至2134元/月,"
              "机构孤儿基本生活保障标准至3195元/月。")
    end = date(2023, 12, 31)  # not the “十四五” plan's end the opening mentions
    assert drafts(ningbo, issued_on=date(2023, 3, 17)) == [
        ("", "county", "eq", Decimal(4), "项", end), ("", "county", "eq", Decimal(1255), "元/人/月", end),
        ("", "county", "eq", Decimal(2134), "元/人/月", end), ("", "county", "eq", Decimal(3195), "元/人/月", end)]


def test_counts_listed_after_one_verb_and_a_coverage_dated_by_its_own_words():
    # 滁州日报 (来安县): 1个…、18个…,23个…,1个… after 建成; "2025年实现…全覆盖" after "计划今年建成…"
    laian = ("为适应老年人群体的助餐服务需求,来安县加快推进社区老年助餐服务,计划今年建成1个老年食堂、18个社区老年助餐点,"
             "23个村级老年助餐点,1个老年餐桌示范点,2025年实现老人助餐服务城乡全覆盖。")
    this_year = date(2022, 12, 31)
    assert drafts(laian, issued_on=date(2022, 6, 23)) == [
        ("", "county", "eq", Decimal(1), "个", this_year), ("", "county", "eq", Decimal(18), "个", this_year),
        ("", "county", "eq", Decimal(23), "个", this_year), ("", "county", "eq", Decimal(1), "个", this_year),
        ("", "community", "present", None, "", date(2025, 12, 31))]


def test_villages_and_communities_a_town_government_next_year_and_the_cities_tier():
    # 新华社 (福建 儿童主任, traditional): 每个村(居) is every village and community; 人民政府 is no "per person"; 明年
    # is the year after the report's; 地市一级's figure is left out (no city tier)
    fujian = ("福建省民政廳聯合教育廳、公安廳等部門近日出臺文件,提出到2020年底,每個村(居)配備1名“兒童主任”,"
              "每個鄉鎮人民政府(街道辦事處)配備1名“兒童督導員”。\n"
              "福建省提出,明年年底前,地市一級至少要打造1至2個集養、治、教、康于一體的區域性兒童福利機構,"
              "縣級以上要實現未成年人救助保護機構全覆蓋,區縣一級要確保有一個開展兒童福利工作的實體機構。")
    end = date(2020, 12, 31)
    assert drafts(fujian, issued_on=date(2019, 10, 15)) == [
        ("", "community", "eq", Decimal(1), "名", end), ("", "town", "eq", Decimal(1), "名", end),
        ("", "county", "present", None, "", end)]


def test_a_progress_tables_progress_column_is_status_and_its_year_dates_the_tasks():
    # 亳州市民政局2024年重点任务进展表 (cells copied one a line, "|" after each): 进展 reports; its year is the tasks'
    bozhou = ("|\n报送次数 |\n任务序号 |\n任务事项 |\n进展 |\n进度 |\n2 |\n207 |\n"
              "加强老年人权益保护,新增村级养老服务站64个,村级养老服务站覆盖率提高到45%,完成家庭适老化改造5000户,"
              "新增社区嵌入式养老服务机构3家。 |\n"
              "将工作任务纳入养老服务重点工作加以推动,每月统计全市工作进展,对工作进展较慢的县区进行调度。"
              "2024年全市新增村级养老服务站66个,新增社区嵌入式养老服务机构3个。 |\n90% |\n")
    end = date(2024, 12, 31)
    assert drafts(bozhou) == [("", "county", "eq", Decimal(64), "个", end), ("", "rural_community", "gte", Decimal(45), "%", end),
                              ("", "county", "eq", Decimal(5000), "户", end), ("", "county", "eq", Decimal(3), "家", end)]
    # 某区2021年民生实事项目进展表 (traditional; a header of short lines, no "|"): the cells after the 牵头单位's
    quyang = ("項目\n名稱\n內容\n牽頭單位\n進展情況(7月)\n進展情況(10月)\n進展情況(12月)\n養老服務項目\n"
              "新增15家示范型居家養老服務照料中心,實施生活困難老年人家庭適老化改造260戶。\n區民政局\n"
              "已完成8家示范型居家養老服務照料中心,267戶適老化改造。\n已完成改造346戶,超額完成。\n"
              "新增示范型居家養老服務照料中心25家。\n完成生活困難老年人家庭適老化改造367戶。\n")
    assert [d[3] for d in drafts(quyang)] == [Decimal(15)]


def test_a_years_report_drafts_nothing_it_tells_of_the_past():
    # 绍兴市民政局2022年工作总结: "由每月890元提高到1050元" was done
    assert drafts("一、2022年工作总结\n今年以来,我们深入践行习近平总书记对民政工作的重要论述精神,各项工作取得了新突破、"
                  "迈上了新台阶。\n(一)聚焦困难群众急难,健全社会大救助工作体系。一是社会救助提标扩面。低保标准由每月890元"
                  "提高到1050元,低边认定标准由低保标准1.5倍扩大到2倍。", issued_on=date(2023, 12, 28)) == []
    # 黑龙江某市民政局年度工作总结: a year's work that 取得了明显成效
    assert drafts("20xx年我市民政工作在市委、市政府的领导下,在省民政厅的指导下,紧紧围绕市委、市政府的中心工作,坚持改善民生、"
                  "为民解困这一宗旨,各项工作取得了明显成效,主要体现在六个方面:\n一、20xx年全市民政工作情况\n"
                  "(一)社会救助体系进一步完善。城市低保标准由每人每月500元提高到530元;医疗救助比例由医保报销后的65%提高到"
                  "70%,一般疾病的年度医疗救助封顶线达40000元。") == []
    # 某市2024年民生实事全部完成 (traditional)
    assert drafts("民之所盼,政之所向。記者從市發改委獲悉,我市2024年民生實事已全部完成。\n2024年,是幸福成色更濃的一年。"
                  "我市實施“安心托幼”行動,公辦園在園幼兒占比達到65.11%,新建3所幼兒園,新增托位501個。") == []


def test_a_years_list_announced_on_a_date_its_items_once_and_what_is_done_for_households():
    # 界面新闻 (上海2023年为民办实事项目): the dated opening announces the list (no event told); "为5000户…进行…改造",
    # "帮助8000名…实现…", "推出5000场", "完成中心城区11条…"; "新增2000个…和3200个…"; the list under 一、 repeats the
    # summary's items, drafted once (40个 is new there)
    shanghai = ("2023年2月7日,上海2023年为民办实事项目正式公布,共10方面32项,包括新增5000张养老床位、开设500个小学生爱心暑托班、"
                "新增1万个公共(含专用)充电桩、帮助8000名长期失业青年实现就业创业、完成中心城区11条道路积水改善工程等。\n"
                "今年共新增14个项目,包括:建设30家智慧养老院,完成5000户居家环境适老化改造,为5000户困难重度残疾人家庭进行"
                "无障碍改造,新增2000个公办幼儿园托班托额和3200个社区托育托额,为10万户高龄独居老人加装燃气报警器,"
                "推出5000场艺术普及教育活动。\n2023年上海市为民办实事项目\n"
                "一、新增5000张养老床位;建设30家智慧养老院;新增40个社区长者食堂;完成5000户居家环境适老化改造;")
    found = all_drafts(shanghai, issued_on=date(2023, 2, 7))
    end = date(2023, 12, 31)
    for figure, unit in ((5000, "张"), (500, "个"), (10000, "个"), (8000, "名"), (11, "条"), (30, "家"), (2000, "个"),
                         (3200, "个"), (100000, "户"), (5000, "场"), (40, "个")):
        assert ("", "county", "eq", Decimal(figure), unit, end) in found, figure
    assert len([d for d in found if d[3:5] == (Decimal(5000), "户")]) == 2  # two tasks, each said once
    assert len([d for d in found if d[3:5] == (Decimal(5000), "张")]) == 1
    # a civil-affairs profile of the list takes its beds, care homes, 适老化 and 无障碍 works, canteens and alarms, and
    # leaves the 暑托班, charging points, jobs, roads, 托育 places and arts to their departments
    civil = {d[3:5] for d in drafts(shanghai, issued_on=date(2023, 2, 7))}
    assert {(Decimal(5000), "张"), (Decimal(30), "家"), (Decimal(5000), "户"), (Decimal(100000), "户"),
            (Decimal(40), "个")} <= civil
    assert not civil & {(Decimal(500), "个"), (Decimal(10000), "个"), (Decimal(8000), "名"), (Decimal(11), "条"),
                        (Decimal(2000), "个"), (Decimal(3200), "个"), (Decimal(5000), "场")}


def test_in_a_years_list_a_count_far_from_its_verb_and_a_count_of_things_made_is_the_countys():
    # 西安市2024年为民实事实施方案: 选择/发展/启动…N; "改造提升…等沿山区县19处…"; "建成不少于30个社区嵌入式服务设施"
    xian = ("西安市人民政府办公厅关于印发2024年为民实事实施方案的通知\n一、为民实事主要任务\n"
            "3.市政道路建设改造。选择100条城市主干道和支路开展工程微改造和智慧化改造试点。\n"
            "5.增加托育服务供给。建设公办托育机构7所,发展普惠托育机构29所,托位总数达到5.19万个。\n"
            "9.城市社区嵌入式服务设施建设。启动100个社区嵌入式服务设施建设和服务项目试点,建成不少于30个社区嵌入式服务设施。\n"
            "11.解决沿山区县农村居民季节性缺水。改造提升临潼区、长安区、鄠邑区、蓝田县、周至县等沿山区县19处农村供水设施。\n")
    end = date(2024, 12, 31)
    found = drafts(xian)
    for row in (("", "county", "eq", Decimal(100), "条", end), ("", "county", "eq", Decimal(29), "所", end),
                ("", "county", "eq", Decimal(100), "个", end), ("", "county", "gte", Decimal(30), "个", end),
                ("", "county", "eq", Decimal(19), "处", end)):
        assert row in found, row


def test_this_year_of_an_undated_report_is_the_year_of_the_list_it_names():
    # 某市2024年十大民生实事年终报道: no date of issue; "今年…计划新增社区老年食堂3家" is 2024's
    text = ("民生无小事,枝叶总关情。今年年初,市代表聚焦百姓所盼、发展所需,票决产生了2024年十大政府重点民生实事项目。"
            "年终将至,民生实事提前交卷:截至目前,十大重点民生实事23个子项目已有22个完成。\n"
            "小食堂,大民生。今年,我市将“一老一小”暖心关爱项目纳入十大民生实事之一,计划新增社区老年食堂3家,"
            "多渠道增加老年助餐服务供给。")
    assert drafts(text) == [("", "county", "eq", Decimal(3), "家", date(2024, 12, 31))]


# --- session 8, second round (h20k): set 9 read; each rule checked on the sets not read (0–8) ----------------------


def test_a_reports_opening_announcing_this_years_list_dates_its_figures_at_the_years_end():
    # 金华 (全市民政工作会议报道): "今年我市将…十方面实事", no date of issue but a dateline; the clause after
    # "…婚姻登记场所达到100%" goes on with its subject (the county's, not the 社区 of the paragraph before); 100 % is
    # coverage; "服务1500万人次以上"; "落实帮扶项目10个", "实施…6项基本服务免费"
    jinhua = ("2024-02-29 10:27:28\n"
              "记者昨日从全市民政工作会议上获悉,今年我市将聚焦社会救助、养老服务、慈善事业、儿童福利、社会组织、社会服务等"
              "民生重点领域,扎实推进“民政惠民有感”十方面实事。\n"
              "在“民政惠民有感”十方面实事中,市民政局将持续加强城乡居民最低生活保障,全市低保标准增幅不低于上年度全体居民"
              "人均可支配收入增幅;全面推行深化“爱心卡”,新增村(社区)老年助餐服务点60个以上,提供助餐、助行、助购、助洁等"
              "服务1500万人次以上;加大失智照护服务供给,新增老年人认知障碍床位700张,每万名老年人拥有认知障碍床位达到18张;"
              "推动老年友好型社会建设,创建全国示范性老年友好型社区3个。\n"
              "与此同时,市民政局将加快儿童福利阵地建设,启用金华市儿童福利院新院;实施慈善“共富同行”三年行动,落实帮扶项目"
              "10个;实施第二批“善居工程”,改造困难家庭居室250户;提升殡葬服务水平,实施群众“身后事”6项基本服务免费,龙山"
              "公墓二期投入使用;优化婚姻登记管理服务,4A级以上婚姻登记场所达到100%,5A级达到60%;加大水库移民后期扶持力度,"
              "打造和美移民村35个。")
    end = date(2024, 12, 31)
    found = all_drafts(jinhua)
    for row in (("", "county", "gte", Decimal(60), "个", end), ("", "county", "gte", Decimal(15000000), "人次", end),
                ("", "county", "eq", Decimal(700), "张", end), ("", "county", "eq", Decimal(3), "个", end),
                ("", "county", "eq", Decimal(10), "个", end), ("", "county", "eq", Decimal(250), "户", end),
                ("", "county", "eq", Decimal(6), "项", end), ("", "county", "present", None, "", end),
                ("", "county", "gte", Decimal(60), "%", end), ("", "county", "eq", Decimal(35), "个", end)):
        assert row in found, row
    # 山东省政府工作报告 (齐鲁网, traditional): "山東將扎實辦好重點民生實事"; counts listed after one verb, in 万
    shandong = ("齊魯網·閃電新聞1月13日訊 今天上午,山東省第十四屆人民代表大會第一次會議在濟南開幕,省長周乃翔作政府工作報告。\n"
                "報告指出,山東將扎實辦好重點民生實事。著力解決群眾急難愁盼問題,在提高人民生活水平上加力提效。\n"
                "在深化養老托育行動方面,山東將完善基本養老服務,新增護理型床位2.5萬張、家庭養老床位1萬張。加強特殊困難老人"
                "探訪關愛服務,完成家庭適老化改造3萬戶。積極落實生育支持政策,改善優生優育全程服務,新增托位3萬個。")
    end = date(2023, 12, 31)
    assert all_drafts(shandong, issued_on=date(2023, 1, 13)) == [
        ("", "county", "eq", Decimal(25000), "张", end), ("", "county", "eq", Decimal(10000), "张", end),
        ("", "county", "eq", Decimal(30000), "户", end), ("", "county", "eq", Decimal(30000), "个", end)]
    # 台海网 (福建 社工站方案): a report of a 《方案》 issued — its norm (每站不少于2名) stands beyond the year
    fujian = ("福建全省每个乡镇今年都将有社工站\n"
              "台海网1月18日讯 (海峡导报驻福州记者林芹)社工,正离老百姓生活越来越近。2021年我省将实现乡镇(街道)社工站全覆盖,"
              "越来越多基层困难群体、老人、儿童将得到社工专业服务。日前,省民政厅出台《福建省乡镇(街道)社会工作服务站购买服务"
              "项目实施方案(试行)》,明确提出按照“一年覆盖、两年规范、三年提升”工作思路。\n"
              "根据方案,每个社工站原则上配备不少于2名社工。")
    assert ("station_staff", "station_town", "gte", Decimal(2), "名", None) in all_drafts(fujian, issued_on=date(2021, 1, 18))


def test_coverage_of_100_percent_aimed_at_is_present_at_the_level_of_its_subject():
    # 无锡日报 (全市民政工作座谈会): "全市村、社区协商议事平台覆盖率将达到100%" is coverage of communities
    wuxi = ("今年全市民政工作将重点抓好四个方面。年底前,我市将改造提升25个社区综合服务中心,全市村、社区协商议事平台覆盖率"
            "将达到100%,进一步提升社区服务功能,创新基层治理机制。")
    end = date(2021, 12, 31)
    assert drafts(wuxi, issued_on=date(2021, 2, 24)) == [
        ("", "county", "eq", Decimal(25), "个", end), ("", "community", "present", None, "", end)]


def test_a_years_list_of_things_made_in_kilometres_square_metres_lines_and_people_with_no_classifier():
    # 华龙网 (重庆市2025年15件重点民生实事): 平方米/公里 counted; 条 with 以上; "为200万中小学生开展…" counts 人;
    # 实施/提升 are verbs of a count made; "12万人次以上"
    chongqing = ("2025年重庆将接续办好15件重点民生实事\n"
                 "中国式现代化,民生为大。今年,重庆将突出“民呼我为”,聚焦“急难愁盼”,接续办好15件重点民生实事。具体包括:\n"
                 "新开工改造城镇老旧小区3011万平方米。\n加装农村公路安全护栏4000公里。\n"
                 "为200万中小学生开展心理健康测评。\n整体提升100所学校、50家医院周边环境。\n"
                 "为未成年人提供假期公益托管服务12万人次以上。\n"
                 "新增及优化调整公交线路60条以上、新增小巷公交等微循环线路10条以上。\n"
                 "实施165个农村饮水水源保障工程和25个城乡供水一体化工程。\n")
    end = date(2025, 12, 31)
    assert all_drafts(chongqing, issued_on=date(2025, 1, 19)) == [
        ("", "county", "eq", Decimal(30110000), "平方米", end), ("", "county", "eq", Decimal(4000), "公里", end),
        ("", "county", "eq", Decimal(2000000), "人", end), ("", "county", "eq", Decimal(100), "所", end),
        ("", "county", "eq", Decimal(50), "家", end), ("", "county", "gte", Decimal(120000), "人次", end),
        ("", "county", "gte", Decimal(60), "条", end), ("", "county", "gte", Decimal(10), "条", end),
        ("", "county", "eq", Decimal(165), "个", end), ("", "county", "eq", Decimal(25), "个", end)]


def test_a_plans_own_indicators_a_projects_name_and_a_building_completed_are_no_targets():
    # 新华日报 (江苏“十四五”城乡社区服务体系规划): "新增7项发展指标" counts the plan's indicators
    jiangsu = ("《规划》突出江苏特色,细化设置12项主要发展指标,在国家规划设定的…等指标基础上,新增7项发展指标,包括实行全科服务"
               "模式的社区覆盖率达到90%。")
    assert [d for d in drafts(jiangsu, issued_on=date(2022, 8, 11)) if d[4] == "项"] == []
    # 晋中晚报 (榆社县): "…城乡养老服务全覆盖工程" names a project
    yushe = ("今年,榆社縣將“實施惠及全縣2.3萬老年人的城鄉養老服務全覆蓋工程”列為該縣2024年“十件民生實事”之一,除了社區"
             "老年人助餐點的建設外,該縣還將新建4個農村日間照料中心并實施60個中心提檔升級項目。")
    end = date(2024, 12, 31)
    assert drafts(yushe, issued_on=date(2024, 6, 28)) == [
        ("", "county", "eq", Decimal(4), "个", end), ("", "county", "eq", Decimal(60), "个", end)]
    # 竹溪县 (期刊短讯): the home built and opened (落成) with its 56 beds is done
    zhuxi = ("近日,湖北省竹溪县财政、民政部门共同投资新建的城区福利院落成,新增床位56张,将成为城区扩容孤寡老人的“幸福院”。")
    assert drafts(zhuxi) == []


# --- session 8, third round (h20l): set 10 read; a generic fallback after the precise rules ------------------------


def test_a_list_tables_rows_are_numbered_sentences_and_the_fallback_drafts_their_quantities():
    # 洋县2024年十大民生实事项目清单 (a table copied one cell a line): the row's 序号 is its clause, the 年度投资金额
    # column's header gives 万元; every quantity with a measure word of the year's list is the county's, 'eq'
    yangxian = ("关于印发洋县2024年十大民生实事项目的通知\n附件:洋县2024年十大民生实事项目清单\n|\n序号 |\n项目名称 |\n"
                "建设地点 |\n建设时间 |\n2024年建设内容 |\n年度投资金额 (万元) |\n责任单位 |\n|\n2 |\n城北小学门前道路建设项目 |\n"
                "纸坊街道 |\n2024 |\n建成唐塔北路延伸段(城北小学门前)道路。 |\n300 |\n住建局 |\n|\n5 |\n高标准农田建设项目 |\n"
                "谢村镇 |\n2024 |\n实施田块整治500亩,修复堰塘1座、建设机电井7座、农桥5座、灌溉渠道50公里;新建田间道路38公里、"
                "农田林网241公里,种植桂花、紫薇等苗木8000株;实施土壤培肥、田间监测3万亩,布设耕地质量监测点30处。 |\n4930 |\n"
                "农业农村局 |\n|\n")
    end = date(2024, 12, 31)
    found = [(d.clause, d.level, d.comparator, d.threshold, d.unit, d.deadline)
             for d in draft_targets(yangxian, date(2024, 4, 2), civil_affairs_only=False)]
    for row in (("2", "county", "eq", Decimal(3000000), "元", end), ("5", "county", "eq", Decimal(500), "亩", end),
                ("5", "county", "eq", Decimal(1), "座", end), ("5", "county", "eq", Decimal(241), "公里", end),
                ("5", "county", "eq", Decimal(8000), "株", end), ("5", "county", "eq", Decimal(30000), "亩", end),
                ("5", "county", "eq", Decimal(30), "处", end), ("5", "county", "eq", Decimal(49300000), "元", end)):
        assert row in found, row
    assert not [f for f in found if f[4] in ("年", "") or f[3] == 2024]  # the year and the 建设时间 column


def test_the_fallback_reads_a_years_quantities_in_any_measure_word_and_a_budget_of_this_year():
    # 建湖 2023年十大民生实事 (a reposted copy): km and 路 are units; the 13 markets 已建成 are status, the date no figure
    jianhu = ("2023年建湖十大民生实事项目出炉\n1月4日,在建湖县第十九届人民代表大会第二次会议上,票决确定了2023年政府十大民生实事"
              "项目,项目涵盖交通、教导、养老等多个方面。\n农贸市场“安心菜篮子”工程:做好已建成13个农贸市场快检室运营工做,"
              "新建农贸市场快检室8个。\n推进农村河道生态治理:建成农村生态河道60km。\n治安防控系统建立及利用:对党政机关安防设备"
              "提档晋级,新增(革新)社会面监控500路、人脸像机300路,完美应急通信批示系统。\n")
    end = date(2023, 12, 31)
    assert all_drafts(jianhu, issued_on=date(2023, 1, 4)) == [
        ("", "county", "eq", Decimal(8), "个", end), ("", "county", "eq", Decimal(60), "公里", end),
        ("", "county", "eq", Decimal(500), "路", end), ("", "county", "eq", Decimal(300), "路", end)]
    # 贵阳晚报 (贵州 慈善超市): "今年…资金预算130万元,支援建设26个" — this year's budget and count
    guizhou = ("记者从贵州省民政厅获悉,该厅近日印发《2022年省级福彩公益金支援慈善超市建设项目实施方案》,我省今年慈善超市建设"
               "项目资金预算130万元,支援建设26个慈善超市。")
    end = date(2022, 12, 31)
    found = all_drafts(guizhou, issued_on=date(2022, 5, 14))
    assert ("", "county", "eq", Decimal(1300000), "元", end) in found
    assert ("", "county", "eq", Decimal(26), "个", end) in found


def test_the_fallback_leaves_out_status_places_covered_projects_counted_and_a_plans_own_parts():
    # 甘肃: "今年实施的400个…项目已全部开工建设" (status in the figure's own clause)
    gansu = "记者24日从甘肃省民政厅获悉,今年实施的400个“为民实事”项目已全部开工建设,甘肃省、市、县三级补助资金到位率100%。"
    assert [d for d in drafts(gansu, issued_on=date(2023, 8, 25)) if d[3] == 400] == []
    # 大埔: "…初步遴选项目11个" counts the list's projects
    dabu = "根据省、市民生实事等情况,拟订2023年县十件民生实事初步遴选项目11个,现公开向社会公众征求意见。"
    assert drafts(dabu, issued_on=date(2023, 1, 1)) == []
    # 濮阳: "完成全市31个乡、44个镇、14个街道,共89个…" — the places a plan covers are its scope
    puyang = "确保用3年时间,完成全市31个乡、44个镇、14个街道,共89个社会工作服务站项目建设任务。"
    assert [d[3] for d in drafts(puyang, issued_on=date(2021, 1, 1))] == [Decimal(89)]
    # 陇南: "…等15个新时代新社区新生活质量提升行动" — the plan's own actions; and a status sentence (截至…)
    longnan = ("到2025年,开展社区固本强基行动、社区养老服务行动、社区未成年人关爱行动等15个新时代新社区新生活质量提升行动。"
               "截至2020年末,全省共建成城乡社区综合服务设施1.2万个。")
    assert drafts(longnan, issued_on=date(2021, 6, 1)) == []


# --- session 8, fourth round (h20n): set 11 read; deadlines as one procedure ---------------------------------------


def test_a_year_opening_its_clause_dates_the_clause_and_a_comparator_takes_any_count_unit():
    # 济南 2020年全市民政工作会议 (report): "2020年," opens the clause; 栋 is a count unit like 个
    jinan = "此外,2020年,济南将推进社区治理服务创新,改造升级不少于50栋城市社区综合服务设施。"
    assert ("", "county", "gte", Decimal(50), "栋", date(2020, 12, 31)) in drafts(jinan)
    # 济南 强省会 发布会 (2021, traditional characters): "2021年改造提升敬老院不少于18處" — the year before the verb
    jinan = "李越千介紹,濟南將加快市社會福利院搬遷改造,實施敬老院改造提升三年行動計劃,2021年改造提升敬老院不少于18處。"
    assert ("", "county", "gte", Decimal(18), "处", date(2021, 12, 31)) in drafts(jinan)


def test_a_plans_period_in_a_title_and_its_undated_phases():
    # 海南省推行绿色殡葬五年行动计划(2019-2023年) (海南日报): a 行动计划's period gives its end; the phases have no dates:
    # a figure of a phase before the last has none (the first phase's 年内 is not the second's), the last phase's and
    # the plan's own fall due at the plan's end; "分4个阶段" counts the plan's parts
    hainan = ("海南将全面实施绿色殡葬奖补激励政策\n"
              "近日,省委办公厅、省政府办公厅联合印发《海南省推行绿色殡葬五年行动计划(2019-2023年)》(以下简称《行动计划》)。\n"
              "《行动计划》提出,火化率要大幅度提升,全省遗体火化率达50%以上。\n"
              "《行动计划》将分4个阶段实施。第一阶段将完成儋州市殡仪馆建设,年内投入使用。第二阶段将完成万宁市殡仪馆建设。"
              "全省遗体火化率达到25%以上。第三阶段将其他土葬改革区城镇划为火葬区,全省遗体火化率达到40%以上。第四阶段将巩固"
              "散埋乱葬和殡葬陋习治理成效,节地生态安葬比例达到50%以上。")
    found = drafts(hainan)
    end = date(2023, 12, 31)
    assert ("", "county", "gte", Decimal(25), "%", None) in found
    assert ("", "county", "gte", Decimal(40), "%", None) in found
    assert [f for f in found if f[3] == 50] == [("", "county", "gte", Decimal(50), "%", end)] * 2
    assert not [f for f in found if f[3] == 4]


def test_the_base_a_goal_starts_from_is_no_target():
    # 济南 2020: "在5个省级试点地区的基础上建设一批国家级社区治理试点地区"
    jinan = "2020年,济南将在5个省级试点地区的基础上建设一批国家级社区治理试点地区。"
    assert not [d for d in drafts(jinan) if d[3] == 5]


def test_a_plan_period_spoken_in_and_a_year_end_with_no_year_named():
    # 宁夏残疾人事业“十二五”发展纲要 (央视网 2012-02-04): "“十二五”期间,我区将…" dates the sentence's figures at 2015
    ningxia = "“十二五”期间,我区将帮助8万残疾人得到不同程度的康复;城镇新增残疾人就业6000人;残疾人机构托养将达到5000人。"
    found = drafts(ningxia, issued_on=date(2012, 2, 4))
    assert ("", "county", "gte", Decimal(5000), "人", date(2015, 12, 31)) in found
    # ... but a figure kept up in such a period has no date (邢台 “十四五” 规划: 持续巩固…100%)
    xingtai = "邢台市城乡社区服务体系建设“十四五”规划\n“十四五”时期,持续巩固城市社区综合服务设施覆盖率100%。"
    assert [d[5] for d in drafts(xingtai)] == [None]
    # 上海 未成年人保护工作站 (2022-02-18): "年底将实现街镇全覆盖" — this year's end
    shanghai = "未成年人保护工作站建设首入为民办实事项目,年底将实现街镇全覆盖"
    assert drafts(shanghai, issued_on=date(2022, 2, 18)) == [("", "town", "present", None, "", date(2022, 12, 31))]


def test_a_share_of_places_is_those_places_target_with_or_without_a_comparator():
    # 济南 2020: "推动80%以上城市社区实现“一窗受理、综合服务”" — the urban communities' share, not the city's
    jinan = "此外,2020年,济南将推进社区治理服务创新,推动80%以上城市社区实现“一窗受理、综合服务”。"
    assert ("", "urban_community", "gte", Decimal(80), "%", date(2020, 12, 31)) in drafts(jinan)
    # 江苏 2022年全省民政工作会议: "70%的城市街道建有综合性养老服务中心" — a share of towns aimed at, no comparator
    jiangsu = ("根据部署,2022年我省将重点聚焦“一老一小”群体,办好民生实事:加强普惠型养老服务设施建设,70%的城市街道建有"
               "综合性养老服务中心。")
    assert ("", "town", "gte", Decimal(70), "%", date(2022, 12, 31)) in drafts(jiangsu)
    # 成都 嵌入式服务设施: a share set only for districts listed by name is left out
    chengdu = ("到2027年底前,向全市更多社区推开,确保四川天府新区、成都高新区、锦江区、青羊区、金牛区、武侯区、成华区50%的城市"
               "社区建成完备的社区嵌入式服务综合体(社区服务中心);")
    assert not [d for d in drafts(chengdu) if d[3] == 50]


# --- session 8, fifth round (h20p): set 12 read; categories, not sentences (each checked on sets 0–11) ------------


def test_a_year_list_opened_by_a_clause_after_a_proclamation_falls_due_at_that_years_end():
    # 台州 2024 (市六届人大四次会议公告第3号): the text opens on the 公告; the list's title is the clause before the colon
    taizhou = ("2024这十件事,与每一位台州人息息相关\n市六届人大四次会议公告\n第3号\n"
               "  经台州市第六届人民代表大会第四次会议票决通过,2024年台州市政府民生实事项目为:\n"
               "  二、推进教育补短提质。新建(改扩)公办幼儿园10所、新增学位1500个;新建(改扩)公办中小学10所、新增学位5000个。")
    # (the list as it is read, every department's item: since round 51 the congress named in its fourth line makes it a
    # government's list, whose education item is no civil-affairs target)
    found = all_drafts(taizhou)
    assert found and {d[5] for d in found} == {date(2024, 12, 31)}
    assert ("", "county", "eq", Decimal(1500), "个", date(2024, 12, 31)) in found
    assert drafts(taizhou) == []
    # a clause before a colon that names no year's list dates nothing (仙居 人大建议答复: "经研究,现答复如下:")
    from wulian.policy_draft import _year_plan_end, normalize
    assert _year_plan_end(normalize(taizhou)) == date(2024, 12, 31)
    assert _year_plan_end(normalize("王智慧代表:\n经研究,现答复如下:\n2024年新建养老服务中心床位100张。")) is None


def test_a_table_rows_number_under_a_xuhao_header_is_its_clause():
    # 海安市民政局2023年民生实事项目实施进度表, copied one cell a line: the row "15 |" is the clause of its task
    haian = ("海安市民政局2023年民生实事项目实施进度表\n序号 |\n责任单位 |\n实施内容 |\n15 |\n民政局 |\n"
             "新增民营养老机构不少于2家、养老床位不少于300张,主城区增设4-5家居家养老服务场所,完成居家适老化改造400户。 |")
    assert [t.clause for t in draft_targets(haian, civil_affairs_only=False)][:2] == ["15", "15"]
    # 泰顺 2024年4月省政府民生实事项目进展情况汇总表, one row a line
    taishun = ("2024年4月省政府民生实事项目进展情况汇总表\n序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |\n"
               "3 | 在公共场所新增配置自动体外除颤仪47台。 | 4月:公布采购意向公告。 | 县卫生健康局 | |")
    assert [t.clause for t in draft_targets(taishun, civil_affairs_only=False) if t.threshold == 47] == ["3"]
    # 亳州 重点任务进展表: its first column is 报送次数 ("2 |"), not a row number — no clause from it
    bozhou = ("|\n报送次数 |\n任务序号 |\n任务事项 |\n进展 |\n2 |\n210 |\n"
              "持续开展“精康融合行动”,年底累计建成精神障碍社区康复站点不少于10个。 |")
    assert {t.clause for t in draft_targets(bozhou, civil_affairs_only=False)} <= {""}


def test_a_plans_review_section_is_status():
    # 马鞍山市“十四五”残疾人保障和发展规划, its 一、编制背景 (the stored copy stops there): what the last plan achieved
    maanshan = ("马鞍山市“十四五”残疾人保障和发展规划\n一、编制背景\n"
                "全市6567名建档立卡贫困残疾人实现脱贫,新增1288名残疾人就业,为4219名残疾人进行职业技能培训,扶持2403名残疾人"
                "自主创业。为有康复需求的7.6万人次残疾人提供基本康复服务,基本康复服务率达100%。适龄残疾儿童入学率达97%。")
    assert drafts(maanshan) == []
    # the plan's goals in the next section are still drafted
    goals = maanshan + "\n二、主要目标\n到2025年,新增残疾人就业2000名。"
    assert [d[3] for d in drafts(goals)] == [Decimal(2000)]


def test_a_completion_report_and_figures_already_added_are_status():
    # 杭州市2024年10件民生实事完成情况 (人大常委会): "已新增…235个…1202张" — done, not aimed at
    hangzhou = ("今日,杭州市第十四届人民代表大会常务委员会第二十一次会议召开。2024年10件民生实事48个子项目具体完成情况公布。\n"
                "(一)已新增老年助餐服务点235个、新增认知障碍照护专区床位1202张,整体完成率111.5%。")
    assert drafts(hangzhou, issued_on=date(2024, 12, 25)) == []
    # 第七个残疾预防日发布会 (人民日报 2023-08-24): "主要任务指标完成情况良好,…覆盖率达93.5%" — the plan's figures reached
    canji = ("据介绍,各地、各部门认真贯彻落实《国家残疾预防行动计划(2021—2025年)》,取得积极成效。主要任务指标完成情况良好,"
             "全国孕前优生健康检查目标人群覆盖率达93.5%,新生儿遗传代谢病和新生儿听力筛查率分别达到98.1%和97.1%。")
    assert drafts(canji, issued_on=date(2023, 8, 24)) == []


# --- session 8, sixth round (h20r): set 13 read; status documents as one reader (checked on sets 0–12) -------------


def test_a_years_summary_drafts_only_its_explicit_future_sentences():
    # 某市民政局2025年工作总结 (公文范文站): "现将全年工作情况总结如下" — every figure after it is work done; "将3200名…
    # 纳入" is the object marker, not a future
    zongjie = ("2025年,是“十四五”规划收官决胜之年,也是民政事业高质量发展的关键一年。扎实推进各项民政工作落地见效,"
               "为全市经济社会高质量发展筑牢民生保障根基。现将全年工作情况总结如下:\n"
               "一、聚焦主责主业,彰显为民担当,2025年民政工作成效显著\n"
               "(一)筑牢兜底保障防线,民生福祉更有温度。一是精准推进社会救助提质。健全分层分类社会救助体系,"
               "全面落实《刚性支出困难家庭认定办法》,将3200名刚性支出困难群众纳入救助范围。二是强化特殊群体关爱。"
               "深入推进儿童福利和未成年人保护工作,升级改造县级未成年人保护中心3个,新建乡镇(街道)未成年人保护工作站28个,"
               "实现乡镇(街道)全覆盖。落实孤儿、事实无人抚养儿童保障政策,发放基本生活保障金1560万元,惠及儿童1280名。")
    assert drafts(zongjie) == []
    # a sentence of the same summary with an explicit future word is still drafted
    assert [d[3] for d in drafts(zongjie + "\n二、明年工作打算\n2026年将新建社区养老服务站10个。")] == [Decimal(10)]


def test_a_table_of_several_cells_a_line_is_read_row_by_row():
    # 2025年象山县民生实事项目 (县政府网): "序号 | 项目名称 |" then one row a line; the line that opens the list
    # ("…确定2025年象山县民生实事项目,共15项,分别是:") gives the year
    xiangshan = ("1月23日,象山县第十九届人民代表大会第四次会议依法票决确定2025年象山县民生实事项目,共15项,分别是:\n"
                 "序号 | 项目名称 |\n"
                 "1 | 安康颐养项目:新改建农村互助颐养小院6个;为80周岁及以上老年人投保2.5万份意外伤害保险 |\n"
                 "3 | 名医下乡项目:建设名医基层工作站5个 |\n"
                 "4 | 村有医疗项目:新(改、扩)建村级医疗卫生机构27家 |")
    found = draft_targets(xiangshan, civil_affairs_only=False)  # (rows 3 and 4 are 卫健's: a profile leaves them)
    assert {(t.clause, t.threshold, t.unit, t.deadline) for t in found} >= {
        ("1", Decimal(6), "个", date(2025, 12, 31)), ("3", Decimal(5), "个", date(2025, 12, 31)),
        ("4", Decimal(27), "家", date(2025, 12, 31))}


def test_a_table_of_one_cell_a_line_without_bars_reads_its_due_column_and_leaves_its_progress_out():
    # 杭州市西湖区民政局2024年重点工作任务(民生实事项目)一季度进展表: no "|", a row may leave cells out; 计划完成时间
    # "11月底前" is that month's end, an empty one the year's end; the 进展情况 cells ("3个点位已完成建设") are status
    xihu = ("序号\n重点工作任务(民生实事项目)\n牵头单位\n负责科室\n负责人\n计划完成时间\n进展情况(一季度)\n"
            "1\n新增老年食堂(助餐点)15个\n区民政局\n养老服务科\n何滢\n11月底前\n"
            "其中北山街道1个,西溪街道1个,灵隐街道1个,翠苑街道2个,其中3个点位已完成建设。\n"
            "2\n新增认知障碍照护专区床位100张\n10月底前\n目前已完成选址,目前已完成20张专区床位建设。\n"
            "3\n建成启用区级老年活动中心\n目前正在进行主体建筑装修阶段。\n"
            "4\n新增养老机构护理型床位500张\n目前已在杭州金色年华老年公寓完成500张护理型床位建设。\n")
    found = {(t.clause, t.threshold, t.unit, t.deadline) for t in draft_targets(xihu, date(2024, 4, 22))}
    assert found >= {("1", Decimal(15), "个", date(2024, 11, 30)), ("2", Decimal(100), "张", date(2024, 10, 31)),
                     ("4", Decimal(500), "张", date(2024, 12, 31))}
    assert not {f for f in found if f[1] in (Decimal(3), Decimal(20))}  # progress cells: done, not aimed at


# --- session 8, seventh round (h20t): set 14 read; a money figure keeps its own denominator (checked on sets 0–13) ---


def test_a_fee_ceiling_keeps_the_denominator_written_after_its_money():
    # 惠州 免除殡葬基本服务费用 (惠州市民政局 2025, traditional characters as stored): "不高于1780元/具" is a ceiling
    # per body, not 1780 元
    huizhou = ("上述服務項目由惠州市各殯儀館免費提供,財政按照不高于1780元/具據實補貼。")
    found = draft_targets(huizhou)
    assert [(t.comparator, t.threshold, t.unit) for t in found] == [("lte", Decimal(1780), "元/具")]
    # a count is not changed: "/" after a count of people is not read as its denominator
    assert [t.unit for t in draft_targets("到2025年,全县新建养老床位不少于300张。")] == ["张"]


def test_a_fee_schedules_priced_items_are_its_standards_with_no_comparator_word():
    # 勃利县减免基本殡葬服务费用实施办法 (2025, traditional characters as stored): each free item's price per day, body
    # or month is the schedule's standard ('eq', its denominator kept); a price per hour is not read
    boli = ("   (二)減免項目\n"
            "    1.遺體接運費(勃利縣區域內遺體接運免費);\n"
            "    2.遺體存放費(惠民廳100元/天或固定冷藏柜3元/小時,限三天以內或72小時);\n"
            "    3.遺體火化費(普通火化爐240元/具);\n"
            "    4.骨灰寄存費(普通寄存格位5元/月,限一年以內)。")
    found = draft_targets(boli)
    assert {(t.comparator, t.threshold, t.unit) for t in found} == {
        ("eq", Decimal(100), "元/天"), ("eq", Decimal(240), "元/具"), ("eq", Decimal(5), "元/月")}


def test_bu_chao_without_guo_is_a_ceiling():
    # 两当县婚俗改革 (转载报道): "礼金不超50元" is a ceiling as "不超过"
    liangdang = "走進城關鎮城關村,村規民約公示欄里清晰標注著彩禮上限6萬元、婚宴不超15桌、禮金不超50元等內容。"
    assert ("lte", Decimal(50), "元") in {(t.comparator, t.threshold, t.unit) for t in draft_targets(liangdang)}


def test_feng_ding_after_a_figure_is_a_ceiling():
    # 《五华县免除户籍人口殡葬基本服务费用实施方案》解读 (traditional characters as stored): "300元封顶" is 'lte 300 元'
    wuhua = "2.遺體存放(不超過3天):300元封頂;"
    assert [(t.comparator, t.threshold, t.unit) for t in draft_targets(wuhua)] == [("lte", Decimal(300), "元")]


# --- session 9, round 1 (t15): rules learnt on set 15, read this round ------------------------------------------


def test_a_money_standard_per_person_keeps_its_month_or_year_in_the_unit():
    # 《福建省加强孤独症儿童关爱服务的若干措施》 (光明网转载): 每人每月 / 每年 give the period of each ceiling; the second
    # figure of a clause pair ("每年不超过1.7万元") is per person too
    fujian = ("康复服务补助标准按每人每月不超过1700元,每年不超过1.7万元执行;贫困残疾儿童康复服务补助标准按每人每月不超过"
              "2000元,每年不超过2万元执行。")
    assert [(t.comparator, t.threshold, t.unit) for t in draft_targets(fujian)] == [
        ("lte", Decimal(1700), "元/人/月"), ("lte", Decimal(17000), "元/人/年"),
        ("lte", Decimal(2000), "元/人/月"), ("lte", Decimal(20000), "元/人/年")]
    # 长春《关于关爱救助孤独症儿童的意见》(健康报转载): money per person with no comparator word is the amount granted
    changchun = "近日从吉林省长春市政府常务会议上获悉,根据会议通过的《关于关爱救助孤独症儿童的意见》,该市孤独症儿童每人每年将获4000元康复补贴。"
    assert [(t.comparator, t.threshold, t.unit) for t in draft_targets(changchun)] == [("eq", Decimal(4000), "元/人/年")]
    # a ratio of people per 万 residents keeps its unit and its county level (unchanged)
    assert drafts("到2025年,每万城镇常住人口拥有社区工作者不低于25人。")[0][1:5] == ("county", "gte", Decimal(25), "人/万人")


def test_a_facility_projects_investment_floor_area_and_beds_are_its_targets():
    # 渝中区启动小泉福利院改扩建工程 (渝中区民政局 2015): beds due at the end of the year of expected completion,
    # the planned investment with no deadline (万元 → 元)
    yuzhong = ("为提高机构养老服务水平,渝中区启动小泉福利院改扩建工程。该工程将原有的小泉福利院改扩建成拥有300张床位的公办示范性"
               "福利院,预计投入3020万元,预计2016年完工,目前,已完成平基工程施工。")
    assert [(t.level, t.comparator, t.threshold, t.unit, t.deadline) for t in draft_targets(yuzhong)] == [
        ("county", "eq", Decimal(300), "张", date(2016, 12, 31)), ("county", "eq", Decimal(30200000), "元", None)]
    # 长寿区救助站改迁工程 (2024): '约' is at least; "拟将已建成的…改建为" names the building reused, not a status
    changshou = ("为切实提升社会救助基本工作条件,拟将已建成的我区黄桷湾便民服务中心改建为区救助管理站暨区未成年人救助保护中心,"
                 "项目名称为长寿区救助站改迁工程。项目总投资估算约450万元,建筑面积约1500㎡,建设50张床位,配备接待大厅、值班室等场地。")
    assert {(t.comparator, t.threshold, t.unit) for t in draft_targets(changshou)} == {
        ("gte", Decimal(4500000), "元"), ("gte", Decimal(1500), "平方米"), ("eq", Decimal(50), "张")}
    # 鄂州市救助管理服务中心综合体 开工 (2023, traditional characters as stored): the total floor area and each part's
    # beds (alike figures of one sentence are two targets); the site (总用地面积), one building's area in the
    # breakdown (其中:…建筑面积) and the design parameters are not targets
    ezhou = ("該項目位于鄂州市葛山大道北側,總用地面積30畝,總建筑面積25251.05平方米,其中:綜合樓建筑面積3379.28平方米,"
             "未成年人救助保護中心建筑面積1513.22平方米,床位100張;流浪乞討人員救助管理服務中心建筑面積1513.22平方米,床位100張;"
             "精神障礙患者福利中心建筑面積12962.98平方米,床位310張。項目建筑密度22.8%,綠地率30%,容積率1.03。")
    assert [(t.comparator, t.threshold, t.unit) for t in draft_targets(ezhou)] == [
        ("eq", Decimal("25251.05"), "平方米"), ("eq", Decimal(100), "张"), ("eq", Decimal(100), "张"),
        ("eq", Decimal(310), "张")]
    # 厦门 第二救助管理站 (2012): the new station's design beds and planned investment; the building in use (新大楼…
    # 共设有床位276张) is told, not aimed at
    xiamen = ("根據初步規劃,第二救助管理站項目設計床位600張,計劃投資5000萬元。目前,該項目正在落實用地置換工作。"
              "新大樓投資2766萬元,總建筑面積10787平方米,共設有床位276張,其中未成年人床位204張,成年人床位72張。")
    assert [(t.comparator, t.threshold, t.unit) for t in draft_targets(xiamen)] == [
        ("eq", Decimal(600), "张"), ("eq", Decimal(50000000), "元")]
    # 竹溪县城区福利院落成: a facility finished, its beds told
    assert draft_targets("近日,湖北省竹溪县财政、民政部门共同投资新建的城区福利院落成,新增床位56张,将成为孤寡老人的“幸福院”。") == []


def test_each_place_must_have_one_and_a_population_that_says_which_places_is_no_target():
    # 《福建省加强孤独症儿童关爱服务的若干措施》: "要有1所" is one per place (eq), "至少有1所" at least one; "常住人口30万人
    # 以上的县(市)" says which counties, not a target
    fujian = ("到2025年,每个设区市要有1所市级医疗机构能够开展孤独症儿童诊断康复工作,常住人口30万人以上的县(市)要有1所医疗机构"
              "能够开展孤独症儿童诊断康复工作,每个县(市、区)至少有1所残疾儿童康复救助服务协议管理机构。")
    end = date(2025, 12, 31)
    assert drafts(fujian) == [("", "county", "eq", Decimal(1), "所", end), ("", "county", "eq", Decimal(1), "所", end),
                              ("", "county", "gte", Decimal(1), "所", end)]
    # 安徽省生活无着人员社会救助实施办法 (中彩网转载): "每个县(市)都有一所" in Chinese numerals; the planned investment (将投资)
    # has no deadline
    anhui = ("提出2013年将投资1亿元新建56个县级生活无着的流浪乞讨人员救助场所,新建床位1680张,实现全省每个县(市)都有一所设施完备,"
             "为城镇生活无着的流浪乞讨人员无偿提供临时生活救助的救助场所。")
    found = drafts(anhui)
    assert ("", "county", "eq", Decimal(1), "所", date(2013, 12, 31)) in found
    assert ("", "county", "eq", Decimal(100000000), "元", None) in found


def test_money_given_to_each_unit_is_an_amount_granted():
    # 山东省民政厅 养老护理员培训资金 (2017, set 14 — not read this round; the rule was found on set 15's 文山 儿童之家
    # "给予每个“儿童之家”3万元", a status sentence there): 给予 per unit is 'eq' as 资助/补助
    shandong = "对于开设养老服务相关专业的高等院校、中职院校,省级对每处设立养老服务专业的院校给予100万元奖补。"
    assert drafts(shandong) == [("", "county", "eq", Decimal(1000000), "元", None)]


def test_a_projects_beds_in_a_later_sentence_of_its_paragraph_and_their_breakdown():
    # 云霄县社会福利中心二期工程 (漳州新闻转载 2016, traditional characters as stored): the project is named in the
    # paragraph's first sentence; the total beds and each part's beds, due by the expected completion (2017年3月竣工)
    yunxiao = ("8月29日,總投資900萬元的云霄縣社會福利中心二期工程——兒童福利部暨光榮院綜合樓啟動建設啦!\n"
               "該項目占地面積679.2平方米,共5層,建筑面積2959.85平方米。平面布置有康復室、理療室、多功能廳等一系列功能房間,"
               "總設置100張床位(其中兒童福利部60張床位,光榮院40張床位)。\n"
               "“目前,我們已完成一層柱鋼筋安裝工作。預計將于2017年3月竣工。”")
    end = date(2017, 12, 31)
    assert drafts(yunxiao, issued_on=date(2016, 8, 31)) == [
        ("", "county", "eq", Decimal(9000000), "元", None), ("", "county", "eq", Decimal("2959.85"), "平方米", end),
        ("", "county", "eq", Decimal(100), "张", end), ("", "county", "eq", Decimal(60), "张", end),
        ("", "county", "eq", Decimal(40), "张", end)]


def test_a_second_project_after_a_semicolon_is_read_past_the_first_ones_breakdown():
    # 彝良获2018年中央预算内专用资金 (昭通新闻网): two projects in one sentence; the first's funding shares (其中中央预算内
    # 投资1120万元, 地方投资630万元) are not targets, the second's scale and investment after the "；" are; completion
    # (2019年3月建成) dates the areas, not the money
    yiliang = ("彝良县殡仪馆、彝良县骨灰堂两个项目建设地点为彝良县角奎镇漆树村韩家营。彝良县殡仪馆建设规模为7000平方米,项目总投资"
               "1750万元,其中中央预算内投资1120万元,地方投资630万元;彝良县骨灰堂建设规模为3000平方米,项目总投资600万元,其中中央"
               "预算内投资480万元,地方投资120万元。\n目前,两个项目初步设计已完成,预计2018年4月开工建设,2019年3月建成投入使用。")
    end = date(2019, 12, 31)
    assert drafts(yiliang, issued_on=date(2018, 3, 12)) == [
        ("", "county", "eq", Decimal(7000), "平方米", end), ("", "county", "eq", Decimal(17500000), "元", None),
        ("", "county", "eq", Decimal(3000), "平方米", end), ("", "county", "eq", Decimal(6000000), "元", None)]


def test_a_project_of_a_years_list_falls_due_at_that_years_end_and_its_money_about_is_at_least():
    # 石狮市社会福利中心儿童院修缮项目 (闽南网转载 2021): "共计" is the project's sum, not a status; "60万余元" is at least;
    # the project stands in the year's 为民办实事 list named in the opening sentence
    shishi = ("作为石狮市2021年为民办实事项目之一,近日,石狮市社会福利中心儿童院修缮项目正式启动,为孤残儿童生命安全保驾护航。\n"
              "石狮市社会福利中心负责人表示,修缮项目将主要针对儿童院钢筋裸露锈蚀、墙皮脱落、渗水等问题进行修补。"
              "据称,此次修缮建筑面积共计785平方米,项目总投资预计60万余元。")
    assert drafts(shishi) == [("", "county", "eq", Decimal(785), "平方米", date(2021, 12, 31)),
                              ("", "county", "gte", Decimal(600000), "元", None)]


def test_a_money_standard_said_again_in_a_later_sentence_is_drafted_once():
    # 长春《关于关爱救助孤独症儿童的意见》(健康报转载): the headline's 4000元 and the body's 标准 are one target
    changchun = ("近日从吉林省长春市政府常务会议上获悉,根据会议通过的《关于关爱救助孤独症儿童的意见》,该市孤独症儿童每人每年将获4000元"
                 "康复补贴。\n该市要求,对户籍在长春市各城区、开发区的2~6周岁孤独症儿童,按照每人每年4000元的标准给予康复补贴。")
    assert drafts(changchun) == [("", "county", "eq", Decimal(4000), "元/人/年", None)]


def test_a_pace_of_work_is_no_target():
    # 文山州 儿童之家 (文山州妇联 2016): "以每年建设20个…的工作进度" is how fast, the 全覆盖 by 2020 is the target
    wenshan = "今后,文山州将以每年建设20个“儿童之家”的工作进度,以点带面,全面推进,到2020年,基本实现全州社区“儿童之家”建设全覆盖。"
    assert drafts(wenshan) == [("", "community", "present", None, "", date(2020, 12, 31))]


def test_a_progress_reports_task_counts_are_the_years_targets_and_what_is_done_is_not():
    # 萧县9月份民生工程进展情况 (萧县民生办 2025-10-09): "N个…已完成M个(50%)" and "N个…正在施工中(90%)" — the task's N
    # is the year's target, due at its end; the M done, the rates and "预计10月底前" are status
    xiaoxian = ("萧县9月份民生工程进展情况\n"
                "剩余8项中,2个嵌入式养老机构建设已完成1个(50%)、15个农村幸福院建设已完成8个(53%),263场送戏进万村已送230场(87%),"
                "这5项预计10月底前全部完成;1170件困难群体法律援助已完成948件(81%),6个老旧小区改造正在施工中(90%)"
                "这3项预计11月底前全部完成。")
    end = date(2025, 12, 31)
    assert all_drafts(xiaoxian, issued_on=date(2025, 10, 9)) == [
        ("", "county", "eq", Decimal(n), unit, end) for n, unit in ((2, "个"), (15, "个"), (263, "场"), (1170, "件"), (6, "个"))]
    # 15个居委会完成改扩建,16个居委会正在施工中: what is under way, with no task named, is status
    assert all_drafts("2012年社区建设推进情况\n15个居委会完成改扩建,16个居委会正在施工中。", issued_on=date(2012, 6, 1)) == []


# --- session 9, round 2 (t1617): sets 16 and 17 read ---------------------------------------------------------------


def test_a_figure_reached_or_a_coverage_achieved_with_no_word_of_aim_is_status():
    # 海南日报 2022-12-30 (新华网转载): the headline and the body report what was reached
    hainan = ("全省持证社会工作者专业人才达9900人\n"
              "据了解,过去两年,省民政厅认真贯彻落实省委、省政府决策部署,加大社会工作人才培训力度,累计培训超过13000人,"
              "全省社会工作专业人才数量达到9900余人。其中,持证社会工作者人数由893人增长到2204人,增长率达到147%;")
    assert drafts(hainan, issued_on=date(2022, 12, 30)) == []
    # 临清 (转载报道), 泉州晚报 2023-03-23: coverage achieved
    assert drafts("至此,临清市16个镇街实现社工服务站全覆盖。") == []
    assert drafts("此外,我市还在全省率先实现乡镇(街道)社工站全覆盖,建成12个县级社会工作服务指导中心、163个镇街社会工作服务站、"
                  "1101个社区社工室,配备驻站社工近400人,投入购买服务资金6000多万元,", issued_on=date(2023, 3, 23)) == []
    # 中新网 2024-08-22 (宁夏): in a year's plan, last year's figures reached stay status
    ningxia = ("今年宁夏计划争取资金上亿元支持养老服务发展\n"
               "2023年,宁夏健康养老产业服务类机构达到5892个,从业人数8.6万人,实现营业收入488.6亿元,同比增长12.20%;"
               "护理型床位由2022年的41%提升到63.2%,社区日间照料机构和设施覆盖率由2022年的37%提升到87.5%。")
    assert [d for d in drafts(ningxia, issued_on=date(2024, 8, 22)) if d[3] in (5892, Decimal("63.2"), Decimal("87.5"))] == []
    # 长春晚报 2017: a population reached and its share of the whole population are status
    assert drafts("就长春而言,60岁及以上老年人口达到148万人,占全市总人口的19.69%。", issued_on=date(2017, 1, 1)) == []
    # with a word of aim in the sentence or its paragraph the same words are a target (龙山, 海南 未保)
    assert drafts("到2023年实现乡镇(街道)未保工作站全覆盖") == [("", "town", "present", None, "", date(2023, 12, 31))]


def test_news_of_this_years_list_dates_what_it_says_will_be_done_at_the_years_end():
    # 中新网 2024-03-08 (新疆 2024年十件民生实事·养老“三个一”)
    xinjiang = ("当日,新疆维吾尔自治区人民政府新闻办公室举行新闻发布会,介绍自治区2024年十件民生实事情况。\n"
                "中新网乌鲁木齐3月8日电(胡嘉琛) “新疆将因地制宜建设1万个老年助餐服务点,实施1万户特殊困难老年人家庭适老化改造,"
                "建成100个乡镇、街道区域养老服务中心(社区老年人日间照料中心)。”")
    end = date(2024, 12, 31)
    assert drafts(xinjiang, issued_on=date(2024, 3, 8)) == [("", "county", "eq", Decimal(10000), "个", end),
                                                            ("", "county", "eq", Decimal(10000), "户", end),
                                                            ("", "county", "eq", Decimal(100), "个", end)]
    # an earlier year's list named in passing dates nothing
    assert drafts(xinjiang.replace("2024年", "2023年"), issued_on=date(2024, 3, 8))[0][5] is None


def test_a_standard_keeps_the_span_it_is_given_for_in_its_unit():
    # 天津市《深化推进老年助餐服务工作实施方案》(养老信息网简讯): 每餐 → 元/餐, 一周 → 次/周
    assert drafts("补贴包括助餐补贴和食堂运营补贴,就餐者每餐补贴3元,一周不超过5次。") == [
        ("", "county", "eq", Decimal(3), "元/餐", None), ("", "county", "lte", Decimal(5), "次/周", None)]


def test_a_facility_standard_is_at_the_tier_its_noun_names():
    # 乌鲁木齐 社区养老服务设施 (2021年民生建设十大实事, 转载): a 街道 centre's area and beds are the town tier's
    urumqi = "街道养老服务中心一般以街道为服务半径,建筑面积750平方米以上,至少设置10张及以上养老床位,具备全托、日托、上门服务、示范指导等多项服务功能。"
    assert drafts(urumqi) == [("", "town", "gte", Decimal(750), "平方米", None),
                              ("", "town", "gte", Decimal(10), "张", None)]


def test_a_count_after_a_verb_with_a_second_verb_in_brackets_is_a_goal_count():
    # 乌鲁木齐 (2021年民生建设十大实事, 转载): "新建(改造)94个", due at the year's end
    urumqi = ("乌鲁木齐计划新建(改造)94个社区养老服务设施\n"
              "社区养老工程是乌鲁木齐2021年民生建设十大实事之一。1月27日,记者从乌鲁木齐市民政局获悉,今年将进一步推进社区养老服务工作,"
              "计划新建(改造)94个社区养老服务设施。")
    assert drafts(urumqi, issued_on=date(2021, 1, 27)) == [("", "county", "eq", Decimal(94), "个", date(2021, 12, 31))]


def test_funds_sought_are_an_amount_and_a_past_years_figures_stay_status_in_a_paragraph_that_looks_ahead():
    # 中新网 2024-08-22 (宁夏养老服务业博览会发布会)
    sought = ("2024年,宁夏计划争取自治区彩票公益金1.32亿元支持养老服务发展,争取中央集中彩票公益金940万元支持养老服务,"
              "争取中央专项彩票公益金1136万元支持中卫市开展居家和社区基本养老服务提升行动项目,争取中央预算内投资项目资金1199万元,"
              "支持银川市兴庆区中山南街综合养老服务中心建设。")
    end = date(2024, 12, 31)
    assert drafts(sought, issued_on=date(2024, 8, 22)) == [
        ("", "county", "eq", Decimal(n), "元", end) for n in (132000000, 9400000, 11360000, 11990000)]
    past = ("截至2023年底,宁夏共有60岁以上老年人口110.6万人,占总人口的15.7%;预计2025年,宁夏老年人口将超过120万人。"
            "2023年,宁夏健康养老产业服务类机构达到5892个,从业人数8.6万人,实现营业收入488.6亿元,同比增长12.20%;"
            "护理型床位由2022年的41%提升到63.2%,社区日间照料机构和设施覆盖率由2022年的37%提升到87.5%。")
    assert [d for d in drafts(past, issued_on=date(2024, 8, 22))
            if d[3] in (5892, Decimal("63.2"), Decimal("87.5"))] == []


def test_a_target_said_first_with_no_date_takes_the_date_it_is_given_when_said_again():
    # 鄂尔多斯市民政局 工作动态 2022-06-20: the purpose of the meeting, then what it asks, 年内
    ordos = ("按照自治区民政厅和市委、市政府关于五社联动工作的部署要求,为推动全市苏木乡镇社工站建设和五社联动社会工作服务项目实施全覆盖,"
             "确保高质量完成五社联动工作任务,617日,鄂尔多斯市民政局召开了全市社工站建设暨五社联动社会工作服务项目工作部署视频会议。\n"
             "会议强调,各旗区要认真落实自治区民政厅、市委市政府关于五社联动工作的部署要求,建立健全机制体制,细化工作举措,"
             "加快推进苏木乡镇社工站标准化建设和五社联动社会工作服务试点项目政府采购手续,"
             "确保年内完成苏木乡镇社工站建设和五社联动社会工作服务项目实施全覆盖任务目标。")
    found = drafts(ordos, issued_on=date(2022, 6, 20))
    assert ("town_station_coverage", "town", "present", None, "", date(2022, 12, 31)) in found
    assert ("town_station_coverage", "town", "present", None, "", None) not in found


def test_a_coverage_said_only_of_named_districts_is_the_countys_reported_figure():
    # 天津市民政局 街道(乡镇)社工站建设推动会 (转载报道 2022-03-09)
    tianjin = "今年,社工站建设进度按下“快进键”,年底前滨海新区、市内六区、环城四区街道(乡镇)社工站服务要实现全覆盖。"
    assert drafts(tianjin, issued_on=date(2022, 3, 9)) == [("", "county", "present", None, "", date(2022, 12, 31))]


def test_counts_after_a_verb_pair_and_a_total_of_people_in_a_clause_with_no_station():
    # 闽宁“牵手计划” (中国新闻网转载, 宁夏民政厅): 培育发展5家; the 30 people are the whole programme's, not a station's
    minning = ("宁夏民政厅供图此外,福建还将支援宁夏建设5个乡镇社会工作服务站,培育发展5家社会工作服务机构,"
               "培养社会工作专业人才不少于30名,培训社会工作人员不少于人次,全面提升宁夏社会工作专业服务能力和水平。")
    found = drafts(minning)
    assert ("", "county", "eq", Decimal(5), "家", None) in found
    assert ("", "county", "gte", Decimal(30), "名", None) in found
    assert not [d for d in found if d[0] == "station_professionals"]


def test_coverage_of_all_the_places_of_a_named_district():
    # 某“新城区”“十四五”民政事业发展规划 (转载页第6页): 覆盖到…所有的镇(街道)
    assert drafts("到2025年末,“五社联动”社会工作服务项目覆盖到新城区所有的镇(街道)。") == [
        ("", "town", "present", None, "", date(2025, 12, 31))]


# --- session 9, round 3 (t1819): readers from sets 18 and 19, each tested on the stored sentence ---------------


def test_a_phases_figure_takes_the_year_before_it_in_its_own_clause():
    # 河南省社会工作专业人才队伍建设中长期规划(2011~2020年) 发布报道 (郑州日报, 清流社工网转载)
    henan = "全省社会工作专业人才总量2015年达到3.5万人,2020年达到10万人。"
    assert drafts(henan, issued_on=date(2012, 7, 9)) == [
        ("", "county", "gte", Decimal(35000), "人", date(2015, 12, 31)),
        ("", "county", "gte", Decimal(100000), "人", date(2020, 12, 31))]


def test_the_parts_listed_after_a_total_reached_take_its_comparator():
    # 河南 (as above): 其中 … 约500人; 分别为1.2万人、1800人
    lead = ("《规划》制定了我省社工发展目标:到2015年,社会工作专业人才总量达到3.5万人,其中具有社会工作师职业水平证书或达到"
            "同等能力素质的中级社会工作专业人才约3000人,高级社会工作专业人才约500人。")
    found = drafts(lead, issued_on=date(2012, 7, 9))
    assert ("", "county", "gte", Decimal(500), "人", date(2015, 12, 31)) in found
    assert ("", "county", "eq", Decimal(500), "人", date(2015, 12, 31)) not in found
    later = "到2020年,总量达到10万人,中、高级社会工作专业人才分别为1.2万人、1800人。"
    found = drafts(later, issued_on=date(2012, 7, 9))
    assert ("", "county", "gte", Decimal(12000), "人", date(2020, 12, 31)) in found
    assert ("", "county", "gte", Decimal(1800), "人", date(2020, 12, 31)) in found
    # 签约 is no 约: "今年计划新签约1000张家庭养老床位" (大连 2023) stays the planned count
    assert ("", "county", "eq", Decimal(1000), "张", date(2023, 12, 31)) in drafts(
        "今年计划新签约1000张家庭养老床位,面向特殊困难老年人家庭实施适老化改造。", issued_on=date(2023, 2, 1))


def test_an_item_numbered_with_no_separator_is_a_clause():
    # 某地中长期人才发展规划纲要 (转载页第7页): "6加强社会工作人才队伍建设。…"
    text = ("6加强社会工作人才队伍建设。适应率先构建社会主义和谐社会的需要,以人才培养和岗位开发为基础。"
            "2015年,专业社会工作者达到5万人,社会工作人才总量达到20万人。")
    found = draft_targets(text)
    assert [(d.clause, d.threshold, d.deadline) for d in found] == [
        ("6", Decimal(50000), date(2015, 12, 31)), ("6", Decimal(200000), date(2015, 12, 31))]


def test_su_exceeds_as_chao_guo():
    # 江苏“十四五”社会工作专业人才发展规划 发布会 (2022): 要超10万人 is 'gt'
    text = "《规划》提出5项量化指标,包括:到2025年,全省持证社工人数要超10万人;累计培养社会工作领军人才、督导人才各150名。"
    assert ("", "county", "gt", Decimal(100000), "人", date(2025, 12, 31)) in drafts(text, issued_on=date(2022, 1, 6))


def test_a_deadline_opened_by_zhi_and_a_plan_period_named_with_its_plan():
    # 深圳社区服务中心 (《中国社会工作》2015): ",至2015年底,"; 珠三角社区服务中心 (电子书): 在“十二五”规划期间
    text = "根据《深圳市社区服务“十二五”规划》,至2015年底,中心将达到700家,实现“一社区一中心”的全覆盖。"
    found = drafts(text, issued_on=date(2015, 3, 1))
    assert ("", "county", "gte", Decimal(700), "家", date(2015, 12, 31)) in found
    assert ("", "community", "present", None, "", date(2015, 12, 31)) in found
    plan = ("根据社区服务的“十二五”规划,按照基本公共服务均等化的原则,逐步完善社区公共服务设施,以1.5万~2万人为规划范围,"
            "在“十二五”规划期间计划建成700家社区服务中心。")
    assert ("", "county", "eq", Decimal(700), "家", date(2015, 12, 31)) in drafts(plan)


def test_what_was_done_since_a_year_up_to_now_is_status():
    # 重庆“三区”计划 (期刊摘要): "2013年至今,…共选派357名社会工作人才进驻乡村"
    text = ("2013年至今,重庆市累计投入1685万元在万州、黔江、涪陵等17个区县(自治县)立项实施77个\"三区\"计划暨深度贫困乡镇"
            "社会工作服务项目,共选派357名社会工作人才进驻乡村")
    assert drafts(text) == []


def test_a_contest_round_its_money_its_selections_and_its_ceilings():
    # 广州 第七届社会组织公益创投 (南方网 2020-03-10): the round's money this year, a ceiling raised read once
    guangzhou = ("最高资助50万!广州市社会组织公益创投活动启动\n"
                 "3月9日,笔者从会上获悉,第七届广州市社会组织公益创投活动正式启动,将投入福利彩票公益金1800万元,"
                 "支持广州社会组织开展公益项目,单个项目最高可获50万元。\n"
                 "一是目标更聚焦。今年的项目资助将更加聚焦社会组织复工复产和参与脱贫攻坚目标。"
                 "为提升项目资金效果,本届单个项目资助上限由30万元提至50万元。")
    assert drafts(guangzhou, issued_on=date(2020, 3, 10)) == [
        ("", "county", "lte", Decimal(500000), "元", None),
        ("", "county", "eq", Decimal(18000000), "元", date(2020, 12, 31))]
    # 温州 第一届社会组织公益创投大赛 (温州商报 2021-02-01): the round's 实施时间 dates its money and prizes
    wenzhou = ("我市首届社会组织公益创投大赛启动项目征集\n"
               "据悉,本次社会组织公益创投大赛由温州市民政局主办,公益创投大赛和项目实施时间为2021年1月至12月。\n"
               "另外,本次大赛将在市福利彩票公益金中安排资金100万元,市社会组织发展基金会以网络配资形式参与,最终选出金奖2个,"
               "银奖3个,铜奖若干个,进行授牌表彰。")
    assert drafts(wenzhou, issued_on=date(2021, 2, 1)) == [
        ("", "county", "eq", Decimal(1000000), "元", date(2021, 12, 31)),
        ("", "county", "eq", Decimal(2), "个", date(2021, 12, 31)),
        ("", "county", "eq", Decimal(3), "个", date(2021, 12, 31))]
    # 广州 第三届福彩公益金慈善项目大赛 (2017, 繁体 as stored): 最高…达20萬元 is a ceiling; no year, no deadline
    cishan = ("第三屆廣州市福彩公益金慈善項目大賽啟動 征集慈善點子 最高資助20萬\n"
              "本報綜合消息 據悉,本次大賽將最終評選出20 個優秀項目,并給予資金支持,單個項目的 最高資助金額達20萬元。")
    assert drafts(cishan) == [("", "county", "lte", Decimal(200000), "元", None),
                              ("", "county", "eq", Decimal(20), "个", None)]
    # 宜兴 福彩公益金公益创投 (宜兴日报 2019-11-27): the money falls due with the span of the projects it funds (the
    # headline's money dated by the body), the projects to collect 'gte' (约) this year
    yixing = ("宜兴拟出资300万福彩公益金支持公益项目\n"
              "据宜兴市民政局消息:宜兴市福彩公益金拟出资300万元购买公共服务,面向全市社会组织公开征集约35个公益项目,"
              "每个项目扶植期为一年(2020年1月至12月)。\n"
              "8年来,福彩公益金累计投入2000万元,先后扶持302个项目,惠泽群众110万人次。今年,宜兴市将面向各类社会组织征集约35个公益项目。")
    assert drafts(yixing, issued_on=date(2019, 11, 27)) == [
        ("", "county", "eq", Decimal(3000000), "元", date(2020, 12, 31)),
        ("", "county", "gte", Decimal(35), "个", date(2019, 12, 31))]


def test_a_contest_rounds_past_and_a_headline_over_money_spent_are_not_read():
    # 善行贵州 (中新网改写页): the first round's selection is told; 湖南福彩 2016: a headline over a status report
    guizhou = ("2020第二届“善行贵州”公益项目大赛起航\n"
               "年,第一届善行贵州·; 创益青春慈善公益项目大会召开,最终从65个参与项目中选出12个项目落地实施。"
               "其中,金奖2人,银奖4人,铜奖6人。资助金额最高不超过50万元。")
    assert drafts(guizhou) == [("", "county", "eq", Decimal(2), "人", None), ("", "county", "eq", Decimal(4), "人", None),
                               ("", "county", "eq", Decimal(6), "人", None),
                               ("", "county", "lte", Decimal(500000), "元", None)]
    hunan = ("湖南投入5000万福彩公益金培育社会组织\n"
             "在刚刚过去的2015年,省财政福彩公益金列支5000万元,用于支持各地社会组织孵化基地建设。")
    assert drafts(hunan, issued_on=date(2016, 5, 3)) == []


def test_a_one_each_coverage_said_with_quan_fu_gai_is_one_target():
    # 深圳社区服务中心 (《中国社会工作》2015): 实现“一社区一中心”的全覆盖
    found = drafts("根据《深圳市社区服务“十二五”规划》,至2015年底,中心将达到700家,实现“一社区一中心”的全覆盖。",
                   issued_on=date(2015, 3, 1))
    assert [d for d in found if d[2] == "present"] == [("", "community", "present", None, "", date(2015, 12, 31))]


def test_a_coverage_aimed_at_a_plans_end_is_a_target():
    # 巴中 2021 (巴中日报): 到“十四五”末实现全市街道(乡镇)社会工作服务站全覆盖, in a sentence about this year's pilots
    text = ("在巴州区回风街道等12个街道(乡镇)实施2021年省、市级社会工作服务体系建设试点项目,带动运行一批社会工作服务站点"
            "(简称“社工站”),到“十四五”末实现全市街道(乡镇)社会工作服务站全覆盖。")
    assert drafts(text, issued_on=date(2021, 7, 6)) == [
        ("town_station_coverage", "town", "present", None, "", date(2025, 12, 31))]


def test_every_place_of_a_tier_setting_one_up_and_the_figures_of_its_sentence():
    # 陕西 社区志愿服务意见 (陕西日报 2016): the headline's tier coverage takes the body's date; 1-2家 per urban community
    text = ("陕西省城市社区志愿服务站将实现全覆盖\n"
            "省民政厅、省文明办近日联合印发《关于进一步加强社区志愿服务工作的意见》,明确提出到2020年,全省城市社区都将建立"
            "志愿服务站,配备专兼职工作人员,培育孵化1-2家社区志愿服务组织。")
    assert drafts(text, issued_on=date(2016, 5, 1)) == [
        ("", "urban_community", "present", None, "", date(2020, 12, 31)),
        ("", "urban_community", "gte", Decimal(1), "家", date(2020, 12, 31))]


def test_a_figure_straight_after_a_verb_done_is_status():
    # 2023年“江淮社工周” (中国网·移动安徽): posts a job fair offered
    text = ("此次活动由省民政厅、合肥市民政局主办,现场同步举办全省社会工作行业专场招聘会,省内51家社会工作服务机构、公益服务组织"
            "提供了超过200个优质社工岗位,为高校社会工作专业生源和社会工作市场需求搭建供需平台。")
    assert drafts(text, issued_on=date(2023, 3, 20)) == []


def test_one_social_worker_in_each_community_and_a_round_chinese_count_in_a_list():
    # 河南 社会工作专业人才规划 (清流社工网, noise strings kept): 2020年实现一社区一社工; 、百名…督导、
    text = ("《河南省社会工作专业人才队伍建设中长期规划(2011~2020年)》发布\n"
            "到2020年,培养和引进20名社会工作专业博士、百名社会工作专业督导、200名“双师型”专业教师。\n"
            "' X. v% P\" }7 m3 2020年实现一社区一社工6 Y2 S) J4 l l")
    found = drafts(text, issued_on=date(2012, 7, 9))
    assert ("", "county", "eq", Decimal(100), "名", date(2020, 12, 31)) in found
    assert ("", "community", "present", None, "", date(2020, 12, 31)) in found


def test_a_plan_cited_by_its_title_dates_the_figures_it_gives_with_no_date():
    # 深圳社区服务中心 (《中国社会工作》2015), the sentence without its ",至2015年底,": the plan's period ends in 2015
    text = "根据《深圳市社区服务“十二五”规划》,中心将达到700家,实现“一社区一中心”的全覆盖。"
    assert drafts(text, issued_on=date(2015, 3, 1)) == [
        ("", "county", "gte", Decimal(700), "家", date(2015, 12, 31)),
        ("", "community", "present", None, "", date(2015, 12, 31))]


def test_one_target_for_each_group_listed_before_ge_and_a_cumulative_goal_by_a_date_ahead():
    # 江苏“十四五”社会工作专业人才发展规划 发布会 (2022): 累计培养社会工作领军人才、督导人才各150名
    text = ("《规划》提出5项量化指标,包括:到2025年,全省持证社工人数要超10万人;累计培养社会工作领军人才、督导人才各150名; "
            "乡镇(街道)社会工作服务站点覆盖率达到100%。")
    found = drafts(text, issued_on=date(2022, 1, 6))
    assert found.count(("", "county", "eq", Decimal(150), "名", date(2025, 12, 31))) == 2
    # a cumulative count with no date ahead stays status (重庆“三区”计划: 累计投入…共选派357名)
    assert drafts("今年,累计培养社会工作领军人才、督导人才各150名。", issued_on=date(2022, 1, 6)) == []


def test_federations_of_every_town_said_as_a_coverage_and_set_up_by_the_towns():
    # 通州区 社区社会组织联合会 (北京社区报 2020, 新浪转载): the headline and the body are one town-level target
    text = ("通州区17个街乡年底将实现社区社会组织联合会全覆盖\n"
            "而到今年年底,通州区的17个街道、乡镇都将成立自己的社区社会组织联合会,这是记者昨天从通州区委社会工委区民政局获悉的。")
    assert drafts(text, issued_on=date(2020, 6, 1)) == [("federation", "town", "present", None, "", date(2020, 12, 31))]
    body = "而到今年年底,通州区的17个街道、乡镇都将成立自己的社区社会组织联合会。"
    assert drafts(body, issued_on=date(2020, 6, 1)) == [("federation", "town", "present", None, "", date(2020, 12, 31))]


# --- session 9, round 4 (t2021): rules learnt on sets 20 and 21 (sentences as the documents write them) -----------


def test_a_completion_tables_target_column_falls_due_at_the_end_of_the_year_its_title_names():
    # 郴州市民政局2015年“民生100工程”完成情况公示: 工作目标 holds the year's targets, 已完成数/占年度任务 the status;
    # a standard's period opens its name (月人均 → 元/人/月, 年分散供养标准 → 元/年)
    text = ("郴州市民政局2015年“民生100工程”完成情况公示\n考核指标 |\n计量单位 |\n工作目标 |\n已完成数 |\n占年度任务 |\n"
            "新增养老床位1671张 |\n张 |\n敬老院新增床位900张 |\n900 |\n100% |\n元 |\n"
            "确保农村五保户年分散供养标准不低于2640元 |\n2900 |\n110% |\n|\n确保城乡低保月人均救助水平 |\n元 |\n"
            "城市低保月人均保障标准不低于330元 |\n332.5 |\n100.76% |\n")
    found = drafts(text, issued_on=date(2015, 12, 8))
    assert ("", "county", "eq", Decimal(900), "张", date(2015, 12, 31)) in found
    assert ("", "county", "gte", Decimal(2640), "元/人/年", date(2015, 12, 31)) in found
    assert ("", "county", "gte", Decimal(330), "元/人/月", date(2015, 12, 31)) in found
    assert not [d for d in found if d[3] in (Decimal(2900), Decimal("332.5"))]  # the 已完成数 column is status


def test_an_indicator_table_in_columns_separated_by_spaces_is_read_row_by_row():
    # 某市“十四五”城乡社区服务体系建设规划·专栏1 主要指标: the row number is the clause, the 2025年 目标值 column the
    # goal (its sign kept, unsigned 'gte' or coverage), the 2020年 基期值 column status
    text = ("专栏1 “十四五”城乡社区服务体系建设主要指标\n序号 指 标 2020年 基期值 2025年 目标值 指标 属性\n"
            "1 农村社区综合服务设施覆盖率 100% 100% 预期性\n"
            "3 社区商业和综合服务设施面积占社区总建筑面积比例 — ≥10% 预期性\n"
            "4 每百户城乡居民拥有社区综合服务设施面积 30平方米 ≥30平方米 预期性\n"
            "7 每万城镇常住人口拥有社区工作者 14.3人 18人 预期性\n"
            "8 平均每个城市社区拥有“社工师”人数 2.5人 ≥3人 约束性\n二、优化城乡社区服务体系\n")
    due = date(2025, 12, 31)
    assert [(d.clause, d.indicator, d.level, d.comparator, d.threshold, d.unit, d.deadline)
            for d in draft_targets(text, None)] == [
        ("1", "", "rural_community", "present", None, "", due),
        ("3", "", "community", "gte", Decimal(10), "%", due),
        ("4", "", "community", "gte", Decimal(30), "平方米/百户", due),
        ("7", "", "county", "gte", Decimal(18), "人/万人", due),
        ("8", "", "urban_community", "gte", Decimal(3), "人", due)]


def test_a_reports_expected_goals_are_floors_and_the_paragraph_naming_this_years_list_goes_on_with_its_items():
    # 上海法治报 2022-01-12 (静安区 政府工作报告): 主要预期目标 (增长6%, 1600亿元) are 'gte'; the items that follow
    # "此外还公布2022年静安区为民办实事项目。" in its paragraph are the year's, 'eq', due at its end
    text = ("静安:今年为千户老年人居家适老化改造\n上海法治报 2022年01月12日\n"
            "根据政府工作报告,2022年静安经济社会发展的主要预期目标是:地区生产总值增长率与全市保持同步;区级一般公共预算收入增长6%;"
            "实现社会消费品零售总额1600亿元;全社会固定资产投资额增长8%以上;城镇登记失业人数、单位增加值能耗下降率均完成市下达目标。\n"
            "此外还公布2022年静安区为民办实事项目。包括推进“美丽家园”建设,实施旧住房修缮改造50万平方米。开工建设既有多层住宅加装电梯500台;"
            "推进“美丽街区”建设,完成28条道路大修。\n")
    due = date(2022, 12, 31)
    found = all_drafts(text, issued_on=date(2022, 1, 12))
    assert ("", "county", "gte", Decimal(6), "%", due) in found
    assert ("", "county", "gte", Decimal(160000000000), "元", due) in found
    assert ("", "county", "gte", Decimal(8), "%", due) in found
    assert ("", "county", "eq", Decimal(500000), "平方米", due) in found
    assert ("", "county", "eq", Decimal(500), "台", due) in found
    assert ("", "county", "eq", Decimal(28), "条", due) in found
    # the sentence that names the list is not an item of it (甘肃: 今年實施的400個“為民實事”項目已全部開工建設)
    assert all_drafts("記者24日從甘肅省民政廳獲悉,今年實施的400個“為民實事”項目已全部開工建設。", issued_on=date(2023, 6, 24)) == []


def test_a_share_of_villages_covered_is_the_villages_and_n_years_is_not_this_year():
    # 莆田市 加快发展养老服务业的实施意见 一、主要目标 (2014): 90%以上乡镇 / 60%以上村 with no 的; "以上乡" is no town's name
    text = "一、主要目标\n到2020年,全面建成…养老服务体系。\n——养老服务设施覆盖所有城市社区、90%以上乡镇和60%以上村。"
    found = drafts(text, issued_on=date(2014, 9, 1))
    assert ("", "town", "gte", Decimal(90), "%", date(2020, 12, 31)) in found
    assert ("", "rural_community", "gte", Decimal(60), "%", date(2020, 12, 31)) in found
    # 衢州 农村社区建设实施意见 (农村信息报 2009): 50%以上的农村 are villages, and "3年内" is not "年内" (this year)
    text = "3年内,衢州将建立1100个村级社区服务中心,覆盖全市50%以上的农村。"
    assert ("", "rural_community", "gte", Decimal(50), "%", None) in drafts(text, issued_on=date(2009, 6, 1))


def test_a_share_of_the_urban_areas_communities_and_a_village_facilitys_coverage_take_their_tier():
    # 黑龙江省某市社区建设文件 五、(一): 城区70%以上的社区 are urban communities
    text = "五、加大投入力度\n(一)切实加强社区基础设施建设。城区70%以上的社区要有养老服务设施与场所。全市90%的社区基本实现社区管理信息化。"
    found = drafts(text)
    assert ("", "urban_community", "gte", Decimal(70), "%", None) in found
    # 铜川 居家和社区养老服务改革试点: a 农村幸福院 coverage rate is the villages'; a count of them stays the county's
    # (济南 2018: 農村幸福院達到1200處)
    text = "第一个目标是城市社区日间照料中心覆盖率达到90%以上,农村幸福院覆盖率达到85%以上。"
    assert drafts(text) == [("", "urban_community", "gte", Decimal(90), "%", None),
                            ("", "rural_community", "gte", Decimal(85), "%", None)]
    found = drafts("會議要求,到2020年,城市社區老年人日間照料中心達到500處,農村幸福院達到1200處。", issued_on=date(2018, 3, 1))
    assert ("", "county", "gte", Decimal(1200), "处", date(2020, 12, 31)) in found


def test_every_place_of_a_tier_to_have_a_centre_or_reach_a_standard_is_a_coverage_of_that_tier():
    # 山东 农村社区服务体系建设推进会 (2016): "将全部建成" with the centre's qualities before it
    text = "省民政厅相关负责人介绍,到2018年底,全省农村社区将全部建成面积达标、功能完善、运转正常的社区服务中心。"
    assert drafts(text, issued_on=date(2016, 6, 1)) == [("", "rural_community", "present", None, "", date(2018, 12, 31))]
    # 浙江省城乡现代社区服务体系建设“十四五”规划 (报道): 行政村全部达到…创建标准
    text = "《規劃》還提出,要探索未來鄉村試點建設,行政村全部達到新時代美麗鄉村創建標準。"
    found = drafts(text, issued_on=date(2022, 2, 1))
    assert [d[:3] for d in found] == [("", "rural_community", "present")]


def test_a_count_of_facilities_whose_name_carries_a_tier_is_the_countys():
    # 2024年郑州市民政工作会议: 乡镇敬老院…不少于10家 counts the county's homes, not each town's
    text = "尽快补齐农村养老工作短板,农村养老服务设施覆盖率达到60%以上,乡镇敬老院转型为区域养老服务中心不少于10家。"
    assert ("", "county", "gte", Decimal(10), "家", None) in drafts(text, issued_on=date(2024, 3, 1))
    # 衢州 农村社区建设实施意见: 乡镇社区服务中心将达93个
    text = "根据计划,到2012年底,衢州的乡镇社区服务中心将达93个,建成村级社区服务中心1100个。"
    assert ("", "county", "gte", Decimal(93), "个", date(2012, 12, 31)) in drafts(text, issued_on=date(2009, 6, 1))


def test_what_the_past_year_reached_is_status_and_this_years_raise_a_target():
    # 张家界 2019年全市民政工作会议: 过去一年 … 提高到每人每月480元 (done); 今年 … 提高到每人每年3700元 (the target)
    text = ("过去一年,全市社会救助水平不断提高,城乡低保标准分别提高到每人每月480元和每人每年3400元,全年累计发放社会保障兜底脱贫资金7983.79万元。"
            "今年,全市将进一步提升社会救助水平,农村低保标准提高到每人每年3700元。")
    found = drafts(text, issued_on=date(2019, 5, 7))
    assert [d[3] for d in found] == [Decimal(3700)]


def test_a_capacity_keeps_its_period_in_the_unit():
    # 伊金霍洛旗 阿镇日间照料中心 (2015): 年接待能力约达到70000人次以上 → 人次/年
    text = "该项目建成后,设置养老床位150张,年接待能力约达到70000人次以上。"
    assert ("", "county", "gte", Decimal(70000), "人次/年", None) in drafts(text, issued_on=date(2015, 8, 1))


def test_the_base_a_goal_starts_from_is_no_target_and_every_community_achieving_a_thing_is_coverage():
    # 河源 2009 (河源新闻网): 在连续三年完成59个“六好”社区创建的基础上 (the base), 再全力创建20个 (the goal);
    # 全面实现社区有址办公: every community
    text = ("据了解,今年我市将在连续三年完成59个“六好”社区创建的基础上,再全力创建20个“六好”社区。"
            "同时加强社区基础设施建设,完成全市剩余26个社区办公用房和活动场所建设任务,全面实现社区有址办公。")
    found = drafts(text, issued_on=date(2009, 3, 1))
    assert not [d for d in found if d[3] == Decimal(59)]
    assert ("", "county", "eq", Decimal(20), "个", date(2009, 12, 31)) in found
    assert ("", "community", "present", None, "", date(2009, 12, 31)) in found


def test_the_places_a_requirement_covers_are_no_target():
    # 江西省民政厅 2006 (江南都市报): 全省11个设区市的19个城区和所属街道、80个县(市)政府所在城镇 is the scope
    text = ("到2010年,全省11个设区市的19个城区和所属街道、80个县(市)政府所在城镇,都要建有建筑面积分别不少于1500平方米和600平方米的"
            "具有综合服务功能的社区服务中心。")
    found = drafts(text, issued_on=date(2006, 5, 1))
    assert not [d for d in found if d[3] in (Decimal(11), Decimal(19), Decimal(80))]


def test_figures_of_old_and_new_districts_are_left_out():
    # 某市 267个社区标准化提质改造 (2007): the floor area differs by a district class the text does not assign
    text = "据了解,在这267个社区标准化提质改造中,要求老城区社区办公用房不少于300平方米,新城区500平方米以上。"
    assert drafts(text, issued_on=date(2007, 4, 1)) == []


def test_what_the_county_has_built_in_all_is_status():
    # 潼关县民政局 提案答复 (2024): 我县共建设…,养老机构达到县域内全覆盖 — what is, not a goal
    text = "我县共建设养老机构3家,日间照料中心9所,互助幸福院10所,养老机构达到县域内全覆盖,2024年积极向上申报了城关街道办庆丰社区日间照料中心项目。"
    assert drafts(text, issued_on=date(2024, 6, 27)) == []


def test_a_band_of_households_says_which_communities_and_is_no_target():
    # 黑龙江省某市社区建设文件 五、(一): 2000户以下的210平方米,2000-3000户的300平方米,3000户以上的400平方米
    text = ("社区工作用房和居民公益性服务设施使用面积要达到:2000户以下的210平方米,2000-3000户的300平方米,3000户以上的400平方米,"
            "其中社区工作用房均不得低于80平方米。")
    found = drafts(text)
    assert not [d for d in found if d[4] == "户"]
    assert ("", "community", "gte", Decimal(80), "平方米", None) in found


def test_a_goal_ratio_per_thousand_elderly_written_after_its_comparator_keeps_its_denominator():
    # 黑龙江省某市社区建设文件 五、(一): 床位数达到每千名老人15张; a status "拥有…33张" (内蒙古 2013) stays out
    text = "各种所有制形式的养老服务机构床位数达到每千名老人15张。"
    assert drafts(text) == [("", "county", "gte", Decimal(15), "张/千人", None)]
    text = "全区养老床位达到14.5万张,平均每千名老年人拥有养老床位数33张,超出全国平均水平13个百分点。"
    assert not [d for d in drafts(text, issued_on=date(2013, 12, 1)) if d[3] == Decimal(33)]


# --- session 9, round 5 (t2223): rules learnt on sets 22 and 23 (sentences as the documents write them) -----------


def test_a_residential_quarters_floor_standards_are_the_urban_communitys():
    # 安徽省《城市居住区配套建设养老服务设施实施细则》(市场星报 2022): 每百户 and 单体面积 of a 居住(小)区's facility
    text = "《实施细则》规定,新建居住(小)区按照每百户不得低于30平方米、单体面积不得低于350平方米的标准配套建设养老服务设施。"
    found = drafts(text)
    assert ("", "urban_community", "gte", Decimal(30), "平方米/百户", None) in found
    assert ("", "urban_community", "gte", Decimal(350), "平方米", None) in found
    # 便民服务 (某省): a 住宅小区's per-household standard stays the community's
    text = "将社区综合服务设施建设纳入国土空间规划,新建住宅小区按每户0.3平方米的标准配建社区服务设施用房。"
    assert [d[1] for d in drafts(text)] == ["community"]


def test_a_procurement_budget_table_gives_its_totals_and_each_stations_yearly_quotas():
    # 长沙市岳麓区乡镇(街道)社工站政府购买服务项目采购文件 (YLCG-202206230061): (2) is the section, the row its item
    text = ("(1)项目概况\n通过政府购买服务,重点支持建成一批示范性、五星级社工站。\n(2)项目预算(根据投标文件提供)\n"
            "项目编号:YLCG-202206230061 金额单位:人民币元\n"
            "序号 | 分项名称 | 服务内容 | 单位 | 数量 | 单价(元) | 总价(元) | 备注 |\n"
            "1 | 社工薪酬 | 观沙岭街道、梅溪湖街道、望月湖街道、莲花镇每个街道社工站各配备专职驻站社工2人,雨敞坪镇、望岳街道"
            "每个街道社工站各配备专职驻站社工1人,6个站共计10名驻站社工工资、社保等其他福利。 | 月 | 36 | 46500.00 | 1674000.00 | 3年 |\n"
            "2 | 大型社区活动 | 每个站每年开展大型活动1次(50人以上)。 | 次 | 18 | 1300.00 | 23400.00 | 3年 |\n"
            "5 | 个案服务 | 每个站每年开展个案服务6个。 | 个 | 108 | 50.00 | 5400.00 | 3年 |\n"
            "7 | 专业支持 | 针对不同层次的社工给予更具针对性的培训和督导,每季度组织培训不少于2次。 | 次 \n")
    found = [(d.clause, d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, None)]
    assert ("2.1", "county", "eq", Decimal(10), "名", None) in found
    assert ("2.1", "county", "eq", Decimal(1674000), "元", None) in found
    assert ("2.2", "station_town", "eq", Decimal(1), "次", None) in found
    assert ("2.2", "county", "eq", Decimal(23400), "元", None) in found
    assert ("2.5", "station_town", "eq", Decimal(6), "个", None) in found
    # (how often, in its unit since round 49, as the key reads 每季度/每月 elsewhere; this row of the key writes plain 次)
    assert ("2.7", "county", "gte", Decimal(2), "次/季度", None) in found
    # the named stations' staff, an activity's size, 数量 and 单价 are not read
    assert not [f for f in found if f[3] in (Decimal(2), Decimal(50), Decimal(36), Decimal(46500)) and f[0] != "2.7"]


def test_a_procurement_texts_money_is_the_projects_or_one_stations_and_falls_due_when_its_years_end():
    # 湘潭市雨湖区乡镇(街道)民政社工站(2024-2026年度)服务单位采购项目·采购需求: the budget, not the bid ceiling
    text = ("湘潭市雨湖区乡镇(街道)民政社工站(2024-2026年度)服务单位采购项目\n采购需求\n一、采购项目情况\n"
            "2、采购项目预算:3938249元;最高限价:3895249元,投标人的投标报价不得超过最高限价,否则,其投标无效。\n")
    assert drafts(text) == [("", "county", "eq", Decimal(3938249), "元", date(2026, 12, 31))]
    # 广州市增城区石滩镇社工服务站(第一社工服务站)购买服务项目: one station's money
    text = ("广州市增城区石滩镇社工服务站(第一社工服务站)购买服务项目\n\n采购需求\n\n一、项目概况:\n\n(一) 有关说明\n\n"
            "6、报价说明,本项目总报价为项目预算金额,如线上编制投标文件必须报价可按照招标文件要求报固定总价:1,854,000.00元。\n")
    assert drafts(text) == [("operating_funds", "station_town", "eq", Decimal(1854000), "元", None)]
    # 迁安信息港 2022: news of a bureau's purchase of its towns' stations' service (no year named: undated)
    text = ("投资190万元!这项服务涉及迁安21个镇街社工站!\n"
            "近日,小编从相关渠道获悉,迁安市民政局购买镇(街道)社工站社会工作服务项目,该项目预计投资190万元,涉及21个镇街社会工作服务站。\n")
    assert drafts(text) == [("", "county", "eq", Decimal(1900000), "元", None)]


def test_a_count_the_speaking_county_builds_this_year_is_its_plan_and_a_reports_count_is_not():
    # 忠县 本报讯 (undated): the year's planned count, with no deadline when the report's year is unknown
    text = "本报讯 (通讯员 罗小君)近日,笔者从全县社区养老服务站建设现场会获悉,我县今年新建10个社区养老服务站。"
    assert drafts(text) == [("", "county", "eq", Decimal(10), "个", None)]
    # 揭阳“双百工程” (status): a year's increment on last year's base, in a report of recent years, stays status
    text = ("近年来,我市认真落实省委、省政府部署要求,在去年建成94个乡镇(街道)社会工作服务站、138个村(居)社会工作服务点的基础上,"
            "今年新增设村(居)社会工作服务点174个,基本实现乡镇(街道)社会工作服务站100%全覆盖。")
    assert drafts(text) == []


def test_a_span_of_years_with_no_start_takes_no_date_and_the_countryside_covered_is_the_villages():
    # 荆州区城乡居家养老服务工作现场推进会 (2014): 今年 dates the first sentence, not the 2至3年内 of the next
    text = ("据悉,今年荆州区将建成10个以上城市社区居家养老服务中心、30个以上农村老年人互助照料中心。"
            "力争2至3年内城市社区实现养老服务网络全覆盖,农村覆盖面积达到50%以上。")
    found = drafts(text, issued_on=date(2014, 5, 20))
    assert ("", "county", "gte", Decimal(10), "个", date(2014, 12, 31)) in found
    assert ("", "urban_community", "present", None, "", None) in found
    assert ("", "rural_community", "gte", Decimal(50), "%", None) in found


def test_what_one_station_has_is_a_standard_of_the_stations_tier_with_no_date():
    # 萧山日报 2021-04-01 (省、区两级民生实事项目): the year's count is dated, a standard station's area and staff are not
    text = ("我区今年计划新建9家镇街社会工作站\n\n"
            "  本报讯  记者昨日从区民政局了解到,作为2021年省、区两级民生实事项目,今年我区将新建9家镇街社会工作站。\n\n"
            "  一个标准的镇街社会工作站面积不少于1000平方米,并设有个案工作室、小组工作室、社区(项目)工作室等场所。"
            "工作站配备站长1名,持证社会工作者至少3名,旨在为辖区群众提供专业的社会工作服务。\n")
    found = drafts(text, issued_on=date(2021, 4, 1))
    assert ("station_area", "station_town", "gte", Decimal(1000), "平方米", None) in found
    assert ("station_professionals", "station_town", "gte", Decimal(3), "名", None) in found
    assert ("", "station_town", "eq", Decimal(1), "名", None) in found
    assert ("", "county", "eq", Decimal(9), "家", date(2021, 12, 31)) in found


def test_a_canteens_standards_keep_their_units_and_an_eligibility_threshold_is_no_target():
    # 安徽省民政厅《老年助餐服務實施方案》 (2022, 繁体 转载): 人/餐; the site's 50方米 is 平方米; 10人以上…即可设立 qualifies
    text = ("社區老年食堂應依法依規取得《食品經營許可證》,具有相應的消防安全資質,供餐能力在50人/餐以上,就餐面積原則不少于50方米。"
            "沒有條件建立社區老年食堂的,可按照轄區內老年助餐需求,依托社區綜合服務設施、養老服務站等設施,因地制宜設置老年助餐點,"
            "一般集中就餐人數達到10人以上的場所即可設立老年助餐點;老年助餐點面積原則不少于20方米;老年助餐點應設置在一樓。")
    assert drafts(text) == [("", "county", "gte", Decimal(50), "人/餐", None),
                            ("", "county", "gte", Decimal(50), "平方米", None),
                            ("", "county", "gte", Decimal(20), "平方米", None)]


def test_a_statistic_reported_is_status_even_in_news_of_the_years_plan():
    # 河南日报 2021-01-25 (今年河南省将建1000个养老服务机构或日间照料中心): 据统计 reports a share, not a goal
    text = "今年河南省将建1000个养老服务机构或日间照料中心\n据统计,我省90%以上的老人都选择了居家和社区养老。\n"
    found = drafts(text, issued_on=date(2021, 1, 25))
    assert ("", "county", "eq", Decimal(1000), "个", date(2021, 12, 31)) in found
    assert not [d for d in found if d[3] == Decimal(90)]


def test_full_area_coverage_is_coverage_and_demonstration_sites_are_not_stations_built():
    # 泸州市社会工作服务体系建设试点工作方案·二、工作目标 (2021): 全域覆盖, 片区化有效覆盖; 示范点 counts
    text = ("二、工作目标\n按照全省总体安排部署,2023年力争实现乡镇(街道)社会工作服务站全域覆盖,"
            "2025年力争实现全市村(社区)社会工作服务室片区化有效覆盖。\n"
            "2021年,大力推进区县社会工作服务总站标准化建设,创建1-2个省级区县社会工作服务总站示范点、3-4个省级街道社会工作服务站示范点。\n")
    found = drafts(text)
    assert ("town_station_coverage", "town", "present", None, "", date(2023, 12, 31)) in found
    assert ("", "community", "present", None, "", date(2025, 12, 31)) in found
    assert ("", "county", "gte", Decimal(1), "个", date(2021, 12, 31)) in found
    assert ("", "county", "gte", Decimal(3), "个", date(2021, 12, 31)) in found


def test_a_month_of_this_year_before_the_report_opens_an_event_told():
    # 长乐新闻网 2021-11-19 (社工服务专用车发车仪式): what was built in June is status in November
    text = "今年6月,全区18个乡镇(街道)社工站全面建成,并划分成4个片区分别委托4家社工机构负责运营管理。"
    assert drafts(text, issued_on=date(2021, 11, 19)) == []


# --- session 9, round 6 (t2425): sets 24 and 25 read (sentences as the documents write them) --------------------


def test_a_year_list_numbered_01_02_03_gives_the_clause_and_its_title_the_year():
    # 人民网上海频道 2022-03-02 (今年长宁区政府15件实事项目已确定): items numbered "03 " under "2022年长宁区政府实事项目"
    text = ("今年长宁区政府15件实事项目已确定,一起来了解下→\n"
            "2022年长宁区政府实事项目\n"
            "03 新建社区综合为老服务中心2家,新增老年助餐点7个,新增养老床位200张,新建日间照料中心3家。\n"
            "04 完成适老化改造400户;为高龄独居老人家庭新增烟感报警装置3000台。\n")
    found = draft_targets(text)
    by_figure = {(d.threshold, d.unit): d for d in found}
    assert by_figure[(Decimal(200), "张")].clause == "3"
    assert by_figure[(Decimal(200), "张")].deadline == date(2022, 12, 31)
    assert by_figure[(Decimal(3000), "台")].clause == "4"


def test_an_item_number_standing_alone_on_its_line_numbers_the_lines_under_it():
    # 上海长宁区政府网 2024-01-18 (2024年长宁区政府为民办实事项目公布): "1" alone, then the item's lines
    text = ("2024年长宁区政府为民办实事项目\n1\n新增100张困难重残养护床位\n改建100张认知障碍照护床位、611张护理型床位\n"
            "新增5家老年人助餐点\n")
    found = draft_targets(text, issued_on=date(2024, 1, 18))
    assert {(d.clause, d.threshold, d.unit) for d in found} >= {("1", Decimal(611), "张"), ("1", Decimal(5), "家")}


def test_a_figure_followed_by_zuoyou_is_a_floor():
    # 常州日报 (常州市四支力量赋能人人社区“百千万”行动): 100个左右 … 'gte', as 约100个
    text = ("到2025年底,将推动四支力量发挥人才、资源、技术、资金等优势,与100个左右城乡社区结对共建,"
            "实施1000个左右惠民生项目、实现10000个左右居民需求微心愿。")
    found = drafts(text)
    for figure in (100, 1000, 10000):
        assert ("", "county", "gte", Decimal(figure), "个", date(2025, 12, 31)) in found


def test_a_relief_amount_as_a_multiple_of_the_dibao_standard_is_in_bei():
    # 池州市某县民政局 2025-07-15 (临时救助 救助标准): a ceiling 'lte' in '倍', the county's, no deadline
    text = "二、救助标准\n各市根据救助对象实际情况,分类分档制定临时救助标准,原则上不超过当地低保月保障标准 10 倍,有条件的地区可适当提高。\n"
    assert drafts(text, issued_on=date(2025, 7, 15)) == [("", "county", "lte", Decimal(10), "倍", None)]
    # 东至县龙泉镇 (临时救助的救助标准, as it reads unmangled): a range is 'gte' its lower end
    text = "现金救助的,每户救助金额原则上为当地月低保标准的2至6倍;实物救助的,根据救助对象的实际需要定期定量发放实物。"
    assert drafts(text) == [("", "county", "gte", Decimal(2), "倍", None)]


def test_a_progress_table_copied_with_its_cells_run_together_keeps_the_task_and_drops_the_progress():
    # 杭州市余杭区人民政府网 2020-09-15 (区民生实事项目进展表·养老助残)
    text = ("实事内容工作任务责任单位进展情况\n一季度二季度三季度四季度\n"
            "养老助残创建20个无障碍社区。区残联,相关镇街1.完成第一批申报、培训、进入实施改造阶段,其中2个已完成改造; "
            "2.完成第二批申报、培训。1.完成两批共40个社区的申报、培训工作。成功创建38个无障碍社区,超额完成目标任务。\n"
            "新增30家示范型以上居家养老服务照料中心。区民政局,相关镇街目前已完成5家建设任务。累计完成21家。\n")
    found = drafts(text, issued_on=date(2020, 9, 15))
    assert ("", "county", "eq", Decimal(20), "个", date(2020, 12, 31)) in found
    assert ("", "county", "eq", Decimal(30), "家", date(2020, 12, 31)) in found
    assert not [d for d in found if d[3] in (Decimal(40), Decimal(38), Decimal(21), Decimal(5))]


def test_a_completion_reports_item_headings_are_the_years_targets_and_its_body_status():
    # 上海普陀 2024-01-19 (2023年普陀区29项为民办实事项目完成): "(二)新增养老床位250张" is the year's target,
    # "新增378张养老床位,超额完成年度任务" what was done
    text = ("为老服务、教育、健身……2023年普陀区29项为民办实事项目完成 2024年01月19日\n"
            "2023年普陀区共安排29个为民办实事项目在各单位共同努力下29个为民办实事项目已全部完成具体情况如下:\n"
            "(一)完成2家社区综合为老服务中心建设\n完成长征镇祥和片区等4家社区综合为老服务中心建设,超额完成年度任务。\n"
            "(二)新增养老床位250张\n新增378张养老床位,超额完成年度任务。\n")
    found = draft_targets(text, issued_on=date(2024, 1, 19))
    assert {(d.clause, d.comparator, d.threshold, d.unit, d.deadline) for d in found} == {
        ("一", "eq", Decimal(2), "家", date(2023, 12, 31)), ("二", "eq", Decimal(250), "张", date(2023, 12, 31))}


def test_a_figure_with_its_year_on_year_change_is_a_statistic_not_a_goal():
    # 新华网 2024-01-18 (上海静安区2024年十项为民办实事): last year's revenue, then this year's list
    text = ("上海静安发布2024年十项为民办实事项目\n"
            "新华网从日前召开的上海市静安区第二届人民代表大会第四次会议上获悉,2023年,静安区实现区级一般公共预算收入287.80亿元,"
            "同比增长3%,总量位列上海中心城区第二。\n新的一年,聚焦民生福祉,静安区发布2024年十项为民办实事项目。\n")
    assert not [d for d in drafts(text, issued_on=date(2024, 1, 18)) if d[3] == Decimal("28780000000")]


# --- session 9, round 7 (t2627): rules learnt on sets 26 and 27 (sentences as the documents write them) ----------


def test_a_programmes_planned_counts_are_its_totals_due_at_its_end():
    # 浙江日报 2018-09-11 (中国政府网繁体转载), quoting the national 2017–2020 “牵手计划”
    text = ("去年,針對貧困地區在社會工作培訓、機構、人才和服務方面的需求,民政部決定於2017-2020年實施社會工作服務機構“牽手計劃”,"
            "從社會工作先發地區遴選300家社會工作服務機構一對一牽手幫扶貧困地區,培育發展300家社會工作服務機構,"
            "培養1000名社會工作專業人才,支持貧困地區為特殊、困難群眾提供300個社會工作服務項目。")
    assert drafts(text, issued_on=date(2018, 9, 11)) == [
        ("", "county", "eq", Decimal(300), "家", date(2020, 12, 31)),
        ("", "county", "eq", Decimal(300), "家", date(2020, 12, 31)),
        ("", "county", "eq", Decimal(1000), "名", date(2020, 12, 31)),
        ("", "county", "eq", Decimal(300), "个", date(2020, 12, 31))]
    # 民政部 首批“三区”通知 2013: a batch's counts, no date given
    text = ("根据通知,民政部第一批选派1000名社会工作专业人员到国家确定的中部和西部地区集中连片特殊困难地区覆盖的县、"
            "国家扶贫开发工作重点县和省级扶贫开发工作重点县以及新疆生产建设兵团困难团场提供专业服务,"
            "同时为这些困难地区培养500名社会工作专业人才。")
    assert drafts(text, issued_on=date(2013, 3, 19)) == [
        ("", "county", "eq", Decimal(1000), "名", None), ("", "county", "eq", Decimal(500), "名", None)]
    # 青海 “十四五”牵手计划 实施方案 一、: a total split between its sources is read once, as its total
    text = ("从2021年至2025年,由浙江省民政厅和青海省民政厅具体负责遴选15家(其中:浙江省从其省内遴选5家、"
            "青海省民政厅从本省遴选10家)社会工作服务机构(以下简称援派机构)一对一牵手帮扶我省国家乡村振兴重点帮扶的同仁、"
            "尖扎、泽库等15个县(市,以下简称受援地区)。")
    assert drafts(text) == [("", "county", "eq", Decimal(15), "家", date(2025, 12, 31))]
    # 海南日报 2022: what the programme has sent so far is status
    text = ("与此同时,省民政厅持续开展“三区”社会工作人才支持计划,累计选派57名社会工作人才前往五指山、临高、琼中等地"
            "开展社会工作服务,为当地培养社会工作人才30名。")
    assert drafts(text, issued_on=date(2022, 3, 1)) == []


def test_a_yearly_quota_keeps_its_period_in_the_unit_and_falls_due_at_the_spans_end():
    # 中国新闻网 2013-05-27 (“我省”首批“三区”社会工作专业人员): 从2013年至2020年 is the span
    text = "从2013年至2020年,我省每年选派50名社会工作优秀专业人才到我省国定贫困县和省定贫困县,为重点地区开展社会工作服务。"
    assert drafts(text, issued_on=date(2013, 5, 27)) == [("", "county", "eq", Decimal(50), "名/年", date(2020, 12, 31))]
    # 民政部 国家乡村振兴局 “十四五”牵手计划 一、目标任务: the coverage falls due at the span's end too
    text = ("从2021年至2025年,以国家乡村振兴重点帮扶县为主,从社会工作先发地区遴选一批社会工作服务机构一对一牵手帮扶受援地区,"
            "力争实现受援地区县域乡镇(街道)社会工作服务站全覆盖。")
    assert drafts(text) == [("town_station_coverage", "town", "present", None, "", date(2025, 12, 31))]


def test_a_township_community_is_rural_and_a_coverage_of_two_tiers_listed_is_two_targets():
    # 某市“十四五”民政事业发展规划·发展目标
    text = ("到2025年,每个城市社区至少配备3名左右社会工作专业人才,每个乡镇社区至少配备1名社会工作专业人才;"
            "统筹推进各领域志愿者队伍建设。")
    assert drafts(text) == [("", "urban_community", "gte", Decimal(3), "名", date(2025, 12, 31)),
                            ("", "rural_community", "gte", Decimal(1), "名", date(2025, 12, 31))]
    assert drafts("到2025年,实现乡镇(街道)、村(居)志愿服务站点全覆盖。") == [
        ("", "town", "present", None, "", date(2025, 12, 31)), ("", "community", "present", None, "", date(2025, 12, 31))]


# --- session 9, round 8: a notice setting benefit standards, read as its genre (sets 28 and 29) --------------------


def test_a_benefit_standard_notice_reads_each_new_standard_due_the_day_it_takes_effect():
    # 济南日报 2020-03-12: the old standard and the history are not read; each standard is per person and month, the
    # 照料护理 grades too (the key's one convention since session 16, round 32)
    text = ("4月起我市提高城乡居民最低生活保障标准\n"
            "为保障困难群众基本生活,市民政局、市财政局近日印发《关于调整城乡居民最低生活保障和城乡特困人员救助供养标准的通知》,"
            "自2020年4月1日起,我市提高城乡居民最低生活保障标准和特困人员救助供养标准。\n"
            "其中,城市最低生活保障标准由每人685元/月提高到740元/月,农村居民最低生活保障标准由每人457元/月提高到不低于494元/月,"
            "城市特困人员供养资金生活补助标准由每人1028/月元提高到1110元/月,农村特困人员基本生活标准由每人594元/月提高到不低于"
            "643元/月。按照差异化服务原则,城乡特困人员照料护理标准分三档,自理标准由191元/月提高到210元/月,半自理标准由319元/月"
            "提高到350元/月,完全不能自理人员标准由637元/月提高到700元/月。\n"
            "据了解,我市城市最低生活保障制度始建于1996年,农村低保始建于1998年。城市居民低保标准从最初的月人均120元提高到740元,"
            "保障范围也由最初的“三无对象”覆盖到各类低收入困难群体;农村低保由最初的年人均不低于500元提高到月人均不低于494元。")
    due = date(2020, 4, 1)
    assert sorted(drafts(text, issued_on=date(2020, 3, 12)), key=lambda d: d[3]) == [
        ("", "county", "eq", Decimal(210), "元/人/月", due), ("", "county", "eq", Decimal(350), "元/人/月", due),
        ("", "county", "gte", Decimal(494), "元/人/月", due), ("", "county", "gte", Decimal(643), "元/人/月", due),
        ("", "county", "eq", Decimal(700), "元/人/月", due), ("", "county", "eq", Decimal(740), "元/人/月", due),
        ("", "county", "eq", Decimal(1110), "元/人/月", due)]


def test_a_benefit_standard_notice_reads_classes_listed_and_leaves_out_the_raise_and_the_top():
    # 潍坊晚报 2021-04-15: 提高到每人每月不低于791元 is 'gte'; the 照料护理 grades listed after 提高到 are read each
    text = ("我市城乡低保和特困人员救助供养标准再提高10%\n"
            "记者从潍坊市民政局获悉,4月12日,市民政局、市财政局联合印发《关于进一步提高城乡低保和特困人员救助供养标准的通知》,"
            "要求城市低保标准由目前的每人每月719元提高到每人每月不低于791元。城乡特困人员照料护理标准由目前的全护理每人每月640元、"
            "半护理每人每月320元、全自理每人每月200元提高到全护理每人每月704元、半护理每人每月352元、全自理每人每月220元。\n"
            "新的保障标准自2021年1月1日起施行。")
    due = date(2021, 1, 1)
    assert sorted(drafts(text, issued_on=date(2021, 4, 15)), key=lambda d: d[3]) == [
        ("", "county", "eq", Decimal(220), "元/人/月", due), ("", "county", "eq", Decimal(352), "元/人/月", due),
        ("", "county", "eq", Decimal(704), "元/人/月", due), ("", "county", "gte", Decimal(791), "元/人/月", due)]
    # 中国县域经济报 2022-04-19 (彭山): the raise (每人每月提高30元) and a standard given only as its top (最高达到660元/月)
    text = ("彭山区社会救助再提标 困难群众享受更多关爱\n"
            "自2022年1月起,彭山区城市居民最低生活保障标准每人每月提高30元,最高达到660元/月,城市特困人员基本生活标准"
            "每人每月提高40元达到860元/月。\n"
            "此次保障标准调整,将惠及全区6738名低保对象、1252名特困供养人员,全年将新增救助资金455万元。")
    assert drafts(text, issued_on=date(2022, 4, 19)) == [("", "county", "eq", Decimal(860), "元/人/月", date(2022, 1, 1))]


def test_a_benefit_standard_notice_dates_its_standards_by_the_day_the_raise_must_be_done_or_the_year_it_names():
    # 岳阳市君山区民政局 2019: 提标要在8月完成 wins over 从2019年7月1日起
    text = ("岳阳市君山区民政局关于《2019年提高城乡低保标准和救助水平》的通知\n"
            "决定从2019年7月1日起,城市低保保障标准提高到500元/月,月人均救助水平不低于340元。"
            "城乡低保对象提标要在8月完成并在8月发放低保金时补发7月的不足部分。")
    assert drafts(text, issued_on=date(2019, 8, 23)) == [
        ("", "county", "eq", Decimal(500), "元/人/月", date(2019, 8, 31)),
        ("", "county", "gte", Decimal(340), "元/人/月", date(2019, 8, 31))]
    # 新华网 2022-05-25 (内蒙古): a year's standards fixed with 为 and no effective date fall due at that year's end
    text = ("内蒙古社会救助保障标准再提高\n"
            "2022年全区城市低保平均标准为813元/月,较2021年增长5.3%;农村牧区低保平均标准为7320元/年,较2021年增长8.8%。")
    assert drafts(text, issued_on=date(2022, 5, 25)) == [
        ("", "county", "eq", Decimal(813), "元/人/月", date(2022, 12, 31)),
        ("", "county", "eq", Decimal(7320), "元/人/年", date(2022, 12, 31))]


def test_a_benefit_standard_read_in_a_report_of_last_year_is_status():
    # 张家界 2019 民政工作会议: what was raised last year is done; this year's 3700元 stays
    text = ("城乡低保标准调整\n过去一年,全市社会救助水平不断提高,城乡低保标准分别提高到每人每月480元和每人每年3400元。"
            "今年,全市将进一步提升社会救助水平,农村低保标准提高到每人每年3700元。")
    assert [d[3] for d in drafts(text, issued_on=date(2019, 3, 1))] == [Decimal(3700)]


def test_an_item_of_a_years_minsheng_gongcheng_falls_due_at_that_years_end():
    # 萧县 2015年民生工程预告 二十九、孤儿基本生活保障 (信息来源:民生办)
    text = ("二十九、孤儿基本生活保障\n\n发表时间:2015-04-24 17:29 信息来源:民生办 作者:民生办\n"
            "建立健全孤儿救助管理工作体系,向社会散居或福利机构集中供养的孤儿发放生活补助,保障其基本生活权益。"
            "社会散居孤儿基本生活费标准每人每月不低于600元,福利机构集中供养孤儿每人每月不低于1000元。")
    assert drafts(text, issued_on=date(2015, 4, 24)) == [
        ("", "county", "gte", Decimal(600), "元/人/月", date(2015, 12, 31)),
        ("", "county", "gte", Decimal(1000), "元/人/月", date(2015, 12, 31))]


def test_a_benefit_standard_notice_reads_a_multiple_of_the_dibao_standard_as_a_floor():
    # 衢州市某区 2023 (改写站): the rule quoted from national documents, in a sentence with no date of its own
    text = ("特困人员救助供养标准调整\n"
            "根据《国务院关于进一步健全特困人员救助供养制度的意见》(国发〔2023〕14号)等文件精神,贫困人口(原指农村“五保”、"
            "城市“三无”)救助供养标准不低于当地低保标准的1.3倍。")
    assert drafts(text, issued_on=date(2023, 10, 1)) == [("", "county", "gte", Decimal("1.3"), "倍", None)]


def test_a_share_of_patients_in_community_rehabilitation_is_the_countys_not_a_communitys():
    # 大同日报 2025 (精康融合行动): 社区康复服务 names a service, not the community tier
    text = ("这项行动分“服务覆盖年、提质增效年、长效机制建设年”三阶段推进,2025年明确了“全省80%以上县(市、区)开展精神障碍"
            "社区康复服务、登记康复对象接受规范服务率达60%”的核心目标。")
    assert drafts(text, issued_on=date(2025, 12, 1)) == [
        ("", "county", "gte", Decimal(80), "%", date(2025, 12, 31)),
        ("", "county", "gte", Decimal(60), "%", date(2025, 12, 31))]


def test_a_bracketed_variant_of_the_building_verb_does_not_hide_the_counts_after_it():
    # 宁夏日报 2023 (基层未成年人保护工作网络): 建成(改扩建)11个…、153个…
    text = ("宁夏民政厅近日联合13个部门印发《关于加快构建全区基层未成年人保护工作网络的通知》,要求加大基层未成年人保护服务阵地"
            "建设,到2023年年底,建成(改扩建)11个县级未成年人救助保护机构、153个乡镇(街道)未成年人保护站。")
    assert drafts(text, issued_on=date(2023, 5, 1)) == [
        ("", "county", "eq", Decimal(11), "个", date(2023, 12, 31)),
        ("", "county", "eq", Decimal(153), "个", date(2023, 12, 31))]


# --- session 10, round 9: sets 30 and 31 read; a standard's date, values and period as the notice writes them ---------


def test_a_benefit_standard_takes_effect_on_a_date_written_with_qi_and_no_zi_or_cong():
    # 马鞍山 2023 (繁体转载页, the site's pinyin kept): 2023年5月起 is the date the new standards take effect
    text = ("2023年4月28日,馬鞍(an)山市(shi)民政局發布了提高孤(gu)兒(er)基本生活保障標準的通知,旨在進一步健全馬鞍(an)山市(shi)"
            "孤(gu)兒(er)基本生活(huo)保障制(zhi)度,體(ti)現“兒(er)童利益最(zui)大(da)化(hua)”。\n"
            "通知提(ti)(ti)到2023年(nian)5月起,馬鞍(an)山(shan)市集中養育孤(gu)兒(er)基本生活保障標準由1565元/月提(ti)(ti)高(gao)"
            "至(zhi)1865元/月,社會散居孤(gu)兒(er)基本生活保障標準由1150元/月提(ti)(ti)高(gao)至(zhi)1450元/月。")
    due = date(2023, 5, 1)
    assert drafts(text, issued_on=date(2023, 4, 28)) == [
        ("", "county", "eq", Decimal(1865), "元/人/月", due), ("", "county", "eq", Decimal(1450), "元/人/月", due)]


def test_a_benefit_standard_raised_today_reads_both_classes_joined_by_he():
    # 镇海新闻网讯 2013-04-01: 今日起 is the report's day; 提高到1360元和820元 is one standard per class
    text = ("镇海新闻网讯(记者李佳静 通讯员张静君)根据全市统一规定,我区今日起再次提高孤儿基本生活费补助标准。\n"
            "目前我区孤儿主要有机构养育和社会散居两种形式,其中机构养育孤儿19名、社会散居孤儿2名。调整后,其基本生活费补助标准"
            "将分别由每人每月1271元和763元提高到1360元和820元,同比增加7%和7.47%。")
    due = date(2013, 4, 1)
    assert sorted(drafts(text, issued_on=due), key=lambda d: d[3]) == [
        ("", "county", "eq", Decimal(820), "元/人/月", due), ("", "county", "eq", Decimal(1360), "元/人/月", due)]


def test_a_benefit_standard_keeps_the_period_its_clause_names_before_the_old_figures():
    # 福州日报 2024-05-27 (繁体): 分別從每人每月2100元、1700元分別提高到2213元、1792元, 今年7月1日起
    text = ("記者從省財(cái)政廳獲悉,為進(jìn)一步保障孤兒及事實(shí)無(wú)人撫養(yǎng)兒童生活,今年7月1日起,福建省提高孤兒基本生活"
            "最低養(yǎng)育標(biāo)準(zhǔn),與2023年福建居民人均可支配收入實(shí)際增幅同幅度增長(zhǎng)。\n"
            "下月起,集中養(yǎng)育孤兒和社會(huì)散居孤兒基本生活最低養(yǎng)育標(biāo)準(zhǔn)分別從每人每月2100元、1700元分別提高到"
            "2213元、1792元。")
    due = date(2024, 7, 1)
    assert drafts(text, issued_on=date(2024, 5, 27)) == [
        ("", "county", "eq", Decimal(2213), "元/人/月", due), ("", "county", "eq", Decimal(1792), "元/人/月", due)]


def test_a_benefit_standard_whose_digits_the_copy_lost_is_not_read():
    # 晋中 论坛存档页: '.9元/人/月和.1元/人/年' — the leading digits are lost, no figure is left to read
    text = ("城市低保平均.9元/人/月农村低保平均.1元/人/年\n"
            "为切实保障和改善民生,近日,市民*局、财*局、发改委、统计局联合下发《关于调整城乡居民最低生活保障标准的通知》,"
            "从年1月1日起,提高全市城乡居民最低生活保障标准。\n"
            "此次低保标准调整后,我市城乡低保平均保障标准分别达到.9元/人/月和.1元/人/年,提高幅度分别为7.6%和11.4%。")
    assert drafts(text) == []


def test_a_benefit_standard_notices_numbered_items_are_their_clauses():
    # 淄博淄川区 2023 (淄民〔2023〕4号): each numbered item is its standard's clause
    text = ("2023年淄博淄川区困难群众救助保障标准\n"
            "根据淄博市民政局、淄博市财政局《关于调整困难群众救助保障标准的通知》(淄民〔2023〕4号)要求,按照区委区政府部署安排,"
            "自2023年1月1日起,将淄川区困难群众救助保障标准调整如下:\n"
            "1.城市低保标准由每人每月880元提高到924元;\n"
            "2.农村低保标准由每人每月755元提高到801元;\n"
            "3.城市特困人员基本生活标准继续执行每人每月1320元;\n")
    assert sorted((d.clause, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2023, 2, 15))) == [
        ("1", Decimal(924), "元/人/月", date(2023, 1, 1)), ("2", Decimal(801), "元/人/月", date(2023, 1, 1)),
        ("3", Decimal(1320), "元/人/月", date(2023, 1, 1))]


def test_a_year_opening_a_quoted_goal_dates_the_goals_after_it():
    # 合肥市老年助餐服务行动方案 (news): 提出“2022年,建成…不少于826个…” — the year opens the quoted clause
    text = ("《合肥市老年助餐服务行动方案》由合肥市发布,提出“2022年,建成城市老年食堂、老年助餐点不少于826个,略高于省下达的"
            "812个任务,将实现三个全覆盖,即街道、乡镇老年食堂全覆盖,城市社区老年助餐点全覆盖,经济困难老年人发放就餐补贴全覆盖”。")
    found = drafts(text)
    assert ("", "county", "gte", Decimal(826), "个", date(2022, 12, 31)) in found
    assert ("", "town", "present", None, "", date(2022, 12, 31)) in found


def test_a_count_of_facilities_whose_name_carries_a_tier_is_the_countys_total():
    # 济南 2018 养老服务 会议: 城市社区老年人日间照料中心达到500处 — the city's count of those centres, not a community's
    text = ("会议要求,到2020年,全市每个县区都要建成1处县区级养老服务中心,每个街道建成1处综合养老服务中心,"
            "城市社区老年人日间照料中心达到500处,农村幸福院达到1200处,对全部敬老院进行改造提升。")
    found = drafts(text)
    assert ("", "county", "gte", Decimal(500), "处", date(2020, 12, 31)) in found
    assert ("", "county", "gte", Decimal(1200), "处", date(2020, 12, 31)) in found
    # 济南 2020 民政工作会议: 改造升级不少于50栋城市社区综合服务设施和50栋村级综合服务设施 — two county-wide counts
    text = ("此外,2020年,济南将推进社区治理服务创新,改造升级不少于50栋城市社区综合服务设施和50栋村级综合服务设施,"
            "推动80%以上城市社区实现“一窗受理、综合服务”。")
    found = drafts(text)
    assert found.count(("", "county", "gte", Decimal(50), "栋", date(2020, 12, 31))) == 2
    assert ("", "urban_community", "gte", Decimal(80), "%", date(2020, 12, 31)) in found


def test_a_residential_quarters_standard_per_resident_is_the_countys_per_household_the_urban_communitys():
    # 某市 “一老一小” 整体解决方案 (到2023年): 人均用地不少于0.1平方米 is a standard per resident, the city's
    text = "新建居住区按照人均用地不少于0.1平方米的标准规划配建养老服务设施。"
    assert drafts(text) == [("", "county", "gte", Decimal("0.1"), "平方米/人", None)]
    # 安徽 配建 2022: 每百户不得低于30平方米 stays the urban community's
    text = "新建居住(小)区按照每百户不得低于30平方米的标准配套建设养老服务设施。"
    assert drafts(text) == [("", "urban_community", "gte", Decimal(30), "平方米/百户", None)]


def test_standards_raised_from_old_figures_read_each_class_new_figure_with_its_period():
    # 大埔县 2023年十件民生实事候选项目 一、(繁体): 分別從(2022年)每(人每)月…元、…元提高到(2023年)…元、…元 — each class's
    # new figure 'eq', the old ones not read; 人均 in the clause keeps the person in the unit
    text = ("遴選2023年大埔縣十件民生實事\n公開征求意見\n為貫徹落實縣委、縣政府工作部署,我縣結合2023年梅州市民生實事等情況,"
            "擬訂2023年縣十件民生實事初步遴選項目11個,現公開向社會公眾征求意見。\n"
            "附件:關于《遴選2023年大埔縣十件民生實事公開征求意見》的起草說明.docx\n大埔縣財政局\n2023年1月29日\n"
            "附件: 大埔縣2023年十件民生實事候選項目\n"
            "一、提高低保、特困人員、孤兒基本生活和殘疾人兩項補貼保障水平。城鄉低保對象最低生活保障人均補差水平分別從每月653元、3"
            "00元提高到676元、327元;特困人員基本生活標準不低于當?shù)刈畹蜕畋U蠘?biāo)準的1.6倍。集中供養孤兒"
            "、散居孤兒(含艾滋病病毒感染兒童)基本生活最低養育標準水平分別從2022年每人每月1949元、1313元提高到2023年"
            "2017元、1359元;事實無人撫養兒童基本生活補貼標準參照散居孤兒基本生活養育標準執行。困難殘疾人生活補貼、重度殘疾人"
            "護理補貼標準分別從2022年每人每月188元、252元提高到2023年195元、261元。(主管部門:縣民政局)")
    assert sorted(d[3] for d in drafts(text, issued_on=date(2023, 1, 29))) == [
        Decimal(195), Decimal(261), Decimal(327), Decimal(676), Decimal(1359), Decimal(2017)]
    assert {d[:3] + d[4:5] for d in drafts(text, issued_on=date(2023, 1, 29))} == {("", "county", "eq", "元/人/月")}


def test_standards_in_force_written_per_year_and_person_after_the_figure_are_read_each():
    # 合肥 (瑶海区信息公开页): '标准分别为 12360 元/年/人、…' is each grade's standard (not a report's '分别为'); '元/年/人'
    # and '元/月/人' are the document's order of 元/人/年 and 元/人/月
    text = ("我市照料护理标准为集中供养特困人员全护理、半护理、全自理照料护理补贴标准分别为 12360 元/年/人、7416 元/年/人、"
            "989 元/年/ 人,分散特困供养人员全护理、半护理、全自理照料护理补贴标准分别为 8652 元/年/人、4944 元/年/人、742 元/年/人;"
            "孤儿基本生活保障标准统一为 2420 元/月/人;一、二级困难残疾人生活补贴为 277 元/月/人;三、四级为 185 元/月/人;"
            "重度残疾人护理补贴为 277 元/月/人。")
    found = drafts(text)
    assert [d[3] for d in found if d[4] == "元/人/年"] == [
        Decimal(12360), Decimal(7416), Decimal(989), Decimal(8652), Decimal(4944), Decimal(742)]
    assert [d[3] for d in found if d[4] == "元/人/月"] == [Decimal(2420), Decimal(277), Decimal(185), Decimal(277)]
    assert {d[:3] + d[5:] for d in found} == {("", "county", "eq", None)}


def test_standards_listed_after_a_standard_per_person_are_each_a_class():
    # 东营 2019 新闻发布会 (三) 二是照料护理标准: 每人每年2292元、3820元、7640元 — one per grade; the wage base is not read
    text = ("自2019年10月1日起,我市提高城乡低保和特困人员救助供养标准。\n"
            "(三)特困人员救助供养标准:二是照料护理标准。按照我市上年度最低工资标准为22920元计算,自理、半自理和完全不能自理"
            "特困人员每人每年2292元、3820元、7640元。")
    found = [d for d in drafts(text, issued_on=date(2019, 10, 30)) if d[4] == "元/人/年"]
    assert [d[3] for d in found] == [Decimal(2292), Decimal(3820), Decimal(7640)]
    assert {d[2] for d in found} == {"eq"}


def test_a_standard_already_in_force_from_a_date_and_one_a_city_puts_in_force_are_dated_that_day():
    # 深圳 高龄津贴 (深民规〔2019〕2号, restated 2024): 已于2019年10月1日正式执行 is the day the new standards took effect
    text = ("高龄老人津贴的发放标准\n"
            "根据《关于调整高龄老人津贴有关事项的通知》(深民规〔2019〕2号),新的高龄津贴标准已于2019年10月1日正式执行。"
            "提标后,我市高龄老人津贴发放标准变化如下:\n70至79周岁从每人每月100元上调至200元;\n"
            "100周岁以上从每人每月500元上调至1000元。")
    assert drafts(text, issued_on=date(2024, 7, 1)) == [
        ("", "county", "eq", Decimal(200), "元/人/月", date(2019, 10, 1)),
        ("", "county", "eq", Decimal(1000), "元/人/月", date(2019, 10, 1))]
    # 泉州 2011: a city that 全面实施 its orphans' 最低养育标准 从今年1月起
    text = ("泉州市全面实施孤儿最低养育标准\n"
            "从今年1月起,泉州市全面实施孤儿最低养育标准,社会福利机构供养孤儿最低养育标准为每人每月1000元,社会散居孤儿的最低"
            "养育标准为每人每月600元,包含伙食费、服装被褥费、日常用品费、教育费、医疗费和康复费。")
    assert drafts(text, issued_on=date(2011, 1, 17)) == [
        ("", "county", "eq", Decimal(1000), "元/人/月", date(2011, 1, 1)),
        ("", "county", "eq", Decimal(600), "元/人/月", date(2011, 1, 1))]


def test_a_standard_fixed_as_a_multiple_of_the_dibao_standard_with_an_is_eq_from_the_notices_date():
    # 广州 穗民规字〔2023〕4号 一、(二): 按最低生活保障标准的1.5倍确定 — no 救助 in the sentence, still the genre's multiple
    text = ("广州市民政局 广州市财政局关于提高我市2023年最低生活保障及相关社会救助标准的通知\n"
            "一、提高社会救助标准\n"
            "(一)全市城乡最低生活保障标准提高到每人每月1238元。\n"
            "(二)最低生活保障边缘家庭认定标准按最低生活保障标准的1.5倍确定,提高到每人每月1857元。")
    found = [(d.clause, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2023, 5, 31))]
    assert ("一.二", "eq", Decimal("1.5"), "倍", date(2023, 12, 31)) in found
    assert ("一.二", "eq", Decimal(1857), "元/人/月", date(2023, 12, 31)) in found


def test_a_rate_of_the_urban_areas_cheng_zhen_is_no_towns_target():
    # 宁夏残疾人事业“十二五”发展纲要 (央视网): 入学率城镇达到92%以上、农村地区达到85%以上 — 城镇 the urban areas, the region's rate
    text = ("“十二五”期间,我区将帮助8万残疾人得到不同程度的康复,为6万残疾人提供辅助器具服务;残疾儿童少年入学率城镇达到92%以上、"
            "农村地区达到85%以上。")
    found = [d[:5] for d in drafts(text, issued_on=date(2012, 2, 4)) if d[4] == "%"]
    assert found == [("", "county", "gte", Decimal(92), "%"), ("", "county", "gte", Decimal(85), "%")]


# --- session 10, round 10: sets 32 and 33 read; a plan's indicator table, phases and layout totals -------------------


def test_an_indicator_table_copied_one_cell_a_line_reads_each_row_in_the_target_column():
    # 广西民政事业发展“十四五”规划 图解页, 主要指标表 stored one cell a line: the 2025 column is the goal, the 2020 column
    # status, the unit cell follows the label (万人 read as ten thousands), a row with no figure as its goal is left out
    text = ("到2025年,全区民政系统党的建设进一步加强,民政相关制度更加完善。\n"
            "类别 |\n主要指标 |\n单位 |\n2020年 实际值 |\n2025年 目标值 |\n指标 属性 |\n基本民生保障 |\n"
            "1.城乡低保标准年度增速 |\n% |\n城市:13.5 |\n不低于居民上年度人均消费支出增速 |\n预期性 |\n"
            "2.农村低保标准占城市低保标准比例 |\n% |\n58 |\n75 |\n预期性 | |\n"
            "4.困难残疾人生活补贴覆盖率 |\n% |\n95 |\n100 |\n约束性 | |\n"
            "5.重度残疾人护理补贴覆盖率 |\n% |\n95 |\n100 |\n约束性 | |\n"
            "养老服务体系建设 |\n6.养老机构护理型床位占比 |\n% |\n44.28 |\n≥55 |\n约束性 |\n"
            "基层社会治理 |\n8.社会组织专职工作人员数量 |\n万人 |\n2.3 |\n4.8 |\n预期性 |\n"
            "9.每百户居民拥有城乡社区综合服务设施建筑面积 |\n平方米 |\n25 |\n>30 |\n预期值 | |\n"
            "11.社会工作服务站乡镇(街道)覆盖率 |\n% |\n— |\n100 |\n预期性 |\n")
    due = date(2025, 12, 31)
    found = [(d.clause, d.indicator, d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [
        ("2", "", "county", "gte", Decimal(75), "%", due),
        ("4", "", "county", "present", None, "", due),
        ("5", "", "county", "present", None, "", due),
        ("6", "", "county", "gte", Decimal(55), "%", due),
        ("8", "", "county", "gte", Decimal(48000), "人", due),
        ("9", "", "community", "gt", Decimal(30), "平方米/百户", due),
        ("11", "town_station_coverage", "town", "present", None, "", due)]


def test_a_layout_plans_near_and_far_horizons_date_each_tiers_facility_count():
    # 嘉兴市区殡葬设施专项规划(2022-2035年)批后公布 (市民政局 2024-09-09): 近期 ends 2025, 远期 2035; one count per tier
    text = ("嘉兴市区殡葬设施专项规划(2022-2035年)批后公布\n"
            "二、 规划期限\n规划期限为2022年—2035年,其中近期为2022-2025年,远期为2026-2035年。\n"
            "五、 布点规划\n"
            "近期:殡仪设施规划布局1处市级殡仪服务设施,1处镇(街)级殡仪服务设施。安葬(放)设施规划布局2处市级安葬(放)设施,"
            "5处镇(街)级安葬(放)设施。\n\n"
            "远期:殡仪设施规划布局1处区级殡仪服务设施,4处镇(街)级殡仪服务设施。安葬(放)设施规划布局1处区级安葬(放)设施,"
            "3处镇(街)级安葬(放)设施。")
    near, far = date(2025, 12, 31), date(2035, 12, 31)
    found = [(d.clause, d.level, d.comparator, d.threshold, d.unit, d.deadline)
             for d in draft_targets(text, date(2024, 9, 9))]
    assert found == [("五", "county", "eq", Decimal(n), "处", due)
                     for n, due in ((1, near), (1, near), (2, near), (5, near), (1, far), (4, far), (1, far), (3, far))]


def test_a_layout_plans_total_and_its_parts_are_planned_counts_and_a_part_kept_as_it_is_is_not():
    # 高唐县公益性公墓建设规划公示说明 (齐鲁壹点 转载, every year digit lost: '至年'): no date, still the plan's counts
    text = ("齐鲁晚报·齐鲁壹点记者获悉,日前,高唐县民政局发布《高唐县公益性公墓建设规划(—年)》公示说明。"
            "至年,全县共规划新建公墓18处(县级公墓1处,镇、街道级公墓7处,社区级公墓10处)。\n"
            "至年,全县共规划公墓55处,其中现状保留1处、现状改造26处、规划新建28处(包含县级公墓1处,乡镇/街道级公墓11处,"
            "社区级公墓16处),规划新建公墓骨灰安置总量约16.44万个,用地面积共50.64公顷。")
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text) if d.unit == "处"]
    assert found == [("county", "eq", Decimal(n), "处", None) for n in (18, 1, 7, 10, 55, 26, 28, 1, 11, 16)]


def test_a_layout_total_with_qi_zhong_then_its_parts_one_a_line_reads_the_parts_to_change():
    # 天津市殡葬服务设施布局规划 报道: 共12个, 其中: 现状保留7个 (status), 改扩建3个, 迁建2个 — dated by the total's 2035
    text = ("日前,我市印发《天津市殡葬服务设施布局规划》,明确了到2035年,我市各类殡葬服务设施的布局规划。\n\n"
            "殡仪馆布局规划\n\n到2035年,全市殡仪馆共12个。其中:\n\n"
            "现状保留7个,分别为天津市第一殡仪馆、天津市第二殡仪馆、蓟州区殡仪馆、宝坻区殡仪馆;\n\n"
            "改扩建3个,分别为天津市第三殡仪馆、宁河区殡仪馆、武清区殡仪馆\n\n"
            "迁建2个,分别为天津市静海殡仪馆(原静海区殡仪馆改建为殡仪服务站)滨海新区第三殡仪馆")
    due = date(2035, 12, 31)
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [("county", "eq", Decimal(n), "个", due) for n in (12, 3, 2)]


def test_a_plan_that_states_its_term_dates_its_goals_and_a_full_rate_of_its_own_subject_is_the_countys():
    # 泰安市公益性公墓布局专项规划(2020-2035年) (转载页, 繁体): the title stands below the page's first lines, the term
    # 规划期限 2020年至2035年 is stated; 火化率基本达到100% is no town's although 乡镇 are named before; 约合1079亩 restates
    text = ("市自然資源和規劃局\n\n  近日\n\n  泰安市自然資源和規劃局發布\n\n  泰安市公益性公墓布局專項規劃(2020-2035年)\n\n"
            "  規劃范圍:\n\n  泰安市城市規劃區,總面積2245平方公里,包括8個街道,19個鄉鎮。\n\n"
            "  規劃期限:\n\n  2020年至2035年;其中,近期至2025年,遠期至2035年。\n\n"
            "  規劃目標:\n\n  建立完善覆蓋城鄉居民的公益性公墓服務體系,建立健全節地生態獎補制度,火化率基本達到100%,"
            "樹葬、花壇葬、草坪葬、骨灰格位存放等節地生態安葬比例達到50%以上,綠色殯葬移風易俗新風尚成為殯葬活動主流。"
            "主要指標為:至2035年,規劃范圍內規劃布局區級及鄉鎮級公益性公墓26處(區級4處,鄉鎮級22處),用地總面積約71.93公頃"
            "(約合1079畝),可安置生態墓穴29.58萬個。")
    due = date(2035, 12, 31)
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2020, 12, 28))]
    assert found[:2] == [("county", "present", None, "", due), ("county", "gte", Decimal(50), "%", due)]
    assert not [f for f in found if f[3] == "亩"]
    # 汶上县殡葬设施建设规划（2026—2035年）草案公示: 规划期限为2026—2035年 stated in its 2. with no title year near
    text = ("一、公示内容\n2.规划期限\n规划期限为2026—2035年,基期年为2025年,近期至2030年,远景展望至2050年。\n4.规划目标\n"
            "规划公益性公墓全面建成,公益性安葬(放)设施服务覆盖率100%。")
    assert [(d.level, d.comparator, d.deadline) for d in draft_targets(text, date(2025, 8, 1))] == [
        ("county", "present", date(2035, 12, 31))]


def test_a_plan_periods_key_projects_are_due_at_its_end_with_their_area_in_wan_and_funds_put_in():
    # 《安庆市“十四五”养老服务发展规划》介绍 (市民政局稿件 2022-02-17, 繁体): “十四五”期间 … 5个重点项目——
    text = ("2021年底,市民政局、市發改委聯合印發《安慶市“十四五”養老服務發展規劃》。\n\n"
            "  “十四五”期間,我市將實施推動旅居康養產業發展、提升健康養老示范園建設水平等6項重點工程。養老領域實施5個重點項目——"
            "健康養老示范園項目,預計總投資1.3億元,建筑面積5萬平方米,建設康復醫院、養老服務信息中心;新建、改擴建區域性養老服務"
            "中心項目,計劃在全市新建改擴建區域性養老服務中心20個,投入改造資金1.87億元;特困人員照護中心項目,建筑總面積19200"
            "平方米,項目總投資6850萬元;迎江區綜合養老服務中心項目,項目建筑總面積約18000平方米,建設床位242張")
    due = date(2025, 12, 31)
    found = [(d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2022, 2, 17))]
    assert sorted(found, key=lambda f: (f[2], f[1])) == sorted([
        ("eq", Decimal(130000000), "元", due), ("eq", Decimal(50000), "平方米", due), ("eq", Decimal(20), "个", due),
        ("eq", Decimal(187000000), "元", due), ("eq", Decimal(19200), "平方米", due), ("eq", Decimal(68500000), "元", due),
        ("gte", Decimal(18000), "平方米", due), ("eq", Decimal(242), "张", due)], key=lambda f: (f[2], f[1]))


def test_a_plans_numbered_heading_naming_a_facility_and_its_count_is_the_plans_count():
    # 大同市某区殡葬基础设施建设规划方案 (2021-09-29): the heading's count is read, a named town's sub-heading is not
    text = ("我区以“绿色、环保、生态型”为设计理念,规划区级殡仪服务站和公益性骨灰堂1个,乡级公益性公墓9个,村级公益性公墓11个,"
            "分别如下:\n一、区级殡葬基础设施1个\n区殡仪服务站和公益性骨灰堂,建设地点:西坪镇陈庄村\n二、乡镇级公益性公墓9个\n"
            "1.西坪镇公益性公墓:拟建设地址:下高庄村\n三、村级公益性公墓11个\n(一)西坪镇规划建设村级公益性公墓2个\n"
            "1.东咀村公益性公墓:拟建设地址:东咀村")
    found = [(d.clause, d.level, d.comparator, d.threshold, d.unit, d.deadline)
             for d in draft_targets(text, date(2021, 9, 29))]
    assert found == [("一", "county", "eq", Decimal(1), "个", None), ("二", "county", "eq", Decimal(9), "个", None),
                     ("三", "county", "eq", Decimal(11), "个", None)]


def test_a_rate_at_100_percent_with_no_verb_is_a_goal_and_in_a_report_of_what_is_done_it_is_not():
    # 汶上县殡葬设施建设规划（2026—2035年）草案公示 4.: two rates, the second with no verb (节地生态率100%)
    text = ("4.规划目标\n至2035年,规划公益性公墓全面建成,公益性安葬(放)设施服务覆盖率100%,新建、改扩建公墓节地生态率100%。")
    assert [(d.level, d.comparator, d.deadline) for d in draft_targets(text, date(2025, 8, 1))] == [
        ("county", "present", date(2035, 12, 31)), ("county", "present", date(2035, 12, 31))]
    # 甘肃 2023 为民实事 (繁体转载): 已全部开工建设, …到位率100% — what is
    text = ("(戴文昌)记者24日从甘肃省民政厅获悉,今年实施的400个“为民实事”项目已全部开工建设,甘肃省、市、县三级补助资金"
            "到位率100%,整体进度快于往年。")
    assert not [d for d in draft_targets(text, date(2023, 8, 25)) if d.comparator == "present"]


def test_a_headline_looking_back_on_a_period_is_a_report_of_what_was_done():
    # 綦江区民政局 2021-01-04 回眸“十三五”: 建成…3个, 实现全覆盖, 农村达到68.8%, 规划建设…2个 — work done in the period
    text = ("回眸“十三五”:求新求变求突破,养老服务体系取得新发展\n\n日期:2021-01-04\n\n"
            "    牵头编制《养老产业发展规划(2019—2035年)》,统筹布局、科学规划全区养老产业发展。加快推进社区居家养老服务全覆盖和"
            "社区养老服务千百工程建成街道养老服务中心3个,城市社区居家养老服务实现全覆盖,农村达到68.8%,养老服务质量显著提升。"
            "深化街镇公办养老机构公建民营改革,2020年底,全区23所街镇公办养老机构全部实施公建民营,大力支持区域性失能特困人员"
            "集中照护机构建设,规划建设集中照护机构2个,实现有意愿入住失能特困人员集中照护全覆盖。")
    assert draft_targets(text, date(2021, 1, 4)) == []


def test_a_count_of_the_population_growing_or_reaching_a_size_is_a_projection():
    # 新华社 2020 (北京 “十四五”): 老年人口将增长100万人,2025年将达到500万人 — a forecast, no target
    text = ("孙立国表示,“十四五”时期,北京市老年人口将增长100万人,2025年将达到500万人,进入中度人口老龄化时期。")
    assert draft_targets(text, date(2020, 11, 26)) == []


def test_a_count_each_place_of_a_share_must_have_is_what_the_share_counts():
    # 广东省培育发展社区社会组织专项行动实施方案(2021—2023年) 报道: one goal, 80% of 街道(乡镇); the 1个 is its condition
    text = "到2023年底,全省80%以上的街道(乡镇)至少要有1个枢纽型社区社会组织。"
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [("town", "gte", Decimal(80), "%", date(2023, 12, 31))]


def test_staff_named_as_certified_workers_of_a_station_are_its_professionals():
    # 遂宁 2024 镇街社会工作综合服务中心建设试点 (川观新闻): 每个镇街平台配备2至3名持证的社区工作者
    text = ("这18个乡镇(街道)社会工作综合服务中心是在原民政部门建设的社会工作服务站、公益慈善服务站基础上换档升级,在人员构成上,"
            "采用“本土人才+专业力量”,每个镇街平台配备2至3名持证的社区工作者,并用好228个社工岗,负责社会工作事务。")
    found = [(d.indicator, d.level, d.comparator, d.threshold, d.unit) for d in draft_targets(text, date(2024, 5, 1))]
    assert found == [("station_professionals", "station_town", "gte", Decimal(2), "名")]


def test_every_place_of_a_tier_to_be_covered_in_a_plan_period_named_after_this_year():
    # 红网永州站 2022-03-11 (江永 社工室): …今年先做一个试点,…应该在这个‘十四五’期间全县所有的村都要覆盖
    text = ("江永县民政局副局长练玉山说:“专业的队伍来做社会服务,效果比较好,全县从2017年开始,就成立了社工总站,9个乡镇全部覆盖,"
            "今年先做一个试点,在全县推广6个这个社区社工室的试点,应该在这个‘十四五’期间全县所有的村都要覆盖。")
    found = [(d.level, d.comparator, d.deadline) for d in draft_targets(text, date(2022, 3, 11))]
    assert ("rural_community", "present", date(2025, 12, 31)) in found


def test_a_design_recommendation_with_bu_yi_is_no_goal():
    # 汶上县殡葬设施建设规划（2026—2035年）草案公示 6.建设标准: 绿地率不宜小于35% — advised, not a level to attain
    text = ("6.建设标准\n殡仪馆依据《殡仪馆建设标准》(建标181—2017)、《山东省建设用地控制标准(2024年版)》等要求执行。"
            "新建殡仪馆的绿地率不宜小于35%,改、扩建殡仪馆的绿地率不宜小于30%。")
    assert draft_targets(text, date(2025, 8, 1)) == []


def test_a_heading_and_its_first_item_run_into_one_line_are_numbered_as_the_document_numbers_them():
    # 上饶所辖某市殡葬改革实施方案 (文档站, one line): "…营造良好环境。 二、目标任务 1.确保火化率 100%。"
    text = ("殡葬改革实施方案例文二则 (篇一) 为加快我市公益性墓地建设,特制定如下实施方案。 1. 挃导思想 全面贯彻落实…精神,"
            "为建设赣浙皖三省交界最具魅力山城营造良好环境。 二、目标任务 1.确保火化率 100%。将巩固和保持 100%\n")
    found = [(d.clause, d.level, d.comparator) for d in draft_targets(text)]
    assert found == [("二.1", "county", "present")]


def test_an_indicator_table_copied_one_cell_a_line_with_no_bars_and_two_year_columns_reads_the_later_one():
    # the 广西 “十四五” 主要指标表 as a copy without the "|" (rows "2", its label, its unit, 2020, 2025): the later year's
    # column is the goal, the earlier one status; the sentence after the table is read as before
    text = ("到2025年,全区民政系统党的建设进一步加强。\n"
            "类别\n主要指标\n单位\n2020年\n2025年\n指标属性\n基本民生保障\n"
            "1\n城乡低保标准年度增速\n%\n城市:13.5\n不低于居民上年度人均消费支出增速\n预期性\n"
            "2\n农村低保标准占城市低保标准比例\n%\n58\n75\n预期性\n"
            "养老服务体系建设\n6\n养老机构护理型床位占比\n%\n44.28\n≥55\n约束性\n"
            "8\n社会组织专职工作人员数量\n万人\n2.3\n4.8\n预期性\n"
            "11\n社会工作服务站乡镇(街道)覆盖率\n%\n—\n100\n预期性\n")
    due = date(2025, 12, 31)
    found = [(d.clause, d.indicator, d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [
        ("2", "", "county", "gte", Decimal(75), "%", due),
        ("6", "", "county", "gte", Decimal(55), "%", due),
        ("8", "", "county", "gte", Decimal(48000), "人", due),
        ("11", "town_station_coverage", "town", "present", None, "", due)]


def test_an_indicator_table_headed_only_by_its_target_year_and_rows_joined_to_their_numbers():
    # 内蒙古自治区“十四五”残疾人事业发展规划·专栏1 (PDF text): "指 标  2025 年  属 性", "1.…年均增长(%)  >7.5  预期性";
    # the unit in brackets after the label is the value's (万人 as ten thousands), a row cut before its value is not read
    text = ("专栏 1        “十四五”时期残疾人事业发展主要指标\n\n"
            "指 标                                   2025 年        属 性\n\n"
            "1.残疾人家庭人均收入年均增长(%)                                             >7.5           预期性\n"
            "2.城乡残疾人职业技能培训人数(万人)                                            >4             预期性\n"
            "3.符合条件的残疾人纳入最低生活保障比例(%)                                        100            约束性\n"
            "6.残疾人基本养老保险参保率(%)                                              >90            预期性\n"
            "8.残疾儿童少年义\n")
    due = date(2025, 12, 31)
    found = [(d.clause, d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [("1", "county", "gt", Decimal("7.5"), "%", due), ("2", "county", "gt", Decimal(40000), "人", due),
                     ("3", "county", "present", None, "", due), ("6", "county", "gt", Decimal(90), "%", due)]


def test_news_of_a_plans_release_dates_its_figures_at_the_plans_end():
    # 南国早报 2015-02-09: 自治区民政厅于近日制定了《广西壮族自治区殡葬事业发展规划(2014~2020年)》 … 力争新建殡仪馆19个
    text = ("广西增加殡葬基础设施投入 6年建191个公益性公墓\n\n"
            "广西新闻网-南国早报 2015-02-09     设施缺乏等因素影响殡葬事业发展,自治区民政厅制定规划逐步解决难题\n\n"
            "    增加殡葬基础设施投入,提高遗体火化率……2月8日,记者了解到,自治区民政厅于近日制定了《广西壮族自治区殡葬事业发展"
            "规划(2014~2020年)》(以下简称《规划》),提出全区县级以上城市应当建设一座城市公益性公墓。\n\n"
            "    《规划》提出,将争取加大公共财政投入,力争新建殡仪馆19个、殡仪服务站(中心)27个,改扩建殡仪馆29个。")
    due = date(2020, 12, 31)
    found = [(d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2015, 2, 9)) if d.unit == "个"]
    assert (Decimal(19), "个", due) in found and (Decimal(27), "个", due) in found and (Decimal(29), "个", due) in found


def test_rates_listed_before_one_shared_figure_of_100_percent_are_each_a_goal():
    # 新华社 数据里看“十四五”民政事业发展规划: four rates joined by 、 share 要达到100%
    text = ("规划提出,到2025年,困难残疾人生活补贴覆盖率、重度残疾人护理补贴覆盖率、查明身份信息流浪乞讨受助人员接送返回率、"
            "县级公益性安葬(放)设施覆盖率要达到100%。")
    due = date(2025, 12, 31)
    found = [(d.level, d.comparator, d.deadline) for d in draft_targets(text, date(2021, 6, 18))]
    assert found == [("county", "present", due)] * 4


def test_reached_or_exceeded_is_at_least():
    # 新华社 数据里看“十四五”民政事业发展规划: “十四五”期间,这一指标必须达到或超过55%
    text = "规划提出,养老机构护理型床位占比是约束性指标。“十四五”期间,这一指标必须达到或超过55%。"
    found = [(d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2021, 6, 18))]
    assert found == [("gte", Decimal(55), "%", date(2025, 12, 31))]

# --- session 10: a summary, then its numbered list (the lead, after the clause rows were corrected) -----------------


def test_a_figure_said_in_a_summary_and_again_in_a_numbered_item_is_one_target_cited_at_the_item():
    # 界面新闻 2023-02-07 (上海 2023 为民办实事): the lead paragraph names 5000张养老床位 and 30家智慧养老院 with no
    # number; item 一、 sets them. One target each, and its clause is the item's place in the document.
    text = ("2023年上海市为民办实事项目\n"
            "2023年2月7日,上海2023年为民办实事项目正式公布,共10方面32项,包括新增5000张养老床位、开设500个小学生爱心暑托班等。\n"
            "2022年相比,今年共新增14个项目,包括:建设30家智慧养老院,新增500张困难重残养护床位。\n"
            "一、新增5000张养老床位;建设30家智慧养老院;新增500张困难重残养护床位。")
    found = [(d.clause, d.threshold, d.unit) for d in draft_targets(text, date(2023, 2, 7))
             if (d.threshold, d.unit) in {(Decimal(5000), "张"), (Decimal(30), "家"), (Decimal(500), "张")}]
    assert sorted(found) == [("一", Decimal(30), "家"), ("一", Decimal(500), "张"), ("一", Decimal(5000), "张")]

# --- session 10, round 11: sets 34–37 read; the year a meeting names, a plan's growth rates, a 十三五 plan ----------


def test_this_year_of_a_meeting_report_with_no_date_is_the_year_the_meeting_names():
    # 中国社保网 转载 (山东省民政厅 2023年新闻媒体见面会), page date not stored: "今年将…", then 全年新增…, 年底前…, 年内…
    text = ("本报讯 (记者 柳 旭) 日前,记者在山东省民政厅举办的2023年新闻媒体见面会上获悉,省民政厅今年将以深入学习贯彻党的"
            "二十大精神为主线,倾力打造“六维民政”。\n"
            "对于全年工作安排,山东省民政厅相关负责人表示,加强基本养老服务体系建设,建立特殊困难老年人探访关爱服务制度,"
            "全年新增护理型床位2.5万张,特殊困难老年人家庭适老化改造不少于3万户,发展家庭养老床位不少于1万张,全省城乡社区"
            "助老食堂达到1万家以上,打造“泰山松”暖心为老志愿服务品牌。加强城乡社区服务体系建设,开展社区服务质量评价,"
            "年底前全省建设不少于2000个智慧社区。加强社会工作专业人才队伍建设,年内乡镇(街道)社工站覆盖率达到100%。")
    due = date(2023, 12, 31)
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [
        ("county", "eq", Decimal(25000), "张", due),
        ("county", "gte", Decimal(30000), "户", due),
        ("county", "gte", Decimal(10000), "张", due),
        ("county", "gte", Decimal(10000), "家", due),
        ("county", "gte", Decimal(2000), "个", due),
        ("town", "present", None, "", due)]


def test_a_mean_yearly_growth_set_as_a_goal_falls_due_with_the_goals_and_per_million_keeps_its_denominator():
    # 烟台市人民政府办公室 烟政办发〔2024〕15号 一、主要目标: 到2026年底…; ——公益慈善力量日益壮大。慈善组织数量年均增长15%以上…
    text = ("一、主要目标\n"
            "以人民对美好生活的向往为标尺,培塑“品重烟台·慈善之城”高品质城市名片。到2026年底,全市慈善活动力、慈善组织力"
            "显著提升,新时代公益慈善城市建设取得实质性进展。\n"
            "——公益慈善力量日益壮大。慈善组织数量年均增长15%以上,慈善组织党的组织和党的工作覆盖率达到100%。"
            "志愿服务组织达到每百万常住人口40个以上。")
    due = date(2026, 12, 31)
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2024, 8, 6))]
    assert found == [
        ("county", "gte", Decimal(15), "%", due),
        ("county", "present", None, "", due),
        ("county", "gte", Decimal(40), "个/百万人", due)]


def test_a_thirteenth_five_year_plans_figures_fall_due_at_its_end_and_urban_workers_are_no_town():
    # 重庆市出台《重庆市老龄事业发展和养老体系建设“十三五”规划》 (2017-10-25): no year beside the figures
    text = ("重庆市出台《老龄事业发展和养老体系建设“十三五”规划》\n"
            "“十三五”期间,重庆市将全力提升老龄事业发展和养老体系建设水平,不断增强老年人幸福感和获得感。\n"
            "一是老年人社会保险、社会救助、社会福利等制度更加完善。城镇职工和城乡居民基本养老保险参保率达到95%,"
            "基本医疗保险参保率稳定在95%以上。")
    due = date(2020, 12, 31)
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2017, 10, 25))]
    assert found == [("county", "gte", Decimal(95), "%", due), ("county", "gte", Decimal(95), "%", due)]


def test_what_a_progress_press_conference_tells_with_no_word_of_aim_is_status():
    # 舟山 2023-10-24: 婚俗改革工作进展情况新闻发布会 — rates told as they are, no target
    text = ("2023-10-24 10:04:11\n"
            "昨天上午,我市就婚俗改革工作进展情况举行新闻发布会。记者从发布会上了解到,全市各地通过购买服务、公益创投、"
            "招募志愿者等方式提供婚姻家庭全周期服务,全市婚姻家庭辅导率85%以上,离婚劝合率近55%。\n"
            "全市婚姻登记机关将结婚颁证仪式纳入结婚登记流程,常态化开展室内颁证活动,简化婚俗礼仪,室内颁证室年使用率70%以上。")
    assert draft_targets(text, date(2023, 10, 24)) == []
    # 济南 2023 (齐鲁壹点): a 发布会 that 介绍了…工作情况 reports the year's results
    text = ("3月26日上午,济南市政府新闻办召开发布会,济南市民政局党组副书记、副局长、新闻发言人李越千介绍了2023年济南市民政局"
            "相关工作情况。\n"
            "11项困难群众保障标准提高5%以上。\n"
            "新建成区县养老服务中心4处,新建家庭养老床位2524张,完成适老化改造934户,新建社区养老服务设施配建达标率达到100%。")
    assert draft_targets(text) == []


def test_a_total_reached_so_far_is_status():
    # 晋江市民政局 2025-12-30: the year's 为民办实事 item, then 至此,…达48家,实现镇街全覆盖 — what is now
    text = ("2025年晋江市将“新建、提升10个长者食堂”列为年度“为民办实事”项目,目前5个新建点已全部投入运营。\n"
            "至此,晋江全市运营中的长者食堂达48家,实现镇街全覆盖,日均服务老人超4500人次。")
    found = [(d.threshold, d.unit) for d in draft_targets(text, date(2025, 12, 30))]
    assert (Decimal(48), "家") not in found and all(d.level != "town" for d in draft_targets(text, date(2025, 12, 30)))


def test_what_the_year_will_still_do_after_this_year_so_far_is_due_at_its_end():
    # 金华市民政局 2025-05-09: 今年以来,我市积极推进…“枢纽化”改革,将提升改造未成年人救助保护机构5家
    text = ("截至目前,累计建成未成年人保护工作站147个,实现乡镇(街道)全覆盖。今年以来,我市积极推进未成年人救助保护机构"
            "“枢纽化”改革,将提升改造未成年人救助保护机构5家。")
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2025, 5, 9))]
    assert found == [("county", "eq", Decimal(5), "家", date(2025, 12, 31))]


def test_the_size_of_the_places_a_norm_is_for_is_no_target():
    # 新浪天津 2022-06-14, 《天津市“十四五”城乡社区服务体系建设规划》 9项预期性指标
    text = ("《天津市“十四五”城乡社区服务体系建设规划》正式印发\n"
            "到2025年,天津市城乡社区服务体系建设主要指标如下:\n"
            "500户以上的城市社区、300户以上的村拥有登记和备案型社区社会组织为12个以上(城市社区)和6个以上(行政村);\n")
    units = [d.unit for d in draft_targets(text, date(2022, 6, 14))]
    assert "户" not in units and units.count("个") == 2


def test_a_post_each_place_sets_up_and_one_facility_each_place_builds_are_counts_at_that_place():
    # 《中国青年报》2019-08-28 (陕西 农村留守儿童和困境儿童关爱服务体系 实施意见): no comparator, no date
    text = ("新出台的实施意见明确提出,加强基层儿童工作队伍建设,每个村(居)委会设立1名儿童主任,由村(居)民委员会委员或者专业"
            "社会工作者、社区专职工作者等人员担任;每个乡镇人民政府(街道办事处)设1名儿童督导员。")
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [("community", "eq", Decimal(1), "名", None), ("town", "eq", Decimal(1), "名", None)]
    # 《内蒙古日报》2021: 到2022年,全区每个街道建设一个具备综合功能的养老服务中心 (the numeral written out)
    text = ("“十四五”期间我区要积极推动建设“一刻钟”居家养老服务圈,到2022年,全区每个街道建设一个具备综合功能的养老服务中心,"
            "全区社区日间照料机构覆盖率达到90%以上。")
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2021, 10, 20))]
    assert ("town", "eq", Decimal(1), "个", date(2022, 12, 31)) in found


def test_a_platform_in_use_in_every_village_is_coverage_of_communities():
    # 《湖北日报》2021-08 (“幸福家园”村社互助项目实施方案): 到2024年底,项目平台在全省各村(社区)基本普及
    text = ("近日,湖北省民政厅会同省文明办等联合印发《关于的实施方案》,提出到2024年底,项目平台在全省各村(社区)基本普及,"
            "支持村(社区)实施慈善项目超2万个。")
    found = [(d.level, d.comparator, d.deadline) for d in draft_targets(text, date(2021, 8, 31)) if d.comparator == "present"]
    assert found == [("community", "present", date(2024, 12, 31))]


def test_reaching_all_the_places_of_a_tier_is_that_tiers_coverage():
    # 财联社 2024-09-15 (安徽省民政厅): 2026年将建成不少于400家,辐射所有城市街道和部分有需求的社区
    text = ("目前,全省社区嵌入式养老服务机构建成93家,2026年将建成不少于400家,辐射所有城市街道和部分有需求的社区。")
    found = [(d.level, d.comparator, d.threshold, d.deadline) for d in draft_targets(text, date(2024, 9, 15))]
    assert found == [("county", "gte", Decimal(400), date(2026, 12, 31)), ("town", "present", None, date(2026, 12, 31))]


def test_the_parts_a_plan_is_divided_into_are_no_target():
    # 东方市民政局 《东方市殡葬设施布局专项规划(2020-2035年)》的公告: its chapters and sections, no figure to reach
    text = ("东方市民政局关于《东方市殡葬设施布局专项规划(2020-2035年)》的公告\n"
            "《东方市殡葬设施布局专项规划(2021-2023年)》共8章43个分节,明确规定了制定目的、实施措施和工作要求。\n"
            "第六章为各乡镇殡葬设施用地管控规划,分为11个小部分,主要针对10个镇及华侨经济区殡葬设施用地管控。")
    assert draft_targets(text) == []


def test_paragraphs_numbered_only_yi_shi_er_shi_are_the_clauses():
    # 重庆市出台《…“十三五”规划》 (2017-10-25): the goals told in paragraphs 一是…, 二是…, no other numbering
    text = ("重庆市出台《老龄事业发展和养老体系建设“十三五”规划》\n"
            "“十三五”期间,重庆市将全力提升老龄事业发展和养老体系建设水平。\n"
            "一是老年人社会保险、社会救助、社会福利等制度更加完善。城镇职工和城乡居民基本养老保险参保率达到95%。\n"
            "二是老年健康服务体系更加健全。二级以上综合性医院设老年病科比例达到35%,65岁以上老年人健康管理率达到70%。")
    found = [(d.clause, d.threshold) for d in draft_targets(text, date(2017, 10, 25))]
    assert found == [("一", Decimal(95)), ("二", Decimal(35)), ("二", Decimal(70))]


# --- session 10, round 12: sets 38 and 39 read; the year of a report under way, ... -----------------------------------

def test_a_plan_said_in_a_report_of_a_year_under_way_is_due_at_that_years_end():
    # 宿州市民政局2025年上半年工作总结及下半年工作计划, 一、(三): the year's plan, said in the half-year report
    text = ("宿州市民政局2025年上半年工作总结及下半年工作计划\n"
            "一、2025年上半年重点工作完成情况\n"
            "(三)完善养老服务体系\n"
            "计划建设社区嵌入式养老服务机构9个、农村幸福院82个。")
    found = [(d.level, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [("county", Decimal(9), "个", date(2025, 12, 31)), ("county", Decimal(82), "个", date(2025, 12, 31))]
    # 沈阳市民政局2024年一季度工作情况: "年内计划" in a quarter's report that names its year
    text = ("一季度以来,市民政局各项重点任务稳步推进,工作成效显著。为2024年各项工作开好局。\n"
            "(二)养老服务扎实开展\n"
            "社区养老服务功能进一步完善,年内计划新培育社区400个、村屯370个,一季度已完成80个社区和74个村屯。")
    found = [(d.threshold, d.deadline) for d in draft_targets(text)]
    assert found == [(Decimal(400), date(2024, 12, 31)), (Decimal(370), date(2024, 12, 31))]


def test_news_of_the_list_a_government_work_report_sets_is_due_at_that_years_end():
    # 《湖北日报》2024-02-03: 2024年湖北省政府工作报告提出…今年,湖北将继续实施10大类52项民生实事
    text = ("2024年湖北省政府工作报告提出,聚焦保障改善民生,推动发展成果更好惠及人民群众。今年,湖北将继续实施10大类52项民生实事,"
            "涵盖就业、教育、医疗、养老、育幼、安居、出行等领域,努力让人民群众收获更多实实在在、可感可及的幸福。\n"
            "着力实现幼有善育\n"
            "完成特殊困难老年人家庭适老化改造2.5万户以上\n"
            "新建社区养老服务综合体100个\n"
            "力争市、县两级中心城区老年助餐服务覆盖率达到50%")
    found = [(d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2024, 2, 3))]
    assert found == [("gte", Decimal(25000), "户", date(2024, 12, 31)), ("eq", Decimal(100), "个", date(2024, 12, 31)),
                     ("gte", Decimal(50), "%", date(2024, 12, 31))]


def test_a_past_year_told_after_a_speakers_lead_is_status():
    # 中新网长春2月1日电 (2024): 吉林省民政厅厅长肖模文介绍,2023年,… 支持建设102个…, 分别达到156个和549个
    text = ("记者1日从吉林省民政厅获悉,今年,吉林省实施幸福养老工程,新建改建合作助老餐厅和助餐点1300个。\n"
            "吉林省民政厅厅长肖模文介绍,2023年,吉林省养老服务政策制度体系进一步完善,幸福养老工程亮点纷呈。"
            "吉林省民政系统支持建设102个综合嵌入式社区居家养老服务中心和100个社区老年食堂,全省综合嵌入式社区居家养老服务中心"
            "和社区老年食堂分别达到156个和549个。")
    found = [(d.threshold, d.deadline) for d in draft_targets(text, date(2024, 2, 1))]
    assert found == [(Decimal(1300), date(2024, 12, 31))]


def test_a_figure_dated_in_a_year_before_the_page_with_no_word_of_aim_is_status():
    # 全省民政工作视频会议 (福建, 2019-01-28; the page in traditional characters): 截至2018年底 … 由16.7%提高到62.6%
    text = ("記者從近日召開的全省民政工作視頻會議獲悉,去年福建省養老補短板工作取得重大突破。截至2018年底,全省每千名老年人擁有養"
            "老床位數由31張提高到33張;全省共建成321所居家社區養老服務照料中心,覆蓋率從36.9%提高到65.6%;建成758"
            "6所農村幸福院等農村養老服務設施,覆蓋率從46.8%提高到52.8%。養老事業社會投入比例首次超過50%,民營養老床位佔"
            "比由30%提高到60%。全省鄉鎮敬老院的平均床位使用率由16.7%提高到62.6%,其中38.7%實現社會化運營,改革步伐走在全國前列。")
    assert Decimal("62.6") not in [d.threshold for d in draft_targets(text, date(2019, 1, 28))]


def test_a_verb_before_the_town_tier_is_no_named_town():
    # 《宁夏日报》2025: 力争乡镇(街道)养老服务机构覆盖率达到60% — the tier, not a 乡 called 力争
    text = ("2025年,宁夏将持续牵头办好加强困境儿童关爱、推进养老服务设施建设、持续优化养老服务供给3件民生实事,"
            "支持4个县(市)未保机构建设和功能提升,力争实现县级未保机构全覆盖;新建50个农村老饭桌,"
            "力争乡镇(街道)养老服务机构覆盖率达到60%,农村老饭桌覆盖率达到35%。")
    found = [(d.level, d.regions, d.threshold) for d in draft_targets(text, date(2025, 2, 13)) if d.threshold == 60]
    assert found == [("town", [], Decimal(60))]


def test_a_floor_word_before_a_list_of_amounts_holds_for_each():
    # 南昌新闻网 2025 (民生实事安排方案): 照料护理补助标准分别按每人每月不低于1500元、375元、110元落实
    text = ("我市将按规定提高城乡低保对象、特困人员月人均保障标准和财政补差水平;特困失能人员、半失能人员、自理人员照料护理补助标准"
            "分别按每人每月不低于1500元、375元、110元落实。")
    found = [(d.comparator, d.threshold, d.unit) for d in draft_targets(text, date(2025, 3, 1))]
    assert found == [("gte", Decimal(1500), "元/人/月"), ("gte", Decimal(375), "元/人/月"), ("gte", Decimal(110), "元/人/月")]


def test_a_coverage_rate_of_the_towns_after_the_whole_city_is_the_towns():
    # 西安市推进基本养老服务体系建设实施方案, 任务分解表 3.: 全市街道(镇)综合养老服务中心覆盖率达到80%
    text = "到2026年,全市街道(镇)综合养老服务中心覆盖率达到80%,为老年人提供全托、日托、助餐、上门服务等综合性养老服务。"
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2023, 3, 1))]
    assert found == [("town", "gte", Decimal(80), "%", date(2026, 12, 31))]


def test_the_items_of_a_government_work_reports_year_list_with_no_year_are_drafted_undated():
    # 黔东南州政府工作报告 “十件民生实事” (四): the list's size is no target, its items' counts are (the year not written)
    text = ("1月31日上午,黔东南苗族侗族自治州第十五届人民代表大会第四次会议在凯里隆重开幕。州长杨光杰代表州人民政府向大会作政府工作报告。\n"
            "报告明确,今年将继续统筹财力,扎实办好“十件民生实事”。\n(四)\n"
            "完善养老服务体系和儿童福利机构,对2000户特殊困难老年人家庭适老化改造,打造16个示范性社区老年助餐点,对州儿童福利院进行优化提质。")
    found = [(d.level, d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text)]
    assert found == [("county", "eq", Decimal(2000), "户", None), ("county", "eq", Decimal(16), "个", None)]


def test_the_size_of_a_year_list_is_no_target():
    # 江苏省2023年民生实事 (转载页): 其中,民政部门牵头实施9项民生实事
    text = ("日前,江苏省十四届人大一次会议召开,省长许昆林作政府工作报告。他表示,为解决群众急难愁盼,今年安排了13类55件民生实事,"
            "实行清单式管理、项目化推进、节点化调度。其中,民政部门牵头实施9项民生实事,送出了新年度“民生红包”。")
    assert [d.threshold for d in draft_targets(text)] == []


# --- session 11: sets 42 and 43 read (rules of the year a figure falls due; each from a real sentence) ----------


def test_a_document_the_years_work_carries_out_does_not_make_the_news_a_plan():
    # 国际在线 2019 (黑龙江省全省民政工作会议): the opening names 《儿童福利机构管理办法》 only as what the year's work
    # carries out (落实《…》) — the news still announces that year's work, due at its end
    text = ("记者从24日召开的2019年全省民政工作会议上获悉,今年,黑龙江省将继续充分发挥兜底保障作用。"
            "城乡低保标准按照不低于上年度城乡居民人均消费支出的30%调整;新增养老床位1.5万张,完成30个养老机构消防改造工作。\n"
            "此外,今年我省还将全面提升儿童福利保障水平。落实《儿童福利机构管理办法》,规范儿童福利机构管理。")
    found = [(d.comparator, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2019, 1, 25))
             if d.unit in ("张", "个")]
    assert found == [("eq", Decimal(15000), "张", date(2019, 12, 31)), ("eq", Decimal(30), "个", date(2019, 12, 31))]


def test_the_work_a_years_meeting_sets_is_due_at_that_years_end():
    # 中国新闻网 2019: "2019年吉林省民政工作重点确定", then "记者从2019年全省民政工作会议上获悉,吉林省要继续…" — no 今年
    text = ("2019年吉林省民政工作重点确定\n"
            "1月10日,记者从2019年全省民政工作会议上获悉,吉林省要继续实施农村社会福利服务中心3年整合改造提升计划。\n"
            "落实慈善优惠政策,发挥慈善信托作用。资助2000名低保家庭及精准扶贫对象家庭学生圆梦大学,"
            "对贫困家庭血友病等疾病患者实施救助1200人次。")
    found = [(d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2019, 1, 11))]
    assert (Decimal(2000), "名", date(2019, 12, 31)) in found
    assert (Decimal(1200), "人次", date(2019, 12, 31)) in found
    # a meeting of another year than the page's is not this page's year
    assert all(d.deadline is None for d in draft_targets(text, date(2021, 1, 11)) if d.unit == "名")


def test_a_plan_period_before_the_figure_dates_it_not_a_later_clause_of_this_year():
    # 宁夏 2011 (农村五保供养工作会议): “十二五”期間…45所…今年…已安排建設…5所 (traditional characters as stored)
    text = ("9月27日,寧夏回族自治區民政廳在靈武市召開全區農村五保供養工作會議。會議透露,“十二五”期間,自治區將新建和改擴建農村敬老院"
            "45所,使農村五保供養床位在現有基礎上新增3500張,今年寧夏已安排建設中衛興仁、同心下馬關生態移民等5所敬老院。")
    found = {(d.threshold, d.unit): d.deadline for d in draft_targets(text)}
    assert found[(Decimal(45), "所")] == date(2015, 12, 31)
    assert found[(Decimal(3500), "张")] == date(2015, 12, 31)
    # 贵州 2014: in a year's news the period's total is the period's, not the year's
    text = ("贵州今年将建百余所农村敬老院\n省社会救助局有关负责人介绍,“十二五”期间,贵州省将建设750所农村敬老院,"
            "其中2011年——2013年已经建设了469所,今年建设120所,明年建设161所。")
    found = {(d.threshold, d.unit): d.deadline for d in draft_targets(text, date(2014, 3, 3))}
    assert found[(Decimal(750), "所")] == date(2015, 12, 31)


def test_the_closing_year_of_a_plan_is_its_end():
    # 新华社 2015 (西藏): 在“十二五”收官之年,西藏將完成7個地(市)級和10個縣級老年護理院的建設
    text = ("2014年,西藏共下達五保集中供養項目資金89476萬元,全區有意願集中供養五保對象集中供養率達到72%。在“十二五”收官之年,"
            "西藏將完成7個地(市)級和10個縣級老年護理院的建設,全區有意願集中供養的五保對象集中供養率將達到100%。")
    found = [(d.threshold, d.deadline) for d in draft_targets(text, date(2015, 1, 28))]
    assert (Decimal(7), date(2015, 12, 31)) in found and (Decimal(10), date(2015, 12, 31)) in found


def test_a_standard_raised_in_a_years_list_is_the_new_standard():
    # 大众网 2022 (济南市市中区 22件民生实事) 四、: the new standards, not the old ones, as a notice reads them
    text = ("2022年,市中区办好22件民生实事\n2022-02-24 16:05:30 来源: 大众网 作者: 肖阳\n大众网·海报新闻记者 肖阳 济南报道\n"
            "2月24日,济南市市中区第十九届人民代表大会第一次会议开幕,会上公布了市中区2022年将办好的22件民生实事。\n"
            "一、对2500户居民供电进行一户一表改造。\n三、开工建设区级敬老院;新建规范化社区养老设施13处、农村幸福院8处。\n"
            "四、提高社会救助标准,将城乡低保标准由904元/月提高到995元/月;城乡特困人员供养救助标准由1356元/月提高到1493元/月。")
    found = [(d.comparator, d.threshold, d.unit) for d in draft_targets(text, date(2022, 2, 24)) if d.unit.startswith("元")]
    assert found == [("eq", Decimal(995), "元/人/月"), ("eq", Decimal(1493), "元/人/月")]


# --- session 13, round 15: sets 48 and 49 read (each rule from a real sentence of a development document) ----------


def test_a_work_meeting_named_in_the_first_paragraph_sets_the_years_work():
    # 中新网太原 2024-02-01, reposted under a headline, a source line and the repost's own date: the meeting is named in
    # the first paragraph, not the headline; what it sets is that year's, and 覆盖全体老年人 is coverage of the county
    text = ("山西积极应对人口老龄化 健全完善工作体系\n\n来源: 新浪新闻\n2024-07-03 12:59:11\n\n"
            "  中新网太原2月1日电 (刘小红)“山西将抓实机构改革职能调整新机遇,加大制度创新、政策供给、财政投入力度。”"
            "山西省民政厅党组书记、厅长姚逊在2024年山西全省民政工作会议上如是说。\n\n"
            "  山西在农村改建100个乡镇区域养老服务中心,推动乡镇卫生院和乡镇敬老院“两院一体”医养融合模式、增加农村养老护理床位,"
            "提档升级3000个突出老年助餐服务的农村老年人日间照料中心,鼓励各地探索符合实情的互助养老服务。\n\n"
            "  同时,山西将实行覆盖全体老年人的高龄津贴政策,提高养老支付能力。")
    end = date(2024, 12, 31)
    assert drafts(text, date(2024, 2, 1)) == [("", "county", "eq", Decimal(100), "个", end),
                                              ("", "county", "eq", Decimal(3000), "个", end),
                                              ("", "county", "present", None, "", end)]


def test_a_city_work_meeting_with_no_year_in_its_name_sets_the_year_it_is_reported_in():
    # 咸宁网 2024-03-02: "记者从全市民政工作会议获悉,今年,全市民政系统将…" (no year in the meeting's name)
    text = ("咸宁民政工作会议提出大力发展普惠型养老服务\n\n来源:咸宁网 时间:2024-03-02 10:48\n\n"
            "咸宁网讯 记者盛勇、通讯员赵伟报道:2月29日,记者从全市民政工作会议获悉,今年,全市民政系统将大力发展普惠型养老服务。\n\n"
            "在全面完成养老服务民生实事项目上,全市民政系统将新建6个街道(乡镇)养老服务综合体和改造提升15个农村互助照料中心;"
            "完成1319户特殊困难老年人居家适老化改造。")
    found = {(d.threshold, d.unit): d.deadline for d in draft_targets(text, date(2024, 3, 2))}
    assert found == {(Decimal(6), "个"): date(2024, 12, 31), (Decimal(15), "个"): date(2024, 12, 31),
                     (Decimal(1319), "户"): date(2024, 12, 31)}
    # reported in the autumn, a meeting is not that year's opening meeting: its figures keep no year's end
    assert all(d.deadline is None for d in draft_targets(text, date(2024, 10, 2)))


def test_the_total_so_far_told_at_a_meeting_is_status():
    # 中新网江苏 2024-02-04 (2024年全省民政工作会议): "全省共建成…1.8万个、…8145家" and "全省共保障…64.6万人" are what is
    text = ("江苏召开民政工作会议 部署惠民新举措\n2024年惠民新举措请查收!2024年全省民政工作会议在南京召开\n"
            "省民政厅党组书记、厅长谢晓军介绍:“全省共建成居家社区养老服务中心1.8万个、运营各类老年人助餐点8145家,"
            "为330万老年人提供政府购买居家上门服务,全省创建55个全国示范性老年友好型社区,连续三年居全国第一。”\n"
            "全省共保障城乡低保对象64.6万人、城乡特困人员20万人;开展临时救助16万人次。\n"
            "2024年,江苏省将改造提升500个城市社区助餐点和1000个示范性乡村互助养老睦邻点。")
    end = date(2024, 12, 31)
    assert drafts(text, date(2024, 2, 4)) == [("", "county", "eq", Decimal(500), "个", end),
                                              ("", "county", "eq", Decimal(1000), "个", end)]
    # a total aimed at by a date is a target
    assert drafts("到2025年,全省共建成社区养老服务中心1000个。") == [
        ("", "county", "eq", Decimal(1000), "个", date(2025, 12, 31))]


def test_a_years_list_launched_on_an_undated_page_is_that_years_and_other_departments_items_stay_out():
    # 武清 2019年惠民工程 (a district paper, reposted undated): the items civil affairs carries, due at 2019's end; the
    # villages' sewage and 美丽村庄, the roads and the jobs are other departments'; 为60岁及以上老年人 is an age
    text = ("本报讯(记者 张炼)日前,区委、区政府全面启动2019年惠民工程。 据了解,今年惠民工程共涉及20项。"
            "二是改善农村生活环境,完成100个以上村庄生活污水处理设施建设,新建56个美丽村庄。五是提升社区建设水平,创建4个市级美丽社区。"
            "六是提高公共交通水平,新建大修“四好农村路”100公里。九是优化完善公共服务,为60岁及以上老年人提供健康管理服务。"
            "十一是完善农村养老服务,建设5所农村幸福院。十二是推进就业再就业工作,全年新增就业3.6万人。")
    end = date(2019, 12, 31)
    assert drafts(text) == [("", "county", "eq", Decimal(4), "个", end), ("", "county", "eq", Decimal(5), "所", end)]
    # the list launched is the page's year; without it the items have no year to fall due at
    assert all(d[5] is None for d in drafts(text.replace("全面启动2019年惠民工程", "全面启动惠民工程")))


def test_an_item_of_a_named_years_list_is_due_at_that_years_end():
    # 浦城县民政局 (reposted, undated): "长者食堂建设已列入2022年为民办实事项目,全县计划建设“长者食堂”50个"
    assert drafts("按照县委、县政府部署,长者食堂建设已列入2022年为民办实事项目,全县计划建设“长者食堂”50个。") == [
        ("", "county", "eq", Decimal(50), "个", date(2022, 12, 31))]


def test_a_count_planned_with_ni_is_a_goal():
    # 荆门晚报 (traditional characters): "2017年,…擬新建城市社區居家養老服務中心11個、農村老年人互助照料活動中心40個"
    found = drafts("2017年,荊門擬新建城市社區居家養老服務中心11個、農村老年人互助照料活動中心40個。", date(2017, 1, 21))
    assert found == [("", "county", "eq", Decimal(11), "个", date(2017, 12, 31)),
                     ("", "county", "eq", Decimal(40), "个", date(2017, 12, 31))]


def test_one_facility_each_place_builds_is_eq_one_at_that_places_level():
    # 福建 2011 (养老工程, traditional characters), 黑龙江 2007, 咸宁 2024
    assert drafts("到2015年,每個市縣建成1所社會福利中心,每個鄉(鎮)建成1所敬老院。") == [
        ("", "county", "eq", Decimal(1), "所", date(2015, 12, 31)), ("", "town", "eq", Decimal(1), "所", date(2015, 12, 31))]
    assert drafts("到2012年,原則上福建省每個城市社區建立1個居家養老服務中心(站)。") == [
        ("", "urban_community", "eq", Decimal(1), "个", date(2012, 12, 31))]
    assert ("", "county", "eq", Decimal(1), "所", None) in drafts("每個縣(市)建有一所床位不得少於200張的中心敬老院。")


def test_the_places_a_work_is_done_in_are_a_count_of_the_county():
    # 宁夏 2023 (完整社区), 河南 2025 (殡葬), 济南市中区 2022
    assert drafts("宁夏今年将选择36个社区开展完整社区建设试点,在金凤区选择2个社区开展未来社区建设试点。", date(2023, 3, 1)) == [
        ("", "county", "eq", Decimal(36), "个", date(2023, 12, 31)), ("", "county", "eq", Decimal(2), "个", date(2023, 12, 31))]
    assert drafts("到2027年,要在全省选择1000个村(社区)开展文明节俭治丧和生态安葬行动。") == [
        ("", "county", "eq", Decimal(1000), "个", date(2027, 12, 31))]
    # not a goal: the places a report says the work was done in
    assert drafts("2022年,在20个村(社区)开展了互助养老试点。", date(2023, 3, 1)) == []


def test_a_share_of_places_that_will_build_is_at_the_places_level_with_or_without_de():
    # 石家庄 2022 (traditional characters): 年內…50%鄉鎮建成…、70%行政村建成…;其他縣40%的街道(鄉鎮)建成…
    found = drafts("年內5個試點縣50%鄉鎮建成區域性養老服務中心、70%行政村建成社區養老服務設施;"
                   "其他縣(市、區)40%的街道(鄉鎮)建成綜合養老服務中心。", date(2022, 3, 1))
    end = date(2022, 12, 31)
    assert ("", "town", "gte", Decimal(50), "%", end) in found
    assert ("", "rural_community", "gte", Decimal(70), "%", end) in found
    assert ("", "town", "gte", Decimal(40), "%", end) in found
    # 黑龙江 2007: "50%的社区要建立老年人活动站"
    assert ("", "community", "gte", Decimal(50), "%", date(2007, 12, 31)) in drafts(
        "2007年,我省民政部门将加大社区建设力度,50%的社区要建立老年人活动站。", date(2007, 2, 12))


def test_an_items_responsible_units_say_whose_it_is_in_a_government_list():
    # 长春新区 2017年建设幸福新区行动计划 (62件民生实事): the item's units in brackets after it
    text = ("2017年建设幸福新区行动计划\n稿件来源:市民生办\n2017年新区突出抓好11大类、62件民生实事。\n"
            "多渠道安置被征地农民,全年安置不低于4000人;(人社局、各开发区)\n"
            "新建社区居家养老服务中心不少于5个;(民政局、各开发区)")
    assert drafts(text, date(2017, 3, 1)) == [("", "county", "gte", Decimal(5), "个", date(2017, 12, 31))]
    assert len(all_drafts(text, date(2017, 3, 1))) == 2


# --- session 13, round 16: sets 50 and 51 read ------------------------------------------------------------------


def test_a_target_said_in_the_headline_and_again_in_the_body_is_drafted_once_in_the_bodys_words():
    # 泰州 2017 (a repost): the headline, then the body twice; 哈尔滨: "将建23个农村敬老院" … "新建23家农村敬老院"
    text = ("泰州市今年将新建150个老年人助餐点\n为了逐步解决老年人“吃饭难”问题,今年我市将建成150个社区老年人助餐点。"
            "到今年年底,全市将新增老年人助餐点150个,可为5000多名老人提供助餐服务。")
    assert drafts(text, date(2017, 4, 16)) == [("", "county", "eq", Decimal(150), "个", date(2017, 12, 31))]
    found = draft_targets("哈尔滨市将建23个农村敬老院\n今年,哈尔滨市将新建23家农村敬老院。", date(2012, 3, 1))
    assert [(d.threshold, d.unit, d.quote) for d in found] == [(Decimal(23), "家", "今年,哈尔滨市将新建23家农村敬老院。")]
    # one facility of each tier is not said twice (嘉兴市区殡葬设施专项规划 2022-2035: 近期 ends 2025, 远期 2035)
    layout = drafts("嘉兴市区殡葬设施专项规划(2022-2035年)\n近期:殡仪设施规划布局1处市级殡仪服务设施,1处镇(街)级殡仪服务设施。\n"
                    "远期:殡仪设施规划布局1处区级殡仪服务设施,4处镇(街)级殡仪服务设施。")
    assert [d[3] for d in layout] == [Decimal(1), Decimal(1), Decimal(1), Decimal(4)]


def test_a_ratio_whose_base_is_written_in_digits_keeps_its_denominator():
    # 湖南 2011 (养老服务业意见): "实现平均每1000名老年人20张以上床位"
    assert ("", "county", "gte", Decimal(20), "张/千人", date(2015, 12, 31)) in drafts(
        "到2015年,全省养老机构新增床位14万张,实现平均每1000名老年人20张以上床位。")


def test_a_count_that_will_be_built_with_jiang_jian_is_a_goal():
    # 琼海 (殡葬规划 report): "琼海将建市级公益性公墓2处"
    assert drafts("按照该规划,琼海将建市级公益性公墓2处。") == [("", "county", "eq", Decimal(2), "处", None)]


def test_facilities_built_to_the_standard_everywhere_is_coverage():
    # 辽宁日报 2023 (沈阳): "年底前实现社区养老服务设施配建100%达标"
    assert drafts("年底前实现社区养老服务设施配建100%达标。", date(2023, 2, 15)) == [
        ("", "community", "present", None, "", date(2023, 12, 31))]


def test_a_government_lists_other_items_named_by_their_words():
    # 上海 2021年为民办实事项目: 老旧小区's charging points (为老旧… is not 为老), breakfasts, apprentices, ambulances,
    # health points and roads are other departments'; pension insurance is 人社's, not a 养老 service
    text = ("2021年上海市为民办实事项目\n三、为老旧小区内既有的1000个电动自行车集中充电场所加装消防设施。\n"
            "四、推出200家早餐工程示范点。\n五、支持培养1万名企业新型学徒。\n"
            "六、新建改建6个医疗急救(120)分站;建立100个园区(楼宇)健康服务点。\n七、打造50条精品示范路。\n"
            "八、在10%以上的农业人口中实施新型农村养老保险试点。\n九、新增养老床位5000张。")
    assert drafts(text, date(2021, 1, 25)) == [("", "county", "eq", Decimal(5000), "张", date(2021, 12, 31))]


# --- session 13, round 17: sets 52 and 53 read ------------------------------------------------------------------


PINGLIANG_2025 = ("2025年平凉市将办好这10件为民实事\n政务   2025-01-09 15:09   甘肃  \n"
                  "1月9日上午,平凉市第五届人民代表大会第五次会议开幕。\n"
                  "10件民生实事包括,加力推进消费品以旧换新,惠及城乡居民5万户以上;促进未就业高校毕业生实现就业4000名以上;"
                  "新增城镇中小学学位1350个、幼儿园园位570个;完成生态及地质灾害避险搬迁1000户以上,农房抗震设防改造650户以上;"
                  "新建自然村(组)硬化路200公里以上;建成乡镇综合养老服务中心10个以上、村级互助幸福院20个以上;"
                  "为670名重度残疾人提供集中日间照料服务;组织文化惠民演出1200场以上。")


def test_in_a_list_of_every_departments_works_an_item_naming_no_civil_affairs_thing_is_left_out():
    # 甘肃日报 2025 (平凉's 10件为民实事, announced at the city's people's congress): 以旧换新, 避险搬迁, 抗震改造 name
    # no department a word list knows, and no civil-affairs thing either — only the civil-affairs items stay
    end = date(2025, 12, 31)
    assert drafts(PINGLIANG_2025, date(2025, 1, 9)) == [("", "county", "gte", Decimal(10), "个", end),
                                                       ("", "county", "gte", Decimal(20), "个", end),
                                                       ("", "county", "eq", Decimal(670), "名", end)]
    assert len(all_drafts(PINGLIANG_2025, date(2025, 1, 9))) == 11


def test_a_congress_years_list_announced_for_next_year_dates_its_items_by_the_title():
    # 新甘肃 2022-12-13: "2023年,平凉要为民办好这10件实事", then "10件实事是:…" at the congress of December
    text = ("【聚焦平凉市两会】2023年,平凉要为民办好这10件实事\n 2022/12/13/ 22:19 来源:新甘肃 记者 田丽媛\n"
            "12月13日上午,平凉市第五届人民代表大会第三次会议开幕。\n"
            "10件实事是:完成政府补贴性职业技能培训3万人;新建改扩建校舍8.6万平方米;建设乡镇综合养老服务中心10个、"
            "村级互助幸福院30个,为6万名78岁及以上老年人办理意外伤害保险;实施老旧小区改造21个3100户。")
    end = date(2023, 12, 31)
    assert drafts(text, date(2022, 12, 13)) == [("", "county", "eq", Decimal(10), "个", end),
                                                ("", "county", "eq", Decimal(30), "个", end),
                                                ("", "county", "eq", Decimal(60000), "名", end)]


def test_the_households_a_task_is_done_for_with_dui_and_yu():
    # 宜宾 2026 (十大惠民行动): "为9300余名特殊困难老人提供居家上门服务,对1300余户家庭进行适老化改造" — 余: at least
    text = ("宜宾市2026年民生实事\n2026年,宜宾将实施十大惠民行动:\n"
            "为9300余名特殊困难老人提供居家上门服务,对1300余户家庭进行适老化改造。")
    end = date(2026, 12, 31)
    assert drafts(text, date(2026, 2, 25)) == [("", "county", "gte", Decimal(9300), "名", end),
                                               ("", "county", "gte", Decimal(1300), "户", end)]


def test_every_county_or_every_community_and_village_having_one_is_coverage():
    # 安徽 2016 (节地生态安葬 opinions), 吉安 2015 (居家养老 three-year plan)
    assert drafts("到2020年,所有县(市、区)都建有公益性骨灰埋葬(放)设施。") == [
        ("", "county", "present", None, "", date(2020, 12, 31))]
    assert drafts("到2016年,全市所有的城镇社区和农村村委会均建有居家养老服务中心。") == [
        ("", "community", "present", None, "", date(2016, 12, 31))]


# --- session 13, round 18: sets 54 and 55 read ------------------------------------------------------------------


def test_a_range_written_with_dao_is_at_least_its_lower_end():
    # 中福养老网 2015 (北京 街道级社区日间照料中心): "按照计划,今年再建40到60个"
    assert drafts("按照计划,今年再建40到60个。", date(2015, 9, 2)) == [
        ("", "county", "gte", Decimal(40), "个", date(2015, 12, 31))]


def test_a_past_years_list_named_in_the_opening_is_not_the_documents_year():
    # 新浪福建 2021-01-13 (泉州市2021年39个为民办实事项目): "刚刚过去的2020年,市委、市政府实施36个为民办实事项目"
    text = policy_corpus.text_of(KEY, "qz2021wmss")
    assert "刚刚过去的2020年,市委、市政府实施36个为民办实事项目" in text
    assert all(d.deadline != date(2020, 12, 31) for d in draft_targets(text, date(2021, 1, 13)))


def test_other_departments_things_that_share_a_civil_affairs_word_stay_theirs():
    # 黄石 2026 (十件民生实事): 中小学校食堂 is 教育's; 泉州 2021: 婴幼儿照护 卫健's, 妇女儿童之家 妇联's; 婚育观 卫健's
    from wulian.policy_draft import CIVIL_AFFAIRS_THINGS

    for words in ("新改扩建中小学校食堂14个", "新改擴建中小學食堂14個", "新建10家婴幼儿照护服务机构示范点",
                  "建设提升33个“妇女儿童之家”", "倡导积极婚育观"):
        assert not CIVIL_AFFAIRS_THINGS.search(words), words
    for words in ("新建社区食堂10家", "为失能老人提供照护服务", "建设儿童之家50个", "婚姻登记"):
        assert CIVIL_AFFAIRS_THINGS.search(words), words


# --- session 13, round 19: sets 56 and 57 read ------------------------------------------------------------------


def test_a_task_tables_columns_of_district_figures_copied_one_a_line_are_not_targets():
    # 常州市民政局《2025年全市民政工作要点》任务分解表 (reposted, cells one a line): the task's own figure is the target,
    # the columns of each district's share under it are not
    text = ("关于印发《2025年全市民政工作要点》的通知\n2025年全市民政工作要点任务分解表\n"
            "新建1300张家庭养老床位。\n353张\n367张\n149张\n192张\n99张\n"
            "为4万人次老年人开展运用智能技术专项普及培训。\n")
    end = date(2025, 12, 31)
    assert drafts(text, date(2025, 3, 21)) == [("", "county", "eq", Decimal(1300), "张", end),
                                               ("", "county", "eq", Decimal(40000), "人次", end)]
    # a cell or two alone is a table's own target: kept
    assert ("", "county", "eq", Decimal(353), "张", end) in drafts(text.replace("367张\n149张\n192张\n99张\n", ""),
                                                                  date(2025, 3, 21))


def test_the_general_rule_reads_status_as_the_precise_rules_do():
    # 安徽时代信息网 2019 (滁州 公益性公墓): "…组成了10个核查组…" — a verb done (了) before the figure is what was done,
    # for the general rule as for the precise ones
    text = ("滁州推进农村公益性公墓建设\n针对一些地方出现的“家族骨灰纪念堂、大碑大墓、散埋乱葬”问题,滁州市各地今年1月开始开展"
            "专项排查整治,其中,全椒县民政局、国土局、林业局、农委、规建局5家单位组成了10个核查组对全县10个镇违规建设房屋式安息堂"
            "进行摸底核查。\n")
    assert all(d.threshold != 10 for d in draft_targets(text, date(2019, 4, 1)))


# --- session 13, round 20: sets 58 and 59 read ------------------------------------------------------------------


def test_an_old_standard_named_with_its_year_and_class_is_not_the_new_one():
    # 西藏自治区民政厅 2020-03-20: "保障标准从2019年城市居民低保对象每人每月800元提高至每人每月847元"
    text = ("我区提高城乡最低生活保障标准\n经自治区人民政府同意,自2020年1月1日起,保障标准从2019年城市居民低保对象每人每月800元"
            "提高至每人每月847元。")
    found = [(d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2020, 3, 20))]
    assert (Decimal(847), "元/人/月", date(2020, 1, 1)) in found and Decimal(800) not in [f[0] for f in found]


def test_a_population_forecast_is_no_target():
    # 海口网 2011 (海南省老龄委): "据省统计局预测,到2015年,80岁以上老年人口将达17万人,占老年人口总数的14.66%"
    assert drafts("据省统计局预测,到2015年,80岁以上老年人口将达17万人,占老年人口总数的14.66%。") == []


def test_a_second_reading_is_scored_against_the_key_field_by_field(tmp_path):
    # A second reader who agrees on every row but one deadline and leaves one row out: 2 of 3 rows given match,
    # 2 of the 4 the key holds; the deadline is named as the field the two readers differ in.
    rows = [dict(row) for row in policy_corpus.rows(KEY, "jl2023mzhy")][:4]
    assert len(rows) == 4 and all(row["source"] for row in rows)
    rows[0]["deadline"] = "2030-12-31"
    reading = tmp_path / "reading.json"
    reading.write_text(json.dumps({"targets": rows[:3]}, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("draft_targets", "--second-reading", str(reading), stdout=out)
    printed = out.getvalue()
    assert "1 documents, 8 targets in the key" in printed
    assert "second reader against the key: precision 2/3 = 66.7%, recall 2/8 = 25.0%" in printed
    assert "second reader's rows unmatched but quoting a key row's sentence: 1; fields that differ: deadline 1" in printed


# Second readings, written from the documents and the conventions alone (wulian/policy_corpus/second_readings): how
# far a careful reader reproduces the key — the bar the issue sets the drafter. Two readers of the 43 documents of
# sets 42–45 (the drafter read them unseen at 51/131, 51/136), two of the 17 of sets 46+47 (unseen: 22/65, 22/50).
SECOND_READINGS = {"reader_b.json": (43, (122, 157), (122, 136), (130, 157), (130, 136)),
                   "reader_c.json": (43, (119, 152), (119, 136), (127, 152), (127, 136)),
                   "reader_d_sets_46_47.json": (17, (40, 56), (40, 50), (42, 56), (42, 50)),
                   "reader_e_sets_46_47.json": (17, (41, 57), (41, 50), (43, 57), (43, 50))}


def test_a_second_careful_reader_reproduces_the_key_as_recorded():
    folder = policy_corpus.HERE / "second_readings"
    for name, (documents, (found, given), (_f, expected), (loose, _g), _e) in SECOND_READINGS.items():
        out = io.StringIO()
        call_command("draft_targets", "--second-reading", str(folder / name), stdout=out)
        printed = out.getvalue()
        assert f"{documents} documents, {expected} targets in the key" in printed
        assert (f"second reader against the key: precision {found}/{given} = {found / given:.1%}, "
                f"recall {found}/{expected} = {found / expected:.1%}") in printed
        assert (f"second reader on the issue's fields (clause and indicator not compared): precision {loose}/{given} "
                f"= {loose / given:.1%}, recall {loose}/{expected} = {loose / expected:.1%}") in printed
        assert loose / given >= 0.75 and loose / expected >= 0.8  # about the issue's bar: a reader's, not a drafter's
    # …and the two readers with each other, row for row on every field
    from wulian.management.commands.draft_targets import matches

    for pair, figures in ((("reader_b.json", "reader_c.json"), (150, 157, 152)),
                          (("reader_d_sets_46_47.json", "reader_e_sets_46_47.json"), (51, 56, 57))):
        first, second = (json.loads((folder / name).read_text(encoding="utf-8")) for name in pair)
        assert first["documents"] == second["documents"]
        agreed = sum(matches([expected_key(row) for row in first["targets"] if row["document"] == code],
                             [row for row in second["targets"] if row["document"] == code])[0]
                     for code in first["documents"])
        assert (agreed, len(first["targets"]), len(second["targets"])) == figures


def test_a_government_lists_items_of_other_departments_are_not_a_civil_affairs_profiles_targets():
    # 贵州 2021 政府工作报告's 十件民生实事 (held-out set 47): of ten items for every department, two are civil affairs'
    text = ("2021年贵州将继续办好“十件民生实事”\n"
            "1月25日,贵州省第十三届人民代表大会第四次会议在贵阳隆重开幕。《政府工作报告》提出,2021年我省继续扎实办好“十件民生实事”。\n"
            "“十件民生实事”具体为:新建改扩建公办幼儿园100所;提质扩能40个县级医疗卫生机构,提升基层医疗机构服务能力;"
            "改造提升50个标准化养老院,新增1万张护理型床位;开展职业技能培训100万人次,实现农村劳动力转移就业70万人,"
            "公益岗位安置就业困难人员6万人;实施城镇老旧小区改造16.8万户,新建城市公共停车位3万个;"
            "改造村道安全生命防护工程1500公里、农村公路危桥150座。")
    end = date(2021, 12, 31)
    assert drafts(text, date(2021, 1, 27)) == [("", "county", "eq", Decimal(50), "个", end),
                                              ("", "county", "eq", Decimal(10000), "张", end)]
    # an item naming civil affairs' own thing stays, whatever else its clause names (湖北 2023: 适老化 beside 老旧小区)
    hubei = ("湖北今年將凝心聚力做這些事 十大民生清單件件貼著民心\n"
             "昨日上午,湖北省第十四屆人民代表大會第一次會議在漢開幕,政府工作報告提出2023年十大民生項目清單。具體如下:\n"
             "推動保障性住房建設、舊城改造和適老化改造,建設籌集保障性租賃住房10萬套,改造棚戶區住房4.8萬套,"
             "改造城鎮老舊小區4000個以上,完成適老化改造2.5萬戶。")
    assert [d[3:5] for d in drafts(hubei, date(2023, 1, 14))] == [(Decimal(25000), "户")]
    # a civil-affairs document is not a government's list: its figures are all read
    plan = "某县民政事业发展规划\n到2025年，新建儿童福利机构附设特殊教育学校1所。"
    assert [d[3:5] for d in drafts(plan)] == [(Decimal(1), "所")]


# --- session 14, round 21: sets 60 and 61 read ------------------------------------------------------------------


def test_a_years_works_named_by_its_nian_du_fall_due_at_its_end():
    # 扬州市全市颐养社区建设暨老年助餐服务工作推进会 (2024): "2024年度,全市将新建…37个" — not a figure every year
    text = "2024年度,全市将新建颐养社区37个,改造提升80个示范性乡村互助养老睦邻点、35个社区助餐点,新增认知障碍照护床位不少于300张。"
    end = date(2024, 12, 31)
    assert drafts(text, date(2024, 4, 24)) == [
        ("", "county", "eq", Decimal(37), "个", end), ("", "county", "eq", Decimal(80), "个", end),
        ("", "county", "eq", Decimal(35), "个", end), ("", "county", "gte", Decimal(300), "张", end)]


def test_a_plan_reported_with_its_period_after_its_name_sets_the_deadline():
    # 南国早报 2019: "《广西壮族自治区殡葬事业发展规划(2018——2022年)》(以下简称《规划》)已于近日印发"
    text = ("1月14日,南国早报客户端记者从自治区民政厅获悉,《广西壮族自治区殡葬事业发展规划(2018——2022年)》(以下简称《规划》)"
            "已于近日印发。\n原则上常住人口50万以上的县(市)至少建设1个殡仪馆或殡仪服务站。")
    assert drafts(text, date(2019, 1, 14)) == [("", "county", "gte", Decimal(1), "个", date(2022, 12, 31))]


def test_a_share_of_places_in_the_urban_area_or_the_countryside_is_theirs():
    # 石家庄 2009: "市区为老服务站要覆盖95%以上的社区,农村80%左右的乡镇拥有一处…中心"; 内蒙古 2017: "40%以上的农村具备…"
    end = date(2012, 12, 31)
    assert drafts("到2012年,市区为老服务站要覆盖95%以上的社区,农村80%左右的乡镇拥有一处多功能的综合性居家养老服务中心。",
                  date(2009, 8, 4)) == [("", "urban_community", "gte", Decimal(95), "%", end),
                                        ("", "town", "gte", Decimal(80), "%", end)]
    assert drafts("到2020年,40%以上的农村具备老年宜居社区基本条件。", date(2017, 6, 20)) == [
        ("", "rural_community", "gte", Decimal(40), "%", date(2020, 12, 31))]


def test_a_share_of_the_population_is_the_places_own_not_a_communitys_registration_rate():
    # 内蒙古 2017 老龄规划 and 烟台 2024: no community named, the share of the whole population
    assert drafts("到2020年,老年志愿者注册人数占老年人口数的比例达到12%。", date(2017, 6, 20)) == [
        ("", "county", "gte", Decimal(12), "%", date(2020, 12, 31))]
    # a community's registration rate stays the indicator's (南通: "城乡社区志愿者注册率…")
    assert drafts("到2020年,城乡社区志愿者注册率达到15%。")[0][:2] == ("volunteer_registration_rate", "community")


def test_a_span_of_years_gone_by_opening_a_sentence_tells_what_was_done():
    # 太原 2015: "2012年至2014年,太原市大力发展…,城市建成115个、农村建成165个,成为城乡居民社会的重要依托" (重要 is no 要)
    assert drafts("2012年至2014年,太原市大力发展城乡老年日间照料中心,城市建成115个、农村建成165个,成为城乡居民社会的重要依托。",
                  date(2015, 2, 17)) == []
    # 建立 is a verb of making: "今年,太原将建立50个城市社区老年日间照料中心和100个农村老年日间照料中心"
    assert [d[3] for d in drafts("今年,太原将建立50个城市社区老年日间照料中心和100个农村老年日间照料中心。",
                                 date(2015, 2, 17))] == [Decimal(50), Decimal(100)]


def test_coverage_words_that_are_not_coverage():
    # 内蒙古 2017: "健全覆盖城乡居民的社会养老保障体系" (健全 + 覆盖, not 全覆盖); 窦玉沛 2013: "基本覆盖我国100%的城市社区和
    # 50%以上的农村社区" — the shares say it, no third coverage of every community
    assert drafts("今后要健全覆盖城乡居民的社会救助体系。", date(2017, 6, 20)) == []
    found = drafts("到2015年,居家和社区养老服务将基本覆盖我国100%的城市社区和50%以上的农村社区。", date(2013, 5, 1))
    assert [d[1:4] for d in found] == [("urban_community", "present", None), ("rural_community", "gte", Decimal(50))]


def test_a_count_each_of_a_share_or_of_named_places_builds_is_not_a_total():
    # 文山 2016: "90%以上的社区建立1所…儿童之家"; 十堰 2021: "13个街办和5个城关镇各建设1处"
    assert [d[3:5] for d in drafts("到2020年,90%以上的社区建立1所儿童之家。")] == [(Decimal(90), "%")]
    assert not {Decimal(13), Decimal(5)} & {d[3] for d in drafts("今年,全市13个街办和5个城关镇各建设1处综合性社区养老服务机构。",
                                                                date(2021, 3, 7))}


def test_a_meetings_news_drafts_the_years_works_not_its_review_of_the_year_gone_by():
    # 十堰市2021年全市民政工作会议 (十堰晚报): the review ("去年,…", "已建成", "即将投入使用") then this year's works
    text = ("今年将建6家社区养老服务机构\n"
            "十堰晚报3月6日 记者从昨日召开的2021年全市民政工作会议上获悉,今年将建设6家街办综合性社区养老服务机构。\n"
            "记者从会上获悉,去年,全市投入民政事业经费17.07亿元,同比增长11.3%。大力推进65个民政重点项目建设,总投资6.8亿元。"
            "其中投资1.1亿元的市老年人养护中心项目已建成,有床位630张,即将投入使用。\n"
            "全市养老床位达2.6万张,每千名老人养老床位数达40张,远超全省平均水平。\n"
            "“十四五”时期,全市养老机构护理型床位占比将达60%以上。")
    assert drafts(text, date(2021, 3, 7)) == [("", "county", "eq", Decimal(6), "家", date(2021, 12, 31)),
                                              ("", "county", "gte", Decimal(60), "%", date(2025, 12, 31))]


def test_a_year_opening_on_its_place_in_the_plan_is_that_years_work_plan():
    # 长春市2018年民政工作总体思路: "2018年是…开局之年,是…实施“十三五”规划承上启下的关键一年" — not the 十三五 plan
    text = ("2018年是全面贯彻落实党的十九大精神的开局之年,是决胜全面建成小康社会、实施“十三五”规划承上启下的关键一年。\n"
            "(一)兜住基本民生底线\n一是提高困难群众救助水平。重点救助对象大病门诊救助比例由30%提高到70%。")
    assert [d[3:] for d in drafts(text, date(2018, 3, 12))] == [(Decimal(70), "%", date(2018, 12, 31))]


# --- session 14, round 22: sets 62 and 63 read ------------------------------------------------------------------


def test_every_place_of_a_tier_having_one_is_coverage_and_so_is_a_share_of_all_of_them():
    # 泉州 2012: "到年底,全市每个社区都将拥有一个社区居家养老服务中心(站)"; 黑龙江 2012: "到2015年,我省100%的城市社区开展…"
    assert [d[:4] for d in drafts("今年,全市每个社区都将拥有一个社区居家养老服务中心(站)。", date(2012, 5, 7))] == [
        ("", "community", "present", None)]
    assert drafts("到2015年,我省100%的城市社区开展居家养老服务。", date(2012, 7, 9)) == [
        ("", "urban_community", "present", None, "", date(2015, 12, 31))]


def test_staff_per_hundred_beds_keep_their_denominator_and_a_plan_end_in_corner_quotes_is_read():
    # 江苏 2021 (repost in traditional characters): "每百張養老機構床位配備專業社會工作人才達1人以上"; 黑龙江: 『十二五』末
    assert drafts("到“十四五”末,每百张养老机构床位配备专业社会工作人才达1人以上。", date(2021, 6, 1)) == [
        ("", "county", "gte", Decimal(1), "人/百张", date(2025, 12, 31))]
    assert [d[5] for d in drafts("力争到『十二五』末,困难群众住院个人自付费用核销比例要达到70%。", date(2012, 7, 9))] == [
        date(2015, 12, 31)]


def test_one_in_each_of_the_counties_named_is_a_countys_own_and_pilots_to_run_are_counted():
    # 安徽 2013 民生工程; 湖北 2018: "同步开展20个省级…示范创建和10个县(市、区)农村幸福院建设试点"
    assert drafts("计划年内在尚未建立流浪乞讨人员救助管理机构的56个县(市),各建成一所救助管理站。", date(2013, 9, 22)) == [
        ("", "county", "eq", Decimal(1), "所", date(2013, 12, 31))]
    text = "2018年,我省将以推进三个城市国家级改革试点为重点,同步开展20个省级城市社区居家养老服务中心示范创建和10个县(市、区)农村幸福院建设试点。"
    assert [d[3] for d in drafts(text, date(2018, 5, 26))] == [Decimal(20), Decimal(10)]


def test_a_reports_statement_of_the_years_task_is_drafted_and_its_results_are_not():
    # 河北 2019 民心工程 (燕赵都市报): "任务目标提前完成" — the task stated, then what was done by September
    text = ("河北社区和居家养老工程任务目标提前完成\n"
            "10月11日,记者从河北省民政厅获悉,今年全省社区和居家养老工程任务目标已提前完成。\n"
            "2019年社区和居家养老工程任务是:新改扩建100家居家养老服务中心,培育100家星级示范养老院,改造提升40家特困人员供养服务机构(敬老院)。\n"
            "截至9月30日,完成新改扩建居家养老服务中心122家。")
    end = date(2019, 12, 31)
    assert drafts(text, date(2019, 10, 12)) == [("", "county", "eq", Decimal(100), "家", end),
                                               ("", "county", "eq", Decimal(100), "家", end),
                                               ("", "county", "eq", Decimal(40), "家", end)]


def test_a_year_reviewed_under_its_heading_and_a_task_changed_from_are_not_targets():
    # 云南2017年全省民政工作会议: "2016成绩 …资助各地建设20个城市公办养老机构… 2017目标 …选取10%公办养老机构…"
    text = ("24日,记者从2017年全省民政工作会议获悉,今年将继续开展专项行动。\n2016成绩\n"
            "省级投入2650万元资助城乡社区建设项目115个、补助8个县开展农村社区建设试点\n2017目标\n"
            "今年将新建城乡社区日间照料中心300个。")
    assert [d[3] for d in drafts(text, date(2017, 2, 25))] == [Decimal(300)]
    # 郑州 2018: "由开工新建10所…,更改为开工新建14所"
    found = drafts("今年,由开工新建10所农村特困人员供养服务机构,更改为开工新建14所。", date(2018, 9, 1))
    assert [d[3] for d in found] == [Decimal(14)]
    # "多支柱、全覆盖、更加公平…的社会保障体系": a quality of a system, not coverage to reach
    assert drafts("到2020年,多支柱、全覆盖、更加公平、更可持续的社会保障体系更加完善。", date(2017, 3, 8)) == []


# --- session 14, round 23: sets 64 and 65 read ------------------------------------------------------------------


def test_a_meetings_year_on_an_undated_page_and_one_count_for_each_of_two_things():
    # 湖北 2014年全省民政工作会议 (湖北日报, undated repost): "确定了2014年…惠民新政" dates the year's works; "…中心和…活动中心
    # 各400个" is two targets
    text = ("上周召开的全省民政工作会议,确定了2014年全省社会救助、养老服务等方面的惠民新政。\n"
            "为积极应对人口老龄化,该省今年将启动养老服务业综合改革试点。全省将新增养老床位15000张;"
            "新增示范性城市社区居家养老服务中心和农村老年人互助照料活动中心各400个。")
    end = date(2014, 12, 31)
    assert drafts(text) == [("", "county", "eq", Decimal(15000), "张", end), ("", "county", "eq", Decimal(400), "个", end),
                            ("", "county", "eq", Decimal(400), "个", end)]


def test_then_falls_due_when_the_sentence_before_does_and_a_percent_in_words_is_read():
    # 拉萨 2014 (西藏新闻网): "…将新建敬老院9所…。届时全市敬老院将达到49所"
    text = "今年,拉萨市将新建敬老院9所、扩建2所。届时全市敬老院将达到49所。"
    assert [(d[3], d[5]) for d in drafts(text, date(2014, 3, 13))] == [
        (Decimal(9), date(2014, 12, 31)), (Decimal(2), date(2014, 12, 31)), (Decimal(49), date(2014, 12, 31))]
    # 建德 养老护理培训方案: "…的人数不应少于百分之30"
    assert [d[2:5] for d in drafts("报名人数中,女性低于50周岁和男性低于60周岁的人数不应少于百分之30。")] == [
        ("gte", Decimal(30), "%")]


# --- session 14, round 24: sets 66 and 67 read ------------------------------------------------------------------


def test_a_years_minsheng_works_plan_reported_dates_its_items_by_its_year():
    # 铜陵 2022 (铜陵日报): "印发《2022年民政民生工程实施方案》…在社区老年助餐服务方面,建成老年食堂4个、提供社区助餐点20个"
    text = ("近日,市民政局、市财政局、市残联联合印发《2022年民政民生工程实施方案》。\n"
            "在社区老年助餐服务方面,建成老年食堂4个、提供社区助餐点20个。")
    end = date(2022, 12, 31)
    assert drafts(text, date(2022, 5, 7)) == [("", "county", "eq", Decimal(4), "个", end),
                                             ("", "county", "eq", Decimal(20), "个", end)]


def test_a_year_opening_an_enumerated_item_and_a_past_years_total_told_next_year():
    # 重庆 2019 (新华社): "力争到2020年实现养老服务城市社区全覆盖、2025年农村社区全覆盖"
    found = drafts("力争到2020年实现养老服务城市社区全覆盖、2025年农村社区全覆盖。", date(2019, 2, 10))
    assert [(d[1], d[5]) for d in found] == [("urban_community", date(2020, 12, 31)),
                                           ("rural_community", date(2025, 12, 31))]
    # "2018年重庆全年新增社区养老服务站200个" told in February 2019: the year gone by
    assert drafts("2018年重庆全年新增社区养老服务站200个。", date(2019, 2, 10)) == []


def test_this_years_sum_and_a_count_to_upgrade():
    # 莆田 2013: "今年莆田将投资520万元,新建4所乡镇敬老院"; 重庆 2019: "改造升级30个区域性特困供养服务机构"
    found = drafts("今年莆田将投资520万元,新建4所乡镇敬老院。", date(2013, 6, 25))
    assert (Decimal(5200000), "元", date(2013, 12, 31)) in [d[3:] for d in found]
    assert [d[3:5] for d in drafts("2019年,将改造升级30个区域性特困供养服务机构。", date(2019, 2, 10))] == [
        (Decimal(30), "个")]


# --- session 15, round 25: sets 68 and 69 read ------------------------------------------------------------------


def test_news_of_a_plan_telling_what_it_sets_gives_its_counts_and_not_the_places_to_close():
    # 宁夏 2025 (新华网繁体页): "方案明確,全區5個地級市分別打造1—2家…。…增加60個左右…區域綜合養老服務中心…。結合…,
    # 分別增加400個左右、撤並30個左右農村養老服務設施。"
    text = ("方案明確,全區5個地級市分別打造1—2家標準化養老機構,提供失能照護、康復護理等專業化服務。"
            "利用閒置校舍、鄉鎮衞生院等存量設施,增加60個左右具有全日托養、日間照料、居家上門等功能的區域綜合養老服務中心,"
            "加快補齊農村養老服務短板。結合“四類村莊”發展規劃,分別增加400個左右、撤並30個左右農村養老服務設施。")
    assert drafts(text, date(2025, 8, 12)) == [("", "county", "gte", Decimal(1), "家", None),
                                               ("", "county", "gte", Decimal(60), "个", None),
                                               ("", "county", "gte", Decimal(400), "个", None)]
    # the same sentence with no plan told: a count with no aim and no date is not read as a goal
    assert drafts("利用闲置校舍等存量设施,增加60个左右区域综合养老服务中心。", date(2025, 8, 12)) == []


def test_a_periods_counts_beside_a_years_list_fall_due_at_the_periods_end():
    # 湖南 2016 (湖南日报): the 十三五 counts, then "今年,省政府继续将“新增养老床位2万张”列入2016年全省重点民生实事项目"
    text = ("全省在“十三五”期间将新建、改扩建基层养老服务设施1.5万个、乡镇敬老院700所。\n"
            "今年,省政府继续将“新增养老床位2万张”列入2016年全省重点民生实事项目,纳入各地政府绩效考核范围。")
    found = drafts(text, date(2016, 5, 15))
    assert ("", "county", "eq", Decimal(15000), "个", date(2020, 12, 31)) in found
    assert ("", "county", "eq", Decimal(700), "所", date(2020, 12, 31)) in found
    assert ("", "county", "eq", Decimal(20000), "张", date(2016, 12, 31)) in found


def test_a_standard_raised_gives_its_new_figures_once_and_not_the_raise_or_the_old_ones():
    # 武汉 2016 (低保提标): the raise (提标20元/40元), the standards of 1996 and 2004, the rise in percent and the new
    # standard told again are not targets; the two new standards are.
    text = ("城市户籍月人均提标20元、农村提标40元昨日从武汉市民政局获悉,从8月1日起,武汉最低生活保障标准将再次提标。"
            "城市户籍最低生活保障标准月人均提标20元,达到600元;农村户籍最低生活保障标准月人均提标40元,达到360元。"
            "1996年我市建立城市最低生活保障制度,当时城市最低生活保障标准为人均每人每月120元,今年是第13次提标。"
            "目前城市低保标准每人每月580元,本次提标后将达到600元,增幅3.45%。"
            "我市2004年建立农村低保制度,当初农村低保标准为每人每年800元。"
            "目前农村低保是每人每月320元,本次提标40元,届时将提高至每人每月360元,增幅达12.5%。")
    due = date(2016, 8, 1)
    assert drafts(text, date(2016, 7, 20)) == [("", "county", "eq", Decimal(600), "元/人/月", due),
                                               ("", "county", "eq", Decimal(360), "元/人/月", due)]


def test_every_town_having_a_facility_is_the_towns_coverage_and_a_rate_after_it_the_countys():
    # 江苏 2016 清明节工作视频会议: "到“十三五”末,全省节地生态安葬率达到80%,所有乡镇都建有立体式公益性骨灰安放设施,
    # 新建经营性公墓生态葬比例不低于35%"
    end = date(2020, 12, 31)
    assert drafts("到“十三五”末,全省节地生态安葬率达到80%,所有乡镇都建有立体式公益性骨灰安放设施,"
                  "新建经营性公墓生态葬比例不低于35%。", date(2016, 3, 14)) == [
        ("", "county", "gte", Decimal(80), "%", end), ("", "town", "present", None, "", end),
        ("", "county", "gte", Decimal(35), "%", end)]


def test_half_or_more_of_the_communities_is_a_share_of_fifty_percent_and_one_more_is_a_count():
    # 武汉 2018: "到2020年,…全市半数以上的社区达到老年宜居社区标准"; 金普 2024: "将…在现有基础上再增22个老年助餐点位"
    assert drafts("到2020年,全市半数以上的社区达到老年宜居社区标准。", date(2018, 8, 6)) == [
        ("", "community", "gte", Decimal(50), "%", date(2020, 12, 31))]
    assert [d[2:5] for d in drafts("到2024年底,新区民政局将在现有基础上再增22个老年助餐点位。", date(2024, 8, 29))] == [
        ("eq", Decimal(22), "个")]


# --- session 15, round 26: sets 70 and 71 read ------------------------------------------------------------------


def test_a_plans_facility_counts_are_the_citys_and_a_coverage_it_starts_from_is_no_target():
    # 上海 2019 (界面新闻): "比如社区综合为老服务中心(分中心)在街镇全覆盖的基础上数量要实现“翻番”,不少于400家;社区老年
    # 助餐服务场所总量实现“翻番”,达到1600家;…养老机构床位数在确保不低于全市户籍老年人口3%,即17.5万张的基础上,…"
    text = ("到2022年,上海市养老服务领域重要的指标数量有新突破,比如社区综合为老服务中心(分中心)在街镇全覆盖的基础上数量要"
            "实现“翻番”,不少于400家;社区老年助餐服务场所总量实现“翻番”,达到1600家;同时,在结构上更加优化,到2022年,"
            "养老机构床位数在确保不低于全市户籍老年人口3%,即17.5万张的基础上,护理型床位数要达到总床位的60%。")
    end = date(2022, 12, 31)
    found = drafts(text, date(2019, 6, 1))
    assert ("", "county", "gte", Decimal(1600), "家", end) in found
    assert ("", "county", "gte", Decimal(3), "%", end) in found
    assert ("", "county", "gte", Decimal(60), "%", end) in found
    assert not [d for d in found if d[2] == "present"]  # 在街镇全覆盖的基础上: the base


def test_years_named_in_turn_date_the_figures_in_turn():
    # 安徽 2025 (大皖新闻): "明确2024年、2025年分别推进不少于60个、70个新建、改扩建或配套设施改造项目"
    assert drafts("自2024年起,安徽将城乡公益性公墓建设管理纳入全省民生实事,明确2024年、2025年分别推进不少于60个、70个新建、"
                  "改扩建或配套设施改造项目。", date(2025, 9, 1)) == [
        ("", "county", "gte", Decimal(60), "个", date(2024, 12, 31)),
        ("", "county", "gte", Decimal(70), "个", date(2025, 12, 31))]


def test_last_years_figures_a_forecast_and_a_populations_share_to_come_are_no_targets_but_shares_aimed_at_are():
    # 浙江 2016 (养老资讯站): "到去年底,…我省拥有社会养老床位56.1万张,每千名老人达到57张…"; "即到2020年,全省96%的老年人
    # 享受居家养老服务,4%的老年人享受机构养老服务;…按现有老年人口预测,届时,…超过35万人享有政府提供的养老服务补贴"
    issued = date(2016, 8, 8)
    assert drafts("到去年底,和全国同口径比,我省拥有社会养老床位56.1万张,每千名老人达到57张,高于全国平均水平的30.3张;"
                  "其中养老机构床位达到35张;居家养老服务照料中心基本覆盖城市社区和80%以上的农村。", issued) == []
    end = date(2020, 12, 31)
    assert drafts("省政府明确,到2020年,全省实现“9643”的养老服务总体格局,即到2020年,全省96%的老年人享受居家养老服务,"
                  "4%的老年人享受机构养老服务。", issued) == [("", "county", "gte", Decimal(96), "%", end),
                                                              ("", "county", "gte", Decimal(4), "%", end)]
    assert drafts("按现有老年人口预测,届时,全省将有47万多张养老机构床位,超过35万人享有政府提供的养老服务补贴。", issued) == []
    # 湖北 2014 (楚天都市报): "去年底我省60周岁以上老年人口已达936万,占总人口的16.1%,2015年将达17.6%"
    assert drafts("据介绍,去年底我省60周岁以上老年人口已达936万,占总人口的16.1%,2015年将达17.6%。", date(2014, 4, 13)) == []


def test_a_years_goals_within_a_span_and_a_sum_in_hundreds_of_millions_written_with_a_measure_word():
    # 郑州 2019 (东方今报): "其中2019年,郑州慈善总会将…努力实现“慈善募捐3个亿,受助群众50万人次,…达90%”的宏伟目标"
    found = drafts("其中2019年,郑州慈善总会将以“创建全国慈善城市”为目标,努力实现“慈善募捐3个亿,受助群众50万人次,"
                   "全民参与慈善活动达90%”的宏伟目标。", date(2019, 3, 29))
    end = date(2019, 12, 31)
    assert ("", "county", "gte", Decimal(300000000), "元", end) in found
    assert ("", "county", "gte", Decimal(90), "%", end) in found


def test_every_community_having_one_said_with_shixian_is_coverage():
    # 山西 2020 意见, quoted in 2021: "到2022年,…基本实现每个社区具有一处社区养老服务站(点)"
    assert drafts("到2022年,基本实现每个社区具有一处社区养老服务站(点)。", date(2021, 1, 11)) == [
        ("", "community", "present", None, "", date(2022, 12, 31))]
    # (without 都/均 or 实现 it is one place's description, not said of every one)
    assert drafts("到2022年,每个社区有一处社区养老服务站。", date(2021, 1, 11)) == []


# --- session 15, round 27: sets 72 and 73 read ------------------------------------------------------------------


def test_a_benefit_notice_published_or_a_subsidy_policy_adjusted_dates_its_standards():
    # 朝阳 2024 高龄津贴: "自2024年12月1日起,朝阳市调整老年人高龄津贴政策。…对90至99周岁老年人每人每月发放200元"
    text = ("近日,朝阳日报微信公众号释出【调整老年人高龄津贴政策】,通知表示,自2024年12月1日起,朝阳市调整老年人高龄津贴政策。"
            "发放标准为:对80至89周岁低收入老年人每人每月发放100元;对90至99周岁老年人每人每月发放200元。")
    due = date(2024, 12, 1)
    assert drafts(text) == [("", "county", "eq", Decimal(100), "元/人/月", due),
                            ("", "county", "eq", Decimal(200), "元/人/月", due)]
    # 四川 2023: "民政厅等5部门发布2023年全省城乡居民最低生活保障…标准低限:城市居民最低生活保障标准低限为740元/月" — a floor
    text = ("经省政府第14次常务会议审议通过,民政厅等5部门发布2023年全省城乡居民最低生活保障和特困人员基本生活标准低限:\n"
            "城市居民最低生活保障标准低限为740元/月,农村居民最低生活保障标准低限为533元/月;\n本标准从2023年7月起执行。")
    assert drafts(text, date(2023, 9, 20)) == [("", "county", "gte", Decimal(740), "元/人/月", date(2023, 7, 1)),
                                               ("", "county", "gte", Decimal(533), "元/人/月", date(2023, 7, 1))]


def test_the_classes_after_a_standard_per_person_and_month_are_per_person_and_month_too():
    # 本溪 2013: "我市各区城市低保标准由每人每月380元提高到420元;两县政府所在镇由330元提高到365元;两县其他乡镇由310元提高到345元"
    text = ("市政府决定自2013年7月1日起提高城乡居民最低生活保障和农村五保对象供养标准。(一)提高城市低保标准。我市各区城市低保"
            "标准由每人每月380元提高到420元;两县政府所在镇由330元提高到365元;两县其他乡镇由310元提高到345元。")
    assert [d[3:] for d in drafts(text, date(2013, 9, 29))] == [
        (Decimal(420), "元/人/月", date(2013, 7, 1)), (Decimal(365), "元/人/月", date(2013, 7, 1)),
        (Decimal(345), "元/人/月", date(2013, 7, 1))]


def test_a_coverages_own_date_does_not_date_the_paragraph_after_it():
    # 温州 2019 民政工作会议: "2019年,新增床位11600张…。全市新建示范型居家养老服务中心70个,覆盖67.7%的乡镇(街道),力争至2020年
    # 实现全覆盖。还将提升服务功能,打造星级养老服务机构2617家"
    text = ("在养老服务工作方面,我市将加强机构建设。2019年,新增床位11600张,新增养老机构29家。全市新建示范型居家养老服务中心70个,"
            "覆盖67.7%的乡镇(街道),力争至2020年实现全覆盖。还将提升服务功能,打造星级养老服务机构2617家。")
    found = drafts(text, date(2019, 3, 7))
    assert ("", "county", "eq", Decimal(2617), "家", date(2019, 12, 31)) in found
    assert ("", "town", "present", None, "", date(2020, 12, 31)) in found


def test_a_government_work_reports_goals_told_as_what_the_report_proposes():
    # 福建 2018 政府工作报告 (台海网): "在有效保障老年人服务需求方面,报告提出,加快养老服务设施建设,新建150个…照料中心、400个农村幸福院"
    text = ("2018年,我省不仅要让老人们老有所养、老有所乐,更提出让老年人老有所学。在有效保障老年人服务需求方面,报告提出,"
            "加快养老服务设施建设,新建150个居家社区养老服务照料中心、400个农村幸福院,实施乡镇敬老院转型升级工程。")
    found = drafts(text, date(2018, 1, 27))
    assert ("", "county", "eq", Decimal(150), "个", date(2018, 12, 31)) in found
    assert ("", "county", "eq", Decimal(400), "个", date(2018, 12, 31)) in found


# --- session 15, round 28: sets 74 and 75 read ------------------------------------------------------------------


def test_a_status_opening_does_not_hide_the_plans_goals_told_after_it_nor_the_populations_share_become_one():
    # 新疆 2012 (新华社): "目前,新疆60岁以上老年人口近234万人,占总人口的10.8%,…新疆计划“十二五”期间…,至“十二五”末,基本实现…
    # 90%以上的城市社区建立“日间照料中心”,70%以上的街道建立养老服务中心,60%的城区建立养老信息网络平台的目标"
    text = ("自治区民政厅党组书记莫涓告诉记者,目前,新疆60岁以上老年人口近234万人,占总人口的10.8%,已进入人口老龄化社会,"
            "新疆计划“十二五”期间投入106.80亿元打造多元化的社会养老服务体系,至“十二五”末,基本实现新疆每千名老人拥有养老床位"
            "30张,90%以上的城市社区建立“日间照料中心”,70%以上的街道建立养老服务中心,60%的城区建立养老信息网络平台的目标。")
    end = date(2015, 12, 31)
    found = drafts(text, date(2012, 1, 11))
    assert ("", "urban_community", "gte", Decimal(90), "%", end) in found
    assert ("", "town", "gte", Decimal(70), "%", end) in found
    assert not [d for d in found if d[3] == Decimal("10.8")]
    # 内蒙古 2012: "农村牧区60岁以上的老年人口超过150万人,占城乡老年人口总数的47.8%" — the population's share
    assert not [d for d in drafts("他说,农村牧区60岁以上的老年人口超过150万人,占城乡老年人口总数的47.8%。",
                                  date(2012, 8, 22)) if d[4] == "%"]


def test_counts_for_urban_and_rural_communities_respectively_with_a_unit_after_each():
    # 四川 2017 城乡社区服务体系“十三五”规划: "到2020年,每个城市社区、农村社区分别拥有10个、5个以上的社区社会组织"
    found = drafts("到2020年,每个城市社区、农村社区分别拥有10个、5个以上的社区社会组织。", date(2017, 11, 14))
    end = date(2020, 12, 31)
    assert [d[1:] for d in found] == [("urban_community", "gte", Decimal(10), "个", end),
                                      ("rural_community", "gte", Decimal(5), "个", end)]


def test_the_next_years_count_from_the_documents_year():
    # 陕西 2023 适老化改造实施方案: "《实施方案》提出,未来三年计划完成5万户特殊困难老年人家庭适老化改造任务"
    assert drafts("《实施方案》提出,未来三年计划完成5万户特殊困难老年人家庭适老化改造任务。", date(2023, 3, 28)) == [
        ("", "county", "eq", Decimal(50000), "户", date(2025, 12, 31))]


# --- session 15, round 29: sets 76 and 77 read ------------------------------------------------------------------


def test_a_months_work_plan_falls_due_at_the_months_end():
    # 明光市民政局 2023年10月份重点工作: "3.…完成3座…"
    text = "明光市民政局2023年10月份重点工作\n五、社会事务\n3.推进公益性公墓建设,完成3座农村公益性公墓建设。"
    assert [d[3:] for d in drafts(text, date(2023, 10, 8))] == [(Decimal(3), "座", date(2023, 10, 31))]


def test_a_benefit_raise_to_be_finished_by_a_month_falls_due_then():
    # 甘肃 2016 孤儿 (新华社): "…由之前的每人每月840元提高到每人每月1000元,…提高孤儿基本生活费保障标准的工作将于今年12月底前全面完成"
    text = ("新华社兰州3月20日电(记者 程楠)为促进城乡孤儿平等共享经济社会发展成果,完善孤儿保障体系,缩小地区供养标准差距,"
            "甘肃省将在今年内提高城乡孤儿保障水平。\n因此,甘肃将把福利机构集中供养孤儿的基本生活费保障标准补助由之前的每人每月"
            "840元提高到每人每月1000元,社会散居孤儿由之前的每人每月640元(城市)和440元(农村)提高到每人每月640元,不再区分城市和"
            "农村。\n据了解,目前,甘肃省共有21621名孤儿。提高孤儿基本生活费保障标准的工作将于今年12月底前全面完成。")
    end = date(2016, 12, 31)
    assert drafts(text, date(2016, 3, 20)) == [("", "county", "eq", Decimal(1000), "元/人/月", end),
                                               ("", "county", "eq", Decimal(640), "元/人/月", end)]


def test_a_plan_for_urban_communities_puts_its_community_figures_on_urban_communities():
    # 宁夏 2022 《城市社区规范化标准化建设三年行动方案(2023—2025年)》: "每百户居民拥有社区综合服务设施面积不低于30平方米"
    text = ("近日,宁夏民政厅联合住房和城乡建设厅等印发《城市社区规范化标准化建设三年行动方案(2023—2025年)》,提出到2025年,"
            "每百户居民拥有社区综合服务设施面积不低于30平方米,每个社区拥有不少于10个社区社会组织。")
    found = drafts(text, date(2022, 12, 9))
    assert ("", "urban_community", "gte", Decimal(30), "平方米/百户", date(2025, 12, 31)) in found
    assert [d[1] for d in found if d[4] == "个"] == ["urban_community"]


# --- session 15, round 30: sets 78 and 79 read ------------------------------------------------------------------


def test_within_a_named_year_is_that_years_end_not_a_span_of_years():
    # 民政部 2013 (新华网): "中央专项彩票公益金将在2013年内支持全国农村社区建设3.33万所幸福院" — not "3年内"
    found = drafts("记者24日从民政部获悉,中央专项彩票公益金将在2013年内支持全国农村社区建设3.33万所幸福院。", date(2013, 7, 24))
    assert found == [("", "county", "eq", Decimal(33300), "所", date(2013, 12, 31))]


def test_a_meetings_goal_for_a_plans_end_still_to_come_is_drafted():
    # 济宁 2013 全市民政工作会议: "至“十二五”末,济宁市养老床位总量达到5.1万张"
    text = ("济宁市召开民政工作会议 基层养老服务不断扩容\n本报济宁2月27日讯 27日,记者从济宁全市民政工作会议获悉,至“十二五”末,"
            "济宁市养老床位总量达到5.1万张。")
    assert ("", "county", "gte", Decimal(51000), "张", date(2015, 12, 31)) in drafts(text, date(2013, 2, 27))


# --- session 16, round 31: sets 80 and 81 read ------------------------------------------------------------------


def test_within_two_years_counts_from_the_documents_year_or_from_the_year_it_names():
    # 吉林农网 2006: "吉林将在两年内建设668所农村社会福利中心" — 2006 and 2007
    found = drafts("吉林将在两年内建设668所农村社会福利中心,覆盖全省每一个乡镇、县城。", date(2006, 6, 6))
    assert ("", "county", "eq", Decimal(668), "所", date(2007, 12, 31)) in found
    # 沁源 公墓三年行动: "从2021年起,用3年时间完成12个乡镇公益性公墓建设工作" — counted from 2021, not the page's year
    found = drafts("全县公益性公墓建设的总体目标是:从2021年起,用3年时间完成12个乡镇公益性公墓建设工作。", date(2024, 3, 1))
    assert ("", "county", "eq", Decimal(12), "个", date(2023, 12, 31)) in found
    # "近两年内需拆迁…的房屋" is a condition, not a span: nothing is dated by it
    assert drafts("近两年内需拆迁的房屋,不纳入此次改造范围。", date(2023, 3, 28)) == []


def test_beds_per_thousand_elderly_in_a_goal_are_a_ratio_and_in_a_status_are_not_drafted():
    # 吉林 2016年全省民政工作会议: "全省养老床位总数达到24万张,每千名老人拥有养老床位36张"
    found = drafts("到2020年,全省养老床位总数达到24万张,每千名老人拥有养老床位36张。", date(2016, 1, 20))
    assert ("", "county", "gte", Decimal(36), "张/千人", date(2020, 12, 31)) in found
    assert [d for d in found if d[4] == "张"] == [("", "county", "gte", Decimal(240000), "张", date(2020, 12, 31))]
    # 新华社 2019 (重庆): "据介绍,重庆现有养老机构1403个,…每千名老人拥有床位30.8张" — what there is now
    assert drafts("据介绍,重庆现有养老机构1403个,社区养老服务中心(站)1221个,养老床位增至21.8万张,每千名老人拥有床位30.8张。",
                  date(2019, 2, 10)) == []


def test_a_meeting_that_sets_a_plan_periods_work_dates_it_at_the_periods_end():
    text = ("我省确定“十三五”民政工作重点 保基本补短板\n"
            "中国吉林网讯 记者从日前召开的全省民政工作会议上获悉,“十三五”期间,我省将重点实施脱贫攻坚、养老服务等专项计划。\n"
            "为加快实施养老服务普惠推动计划,我省将建设300个城市社区居家养老服务中心和2000个农村养老服务大院。")
    found = drafts(text, date(2016, 1, 20))
    assert ("", "county", "eq", Decimal(300), "个", date(2020, 12, 31)) in found
    assert ("", "county", "eq", Decimal(2000), "个", date(2020, 12, 31)) in found
    # a year's meeting with no period set stays the year's
    text = ("2016年全省民政工作会议召开\n记者从2016年全省民政工作会议上获悉,今年我省将建设300个城市社区居家养老服务中心。")
    assert ("", "county", "eq", Decimal(300), "个", date(2016, 12, 31)) in drafts(text, date(2016, 1, 20))


def test_reaching_or_nearly_reaching_all_is_a_share_not_coverage():
    # 第四次全国殡葬工作会议: "争取到2020年,…火化区火化率达到或接近100%"
    found = drafts("李立国说,争取到2020年,火化区火化率达到或接近100%;骨灰存放、树葬、海葬等节地生态安葬比例达40%以上。",
                   date(2013, 6, 1))
    assert ("", "county", "gte", Decimal(100), "%", date(2020, 12, 31)) in found
    assert ("", "county", "gte", Decimal(40), "%", date(2020, 12, 31)) in found


def test_a_count_to_build_written_in_words_is_read():
    # 嵩明 2023: "县民政局将在小新街社区、布能社区新建两家老年幸福食堂"
    found = drafts("今年,县民政局将在小新街社区、布能社区新建两家老年幸福食堂。", date(2023, 8, 1))
    assert [(d[2], d[3], d[4]) for d in found] == [("eq", Decimal(2), "家")]
    # told as done, it is not a target
    assert drafts("去年,县民政局在小新街社区新建了两家老年幸福食堂。", date(2023, 8, 1)) == []


# --- session 16, round 32: sets 82 and 83 read ------------------------------------------------------------------


def test_a_benefit_standard_per_month_is_each_persons_and_a_fee_per_thing_is_not():
    # 雅安 2021: "城市居民最低生活保障標準625元/月" — the standard of each person on 低保 (the key's one convention since
    # session 16: 元/人/月, written or not)
    text = ("雅安市调整最低生活保障和特困人员基本生活标准的通知\n"
            "从2021年12月1日起,城市居民最低生活保障标准625元/月,农村居民最低生活保障标准465元/月。")
    found = drafts(text, date(2021, 11, 20))
    assert ("", "county", "eq", Decimal(625), "元/人/月", date(2021, 12, 1)) in found
    assert ("", "county", "eq", Decimal(465), "元/人/月", date(2021, 12, 1)) in found
    # 博罗 2025: "普通寄存格位5元/月" — a fee for a niche, not a person's standard
    assert all(d[4] != "元/人/月" for d in drafts("公益性骨灰寄存服务收费标准为普通寄存格位5元/月。", date(2025, 1, 1)))


def test_a_list_of_projects_announced_with_its_years_is_read_item_by_item():
    # 西城区 2019: the headline names the list and its date, the body gives its items
    text = ("本报讯 昨天,西城区发布2019-2020年养老服务为民十大项目,预计2020年底前全部落实。\n"
            "据介绍,养老服务为民十大项目包括为低保低收入困难老年人提供“理发、洗浴、代换煤气”等三项为老服务,"
            "为100名老年人提供安宁疗护服务,为1400名无保障老年人进行免费体检,"
            "全区养老餐桌建设达到300家,全区家庭养老床位建设达到500张。")
    found = drafts(text)
    assert ("", "county", "eq", Decimal(100), "名", date(2020, 12, 31)) in found
    assert ("", "county", "eq", Decimal(1400), "名", date(2020, 12, 31)) in found
    assert ("", "county", "gte", Decimal(300), "家", date(2020, 12, 31)) in found
    assert ("", "county", "gte", Decimal(500), "张", date(2020, 12, 31)) in found


def test_the_items_under_a_years_list_announced_in_a_line_of_their_own_fall_due_at_its_end():
    # 嘉兴 2023: "…确定以下十个项目为2023年度嘉兴市政府民生实事项目——" then the items, a line each
    text = ("昨天下午,嘉兴市九届人大三次会议对2023年度嘉兴市政府民生实事项目进行了投票表决,"
            "确定以下十个项目为2023年度嘉兴市政府民生实事项目——\n3.幸福颐养项目\n●全市新增家庭养老床位2000张;\n"
            "●全市新开办10家示范性“社区食堂”;")
    found = drafts(text, date(2023, 3, 2))
    assert ("", "county", "eq", Decimal(2000), "张", date(2023, 12, 31)) in found
    assert ("", "county", "eq", Decimal(10), "家", date(2023, 12, 31)) in found
    # 宝安 2023: "为了确保高质量完成,每一项民生实事都有具体的量化指标:" over the numbered items
    text = ("会议票决产生了10项宝安区2023年度民生实事。\n为了确保高质量完成,每一项民生实事都有具体的量化指标:\n"
            "5、完善社区养老服务,新建长者服务站点6家以上")
    assert ("", "county", "gte", Decimal(6), "家", date(2023, 12, 31)) in drafts(text, date(2023, 2, 24))


def test_counts_under_a_heading_of_tasks_are_targets_whatever_the_verbs_variant():
    # 永嘉 2010: "一、任务总数 / …新(改、扩)建乡镇养老服务中心3个,…新建农村社区“星光老年之家”100个。"
    text = ("一、任务总数\n2010年全县新增养老服务机构床位300张;新(改、扩)建乡镇养老服务中心3个,"
            "新(改、扩)建城镇社区居家养老服务站2个,新建农村社区“星光老年之家”100个。")
    found = drafts(text)
    for number, unit in ((300, "张"), (3, "个"), (2, "个"), (100, "个")):
        assert ("", "county", "eq", Decimal(number), unit, date(2010, 12, 31)) in found


def test_a_sentence_after_this_years_plan_in_its_paragraph_is_the_plan_too():
    # 广西 2015年全区民政工作会议: "…我区也将加大…力度,…。筹资6000万元,新建农村幸福院1000个。"
    text = ("今年,民政部将把我区设为养老服务综合改革试验区。我区也将加大养老服务基础设施建设力度,"
            "重点打造20个以上的养老服务示范点。筹资6000万元,新建农村幸福院1000个。")
    assert ("", "county", "eq", Decimal(1000), "个", date(2015, 12, 31)) in drafts(text, date(2015, 1, 24))


def test_a_share_of_villages_reaching_coverage_is_the_share():
    # 陕西 2009: "到2012年,全省45%以上的行政村将实现社区服务功能全覆盖"
    found = drafts("到2012年,全省45%以上的行政村将实现社区服务功能全覆盖。", date(2009, 8, 14))
    assert found == [("", "rural_community", "gte", Decimal(45), "%", date(2012, 12, 31))]


def test_a_task_said_again_in_its_sentence_and_the_people_at_a_vote_are_not_more_targets():
    # 广德 2023: "2023年我市计划新增20家老年助餐点,…5月上旬将全面完成新增20家的任务"
    text = "2023年我市计划新增20家老年助餐点,截至目前已新增建设14家,5月上旬将全面完成新增20家的任务并投入运营。"
    assert [d[3] for d in drafts(text, date(2023, 4, 1))] == [Decimal(20)]
    # 建德 2018: "与会的221名人大代表每人投出了神圣的一票,产生了今年政府将实施的十个民生实事项目"
    text = "在建德市十六届人大二次会议上,与会的221名人大代表每人投出了神圣的一票,产生了今年政府将实施的十个民生实事项目。"
    assert all(d[3] != 221 for d in drafts(text, date(2018, 2, 1)))


def test_things_to_install_are_counted():
    # 上海 星光计划: "到明年5月底,上海将…新安装“安康通”老年人紧急呼叫器4000台"
    found = drafts("到2003年5月底,上海将新建老年日间护理中心40家,新安装“安康通”老年人紧急呼叫器4000台。")
    assert ("", "county", "eq", Decimal(4000), "台", date(2003, 5, 31)) in found


# --- session 16, round 33: sets 84 and 85 read ------------------------------------------------------------------


def test_a_years_end_opening_its_clause_dates_it_unless_the_year_is_gone():
    # 鞍山 精康融合行动方案(2023-2025): "2023年底,50%以上的县(市)区…开展…;2024年底,65%以上…"
    text = ("主要目标:2023年底,50%以上的县(市)区、开发区开展精神障碍社区康复服务,登记康复对象接受规范服务率达到30%以上;"
            "2024年底,65%以上的县(市)区、开发区开展精神障碍社区康复服务。")
    found = drafts(text, date(2023, 5, 1))
    assert ("", "county", "gte", Decimal(30), "%", date(2023, 12, 31)) in found
    assert ("", "county", "gte", Decimal(65), "%", date(2024, 12, 31)) in found
    # 甘肃 2023: "2021年底,“爱心食堂”建成并运营,…其中午餐3元" — two years before the page: nothing aimed at
    assert drafts("2021年底,“爱心食堂”建成并运营,每日提供两餐,其中午餐3元,晚餐2.5元。", date(2023, 6, 24)) == []


def test_the_years_end_a_goal_is_ensured_by_is_this_years():
    # 海口 2015: "确保年底每千名老人拥有30张养老床位"
    found = drafts("同时,引导社会力量参与养老服务体系建设,确保年底每千名老人拥有30张养老床位。", date(2015, 6, 1))
    assert found == [("", "county", "gte", Decimal(30), "张/千人", date(2015, 12, 31))]


def test_coverage_of_two_tiers_and_a_share_of_villages_building_are_each_their_own():
    # 泰安 养老服务业 具体目标: "…服务设施覆盖所有城市社区和乡镇,60%以上农村建立农村幸福院…"
    found = drafts("具体目标是:符合标准的日间照料中心、敬老院等服务设施覆盖所有城市社区和乡镇,"
                   "60%以上农村建立农村幸福院等互助式养老服务设施。", date(2016, 5, 1))
    assert ("", "urban_community", "present", None, "", None) in found
    assert ("", "town", "present", None, "", None) in found
    assert ("", "rural_community", "gte", Decimal(60), "%", None) in found


def test_a_count_built_in_the_various_counties_is_a_total_and_one_in_each_is_per_county():
    # 聊城 2024: "2024年在各县(市、区)新建100处幸福食堂" — across them, 100 in all
    assert drafts("2024年将在各县新建100处幸福食堂。", date(2024, 3, 1)) == [
        ("", "county", "eq", Decimal(100), "处", date(2024, 12, 31))]
    # "各县(市、区)将建设1个…": one in each county
    assert drafts("2024年各县(市、区)将建设1个区域性养老服务中心。", date(2024, 3, 1)) == [
        ("", "county", "eq", Decimal(1), "个", date(2024, 12, 31))]


# --- session 16, round 34: sets 86 and 87 read ------------------------------------------------------------------


def test_a_verb_before_a_tier_word_is_no_place_name():
    # 贵州 2022: "新建街道级综合养老服务中心建筑面积不低于1000平方米" — the towns' centres, not a street called 新建
    found = drafts("新建街道级综合养老服务中心建筑面积不低于1000平方米,社区养老服务站建筑面积不低于350平方米。", date(2022, 5, 1))
    assert ("", "town", "gte", Decimal(1000), "平方米", None) in found


def test_a_standard_named_before_its_comma_is_still_each_persons():
    # 湛江 2022年十大民生实事: "城乡低保对象最低生活保障人均补差水平,分别从每月631元、286元提高到653元、315元"
    text = ("2022年湛江十大民生实事出炉\n（六）提高社会救助水平。城乡低保对象最低生活保障人均补差水平,分别从每月631元、286元提高到"
            "653元、315元。")
    found = drafts(text, date(2022, 1, 20))
    assert {(d[3], d[4]) for d in found if d[3] in (653, 315)} == {(Decimal(653), "元/人/月"), (Decimal(315), "元/人/月")}


def test_a_years_list_announced_above_items_numbered_one_two_three_heads_them_all():
    # 缙云县人大公告 2021: "…确定缙云县2021年十件民生实事项目(按得票数高低为序)" then "一、…四、完善养老服务体系,…"
    text = ("经缙云县第十七届人民代表大会第五次会议代表投票表决,确定缙云县2021年十件民生实事项目(按得票数高低为序)\n"
            "一、改善群众出行条件,新建和改造提升农村公路105公里。\n"
            "四、完善养老服务体系,新建乡镇街道居家养老服务中心4家;建设村级“爱心浴室”50家")
    found = drafts(text, date(2021, 3, 19))
    assert ("", "county", "eq", Decimal(4), "家", date(2021, 12, 31)) in found
    assert ("", "county", "eq", Decimal(50), "家", date(2021, 12, 31)) in found


# --- session 17, round 35: sets 88 and 89 read ------------------------------------------------------------------


def test_places_opening_a_standards_clause_are_its_regions_and_one_place_alone_is_the_issuers():
    # 青海 2016: "提标后各地城市居民最低生活保障标准为:西宁市、海西蒙古族藏族自治州每人每月403元,…,海东市每人每月388元"
    text = ("提标后各地城市居民最低生活保障标准为:西宁市、海西蒙古族藏族自治州每人每月403元,海南藏族自治州、海北藏族自治州"
            "每人每月393元,海东市每人每月388元。")
    found = {(d.threshold, d.unit, tuple(d.regions)) for d in draft_targets(text, date(2016, 3, 4))}
    assert (Decimal(403), "元/人/月", ("西宁市", "海西蒙古族藏族自治州")) in found
    assert (Decimal(393), "元/人/月", ("海南藏族自治州", "海北藏族自治州")) in found
    assert (Decimal(388), "元/人/月", ("海东市",)) in found  # one place among others that have theirs
    # 惠民 2023: "惠民县城乡低保标准…为每人每月626元" — one place alone is the issuer, the county's own standard
    found = draft_targets("惠民县城乡低保标准提高到每人每月626元。", date(2023, 6, 1))
    assert [(d.threshold, d.regions) for d in found] == [(Decimal(626), [])]


def test_the_two_subsidies_of_the_disabled_are_paid_to_each_person():
    # 衡阳 2020: "残疾人两补达到城区70元/月、县市65元/月"
    found = drafts("市政府常务会议审议通过了全市残疾人两补提标方案,残疾人两补达到城区70元/月、县市65元/月。", date(2020, 6, 1))
    assert {(d[3], d[4]) for d in found} == {(Decimal(70), "元/人/月"), (Decimal(65), "元/人/月")}


def test_funds_obtained_in_a_year_gone_by_are_no_aim():
    # 迪庆 2016-01: "2015年,州民政局积极向国家、省级争取资金建设基层老年活动场所,全年共争取国家级、省级资金261万元。"
    text = "2015年,州民政局积极向国家、省级争取资金建设基层老年活动场所,全年共争取国家级、省级资金261万元。"
    assert drafts(text, date(2016, 1, 18)) == []
    # 争取 still aims when it strives for a figure: "争取到2025年建成20个"
    assert drafts("2024年,我县争取到2025年建成20个农村幸福院。", date(2024, 3, 1))


def test_an_expected_years_end_dates_the_figure_after_it():
    # 荔波 2025 答复: "截止2024年底,…28个,…预计2025年底,全县农村养老服务设施达32个。"
    text = ("截止2024年底,我县统计建有农村养老服务设施数量28个,目前正在建设的有4个,预计2025年底,"
            "全县农村养老服务设施达32个。")
    assert drafts(text, date(2025, 7, 17)) == [("", "county", "gte", Decimal(32), "个", date(2025, 12, 31))]


def test_the_items_of_a_funeral_fee_waived_and_the_most_paid_are_each_a_standard():
    # 黑河 2023: "其中包括遗体接运费(普通殡葬专用车,市区25公里内接运)200元;…遗体火化费(普通火化设备)190元;…最高免费额度为792元"
    text = ("免除殡葬四项基本服务费用。其中包括遗体接运费(普通殡葬专用车,市区25公里内接运)200元;遗体存放费(屉式普通冷藏柜,"
            "110元/天,3天以内按实际发生计算免除费用);遗体火化费(普通火化设备)190元;骨灰寄存费(普通骨灰盒寄存格位1年以内)72元。"
            "上述四项基本服务对治丧人实行免费,最高免费额度为792元。")
    found = drafts(text, date(2023, 3, 1))
    for threshold in (200, 190, 72):
        assert ("", "county", "eq", Decimal(threshold), "元", None) in found
    assert ("", "county", "eq", Decimal(110), "元/天", None) in found
    assert ("", "county", "lte", Decimal(792), "元", None) in found
    # a fee named outside a funeral's waiver is not read so ("物业服务费1.5元" is no standard of civil affairs)
    assert all(d[4] != "元" for d in drafts("小区物业服务费每月收取,管理费200元。", date(2023, 3, 1)))


# --- session 17, round 36: sets 90 and 91 read ------------------------------------------------------------------


def test_a_standard_raised_from_last_years_figure_is_this_years_new_standard():
    # 永州 2023: "城市最低生活保障标准由上年度的600元/月提高到650元/月,…农村最低生活保障标准由上年度的4600元/年提高到5000元/年"
    text = ("其中,城市最低生活保障标准由上年度的600元/月提高到650元/月,提高了50元;农村最低生活保障标准由上年度的4600元/年"
            "提高到5000元/年,提高了400元。新的城乡居民最低生活保障标准从2023年1月1日开始执行。")
    found = drafts(text, date(2023, 3, 30))
    assert ("", "county", "eq", Decimal(650), "元/人/月", date(2023, 1, 1)) in found
    assert ("", "county", "eq", Decimal(5000), "元/人/年", date(2023, 1, 1)) in found
    assert all(d[3] not in (600, 4600) for d in found)  # the old standards are where it starts from


def test_from_this_year_to_a_year_named_is_due_at_that_years_end():
    # 五部门 康养职业技能培训计划 2020: "自今年至2022年,培养培训各类康养服务人员500万人次以上"
    text = "五部门组织实施“康养职业技能培训计划”,自今年至2022年,培养培训各类康养服务人员500万人次以上,其中养老护理员200万人次以上。"
    assert drafts(text, date(2020, 10, 26)) == [("", "county", "gte", Decimal(5000000), "人次", date(2022, 12, 31)),
                                                ("", "county", "gte", Decimal(2000000), "人次", date(2022, 12, 31))]


def test_standards_raised_in_a_paragraph_opening_on_last_year_are_told():
    # 象山 2010: "据了解,去年,我县民政工作…。全县城镇和农村居民低保标准分别提高到人均340元/月和204元/月,…"
    text = ("据了解,去年,我县民政工作坚持把“民生为重”作为民政工作的立足之本。全县城镇和农村居民低保标准分别提高到人均340元/月和"
            "204元/月,年支出低保资金比上年度增加22.4%。")
    assert drafts(text, date(2010, 3, 1)) == []


def test_a_share_of_a_whole_named_between_its_comparator_and_figure_is_a_floor():
    # 台州 2015: "扩大政府养老服务补贴享受覆盖面,享受人数不低于当地老年人总数的2%"
    found = drafts("2015年,扩大政府养老服务补贴享受覆盖面,享受人数不低于当地老年人总数的2%。", date(2015, 3, 1))
    assert found == [("", "county", "gte", Decimal(2), "%", date(2015, 12, 31))]


# --- session 17, round 37: sets 92 and 93 read ------------------------------------------------------------------


def test_a_standard_followed_is_no_status_and_its_object_comes_after_it():
    # 洛阳 2021: "近年来,河南省洛阳市按照每个城市社区不少于10家、每个村不少于5家的标准,大力培育社区社会组织。截至目前,…"
    text = "近年来,河南省洛阳市按照每个城市社区不少于10家、每个村不少于5家的标准,大力培育社区社会组织。"
    assert drafts(text, date(2021, 9, 8)) == [("orgs_per_community", "urban_community", "gte", Decimal(10), "家", None),
                                              ("orgs_per_community", "rural_community", "gte", Decimal(5), "家", None)]
    # what 近年来 tells stays told: "近年来,全市培育社区社会组织1200家"
    assert drafts("近年来,全市培育社区社会组织1200家。", date(2021, 9, 8)) == []


def test_a_standard_per_person_and_month_written_with_a_dot_and_places_joined_by_and():
    # 宝鸡 2014: "金台区、渭滨区、陈仓区和高新区保障标准由 372元/人·月提高到 407元 /人·月,其余县区由 352元 /人·月提高到 387元 /人·月"
    text = "金台区、渭滨区、陈仓区和高新区保障标准由 372元/人·月提高到 407元 /人·月,其余县区由 352元 /人·月提高到 387元 /人·月。"
    found = {(d.threshold, d.unit, tuple(d.regions)) for d in draft_targets(text, date(2014, 9, 8))}
    assert (Decimal(407), "元/人/月", ("金台区", "渭滨区", "陈仓区", "高新区")) in found
    assert (Decimal(387), "元/人/月", ()) in found


# --- session 18, round 39: sets 94–97 read ------------------------------------------------------------------------


def test_a_months_end_with_no_year_is_this_years_in_the_figures_own_part_only():
    # 丹凤 2012 (商洛日报, June): "10月底全县16个镇将在全省率先实现镇级老年协会组织全覆盖"
    text = "10月底全县16个镇将在全省率先实现镇级老年协会组织全覆盖。"
    assert drafts(text, date(2012, 6, 14)) == [("", "town", "present", None, "", date(2012, 10, 31))]
    # with no date of issue there is no year to put it in
    assert drafts(text) == [("", "town", "present", None, "", None)]
    # 福建 2018 (政府工作报告): a month after the figure opens another task — "…1万张以上,6月底前完成已建养老机构安全达标"
    found = drafts("今年,我省将新增养老床位1万张以上,6月底前完成已建养老机构安全达标和设立许可。", date(2018, 1, 25))
    assert ("", "county", "gte", Decimal(10000), "张", date(2018, 12, 31)) in found
    # 福清 2019: a month said in the clause before the figure's ";" is that clause's — "预计7月底完成投入使用;第二期建设132家"
    found = drafts("今年福清市计划分两期完成282家农村幸福院的建设任务。第一期建设150家,预计7月底完成投入使用;"
                   "第二期建设132家,预计12月底完成投入使用。", date(2019, 3, 26))
    assert ("", "county", "eq", Decimal(132), "家", date(2019, 12, 31)) in found


def test_a_projects_planned_completion_dates_its_scale():
    # 昌宁 2018 (县民政局): "总建筑面积9950平方米…设置床位280张…计划2018年12月前完工并投入使用"
    text = ("整合资源加快推进“昌宁县福利院小区”项目建设\n"
            "项目规划占地17.19亩,总建筑面积9950平方米(含县社会福利院、县儿童福利院),设置床位280张,配套完成餐厅、绿化等附属工程。"
            "项目规划总投资3100万元。截止目前,县社会福利院已开工建设,计划2018年12月前完工并投入使用。")
    found = drafts(text, date(2018, 3, 23))
    assert ("", "county", "eq", Decimal(9950), "平方米", date(2018, 12, 31)) in found
    assert ("", "county", "eq", Decimal(280), "张", date(2018, 12, 31)) in found


def test_a_later_years_clause_after_what_is_built_is_a_goal_and_a_village_facilitys_coverage_is_the_villages():
    # 石家庄 2011 (河北新闻网): "目前,全市已建成互助幸福院300多个,2014年底,全市农村互助幸福院实现基本覆盖"
    opening = "老人免费住 互助式养老院元氏获推广\n元氏县将农村闲置房屋改建为互助幸福院,老人自愿入住。\n"
    text = opening + "目前,全市已建成互助幸福院300多个,2014年底,全市农村互助幸福院实现基本覆盖。"
    assert drafts(text, date(2011, 9, 1)) == [("", "rural_community", "present", None, "", date(2014, 12, 31))]
    # what is built stays told, and a clause of a year already past is no goal
    assert drafts(opening + "目前,全市已建成互助幸福院300多个,2010年底,全市农村互助幸福院实现基本覆盖。", date(2011, 9, 1)) == []


# --- session 18, rounds 40 and 41: sets 98–101 read -------------------------------------------------------------


def test_this_years_month_and_a_month_said_of_finishing_early():
    # 晋江 2011 (泉州市政府网): "今年10月底前,晋江将建成456个自然灾害避灾点"
    found = drafts("标题\n正文。\n今年10月底前,晋江将建成456个自然灾害避灾点。", date(2011, 2, 22))
    assert found == [("", "county", "eq", Decimal(456), "个", date(2011, 10, 31))]
    # 新乡 2023: "预计今年8月底前即可提前完成2023年社工站建设全覆盖" — done ahead of its date: the month is no deadline
    text = "标题\n正文。\n预计今年8月底前即可提前完成2023年社工站建设全覆盖。"
    assert [d.deadline for d in draft_targets(text, date(2023, 5, 1))] == [date(2023, 12, 31)]


def test_a_place_named_inner_is_no_within_the_year():
    # 内蒙古 2019 (新华社): "2017年内蒙古出台了《…通知》" — 内蒙古, not "within 2017"
    from wulian.policy_draft import _deadline

    assert _deadline("据介绍,2017年内蒙古出台了《关于进一步完善社会救助和保障标准的通知》,", date(2019, 5, 29)) == (None, "")
    assert _deadline("将在2013年内支持建设,", date(2013, 3, 1))[0] == date(2013, 12, 31)


def test_a_sum_per_urn_and_per_bed_keeps_its_denominator():
    # 广西 2015 清明: "每具骨灰补助500元"; 宜良 2020: "收费标准按每具3600元以下"
    assert drafts("标题\n正文。\n对参加公益花坛葬活动的广西籍逝者之亲属,每具骨灰补助500元。", date(2015, 3, 13)) == [
        ("", "county", "eq", Decimal(500), "元/具", None)]
    # 云南 2015: "对新建和改扩建民办养老机构每个床位分别给予1万元和5000元的建设补助"
    found = drafts("标题\n正文。\n自2015年起连续3年,云南省每年还将安排5000万元的专项资金对新建和改扩建民办养老机构每个床位分别给予"
                   "1万元和5000元的建设补助。", date(2015, 12, 31))
    assert ("", "county", "eq", Decimal(10000), "元/张", None) in found


def test_a_projects_completion_in_a_month_of_the_year_dates_its_scale():
    # 安康 2010 (市政府网站): "总投资450万元,建筑面积3000平方米,床位100张…该工程预计在9月底基本建成并投入使用"
    text = ("安康市流浪未成年人救助保护中心开工建设\n"
            "该项目总投资450万元,建筑面积3000平方米,设置床位100张。该工程预计在9月底基本建成并投入使用。")
    found = drafts(text, date(2010, 1, 18))
    assert ("", "county", "eq", Decimal(3000), "平方米", date(2010, 9, 30)) in found
    assert ("", "county", "eq", Decimal(100), "张", date(2010, 9, 30)) in found


# --- session 21, round 42: sets 102–105 read ------------------------------------------------------------------


def test_a_project_completed_this_year_dates_its_scale_and_a_year_gone_by_dates_nothing():
    # 晋江 2016 (市民政局): the centre was "2012年…为民办实事项目" (a year before the report: no deadline of its scale),
    # and its first phase "预计今年年底完成建设" (its beds due at this year's end)
    text = ("晋江市社会福利中心一期设床位490张 预计年底完工\n"
            "晋江市社会福利中心是2012年晋江市委、市政府“为民办实事”项目,项目占地面积约6公顷,计划总投资2.37亿元,设置床位909张。"
            "该项目分两期建设,一期工程自2013年开工,总面积45144平方米,设置床位490张。目前,其余建筑已完成主体建设,预计今年年底完成建设。")
    found = drafts(text, date(2016, 8, 11))
    assert ("", "county", "eq", Decimal(490), "张", date(2016, 12, 31)) in found
    assert not [f for f in found if f[5] and f[5].year < 2016]
    # with no completion said, the year of the list it was put on (2012) is no deadline of its scale told in 2016
    found = drafts(text.split("该项目")[0], date(2016, 8, 11))
    assert ("", "county", "eq", Decimal(909), "张", None) in found
    assert drafts(text.split("该项目")[0], date(2012, 3, 1))[-1] == ("", "county", "eq", Decimal(909), "张",
                                                                    date(2012, 12, 31))


def test_every_place_of_a_tier_after_all_needs_no_dou():
    # 兰州 2014 (大西北网): "年内所有城镇社区建立社区志愿服务工作站" — after 所有 the 都 goes unsaid
    assert drafts("标题\n正文。\n从本月起兰州市启动社区志愿服务工作站建设工程,年内所有城镇社区建立社区志愿服务工作站。",
                  date(2014, 3, 3)) == [("", "urban_community", "present", None, "", date(2014, 12, 31))]
    # 湖南 2025 (筑底行动): "所有村(社区)建有老年服务站点" — villages and communities: every community
    assert drafts("标题\n正文。\n到2027年,实现所有村(社区)建有老年服务站点。", date(2025, 4, 1)) == [
        ("", "community", "present", None, "", date(2027, 12, 31))]
    # (with no 所有, 都 is still asked for: "城镇社区建立…" alone is no coverage)
    assert drafts("标题\n正文。\n年内城镇社区建立社区志愿服务工作站。", date(2014, 3, 3)) == []


def test_a_volunteer_stations_standard_is_no_social_work_stations():
    # 兰州 2014: "有一间专门的办公用房(面积不小于12平方米);…有资金保障(每站至少1万元建设资金)" of a 社区志愿服务工作站 —
    # not the station tier's area and investment the portal computes for 社工站
    found = draft_targets("标题\n正文。\n今年兰州市在启动社区志愿服务工作站建设工程中,将要求各县区以社区为单位,按照“六有”标准,即有一间"
                          "专门的办公用房(面积不小于12平方米);有资金保障(每站至少1万元建设资金),建设社区志愿服务工作站。",
                          date(2014, 3, 3))
    assert [(d.indicator, d.threshold, d.unit) for d in found] == [("", Decimal(12), "平方米"), ("", Decimal(10000), "元")]
    assert not [d for d in found if d.level.startswith("station_")]
    # a social-work station's own standard keeps its indicator
    found = draft_targets("标题\n正文。\n每个乡镇(街道)社工站办公用房面积不少于60平方米。", date(2022, 3, 1))
    assert [(d.indicator, d.level) for d in found] == [("station_area", "station_town")]


def test_the_standard_each_place_is_asked_to_meet_after_a_count_so_far():
    # 福建 2021 (福建日报): a paragraph told "截至5月31日,…建立了…,下一步将实现…全覆盖", then "近年来,…要求…每个村(居)
    # 配备1名儿童主任,每个乡镇政府(街道办事处)配备1名儿童督导员" — the standing rule, not what was done
    text = ("福建全面建立未成年人保护工作协调机制\n"
            "截至5月31日,全省9个设区市本级全部建立未成年人保护工作协调机制,另有38个县(市、区)建立了未成年人保护工作协调机制,"
            "下一步将实现全省县(市、区)全覆盖。近年来,我省实施农村留守儿童关爱服务工程,要求健全完善县、乡(镇)、村(居)三级关爱服务"
            "网络,每个村(居)配备1名儿童主任,每个乡镇政府(街道办事处)配备1名儿童督导员。目前,全省乡镇(街道)共有儿童督导员1291名。")
    found = drafts(text, date(2021, 6, 1))
    assert ("", "community", "eq", Decimal(1), "名", None) in found
    assert ("", "town", "eq", Decimal(1), "名", None) in found
    assert not [f for f in found if f[3] == 1291]  # the count so far is still status
    # with no 要求 the paragraph after a count so far is still status
    assert not [f for f in drafts(text.replace("要求", ""), date(2021, 6, 1)) if f[4] == "名"]


def test_a_figure_of_a_list_given_respectively_measures_its_own_thing():
    # 南昌 2025 民生实事: three standards given 分别 to three groups — each draft is named for its group (the
    # reviewer read "、110元落实" and "落实" before)
    text = ("标题\n正文。\n规定提高城乡低保对象、特困人员月人均保障标准和财政补差水平;特困失能人员、半失能人员、自理人员照料护理补助标准"
            "分别按每人每月不低于1500元、375元、110元落实。")
    found = draft_targets(text, date(2025, 3, 1))
    assert [(d.threshold, d.unit, d.measure) for d in found] == [
        (Decimal(1500), "元/人/月", "特困失能人员照料护理补助标准"), (Decimal(375), "元/人/月", "半失能人员照料护理补助标准"),
        (Decimal(110), "元/人/月", "自理人员照料护理补助标准")]
    # a list with no things of its own to pair: the figures after the first are named as the first is
    found = draft_targets("标题\n正文。\n城乡低保标准分别提高到每人每月600元、450元。", date(2019, 7, 1))
    assert len({d.measure for d in found}) == 1 and found[0].measure.startswith("城乡低保标准")


# --- session 22, round 43: sets 106 and 107 read ------------------------------------------------------------------

# 萧县 2018 (民生快递), news of raised standards with no date they take effect
XIAOXIAN_2018 = ("·民生快递·萧县提高城乡低保标准\n本报讯 日前,萧县提高城乡低保标准,助力全县脱贫攻坚。城市低保标准由2017年月人均"
                 "528元提高至560元,农村低保标准由2017年年人均3800元提高至4150元。")


def test_news_of_raised_standards_with_no_date_falls_due_at_the_years_end_unless_standing_rules_set_them():
    # 萧县 2018 (民生快递): "日前,萧县提高城乡低保标准" — this year's standards, due at its end
    assert drafts(XIAOXIAN_2018, date(2018, 6, 1)) == [
        ("", "county", "eq", Decimal(560), "元/人/月", date(2018, 12, 31)),
        ("", "county", "eq", Decimal(4150), "元/人/年", date(2018, 12, 31))]
    # 洛阳 2024 (回复网友): the standards of 《…暂行办法》 stand from then on — no year's end
    text = ("洛阳市80岁以上高龄补贴标准\n市民政局回复：根据《洛阳市高龄老人补贴发放管理暂行办法》要求，洛阳市80岁以上高龄补贴标准"
            "调整为：年满80—89周岁的老人，每人每月不低于50元；年满90—99周岁的老人，每人每月不低于100元。")
    assert drafts(text, date(2024, 3, 1)) == [("", "county", "gte", Decimal(50), "元/人/月", None),
                                              ("", "county", "gte", Decimal(100), "元/人/月", None)]


def test_a_standard_told_without_its_period_is_the_notices_and_a_later_years_keeps_its_own_date():
    # 南京 2009 (现代快报): from 1 July, "提高到360元" (no period: the notice's standards are 每人每月, and the same 360
    # is told again with its class), and "到2010年,…每人每月不低于370元" due at 2010's end, not on 1 July 2009
    text = ("南京市城乡低保金下月将上调\n快报讯 记者昨天从有关部门获悉,从7月1日起,南京城市低保标准将增加30元,提高到360元。据悉,"
            "南京将逐步提高城乡居民最低生活保障标准,到2010年,城市居民最低生活保障标准为每人每月不低于370元,农村每人每月不低于220元。\n"
            "据了解,此次城乡居民最低生活保障标准具体调整如下:其中原十区城市居民最低生活保障标准从目前的330元提高到360元。")
    assert sorted(drafts(text, date(2009, 6, 18)), key=lambda d: d[3]) == [
        ("", "county", "gte", Decimal(220), "元/人/月", date(2010, 12, 31)),
        ("", "county", "eq", Decimal(360), "元/人/月", date(2009, 7, 1)),
        ("", "county", "gte", Decimal(370), "元/人/月", date(2010, 12, 31))]


def test_a_disability_allowance_per_month_and_person_and_a_burial_subsidy_per_case():
    # 托里 2020: "重度残疾人护理补贴标准为100元/月/人" — per person and month, from the day it takes effect
    text = ("托里县民政局公示困难残疾人生活补贴和重度残疾人护理补贴标准\n现就困难残疾人生活补贴和重度残疾人护理补贴标准公示如下: "
            "一、困难残疾人生活补贴标准: 2019年补助标准是生活补贴80元/人/月人,2020年在2019年的基础上提高20元,现在困难残疾人生活"
            "补贴标准为100元/月/人。 二、重度残疾人护理补贴标准: 2019年补助标准是护理补贴80元/人/月人,2020年在2019年的基础上提高"
            "20元,现在重度残疾人护理补贴标准为100元/月/人。 三、执行时间 困难残疾人生活补贴和重度残疾人护理补贴标准2020年1月1日起执行。")
    assert standards(text, date(2020, 5, 15)) == [
        ("一", Decimal(100), "元/人/月", date(2020, 1, 1), "困难残疾人生活补贴标准"),
        ("二", Decimal(100), "元/人/月", date(2020, 1, 1), "重度残疾人护理补贴标准")]
    # 莆田 2025 (《节地生态安葬补贴办法》): "每例补贴2000元" — per burial
    text = ("我市出台节地生态安葬奖补政策\n据悉,该《办法》共15条,明确了采取海葬方式安葬的,每例补贴2000元;采取树葬、花葬、"
            "草坪葬等公墓节地生态安葬的,每例补贴1000元。")
    assert drafts(text, date(2025, 7, 1)) == [("", "county", "eq", Decimal(2000), "元/例", None),
                                              ("", "county", "eq", Decimal(1000), "元/例", None)]


def test_a_benefit_standard_is_named_for_what_it_is_not_for_the_words_around_its_figure():
    # 萧县 2018: the reviewer read "提高至560元", "…供养标准为年人" and "为月人均75元、85元、95元" as the names of the standards
    # (and the dashboard would have shown them once accepted)
    text = XIAOXIAN_2018 + ("\n萧县对特困人员供养标准也进行了调整,其中,农村分散供养五保对象供养标准为年人均4260元。城市分散供养"
                            "特困人员护理标准,分别为月人均75元、85元、95元。")
    assert sorted((d.threshold, d.measure) for d in draft_targets(text, date(2018, 6, 1))) == [
        (Decimal(75), "城市分散供养特困人员护理标准"), (Decimal(85), "城市分散供养特困人员护理标准"),
        (Decimal(95), "城市分散供养特困人员护理标准"), (Decimal(560), "城市低保标准"), (Decimal(4150), "农村低保标准"),
        (Decimal(4260), "农村分散供养五保对象供养标准")]
    # the add form's reading of a figure is named the same way
    reading = figure_reading("城市低保标准由2017年月人均528元提高至560元,农村低保标准由2017年年人均3800元提高至4150元。",
                             issued_on=date(2018, 6, 1), figure=3)
    assert (reading.threshold, reading.unit, reading.measure) == (Decimal(4150), "元/人/年", "农村低保标准")
    # a figure of no named standard keeps the words of its own ("最高资助20万"), not a clause before it
    found = draft_targets("标题\n正文。\n第三届广州市福彩公益金慈善项目大赛启动,每个项目最高资助20万元。", date(2017, 5, 1))
    assert all("大赛启动" not in d.measure for d in found)


# --- session 23: numbered clauses run into one line, and a notice in force from the day it is issued ---------------

def test_clauses_numbered_in_one_line_are_the_documents_clauses_and_a_standard_from_the_day_of_issue():
    # 鄂州 2010 (鄂州政办发〔2010〕112号), copied as one line: four standards in clauses 一 to 四, two of them 250 元 (two
    # standards, not one), each in force "自文件下发之日起" — the day the notice was issued, not its year's end
    text = ("关于调整我市城乡集中供养“三无”对象及孤儿保障标准的通知 鄂州政办发〔2010〕112号 各区人民政府、开发区管委会,各街道办事处,"
            "市政府各部门: 市政府决定调整我市城乡集中供养“三无”对象及孤儿保障标准。具体调整如下: 一、乡镇福利院集中供养标准从现行的"
            "180元/月提高到250元/月。 二、城区福利院集中供养标准从现行的230元/月提高到420元/月。 三、城市福利中心集中供养标准从现行的"
            "280元/月提高到560元/月。 四、分散孤儿供养标准从现行的150元/月提高到250元/月。 新标准自文件下发之日起执行。 二〇一〇年九月三十日")
    assert standards(text, date(2010, 9, 30)) == [
        ("一", Decimal(250), "元/人/月", date(2010, 9, 30), "乡镇福利院集中供养标准"),
        ("二", Decimal(420), "元/人/月", date(2010, 9, 30), "城区福利院集中供养标准"),
        ("三", Decimal(560), "元/人/月", date(2010, 9, 30), "城市福利中心集中供养标准"),
        ("四", Decimal(250), "元/人/月", date(2010, 9, 30), "分散孤儿供养标准")]
    # uploaded with no date, the notice is dated by its 成文日期 in Chinese numerals closing the text (as the review
    # page showed it: four standards with no deadline before), and a day that does not exist dates nothing
    found = draft_document(text)
    assert found.issued_on == date(2010, 9, 30) and {d.deadline for d in found.targets} == {date(2010, 9, 30)}
    assert draft_document("正文。\n二〇二三年十二月三十一日").issued_on == date(2023, 12, 31)
    assert draft_document("正文。\n二〇一〇年二月三十日").issued_on is None
    assert draft_document("到二〇二五年十月一日").issued_on is None  # a date in a sentence is no 成文日期
    # a lone "一、" in a line, or "一、二类", is no run of clauses: the line stays whole
    assert _inline_clauses("对象分为一、二类,按类发放。") == "对象分为一、二类,按类发放。"
    assert _inline_clauses("要求如下: 一、每站配备2名社工。") == "要求如下: 一、每站配备2名社工。"
    assert _inline_clauses("如下: 一、甲标准100元。 二、乙标准200元。").split("\n") == ["如下:", "一、甲标准100元。", "二、乙标准200元。"]


# --- session 24: a year's list decided in a long opening, a goal clause of this year, rules laid down, breakdowns ---

def test_a_years_list_decided_in_a_long_opening_sentence_sets_every_item_due_that_year():
    # 某省 2019 (set 110, a 繁体 page with no date): "省政府决定,2019年继续为全省残疾人办好十件实事" opens a long
    # first line, then each 实事 is a line of its own with no word of the future: the year's items, due at its end
    text = ("為做好殘疾人脫貧攻堅、精準康復、民生保障、無障礙環(huán)境建設等工作,推進殘疾人小康進程,省政府決定,2019年繼續(xù)為全省"
            "殘疾人辦好十件實事。\n實施殘疾人自主創(chuàng)業(yè)扶持項目。省財政安排1000萬元,扶持2000名殘疾人自主創(chuàng)業(yè)。\n"
            "實施殘疾人技能培訓項目。省財政安排3000萬元,對1.3萬名殘疾人開展盲人按摩等職業(yè)技能培訓。")
    due = date(2019, 12, 31)
    assert sorted(drafts(text), key=lambda d: d[3]) == [
        ("", "county", "eq", Decimal(2000), "名", due), ("", "county", "eq", Decimal(13000), "名", due),
        ("", "county", "eq", Decimal(10000000), "元", due), ("", "county", "eq", Decimal(30000000), "元", due)]


def test_a_sentence_of_this_years_work_that_says_what_will_be_done_lists_goals():
    # 福建 (set 110): "今年我市大力实施…工程,将为1000名…施行复明手术;…低息有偿扶持100户…;为150名…救助学费"
    text = ("某市今年大力实施殘疾人康復扶貧助學安居工程\n本報訊 記者日前獲悉,今年我市大力實施殘疾人康復扶貧助學安居工程,將為1000名貧困"
            "白內障患者施行復明手術;低息有償扶持100戶貧困殘疾人發展生產經營;建設20個殘疾人“福樂家園”;為150名殘疾人學生、殘疾人子女"
            "救助學費。")
    found = {(d[2], d[3], d[4]) for d in drafts(text)}
    assert {("eq", Decimal(1000), "名"), ("eq", Decimal(100), "户"), ("eq", Decimal(20), "个"),
            ("eq", Decimal(150), "名")} <= found
    # a report of what was done keeps its figures out ("为…户" told of the past is no goal)
    assert drafts("去年我市为150名殘疾人學生救助學費,扶持100戶貧困殘疾人。") == []


def test_limits_laid_down_after_a_word_of_status_are_rules_in_force_with_their_units():
    # 盐池 (set 111): "今年以来,…大力推行婚俗改革,明确规定礼金每份不超过200元,婚宴不超过10桌,彩礼不超过6万元,每桌标准不超过600元"
    text = ("鹽池倡導婚事新辦簡辦\n今年以來,鹽池縣大力推行婚俗改革,明確規定禮金每份不超過200元,婚宴不超過10桌,彩禮不超過6萬元,"
            "每桌標準不超過600元。")
    assert drafts(text) == [("", "county", "lte", Decimal(200), "元", None), ("", "county", "lte", Decimal(10), "桌", None),
                            ("", "county", "lte", Decimal(60000), "元", None),
                            ("", "county", "lte", Decimal(600), "元/桌", None)]
    # without a rule laid down, "今年以来" still tells what was done
    assert drafts("今年以來,鹽池縣婚宴平均不超過10桌。") == []


def test_a_goal_counts_parts_listed_after_it_are_goals_too():
    # 娄底 2017 (set 111): "2017年-2019年,娄底全市计划建设农村综合服务平台2085个,其中乡镇71个,街道9个,林场2个,建制村1833个,
    # 社区居委会170个,2017年计划建设完成724个" — news of a meeting that went over the progress, where the parts were lost
    text = ("娄底召开全市农村综合服务平台建设工作调度会\n华声在线娄底讯(通讯员 颜绍平 廖永华)3月31日上午,娄底市市委组织部和市发改委"
            "联合组织召开了全市农村综合服务平台建设工作调度会。\n会议通报了我市农村综合服务平台的建设情况。各县市区相关负责人就目前各地"
            "的建设进展情况、存在的困难和问题,对下一步工作的意见建议做了交流发言。\n据了解,2017年-2019年,娄底全市计划建设农村综合服务平台2085个,其中乡镇71个,"
            "街道9个,林场2个,建制村1833个,社区居委会170个,2017年计划建设完成724个,目前争取到位省预算内资金1600万元。")
    found = drafts(text, date(2017, 4, 1))
    end = date(2019, 12, 31)
    for count in (2085, 71, 9, 2, 1833, 170):
        assert ("", "county", "eq", Decimal(count), "个", end) in found
    assert ("", "county", "eq", Decimal(724), "个", date(2017, 12, 31)) in found
    # the parts of a count told as done are no goals
    assert drafts("目前,全市已建成农村综合服务平台2085个,其中乡镇71个,街道9个。", date(2017, 4, 1)) == []


def test_a_cited_plans_period_is_not_the_documents_and_a_year_to_do_it_in_dates_its_goals():
    # 铜川 2025 (set 110): the opening follows 陕西's "实施方案(2024—2028年)"; the document's own goals are for
    # "用2025年一年时间" — due at 2025's end, not 2028's
    text = ("铜川市孤独症儿童关爱促进行动 先行先试工作方案\n为了贯彻落实…省残联、省教育厅等九部门《关于印发<陕西省孤独症儿童关爱促进行动"
            "实施方案(2024—2028年)>的通知》(残联发〔2025〕1号)等精神,市残联…决定在全市开展孤独症儿童关爱促进行动。\n二、行动目标\n"
            "用2025年一年时间,完善孤独症儿童关爱服务机制、服务体系。具体目标:基层儿童健康管理机构普遍开展儿童孤独症初筛服务,实现0—6岁"
            "孤独症儿童初筛率≥90%以上。")
    assert drafts(text) == [("", "county", "gte", Decimal(90), "%", date(2025, 12, 31))]


def test_a_lone_zero_on_a_news_page_is_no_clause_number():
    # 漳县 2025 (set 111): a page's comment count "0" on a line of its own stood as clause "0" over the whole story
    text = ("甘肃一县倡导提亲礼不超200元\n创始人\n2025-07-09 14:47:27\n0\n\n定亲环节写道,男方提亲的礼品以日常水果、糕点等为主,"
            "总价值不超过1000元。彩礼数额控制在5万元以内。")
    assert {d.clause for d in draft_targets(text)} == {""}


def test_a_residents_committee_is_an_urban_communitys():
    # 福建 (set 107): "确保今年…每个社区居委会运转经费不低于2万元" — a 居委会 is a city community's committee (a village has a
    # 村委会), so the floor is each urban community's
    text = "确保今年福建全省村级组织运转经费最低保障标准达到每村每年5万元,每个社区居委会运转经费不低于2万元。"
    assert ("", "urban_community", "gte", Decimal(20000), "元") in [d[:5] for d in drafts(text, date(2013, 6, 1))]


# --- session 24, round 46: sets 112 and 113 read ----------------------------------------------------------------

def test_a_rate_or_a_total_more_than_a_figure_is_a_floor_it_must_pass():
    # 西安 2025 (set 113): "…累计服务时长超9000万小时;窗口单位、公园、博物馆等公共场所志愿服务站点覆盖率超80%" — more than
    text = ("《方案》提出,力争到2027年实现注册志愿者规模突破280万人,累计服务时长超9000万小时;窗口单位、公园、博物馆等公共场所志愿"
            "服务站点覆盖率超80%。")
    found = drafts(text, date(2025, 10, 9))
    due = date(2027, 12, 31)
    assert ("", "county", "gt", Decimal(90000000), "小时", due) in found
    assert ("", "county", "gt", Decimal(80), "%", due) in found
    # "服务超30万人次" told of a year gone by is no goal (超 counts only after a rate, a length, a number or a degree)
    assert drafts("去年,全区志愿者服务超30万人次。", date(2022, 3, 1)) == []


def test_the_size_of_the_communities_a_staffing_norm_is_for_and_its_step_are_no_targets():
    # 吉林 2020 (set 113): "3000户以下社区,可按10至15人左右设立“社工岗”,对超过3000户的社区,每增加300-500户可增设1个“社工岗”"
    text = ("关于进一步加强全省城市社区专职工作者队伍建设的意见\n二、(二)3000户以下社区,可按10至15人左右设立“社工岗”,对超过3000户"
            "的社区,每增加300-500户可增设1个“社工岗”,坚持按需配备,防止人浮于事。")
    assert not [d for d in drafts(text, date(2020, 5, 6)) if d[4] == "户"]


def test_a_funeral_fee_waived_by_its_own_measure_and_its_ceilings():
    # 雷州 (set 112): seven fees waived, each by its measure (每公里, 每具, 每天…), the ceilings of what is waived, and
    # the ceiling "以上七项…" sets for the section, not for item 7
    text = ("雷州市殡仪馆惠民殡葬政策\n二、惠民殡葬服务项目及费用标准\n以下殡葬基本服务由政府免费提供:\n"
            "1.遗体接运(普通殡葬专用车),免除费用标准每公里3 元,最高免除480元;\n2.遗体消毒,免除费用标准每具90元;\n"
            "3.遗体存放(不超过3天),免除费用标准每天80元,最高免除前三天共240元;\n"
            "7.骨灰寄存,免除费用标准每年50元,最高免除前两年费用合计100元。\n以上七项惠民殡葬基本服务项目,每具最高减免金额为1540元。")
    assert sorted((d.clause, d.comparator, d.threshold, d.unit) for d in draft_targets(text)) == [
        ("二", "lte", Decimal(1540), "元/具"),
        ("二.1", "eq", Decimal(3), "元/公里"), ("二.1", "lte", Decimal(480), "元"),
        ("二.2", "eq", Decimal(90), "元/具"),
        ("二.3", "eq", Decimal(80), "元/天"), ("二.3", "lte", Decimal(240), "元"),
        ("二.7", "eq", Decimal(50), "元/年"), ("二.7", "lte", Decimal(100), "元")]


def test_a_year_to_make_sure_of_dates_the_coverage_said_after_it():
    # 玉溪 2013 (set 112): "确保2015年全市火化率达100%" — due at 2015's end
    text = "市委副书记夏立洪强调,全市上下要…认真贯彻执行殡葬改革三年行动计划,确保2015年全市火化率达100%,推动玉溪殡葬事业又好又快发展。"
    assert drafts(text, date(2013, 10, 14)) == [("", "county", "present", None, "", date(2015, 12, 31))]


# --- session 24, round 47: sets 114 and 115 read ----------------------------------------------------------------

def test_a_benefit_standard_in_news_is_due_the_day_it_takes_effect():
    # 宜宾 2009 (set 114): "从今年10月1日起,该市100岁以上老人,每人每月将领取…200元" and the classes after it, in news
    # of the city's 意见 (no notice of standards in its title): due on 1 October, not at the year's end
    text = ("宜賓百歲老人下月起領長壽金\n宜賓市老齡辦昨日發布消息,宜賓市政府出臺了《關于進一步加強敬老優待服務工作的意見》,從今年10月1日起,"
            "該市100歲以上老人,每人每月將領取由政府發給的200元“長壽補貼金”。\n當地政府出臺文件規定:凡居住在該市城鄉的90-94周歲老人,"
            "每人每月由政府發給50元“長壽補貼金”;95-99周歲老人,每人每月發給100元。")
    assert sorted(drafts(text, date(2009, 9, 26)), key=lambda d: d[3]) == [
        ("", "county", "eq", Decimal(50), "元/人/月", date(2009, 10, 1)),
        ("", "county", "eq", Decimal(100), "元/人/月", date(2009, 10, 1)),
        ("", "county", "eq", Decimal(200), "元/人/月", date(2009, 10, 1))]
    # 闽侯 2020 (set 114): a notice of a payment that names the month the allowance began, years before
    text = "经研究,从2015年1月起,对80周岁以上城乡低保老年人每人每月发放100元高龄补贴。"
    assert drafts(text, date(2020, 10, 19)) == [("", "county", "eq", Decimal(100), "元/人/月", date(2015, 1, 1))]


def test_an_average_per_month_is_per_person_and_month():
    # 大姚 2010 (set 114): "80至89周岁的农村老年人,人均月发放低保50元" — 人均月: per person and month
    text = "80至89周岁的农村老年人,人均月发放低保50元、保健补助30元;90至99周岁农村老年人,人均月发放60元、保健补助30元。"
    assert {(d[3], d[4]) for d in drafts(text)} >= {(Decimal(50), "元/人/月"), (Decimal(60), "元/人/月")}


def test_a_years_work_launched_on_an_undated_page_dates_what_this_year_will_do():
    # 广州 (set 114, no date on the page): "广州市老龄委正式启动2022年全国示范性老年友好型社区创建工作。今年全市将创建不少于22个…"
    text = ("日前,廣州市老齡委正式啟動(dòng)2022年全國(guó)示范性老年友好型社區(qū)創(chuàng)建工作。\n今年全市將創(chuàng)建不少于22個(gè)"
            "符合條件的老年友好型社區(qū),各區(qū)須推薦不少于3個(gè)社區(qū)參評(píng)。")
    assert drafts(text) == [("", "county", "gte", Decimal(22), "个", date(2022, 12, 31)),
                            ("", "county", "gte", Decimal(3), "个", date(2022, 12, 31))]


def test_the_review_page_lists_a_sentence_that_covers_every_one_with_no_number_and_reads_it_as_coverage():
    # 武汉 2014 and 民政部 2018 (set 115): "本次换届选举全部实行海选方式进行", "到2020年全国所有村、社区普遍制定…村规民约" — a
    # target of every village, with no figure, was in no sentence the page showed; and "4块牌子", a measure word the
    # list did not know
    text = ("第九届村委会换届选举今日启动\n而本次换届选举全部实行海选方式进行。\n日前民政部等7部门联合出台《关于做好村规民约和居民公约"
            "工作的指导意见》,提出到2020年全国所有村、社区普遍制定或修订形成务实管用的村规民约、居民公约。\n"
            "在村办公效劳场所门口,可保存悬挂村党组织、村民委员会、民兵连、村党群效劳中心4块牌子。")
    listed = [sentence for _clause, sentence in undrafted_sentences(text, ())]
    assert any("全部实行海选" in sentence for sentence in listed)
    assert any("普遍制定" in sentence for sentence in listed)
    assert any("4块牌子" in sentence for sentence in listed)
    reading = figure_reading("而本次换届选举全部实行海选方式进行。")
    assert (reading.comparator, reading.threshold) == ("present", None)


# --- session 25, round 49: sets 118 and 119 read ----------------------------------------------------------------

def test_a_task_table_read_past_a_section_row_between_its_numbered_rows():
    # 宣州 2023 (set 118): "序号 | 重点工作事项 | 工作目标 | 分管领导 | 责任科室 |", then a section's row "一、区委…任务 | ||||"
    # — taken for a sixth header, it shifted every row and the goals of row 2 were lost
    text = ("2023年区民政局重点工作任务一清单 | ||||\n序号 | 重点工作事项 | 工作目标 | 分管领导 | 责任科室 |\n"
            "一、区委十四届六次全会任务 | ||||\n"
            "1 | 健全基层党组织领导下的群众自治组织机制 | 加强村(居)民委员会规范化建设。 | 张文娟 | 区划地名科 |\n"
            "2 | 持续加强社会组织建设 | 到2023年底,每个城市社区平均拥有社区社会组织不少于10个,每个农村社区平均拥有社区社会组织"
            "不少于5个。 | 张文娟 | 区划地名科 |")
    found = [(d.clause, d.level, d.comparator, d.threshold) for d in draft_targets(text)]
    assert found == [("一.2", "urban_community", "gte", Decimal(10)), ("一.2", "rural_community", "gte", Decimal(5))]


def test_a_project_table_with_merged_cells_and_quarter_columns_is_read_row_by_row():
    # 宿迁 2024 (set 118): "2024年度重点项目推进计划" is a year's list; its table is copied one cell a line, a header
    # "推进计划安排" over four quarters, row 2's project name merged with row 1's, the header again after a page break,
    # and each task allotted to named districts in brackets (their shares are not the city's targets)
    cells = ["序号", "项目名称", "主要内容", "投资计划 (万元)", "推进计划安排", "责任单位", "一季度", "二季度", "三季度", "四季度",
             "1", "养老服务设施建设工程", "改造提升示范性村级互助养老睦邻点63个。", "630",
             "制定实施方案,分解下达任务。(沭阳17个、泗阳12个、泗洪15个,经开区、湖滨新区、洋河新区各2个)", "推进项目建设。",
             "推进项目建设。", "完成63个睦邻点改造提升并投入运营使用。", "市局养老服务处",
             "2", "新建街道综合性养老服务中心7个。", "700", "制定实施方案,分解下达任务。(沭阳2个、宿城3个)", "推进项目建设。",
             "推进项目建设。", "项目建成运营。",
             "序号", "项目名称", "主要内容", "投资计划 (万元)", "推进计划安排", "责任单位", "一季度", "二季度", "三季度", "四季度",
             "3", "新建社区助餐点39个。", "400", "制定实施方案。", "推进项目建设。", "推进项目建设。", "项目建成运营。",
             "4", "逝有所安工程", "对全市10个乡镇公益性公墓道路、绿化等进行提档升级。", "100", "制定提升改造方案。"]
    text = "全市民政系统2024年度重点项目推进计划\n一、民生实事项目\n" + "\n".join(f"{cell} |" for cell in cells)
    found = {(d.clause, d.threshold, d.unit, d.deadline) for d in draft_targets(text, date(2024, 2, 25))}
    due = date(2024, 12, 31)
    assert {("一.1", Decimal(63), "个", due), ("一.1", Decimal(6300000), "元", due), ("一.2", Decimal(7), "个", due),
            ("一.2", Decimal(7000000), "元", due), ("一.3", Decimal(39), "个", due), ("一.3", Decimal(4000000), "元", due),
            ("一.4", Decimal(10), "个", due)} <= found
    assert not {threshold for _c, threshold, _u, _d in found} & {Decimal(17), Decimal(12), Decimal(15), Decimal(2),
                                                                   Decimal(3)}


def test_ten_on_the_towns_cemeteries_are_a_count_to_upgrade_not_the_towns_named():
    # 宿迁 2024 (set 118): "对全市10个乡镇公益性公墓…进行提档升级" — 10 cemeteries, not a scope of 10 towns
    assert drafts("2024年民生实事:对全市10个乡镇公益性公墓道路、绿化等进行提档升级。") == [
        ("", "county", "eq", Decimal(10), "个", date(2024, 12, 31))]


def test_a_relief_in_wan_per_household_is_read_as_the_sums_beside_it():
    # 通城 2011 (set 119): "每户救助1万元;…每户救助7000元" — the 1万元 was left out
    text = "对无自救能力的低保户和残疾户,每户救助1万元;对低保户和重点优抚对象,每户救助7000元。"
    assert [(d[3], d[4]) for d in drafts(text)] == [(Decimal(10000), "元/户"), (Decimal(7000), "元/户")]


def test_how_often_a_visit_is_due_keeps_its_month_or_quarter_in_the_unit():
    # 内蒙古 2022 (set 108, read again): "平时每周走访不少于一次;对重点对象,每月走访不少于一次;对一般对象,每季度走访不少于一次"
    text = "平时每周走访不少于一次;对重点对象,每月走访不少于一次;对一般对象,每季度走访不少于一次。"
    assert [(d[2], d[3], d[4]) for d in drafts(text)] == [
        ("gte", Decimal(1), "次/周"), ("gte", Decimal(1), "次/月"), ("gte", Decimal(1), "次/季度")]


# --- session 25, round 50: sets 120, 121 and 122 read ------------------------------------------------------------

def test_a_projects_completion_with_a_word_between_date_and_verb_dates_its_area():
    # 西夏 2024 (set 120): "建筑面积2450平方米…预计于2025年5月底整体竣工" — 整体 between the month and 竣工
    text = ("西夏区未成年人保护中心项目开工建设\n据了解,西夏区未成年人保护中心是西夏区2024年重点投资建设项目。项目总占地面积5751.9平方米,"
            "建筑面积2450平方米。\n“西夏区未成年人保护中心预计于2025年5月底整体竣工,项目建成后将为辖区…提供综合性救助服务。”")
    assert ("", "county", "eq", Decimal(2450), "平方米", date(2025, 12, 31)) in drafts(text, date(2024, 7, 12))


def test_a_subsidys_share_ceiling_and_sum_per_person_are_its_standards():
    # 无锡 2026, 江苏 2024, 锦江 2023 and 安庆 2020 (sets 121): the share of the cost a subsidy pays, its ceiling per
    # household or per person, and the most a person is granted
    text = ("80周岁以上老年人无须提供任何评估证明,直接享受50%租金补贴;60~79周岁(含)老年人需提供有效的证明,同样补贴50%;"
            "符合条件的低保、低保边缘老年人,补贴比例提高至70%。")
    assert [(d[2], d[3], d[4]) for d in drafts(text)] == [("eq", Decimal(50), "%"), ("eq", Decimal(50), "%"),
                                                           ("eq", Decimal(70), "%")]
    text = "其中社会老年人家庭自付50%、补贴50%,补贴上限每户达3000元。"
    assert [(d[2], d[3], d[4]) for d in drafts(text)] == [("eq", Decimal(50), "%"), ("lte", Decimal(3000), "元/户")]
    text = "试点期间租赁补贴标准为每人每年不超过3000元,补贴比例不超过租赁费用的80%。"
    assert [(d[2], d[3], d[4]) for d in drafts(text)] == [("lte", Decimal(3000), "元/人/年"), ("lte", Decimal(80), "%")]
    text = "特困供养对象等困难群体中的伤病人员,可享受最高3000元服务补贴;"
    assert [(d[2], d[3], d[4]) for d in drafts(text)] == [("lte", Decimal(3000), "元/人")]
    # a share of people served is no share of a cost
    assert not [d for d in drafts("享受补贴的老年人占50%。") if d[4] == "%" and d[2] == "eq"]


def test_what_every_town_must_set_up_is_the_towns_coverage():
    # 洛阳 (set 122): "《通知》要求全市各乡镇人民政府(街道办事处)要设立社会救助申请受理窗口"
    text = "《通知》要求全市各乡镇人民政府(街道办事处)要设立社会救助申请受理窗口,构建社会救助“一门受理、协同办理”的工作格局。"
    assert drafts(text) == [("", "town", "present", None, "", None)]


def test_by_the_years_end_with_no_year_is_this_years():
    # 鄂州 2021 (set 120): "力争到年底,…覆盖率不少于60%,到2022年底,实现…全覆盖" — the 60 % is due this year
    text = "力争到年底,全市乡镇(街道)社工站(未保站)覆盖率不少于60%,到2022年底,实现全市乡镇(街道)未保工作站全覆盖。"
    assert [(d[2], d[5]) for d in drafts(text, date(2021, 9, 18))] == [("gte", date(2021, 12, 31)),
                                                                       ("present", date(2022, 12, 31))]


def test_a_sum_set_aside_and_the_households_it_helps_this_year():
    # 辽宁 (set 121): "今年辽宁省财政安排补助资金3000万元,补助1.5万户特殊困难老年人家庭实施适老化改造工作"
    text = "记者6日从发布会上获悉,今年辽宁省财政安排补助资金3000万元,补助1.5万户特殊困难老年人家庭实施适老化改造工作。"
    assert [(d[2], d[3], d[4]) for d in drafts(text)] == [("eq", Decimal(30000000), "元"), ("eq", Decimal(15000), "户")]
    # what was set aside so far is told, not planned
    assert drafts("近年来,省财政已累计安排资金3000万元。") == []


def test_a_rounds_dated_reading_replaces_an_undated_draft_of_the_same_sum():
    # 温州 2021 (set 24): "本次大赛将在市福利彩票公益金中安排资金100万元" — the round's fund, due when the round ends
    text = ("我市首届社会组织公益创投大赛启动项目征集\n据悉,本次社会组织公益创投大赛由温州市民政局主办,公益创投大赛和项目实施时间为"
            "2021年1月至12月。\n另外,本次大赛将在市福利彩票公益金中安排资金100万元,最终选出金奖2个,银奖3个。")
    found = [(d[3], d[4], d[5]) for d in drafts(text, date(2021, 2, 1))]
    assert (Decimal(1000000), "元", date(2021, 12, 31)) in found
    assert (Decimal(1000000), "元", None) not in found


def test_a_measure_for_the_housing_estates_of_the_urban_area_is_for_urban_communities():
    # 德州 (set 122): 《德州市城区居民住宅区配套建设社区工作服务用房实施办法》 — its rooms are urban communities'
    text = ("德州新闻网讯 11月18日,市委组织部、市民政局等6部门联合印发《德州市城区居民住宅区配套建设社区工作服务用房实施办法》。\n"
            "新建住宅区按照每百户不低于30平方米的标准配建社区工作服务用房,且单处面积不低于500平方米。")
    assert {d[1] for d in drafts(text)} == {"urban_community"}


# --- session 25, round 51: sets 123, 124 and 125 read ------------------------------------------------------------

def test_a_congresss_list_named_in_the_reports_opening_paragraph_is_every_departments():
    # 滨湖 2020 (set 123): the headline names no list; the report's opening says "公布了18项惠民实事" (its fourth line),
    # and the items are every department's (roads, water, toilets, gas) — none is drafted as civil affairs'
    text = ("滨湖区织密民生保障网\n2020-05-29 10:25 来源:江南晚报\n滨湖区织密民生保障网\n"
            "本报讯 在日前召开的滨湖区第四届人民代表大会第四次会议上,明确了2020年的发展目标,公布了18项惠民实事。\n"
            "今年,滨湖区将继续确定惠民实事项目18项,总投资近12亿元。18项惠民实事如下:完成12个居民小区“二次供水”设施改造。"
            "完成滴翠路等4条道路拓宽新建。新(改)建公厕14座,新增公共停车泊位800个。完成300家餐饮场所燃气管道建设。")
    assert drafts(text, date(2020, 5, 29)) == []


def test_a_count_of_homes_a_county_will_renovate_is_its_target():
    # 仪陇 2020 (set 123): "我县将对全县34个敬老院实施改造提升工程" — not "对…进行了改造", what was done
    assert drafts("7月17日,记者从县民政局获悉,我县将对全县34个敬老院实施改造提升工程。", date(2020, 7, 27)) == [
        ("", "county", "eq", Decimal(34), "个", None)]
    assert drafts("去年,我县对全县34个敬老院进行了改造提升。", date(2020, 7, 27)) == []


def test_an_item_under_a_heading_that_names_older_people_is_civil_affairs_in_a_congresss_list():
    # 台州 2024: "三、提升为老服务水准。新增“老省心”综合体28个;建成家庭养老床位2750张" — 老省心 names nothing of ours, its
    # heading does; the education item beside it stays out
    text = ("2024这十件事,与每一位台州人息息相关\n市六届人大四次会议公告\n第3号\n"
            "  经台州市第六届人民代表大会第四次会议票决通过,2024年台州市政府民生实事项目为:\n"
            "  二、推进教育补短提质。新建(改扩)公办幼儿园10所、新增学位1500个。\n"
            "  三、提升为老服务水准。新增“老省心”综合体28个;建成家庭养老床位2750张。")
    assert [(d[3], d[4]) for d in drafts(text)] == [(Decimal(28), "个"), (Decimal(2750), "张")]


def test_each_groups_share_covered_in_a_list_of_shares():
    # 江苏 2017 (set 123): "确保60—80岁的农民实现55%的参保覆盖率,60—80岁的城镇居民实现50%的覆盖率,…实现20%的覆盖率"
    text = ("今年,确保60—80岁的农民实现55%的参保覆盖率,60—80岁的城镇居民实现50%的覆盖率,机关事业单位退休职工实现20%的"
            "覆盖率。")
    assert [(d[2], d[3], d[5]) for d in drafts(text, date(2017, 1, 19))] == [
        ("gte", Decimal(55), date(2017, 12, 31)), ("gte", Decimal(50), date(2017, 12, 31)),
        ("gte", Decimal(20), date(2017, 12, 31))]


# --- session 26, round 52: sets 126, 127 and 128 read ------------------------------------------------------------

def test_a_notices_items_numbered_in_one_paragraph_are_its_clauses_and_each_keeps_its_own_date():
    # 扬州 2023 (set 126): "(一)…(二)…(三)" run into one paragraph; the lead and the headline say the first again
    text = ("扬州市城乡居民低保标准提高至月人均800元\n"
            "近日,扬州市民政局、财政局联合下发了《关于提高2023年城乡居民最低生活保障标准的通知》,从2023年7月1日起,全市城乡居民"
            "最低生活保障标准由月人均770元统一提高到月人均800元。\n"
            "据了解,本次提高保障标准主要包括三个方面:(一)从2023年7月1日起,全市城乡居民最低生活保障标准由月人均770元统一提高到"
            "月人均800元。(二)从2023年1月1日起,对已享受上世纪六十年代初精减退职老职工生活定补对象的标准由原每人每月1050元调整为"
            "每人每月1100元。(三)各地特困供养人员基本生活标准不低于城乡低保标准的1.3倍。")
    assert [(s[0], s[1], s[2], s[3]) for s in standards(text, date(2023, 6, 28))] == [
        ("一", Decimal(800), "元/人/月", date(2023, 7, 1)), ("二", Decimal(1100), "元/人/月", date(2023, 1, 1)),
        ("三", Decimal("1.3"), "倍", None)]
    # a date in an unnumbered notice's sentence is not its own item's: the notice's date to finish holds (君山 2019)
    text = ("岳阳市君山区民政局关于《2019年提高城乡低保标准和救助水平》的通知\n"
            "决定从2019年7月1日起,城市低保保障标准提高到500元/月。城乡低保对象提标要在8月完成并在8月发放低保金时补发7月的不足部分。")
    assert [(s[1], s[3]) for s in standards(text, date(2019, 8, 23))] == [(Decimal(500), date(2019, 8, 31))]


def test_a_copy_that_turned_its_indent_into_question_marks_keeps_its_numbering():
    # 上海 2024 (set 126): "??一、標準調整 / ??(一)照護一級的困難對象 / ??1.最低生活保障家庭的老年人,…每人每月1110元"
    text = ("市民政局等关于调整本市养老服务补贴标准的通知\n??一、标准调整\n??(一)照护一级的困难对象\n"
            "??1.最低生活保障家庭的老年人,补贴标准调整为每人每月1110元;\n??2.低收入家庭的老年人,补贴标准调整为每人每月888元;")
    assert [(s[0], s[1]) for s in standards(text)] == [("一.一.1", Decimal(1110)), ("一.一.2", Decimal(888))]


def test_a_plan_to_redraw_townships_sets_the_townships_after_it_not_those_now():
    # 古蔺, 普格, 美姑 2020 (set 128): the townships after the change and their kinds, the townships removed and by how
    # much; the townships now, the new ones' areas and people are not targets
    text = ("美姑县乡镇行政区划调整改革方案(草案)\n一、总体情况\n"
            "现辖乡镇36个,其中乡35个、镇1个;幅员面积2573平方公里、人口27.9万人。本轮乡镇行政区划调整减少乡级政区18个,减幅50%;"
            "调整后,辖18个乡镇,其中乡11个、镇7个乡镇;平均幅员面积142.9平方公里,平均户籍人口1.5万人;最多为3.6万人,最少为0.5万人。\n"
            "二、具体调整方案\n(一)整建制保留设置的乡镇1个\n瓦洛乡")
    assert [(d[2], d[3], d[4], d[5]) for d in drafts(text, date(2020, 11, 4))] == [
        ("eq", Decimal(18), "个", None), ("eq", Decimal(50), "%", None), ("eq", Decimal(18), "个", None),
        ("eq", Decimal(11), "个", None), ("eq", Decimal(7), "个", None), ("eq", Decimal(1), "个", None)]
    # a report that names a change of districts in passing is no such plan (南京 2013 村委会换届)
    assert DIVISION_DOCUMENT.search("今年区划调整后,城区涉农社区人户分离有增无减") is None


def test_an_office_every_township_sets_up_where_it_stands_is_the_townships_coverage():
    # 海口 2017, 成都 2014, 滁州 2017 (set 128)
    for sentence, level in (("《意见》要求,各镇(街)在社会事务服务中心设立民政服务站,采取政府购买服务的形式。", "town"),
                            ("今后,在乡镇(街道)设置“民政办公室”牌子。", "town"),
                            ("在县级民政部门成立民政服务中心,负责所有民政服务工作业务统筹。", "county")):
        assert [(d[1], d[2]) for d in drafts(sentence, date(2017, 11, 12))] == [(level, "present")], sentence
    assert drafts("截至目前,已在乡镇(街道)设置民政办公室。", date(2017, 11, 12)) == []


def test_a_date_a_later_sentence_gives_the_posts_set_earlier_dates_their_figures():
    # 海口 2017 (set 128): "…为每个镇(街)配备2名民政协管员岗位…。镇(街)民政协管员、村(社区)民政专干要在2018年1月底配备到位。"
    text = ("《意见》要求,各镇(街)在社会事务服务中心设立民政服务站,由区民政部门牵头,为每个镇(街)配备2名民政协管员岗位。"
            "镇(街)民政协管员、村(社区)民政专干要在2018年1月底配备到位。")
    assert drafts(text, date(2017, 11, 12)) == [("", "town", "present", None, "", None),
                                                ("", "town", "eq", Decimal(2), "名", date(2018, 1, 31))]


def test_the_most_a_month_a_voucher_pays_is_a_ceiling():
    # 兰州 2026 (set 126): "每月最高抵扣额度达800元"
    assert [d[2] for d in drafts("该消费券可用于抵扣居家养老等服务费用,每月最高抵扣额度达800元。", date(2026, 1, 9))] == ["lte"]


# --- session 26, round 53: sets 129, 130 and 131 read ------------------------------------------------------------

def test_a_projects_funds_notice_drafts_the_projects_goals_not_what_it_paid_or_did():
    # 岳阳楼 2025, 开远 2023, 雨花 2024, 孟津 2022 (set 130): 居家和社区基本养老服务提升行动项目 notices
    text = ("岳阳市岳阳楼区民政局 关于2024年居家和社区基本养老服务提升行动项目开展情况的公示\n一、项目概况\n"
            "2024年,岳阳市被确定为全国第四批居家和社区基本养老服务提升行动试点地区,下达中央补助资金2252万元,项目目标任务为面向"
            "我区经济困难的失能、部分失能老年人建设627张家庭养老床位、提供不低于806人次居家养老上门服务。\n二、项目进展\n"
            "截至2025年9月25日,全区已完成家庭养老床位627张建设,完成居家养老上门服务806人次,中央补助资金执行率达100%。")
    assert drafts(text, date(2025, 9, 26)) == [("", "county", "eq", Decimal(627), "张", None),
                                               ("", "county", "gte", Decimal(806), "人次", None)]
    text = ("开远市居家和社区基本养老服务提升行动项目资金使用及进展情况公示\n一、项目概况\n"
            "…概算投资410.28万元。绩效目标为家庭养老床位建设补贴数量大于等于300张,上门服务数量大于等于27000人次,"
            "受益家庭对居家和社区基本养老服务的满意度大于等于85%\n二、项目资金情况\n(二)资金支付。累计合计共支付265.480万元。")
    assert [(d[2], d[3], d[4]) for d in drafts(text, date(2023, 12, 28))] == [
        ("gte", Decimal(300), "张"), ("gte", Decimal(27000), "人次"), ("gte", Decimal(85), "%")]
    text = ("关于居家和社区基本养老服务提升行动项目资金使用情况公示\n资金来源及工作目标\n"
            "此项资金为中央专项彩票公益金,面向我区经济困难的失能老年人完成400户家庭养老床位建设和800人次居家养老上门服务。\n"
            "资金总额及完成情况\n截止目前,我区已完成400户家庭床位建设和800人次居家养老上门服务。")
    assert [(d[3], d[4]) for d in drafts(text, date(2024, 9, 14))] == [(Decimal(400), "户"), (Decimal(800), "人次")]
    text = ("孟津区关于 2021 年居家和社区基本养老 服务提升行动试点项目资金实施情况的公告 项目资金:孟津区 414.16 万元;"
            "建设家庭养老床位数:765 张 居家上门服务人次数:8221 人次 项目执行情况: …")
    assert [(d[3], d[4]) for d in drafts(text, date(2022, 2, 1))] == [(Decimal(765), "张"), (Decimal(8221), "人次")]


def test_the_years_targets_a_report_names_as_done_are_that_years_targets():
    # 扬州 2025 (set 130): "2025年承担4项省级民生实事项目…,截至11月底已完成新建32个颐养社区、…目标任务"
    text = ("昨天记者从扬州市民政部门获悉,2025年承担4项省级民生实事项目和6项市级民生实事项目,截至11月底已完成新建32个颐养社区、"
            "新增21个银发助餐点、建设8个认知障碍照护专区、新增8个适老生活体验中心、开展老年人运用智能技术培训3万人次目标任务。")
    assert [(d[2], d[3], d[4], d[5]) for d in drafts(text, date(2025, 12, 5))] == [
        ("eq", Decimal(32), "个", date(2025, 12, 31)), ("eq", Decimal(21), "个", date(2025, 12, 31)),
        ("eq", Decimal(8), "个", date(2025, 12, 31)), ("eq", Decimal(8), "个", date(2025, 12, 31)),
        ("eq", Decimal(30000), "人次", date(2025, 12, 31))]
    # a year's target told done in a later year's report is not this report's (宁波 2018 "完成150座的年度目标任务")
    assert drafts("2017年已完成新建32个颐养社区目标任务。", date(2018, 3, 1)) == []


def test_road_name_and_house_number_plates_to_put_up_are_counted_not_plaques():
    # 绥化 2023, 银川 2014 (set 129); "4块牌子" of a village's plaques (山东 2023, development) are not plates
    text = "此次地名标志牌的设置,将在全市区安装1642个,主干路新建大T路名牌943套;次干路新建F型路名牌566套、小T型路名牌133套。"
    assert [(d[3], d[4]) for d in drafts(text, date(2023, 1, 16))] == [
        (Decimal(1642), "个"), (Decimal(943), "套"), (Decimal(566), "套"), (Decimal(133), "套")]
    assert [(d[3], d[4], d[5]) for d in drafts("银川市民政局开始补缺安装门牌,预计到5月底完成3.6万块门牌的补缺。",
                                               date(2014, 3, 17))] == [(Decimal(36000), "块", date(2014, 5, 31))]
    assert drafts("在村办公服务场所门口,可保存悬挂村党组织、村民委员会、村党群服务中心4块牌子。", date(2023, 5, 1)) == []


def test_shares_of_places_listed_before_one_verb_are_each_a_goal_due_at_the_year_named_not_the_span():
    # 重庆 2024 (set 129): "提出到2025年,…用3年时间在全市100%街道、80%的城市社区、50%的乡镇开展精神障碍社区康复服务"
    text = "提出到2025年,用3年时间在全市100%街道、80%的城市社区、50%的乡镇开展精神障碍社区康复服务。"
    assert drafts(text, date(2024, 10, 9)) == [("", "town", "present", None, "", date(2025, 12, 31)),
                                               ("", "urban_community", "gte", Decimal(80), "%", date(2025, 12, 31)),
                                               ("", "town", "gte", Decimal(50), "%", date(2025, 12, 31))]


def test_a_share_a_goals_verb_reaches_and_a_share_in_words_and_a_count_added_in_words():
    # 杭州 2025 (set 130): "实现全市养老机构护理型床位占比73%"
    assert [(d[2], d[3]) for d in drafts("到2027年,实现全市养老机构护理型床位占比73%。", date(2025, 7, 11))] == [
        ("gte", Decimal(73))]
    # 樟树 2025 (set 129): "今年…在樟树市三分之一的乡镇开展乡村著名行动" — 33.3 %, the key's reading of 长春新区's too
    assert drafts("今年,在樟树市三分之一的乡镇开展乡村著名行动。", date(2025, 6, 1)) == [
        ("", "town", "gte", Decimal("33.3"), "%", date(2025, 12, 31))]
    # 泰州 2016 (set 130): "2017年,市区将增加三个老人洗浴点"
    assert [(d[3], d[4], d[5]) for d in drafts("记者从民政局了解到,2017年,市区将增加三个老人洗浴点。", date(2016, 12, 1))] == [
        (Decimal(3), "个", date(2017, 12, 31))]


# --- session 26, round 54: sets 132, 133 and 134 read ------------------------------------------------------------

def test_a_sum_per_project_built_is_per_project_and_the_countys():
    # 南昌 (set 133): "乡镇敬老院每个项目补助原则上不超过120万元" — 元/个 at the county, not a town's; a contest's prize per
    # project stays 元 (the key's reading of 公益创投 rounds)
    text = ("对新建并达到建设标准的县级综合福利院(中心)每个项目补助原则上不超过500万元;乡镇敬老院每个项目补助原则上不超过120万元。")
    assert [(d[1], d[2], d[3], d[4]) for d in drafts(text, date(2021, 3, 27))] == [
        ("county", "lte", Decimal(5000000), "元/个"), ("county", "lte", Decimal(1200000), "元/个")]


def test_a_fee_per_person_and_day_keeps_its_day():
    # 丰台 (set 133): "机构照护服务费用为每人每天220元"
    assert [(d[3], d[4]) for d in drafts("机构照护服务费用为每人每天220元,预计服务1200人。", date(2016, 12, 6))][:1] == [
        (Decimal(220), "元/人/天")]


# --- session 26, round 55: sets 135, 136 and 137 read ------------------------------------------------------------

def test_a_share_raised_to_a_figure_is_at_least_it_but_a_subsidys_share_is_its_standard():
    # 上海 2026年民政工作要点 (set 136): "推动护理型床位占比提升至69%"
    text = "2026年上海民政工作要点\n一、持续开展养老机构品质提升行动。推动护理型床位占比提升至69%,建设20家标准化失能照护机构。"
    assert [(d[2], d[3], d[4]) for d in drafts(text, date(2026, 1, 30))] == [
        ("gte", Decimal(69), "%"), ("eq", Decimal(20), "家")]
    assert [d[2] for d in drafts("今年,补贴比例提高至70%。", date(2019, 5, 1))] == ["eq"]


def test_two_things_given_one_figure_each_are_two_targets():
    # 上海 2026 (set 136): "开展养老护理员中高级培养及认知障碍照护能力培训各2000名"; one kind of activity for two groups
    # ("开展关爱老年人、困境儿童活动各17场次", 明光 2023, development) is one
    text = "2026年上海民政工作要点\n一、开展养老护理员中高级培养及认知障碍照护能力培训各2000名。"
    assert [(d[3], d[4], d[5]) for d in drafts(text, date(2026, 1, 30))] == [
        (Decimal(2000), "名", date(2026, 12, 31)), (Decimal(2000), "名", date(2026, 12, 31))]
    assert len(drafts("2023年重点工作\n7.开展关爱老年人、困境儿童活动各17场次。", date(2023, 10, 1))) <= 1


def test_the_days_of_a_service_each_person_has():
    # 江苏 托苗计划 2026 (set 136), 丰台 喘息服务 (set 133)
    text = "2026年,江苏将为不少于800名符合条件的困境孤独症等儿童提供托养照护服务,服务时长每人不少于30天。"
    assert [(d[2], d[3], d[4]) for d in drafts(text, date(2026, 3, 1))] == [
        ("gte", Decimal(800), "名"), ("gte", Decimal(30), "天/人")]
