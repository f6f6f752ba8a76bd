"""Draft policy targets from the text of a county's 五社联动 / 三社联动 document (issue 12, item 7).

A pure, rule-based parser: plain regular expressions, no network, no model, no database. It reads the
document's numbering (一、 / （一） / 1.) to cite each clause, finds every measurable requirement
("不少于3人", "达到15个以上", "占比超过50%", "至少开展1次", "成立…社会组织联合会"), and guesses the indicator
(a code of the registry in ``wulian/indicators.py``), the level it applies to, the comparator, threshold,
unit, period and deadline. What it drafts is a proposal: nothing counts until an admin accepts it.

The guesses are made from the words nearest to the number, because Chinese policy sentences pack several
requirements into one sentence ("办公面积不少于60平方米，…配备驻站社区专职工作人员不少于3名，其中，专业社工不少于1名"):
the indicator is the nearest keyword on either side (within the clause of the sentence), the level the
nearest place word before it (县 / 镇街 / 城镇社区 / 农村社区 / 社区), looking back through the sentence
and then through the earlier sentences of the same numbered item.
"""

from __future__ import annotations

import bisect
import calendar
import contextlib
import contextvars
import os
import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

# Levels and comparators, as ``wulian.models.targets`` names them (targets_spec.md; binding).
COUNTY, TOWN = "county", "town"
URBAN, RURAL, COMMUNITY = "urban_community", "rural_community", "community"
HUB, TOWN_STATION, ROOM = "station_county_hub", "station_town", "station_community"
GTE, GT, LTE, EQ, PRESENT = "gte", "gt", "lte", "eq", "present"
ANNUAL, BY_DEADLINE, ONGOING = "annual", "by_deadline", "ongoing"

COMPARATOR_SIGNS = {GTE: "≥", GT: ">", LTE: "≤", EQ: "=", PRESENT: "有"}

# ---------------------------------------------------------------------------------------------------------
# Indicators: which units each accepts and the words that name it. Order breaks ties: specific first.
# ---------------------------------------------------------------------------------------------------------

COUNTS = frozenset({"个", "家", "人", "名", "次", "场", "项", "支", "张", "所", "床", "户", "间", "处", "座"})
STATION_INDICATORS = frozenset({"station_area", "station_rooms", "station_equipment", "station_staff",
                                "station_professionals", "operating_funds", "station_certified_share",
                                "station_investment"})
STATION_TIER_LEVELS = frozenset({"station_county_hub", "station_town", "station_community"})


@dataclass(frozen=True)
class IndicatorRule:
    code: str
    units: frozenset
    keywords: re.Pattern


def _rule(code, units, keywords):
    return IndicatorRule(code, frozenset(units), re.compile(keywords))


INDICATOR_RULES = (
    _rule("orgs_service_share", {"%"}, r"服务性|公益性|互助性"),
    _rule("certified_share", {"%"}, r"职业水平证书|职业资格|社会工作师|持证"),
    _rule("volunteer_registration_rate", {"%"}, r"注册率|注册[^，。；,;]{0,8}?占[^，。；,;]{0,12}?(?:比例|比重)"),
    _rule("volunteer_participation_rate", {"%"}, r"参与[^，。；,;]{0,12}?(?:比率|比例|率)"),
    _rule("station_area", {"平方米"}, r"面积|用房|场地|场所"),
    _rule("agency_training_hours", {"课时"}, r"培训|督导"),
    _rule("station_investment", {"元"}, r"投资|投入|建设资金|建设经费"),
    _rule("operating_funds", {"元"}, r"经费|运行资金|运营资金|工作资金|资助|补助|补贴|奖补"),
    _rule("micro_venture_projects", {"个", "次", "项"}, r"公益创投"),
    _rule("station_professionals", {"人", "名", "个"},
          r"专业社工|专业社会工作者|社会工作专业人才|社工岗位|社会工作专业岗位|持证社工|持证社会工作者"
          r"|持证的?[\u4e00-\u9fa5]{0,4}工作者"),  # 配备2至3名持证的社区工作者: certified, as 持证社工
    _rule("station_staff", {"人", "名"}, r"驻站|专职工作人员|工作人员|专职社会工作者|专职社工|社工(?![站室机])"),
    _rule("town_stations_built", {"个"}, r"社工站|社会工作服务站|社会工作站"),
    _rule("agencies_cultivated", {"个", "家"}, r"社会工作服务机构|社工机构"),
    _rule("professional_projects", {"个", "项"}, r"专业服务项目|服务项目"),
    _rule("volunteer_activities", {"个", "次", "场", "项"}, r"志愿服务活动|志愿活动"),
    _rule("orgs_registered", {"个", "家"}, r"依法登记|登记"),
    _rule("orgs_filed", {"个", "家"}, r"备案"),
    _rule("orgs_per_community", {"个", "家"}, r"社会组织|社区服务组织"),
)

# A figure that makes a place eligible ("…达到10人以上的场所即可设立…"): a condition, not a target.
ELIGIBILITY = re.compile(r"[^，。；,;]{0,12}?即可")
# A sentence on what one station has ("一个标准的镇街社会工作站面积…", "工作站配备站长1名…"): a station's standard.
STATION_STANDARD = re.compile(r"^[\s\u3000]*(?:一个|每个)?(?:标准的?)?(?:镇街|乡镇|街道|镇)?"
                              r"(?:社会工作服务站|社会工作站|社工站|工作站)(?:面积|建筑面积|配备|设有)")
# Requirements with no number: "成立…社区社会组织联合会", "配置办公室、个案室…等功能部室".
PRESENCE_RULES = (
    ("federation", re.compile(r"(?:成立|建立|组建|设立)(?P<inner>[^，。；,;]{0,12}?)社会组织联合会")),
    ("station_rooms", re.compile(
        r"(?:配置|配备|设置|设有)(?P<inner>[^，。；,;]{0,40}?室[^，。；,;]{0,12}?)(?:功能部室|功能室)")),
    ("station_equipment", re.compile(
        r"(?:配置|配备|配齐)(?P<inner>[^，。；,;]{0,30}?(?:桌椅|电脑|打印机|档案柜)[^，。；,;]{0,20}?)(?:办公用品|办公设备)")),
)
# Room and equipment words → the codes a station_rooms / station_equipment target lists in its parameters.
ROOM_WORDS = (("office", r"办公室"), ("case", r"个案室|心理咨询室"), ("group", r"小组活动室|活动室"),
              ("meeting", r"会议室"))
EQUIPMENT_WORDS = (("desks", r"桌椅"), ("computers", r"电脑|计算机"), ("printers", r"打印机"),
                   ("filing_cabinets", r"档案柜|文件柜"))

# ---------------------------------------------------------------------------------------------------------
# Numbers, units, comparators
# ---------------------------------------------------------------------------------------------------------

_CMP = (r"(?P<cmp>不[得应能宜]?(?:少于|低于|小于|超过|高于|多于|大于|超(?=\s*\d))|至少|最少|达到或(?:超过|高于|多于|接近)|达到|超过|高于|多于|大于|低于|少于"
        r"|(?:增加|增长|提高|提升|扩大|拓展)到|(?<=[量数])约(?=\s*\d)|(?:(?<=[率例比量数积])为|(?<=目标)[（(])\s*(?:≥|>=|≤|<=)"
        r"|≥|>=|≤|<=|达|(?<=[率例比量数积])为|(?<=目标)[（(]|占(?=\s*\d)|(?<=[率长量数度])超(?=\s*\d))")  # 覆盖率超80%, 时长超9000万小时: more than
_GAP = r"(?:(?<=至少)|(?<=最少))[\u4e00-\u9fa5]{1,2}"  # 至少设置2个, 至少开展1次
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)"
# Any measure word after a number is a unit (beds 张, schools 所, households 户…), not only those seen so far.
_MEASURE_WORDS = r"张|所|床|户|间|处|座|条|公里|千米|栋|幢|辆|台|套|桌|层|颗|亩|公顷|吨|盒|块"  # (the count units a comparator may take: COUNT_UNITS)
# (人/餐: a canteen's capacity per meal; 方米: a site's 平方米 with its 平 dropped, "面积原则不少于20方米")
_UNIT = (r"(?P<unit>万元|元|平方米|平米|方米|㎡|课时|学时|人/餐|人次|个(?!月|工作日|百分点|小时)|家|人|名|次|场|项|支|类|只|%|‰|小时|"
         + _MEASURE_WORDS + ")")
# A range ("35-40张", "35张~40张", "2至4个") is a floor: its lower end, ≥.
_RANGE = r"(?P<range>\s*(?:" + _MEASURE_WORDS + r"|个|家|人|名|%)?\s*[-－—~～至]\s*\d+(?:\.\d+)?)?"
_SUFFIX = r"(?P<suffix>及以上|以上|及以下|以下|以内|封顶)?"

_WAN = r"(?P<wan>万(?!元))?"  # 200万人: ten thousands of a count (万元 is its own unit)
NUMERIC = re.compile(_CMP + rf"(?:{_GAP})?\s*" + _NUM + _RANGE + r"\s*" + _WAN + _UNIT + _SUFFIX)
BARE_RANGE = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*[-－—~～至到]\s*\d+(?:\.\d+)?\s*" + _UNIT)
BARE_WITH_SUFFIX = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*" + _WAN + _UNIT + r"(?P<suffix>及以上|以上|及以下|以下|以内|封顶)")
COORDINATED = re.compile(r"(?<=[和及与、])\s*(?P<num>\d+(?:\.\d+)?)\s*" + _UNIT)
# An amount granted, a number hired or built, with no comparator word ("每个站资助15万元", "用于聘请3名社工",
# "各建设1个镇(街)社会工作服务站", "新增设立乡镇(街道)省级社工站22个"): the verb says what the number counts.
_BARE = r"(?P<gap>[^，。；,;：:\d]{0,14}?)(?P<num>\d+(?:\.\d+)?)\s*"
BARE_AMOUNTS = (
    re.compile(r"(?P<verb>资助|补助|补贴|奖补|给予)" + _BARE + r"(?P<unit>万元|元)"),  # 给予每个“儿童之家”3万元
    re.compile(r"(?P<verb>聘请|聘用|招聘|配备|配齐|选派|派驻)" + _BARE + r"(?P<unit>名|人)"),
    # "每个村(居)委会设立1名儿童主任", "每个乡镇人民政府(街道办事处)设1名儿童督导员": a post each place sets up
    re.compile(r"(?<=[)）\u4e00-\u9fa5])(?P<verb>设立|设置|(?<![建开增])设)(?P<gap>)(?P<num>\d+)\s*(?P<unit>名)"),
    # "全区每个街道建设一个具备综合功能的养老服务中心": one facility each place builds, the numeral written out
    # ("每个县(市、区)建成1所社会福利中心", "每个县(市)建有一所…中心敬老院")
    re.compile(r"(?<=每个)[^，。；,;\d]{1,10}?(?P<verb>建设|建立|建成|设立|建有)(?P<gap>)(?P<num>一|1(?![\d.]))\s*"
               r"(?P<unit>个|所|家|处)"),
    re.compile(r"(?P<verb>新增设立|新增建设|新增|建设|建成|设立)" + _BARE + r"(?P<unit>个|家)"),
    re.compile(r"(?P<verb>新增)" + _BARE + r"(?P<wan>万)?(?P<unit>人|名|张|所)"),  # 社会组织新增就业人数340万人
    # "主干路新建大T路名牌943套", "前期计划安装200套", "完成3.6万块门牌的补缺": signs and plates to make or put up
    re.compile(r"(?P<verb>新建|安装|更换|完成|(?<=、))" + _BARE + r"(?P<wan>万)?(?P<unit>套|块)"),
    re.compile(r"(?<!至少)(?<!最少)(?<!没)(?P<verb>有)(?P<gap>)(?P<num>\d+)\s*(?P<unit>名|人)"),  # 每个农村社区有1名…人才
    # "每个设区市要有1所…", "常住人口30万人以上的县(市)要有1所…", "全省每个县(市)都有一所": each place must have one
    re.compile(r"(?P<verb>(?:要|应|须|都|均|应当)有)(?P<gap>)(?P<num>\d+|[一两二三])\s*(?P<unit>所|个|家|处|座)"),
)
SIGN_PLATE = re.compile(r"路名牌|门牌|地名牌|地名标志|标志牌|标识牌|路牌")
# The share of a cost a subsidy pays ("同样补贴50%", "补贴比例提高至70%", "直接享受50%租金补贴", "享受50%的政府补贴"):
# the standard, 'eq' in %.
SUBSIDY_SHARE = re.compile(r"(?P<verb>享受|给予|补贴|补助)(?:比例)?\s*(?P<cap>不超过|不高于|最高)?\s*(?:提高至|提高到|调整为|为|按)?\s*"
                           r"(?:[\u4e00-\u9fa5]{1,6}的)?"
                           r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*%\s*(?:的)?(?P<tail>[\u4e00-\u9fa5]{0,4}?(?:补贴|补助))?")
# A sum a government sets aside ("今年安排3192万元专项资金", "省财政安排补助资金3000万元", "中央将安排专项彩票公益金30亿元"):
# the sum, 'eq' in 元, as a budget's line.
MONEY_ARRANGED = re.compile(r"安排(?P<gap>[^，。；,;\d]{0,12}?)(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?P<scale>万|亿)?元")
# A sum each person of a group is granted ("可享受最高3000元服务补贴"): per person, 'lte' when it is the most paid.
SUBSIDY_SUM = re.compile(r"享受\s*(?P<most>最高)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?(?P<unit>元)(?![/／\d])"
                         r"[^，。；,;\d]{0,6}?(?:补贴|补助|津贴)")
# A fee schedule's item priced per body, day, month, room or time with no comparator word ("普通火化爐240元/具",
# "告別廳租用(小型):200元/間"): the schedule's standard, 'eq' (its denominator is kept by MONEY_PER); a standard per
# person and year written so ("12360元/年/人", "5832元/人/年") is one too.
FEE_ITEM = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>元)(?=\s*/\s*(?:[具天日月间間次](?!次)|[年人户]\s*/))")
GOAL_RATIO = re.compile(r"(?P<cmp>达到|不少于|不低于)\s*每\s*(?:百|千|万)\s*名?\s*(?:老年人|老人)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>张)")
BARE_RATIO = re.compile(r"(?:每\s*(?:百|千|万)?\s*(?:名\s*老年?人|户|人口|人)|人均)(?![员才])(?:[\u4e00-\u9fa5]|\d+岁){0,14}?(?<![\d.])"
                        r"(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?(?P<unit>平方米|平米|㎡|人次|次|个|人|名|元|张|所)"
                        r"(?![\d%])")
# "…33张,超出全国平均水平13个百分点": a figure compared with the country's (or the year before's) is where things stand.
ABOVE_AVERAGE = re.compile(r"[^。；;]{0,4}?(?:超出|高于|低于|超过)(?:全国|全省|国家)?平均|[^。；;]{0,4}?(?:比上年|较上年|同比)")
# A goal count with no comparator word in a sentence about the future: "将建设社区日间照料中心520个," (the count
# closes its clause), "完成全市31个乡、44个镇、14个街道,共89个社会工作服务站项目建设任务" (the total).
# A verb of making and the units a count of things made is given in (a units table, not one sentence's words):
# "新开、调整公交线路80条", "增加运营城市小型公交300辆", "建成投运充电桩4700个", "改造提升…19处".
MAKING = r"改造升级|提档升级|建设|建成|完成|创建|打造|培育|新建|设立|建立|改扩建|扩建|新开|开设|新增|增加|投运|加装|安装|改造|改建|更新|推出|举办|实施|落实|提升|(?<=[将拟])建(?![设成立议])|(?<=再)增(?![长幅速加])"
# (项 of services, projects: "6项基本服务"; not of a plan's own parts: "新增7项发展指标", "3项措施")
COUNT_UNITS = (r"个|家|所|张|支|条|辆|处|座|台|栋|幢|盒|户|场|公里|平方米"
               r"|项(?![\u4e00-\u9fa5]{0,4}(?:指标|措施|举措|任务|要求|原则|内容|制度|机制))")
GOAL_COUNT = re.compile(r"(?P<verb>" + MAKING + r")"
                        + r"(?P<gap>[^，。；,;：:\d]{0,40}?)(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?"
                        + r"(?P<unit>" + COUNT_UNITS + r")(?=\s*(?:[，,；;。、]|$))")
# "计划新建社区型养老服务综合体(农村幸福院)30个、老年人认知障碍照护专区10个、…10个": the counts listed after the
# first one share its verb.
LISTED_COUNT = re.compile(r"、(?P<gap>[^，。；,;：:、\d]{1,24}?)(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?(?P<unit>个|家|所|张|支)"
                          r"(?=\s*(?:[，,；;。、]|$))")
GOAL_DIRECT = re.compile(r"(?P<verb>" + MAKING + r"|拟建)\s*(?:[（(]\s*(?:" + MAKING + r")\s*[)）]|发展)?"  # 新建(改造)94个, 培育发展5家
                         r"\s*(?:中心城区|主城区)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?"
                         r"(?P<unit>" + COUNT_UNITS + r")(?![^，。；,;]{0,12}?(?:以上|以下|左右))")
# "完成43个省级新农村建设点和40个县级自建点建设", "建成1个老年食堂、18个社区老年助餐点,23个村级老年助餐点": the
# counts listed after a count put straight after its verb share the verb (joined by 和/及/与/、/，).
LISTED_DIRECT = re.compile(r"(?P<gap>[^，。；,;：:、\d]{1,30}?)(?:和|及|与|、|[，,])\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?"
                           r"(?P<unit>" + COUNT_UNITS + r")(?![^，。；,;]{0,12}?(?:以上|以下|左右))")
# "争创省级4项数字改革试点": pilots or titles to win, counted in 项 or 个.
GOAL_WIN = re.compile(r"(?P<verb>争创|创成|申报)(?P<gap>[^，。；,;：:\d]{0,6}?)(?P<num>\d+)\s*(?P<wan>)(?P<unit>项|个)"
                      r"(?=[^，。；,;]{0,12}?(?:试点|示范|品牌|称号))")
# "为5000户困难重度残疾人家庭进行无障碍改造", "为10万户高龄独居老人加装燃气报警器", "对1300余户家庭进行适老化改造" (余:
# at least) in a year's list: the households (buildings, people) a task is done for — not an age ("为60岁及以上老年人提供健康管理服务").
GOAL_FOR = re.compile(r"(?:^|(?<=[，,；;、：:])|(?<=[，,；;、：:]将))\s*(?:为|帮助|对)\s*(?P<num>\d+(?:\.\d+)?)(?!\s*周?岁)\s*(?P<wan>万)?(?P<more>余|多)?"
                      # a count of people with no classifier takes 人: "为200万中小学生开展心理健康测评"
                      r"(?:(?P<unit>户|栋|名|人次|人)|(?=[\u4e00-\u9fa5]{0,4}(?:学生|老人|老年人|儿童|残疾人|群众|居民|职工)))"
                      r"(?=[^，。；,;\d]{2,30}?(?:" + MAKING + r"|进行|实施|实现|更换|提供|开展|施行|配发|装配|救助|补助|资助|发放))")
# "我县将对全县34个敬老院实施改造提升工程", "将对10个乡镇公墓进行提档升级": the places a work will be done on, counted
# (a future word right before 对, so a report's "对…进行了改造" is not read).
GOAL_ON = re.compile(r"(?:将|计划|拟|要)\s*对\s*(?:全[县市区省镇]|辖区)?(?P<num>\d+)\s*(?P<unit>个|所|家|处|座)"
                     r"(?=[^，。；,;\d了]{1,24}?(?:实施|进行|开展)[^，。；,;\d了]{0,8}?(?:改造|提升|建设|整治|修缮|升级))")
# "扶持2000名残疾人自主创业", "低息有偿扶持100户贫困残疾人发展生产" in a list of goals: the people a task helps.
GOAL_HELPED = re.compile(r"(?P<verb>扶持|资助|帮扶|培训|安置|招募|(?<![每最])补助)(?P<gap>[^，。；,;：:\d]{0,4}?)(?P<num>\d+(?:\.\d+)?)\s*"
                         r"(?P<wan>万)?(?P<more>余|多)?(?P<unit>名|户|人次)")
# In a list of goals, a count after its verb and before its noun, however far ("改造提升…沿山区县19处农村供水设施",
# "发展普惠托育机构29所", "启动100个社区嵌入式服务设施建设和服务项目试点").
GOAL_IN_LIST = re.compile(r"(?P<verb>" + MAKING + r"|发展|启动|选择)(?P<gap>[^，。；,;：:\d]{0,40}?)(?P<num>\d+(?:\.\d+)?)\s*"
                          r"(?P<wan>万)?(?P<unit>" + COUNT_UNITS + r")(?![^，。；,;]{0,12}?(?:以上|以下|左右))")
# "基本完成全省7701个城镇老旧小区改造任务": the count of a task to complete.
GOAL_TASK = re.compile(r"(?P<verb>完成)(?P<gap>[^，。；,;：:\d]{0,10}?)(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?"
                       r"(?P<unit>个|家|所|张|支)(?=[^，。；,;：:\d]{0,16}?任务)")
# "97%的老年人享受优质便捷居家养老服务" in a list of goals: a share put first with no comparator word.
SHARE_FIRST = re.compile(r"(?:^|(?<=[，,；;：:]))\s*(?:全[省市县区])?\s*(?P<num>\d+(?:\.\d+)?)\s*%\s*(?=的[\u4e00-\u9fa5])")
# "到2015年,力争20%的市民接受过志愿服务": a share put first after a word of a goal, in any sentence.
SHARE_FIRST_AIMED = re.compile(r"(?:^|(?<=[，,；;：:]))\s*(?:力争|确保|争取|使)\s*(?P<num>\d+(?:\.\d+)?)\s*%\s*(?=的[\u4e00-\u9fa5])")
# "实现全市养老机构护理型床位占比73%": a share the goal's verb reaches, with no comparator word of its own — at least.
SHARE_REACHED = re.compile(r"(?:^|(?<=[，,；;：:]))\s*(?:力争|确保|争取)?\s*实现[^，。；,;\d%]{2,24}?(?:占比|比例|比重)\s*(?P<num>\d+(?:\.\d+)?)\s*%")
# "服务时长每人不少于30天", "服务总天数不超过24天": the days of a service each person has (天/人).
DAYS_PER_PERSON = re.compile(r"(?:服务时长|服务总天数|服务天数|总天数)[^，。；,;\d]{0,4}?(?:每人)?\s*(?P<cmp>不少于|不低于|不超过|至少)"
                             r"\s*(?P<num>\d+)\s*天")
# "推动护理型床位占比提升至69%": a share raised to a figure, at least (not a subsidy's share: "补贴比例提高至70%" is
# the standard, 'eq', read by SUBSIDY_SHARE).
SHARE_RAISED_TO = re.compile(r"(?<![补贴助])(?:占比|比重|(?<![补贴助])比例)\s*(?:提升|提高|增加|增长)至\s*(?P<num>\d+(?:\.\d+)?)\s*%")
# "社区老年助餐服务供应能力达到每天约25万人次": a daily capacity, its period kept in the unit.
PER_DAY = re.compile(r"(?P<cmp>达到|达|不少于|不低于)\s*每(?:天|日)\s*约?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?\s*"
                     r"(?P<unit>人次|人|次|份|餐)")
# "志愿者人数达到常住人口的10%", "注册志愿者人数占社区常住人口的比例10%": a share of the population, the words of
# the population between the comparator and the figure.
POPULATION_SHARE = re.compile(r"(?P<cmp>达到|达|占|不低于|不少于)(?P<gap>[^，。；,;\d%]{0,10}?(?:人口|居民|市民|村民)(?:总数)?的?"
                              r"(?:比例|比重)?(?:为|达到|达)?)\s*(?P<num>\d+(?:\.\d+)?)\s*%"
                              # "供养标准达到当地农民家庭上年度人均生活消费支出的70%", "…达到当地城市低保标准的130%"
                              r"|(?P<cmp2>达到)(?P<gap2>[^，。；,;\d%]{2,20}?的)\s*(?P<num2>\d+(?:\.\d+)?)\s*%")
# "到2021年,我市要实现以下发展目标:" in the paragraph: the sentences after it are goals.
GOALS_ANNOUNCED = re.compile(r"(?:实现|达到|完成)以下[\u4e00-\u9fa5]{0,4}目标|(?:主要|发展)目标(?:是|为|如下)|目标如下")
# "方案明确,全区…新增不少于140个…,增加60个左右…": news of a plan telling what it sets, its paragraph the plan's goals.
# Narrower than PLAN_REPORTED (a plan reported anywhere in the document, which only keeps a reached figure from being
# read as status): the plan's name opens a clause and 明确/提出/要求 follows it at once — read as PLAN_REPORTED, the
# paragraphs after any mention of a 通知 or 办法 would become goals (15 wrong development drafts).
PLAN_STATES = re.compile(r"(?:^|(?<=[，,。]))[\s“”\"]*(?:《[^》]{1,40}》|(?:该|这个|此)?(?:实施)?(?:方案|规划|意见|计划)"
                         r"|(?:政府工作)?报告)\s*(?:明确|提出|要求)[，,:：]")  # (…方面,报告提出,加快…: a 政府工作报告's)


def _plan_states(sentence) -> bool:
    return any(PLAN_STATES.search(e) for e in (*sentence.paragraph, sentence.text))


GOAL_TOTAL = re.compile(r"(?:共|共计|合计|总计)\s*(?P<num>\d+)\s*(?P<unit>个|家|所|张|支)")
# "城乡社区志愿者注册率分别达居(村)民人口的15%和10%以上": respectively, the town's (urban) and the village's (rural).
RESPECTIVELY = re.compile(r"分别\s*(?P<cmp>达到|达|为|不低于|不少于|超过)?[^，。；,;\d]{0,12}?(?<![\d.])(?P<first>\d+(?:\.\d+)?)"
                          r"\s*(?:%|个|家|人|名|张|所)?"  # (分别拥有10个、5个以上: the unit written after each)
                          r"\s*(?:和|、|与|及)\s*(?P<second>\d+(?:\.\d+)?)\s*(?P<unit>%|个|家|人|名|张|所)"
                          r"(?P<suffix>及以上|以上)?")
URBAN_RURAL_PAIR = re.compile(r"城乡|(?:城市|城镇)(?:社区)?(?:和|、|与|及)农村")  # (每个城市社区、农村社区分别…)
PER_UNIT = re.compile(r"每|(?<!在)各(?!类|项|种|地|方面|部门|级)")  # ("在各县(市、区)新建100处": a total across them)
# A ratio's denominator, just before its figure: 每百户30平米, 每万城镇常住人口拥有社区工作者不低于25人, 每百万常住人口40个.
DENOMINATOR = re.compile(r"每\s*(?P<scale>百万|千万|十万|百|千|万)?\s*(?:名)?[\u4e00-\u9fa5]{0,6}?(?P<base>户|人口|人)(?!员|才|民)"
                         r"|(?P<average>人均)"
                         # "每百张养老机构床位配备专业社会工作人才达1人以上": staff per hundred beds
                         r"|每\s*(?P<beds>百|千)\s*张[\u4e00-\u9fa5]{0,8}?床位")
COUNTY_WIDE = re.compile(r"总数|总量|总计|合计|共计|累计|全市|全县|全区|全州|全省|全盟|全旗")
# Coverage, the commonest target of a county's document and the one with no number.
COVERAGE_RATE = re.compile(r"(?:覆盖|达标|建成|供养|参保|入住)率(?:和(?P<second>[\u4e00-\u9fa5]{1,8}率))?"
                           r"\s*(?:均|都)?\s*(?:要|应|须|需)?\s*(?:达到|达|为|实现)?\s*100\s*%"
                           r"|(?<=[\u4e00-\u9fa5])率\s*100\s*%")  # (新建、改扩建公墓节地生态率100%: any rate, no verb)
# (…在全省各村(社区)基本普及: a platform in use in every place of a tier is that tier's coverage, as 基本覆盖)
FULL_COVERAGE = re.compile(r"(?:(?<!健)全覆盖|基本覆盖(?![^，。；,;\d]{0,8}?\d+(?:\.\d+)?\s*%)|全面覆盖|全部覆盖|全域覆盖|(?<=[各有])[村社区乡镇街道()（）]{1,8}(?:基本|全面)普及|(?<=化)有效覆盖|(?:覆盖|辐射)(?:到)?(?:[\u4e00-\u9fa5]{1,5}?(?:区|县|市))?所有的?[\u4e00-\u9fa5]{0,4}(?:社区|村|乡镇|街道|镇))")
ONE_EACH = re.compile(
    r"一(?P<unit>县|区|市|乡镇|镇|街道|乡|村|社区)(?:[（(][\u4e00-\u9fa5]{1,4}[)）])?"
    r"一(?P<thing>中心|站点|站|室|社工站|服务站|阵地|社工(?!站)|社会工作者)")  # 一社区一社工: each has a social worker
BUILT_SHARE = re.compile(r"(?:完成|建成|实现)\s*(?P<num>\d+(?:\.\d+)?)\s*%\s*(?:的)?(?P<what>[\u4e00-\u9fa5（）()]{2,16}?)(?:建设|建成|覆盖)"
                         r"|实现\s*(?P<num2>\d+(?:\.\d+)?)\s*%\s*的覆盖率")  # ("…城镇居民实现50%的覆盖率")
# "社区日间照料服务覆盖100%的城市社区和50%的农村社区": a share of a kind of place covered (100 % is coverage).
COVERS_SHARE = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*%\s*(?:以上)?(?:的?\s*(?P<place>城市社区|城镇社区|农村社区|行政村|建制村|城乡社区|社区|"
                          # "覆盖…90%以上乡镇和60%以上村", "覆盖全市50%以上的农村": the villages
                          r"村|农村(?!社区))"
                          # "服务站点覆盖全市60%以上镇(街道)": a share of the towns
                          r"|的?\s*(?P<town>乡镇[（(]街道[)）]|镇[（(]街道?[)）]|乡镇|街道))")
COVERS = re.compile(r"覆盖|惠及")
# "到2020年实现基本殡葬公共服务覆盖全体城乡居民", "山西将实行覆盖全体老年人的高龄津贴政策": a service or benefit for every
# resident (or every older person) of the county or province, coverage at 'county'.
COVERS_EVERYONE = re.compile(r"覆盖全体(?:城乡|城镇|农村)?(?:居民|老年人|老人|人口)")
VILLAGE_RATE = re.compile(r"村级[\u4e00-\u9fa5]{0,12}?(?:覆盖率|建成率|覆盖面)")
# "每个社区都要有便捷的体育健身设施", "每个行政村都有……设施": every place of a kind has it.
EVERY_HAS = re.compile(r"每(?:个)?\s*(?P<place>城市社区|城镇社区|农村社区|行政村|城乡社区|社区|村)\s*(?:都|均)\s*(?:要|应|须)?\s*"
                       r"(?:有|建有|设有|配有)")
# "到年底,全市每个社区都将拥有一个社区居家养老服务中心(站)": every place of a tier has one (coverage, no count)
EVERY_ONE_HAS = re.compile(r"(?P<done>实现|做到)?每(?:一)?个(?P<place>城市社区|城镇社区|农村社区|城乡社区|行政村|社区|村|乡镇|街道|镇街|镇)"
                           # ("基本实现每个社区具有一处社区养老服务站(点)": 实现 says it of every one, with no 都)
                           r"\s*(?(done)(?:都|均)?|(?:都|均))\s*"
                           r"(?:将|要|应|能)?\s*(?:拥有|建有|设有|具有|有)\s*(?:一|1)\s*(?:个|所|处|家|座)")
ALL_OF_TIER = re.compile(r"(?<![每各])(?P<all>所有的?)?(?P<place>村[（(]社区[)）]|城市社区|城镇社区|农村社区|城乡社区|行政村|村委会|社区|村"
                         # "所有县(市、区)都建有公益性骨灰埋葬(放)设施": the counties' (a county's own)
                         r"|(?<=所有)县[（(]市、?区[)）]|(?<=所有)县[（(]区[)）]|(?<=所有)县区"
                         # "所有乡镇都建有立体式公益性骨灰安放设施": the towns'
                         r"|(?<=所有)(?:乡镇[（(]街道[)）]|乡镇|街道|镇街))"
                         # ("年内所有城镇社区建立社区志愿服务工作站": after 所有 the 都 may go unsaid)
                         r"\s*(?:将|要|应)?\s*(?(all)(?:都|均|全部)?|(?:都|均|全部))\s*(?:将|要|应)?\s*"
                         # "全省农村社区将全部建成面积达标、功能完善、运转正常的社区服务中心"
                         r"(?:(?:建立|建有|设立|成立|建成)(?P<thing>[\u4e00-\u9fa5()（）]{2,12}?(?:站|中心|室|点|组织|队伍|基金|设施)"
                         r"|(?:[\u4e00-\u9fa5]{2,6}、){1,4}[\u4e00-\u9fa5]{2,8}?的[\u4e00-\u9fa5]{2,8}?(?:站|中心))"
                         # "行政村全部达到新时代美丽乡村创建标准"
                         r"|达到[\u4e00-\u9fa5]{2,14}?标准"
                         # "全县所有的村都要覆盖": every place of the tier covered
                         r"|(?:实现|被)?覆盖(?=[”\"’']?[，,。；;]|$))")
ALL_ACHIEVE = re.compile(r"(?:全面|全部)实现(?P<place>城市社区|城镇社区|农村社区|城乡社区|行政村|社区|村)[\u4e00-\u9fa5]{2,8}(?=[，,。；;]|$)")
ALL_IN_POST = re.compile(r"(?:社工|工作人员|人员)全部(?:上岗|到岗|配齐)")
STATION_WORDS = re.compile(r"社工站|社会工作服务站|社会工作站|站点")
# A social-work station by name: "精神障碍社区康复站点" and "志愿服务站点" are stations of other kinds.
SOCIAL_WORK_STATION = re.compile(r"社工站|社会工作服务站|社会工作站|社工服务站|社会工作服务(?:站)?点|社工服务点|社工站点")
STATION_SERVICE = re.compile(r"社工服务|社会工作服务")  # 乡镇(街道)社工服务全覆盖: the town stations' service
# "每站配备不少于2名社工，其中持证人员占比不低于60%": a sentence about each station.
# A station of another kind than social work's (志愿服务站, 养老服务站, 康复站): its standards are its place's.
OTHER_STATION = re.compile(r"(?:志愿服务|志愿者|养老服务|为老服务|康复|救助|儿童|未成年人保护)[\u4e00-\u9fa5]{0,3}?站")
ABOUT_STATION = re.compile(r"每(?:个)?(?:站|站点|社工站|社会工作服务站)|驻站|站内|各站")
# Which tier of station a document is about when a sentence says only "每站": the tier it names most.
STATION_TIER_WORDS = (
    ("station_town",
     re.compile(r"(?:乡镇|街道|镇街|镇\(街\)|办区)[（(]?[\u4e00-\u9fa5]{0,3}[)）]?(?:社工站|社会工作服务站|社会工作站)")),
    ("station_community", re.compile(r"(?:村|社区)[（(]?[\u4e00-\u9fa5]{0,3}[)）]?(?:社工室|社会工作室|社工站)")),
    ("station_county_hub", re.compile(r"(?:县|区|市)级?社会工作(?:服务)?(?:总站|指导中心)")),
)
TOWN_WORDS = re.compile(r"乡镇|镇|街道|办区|镇\(街\)")
# Status: what a text reports as done is no target ("截至目前，全疆1056个乡镇(街道)均建立了社工站").
STATUS = re.compile(r"标志着|据(?:不完全)?统计|近(?:几)?年来|多年来|过去(?:的)?一年|(?:^|(?<=[，,。“:：]))\s*(?:我|全)[省市县区旗州]共(?:建设|建成|有|保障|培育|登记|创建)|(?:报告|数据|调查|统计)[\u4e00-\u9fa5]{0,6}显示|不到\s*\S{1,2}\s*年(?:的)?时间|已\s*$|截[至止]目前|截[至止]\s*\d{1,2}\s*月|目前|(?:^|(?<=[，,。；;]))\s*至此|现已|已经|已[建完实达有开均设配新]|均已|完成情况|以来|(?<!标准)分别为|“十三五”时期|十三五期间|(?<![将要])(?:落成|竣工)(?!后)|(?:^|(?<=[，,。:：]))[\u4e00-\u9fa5]{0,8}?(?<![按照以在据])现有(?=[\u4e00-\u9fa5]{2,12}\d)")
# "全省共建成居家社区养老服务中心1.8万个", "全省共保障城乡低保对象64.6万人": the total so far, told at a meeting —
# unless a word of the future comes before it ("到2025年,全省共建成…").
TOTAL_SO_FAR = re.compile(r"\s*(?:我|全)[省市县区旗州]共")
# ("我县今年新建10个社区养老服务站": a count the speaking county builds this year, told with no 了, is its plan; not
# "…的基础上,今年新增设…174个" in a report of recent years)
FUTURE = re.compile(r"预计|力争|(?<!即)将|计划(?!”)|[拟擬](?:新建|新增|建设|建設|投入|安排|实施|實施|改造|打造)|争取(?![^，。；,;]{0,8}?(?:资金|补助|公益金|经费))|确保|(?<![重必])要(?!求|素)|(?<!达)到\s*\d{4}\s*年|(?<![\d一二两三四五六七八九十])年内(?!蒙古)|年底前|下一步|用\s*\S{1,2}\s*年(?:左右)?(?:的)?时间"
                    r"|(?<![\u4e00-\u9fa5])(?:我|全)(?:县|区|市|省)今年(?:新建|新增)(?![^，。；,;]{0,24}?了)")
# "2019年12月，全省1940个乡镇(街道)社工站全覆盖": a sentence opening on a month of a year tells an event.
THIS_YEAR_MONTH_EVENT = re.compile(r"^[\s\u3000]*今年\s*(?P<month>\d{1,2})\s*月(?:份|\s*\d{1,2}\s*日)?\s*[,，]")
DATED_EVENT = re.compile(r"^[\s\u3000]*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[,，]")

COMPARATORS = {
    "不少于": GTE, "不低于": GTE, "不小于": GTE, "至少": GTE, "最少": GTE, "达到": GTE, "达": GTE, "≥": GTE,
    ">=": GTE, "大于等于": GTE, "为": GTE, "占": GTE, "约": GTE, "(": GTE, "（": GTE, "超过": GT, "超": GT, "高于": GT, "多于": GT, "大于": GT,
    "不超过": LTE, "不高于": LTE, "不多于": LTE, "不大于": LTE, "≤": LTE, "<=": LTE, "低于": LTE, "少于": LTE,
}
SUFFIX_COMPARATORS = {"以上": GTE, "及以上": GTE, "以下": LTE, "及以下": LTE, "以内": LTE, "封顶": LTE}
UNIT_ALIASES = {"平米": "平方米", "方米": "平方米", "㎡": "平方米", "学时": "课时"}

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _plain_figure(value: Decimal) -> Decimal:
    """A figure as the key writes it: 1500 (not 1.5E+3, not 1500.00), 0.5 (not 0.50)."""
    return value.normalize() if value % 1 else value.quantize(1)


def chinese_number(text: str) -> int | None:
    """一 → 1, 十五 → 15, 二十 → 20, 一百二十 → 120; None if ``text`` is not a plain Chinese numeral."""
    total, digit = 0, None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    value = chinese_number(text)
    return None if value is None else Decimal(value)


# ---------------------------------------------------------------------------------------------------------
# Places (levels), named regions, deadlines
# ---------------------------------------------------------------------------------------------------------

LEVEL_CUES = re.compile(
    r"(?P<county>县级|总站|全县|县民政局|县财政|县|(?<=[每各个])区(?![域级内]))"
    r"|(?P<urban>社区居委会|居委会|城镇社区|城市社区|城市(?=每个?社区))"
    r"|(?P<rural>农村社区|(?<![、和与及])乡镇社区(?!服务中心)|行政村|(?<=[每各个])村(?![民委级]|[（(](?:居|社区)[)）]))"
    r"|(?P<community>城乡社区|社区|(?<=[每各个])村[（(](?:居|社区)[)）])"
    r"|(?P<town>镇街|街乡|镇\(街\)|镇（街）|街道|乡镇|(?<!城)镇|城镇(?!\s*(?:达|为|地区|[和、及与]\s*农村|$)))"
    # 街乡: 北京's streets and townships; "入学率城镇达到92%以上、农村地区达到85%以上": 城镇 the urban areas, no tier
)
# "80%以上城市社区实现…", "60%的乡镇建成…": a share whose noun is a kind of place is that place's target.
SHARE_OF_PLACES = re.compile(r"\s*(?:以上|及以上|左右)?\s*的?\s*(?:(?P<urban>城镇社区|城市社区)|(?P<rural>农村社区|行政村|建制村|农村(?=具备|建有|建成|建立|实现|达到|设有|拥有))"
                             r"|(?P<community>城乡社区|社区)|(?P<town>乡镇（街道）|乡镇\(街道\)|镇街|(?:城市|农村)?街道|乡镇))")
GOAL_SHARE_OF_PLACES = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*%\s*(?:以上|左右)?的?(?:城市|农村)?(?:社区|街道|乡镇|镇街|行政村|建制村)"
                                  r"[^，。；,;\d]{0,4}?(?:要|将|应|须)?(?:建有|建成|设有|实现|配备|开展|建立|设立|拥有|具备)")
# "在全市100%街道、80%的城市社区、50%的乡镇开展精神障碍社区康复服务": the shares listed before the last, which
# GOAL_SHARE_OF_PLACES reads, are each their places' goal too.
_SHARE_PLACE = r"\d+(?:\.\d+)?\s*%\s*(?:以上|左右)?的?(?:城市|农村)?(?:社区|街道|乡镇|镇街|行政村|建制村)"
GOAL_SHARES_LISTED = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*%\s*(?:以上|左右)?的?(?:城市|农村)?(?:社区|街道|乡镇|镇街|行政村|建制村)"
                                r"(?=\s*、(?:\s*" + _SHARE_PLACE + r"\s*、)*\s*" + _SHARE_PLACE +
                                r"[^，。；,;\d]{0,4}?(?:要|将|应|须)?(?:建有|建成|设有|实现|配备|开展|建立|设立|拥有|具备))")
TIER_IN_FACILITY_NAME = re.compile(r"(?:乡镇|街道|社区|村)[\u4e00-\u9fa5]{0,8}?(?:敬老院|福利院|幸福院|中心|食堂|服务站|服务设施|服务场所)")
# A residential quarter of the planning standards (居住区, 居住(小)区): the town's urban fabric, whose facility standards
# are the urban community's (a 住宅小区's 每户0.3平方米, 便民服务, stays the community's, as its key has it).
RESIDENTIAL_AREA = re.compile(r"居住[（(]?小?[)）]?区")
VILLAGE_FACILITY_RATE = re.compile(r"农村(?:互助)?幸福院[\u4e00-\u9fa5]{0,4}?(?:覆盖率|建成率|(?:实现)?(?:基本|全面?)覆盖)")
# A clause opening on the countryside covered (农村覆盖面积, 农村覆盖率; not 农村养老服务设施覆盖率, whose denominator is
# not named).
COUNTRYSIDE_COVERED = re.compile(r"[\s\u3000]*农村覆盖(?:面积|面|率)")
URBAN_AREA = re.compile(r"(?:^|(?<=[，,；;。]))\s*(?:全市|全县|全区)?\s*(?:城区|市区|城市)(?![\u4e00-\u9fa5]{0,2}(?:和|及|与|、)(?:农村|乡村))")
# Nouns that carry a place word without placing the requirement there ("从社区专职工作人员中配备驻站…").
LEVEL_MASKS = re.compile(r"城镇常住人口|城镇人口|城镇居民|城镇职工|社区专职工作人员|社区\(村\)“两委”|社区（村）“两委”|乡村振兴|社区康复服务|社区[\u4e00-\u9fa5]{0,6}?组织")
STATION_LEVELS = {COUNTY: HUB, TOWN: TOWN_STATION, URBAN: ROOM, RURAL: ROOM, COMMUNITY: ROOM}
# Where an indicator applies when the text names no place ("每个社区社会组织不得少于8个": 社区 is part of the noun).
DEFAULT_LEVELS = {
    "orgs_per_community": COMMUNITY, "orgs_service_share": COMMUNITY, "orgs_registered": COMMUNITY,
    "orgs_filed": COMMUNITY, "certified_share": COMMUNITY, "professional_projects": COMMUNITY,
    "micro_venture_projects": COMMUNITY, "volunteer_registration_rate": COMMUNITY, "volunteer_activities": COMMUNITY,
    "volunteer_participation_rate": COMMUNITY, "agencies_cultivated": TOWN, "agency_training_hours": COUNTY,
    "town_stations_built": COUNTY, "town_station_built_share": COUNTY, "town_station_coverage": TOWN,
}

# (not the tier words after a verb: "力争乡镇(街道)…覆盖率", "推动镇街…")
NAMED_REGION = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2}(?:街道|镇(?!街)|乡(?![镇村])))")
# (实现: "实现乡镇(街道)、村(居)…全覆盖" names no town "实现乡")
NOT_A_NAME = set("的各每其该本所试城乡镇街个和及与在为对全县市区村社工站心务中作点这此等省两一到前后年以上下实现")

# "新建街道级综合养老服务中心…": a verb before the tier word, not a place's name (建设街道 is a name: not listed)
VERBS_BEFORE_A_TIER = frozenset({"新建", "改建", "扩建", "新增", "覆盖", "推进", "建好", "办好"})
_YMD = r"(?P<year>\d{4})\s*年(?:\s*(?P<month>\d{1,2})\s*月)?(?:\s*(?P<day>\d{1,2})\s*日)?"
DEADLINES = (
    re.compile(r"(?:到|截至|截止到?|力争到|预计(?=\s*\d{4}\s*年\s*(?:底|末))|(?<=当前)至|(?<=今后)至|(?<=今年)至|(?:^|(?<=[，,；;：:]))\s*至)\s*" + _YMD + r"\s*(?P<end>底|末)?\s*(?:前|之前|以前)?"),
    re.compile(_YMD + r"\s*(?:年)?(?P<end>底|末)?\s*(?:前|之前|以前)"),  # 在2025年年底前
    re.compile(_YMD + r"\s*(?:后|以后)(?=\s*[，,])"),  # "方案还提出,2025年后,武汉全市…将达到4.5个"
    # "将在2013年内支持…建设3.33万所幸福院": within that year (not "2017年内蒙古出台了…")
    re.compile(r"(?P<year>\d{4})\s*年(?:度)?内(?!蒙古)"),
    re.compile(r"用\s*(?P<year>\d{4})\s*年\s*(?:一年|全年|一整年)(?:的)?时间"),  # "用2025年一年时间,完善…": that year
)
# "力争2至3年内城市社区实现…全覆盖", "用两年时间": a span with no start or end year, whose goal takes no date from
# the sentence before it (今年荆州区将建成…).
UNDATED_SPAN = re.compile(r"(?<![\d\s])(?:\d|[一二两三四五六七八九十])\s*(?:[至到~～\-—]\s*(?:\d|[一二两三四五六七八九十])\s*)?年"
                          r"(?:内|时间|左右)")  # (not "2013年内": that year's, not a span of 3 years)
THIS_YEAR = re.compile(r"(?<![\d一二两三四五六七八九十])年内(?!蒙古)|当年内|本年度内|(?<!\d年)(?<!明年)年底(?:前|将)|今年(?!以来)|(?<=完成)全年"
                       r"|(?<=确保|力争|争取)年底"  # ("确保年底每千名老人拥有30张养老床位": this year's end)
                       r"|(?<=[到至])年底(?=\s*[,，])")  # ("力争到年底,全市…覆盖率不少于60%,到2022年底,…": this year's)
# "10月底全县16个镇将…", "今年10月底前,晋江将建成456个…": a month's end with no year, in the year the document is issued
MONTH_THIS_YEAR = re.compile(r"(?:(?<=今年)|(?<=本年)|(?<![\d年]))(?<![\d]\s)(?P<month>1[0-2]|[1-9])\s*月(?:份)?\s*(?:底|末)\s*(?:前|之前|以前)?")
NEXT_YEAR = re.compile(r"明年(?:年底|底|年内)?(?:前|之前)?")  # 完成全年…任务: this year's
# "全省社会工作专业人才总量2015年达到3.5万人,2020年达到10万人": the year right before 达到 dates its own figure
GOAL_YEAR = re.compile(r"(?P<year>\d{4})\s*年(?![度以])[^，。；,;\d]{0,6}?(?:将|要|实现|完成|建成|基本|全面|全部|达到)")
# "…总量2015年达到3.5万人,2020年达到10万人" (the text passed ends where the figure's 达到 begins): a year written
# straight before the figure's words is its own date, nearer than any other.
YEAR_AT_FIGURE = re.compile(r"(?P<year>\d{4})\s*年(?:底|末)?\s*$")
# "此外,2020年,济南将推进…", "2021年改造提升敬老院不少于18处": a year that opens its clause (no 到/前, no verb yet)
# is the clause's own date; what is past is left out as status before any deadline is asked for.
CLAUSE_YEAR = re.compile(r"(?:^|(?<=[，,；;：:。“「])|(?<=[^\d(（][)）])|(?<=[^\d年]、))\s*(?:(?:其中|确保|力争|争取)\s*)?(?P<year>\d{4})\s*年"
                         r"(?![度以内初中底末上下前后起来的])")  # (其中2019年,…: the first year of a span's goals)
# "2023年底,50%以上的县(市)区…开展…;2024年底,65%以上…": a year's end that opens its clause, with no 到/前, dates it
CLAUSE_YEAR_END = re.compile(r"(?:^|(?<=[，,；;：:。“「]))\s*(?P<year>\d{4})\s*年(?:底|末)\s*(?=[,，])")
# "2024年度,全市将新建颐养社区37个": a year's works named by its 年度 (not "每年度", not a 年度计划 named on)
CLAUSE_YEAR_OF = re.compile(r"(?:^|(?<=[，,；;：:。“「]))\s*(?P<year>\d{4})\s*年度(?=\s*[,，])")
# ("从2013年至2020年,我省每年选派50名…": a span with its start year written out)
PLAN_PERIOD = re.compile(r"(?P<start>\d{4})\s*(?:年\s*)?[-－—~至到]\s*(?P<year>\d{4})\s*年")
PLAN_END = re.compile(r"[“『「]?(?P<plan>十一五|十二五|十三五|十四五|十五五)[”』」]?\s*(?:末|期末|时期末|的?收官之年|的?最后一年)")
PLAN_END_YEARS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
# "确保用3年时间，完成……": the span runs from the year the document is issued.
YEARS_SPAN = re.compile(r"用\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*年(?:左右)?(?:的)?时间"
                        # "《实施方案》提出,未来三年计划完成5万户…": the next years, counted the same way
                        r"|未来\s*(?P<ahead>[2-5]|[两二三四五])\s*年(?!内|间|来)"
                        # "吉林将在两年内建设668所…" (2006): the years from the document's, counted the same way
                        r"|(?<![近前业来\d])(?:在|今后|力争|争取)\s*(?P<within>[2-5]|[两二三四五])\s*年内")
# The year a span of years is counted from when the sentence names it: "自2013年起", "从2011年开始".
SPAN_FROM = re.compile(r"(?:自|从)\s*(?P<year>\d{4})\s*年(?:起|开始)")
# A plan's own period, from its title: 《…规划(2011-2020年)》, 《…“十四五”…规划》; its figures with no year of their own
# fall due at its end.
STATUS_LEAD = re.compile(r"^[\s\u3000]*(?:目前|截[至止]目前|现已|当前)\s*[,，]")
# "(3月16日,记者…获悉,)2025年全市共新增持证社工4439人" in a report of 2026: a count of a year gone by.
PAST_YEAR_COUNT = re.compile(r"(?P<year>\d{4})\s*年(?:全年|度)?\s*(?:全[市县区省州]|共|累计)"
                             # "2018年重庆全年新增社区养老服务站200个" told in 2019
                             r"|(?P<year2>\d{4})\s*年[\u4e00-\u9fa5]{0,6}?全年(?:新增|新建|建成|完成|共)")
# (after a reporter's or speaker's lead: "吉林省民政厅厅长肖模文介绍,2023年,…", "记者从…民政厅获悉,2024年,宁夏…")
PAST_LEAD = re.compile(r"^[\s\u3000]*(?:(?:[^\n，,。；;]{2,40}?(?:介绍|表示|指出|获悉|了解到)|据了解|据悉|据介绍)\s*[,，:：]\s*)?"
                       # ("2012年至2014年,太原市大力发展…,城市建成115个" told in 2015: a span gone by)
                       r"(?:\d{4}\s*年?\s*(?:[至到~～\-－—]|——)\s*)?(?P<year>\d{4})\s*年\s*(?:以来|间|期间)?\s*[,，]")
PAST_LEAD_WORD = re.compile(r"^[\s\u3000]*(?:(?:[^\n，,。；;]{2,40}?(?:介绍|表示|指出|获悉|了解到)|据了解|据悉|据介绍)\s*[,，:：]\s*)?"
                            r"(?:(?:到|截至|截止)?去年(?:年?底|年?末)?|过去(?:的)?一年|上一?年|“十[一二三四]五”(?:时期|期间|以来))"
                            r"\s*(?:以来|来)?\s*[,，]")  # (到去年底,…我省拥有社会养老床位56.1万张: told)
KEEP_UP = re.compile(r"持续|保持|巩固|继续")  # 持续巩固…覆盖率100%: kept up, no date
PLAN_TITLE = re.compile(r"(?:规划|计划|方案|纲要)\s*[(（]\s*\d{4}\s*年?\s*(?:[-－—~至到]|——)\s*(?P<year>\d{4})\s*年?\s*[)）]"
                        r"|“?(?P<plan>十三五|十四五|十五五)”?[^。\n《》]{0,30}?规划")
# "规划期限:2020年至2035年", "规划期限为2026—2035年": a plan that states its term ends then, as one whose title does.
PLAN_TERM = re.compile(r"规划期限[\s\u3000]*[:：]?[\s\u3000]*(?:为|是)?\s*\d{4}\s*年?\s*[-－—~～至到]\s*(?P<year>\d{4})\s*年"
                       r"(?P<plan>)")
# News of a plan's release ("自治区民政厅于近日制定了《广西壮族自治区殡葬事业发展规划(2014~2020年)》"): its figures fall due at
# the plan's end, as a plan's own do.
# ("《广西壮族自治区殡葬事业发展规划(2018——2022年)》(以下简称《规划》)已于近日印发": the verb after it)
PLAN_RELEASED = re.compile(r"(?:(?:制定|印发|出台|发布|公布)(?:了)?(?=《)|(?=《[^》]{2,60}》[^。\n]{0,20}?(?:印发|出台|发布|公布)))"
                           r"《[^》]{2,40}?(?:规划|纲要|行动计划|方案)\s*[(（]\s*\d{4}\s*年?\s*"
                           r"(?:[-－—~～至到]|——)\s*(?P<year>\d{4})\s*年?\s*[)）]》(?P<plan>)")
# A year's task list (为民实事, 民生实事, 重点任务, 工作要点…): its figures carry no date, the year of its title is
# their deadline, and every sentence of it is a goal.
YEAR_PLAN = re.compile(r"(?<!过去的)(?<!过去)(?P<year>\d{4})\s*年度?[^\n，。；]{0,16}?(?:为民实事|为民办实事|民生实事|政府实事|重点任务|工作要点|民生工程实施方案|"
                       r"重点工作|重点项目|工作安排|工作计划|(?:\d+|[一二三四五六七八九十]+)件(?:为民|民生)?实事)")  # 要为民办好这10件实事
MONTH_PLAN = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月份?\s*(?:重点工作|工作计划|工作安排|工作要点)")
YEAR_WORKS = re.compile(r"民生工程预告|民生办")  # 安徽's yearly 民生工程, announced item by item by its 民生办
OPEN_DEADLINE = re.compile(r"(?:到|至)试点(?:完成|结束|期满)[时前]?|试点期满|试点结束前")
# (a mean yearly growth set as a goal, 数量年均增长15%以上, is a rate to reach over the plan, not a figure every year)
ANNUALLY = re.compile(r"每年|(?<!\d)(?<!\d\s)年度|每一年|年均(?!增长|递增|增速)|(?<!完成)全年")

# ---------------------------------------------------------------------------------------------------------
# Document structure
# ---------------------------------------------------------------------------------------------------------

L1 = re.compile(r"^[\s\u3000]*(?P<n>[一二三四五六七八九十]{1,3})[\s\u3000]*、[\s\u3000]*(?P<rest>.*)$")
L2 = re.compile(r"^[\s\u3000]*[（(][\s\u3000]*(?P<n>[一二三四五六七八九十]{1,3})[\s\u3000]*[)）][\s\u3000]*(?P<rest>.*)$")
L3 = re.compile(r"^[\s\u3000]*(?P<n>\d{1,2})[\s\u3000]*[.．、](?!\d)[\s\u3000]*(?P<rest>.*)$")
L2_DIGIT = re.compile(r"^[\s\u3000]*[（(](?P<n>\d{1,2})[)）][\s\u3000]*(?P<rest>[^\s\u3000\d。；;，,：:][^。；;，,：:]{1,19})$")
# "6加强社会工作人才队伍建设。…": an item numbered with no separator, its number straight before a verb of its title
L3_BARE = re.compile(r"^[\s\u3000]*(?P<n>\d{1,2})(?=(?:加强|推进|推动|完善|健全|建立|建设|实施|开展|提升|提高|促进|发展|深化|强化|加快|"
                     r"培育|落实|做好|创新|优化|扩大|规范)[\u4e00-\u9fa5]{2,30}[。:：]?)(?P<rest>.*)$")
# A table copied with "|" between its cells, its first column headed 序号: a row that opens on its number ("1 | 为全县…", or "15 |" alone when the
# table is copied one cell a line) is a numbered item, as "1." is.
TABLE_NUMBER_HEADER = re.compile(r"^[\s\u3000|]*序号[\s\u3000]*\|")
TABLE_ROW = re.compile(r"^[\s\u3000]*(?P<n>\d{1,2})[\s\u3000]*\|[\s\u3000]*(?P<rest>.*)$")
# A year's list numbered 01, 02, 03 (长宁区政府实事项目: "03 新建社区综合为老服务中心2家,…"): the item number written
# with a leading zero and a space is the clause ("3"), as "3." is.
L3_PADDED = re.compile(r"^[\s\u3000]*0(?P<n>[1-9])[\s\u3000]+(?P<rest>[\u4e00-\u9fa5].*)$")
# A list item whose number stands on a line of its own ("1" then the item's lines: 长宁区 2024年为民办实事项目):
# the lines under it are that item, until the next number.
L1_SHI = re.compile(r"^[\s\u3000]*(?P<n>[一二三四五六七八九十]{1,2})是(?![否不])(?P<rest>.*)$")
L3_ALONE = re.compile(r"^[\s\u3000]*(?P<n>[1-9]\d?)[\s\u3000]*(?P<rest>)$")
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
SEGMENT_BOUNDARY = re.compile(r"[，,；;。：:]")
IMAGE = re.compile(r"\s*\[image:[^\]]*\]\s*\"?\s*")
PERCENT_CONTEXT = re.compile(r"率|比例|比率|占比|百分")
GARBLED_INDENT = re.compile(r"(?m)^[?？]{2,}(?=\S)")
FULLWIDTH = str.maketrans("０１２３４５６７８９％．＞＜＝", "0123456789%.><=")

TITLE_IN_BRACKETS = re.compile(r"印发《(?P<title>[^》]+)》")
TITLE_LINE = re.compile(r"^[\s\u3000]*(?P<title>\S*关于\S*(?:方案|意见|办法|规划|通知))[\s\u3000]*$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,8}〔\d{4}〕\d+号")
ISSUE_DATE = re.compile(r"^[\s\u3000]*(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日[\s\u3000]*$")
# The 成文日期 of an older notice, in Chinese numerals and closing the text even where a copy ran it into the last line
# ("…新标准自文件下发之日起执行。 二〇一〇年九月三十日").
ISSUE_DATE_HAN = re.compile(r"(?:^|[\s\u3000。])(?P<year>[〇零一二三四五六七八九]{4})年(?P<month>十[一二]?|[一二三四五六七八九])月"
                            r"(?P<day>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])日[\s\u3000]*$")


@dataclass
class DraftTarget:
    """One requirement found in the text, as the parser guesses it (every field may be corrected)."""

    clause: str  # "三.一.1": the 一、/（一）/1. numbering of the item it stands in ("" before the first)
    quote: str  # the sentence it comes from
    indicator: str  # a registry code, or "" when no indicator's words are near
    level: str  # a level code, or "" when no place word says where
    comparator: str
    threshold: Decimal | None  # None for PRESENT
    unit: str
    period: str = ONGOING
    deadline: date | None = None
    regions: list[str] = field(default_factory=list)  # named regions ("首善街道")
    parameters: dict = field(default_factory=dict)  # {"rooms": [...]}, {"community_kind": "urban"}
    note: str = ""
    matched: str = ""  # the words that set it ("不少于3人")
    measure: str = ""  # what it measures, in the document's words ("城乡社区综合服务设施覆盖率"), for a reported target

    def key(self):
        return (self.clause, self.indicator, self.level, tuple(self.regions), self.comparator, self.threshold,
                self.unit)

    def describe(self) -> str:
        sign = COMPARATOR_SIGNS.get(self.comparator, self.comparator)
        figure = sign if self.threshold is None else f"{sign} {self.threshold.normalize():f} {self.unit}"
        where = "、".join(self.regions) or self.level or "?"
        when = f" 至{self.deadline.isoformat()}" if self.deadline else (" 每年" if self.period == ANNUAL else "")
        return f"§{self.clause or '—'} {self.indicator or '?'} [{where}] {figure}{when}"


@dataclass
class DraftPhase:
    """A stage of the programme with its dates: "（一）试点阶段（2022年10月至2023年6月）"."""

    clause: str
    name: str
    start: date | None
    end: date | None


@dataclass
class DocumentDraft:
    title: str
    number: str  # 文号, e.g. 淮府办〔2020〕8号
    issued_on: date | None
    targets: list[DraftTarget]
    phases: list[DraftPhase] = field(default_factory=list)


@dataclass
class _Sentence:
    clause: str
    text: str
    previous: list[str]  # the earlier sentences of the same numbered item, nearest last
    headings: list[str]  # the titles of the enclosing items, innermost last
    paragraph: list[str] = field(default_factory=list)  # the earlier sentences of the same paragraph
    lead: str = ""  # a headline standing alone above a list ("——到2020年底前要实现的数字型目标")


PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}\)")
HAN = re.compile(r"[\u4e00-\u9fff]")


_CONVERTERS = threading.local()


def _t2s():
    """One OpenCC converter per thread: building one loads its dictionaries (about 2.4 ms), and when each call
    built its own, drafting the corpus took 67 s instead of 8 s; a thread of its own keeps a converter out of
    another request's way."""
    converter = getattr(_CONVERTERS, "t2s", None)
    if converter is None:
        import opencc

        converter = _CONVERTERS.t2s = opencc.OpenCC("t2s")
    return converter


def simplified(text: str) -> str:
    """A document reposted in traditional characters (隴南市…規劃, 鄉(xiāng)鎮(zhèn)) in simplified ones, its
    pinyin glosses dropped; a simplified text is left as it is (OpenCC would turn 乾 into 干 and the like)."""
    text = PINYIN_GLOSS.sub("", text)
    converted = _t2s().convert(text)
    if len(converted) != len(text):
        return text
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    han = len(HAN.findall(text))
    return converted if han and changed * 50 > han else text


def normalize(text: str) -> str:
    """Line ends, full-width digits, traditional characters and the percent signs a conversion turned into
    images ("40[image: …]")."""
    text = simplified(text.replace("\r\n", "\n").replace("\r", "\n").translate(FULLWIDTH))
    text = GARBLED_INDENT.sub("", text)  # "??一、標準調整": an indent of full-width spaces a copy turned into "??"

    def image(match):
        before = text[max(0, match.start() - 40):match.start()]
        if before[-1:].isdigit() and PERCENT_CONTEXT.search(before):
            return "%"
        return ""

    text = RATIO_BASE.sub(lambda m: RATIO_BASES[m["base"]], VERB_VARIANT.sub("", IMAGE.sub(image, text)))
    text = VERB_VARIANT_INSIDE.sub("新建", text)  # "新(改、扩)建乡镇养老服务中心3个": 新建
    text = HUNDRED_MILLIONS.sub(lambda m: m["num"] + "亿元", text)  # "慈善募捐3个亿": 3亿元
    text = MADE_IN_WORDS.sub(lambda m: str(chinese_number(m["num"])), text)  # "新建两家…食堂": 2家
    text = FRACTION_OF_PLACES.sub(_fraction_percent, text)  # "三分之一以上的行政村": 33.3%以上的行政村
    return HALF_OR_MORE.sub("50%以上", PERCENT_WORDS.sub(lambda m: m["num"] + "%", text))


# "县民政局将在小新街社区、布能社区新建两家老年幸福食堂": a count of things to make written in words (not 一: "建设
# 一个…" names a kind more often than it counts).
MADE_IN_WORDS = re.compile(r"(?<=新建|建设|建成|新增|增加|增设|打造|培育|创建|改造|改建|扩建)\s*"
                           r"(?P<num>[两二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)"
                           r"(?=\s*[家个所处座支])")


# "在樟树市三分之一的乡镇开展乡村著名行动", "至少要确定三分之一以上的行政村": a share of places in words, read as the key
# writes it (33.3 %, one decimal).
FRACTION_OF_PLACES = re.compile(r"(?P<den>[二三四五六七八九十])分之(?P<num>[一二三四五六七八九])(?=\s*(?:以上|左右)?\s*的?\s*"
                                r"(?:城市|农村|城乡)?(?:乡镇|街道|镇街|社区|行政村|建制村|村|县))")


def _fraction_percent(match: re.Match) -> str:
    share = Decimal(chinese_number(match["num"]) * 100) / chinese_number(match["den"])
    if share >= 100:
        return match.group(0)
    return f"{share.quantize(Decimal('0.1')).normalize():f}%"


HUNDRED_MILLIONS = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*个亿(?!元)")
# "全市半数以上的社区达到老年宜居社区标准": half or more, a share of 50 %
HALF_OR_MORE = re.compile(r"半数以上")
# "不应少于百分之30": a percent written in words before its digits
PERCENT_WORDS = re.compile(r"百分之\s*(?P<num>\d+(?:\.\d+)?)(?!\s*%)")


# "平均每1000名老年人20张以上床位", "每100户": a ratio's base in digits is read as the words write it (每千名, 每百户).
RATIO_BASE = re.compile(r"(?<=每)\s*(?P<base>100|1000|10000)\s*(?=名|户|人|位)")
RATIO_BASES = {"100": "百", "1000": "千", "10000": "万"}
# "建成(改扩建)11个…机构": the variant of the verb in brackets says how, not what; the count follows the verb.
VERB_VARIANT = re.compile(r"(?<=建成|新建|建设)\s*[(（](?:改扩建|改建|扩建|新建|改造|新建或改扩建)[)）]")
# "新(改、扩)建", "新(扩)建": the variants written inside the verb.
VERB_VARIANT_INSIDE = re.compile(r"新\s*[(（](?:改|扩|改扩)?[、,，]?(?:改|扩)?[)）]\s*建")
PHASE = re.compile(
    r"^(?P<name>[\u4e00-\u9fa5]{2,10}阶段)[\s\u3000]*[（(](?P<y1>\d{4})年\s*(?P<m1>\d{1,2})月"
    r"(?:\s*(?:至|-|－|—|~|到)\s*(?:(?P<y2>\d{4})年)?\s*(?P<m2>\d{1,2})月)?\s*(?P<open>开始|起|以后)?")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def draft_phases(text: str) -> list[DraftPhase]:
    """The programme's phases: items titled "…阶段（2020年6月-7月）" ("…阶段（2023年7月开始）" is open-ended)."""
    phases = []
    for clause, heading, line in _numbered_lines(normalize(text)):
        if heading and (phase := PHASE.match(line)):
            start = date(int(phase["y1"]), int(phase["m1"]), 1)
            end = None
            if phase["m2"]:
                end = _month_end(int(phase["y2"] or phase["y1"]), int(phase["m2"]))
            elif not phase["open"]:
                end = _month_end(start.year, start.month)
            phases.append(DraftPhase(clause=clause, name=phase["name"], start=start, end=end))
    return phases


# A procurement budget table ("序号 | 分项名称 | 服务内容 | 单位 | 数量 | 单价(元) | 总价(元) | 备注 |"): each row's 总价 is
# money planned ('eq' in 元 at the county, no deadline); a yearly quota per station in its 服务内容 ("每个站每年开展
# 小组服务2个") is the station's ('eq', its unit with no '/年'), a staff total ("6个站共计10名驻站社工") the county's;
# 数量 and 单价 restate the quotas over stations and years and are not read, nor are figures given to named stations
# or an activity's size ("(50人以上)"). A row with neither quota nor total is left to the other rules.
BUDGET_HEADER = re.compile(r"^[\s\u3000|]*序号[\s\u3000]*\|.*(?:服务内容|分项名称).*\|[\s\u3000]*总价")
BUDGET_QUOTA = re.compile(r"每个?站每年(?:开展|组织|提供|完成)?(?P<what>[^，。；,;\d（(]{1,12}?)(?P<num>\d+)\s*(?P<unit>次|个|场)")
BUDGET_STAFF = re.compile(r"共计\s*(?P<num>\d+)\s*(?P<unit>名|人)")


def _budget_table(text: str, station_level: str) -> tuple[str, list["DraftTarget"]]:
    lines = text.split("\n")
    columns: list[str] | None = None
    drafts = []
    for i, (clause, heading, rest) in enumerate(_numbered_lines(text)):
        if BUDGET_HEADER.match(lines[i]):
            columns = [c.strip() for c in lines[i].strip().strip("|").split("|")]
            continue
        if columns is None:
            continue
        if heading is None or heading.re is not TABLE_ROW:
            if lines[i].strip():
                columns = None  # the table ends at the first line that is not a row
            continue
        cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
        row = dict(zip(columns, cells))
        content = next((v for k, v in row.items() if k.startswith("服务内容")), "")
        total = next((v for k, v in row.items() if k.startswith("总价")), "")
        quote = lines[i].strip()
        found = []
        for match in BUDGET_QUOTA.finditer(content):
            found.append(DraftTarget(
                clause=clause, quote=quote, indicator="", level=station_level or TOWN_STATION, comparator=EQ,
                threshold=Decimal(match["num"]), unit=match["unit"], note="采购预算表：每站每年的服务量",
                matched=match.group(0), measure=match["what"].strip()))
        for match in BUDGET_STAFF.finditer(content):
            found.append(DraftTarget(
                clause=clause, quote=quote, indicator="", level=COUNTY, comparator=EQ, threshold=Decimal(match["num"]),
                unit=match["unit"], note="采购预算表：人员总数", matched=match.group(0), measure=content[:match.start()][-12:]))
        if found and re.fullmatch(r"\d+(?:\.\d+)?", total):
            amount = Decimal(total)
            found.append(DraftTarget(
                clause=clause, quote=quote, indicator="", level=COUNTY, comparator=EQ,
                threshold=_plain_figure(amount), unit="元",
                note="采购预算表：总价", matched=total, measure=cells[1] if len(cells) > 1 else ""))
        if found:
            drafts.extend(found)
            lines[i] = ""  # read here; the other rules would take the named stations' figures
    return "\n".join(lines), drafts


# A procurement text's money (采购项目预算:3938249元, 预算金额:19万元, 报固定总价:1,854,000.00元, 购买…服务项目,该项目
# 预计投资190万元): the project's money is 'eq' in 元, a bid ceiling (最高限价) a procurement rule not read; it is one
# station's operating funds when the title buys the service of one named station (石滩镇社工服务站(第一社工服务站)
# 购买服务项目), else the county's; due at the end of the years the title names (2024-2026年度, 2022年…项目), else undated.
PROCUREMENT_TITLE = re.compile(r"采购|竞采|招标|购买[^，。,；;]{0,16}服务项目")
PROCUREMENT_MONEY = re.compile(r"(?:采购项目预算|项目预算金额|预算金额|项目预算|固定总价|预计投资)\s*[:：为]?\s*"
                               r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<wan>万)?\s*元")
PROCUREMENT_SENTENCE = re.compile(r"购买[^，。,；;]{0,24}服务项目")
ONE_STATION_BOUGHT = re.compile(r"(?<!乡)(?:镇|街道|街道办事处)(?:社工服务站|社会工作服务站|社工站|社会工作站)"
                                r"(?:[（(][^)）]{0,12}[)）])?购买服务项目")
PROJECT_YEARS = re.compile(r"\d{4}\s*[-—–至]\s*(?P<last>\d{4})\s*年度|^[\s\u3000]*(?P<year>\d{4})\s*年[^\n]{0,40}?项目")


def _procurement_money(sentence: "_Sentence", titles: str):
    text = sentence.text
    if not (PROCUREMENT_TITLE.search(titles) or PROCUREMENT_SENTENCE.search(text)):
        return
    match = PROCUREMENT_MONEY.search(text)
    if not match:
        return
    amount = Decimal(match["num"].replace(",", "")) * (10000 if match["wan"] else 1)
    one_station = bool(ONE_STATION_BOUGHT.search(titles)) and not re.search(r"乡镇[（(]街道[)）]|镇[（(]街道?[)）]|镇街", titles)
    years = PROJECT_YEARS.search(titles) if PROCUREMENT_TITLE.search(titles) else None
    deadline = date(int(years["last"] or years["year"]), 12, 31) if years else None
    yield DraftTarget(
        clause=sentence.clause, quote=text, indicator="operating_funds" if one_station else "",
        level=TOWN_STATION if one_station else COUNTY, comparator=EQ,
        threshold=_plain_figure(amount), unit="元",
        period=BY_DEADLINE if deadline else ONGOING, deadline=deadline, note="采购项目的金额",
        matched=match.group(0), measure=text[:match.start()][-12:])


# A relief amount set as a multiple of the 低保 standard (临时救助: "每户救助金额原则上为当地月低保标准的2至6倍",
# "原则上不超过当地低保月保障标准 10 倍"): the county's standing rule in '倍' (the base named in the quote), with no
# deadline; a range is 'gte' its lower end, a ceiling (不超过, 不高于, 最高) 'lte'.
# A layout plan's total and its parts ("全县共规划新建公墓18处(县级公墓1处,镇、街道级公墓7处,社区级公墓10处)",
# "共规划公墓55处,其中现状保留1处、现状改造26处、规划新建28处(包含…)"; "全市殡仪馆共12个。其中:" then lines
# "改扩建3个,分别为…", "迁建2个,…"): the total and every part are planned counts ('eq', the county's), dated as the
# total's sentence is (or not at all); a part kept as it is (现状保留) is status.
LAYOUT_UNITS = r"处|个|家|所|座"
LAYOUT_TOTAL = re.compile(r"共\s*(?:规划|布局)(?:新建|建设|布局)?(?P<what>[^，,。；;\d()（）]{0,12}?)(?P<num>\d+)\s*"
                          r"(?P<unit>" + LAYOUT_UNITS + r")")
LAYOUT_PART = re.compile(r"(?:^|(?<=[、,，(（:：]))\s*(?:其中|包含|包括)?\s*(?P<what>[^、,，()（）。；;:：\d]{1,12}?)(?P<num>\d+)\s*"
                         r"(?P<unit>" + LAYOUT_UNITS + r")(?=[、,，()（）;；。]|$)")
LAYOUT_KEPT = re.compile(r"现状保留|保留|现有|已")
LAYOUT_LINE = re.compile(r"^[\s\u3000]*(?P<what>(?:规划)?(?:新建|改扩建|扩建|迁建|改建|异地重建|现状改造|现状保留))\s*(?P<num>\d+)\s*"
                         r"(?P<unit>" + LAYOUT_UNITS + r")(?=[,，;；。]|$)")
LAYOUT_LINE_TOTAL = re.compile(r"共\s*(?P<num>\d+)\s*(?P<unit>" + LAYOUT_UNITS + r")")


# A plan's numbered heading that names a kind of facility and its count, and nothing else ("一、区级殡葬基础设施1个",
# "二、乡镇级公益性公墓9个"): the count the plan sets ('eq', the county's), the places listed under it its parts.
HEADING_COUNT = re.compile(r"^[\s\u3000]*(?P<what>[\u4e00-\u9fa5()（）/、]{2,24}?(?:设施|公墓|墓地|中心|站|院|馆|堂|室|点|所|机构))"
                           r"[\s\u3000]*(?P<num>\d+)[\s\u3000]*(?P<unit>" + LAYOUT_UNITS + r")[\s\u3000]*$")


def _heading_count(sentence: "_Sentence", issued_on, plan_end):
    text = sentence.text
    if not (sentence.headings and sentence.clause and "." not in sentence.clause and text == sentence.headings[-1]):
        return
    if not (match := HEADING_COUNT.match(text)) or NAMED_REGION.search(match["what"]) \
            or re.search(MAKING + r"|规划|计划|已|现有", match["what"]):
        return
    deadline = _deadline(text, issued_on)[0] or plan_end
    yield DraftTarget(
        clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=EQ, threshold=Decimal(match["num"]),
        unit=match["unit"], period=BY_DEADLINE if deadline else ONGOING, deadline=deadline, note="规划条目标题所列数量",
        matched=f"{match['num']}{match['unit']}", measure=match["what"])


POPULATION_GROWS = re.compile(r"人口[\s\u3000]*(?:将|预计|总数|总量|数量|规模)?[\s\u3000]*(?:将|预计)?[\s\u3000]*"
                              r"(?:增长|增加|达到|达|超过|突破|减少)")


SHARE_OF_PLACES_BEFORE = re.compile(r"\d+(?:\.\d+)?\s*%\s*(?:以上|及以上)?的[\u4e00-\u9fa5()（）]{0,12}?"
                                    r"(?:街道|乡镇|镇街|社区|村|行政村)[)）]?\s*(?:都|均)?\s*(?:要|应|须)?\s*(?:有|建有|设有|拥有|建立|建成)?"
                                    r"\s*(?:至少|不少于)?[^，,。；;\d]{0,4}$")


def _condition_of_share(text: str, matched: str) -> bool:
    at = text.find(matched)
    return at >= 0 and bool(SHARE_OF_PLACES_BEFORE.search(re.split(r"[，,。；;]", text[:at])[-1]))


def _population_forecast(text: str, matched: str) -> bool:
    """Whether a count of people is the population's size or growth, said in the figure's clause or the one before."""
    at = text.find(matched)
    if at < 0:
        return False
    head = re.split(r"[。；;!?！？]", text[:at])[-1]
    clauses = re.split(r"[，,]", head)
    return any(POPULATION_GROWS.search(clause) for clause in clauses[-2:])


def _layout_counts(sentence: "_Sentence", issued_on):
    text = sentence.text
    told = bool(STATUS.search(text[:40])) and not FUTURE.search(text)
    parts = []  # (what, num, unit, deadline, total's words)
    for total in () if told else LAYOUT_TOTAL.finditer(text):
        deadline = _deadline(text[:total.start()], issued_on)[0]
        if re.search(r"截[至止]|现有|已", text[max(0, total.start() - 12):total.start()]) \
                or re.search(r"(?:社区|村|乡镇|街道|镇)$", total["what"]):
            continue  # (a count of communities a plan lays out is the places it covers, not facilities)
        head = total.group(0)
        parts.append((total["what"], total["num"], total["unit"], deadline, head, total))
        # the parts run to the clause's end (a comma inside brackets or before 其中 does not end it)
        stop = re.compile(r"[。；;]|[,，](?![^()（）]*[)）])(?!\s*其中)").search(text, total.end())
        tail_end = stop.start() if stop else len(text)
        for part in LAYOUT_PART.finditer(text, total.end(), tail_end):
            if LAYOUT_KEPT.search(part["what"]) or part["unit"] != total["unit"]:
                continue
            parts.append((part["what"], part["num"], part["unit"], deadline, head, part))
    if not parts and (line := LAYOUT_LINE.match(text)) and not LAYOUT_KEPT.search(line["what"]):
        earlier = list(sentence.previous)
        while earlier and LAYOUT_LINE.match(earlier[-1]):
            earlier.pop()
        if len(earlier) >= 2 and re.fullmatch(r"\s*其中\s*[:：]\s*", earlier[-1]) \
                and (total := LAYOUT_LINE_TOTAL.search(earlier[-2])) and total["unit"] == line["unit"]:
            head = earlier[-2].strip()
            parts.append((line["what"], line["num"], line["unit"], _deadline(head, issued_on)[0], head, line))
    for what, num, unit, deadline, head, match in parts:
        yield DraftTarget(
            clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=EQ, threshold=Decimal(num),
            unit=unit, period=BY_DEADLINE if deadline else ONGOING, deadline=deadline,
            note=f"布局规划：{head}" + ("" if match.group(0).startswith("共") else f"之{what.strip()}"),
            matched=match.group(0).strip("、,，(（:： "), measure=what.strip())


MULTIPLE_OF_STANDARD = re.compile(r"[^，。；,;\d]{0,24}?标准的?\s*(?P<lo>\d+(?:\.\d+)?)\s*"
                                  r"(?:[至到\-—~～]\s*(?P<hi>\d+(?:\.\d+)?)\s*)?倍")
CEILING = re.compile(r"不超过|不高于|最高|最多")
RELIEF = re.compile(r"救助|低保|最低生活保障|特困")  # (边缘家庭认定标准按最低生活保障标准的1.5倍确定)


def _multiple_of_standard(sentence: "_Sentence"):
    text = sentence.text
    if not RELIEF.search(text):
        return
    for match in MULTIPLE_OF_STANDARD.finditer(text):
        if CEILING.search(match.group(0)):
            comparator, figure = LTE, match["hi"] or match["lo"]
        else:
            comparator, figure = (GTE if match["hi"] else EQ), match["lo"]
        yield DraftTarget(
            clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=comparator,
            threshold=Decimal(figure).normalize() if "." in figure else Decimal(int(figure)), unit="倍",
            period=ONGOING, deadline=None, note="低保标准的倍数", matched=match.group(0),
            measure=text[:match.start()][-12:])


# The items of a funeral fee waived or paid ("遗体接运费(普通殡葬专用车,市区25公里内接运)200元;…遗体火化费(普通火化设备)190元"):
# each item's amount, 'eq' in 元; the most paid ("最高免费额度为792元") 'lte'.
FUNERAL = re.compile(r"殡|丧|遗体|火化|骨灰")
FUNERAL_FEE = re.compile(r"(?P<what>[\u4e00-\u9fa5]{2,10}?费)\s*(?:[（(][^（()）]{0,40}[)）])?\s*[:：]?\s*(?:为)?\s*"
                      r"(?P<num>\d+(?:\.\d+)?)\s*元(?!\s*/|\s*每|以)")
FUNERAL_FEE_CAP = re.compile(r"最高[\u4e00-\u9fa5]{0,6}?(?:额度|限额|标准)\s*为?\s*(?P<num>\d+(?:\.\d+)?)\s*元(?!\s*/|\s*每)")
# A fee waived or paid by its own measure ("遗体消毒,免除费用标准每具90元", "免除费用标准每公里3 元"): 元 per that
# measure; a ceiling of what is waived ("最高免除480元", "最高免除前三天共240元", "每具最高减免金额为1540元").
FUNERAL_FEE_PER = re.compile(r"(?:标准|费用|收费|补助|补贴)\s*(?:为)?\s*每\s*(?P<per>公里|具|天|次|个|年|例|盒|穴)\s*"
                             r"(?P<num>\d+(?:\.\d+)?)\s*元")
FUNERAL_FEE_MOST = re.compile(r"(?:每(?P<per>具|例|人))?最高(?:免除|减免|补助|补贴)[^，。；,;\d]{0,8}?(?P<num>\d+(?:\.\d+)?)\s*元"
                              r"(?!\s*/)")


# A plan to redraw a county's townships (乡镇行政区划调整改革方案): what it will set up is its target — the townships after
# it and their kinds ("此次区划调整后拟设置乡镇(街道)23个,其中:街道3个,镇17个,少数民族乡3个"), the townships it removes
# and by how much ("本轮…减少乡级政区18个,减幅50%"), and its items' counts ("(一)整建制保留设置的乡镇1个") — each 'eq' the
# county's, with no date (a draft for comment). What is now (现有乡镇34个, 现辖…) and the new townships' sizes (平均幅员
# 面积, 人口, 最多为3.6万人) are not. Only the figures after the plan's own word in a sentence are read.
DIVISION_DOCUMENT = re.compile(r"区划(?:优化)?调整[^。]{0,10}方案")
DIVISION_CUE = re.compile(r"此次|本次|本轮|调整后|拟|保留设置|调整设置")
_DIVISION_PLACE = r"乡镇\s*(?:[(（]街道[)）])?|乡级政区|街道办事处|街道|少数民族乡|民族乡|建制镇|镇|乡|建制村|行政村|村民委员会|社区"
DIVISION_COUNT = re.compile(r"(?:(?<=[\u4e00-\u9fa5:：,，、])(?:" + _DIVISION_PLACE + r")\s*(?P<num>\d+)\s*个"
                            r"|(?P<num2>\d+)\s*个\s*(?:" + _DIVISION_PLACE + r")|减幅\s*(?P<share>\d+(?:\.\d+)?)\s*%)")


def _division_figures(sentence: "_Sentence"):
    cue = DIVISION_CUE.search(sentence.text)
    if not cue:
        return
    for match in DIVISION_COUNT.finditer(sentence.text, cue.start()):
        share = match["share"]
        yield DraftTarget(clause=sentence.clause, quote=sentence.text, indicator="", level=COUNTY, comparator=EQ,
                          threshold=Decimal(share or match["num"] or match["num2"]), unit="%" if share else "个",
                          note="区划调整：调整后的设置", matched=match.group(0), measure="")


# A notice of a project's funds or progress (…提升行动项目资金使用及进展情况公示, …项目开展情况的公示): its goals are what
# the project was to do ("项目目标任务为…建设627张家庭养老床位、提供不低于806人次居家养老上门服务", "绩效目标为…大于等于
# 300张", a section "资金来源及工作目标" then "…完成400户家庭养老床位建设和800人次…", a form's "建设家庭养老床位数:765 张"),
# each the county's with no date; what it paid and did (累计支付, 截至目前…已完成) is the report, not read.
PROJECT_NOTICE = re.compile(r"项目[^\n。]{0,24}?(?:资金|实施|开展|进展|使用|完成)[^\n。]{0,14}?(?:公示|公告)")
PROJECT_GOAL_LEAD = re.compile(r"(?:项目目标任务|目标任务|绩效目标|工作目标|建设目标|项目目标)\s*(?:为|是|[:：])")
PROJECT_GOAL_FIGURE = re.compile(r"(?P<cmp>大于等于|不低于|不少于|≥|达到|超过|大于)?\s*(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*"
                                 r"(?P<unit>张|户|人次|名|人|个|家|所|%)")
PROJECT_FORM_FIELD = re.compile(r"[\u4e00-\u9fa5]{2,14}数\s*[:：]\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>张|户|人次|名|人|个|家|所)")


def _project_goals(sentence: "_Sentence"):
    text = sentence.text
    if PROJECT_STATUS.search(text[:12]):
        return
    lead = PROJECT_GOAL_LEAD.search(text)
    section = sentence.previous and len(sentence.previous[-1]) <= 16 and sentence.previous[-1].rstrip().endswith("目标")
    matches = list(PROJECT_GOAL_FIGURE.finditer(text, lead.end())) if lead else \
        list(PROJECT_GOAL_FIGURE.finditer(text)) if section else list(PROJECT_FORM_FIELD.finditer(text))
    for match in matches:
        comparator = comparator_of(cmp) if (cmp := match.groupdict().get("cmp")) else EQ
        yield DraftTarget(clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=comparator,
                          threshold=Decimal(match["num"]), unit=match["unit"], note="项目公示：项目目标",
                          matched=match.group(0).strip(), measure="")



# The year's targets named as done ("2025年承担4项省级民生实事项目…,截至11月底已完成新建32个颐养社区、新增21个银发助餐点、
# …、开展老年人运用智能技术培训3万人次…目标任务"): each item the list names is a target of that year, 'eq', due at its end.
COMPLETED_TARGETS = re.compile(r"完成(?P<list>[^。；;]{4,200}?)(?:等)?(?:的)?(?:年度)?目标任务")
COMPLETED_ITEM = re.compile(r"(?:新建|新增|建设|建成|开展|改造|培训|打造|创建)[^、，,；;]{0,20}?(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*"
                            r"(?P<wan>万)?\s*(?P<unit>个|家|所|张|户|人次|名|人|处|座)")


def _completed_targets(sentence: "_Sentence", issued_on: date | None, year_end: date | None):
    for match in COMPLETED_TARGETS.finditer(sentence.text):
        named = re.findall(r"(\d{4})\s*年", sentence.text[:match.start()])
        due = date(int(named[-1]), 12, 31) if named else year_end
        if due is None or (issued_on and due.year != issued_on.year):
            continue  # (a year's list of another year than the report's, or of no year known)
        for item in COMPLETED_ITEM.finditer(match["list"]):
            threshold = Decimal(item["num"]) * (10000 if item["wan"] else 1)
            yield DraftTarget(clause=sentence.clause, quote=sentence.text, indicator="", level=COUNTY, comparator=EQ,
                              threshold=_plain_figure(threshold),
                              unit=item["unit"], period=BY_DEADLINE, deadline=due, note="完成的目标任务：该年的目标",
                              matched=item.group(0), measure="")


def _funeral_fees(sentence: "_Sentence"):
    text = sentence.text
    if not FUNERAL.search(text) or not re.search(r"免除|减免|免费|补贴|基本服务", text):
        return
    taken = []
    for pattern, comparator in ((FUNERAL_FEE, EQ), (FUNERAL_FEE_CAP, LTE), (FUNERAL_FEE_PER, EQ), (FUNERAL_FEE_MOST, LTE)):
        for match in pattern.finditer(text):
            if any(s <= match.start("num") < e for s, e in taken):
                continue
            taken.append(match.span("num"))
            per = match.groupdict().get("per")
            yield DraftTarget(
                clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=comparator,
                threshold=Decimal(match["num"]).normalize() if "." in match["num"] else Decimal(int(match["num"])),
                unit=f"元/{per}" if per else "元", period=ONGOING, deadline=None, note="殡葬服务费用",
                matched=match.group(0), measure=match.groupdict().get("what") or "最高额度")


SUMS_UP_ITEMS = re.compile(r"^[\s\u3000]*以上[\u4e00-\u9fa5\d]{0,4}(?:项|条|类|个)")


def _numbered_lines(text: str):
    """Yield (clause, heading match or None, the line's text after its number) for each line."""
    path: list[str] = []  # e.g. ["三", "一", "1"]
    numbered_table = False  # a table whose first column is 序号 (not 报送次数 or a year)
    lines = text.split("\n")
    # "(1)项目概况" / "(2)项目预算(根据投标文件提供)": title lines numbered (1), (2) in a text with no 一、 or （一）
    # headings (a procurement text's sections) stand where （一） would, the items under them numbered 1, 2, …
    levels = ((1, L1), (2, L2), (3, L3), (3, L3_BARE), (3, L3_PADDED), (3, L3_ALONE), (3, TABLE_ROW))
    if not any(L1.match(line) or L2.match(line) for line in lines):
        levels = ((2, L2_DIGIT), *levels)
        if not any(L3.match(line) or L2_DIGIT.match(line) for line in lines) \
                and sum(bool(L1_SHI.match(line)) for line in lines) >= 2:
            # "一是老年人社会保险…更加完善。…" / "二是…": a report's paragraphs numbered 一是, 二是 and nothing else
            levels = ((1, L1_SHI), *levels)
    for line in lines:
        heading = None
        numbered_table = numbered_table or bool(TABLE_NUMBER_HEADER.match(line))
        for depth, pattern in levels:
            if pattern is TABLE_ROW and not numbered_table:
                break
            heading = pattern.match(line)
            if heading:
                del path[depth - 1:]
                while len(path) < depth - 1:
                    path.append("")  # 五、 then 1. (no （一） in between)
                path.append(heading["n"])
                line = heading["rest"]
                break
        if heading is None and SUMS_UP_ITEMS.match(line) and len([part for part in path if part]) >= 2:
            del path[-1:]  # "以上七项…,每具最高减免金额为1540元" after items 1.–7.: the section's, not item 7's
        yield ".".join(part for part in path if part), heading, line


LOOK_BACK = 12  # earlier sentences of an item searched for a place or a deadline (bounded: parsing stays linear)


# A line that stands alone (no sentence ends in it), dates a goal and says so: the deadline of the list under it.
LEAD_LINE = re.compile(r"目标|指标|要实现|任务")
LEAD_MAX = 40


def _lead_line(line: str) -> bool:
    words = line.strip(" \t\u3000—-－")
    return (0 < len(words) <= LEAD_MAX and not re.search(r"[。；;！？!?]", words) and bool(LEAD_LINE.search(words))
            and any(pattern.search(words) for pattern in (*DEADLINES, PLAN_END)))


# "《规划》,提出了当前至2020年,泉州市……等领域的主要发展目标。" (a paragraph of its own, then the goals): a sentence
# that ends on announcing the goals, with their date, dates the list after it as a headline does.
GOAL_ANNOUNCEMENT = re.compile(r"(?:目标|指标)(?:如下|是|为)?\s*[:：—-]*\s*[。:：]?\s*$")


LIST_ITEMS_WORD = re.compile(r"为民实事|为民办实事|民生[\u4e00-\u9fa5]{0,4}实事|实事项目")
LIST_ANNOUNCEMENT = re.compile(r"(?:以下|如下)[^。；;]{0,40}?(?:实事|项目|工程)[^。；;]{0,6}?\s*[:：—－-]+\s*$"
                               # "…代表投票表决,确定缙云县2021年十件民生实事项目(按得票数高低为序)", the items below it
                               r"|(?:确定|票决产生|表决通过|公布|发布)[^。；;]{0,30}?(?:实事|项目|工程)(?:[(（][^)）]{0,12}[)）])?"
                               r"\s*[:：—－-]*\s*$")


def _list_announced(paragraph: str) -> bool:
    sentences = [s for s in SENTENCE_END.split(paragraph.strip()) if s.strip()]
    return len(sentences) == 1 and bool(LIST_ANNOUNCEMENT.search(sentences[0].strip())) \
        and bool(YEAR_LIST_NAMED.search(sentences[0]))


def _lead_sentence(paragraph: str) -> bool:
    sentences = [s for s in SENTENCE_END.split(paragraph.strip()) if s.strip()]
    if _list_announced(paragraph):
        return True  # "…确定以下十个项目为2023年度嘉兴市政府民生实事项目——": the year's list follows, item by item
    if len(sentences) == 1 and GOAL_ANNOUNCEMENT.search(sentences[0].strip()) and LIST_ITEMS_WORD.search(sentences[0]):
        return True  # "为了确保高质量完成,每一项民生实事都有具体的量化指标:" (the year named above it)
    if len(sentences) != 1 or not GOAL_ANNOUNCEMENT.search(sentences[0].strip()):
        return False
    return any(pattern.search(sentences[0]) for pattern in (*DEADLINES, GOAL_YEAR, PLAN_PERIOD, PLAN_END))


def _sentences(text: str):
    """Yield the document's sentences with the clause they stand in."""
    titles: dict[str, str] = {}
    item: list[str] = []  # sentences of the current item so far
    lead, list_lead = "", False
    for clause, heading, line in _numbered_lines(text):
        if heading:
            titles[clause] = SENTENCE_END.split(line, maxsplit=1)[0]
            item = []
            if heading.re is L1 and not list_lead:
                lead = ""  # (a year's list announced above its items "一、…二、…" heads them all)
        if _lead_line(line):
            lead = line.strip()
        announced = _lead_sentence(line)
        parts = clause.split(".")
        enclosing = [titles.get(".".join(parts[:n]), "") for n in range(1, len(parts) + 1)]
        paragraph: list[str] = []
        for sentence in SENTENCE_END.split(line):
            sentence = sentence.strip(" \t\u3000")
            if sentence:
                yield _Sentence(clause, sentence, item[-LOOK_BACK:], [t for t in enclosing if t],
                                paragraph[-LOOK_BACK:], lead if lead != sentence else "")
                item.append(sentence)
                paragraph.append(sentence)
        if announced:
            lead = line.strip()  # the goals follow in the next paragraphs
            list_lead = _list_announced(line)


# "《行动计划》将分4个阶段实施。第一阶段将…。第二阶段将…": phases named in order, with no dates of their own.
PHASE_NAMED = re.compile(r"第(?P<n>[一二三四五六七八九十\d]{1,3})阶段")
PHASE_OPEN = re.compile(r"^[\s\u3000]*" + PHASE_NAMED.pattern)


def _phase_number(text: str) -> int:
    number = _number(text)
    return int(number) if number else 0


def _phase_scope(text: str, earlier: list[str]) -> tuple[list[str], int]:
    """The earlier sentences that share the sentence's phase, and the phase's number (0: no phase named)."""
    opening = PHASE_OPEN.match(text)
    if opening:
        return [], _phase_number(opening["n"])
    for index in range(len(earlier) - 1, -1, -1):
        opening = PHASE_OPEN.match(earlier[index])
        if opening:
            return earlier[index:], _phase_number(opening["n"])
    return earlier, 0


# "“十二五”期间,我区将…": a plan period the sentence (or its paragraph) speaks in; its figures fall due at its end,
# unless kept up (持续巩固…100%), as a plan's own figures do.
PLAN_DURING = re.compile(r"[“‘『「]?(?P<plan>十一五|十二五|十三五|十四五|十五五)[”’』」]?\s*(?:规划)?\s*(?:期间|时期)")


# "根据《深圳市社区服务“十二五”规划》,中心将达到700家": a plan the sentence cites by its title sets the end of its
# period as the date of the figures it gives with none of their own.
PLAN_CITED = re.compile(r"《[^》]{0,30}?(?:“?(?P<plan>十一五|十二五|十三五|十四五|十五五)”?[^》]{0,30}?(?:规划|纲要)|"
                        r"(?:规划|纲要)\s*[(（]\s*\d{4}\s*年?\s*[-－—~～至到]\s*(?P<year>\d{4})\s*年?\s*[)）])》")


def _plan_during(text: str, paragraph: list[str]) -> date | None:
    for part in (text, *reversed(paragraph)):
        matches = list(PLAN_DURING.finditer(part))
        if matches:
            return date(PLAN_END_YEARS[matches[-1]["plan"]], 12, 31)
    cited = list(PLAN_CITED.finditer(text))
    if cited:
        last = cited[-1]
        return date(int(last["year"]) if last["year"] else PLAN_END_YEARS[last["plan"]], 12, 31)
    return None


# A plan's horizons named and dated once ("规划期限为2022年—2035年,其中近期为2022-2025年,远期为2026-2035年"; "近期
# (2021—2025年)"): a passage that opens on the horizon's name ("近期:殡仪设施规划布局1处…", "远期,…") falls due at
# that horizon's end.
HORIZON_DEFINED = re.compile(r"(?P<name>近期|中期|远期)\s*(?:为|是|至|到|[(（:：])?\s*(?:\d{4}\s*年?\s*[-－—~～至到]\s*)?"
                             r"(?P<year>\d{4})\s*年")
HORIZON_NAMED = re.compile(r"(?:^|(?<=[\n。；;]))[\s\u3000]*(?P<name>近期|中期|远期)(?:规划|目标|建设)?[\s\u3000]*[:：,，]")
_HORIZONS: contextvars.ContextVar[dict] = contextvars.ContextVar("horizons", default={})


def _horizons(text: str) -> dict:
    found = {}
    for match in HORIZON_DEFINED.finditer(text):
        found.setdefault(match["name"], date(int(match["year"]), 12, 31))
    return found


def _deadline(text: str, issued_on: date | None, pilot_end: date | None = None, *, months: bool = True):
    """The deadline a sentence sets: (date or None, note); the nearest to the end of ``text`` when it names
    several (the callers pass the text up to the figure). ``months``: whether a month's end with no year
    ("10月底") counts — not after the figure ("新增…1万张以上,6月底前完成已建养老机构安全达标": another task's)."""
    candidates = []
    for pattern in (*DEADLINES, GOAL_YEAR, PLAN_PERIOD, CLAUSE_YEAR, CLAUSE_YEAR_OF, CLAUSE_YEAR_END, YEAR_AT_FIGURE):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            year = int(groups["year"])
            if pattern is CLAUSE_YEAR_END and issued_on and year < issued_on.year:
                continue  # "2021年底,“爱心食堂”建成并运营" told in 2023: what was done then
            if groups.get("day") and groups.get("month"):
                when = date(year, int(groups["month"]), int(groups["day"]))
            else:
                month = int(groups.get("month") or 12)
                when = date(year, month, calendar.monthrange(year, month)[1])
            candidates.append((match.end(), when, ""))
    for match in PLAN_END.finditer(text):
        candidates.append((match.end(), date(PLAN_END_YEARS[match["plan"]], 12, 31), ""))
    for match in YEAR_LIST_NAMED.finditer(text):
        if match["year"]:  # "已列入2022年为民办实事项目,全县计划建设…50个": an item of that year's list
            candidates.append((match.end(), date(int(match["year"]), 12, 31), ""))
    horizons = _HORIZONS.get()
    for match in HORIZON_NAMED.finditer(text) if horizons else ():
        if match["name"] in horizons:
            candidates.append((match.end(), horizons[match["name"]], ""))
    for match in YEARS_SPAN.finditer(text):
        if DEADLINES[0].search(text, 0, match.start()):
            continue  # "提出到2025年,…用3年时间在全市100%街道…开展": the span's end is the year named before it
        years = _number(match["n"] or match["ahead"] or match["within"])
        since = None
        for since in SPAN_FROM.finditer(text, 0, match.start()):
            pass
        if since and years:  # "重庆市自2013年起,提出在5年内完成…": counted from the year named
            candidates.append((match.end(), date(int(since["year"]) + int(years) - 1, 12, 31), ""))
        elif issued_on and years:
            candidates.append((match.end(), date(issued_on.year + int(years) - 1, 12, 31), ""))
        elif years:
            candidates.append((match.end(), None, f"期限：{match.group(0)}（发文年份不明）"))
    for match in NEXT_YEAR.finditer(text):  # "明年年底前": the year after the document's
        if issued_on:
            candidates.append((match.end(), date(issued_on.year + 1, 12, 31), ""))
        else:
            candidates.append((match.end(), None, "期限：明年（发文年份不明）"))
    for match in THIS_YEAR.finditer(text):
        if issued_on:
            candidates.append((match.end(), date(issued_on.year, 12, 31), ""))
        else:
            candidates.append((match.end(), None, "期限：年内（发文年份不明）"))
    for match in MONTH_THIS_YEAR.finditer(text) if issued_on and months else ():
        # "10月底全县16个镇将…全覆盖" (June): this year's October — said in the figure's own part of the sentence
        # ("…预计7月底完成投入使用;第二期建设132家": not the 132's)
        # ("预计今年8月底前即可提前完成2023年社工站建设全覆盖": done ahead of its date, the year's goal)
        if int(match["month"]) >= issued_on.month and not re.search(r"[；;。]", text[match.end():]) \
                and not re.match(r"[^，,；;。]{0,8}提前", text[match.end():]):
            candidates.append((match.end(), _month_end(issued_on.year, int(match["month"])), ""))
    for match in PLAN_DURING.finditer(text):
        if issued_on and PLAN_END_YEARS[match["plan"]] >= issued_on.year and FUTURE.search(text, match.end()) \
                and not KEEP_UP.search(text, match.end()) and not candidates and re.match(r"[\s\u3000“‘]*$", text[_last_match_end(SEGMENT_BOUNDARY, text[:match.start()]):match.start()]):
            # "“十四五”时期,全市养老机构护理型床位占比将达60%以上" (2021): the period the clause opens on, to come
            candidates.append((match.end(), date(PLAN_END_YEARS[match["plan"]], 12, 31), ""))
            continue
        if any(position < match.start() for position, *_ in candidates):
            # "…今年先做一个试点,…应该在这个‘十四五’期间…都要覆盖": a period named after an earlier date is the nearer
            candidates.append((match.end(), date(PLAN_END_YEARS[match["plan"]], 12, 31), ""))
    match = OPEN_DEADLINE.search(text)
    if match:
        if pilot_end:
            candidates.append((match.end(), pilot_end, f"期限：{match.group(0)}，即文中最后一个阶段结束之日"))
        else:
            candidates.append((match.end(), None, f"期限：{match.group(0)}（文中未写明日期）"))
    if not candidates:
        return None, ""
    _end, when, note = max(candidates, key=lambda c: c[0])
    return when, note


AFTER_WINDOW = 30


def _indicator(text: str, start: int, end: int, window_start: int, unit: str, skip=()) -> str:
    """The registry code whose words stand nearest the requirement (same clause of the sentence)."""
    window_end = SEGMENT_BOUNDARY.search(text, end)
    # The noun after a figure stands near it ("至少设置2个、每个社区…至少设置1个专业社工岗位"); words further on
    # belong to the next items of a list ("(≥10%)、…、…证书的人数占比为4%").
    window_end = min(window_end.start() if window_end else len(text), end + AFTER_WINDOW)
    if (standard := _standard_followed(text, start, end)) and (comma := re.match(r"\s*[，,]", text[standard.end():])):
        # "按照每个城市社区不少于10家、每个村不少于5家的标准,大力培育社区社会组织": the standard's object follows it
        following = SEGMENT_BOUNDARY.search(text, standard.end() + comma.end())
        window_end = following.start() if following else len(text)
    before, after = text[window_start:start], text[end:window_end]
    best, best_distance = "", None
    for rule in INDICATOR_RULES:
        if unit not in rule.units or rule.code in skip:
            continue
        distances = [len(before) - m.end() for m in rule.keywords.finditer(before)]
        distances += [m.start() + 1 for m in rule.keywords.finditer(after)]  # a word after counts one further
        if distances and (best_distance is None or min(distances) < best_distance):
            best, best_distance = rule.code, min(distances)
    return best


def _cues(text: str):
    """Place words of ``text``, leaving out those inside nouns ("培育社区社会组织" places nothing)."""
    masks = [m.span() for m in LEVEL_MASKS.finditer(text)]
    return [cue for cue in LEVEL_CUES.finditer(text)
            if not any(start <= cue.start() and cue.end() <= end for start, end in masks)]


def _last_cue(text: str):
    cues = _cues(text)
    if len(cues) > 1 and cues[-1].lastgroup == "community" and cues[-2].lastgroup in ("urban", "rural") \
            and cues[-1].start() - cues[-2].end() <= 4:
        return cues[-2].lastgroup  # "城市每个社区": the kind of community just named
    return cues[-1].lastgroup if cues else None


_CUE_LEVELS = {"county": COUNTY, "town": TOWN, "urban": URBAN, "rural": RURAL, "community": COMMUNITY}


OWN_RATE = re.compile(r"^[\s\u3000]*[\u4e00-\u9fa5]{1,12}率[\s\u3000]*(?:基本|全面|均|要|将)?[\s\u3000]*(?:达到|达|为|实现)?"
                      r"[\s\u3000]*100[\s\u3000]*%$")


def _level(sentence: _Sentence, start: int, segment_start: int, indicator: str, present: bool = False):
    """The level the requirement applies to, and the named regions if the text names them."""
    text = sentence.text
    regions = [m["name"] for m in NAMED_REGION.finditer(text[segment_start:start])
               if not (set(m["name"][:2]) & NOT_A_NAME) and m["name"][:2] not in VERBS_BEFORE_A_TIER]
    if regions:
        level = TOWN  # 首善街道 / 某某镇: a named town or street
        return level, regions[-1:], ""
    note = ""
    cue = _last_cue(text[segment_start:start])
    inherited = cue is None
    if inherited and (facility := TIER_FACILITY.match(text)) and segment_start > facility.end() \
            and FACILITY_ATTRIBUTE.match(text, segment_start):
        # "街道养老服务中心一般以街道为服务半径,建筑面积750平方米以上,至少设置10张…床位": the standard of a facility
        # of one tier, at that tier
        tier = _CUE_LEVELS.get(_last_cue(facility["tier"]) or "", "")
        if tier:
            return (STATION_LEVELS[tier] if indicator in STATION_INDICATORS else tier), [], ""
    if inherited and not present and (segment_start == 0 or text[segment_start - 1] in "，,；;：:") \
            and _own_subject(text[segment_start:start]) and DEFAULT_LEVELS.get(indicator, COUNTY) != COMMUNITY \
            and indicator not in STATION_INDICATORS:  # a station's figure keeps the document's station tier
        # "…每个城乡社区至少配备1名社会工作专业人才,民办社会工作服务机构数量达到1000家", "社会工作专业人才达1800人"
        # after a sentence on 农村社区: a figure whose clause names its own subject and no place is the county's,
        # not the place of the clause or sentence before.
        return COUNTY, [], ""
    if inherited and not present and segment_start > 0 and text[segment_start - 1] in "，," \
            and DEFAULT_LEVELS.get(indicator, COUNTY) != COMMUNITY and indicator not in STATION_INDICATORS:
        # "4A级以上婚姻登记场所达到100%,5A级达到60%": a clause that goes on with the subject of the clause before
        # (its own subject, no place) is the county's too
        before = text[_segment_start(text, segment_start - 1, 0):segment_start - 1]
        if not re.match(r"\s*其中", text[segment_start:start]) and _own_subject(before) \
                and _last_cue(before) is None and not PER_UNIT.search(text[segment_start:start]):
            return COUNTY, [], ""
    if inherited and (rate := OWN_RATE.match(text[segment_start:start])) \
            and not re.search(r"覆盖|建成|达标", rate.group(0)):
        # "…建立健全节地生态奖补制度,火化率基本达到100%": a rate of its own subject (not a coverage of places)
        # reached in full is the county's, not the place of the sentence before
        return COUNTY, [], ""
    if cue is None:
        cue = _last_cue(text[:segment_start])
    part_of_before = re.match(r"\s*其中", text[segment_start:start]) is not None
    for earlier in reversed(sentence.previous if not part_of_before else ()):
        # ("…床位总数将达到6万张,其中普惠性养老床位将超过2.1万张": a part of the figure before, of its place)
        if cue is not None:
            break
        cue = _last_cue(earlier)
    for heading in reversed(sentence.headings if not part_of_before else ()):
        if cue is not None:
            break
        cue = _last_cue(heading)
    level = _CUE_LEVELS.get(cue, "")
    if level == COMMUNITY and not inherited and re.match(r"\s*其中", text[segment_start:start]):
        # "城镇社区办公…面积…达到300平方米以上,其中新建社区面积不低于500平方米": a part of the kind named before
        before_kind = _last_cue(text[:segment_start])
        if before_kind in ("urban", "rural"):
            level = _CUE_LEVELS[before_kind]
    if not level and indicator in DEFAULT_LEVELS:
        level, note = DEFAULT_LEVELS[indicator], "文中未写明适用层级，按指标默认"
    # "每个城镇社区…15个以上，每个农村社区…5个以上(其中…占比超过50%)": a clause that names no place of its
    # own after both kinds of community speaks of both.
    if inherited and level in (URBAN, RURAL):
        whole = _last_cue_kinds(text[:start])
        if {"urban", "rural"} <= whole:
            level = COMMUNITY
    if "其他" in text[segment_start:start] and level == TOWN:
        note = "原文为“其他”，即文中未点名的其余镇街"
    if indicator in STATION_INDICATORS and level:
        if level in (URBAN, RURAL):
            note = "原文限城镇社区" if level == URBAN else "原文限农村社区"
        level = STATION_LEVELS[level]
    return level, [], note


# A sentence about one facility of a tier, then its attributes: the tier noun opens it, an attribute opens the clause.
TIER_FACILITY = re.compile(r"^[\s\u3000]*(?:每个|各)?(?P<tier>乡镇[（(]街道[)）]|镇[（(]街[)）]|乡镇|街道|镇街|城市社区|农村社区|城乡社区|社区|村)"
                           r"[\u4e00-\u9fa5]{0,12}?(?:中心|站|院|室|之家)(?:[（(][^）)]{0,12}[)）])?")
FACILITY_ATTRIBUTE = re.compile(r"[\s\u3000]*(?:建筑面积|使用面积|用房面积|场地面积|总面积|面积|床位|养老床位|至少设置|设置|设有|配备|配置)")


# Districts named in a list ("滨海新区、市内六区、环城四区", "锦江区、青羊区、…"): a coverage of theirs only is the
# county's reported figure, not the coverage of every town.
_DISTRICT = r"(?:(?!新建|居住|小区|城区|老旧)[\u4e00-\u9fa5]){1,5}(?:区|县|旗)"
NAMED_DISTRICTS = re.compile(rf"(?:{_DISTRICT}、)+{_DISTRICT}(?![\u4e00-\u9fa5]{{0,2}}(?:委|政府))")

# Places that open the clause of a standard paid to each person ("西宁市、海西蒙古族藏族自治州每人每月403元",
# "海城市、台安县、岫岩县城市低保月标准调整为727元"): the standard of those places only, named as the regions.
_PLACE = r"(?![城农乡村市县区省])(?:(?![全各本该我其每])[\u4e00-\u9fa5]){2,10}?(?:市|县|区|州|旗|盟)"
PLACES_OPENING = re.compile(rf"^[\s\u3000]*(?:其中[，,]?)?(?P<places>{_PLACE}(?:[、和及]{_PLACE})*)"
                            r"(?=每人|人均|城市|农村|城乡|城镇|低保|特困|最低|保障标准|[由从]\s*\d|[由从]每|[为]每|月标准|年标准)")


# A sentence whose subject is a station ("镇（街）社会工作服务站办公面积不低于80㎡，配备专业社工至少2名"): its later
# clauses go on about the station; a station that is only an object elsewhere in it ("建设5个乡镇社会工作服务站,…,
# 培养社会工作专业人才不少于30名") does not make the other clauses' people the station's.
STATION_SUBJECT = re.compile(r"^[^，,；;:：\d]{0,12}?(?:" + STATION_WORDS.pattern + r")")


OWN_SUBJECT_EXCEPT = re.compile(r"^\s*(?:其中|每|各|均|平均|分别|并|且|人均|户均|占)")


def _own_subject(segment: str) -> bool:
    """Whether a clause names what it counts ("民办社会工作服务机构数量达到") rather than only the figure ("到2020年
    达到", "其中持证社工", "每户")."""
    if OWN_SUBJECT_EXCEPT.search(segment) or PER_UNIT.search(segment):
        return False
    return bool(SUBJECT.search(SUBJECT_FILLER.sub("", segment)))


def _last_cue_kinds(text: str) -> set:
    return {m.lastgroup for m in _cues(text)}


def _last_match_end(pattern: re.Pattern, text: str) -> int:
    ends = [m.end() for m in pattern.finditer(text)]
    return ends[-1] if ends else 0


PILOTS_RUN = re.compile(r"(?:开展|启动)[^，。；,;\d]{0,6}?(?P<num>\d+)\s*(?P<unit>个)(?=[^，。；,;和]{0,30}?(?:试点|示范创建|创建))")
# (the pilots listed after the first, read by ``_listed_counts``: "…示范创建和10个县(市、区)…试点")
PILOTS_LISTED = re.compile(r"[^，。；,;\d]{0,30}?[和、]\s*(?P<num>\d+)\s*(?P<wan>)(?P<unit>个)"
                           r"(?=[^，。；,;和]{0,30}?(?:试点|示范创建|创建))")
TWO_EACH = re.compile(r"(?:" + MAKING + r")(?P<first>[^，。；,;\d和]{2,30}?)和[^，。；,;\d和]{2,30}?各\s*(?P<num>\d+)\s*"
                      r"(?P<unit>个|家|所|处|张)")
COUNTIES_EACH_BUILD = re.compile(r"\d+\s*个\s*(?:县|县区|县市|区县)(?:[（(][\u4e00-\u9fa5、]{1,8}[)）])?\s*[,，]?\s*各(?:自)?\s*"
                                 r"(?:建成|建设|新建|设立|建立|建|打造)\s*(?P<num>一|1)\s*(?P<unit>所|个|处|座|家)")
# "13个街办和5个城关镇各建设1处", "29个苏区县各建设1个…站": a count of places each of which builds one
EACH_OF_THEM = re.compile(r"[^，。；,;]{0,20}?(?:[,，]\s*)?各(?:自)?(?:建设|建成|新建|设立|建立|打造|配备|设置|建|新增|培育|改造|布局)")
# "90%以上的社区建立1所…": a share of places the count is each one's
SHARE_OF_PLACES_AHEAD = re.compile(r"\d+(?:\.\d+)?\s*%\s*(?:以上|左右)?的?(?:城市|农村|城乡)?(?:社区|村|乡镇|街道|镇街|行政村)")


def _segment_start(text: str, position: int, floor: int) -> int:
    boundaries = [m.end() for m in SEGMENT_BOUNDARY.finditer(text, 0, position)]
    return max([floor, *boundaries])


def _requirements(text: str, goals: bool = False):
    """The measurable requirements of one sentence: (start, end, comparator, number text, unit, level or None
    when the words around it must say). ``goals``: the sentence stands in a list of goals (under a headline)."""
    found = list(_raised(text))
    found += [r for r in _respectively(text) if not any(s <= r[0] < e for s, e, *_ in found)]
    found += [(*r, None) for r in _plain_requirements(text, [(s, e) for s, e, *_ in found])]
    taken = [(s, e) for s, e, *_ in found]
    # A goal count with no comparator word, in a sentence about the future: the county's count.
    for pattern in (GOAL_COUNT, GOAL_DIRECT, GOAL_TASK, GOAL_TOTAL, GOAL_WIN, GOAL_FOR, GOAL_IN_LIST, GOAL_HELPED,
                    GOAL_ON):
        for match in pattern.finditer(text):
            start = match.start("num")
            if not (goals or FUTURE.search(text[:start])
                    or pattern is GOAL_HELPED and re.search(r"(?:^|[，,：:])\s*今年", text[:start])):
                continue  # ("…获悉,今年…补助1.5万户…": a clause that opens on this year tells its plan)
            if any(s <= start < e for s, e in taken):
                if pattern is GOAL_DIRECT:  # "新增2000个…托额和3200个…托额": the head read already, not its list
                    _listed_after(text, match.end(), found, taken)
                if pattern is GOAL_COUNT:  # "新增护理型床位2.5万张、家庭养老床位1万张": the same, its verb's list
                    _listed_counts(text, match.end(), found, taken)
                continue
            if pattern in (GOAL_FOR, GOAL_IN_LIST) and not goals:
                continue  # only in a list of goals: "为…户" in a report tells what was done
            if pattern not in (GOAL_TOTAL, GOAL_TASK) and PER_UNIT.search(text[_segment_start(text, match.start(), 0):start]):
                continue  # per unit: the bare amounts below read it
            if EACH_OF_THEM.match(text, match.end()):
                continue  # "在25个街道各建设一个…中心": the places, each building one
            if pattern not in (GOAL_TOTAL, GOAL_TASK) and SHARE_OF_PLACES_AHEAD.search(
                    text[_segment_start(text, match.start(), 0):start]):
                continue  # "90%以上的社区建立1所…儿童之家": what each of the places has, the share is the goal
            number = match["num"]
            if match.groupdict().get("wan") and (value := _number(number)) is not None:
                number = str(value * 10000)  # 完成7万家
            more = GTE if match.groupdict().get("more") else EQ  # "为9300余名…提供…": at least
            found.append((start, match.end(), more, number, match["unit"] or "人", COUNTY))
            taken.append((start, match.end()))
            if pattern is GOAL_DIRECT:
                _listed_after(text, match.end(), found, taken)
            if pattern is GOAL_COUNT:
                _listed_counts(text, match.end(), found, taken)
    # A programme's planned counts with no comparator word ("民政部决定于2017-2020年实施…“牵手计划”,从…遴选300家…,
    # 培育发展300家…,培养1000名…,提供300个…项目", "民政部第一批选派1000名…,同时…培养500名"): the issuer's totals.
    for match in PROGRAMME_COUNT.finditer(text):
        start = match.start("num")
        if any(s <= start < e for s, e in taken) or not PROGRAMME_CUE.search(text[:start]):
            continue
        if PER_UNIT.search(text[_segment_start(text, match.start(), 0):start].replace("每年", "")):
            continue  # per unit ("每个援派机构选派2名"): the bare amounts read it (每年…: a yearly quota, read here)
        if PROGRAMME_DONE.search(text[_segment_start(text, match.start(), 0):start]) or PROGRAMME_SO_FAR.search(
                text[:start]) or (match["verb"] == "提供" and match["unit"] != "个"):
            continue  # "累计选派57名…,为当地培养…30名", "2013年至今…共选派357名": sent so far; "提供1名…督导": a supplier's staff
        if re.search(r"[（(]\s*其中[^)）]*$", text[:start]):
            continue  # "遴选15家(其中:浙江省…遴选5家、…遴选10家)": the total's split between named sources
        found.append((start, match.end(), EQ, match["num"], match["unit"], COUNTY))
        taken.append((start, match.end()))
    for match in PILOTS_RUN.finditer(text):
        # "2018年,我省将…同步开展20个省级…示范创建和10个县(市、区)农村幸福院建设试点": the pilots to run, counted
        if _county_count(match, match["num"], text, goals, found, taken):
            _listed_counts(text, match.end(), found, taken, PILOTS_LISTED)
    for match in TWO_EACH.finditer(text):
        # "新增示范性城市社区居家养老服务中心和农村老年人互助照料活动中心各400个": one count for each of two things
        start = match.start("num")
        if any(s <= start < e for s, e in taken) or not (goals or FUTURE.search(text[:start])) \
                or PER_UNIT.search(text[_segment_start(text, match.start(), 0):match.start()]):
            continue
        found.append((match.start("first"), match.end("unit"), EQ, match["num"], match["unit"], COUNTY))
        found.append((start, match.end("unit"), EQ, match["num"], match["unit"], COUNTY))
        taken.append((match.start("first"), match.end("unit")))
    for match in COUNTIES_EACH_BUILD.finditer(text):
        # "在…56个县(市),各建成一所救助管理站", "推进15个县区(开发区)各新建一所…养老机构": one in each county, a county's own
        _county_count(match, "1", text, goals, found, taken)
    for match in PLACES_CHOSEN.finditer(text):
        # "全市将选择36个社区开展完整社区建设试点", "要在全省选择1000个村(社区)开展…行动": the places a work is done in,
        # a count of the county's
        _county_count(match, match["num"], text, goals, found, taken)
    for match in [*GOAL_SHARES_LISTED.finditer(text), *GOAL_SHARE_OF_PLACES.finditer(text)]:
        # "(2022年我省将…)70%的城市街道建有综合性养老服务中心": a share of places that will have a thing, at least
        start = match.start("num")
        named = re.search(r"(?:[\u4e00-\u9fa5]{1,6}[区县市]、){2,}", text[_segment_start(text, start, 0):start])
        if (FUTURE.search(text[:start]) or THIS_YEAR.search(text[:start])) and not named \
                and not any(s <= start < e for s, e in taken):  # (今年…在三分之一的乡镇开展: this year's)
            # (not a share set only for districts listed by name: "锦江区、青羊区、…50%的城市社区建成…")
            found.append((start, match.end("num") + 1, GTE, match["num"], "%", None))
            taken.append((start, match.end("num") + 1))
    for match in PER_DAY.finditer(text):
        start = match.start("num")
        if not any(s <= start < e for s, e in taken):
            number = match["num"]
            if match["wan"] and (value := _number(number)) is not None:
                number = str(value * 10000)
            per_unit = PER_UNIT.search(text[_segment_start(text, match.start(), 0):match.start()])
            found.append((start, match.end(), comparator_of(match["cmp"]), number, f"{match['unit']}/天",
                          None if per_unit else COUNTY))  # the whole place's capacity, not a community's
            taken.append((start, match.end()))
    for pattern in (SHARE_FIRST_AIMED, POPULATION_SHARE, SHARE_REACHED, SHARE_RAISED_TO):
        for match in pattern.finditer(text):
            number = match.groupdict().get("num2") or match["num"]
            start = match.start("num2" if match.groupdict().get("num2") else "num")
            if not any(s <= start < e for s, e in taken):
                found.append((start, match.end(), GTE, number, "%", None))
                taken.append((start, match.end()))
    for match in DAYS_PER_PERSON.finditer(text):
        # "服务时长每人不少于30天", "服务总天数不超过24天": the days of a service each person has
        start = match.start("num")
        if not any(s <= start < e for s, e in taken):
            found.append((start, match.end(), comparator_of(match["cmp"]), match["num"], "天/人", COUNTY))
            taken.append((start, match.end()))
    if expected := EXPECTED_GOALS.search(text):
        for match in GROWTH.finditer(text, expected.end()):
            start = match.start("num")
            if not any(s <= start < e for s, e in taken):
                found.append((start, match.end(), GTE, match["num"], "%", COUNTY))
                taken.append((start, match.end()))
    if goals or FUTURE.search(text):
        # ("即到2020年,全省96%的老年人享受居家养老服务,4%的老年人享受机构养老服务": a share aimed at, in any sentence)
        for match in SHARE_FIRST.finditer(text):
            if not goals and not FUTURE.search(text[:match.start()]):
                continue
            start = match.start("num")
            if not any(s <= start < e for s, e in taken):
                found.append((start, match.end(), GTE, match["num"], "%", None))
                taken.append((start, match.end()))
    found.sort()
    return found


def _county_count(match: re.Match, number: str, text: str, goals: bool, found: list, taken: list) -> bool:
    """A planned count with no comparator word at ``match`` ("num" to "unit"), the county's: read when the sentence
    aims at it (a list of goals, a word of the future before it) and no rule read it already; whether it was."""
    start = match.start("num")
    if any(s <= start < e for s, e in taken) or not (goals or FUTURE.search(text[:start])):
        return False
    found.append((start, match.end("unit"), EQ, number, match["unit"], COUNTY))
    taken.append((start, match.end("unit")))
    return True


def _listed_counts(text: str, position: int, found: list, taken: list, pattern: re.Pattern | None = None):
    """The counts listed after a goal count, sharing its verb ("…30个、老年人认知障碍照护专区10个"); with
    ``LISTED_DIRECT``, those after a count put straight after its verb ("…和40个县级自建点建设")."""
    pattern = pattern or LISTED_COUNT
    while listed := pattern.match(text, position):
        number = listed["num"]
        if listed["wan"] and (value := _number(number)) is not None:
            number = str(value * 10000)
        if not any(s <= listed.start("num") < e for s, e in taken):
            found.append((listed.start("num"), listed.end(), EQ, number, listed["unit"], COUNTY))
            taken.append((listed.start("num"), listed.end()))
        position = listed.end()


def _listed_after(text: str, position: int, found: list, taken: list):
    """The counts listed after a count put straight after its verb, sharing it ("…和40个县级自建点建设")."""
    _listed_counts(text, position, found, taken, LISTED_DIRECT)


def _respectively(text: str):
    """"城乡社区志愿者注册率分别达…的15%和10%以上": two figures, the first of the town (urban), the second of the
    village (rural) when the subject names both kinds of community; (start, end, comparator, number, unit, level)."""
    found = []
    for match in RESPECTIVELY.finditer(text):
        subject = text[_segment_start(text, match.start(), 0):match.start()]
        if not URBAN_RURAL_PAIR.search(subject):
            continue
        comparator = comparator_of(match["cmp"]) if match["cmp"] else GTE
        found.append((match.start("first"), match.end("first"), comparator, match["first"], match["unit"], URBAN))
        found.append((match.start("second"), match.end(), comparator, match["second"], match["unit"], RURAL))
    return found


# "由每人每年670元提高到700元", "由7%降至6%", "由每人每月1800元和1500元统一提高到2200元": the target is the new
# figure, set exactly (eq); the old one is where it starts from; the period stays in the unit (元/人/年).
RAISED = re.compile(r"(?:由|(?<=分别)从)\s*(?:\d{4}\s*年\s*)?(?P<period>每(?P<who>人|生|户)?每?(?P<span>年|月))?\s*"
                    r"\d+(?:\.\d+)?\s*(?:元|%)?(?:\s*[和、]\s*\d+(?:\.\d+)?\s*(?:元|%)?)*\s*(?:统一|分别)?\s*"
                    r"(?:提高到|提高至|提升到|提升至|调整到|调整为|调至|降至|降低到|降低至|下降到|降到)\s*"
                    r"(?:\d{4}\s*年\s*)?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>元|%)"
                    # "分别从每月653元、300元提高到676元、327元": each class's new figure, in the order of the old ones
                    r"(?P<more>(?:\s*[、和]\s*\d+(?:\.\d+)?\s*(?:元|%))*)")


# "提高最低生活保障标准至1255元/月,特困供养基本生活标准至2134元/月": a standard raised to a figure with no 由 — the
# new figure, eq, the period written after it kept in the unit; the standards listed after it share the verb.
RAISED_TO = re.compile(r"(?:提高|提升|上调|调整)(?P<what>[^，。；,;\d由到]{1,16}?标准)至\s*(?P<num>\d+(?:\.\d+)?)\s*"
                       r"(?P<unit>元)(?:\s*/\s*(?P<span>月|年))?")
RAISED_TO_LISTED = re.compile(r"\s*[，,、]\s*(?P<what>[^，。；,;\d由到]{1,16}?标准)至\s*(?P<num>\d+(?:\.\d+)?)\s*"
                              r"(?P<unit>元)(?:\s*/\s*(?P<span>月|年))?")


def _raised(text: str):
    """(start, end, comparator, number, unit, level) of each figure raised or lowered "由…到…"."""
    taken = []
    for match in RAISED.finditer(text):
        unit = match["unit"]
        if unit == "元" and match["period"]:
            who = match["who"] or ("人" if re.search(r"人均|每人", re.split(r"[，。；,;]", text[:match.start()])[-1]) else "")
            unit += (f"/{who}" if who else "") + f"/{match['span']}"  # (人均补差水平分别从每月653元…: per person)
        taken.append((match.start(), match.end()))
        yield match.start(), match.end("unit"), EQ, match["num"], unit, None
        for more in re.finditer(r"\d+(?:\.\d+)?", match["more"] or ""):
            yield match.start(), match.start("more") + more.end(), EQ, more.group(0), unit, None  # (read from 由/从, as the first)
    for first in RAISED_TO.finditer(text):
        if any(s <= first.start() < e for s, e in taken):
            continue
        match = first
        while match:
            unit = match["unit"] + (f"/{match['span']}" if match["span"] else "")
            yield match.start("num"), match.end(), EQ, match["num"], unit, None
            match = RAISED_TO_LISTED.match(text, match.end())


LISTED_YUAN = re.compile(r"\s*[、和及]\s*(?P<num>\d+(?:\.\d+)?)\s*元(?![\u4e00-\u9fa5]{0,2}[/每])")


SHARE_OF_WHOLE = re.compile(r"(?P<cmp>不[得应]?(?:少于|低于)|达到|超过)(?P<whole>[^，。；,;\d%]{1,16}?(?:总数|总量|总人数|人口数?|总额))"
                            r"的\s*(?P<num>\d+(?:\.\d+)?)\s*%")


def _plain_requirements(text: str, taken_before):
    found = []

    def read(start: int) -> bool:  # a figure a rule before (here or in the caller) has read already
        return any(s <= start < e for s, e in [*taken_before, *((f[0], f[1]) for f in found)])

    for match in NUMERIC.finditer(text):
        if match["cmp"] == "达" and not match["num"][0].isdigit():
            continue
        if any(s <= match.start("num") < e for s, e in taken_before):
            continue
        comparator = comparator_of(match["cmp"])
        number = match["num"]
        if match["wan"] and (value := _number(number)) is not None:
            number = str(value * 10000)
        found.append((match.start(), match.end(), comparator, number, match["unit"]))
    taken = [(s, e) for s, e, *_ in found] + list(taken_before)
    for match in BARE_WITH_SUFFIX.finditer(text):  # "…服务1500万人次以上": 万 a count's ten thousands
        if not any(s <= match.start() < e for s, e in taken):
            number = match["num"]
            if match["wan"] and (value := _number(number)) is not None:
                number = str(value * 10000)
            found.append((match.start(), match.end(), SUFFIX_COMPARATORS[match["suffix"]], number,
                          match["unit"]))
    for match in BARE_RANGE.finditer(text):  # "着重打造2至4个示范乡镇社会工作站": at least the lower end
        if not any(s <= match.start() < e for s, e in [*taken, *((f[0], f[1]) for f in found)]):
            found.append((match.start(), match.end(), GTE, match["num"], match["unit"]))
    for match in SHARE_OF_WHOLE.finditer(text):  # "享受人数不低于当地老年人总数的2%": a share of a whole named between
        if not any(s <= match.start("num") < e for s, e in [*taken, *((f[0], f[1]) for f in found)]):
            found.append((match.start(), match.end(), comparator_of(match["cmp"]), match["num"], "%"))
    found.sort()
    # "至少5家依法登记的社区社会组织和5家备案管理的社区服务组织": the second number shares the first's comparator.
    for match in COORDINATED.finditer(text):
        if read(match.start()):
            continue
        earlier = [f for f in found if f[1] <= match.start()]
        if earlier and not SEGMENT_BOUNDARY.search(text, earlier[-1][1], match.start()) \
                and _unit_family(earlier[-1][4]) == _unit_family(match["unit"]):
            found.append((match.start(), match.end(), earlier[-1][2], match["num"], match["unit"]))
    # A ratio with no comparator word: "每万人接受公共文化设施服务1.8万次" (a goal), "按每户0.3平方米的标准" (a standard).
    for match in BARE_RATIO.finditer(text):
        start = match.start("num")
        if read(start):
            continue
        if "老" in match.group() and ABOVE_AVERAGE.match(text, match.end()):
            continue  # "平均每千名老年人拥有养老床位数33张,超出全国平均水平…": where the place stands, not a goal
        number = match["num"]
        if match["wan"] and (value := _number(number)) is not None:
            number = str(value * 10000)
        standard = "按" in text[max(0, match.start() - 2):match.start()] or "标准" in text[match.end():match.end() + 4] \
            or match["unit"] == "元"  # "每人每年将获4000元": money per person is an amount granted, not a floor
        found.append((start, match.end(), EQ if standard else GTE, number, match["unit"]))
        # "每人每年2292元、3820元、7640元": the classes listed after it, each its own standard
        listed = LISTED_YUAN.match(text, match.end()) if match["unit"] == "元" and standard else None
        while listed:
            if not read(listed.start("num")):
                found.append((listed.start("num"), listed.end(), EQ, listed["num"], "元"))
            listed = LISTED_YUAN.match(text, listed.end())
    found.sort()
    # "床位数达到每千名老人15张": a goal's ratio written after its comparator ("拥有…33张" of a status stays out)
    for match in GOAL_RATIO.finditer(text):
        start = match.start("num")
        if not read(start):
            found.append((start, match.end(), comparator_of(match["cmp"]), match["num"], match["unit"]))
    found.sort()
    # Amounts with no comparator word: granted, hired, built (per unit, or new ones).
    for pattern in BARE_AMOUNTS:
        for match in pattern.finditer(text):
            start = match.start("num")
            if read(start):
                continue
            segment = text[_segment_start(text, match.start(), 0):match.start()] + match["gap"]
            must_have = len(match["verb"]) > 1 and match["verb"].endswith("有")  # 要有1所: each place named has one
            # "路名牌943套", "3.6万块门牌": road-name and house-number plates to put up, counted (not "4块牌子", plaques)
            signs = match["unit"] in ("套", "块") and bool(SIGN_PLATE.search(match["gap"] + text[match.end():match.end() + 4]))
            if match["unit"] in ("套", "块") and not signs:
                continue
            if not match["verb"].startswith("新增") and not must_have and not signs \
                    and not PER_UNIT.search(segment + match["verb"]):
                continue  # "省级资助“双百计划”3000万元": a budget, not a per-unit requirement
            number = match["num"]
            if match.groupdict().get("wan") and (value := _number(number)) is not None:
                number = str(value * 10000)
            found.append((start, match.end(), EQ, number, match["unit"]))
    for match in SUBSIDY_SHARE.finditer(text):
        start = match.start("num")
        if read(start):
            continue
        if match["verb"] in ("享受", "给予") and not match["tail"]:
            continue  # "享受…50%": a share of people served, not of a cost
        found.append((start, match.end("num") + 1, LTE if match["cap"] else EQ, match["num"], "%"))
    for match in MONEY_ARRANGED.finditer(text):
        start = match.start("num")
        if read(start):
            continue
        if PROJECT_STATUS.search(text[_segment_start(text, match.start(), 0):start]) or "每" in match["gap"]:
            continue  # "累计安排…", "已安排…": what was spent; "安排每个…5万元": a per-unit sum, read above
        number = _number(match["num"]) * (100000000 if match["scale"] == "亿" else 10000 if match["scale"] else 1)
        found.append((start, match.end(), EQ, str(number), "元"))
    for match in SUBSIDY_SUM.finditer(text):
        start = match.start("num")
        if read(start):
            continue
        number = str(_number(match["num"]) * (10000 if match["wan"] else 1))
        found.append((start, match.end("unit"), LTE if match["most"] else EQ, number, "元/人"))
    for match in FEE_ITEM.finditer(text):
        start = match.start("num")
        if read(start):
            continue
        found.append((start, match.end(), EQ, match["num"], match["unit"]))
    found.sort()
    return found


# The verbs of a support programme's counts (agencies chosen and grown, social workers sent and trained, projects
# provided) and the words that say the sentence is about such a programme (its name, its batch, its yearly quota, its
# span of years).
PROGRAMME_COUNT = re.compile(r"(?P<verb>遴选|培育发展|培养|选派|提供)(?P<gap>[^，。；,;：:\d（()）]{0,14}?)(?P<num>\d+)\s*"
                             r"(?P<unit>名|家|个)(?![\u4e00-\u9fa5]{0,3}(?:县|区|市|省|旗|盟))")
PROGRAMME_DONE = re.compile(r"累计|共|已|至今")
PROGRAMME_SO_FAR = re.compile(r"累计|至今")
PROGRAMME_CUE = re.compile(r"计划|首批|第[一二三四五六七八九十]批|每年|\d{4}\s*年?\s*[-－—~至到]\s*\d{4}\s*年")
VERB_ONLY = re.compile(r"^\s*(?:" + MAKING + r")\s*$")
MADE_THINGS = re.compile(r"^\s*(?:建成|新建|建设|打造|培育)[\u4e00-\u9fa5（）()]{2,16}?(?:站点|中心|食堂|机构|设施|基地)\s*$")
RATE_WORDS = re.compile(r"率|占比|比例|比重|占(?=\s*\d)")
PER_COMMUNITY = re.compile(r"每(?:个)?(?:城市|城镇|农村)?(?:社区|村)(?!社会组织|服务站|社工)")
# Words that name what a figure counts; a segment without any ("到2020年，要达到") has no subject of its own.
SUBJECT = re.compile(r"[\u4e00-\u9fa5]{2,}")
SUBJECT_FILLER = re.compile(r"(?:力争|预计|争取)?(?:到|在|至)?\s*\d{4}\s*年(?:底|末|前)?|要|应|须|将|力争|争取|达到|达|为|增加到|提高到|并|且|同时")


PLACES_CHOSEN = re.compile(r"(?:选择|选取|确定|遴选|选定|(?<![\u4e00-\u9fa5]{2}[区县市])在)\s*(?P<num>\d+)\s*(?P<unit>个)\s*"
                           r"(?:城市|城镇|农村)?(?:社区|村|行政村|乡镇|街道|镇街|村[（(]社区[)）]|社区[（(]村[)）])"
                           r"(?=[^，。；,;\d]{0,4}?(?:开展|设立|建设|实施|进行|作为|为|推进))")
BASELINE = re.compile(r"[^，。；,;\d]{0,3}?的?基础上|[^，。；,;\d]{0,12}?的基础上")  # 完成59个“六好”社区创建的基础上
# "70%以上的县(市、区)设有…", "50%以上的居家患者接受…", "80%以上的组织具备…": a share of a group, put first; the
# group's place word (if it opens the noun) is the level, else the share is the county's.
SHARE_OF = re.compile(r"\s*的\s*(?P<noun>[\u4e00-\u9fa5]{1,12})")
SHARE_VERBS = re.compile(r"覆盖|惠及|使|让|有")
COUNTY_INDICATORS = frozenset({"agency_training_hours", "town_stations_built", "town_station_built_share",
                               "certified_share", "volunteer_participation_rate", "volunteer_registration_rate"})


LEAD_YEAR = r"(?:(?:力争|预计|争取)?(?:到|在)?\s*\d{4}\s*年(?:底|末|前)?[，,]?\s*)?"  # (到2025年底,)
LEAD_VERBS = "实现|确保|要|使|力争|全面|基本"
MEASURE_LEAD = re.compile(rf"^[\s“”\"]*{LEAD_YEAR}(?:(?:{LEAD_VERBS})\s*)*")
TAIL_WORDS = "要|应|须|均|都|将|力争完成省定目标|力争完成|完成省定目标|达到|达|为"
MEASURE_TAIL = re.compile(rf"(?:{TAIL_WORDS})\s*$")
# The name a reviewer reads on a draft's card and the dashboard shows once it is accepted (`_reviewer_name`): what is
# measured without the words around its figure that the pipeline's measure keeps (its measure still tells two drafts
# of one target apart as before). Its lead: a listing's "…如下:", 其中, 将 ("…具体调整如下:其中原十区…", "将全县城市低保标准").
NAME_LEAD = re.compile(rf"^\s*(?:[^:：，。；,;]{{0,30}}如下\s*[:：]\s*)?(?:其中\s*)?{LEAD_YEAR}(?:(?:{LEAD_VERBS}|将|现在|现行)\s*)*")
# The verbs, comparators and per-person words between what is measured and its figure ("…供养标准为年人均4260元",
# "…护理标准分别为月人均40元", "补贴标准每人每月"), taken off its end however many there are.
NAME_TAIL = re.compile(rf"(?:(?:{TAIL_WORDS}|需|分别|按照|按|是|继续执行|给予|提高到了|提高到|提高至|调整为|调整至|调整到|调至|提至"
                       r"|上调至|每人每月|每人每年|人均每月|人均每年|月人均|年人均|月人|(?<![老成])年人|人均|每人|每月|每年|不低于|不少于"
                       r"|不得低于|提高|提标|增加|上调)[\s:：]*)+$")
# The old standard a new one is raised from, between the standard's name and the new figure ("城市低保标准由2017年月人均
# 528元提高至560元", "集中供养孤儿从每人每月…"): not part of the name.
OLD_STANDARD_TAIL = re.compile(
    r"(?<![自理缘])(?:由|从)(?=[^，。；,;]*?(?:\d+(?:\.\d+)?\s*(?:元|%)|提高|增加|上调|调整|提升|调高|增至|涨至))[^，。；,;]*$"
    r"|(?<![自理缘])(?:由|从)\s*(?:\d{4}\s*年度?|上年度?|去年|现行的?|原来的?|原|目前的?)?\s*"
    r"(?:每人每月|每人每年|每人|每月|每年|[月年]人均?|人均每[月年]?|人均)?\s*$"
    # the raise told before the new figure ("…标准每人每月提高40元,提高到…"), the old one as a base ("在现在每月300元基础")
    r"|(?:每人每[月年]|[月年]?人均)?\s*(?:提高|提标|增加|上调|增长)了?\s*\d+(?:\.\d+)?\s*元$|在[^，。；,;]*?\d[^，。；,;]*?基础$")


def _trimmed_name(words: str) -> str:
    words = re.sub(r"^\s*/\s*[人户月年天](?:\s*/\s*[人户月年天])*", "", words)  # the unit of a figure before it ("…元/月 农村")
    words = OLD_STANDARD_TAIL.sub("", NAME_LEAD.sub("", LISTED_BEFORE.sub("", words).lstrip("、")))
    return NAME_TAIL.sub("", words).strip(" ，,；;：:（(、/")


def _reviewer_name(draft: "DraftTarget") -> str:
    """A draft's name as a reviewer reads it: "农村分散供养五保对象供养标准", not "…供养标准为年人" (for "…为年人均4260元");
    "城市低保标准", not "提高至560元" (a new standard has no words of its own between its verb and its figure)."""
    name = _trimmed_name(draft.measure)
    if len(re.findall(r"[^\W\d_月年人]", name)) >= 2:
        return name
    if (draft.unit.startswith("元/人/") or "救助保障标准" in draft.note) and (at := _matched_at(draft)) >= 0:
        # "…标准由904元/月提高至995元/月": no name between the old figure and the new — the clause's before the old
        return _standard_name(draft.quote, at) or draft.measure
    return draft.measure  # (a name of no words: the page shows the figure's own words, "金奖2个", "最高资助20万")


def _standard_name(text: str, start: int) -> str:
    """The name of the standard whose new figure is told at ``start`` ("城市低保标准由…528元提高至560元": 城市低保标准); its
    clause's words, else the clause's before it ("城市分散供养特困人员护理标准,分别为月人均75元、85元、95元")."""
    clauses = [clause for clause in re.split(r"[，。；,;]", text[:start]) if clause.strip()]
    for words in clauses[:-3:-1]:
        # (the clause before may end on its own figure: "…补助标准按每人每月不超过1700元,每年不超过1.7万元")
        words = re.sub(r"(?:不超过|不高于|不低于|不少于|为|达到)?\s*\d+(?:\.\d+)?\s*元(?:\s*/\s*[人户月年]+)*$", "", words)
        if HAN.search(name := _trimmed_name(words)):
            return name[:200]
    return ""


# A run of figures joined by 、 ("1500元、375元、110元"): the items before the figure, and after it.
LISTED_BEFORE = re.compile(r"(?:\d+(?:\.\d+)?\s*[^\d\s、，。；,;：:]{0,4}\s*、\s*)+$")
LISTED_AFTER_FIGURE = re.compile(r"(?:\s*、\s*\d+(?:\.\d+)?\s*[^\d\s、，。；,;：:]{0,4})+")


def _measure(text: str, segment_start: int, start: int, end: int, comparator: str) -> str:
    """What the requirement measures, in the document's words: the clause before the figure (for coverage,
    the clause up to its end), without the year and the verbs around it. A figure of a list given 分别 to a list
    of as many things ("特困失能人员、半失能人员、自理人员照料护理补助标准分别按每人每月不低于1500元、375元、110元")
    measures its own thing (半失能人员照料护理补助标准); one of a list with no words of its own, its list's."""
    if comparator != PRESENT and (listed := _listed_measure(text, start, end)):
        return listed
    words = text[segment_start:end] if comparator == PRESENT else text[segment_start:start]
    words = MEASURE_TAIL.sub("", MEASURE_LEAD.sub("", words.lstrip("、"))).strip(" ，,；;：:（(、")
    if not HAN.search(words):  # "50%以上的居家患者接受社区康复服务": the figure comes first, the words after it
        boundary = SEGMENT_BOUNDARY.search(text, end)
        words = text[end:boundary.start() if boundary else len(text)].lstrip("的 ")
    return words[:200]


def _listed_measure(text: str, start: int, end: int) -> str:
    before, after = LISTED_BEFORE.search(text, 0, start), LISTED_AFTER_FIGURE.match(text, end)
    if not (before or after):
        return ""
    index = before.group().count("、") if before else 0
    total = index + 1 + (after.group().count("、") if after else 0)
    first = before.start() if before else start
    head = text[_segment_start(text, first, 0):first]
    head = re.sub(r"(?:不低于|不少于|不超过|不高于|达到|提高到|提高至|调整为|为)\s*$", "", head)
    things = re.match(r"\s*(?P<things>[\u4e00-\u9fa5]{1,12}(?:、[\u4e00-\u9fa5]{1,12})+)(?P<rest>[^、]*?)分别", head)
    if things and len(names := things["things"].split("、")) == total:
        # the last thing runs on into the words they share: cut it after the ending the others share (人员), else
        # at the first one's length ("城市、农村低保标准": 农村 | 低保标准)
        last, ending = names[-1], os.path.commonprefix([name[::-1] for name in names[:-1]])[::-1]
        ending = next((ending[-k:] for k in range(len(ending), 0, -1) if ending[-k:] in last[:-1]), "")
        cut = last.find(ending) + len(ending) if ending else min(len(names[0]), len(last))
        names[-1], shared = last[:cut], last[cut:] + things["rest"]
        return (names[index] + shared).strip()[:200]
    if index:  # "、375元": no words of its own — its list's
        return MEASURE_TAIL.sub("", MEASURE_LEAD.sub("", head)).strip(" ，,；;：:（(、")[:200]
    return ""


# A money figure's own denominator written after it: "1780元/具", "100元/天", "200元/人/月" (a fee or a standard).
MONEY_PER = re.compile(r"(?:\s*/\s*[具天日月年间次户人](?!次))+")


# The period a money standard per person (household, pupil) is given for: "每人每月", "每户每年", "每人每年将获".
MONEY_SPAN = re.compile(r"(?:每|(?<=人均))\s*(?P<span>年|月|天)")  # (人均月发放低保50元: per person and month; 每人每天220元)
# "城市低保月人均保障标准不低于330元", "农村五保户年分散供养标准不低于2640元": the standard's period is the 月/年 that
# opens its name (not a date's 年: 2015年, 今年).
# "年接待能力约达到70000人次以上", "日服务能力…": a capacity keeps its period in the unit
CAPACITY_SPAN = re.compile(r"(?<![\d\s今明去全当每本上下同])(?P<span>年|日)(?=接待|服务|[\u4e00-\u9fa5]{0,4}能力)")
STANDARD_SPAN = re.compile(r"(?<![\d\s今明去全当每本上下同])(?P<span>年|月)(?=人均|[\u4e00-\u9fa5]{0,6}?标准)")
MONEY_PER_SPAN = re.compile(r"元/[人户生]/[年月]")


# The span a standard with no per-person denominator is given for, in the figure's own clause: "就餐者每餐补贴3元"
# (元/餐), "一周不超过5次" (次/周), "每天2次" (次/天), "每具骨灰补助500元" (元/具, per body or urn); 每年/每月 say how
# often (the period), not a unit.
SPAN_PER = re.compile(r"(?:每|(?<![第\d一二三四五六七八九十])一(?=\s*[周天]))\s*(?P<span>餐|周|天|日|次|具|例|桌)(?![内前后])")
# How often a work is done, in the figure's own clause: "每月走访不少于一次" (次/月), "每季度…" (次/季度), "每半年…";
# 每年 is the key's plain 次 (the yearly count of a year's work).
TIMES_PER = re.compile(r"每\s*(?P<span>个月|月|季度|半年)(?![内前后底末])")
# A sum per bed of a home ("每个床位…给予1万元", "新增床位给予每张10000元"): 元/张.
PER_BED = re.compile(r"每\s*(?:个|张|張)?\s*(?:养老|護理|护理)?床位|床位[^，。；,;\d]{0,12}每\s*[张張](?!\d)")


def _money_span(before: str) -> str:
    """"月" / "年" when the last words before a money figure give its period (每人每月…1700元, 每年不超过1.7万元):
    the nearest 每年/每月 after the figure's denominator, in the figure's own clause."""
    clause = before[_last_match_end(SEGMENT_BOUNDARY, before):]
    match = None
    for match in MONEY_SPAN.finditer(clause):
        pass
    if not match:
        for match in STANDARD_SPAN.finditer(clause):
            pass
    return match["span"] if match else ""


def _denominator(before: str) -> str:
    """"百户" / "万人" when the words just before a figure make it a ratio (每百户…, 每万城镇常住人口…)."""
    match = None
    for match in DENOMINATOR.finditer(before):
        pass
    if match is None:
        return ""
    if match["average"]:
        return "人"
    if match["beds"]:
        return match["beds"] + "张"
    return (match["scale"] or "") + ("户" if match["base"] == "户" else "人")


def _figure_unit(text: str, end: int, unit: str, before: str, previous_unit: str = "") -> tuple[str, str, bool]:
    """(unit, denominator, reported) of the figure ending at ``end``, ``before`` the words of its clause before it:
    the unit with the denominator or period the words give (元/人/月, 张/千人, 元/具, 次/周); ``reported`` when they
    make it a figure no indicator computes. ``previous_unit``: the unit of the figure before it in the sentence."""
    reported = False
    money_per = MONEY_PER.match(text, end) if unit == "元" else None
    if money_per:
        # a fee or standard written with its own denominator ("不高于1780元/具", "100元/天", "6500元/户")
        unit = unit + re.sub(r"\s+", "", money_per.group())
        if unit in ("元/人", "元/户") and text[money_per.end():money_per.end() + 1] in ("月", "年"):
            unit += "/" + text[money_per.end()]  # "1130元/人月": per person and month
        unit = re.sub(r"^元/([年月])/([人户生])$", r"元/\2/\1", unit)  # "2420元/月/人", "12360元/年/人": 元/人/月
    denominator = _denominator(before) if unit not in ("%", "‰") and "/" not in unit else ""  # 人均…支出的70%: a share
    if unit == "元" and not denominator and MONEY_PER_SPAN.fullmatch(previous_unit) and _money_span(before):
        denominator = previous_unit.split("/")[1]  # "…每月不超过1700元,每年不超过1.7万元": per person too
    own = before[_last_match_end(SEGMENT_BOUNDARY, before):]
    if denominator:
        unit, reported = f"{unit}/{denominator}", True
        if unit.startswith("元/") and (span := _money_span(before)):
            unit += f"/{span}"  # "每人每月不超过1700元": a standard per person and month (元/人/月)
    elif unit == "次" and (per := TIMES_PER.search(own)):
        unit, reported = f"次/{per['span'].replace('个月', '月')}", True  # 每季度走访不少于一次 → 次/季度
    elif unit in ("元", "次", "人次", "份", "餐") and (per := SPAN_PER.search(before)):
        unit, reported = f"{unit}/{per['span'].replace('日', '天')}", True  # 每餐补贴3元 → 元/餐, 一周不超过5次 → 次/周
    elif unit == "元" and PER_BED.search(before):
        unit, reported = "元/张", True  # "每个床位分别给予1万元和5000元的建设补助", "新增床位给予每张10000元": per bed
    elif unit == "元" and (span := STANDARD_SPAN.search(own)):
        unit, reported = f"元/{span['span']}", True  # 年分散供养标准不低于2640元: a yearly standard
    elif unit == "人次" and (span := CAPACITY_SPAN.search(own)):
        unit, reported = f"人次/{span['span'].replace('日', '天')}", True  # 年接待能力约达到70000人次以上: per year
    elif unit in ("名", "人") and YEARLY_QUOTA.search(before):
        unit, reported = f"{unit}/年", True  # "每年选派50名社会工作优秀专业人才": a yearly quota, its period in the unit
    return unit, denominator, reported


# "…要求…每个村(居)配备1名儿童主任": the standard each place is asked to meet, not what was done.
ASKED_OF_EACH = re.compile(r"要求[^。；;]*?每(?:个|一)")
# "今年以来,…大力推行婚俗改革,明确规定礼金每份不超过200元,婚宴不超过10桌": the rule set, in force, not what was done.
RULE_LAID_DOWN = re.compile(r"(?:明确|统一|严格|具体)规定|规定[^，。；,;\d]{0,12}?(?:不超过|不得超过|不高于|不得高于|控制在)")
# A figure inside "按照…的标准" ("按照每个城市社区不少于10家、每个村不少于5家的标准"): a standard followed.
STANDARD_FOLLOWED_BEFORE = re.compile(r"按照?[^，。；,;]{0,30}$")
STANDARD_FOLLOWED_AFTER = re.compile(r"[^，。；,;]{0,30}?的?标准")


def _standard_followed(text: str, start: int, end: int) -> re.Match | None:
    """The rest of the "按照…的标准" a figure (``start``–``end``) stands in, up to 标准; None when it stands in none."""
    return STANDARD_FOLLOWED_AFTER.match(text, end) if STANDARD_FOLLOWED_BEFORE.search(text, 0, start) else None


def _is_status(text: str, start: int, issued_on: date | None) -> bool:
    """Whether the figure at ``start`` reports what is done ("截至目前…已…", "截至2020年末…为100%"): the
    nearest status word before it with no word of a future goal in between."""
    before = text[:start]
    if _standard_followed(text, start, start):
        return False  # "近年来,…按照每个城市社区不少于10家、每个村不少于5家的标准,大力培育…": the standard followed
    if re.search(r"(?<![为除])[\u4e00-\u9fa5]了\s*$", before):
        return True  # "…提供了超过200个优质社工岗位": a verb done (了) straight before its figure
    last = None
    for match in STATUS.finditer(before):
        if TOTAL_SO_FAR.match(match.group()) and FUTURE.search(before, 0, match.start()):
            continue  # "到2025年,全省共建成…": the total aimed at, not the total so far
        last = match
    since = last.end() if last else None
    for past in [*re.finditer(r"截[至止]\s*(?P<year>\d{4})\s*年", before), *PAST_YEAR_COUNT.finditer(before)]:
        year = past["year"] or past.groupdict().get("year2")
        if issued_on and int(year) < issued_on.year and (since is None or past.end() > since):
            since = past.end()
    for past in re.finditer(r"截[至止]\s*“?(?P<plan>十一五|十二五|十三五|十四五)”?\s*(?:末|期末|时期末)?", before):
        # "截至“十二五”末,全省社会工作专业人才总数达4.8万人" in 2016: the count reached, not a goal
        if issued_on and PLAN_END_YEARS[past["plan"]] < issued_on.year and (since is None or past.end() > since):
            since = past.end()
    if since is None:
        return False
    if ASKED_OF_EACH.search(before, since) and re.search(r"每(?:个|一)?[^，,。；;]{1,14}$", before):
        # "近年来,…实施…工程,要求…每个村(居)配备1名儿童主任": the standard each place is asked to meet
        return False
    if RULE_LAID_DOWN.search(before, since):
        return False  # (a rule laid down after the status word: its limits are in force)
    if issued_on and any(int(m["year"]) > issued_on.year for pattern in (CLAUSE_YEAR_END, CLAUSE_YEAR)
                         for m in pattern.finditer(before, since)):
        return False  # "目前,全市已建成…300多个,2014年底,全市农村互助幸福院实现基本覆盖" (2011): a later year's clause
    return not FUTURE.search(before, since)


def _total_so_far(before: str) -> bool:
    """Whether the text before a figure tells the total so far ("全省共建成…1.8万个、…8145家"): a 全省共/我市共 with no
    word of the future before it or after it."""
    totals = [m for m in STATUS.finditer(before) if TOTAL_SO_FAR.match(m.group())]
    return bool(totals) and not FUTURE.search(before)


EVENT_AFTER = re.compile(r"\s*(?:工作)?(?:视频|电视电话|现场|推进|部署|调度|动员)*(?:会议|会)"
                         # "实施…城乡养老服务全覆盖工程”列为…民生实事": the name of a project, not a goal of its own
                         r"|\s*(?:工程|行动|项目)")
# "以“统筹规划、…、全面覆盖”为原则": a principle quoted, not a goal.
PRINCIPLE_AFTER = re.compile(r"\s*[”\"’]\s*(?:为|的)?\s*原则")
# "…服务站(点)100%覆盖", "困难群众和特殊群体社会工作服务100%覆盖": coverage written as a share of 100 %.
HUNDRED_COVERAGE = re.compile(r"100\s*%\s*(?:全)?覆盖|(?<=配建)\s*100\s*%\s*达标")  # 社区养老服务设施配建100%达标
# "全市114个镇(街)全面建成社会工作服务站", "全市村(社区)全面建成社会工作服务点": every place of a kind builds one.
ALL_BUILT = re.compile(r"(?P<place>乡镇[（(]街道[)）]|镇[（(]街[)）]|乡镇|街道|镇|村[（(]社区[)）]|社区[（(]村[)）]|村|社区)"
                       r"\s*(?:全面|全部|均)建成\s*(?P<thing>[\u4e00-\u9fa5]{0,10}?(?:站点|站|点|中心|室))")
# "全省乡镇(街道)社会工作站基本建成": the thing named first, then built (基本建成 is coverage, as 基本覆盖).
BUILT_AFTER = re.compile(r"(?P<place>乡镇[（(]街道[)）]|镇[（(]街[)）]|乡镇|街道|村[（(]社区[)）]|社区[（(]村[)）])"
                         r"\s*(?P<thing>[\u4e00-\u9fa5]{0,8}?(?:社工站|社会工作站|社会工作服务站|站点|中心|室))"
                         r"\s*(?:基本|全面|全部|均)建成(?![率的])")


# "全市各乡镇人民政府(街道办事处)要设立社会救助申请受理窗口", "…将在所有新型社区全面推开": what every place of a tier
# sets up, a coverage of that tier with no word of coverage.
EACH_SETS_UP = re.compile(r"(?:各|所有|每个)(?P<place>乡镇[（(]街道[)）]|乡镇人民政府[（(]街道办事处[)）]|乡镇|街道|镇街|"
                          r"新型社区|城乡社区|城市社区|社区|村[（(]社区[)）]|行政村|村)"
                          r"[^，。；,;\d]{0,4}?(?:都|均)?(?:要|须|应|将)?\s*(?:设立|建立|设置|全面推开)"
                          r"(?P<thing>[^，。；,;\d]{0,20}?(?:窗口|平台|站点|站|中心|室))?")
# "各镇(街)在社会事务服务中心设立民政服务站", "在乡镇(街道)设置“民政办公室”牌子", "在县级民政部门成立民政服务中心": an
# office every place of a tier sets up, named by where it stands — that tier's coverage.
PLACE_SETS_UP = re.compile(r"(?:(?<=[在各，。；,;：:])|^)(?:各|所有|每个)?(?P<place>县级民政部门|县级|乡镇[（(]街道[^()（）]{0,8}[)）]|"
                           r"镇[（(]街[)）]|镇街)(?:[^，。；,;\d]{0,10}?(?:在|的))?[^，。；,;\d]{0,8}?(?:都|均)?(?:要|须|应|将)?\s*"
                           r"(?:设立|设置|成立)(?P<thing>[^，。；,;\d]{0,12}?(?:窗口|服务站|服务中心|办公室|民政所|民政办|牌子))")
TOLD_DONE = re.compile(r"已|截[至止]|目前")  # (a coverage or rate told with these words is what is, not a goal)
# A coverage of two tiers listed ("乡镇(街道)、村(居)志愿服务站点全覆盖"): the town before the 、, the village after it.
TOWN_BEFORE_VILLAGE = re.compile(r"(?:乡镇[（(]街道[)）]|乡镇|街道|镇街)\s*、\s*$")
VILLAGE_TIER = re.compile(r"\s*(?:村[（(](?:居|社区)[)）]|村社区|社区[（(]村[)）])")


RATE_ITEM = re.compile(r"[\u4e00-\u9fa5()（）]{2,24}率")


def _tier_level(place: str) -> str | None:
    """The level of a tier of places named alone ("村", "行政村", "所有县(市、区)", "乡镇", "城市社区"): what every place
    of it having one covers."""
    if place in ("村", "行政村", "村委会"):
        return RURAL
    if place.startswith("村"):
        return COMMUNITY  # "所有村(社区)建有老年服务站点": villages and communities
    return COUNTY if place.startswith("县") else _CUE_LEVELS.get(_last_cue(place))


# Another tier named straight after the one covered ("覆盖所有城市社区和乡镇"), the sentence going on after it.
COVERED_TOO = re.compile(r"\s*(?:和|及|以及|、)\s*(?:所有的?)?(?P<tier>乡镇（街道）|乡镇\(街道\)|乡镇|街道|镇街|行政村|建制村)(?=[,，。；;])")
# A share of the places that reach coverage, before it: "45%以上的行政村将实现…全覆盖".
SHARE_COVERED = re.compile(r"\d+(?:\.\d+)?\s*%\s*(?:以上|左右)?的?[\u4e00-\u9fa5（）()]{1,10}?(?:将|要|均|都)?(?:实现|达到)")


def _coverage(text: str, station_level: str = ""):
    """Coverage targets of a sentence, which carry no number: (start, end, comparator, threshold, unit,
    indicator, level or None, note)."""
    found = []
    for match in ONE_EACH.finditer(text):  # 一县（区）一中心，一乡镇（街道）一站点
        unit, thing = match["unit"], match["thing"]
        level = COUNTY if unit in ("县", "区", "市") else TOWN if unit in ("乡镇", "镇", "街道", "乡") else COMMUNITY
        indicator = "town_station_coverage" if level == TOWN and "站" in thing else ""
        found.append((match.start(), match.end(), PRESENT, None, "", indicator, level, f"覆盖：{match.group(0)}"))
    for match in EACH_SETS_UP.finditer(text):
        if match.group(0).endswith("全面推开") or match["thing"]:
            # the place's level, read as EVERY_HAS reads it
            level = RURAL if match["place"] == "村" else _CUE_LEVELS.get(_last_cue(match["place"]))
            found.append((match.start(), match.end(), PRESENT, None, "", "", level, f"覆盖：{match.group(0)}"))
    for match in PLACE_SETS_UP.finditer(text):
        if any(s <= match.start() < e for s, e, *_ in found) or TOLD_DONE.search(text[:match.start()]):
            continue
        level = COUNTY if match["place"].startswith("县") else TOWN
        found.append((match.start(), match.end(), PRESENT, None, "", "", level, f"覆盖：{match.group(0)}"))
    for match in [*ALL_BUILT.finditer(text), *BUILT_AFTER.finditer(text)]:
        place, thing = match["place"], match["thing"]
        if place.startswith(("村", "社区")):
            level, indicator = (RURAL if place == "村" else COMMUNITY), ""
        else:
            level = TOWN
            indicator = "town_station_coverage" if "站" in thing else ""
        found.append((match.start(), match.end(), PRESENT, None, "", indicator, level, f"覆盖：{match.group(0)}"))
    for pattern in (HUNDRED_COVERAGE, COVERAGE_RATE, FULL_COVERAGE):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e, *_ in found):
                continue
            if pattern is FULL_COVERAGE and text[match.start() - 1:match.start()] == "、" \
                    and text[match.end():match.end() + 1] == "、":
                continue  # "多支柱、全覆盖、更加公平、更可持续的社会保障体系": one of a system's qualities, not a goal
            if EVENT_AFTER.match(text, match.end()) or PRINCIPLE_AFTER.match(text, match.end()):
                continue  # "重庆市推进社区养老服务全覆盖工作视频会议": the name of a meeting, not a goal
            if pattern is COVERAGE_RATE and match.group(0).startswith("率") and TOLD_DONE.search(text):
                continue  # "…项目已全部开工建设,…补助资金到位率100%": a rate with no verb in a report is what is
            # A list of goals ("…覆盖率为100%、…比例(≥10%)、…一体机覆盖率为100%") ends a coverage's subject at "、" too.
            segment_start = max([_segment_start(text, match.start(), 0),
                                 *(m.end() for m in re.finditer("、", text[:match.start()]))])
            subject = text[segment_start:match.start()]
            if pattern is FULL_COVERAGE and any(segment_start <= s and e <= match.start() for s, e, *_ in found):
                continue  # 实现“一社区一中心”的全覆盖: the 一X一Y already read is the coverage, said once
            if pattern is FULL_COVERAGE and SHARE_COVERED.search(subject):
                continue  # "全省45%以上的行政村将实现社区服务功能全覆盖": the share of places is the target, read as one
            if not subject.strip() and segment_start:  # "…乡镇社工站建设，实现全覆盖": the clause before
                subject = text[_segment_start(text, segment_start - 1, 0):match.start()]
            indicator, level = "", None
            named_station = pattern is HUNDRED_COVERAGE and re.search(r"社会工作服务站|社工站", subject) \
                and not re.search(r"村|社区|县|中心", subject)  # 全省社会工作服务站(点)100%覆盖: the towns'
            if named_station or (STATION_WORDS.search(subject) or STATION_SERVICE.search(subject) and TOWN_WORDS.search(subject)) and (
                    TOWN_WORDS.search(subject) or (
                    station_level == TOWN_STATION and not re.search(r"村|社区", subject))):
                indicator, level = "town_station_coverage", TOWN
            else:
                cue = _last_cue(subject + match.group(0))  # 覆盖所有城乡社区: the place is in the phrase
                level = _CUE_LEVELS.get(cue) if cue else None
                if cue == "community" and re.search(r"村", subject) \
                        and not re.search(r"城市|城镇|城乡|村[（(]社区[)）]|社区[（(]村[)）]", subject):
                    level = RURAL
                if cue is None and pattern in (COVERAGE_RATE, HUNDRED_COVERAGE) and subject.strip():
                    level = COUNTY  # "特困人员集中供养率达到100%": a rate that names no place is the county's
            note = "基本覆盖" if "基本" in match.group(0) else ""
            pair = TOWN_BEFORE_VILLAGE.search(text[:segment_start]) if pattern is FULL_COVERAGE else None
            if pair and not indicator and VILLAGE_TIER.match(subject):
                # "实现乡镇(街道)、村(居)志愿服务站点全覆盖": the towns' and the villages' (communities') points, two
                found.append((pair.start(), match.end(), PRESENT, None, "", "", TOWN, note))
                level = COMMUNITY
            found.append((segment_start if subject else match.start(), match.end(), PRESENT, None, "", indicator,
                          level, note))
            if pattern is FULL_COVERAGE and (also := COVERED_TOO.match(text, match.end())) \
                    and (cue := _last_cue(also["tier"])) and _CUE_LEVELS[cue] != level:
                # "…服务设施覆盖所有城市社区和乡镇": the towns are covered too, a target of their own
                found.append((also.start("tier"), also.end(), PRESENT, None, "", "", _CUE_LEVELS[cue], note))
            if pattern is COVERAGE_RATE and match["second"]:  # 覆盖率和面积达标率达到100%: two rates, one figure
                found.append((match.start("second"), match.end(), PRESENT, None, "", "", level,
                              f"{match['second']}达到100%"))
            if pattern is COVERAGE_RATE and not indicator and text[segment_start - 1:segment_start] == "、":
                # "困难残疾人生活补贴覆盖率、重度残疾人护理补贴覆盖率、…接送返回率、县级…覆盖率要达到100%": each rate
                # listed before the shared figure is a goal of its own
                clause_start = _segment_start(text, match.start(), 0)
                position = clause_start
                for item in text[clause_start:segment_start - 1].split("、"):
                    words = item.strip()
                    if RATE_ITEM.fullmatch(words):
                        cue = _last_cue(words)
                        found.append((position, position + len(item), PRESENT, None, "", "",
                                      _CUE_LEVELS.get(cue) if cue else COUNTY, f"{words}达到100%"))
                    position += len(item) + 1
    for match in COVERS_EVERYONE.finditer(text):
        if not any(s <= match.start() < e for s, e, *_ in found):
            found.append((match.start(), match.end(), PRESENT, None, "", "", COUNTY, "覆盖：" + match.group(0)))
    for match in COVERS_SHARE.finditer(text):
        segment = text[_segment_start(text, match.start(), 0):match.start()]
        if not COVERS.search(segment) or any(s <= match.start() < e for s, e, *_ in found):
            continue
        level = TOWN if match["town"] else _CUE_LEVELS.get(_last_cue(match["place"]))
        if match["place"] in ("村", "行政村", "建制村", "农村"):
            level = RURAL
        elif level == COMMUNITY and URBAN_AREA.search(segment):
            level = URBAN  # "市区为老服务站要覆盖95%以上的社区": the communities of the urban area
        full = Decimal(match["num"]) == 100
        found.append((match.start(), match.end(), PRESENT if full else GTE, None if full else Decimal(match["num"]),
                      "" if full else "%", "", level, "覆盖：" + match.group(0)))
    for match in ALL_OF_TIER.finditer(text):  # 全省城市社区都将建立志愿服务站: every place of the tier has one
        if any(s <= match.start() < e for s, e, *_ in found):
            continue
        level = _tier_level(match["place"])
        if level == RURAL and re.search(r"社区(?:和|及|与|、)[\u4e00-\u9fa5]{0,4}$", text[:match.start()]):
            level = COMMUNITY  # "所有的城镇社区和农村村委会均建有…": communities and villages, every community
        found.append((match.start(), match.end(), PRESENT, None, "", "", level,
                      "都覆盖" if match.group(0).endswith("覆盖") else "都建立"))
    for match in EVERY_ONE_HAS.finditer(text):  # 每个社区都将拥有一个…中心: every place of the tier has one
        if any(s <= match.start() < e for s, e, *_ in found):
            continue
        found.append((match.start(), match.end(), PRESENT, None, "", "", _tier_level(match["place"]), "每个都有"))
    for match in ALL_ACHIEVE.finditer(text):  # 全面实现社区有址办公: every community of the tier
        if any(s <= match.start() < e for s, e, *_ in found):
            continue
        level = RURAL if match["place"] in ("村", "行政村") else _CUE_LEVELS.get(_last_cue(match["place"]))
        found.append((match.start(), match.end(), PRESENT, None, "", "", level, "全面实现"))
    for match in EVERY_HAS.finditer(text):
        if any(s <= match.start() < e for s, e, *_ in found):
            continue
        level = RURAL if match["place"] == "村" else _CUE_LEVELS.get(_last_cue(match.group(0)))
        found.append((match.start(), match.end(), PRESENT, None, "", "", level, "每个都有"))
    for match in BUILT_SHARE.finditer(text):  # 完成30%乡镇社工站建设: a share of the county's towns
        what, number = match["what"] or "", match["num"] or match["num2"]
        indicator = "town_station_built_share" if STATION_WORDS.search(what) and TOWN_WORDS.search(what) else ""
        start = match.start("num") if match["num"] else match.start("num2")
        found.append((start, match.end(), GTE, Decimal(number), "%", indicator, COUNTY, ""))
    for match in ALL_IN_POST.finditer(text):  # 社工全部上岗
        segment_start = _segment_start(text, match.start(), 0)
        level = TOWN_STATION if STATION_WORDS.search(text[:match.start()]) else None
        found.append((match.start(), match.end(), PRESENT, None, "", "", level, "全部到岗"))
    return found


def _indicator_levels(code: str) -> tuple:
    """The levels the registry computes ``code`` at (its catalogue entry; any level for a code it does not list)."""
    from wulian.indicators import CATALOGUE

    return CATALOGUE[code][2] if code in CATALOGUE else (COUNTY, TOWN, URBAN, RURAL, COMMUNITY, HUB, TOWN_STATION, ROOM)


def comparator_of(words: str) -> str:
    """不少于 / 不得低于 → gte, 不超过 / 不得高于 → lte, 超过 → gt, …"""
    if words.startswith("不"):
        return GTE if words[-2:] in ("少于", "低于", "小于") else LTE
    if words.endswith("到") and words[:2] in ("增加", "增长", "提高", "提升", "扩大", "拓展"):
        return GTE
    if words.startswith("达到或"):
        return GTE  # "必须达到或超过55%": reached at least
    for sign, comparator in (("≥", GTE), (">=", GTE), ("≤", LTE), ("<=", LTE)):
        if words.endswith(sign):
            return comparator
    return COMPARATORS[words]


def _unit_family(unit: str) -> str:
    return "count" if unit in COUNTS else UNIT_ALIASES.get(unit, unit)


def draft_document(text: str, *, issued_on: date | None = None) -> DocumentDraft:
    """Read a policy document and draft its targets."""
    text = normalize(text)
    lines = text.split("\n")
    title = number = ""
    match = TITLE_IN_BRACKETS.search("\n".join(lines[:10]))
    if match:
        title = match["title"]
    for line in lines[:15]:
        if not title and (m := TITLE_LINE.match(line)):
            title = m["title"]
        if not number and (m := DOC_NUMBER.search(line)):
            number = m.group(0)
    if issued_on is None:
        for line in lines:
            if m := ISSUE_DATE.match(line):
                issued_on = date(int(m["year"]), int(m["month"]), int(m["day"]))
                break
    if issued_on is None and (m := ISSUE_DATE_HAN.search(text.rstrip())):
        year = int("".join(str(_CN_DIGITS.get(c, 0)) for c in m["year"]))  # 〇 is 0
        with contextlib.suppress(ValueError, TypeError):  # (二〇一〇年二月三十日: no such day)
            issued_on = date(year, chinese_number(m["month"]), chinese_number(m["day"]))
    phases = draft_phases(text)
    return DocumentDraft(title=title, number=number, issued_on=issued_on, phases=phases,
                         targets=draft_targets(text, issued_on, phases=phases))


# The document's year and kind, read by ``_document_year`` (``DocumentYear``) from its first lines, and
# ``_year_plan_end``'s year's list.
# "2023年成都将抓好8项民生实事", "现对2023年全市民政工作做出如下安排": an opening sentence that announces a year's
# list (a word of the future inside the list's name) or a year's arrangements.
YEAR_PLAN_ANNOUNCED = re.compile(r"(?P<year>\d{4})\s*年[^\n，。；,;]{0,8}?(?:将|计划|要|拟)[^\n，。；,;]{0,8}?(?:为民实事|"
                                 r"为民办实事|民生实事|重点任务|重点工作)"
                                 r"|(?:对|就)\s*(?P<year2>\d{4})\s*年[^\n，。；,;]{0,16}?(?:作出|做出)(?:如下|以下)?(?:安排|部署)"
                                 # "省政府决定,2019年继续为全省残疾人办好十件实事": the things to do well that year
                                 r"|(?P<year3>\d{4})\s*年[^\n，。；,;]{0,16}?办好[^\n，。；,;]{0,6}?"
                                 r"(?:\d+|[一二三四五六七八九十]+)[件项](?:为民|民生)?实事")
# "…票决产生了2024年十大政府重点民生实事项目" in a report with no date: the year "今年" is.
YEAR_NAMED = re.compile(r"(?P<year>\d{4})\s*年度?[^\n，。；,;]{0,12}?(?:为民实事|为民办实事|民生实事)")
# "今年我市将聚焦…十方面实事", "今年绵阳市民政工作将…", "(政府工作报告)山东将扎实办好重点民生实事": a report's opening
# that announces this year's list with no year written; the year is the report's date, or a dateline among its first
# lines ("2024-02-29 10:27:28", "2015年4月"). A report of a document issued (《…实施方案》) is not: its norms
# (每站不少于2名社工, 一乡镇一站点) stand beyond the year.
# A document reported in the opening lines ("印发《…实施方案》", "《意见》提出"): its norms stand beyond the year; a
# document named only as what the year's work carries out ("落实《儿童福利机构管理办法》") is not one.
DOCUMENT_NAMED = re.compile(r"(?P<verb>落实|贯彻|执行|按照|依据|根据)?\s*《[^》]{2,60}》")
# The year's work meeting of a bureau, or the work points it sets: "2019年全省民政工作会议", "2023年民政工作要点".
WORK_MEETING = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?:度)?[^\n，。；,;]{0,10}?民政工作(?:会议|重点|要点)")
YEAR_OPENING = re.compile(r"(?:^|\n)[\s\u3000]*(?P<year>(?:19|20)\d{2})\s*年是[^。\n]{0,80}?(?:开局之年|关键之年|关键一年|攻坚之年|决胜之年|收官之年|起步之年|重要一年)")
YEAR_SET = re.compile(r"(?:确定|部署|明确|安排)(?:了)?\s*(?P<year>(?:19|20)\d{2})\s*年")
# A meeting that sets the work of a plan period to come: "确定“十三五”民政工作重点", "“十三五”期间,我省将…".
MEETING_PERIOD = re.compile(r"确定[“‘]?(?P<plan>十二五|十三五|十四五|十五五)[”’]?[^\n，。；,;]{0,6}?工作重点"
                            r"|(?:^|\n|[，,。])[\s\u3000]*[“‘]?(?P<plan2>十二五|十三五|十四五|十五五)[”’]?\s*(?:期间|时期)\s*[,，]?"
                            r"\s*(?:我|全)[省市县区州]将")
WORK_MEETING_UNDATED = re.compile(r"(?<![年度])(?:全[省市县区州盟旗]|全国)民政工作(?:会议|会)")  # no year in its name
THIS_YEAR_ANNOUNCED = re.compile(r"今年(?!以来)[^\n，。；,;]{0,12}?将|将[^\n，。；,;]{0,8}?(?:为民实事|为民办实事|民生实事)")
DATELINE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*(?:-\s*\d{1,2}\s*-\s*\d{1,2}|年\s*\d{1,2}\s*月)")
# "记者在…举办的2023年新闻媒体见面会上获悉,省民政厅今年将…": the year of the meeting or press conference that announces
# the work is the year its "今年" means, when the report bears no date.
MEETING_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?[^\n，。；,;]{0,12}?(?:会议|见面会|发布会|座谈会|推进会|工作会)")
# News of this year's list ("介绍自治区2024年十件民生实事情况", "社区养老工程是乌鲁木齐2021年民生建设十大实事之一",
# "今年该市又把这项工作作为市政府为民办实事的内容之一") in the year it is issued: a figure it says will be done, with no
# date of its own, is due at that year's end.
# The names a year's list goes by: 为民办实事, 民生实事, 十大实事, 惠民工程, 为民十大项目.
LIST_NAME = r"(?:为民实事|为民办实事|民生[\u4e00-\u9fa5]{0,4}实事|十[大件项](?:重点)?(?:民生)?实事|惠民工程|为民[十]?[大件项]?项目)"
YEAR_LIST_NAMED = re.compile(r"(?:(?P<year>\d{4})\s*年度?|今年)[^\n，。；,;]{0,16}?" + LIST_NAME)
# The people at a meeting or vote, counted: "221名人大代表", "300余名政协委员", "80名与会代表".
MEETING_PEOPLE = re.compile(r"\s*(?:余|多)?(?:名|人|位)?(?:人大代表|政协委员|与会(?:人员|代表)?|代表(?:和|、)?委员|参会人员)")
# A heading over the figures that names them tasks set ("一、任务总数", "二、目标任务", "(一)建设任务").
TASK_HEADING = re.compile(r"任务总数|任务总量|目标任务|建设任务|工作任务|任务目标|工作目标|建设目标|主要目标")
# "养老服务为民十大项目包括为100名老年人提供…": the sentence that gives the list's items (its year named above)
LIST_ITEMS_NAMED = re.compile(LIST_NAME + r"(?:主要)?(?:包括|包含|分别是|是|为)\s*[:：]?")
# "区委、区政府全面启动2019年惠民工程": a year's list launched (not one named in passing, "作为2022年…民生实事之一").
# ("西城区发布2019-2020年养老服务为民十大项目": a list of projects for the years named, due at the last one's end)
LIST_LAUNCHED = re.compile(r"(?:启动|啟動|确定|確定|公布|发布|發布)(?:了)?\s*(?:\d{4}\s*年?\s*[-－—至到]\s*)?(?P<year>\d{4})\s*年度?"
                           r"[^\n，。；,;]{0,12}?" + LIST_NAME)
# The year a report of a year under way is about: "2025年上半年工作总结", "2024年一季度", "为2024年各项工作开好局".
REPORT_YEAR = re.compile(r"(?P<year>\d{4})\s*年(?:上半年|前三季度|[一二三四1-4]季度|第[一二三四]季度|1\s*[-—至]\s*\d{1,2}\s*月|"
                         r"各项工作)")
# The year of a government work report, or of the people's congress session that hears it.
GOV_REPORT_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年[^\n，。；,;（(]{0,12}?政府工作报告|"
                             r"人大[^\n，。；,;]{0,8}?会议\s*[（(]\s*(?P<year2>(?:19|20)\d{2})\s*年")
THIS_YEAR_LIST = re.compile(r"今年[^\n。；;]{0,24}?(?:为民实事|为民办实事|民生[\u4e00-\u9fa5]{0,4}实事)")
PROGRESS_REPORT = re.compile(r"推进情况|进展情况|完成情况|工作进度|工作回顾|工作总结|介绍[^\n，。；,;]{0,24}?工作情况")
# A report of a year's work, not a plan: "2022年工作总结", "我市2024年民生实事已全部完成".
# A status document's opening in general: a year's summary (工作总结, 年度总结, "现将全年工作情况总结如下"), a report
# of results ("今年以来…取得…成效", "…工作成效显著"). Only sentences with an explicit future word are drafted.
REPORT_OPENING = re.compile(r"工作总结|年度总结|(?:情况|工作)总结如下|(?:已经?|均已)全部完成|已圆满完成|(?:任务|目标)(?:已|已经)?(?:超额)?提前完成|"
                            r"(?:^|\n)[\s\u3000]*(?:回眸|回顾)[\s\u3000]*“?(?:十[一二三四]五|\d{4}年)|"  # 回眸“十三五”: a period looked back on
                            r"(?:全年|今年|年初)以来[^\n。]{0,60}取得|工作成效显著")
# In a report of a year's works, the sentence that states the year's task: "2019年社区和居家养老工程任务是:新改扩建100家…"
TASK_STATED = re.compile(r"(?:\d{4}\s*年|今年|全年)[^。；;\n]{0,24}?(?:任务|目标)(?:是|为)\s*[:：]")
# In a report, "将" before a figure or a group is the object marker ("将3200名…纳入救助范围"), not a future.
REPORT_FUTURE = re.compile(FUTURE.pattern.replace("将", "将(?![\\d一二两三四五六七八九十百千万]|[^，。；,;]{0,12}纳入)", 1))
# "20xx年我市民政工作在…领导下,…各项工作取得了明显成效": a year's work told — a report, when no year's list is named.
REPORT_RESULTS = re.compile(r"^[^\n。]{0,12}年[^\n。]{0,160}?工作取得了?[\u4e00-\u9fa5]{0,4}(?:成效|成绩|突破|进展)")
# A figure reached (达到, 增长到, 提升到, 超过, 突破) or a coverage achieved (实现…全覆盖) is status in news
# ("全省持证社会工作者专业人才达9900人", "持证社会工作者人数由893人增长到2204人", "我市还在全省率先实现乡镇(街道)社工站
# 全覆盖") unless a word of the future or of a requirement stands in its sentence, its paragraph, its headings or the
# headline above its list. In a plan or a year's list only a figure of a year before the document's is status
# ("2023年,宁夏…护理型床位由2022年的41%提升到63.2%" said in 2024).
REACHED = re.compile(r"^(?:达到|达|(?:增加|增长|提高|提升|扩大)(?:到|至)|超过|突破)|实现|全覆盖|基本覆盖|覆盖率|一[\u4e00-\u9fa5]{1,4}一")
REACHED_AIM = re.compile(FUTURE.pattern + r"|目标|任务|指标|[应须需]|必须|务必|尽[早快]|努力|"
                         r"[(（]\d{4}\s*[-－—~至到]\s*\d{4}\s*年?[)）]|规划|实事|年底|年末|底前|"
                         r"到\s*“?十[一二三四五]五”?\s*(?:末|期末)")  # 到“十四五”末实现…全覆盖: a plan's end aimed at


POPULATION_SHARE_OF = re.compile(r"占[^，。；,;\d]{0,8}(?:总人口|人口总数)")
# "方案提出,…" earlier in a report: the figures after it are the plan's.
PLAN_REPORTED = re.compile(r"(?:方案|规划|意见|计划|纲要|通知|办法|措施|《[^》]{2,40}》)[^，。；,;]{0,6}?(?:提出|明确|要求|指出|规定)")
RAISED_TO = re.compile(r"^(?:增加|增长|提高|提升|扩大)(?:到|至)")


def _reached_unaimed(draft: "DraftTarget", sentence: "_Sentence", issued_on: date | None, planned: bool) -> bool:
    """Whether a draft read from a figure reached or a coverage achieved has no word of aim around it (status).
    In a plan, a year's list or a report of a plan (``planned``) only a figure dated in a year before the
    document's is. A figure per unit (每个社区社会组织达到30个) is a norm, and so is one with 以上/以下."""
    text = sentence.text
    at = text.find(draft.matched) if draft.matched else -1
    segment = text[_segment_start(text, at, 0):at] if at >= 0 else ""
    share = draft.unit == "%" and POPULATION_SHARE_OF.search(segment)  # "…人口达到148万人,占全市总人口的19.69%"
    if not (share or REACHED.search(draft.matched) or REACHED.search(draft.note)) or re.search(r"以[上下]$", draft.matched):
        return False
    if PER_UNIT.search(segment):
        return False
    years = [int(y) for y in re.findall(r"(\d{4})\s*年", text)]
    past = bool(issued_on and years and max(years) < issued_on.year)
    if planned or past:
        return past and not FUTURE.search(text)  # (a past year's figure, even in a paragraph that looks ahead)
    if RAISED_TO.match(draft.matched) and not past and not re.search(r"[由从]", segment) and not STATUS.search(segment):
        return False  # "覆盖率提高到45%": a raise aimed at; "由893人增长到2204人" reports one
    context = [sentence.text, *sentence.paragraph, *sentence.headings, sentence.lead]
    if any(REACHED_AIM.search(part) for part in context if part):
        return False
    if issued_on and any(int(y) > issued_on.year for part in context for y in re.findall(r"(\d{4})\s*年", part or "")):
        return False  # a year still to come
    return True


# A plan's section that reviews what was done ("一、编制背景", "发展基础", "“十三五”时期取得的成就"): status.
# A short line naming a year and what follows: its results ("2016成绩", "2016年工作回顾") or its aims ("2017目标"). Such a
# line carries no numbering, so the item parser does not make it a heading and STATUS_SECTION (which reads the
# headings above a sentence) never sees it; the drafting loop reads the lines after it as status up to the next one.
YEAR_SECTION = re.compile(r"^[\s\u3000]*(?P<year>(?:19|20)\d{2})\s*年?\s*(?:度)?\s*(?:(?P<review>成绩|成效|工作回顾|回顾|亮点|工作成效)"
                          r"|目标|任务|计划|重点|打算|工作安排|工作思路|工作重点)[\s\u3000]*$")
STATUS_SECTION = re.compile(r"^[\s\u3000]*(?:编制背景|发展基础|发展现状|发展成就|工作回顾|基本情况|现状与形势|"
                            r"[^，。；]{0,12}(?:取得的|主要)(?:成就|成效|成绩)|“?十[二三]五”?(?:时期|期间)?[^，。；]{0,8}(?:成就|回顾))")
# "地市一级至少要打造1至2个…": a figure of the cities, a tier the portal does not have.
CITY_TIER = re.compile(r"地市一级|地市级|地级市一级|设区市一级")


def _year_plan_end(text: str) -> date | None:
    """The end of the year a year's task list is for, read from its title: a short line among the first ones
    ("2024年为民实事实施方案", "…关于印发2024年为民实事实施方案的通知") or a title in 《》 there — not a report's
    sentence that names a year's list in passing ("…公布的2022年社会工作服务体系建设试点单位名单中")."""
    for line in _title_lines(text, 6).split("\n"):
        titles = [m.group(1) for m in re.finditer(r"《([^》]{4,60})》", line)]
        if len(line.strip()) <= 40 or TITLE_LINE.match(line) or re.search(r"关于印发.{4,60}的通知", line):
            titles.append(line)
        for title in titles:
            if match := YEAR_PLAN.search(title):
                if month := MONTH_PLAN.match(title, match.start()):
                    return _month_end(int(month["year"]), int(month["month"]))  # "2023年10月份重点工作": that month's
                return date(int(match["year"]), 12, 31)
    if match := YEAR_PLAN_ANNOUNCED.search(_title_lines(text, 3)):
        return date(int(match["year"] or match["year2"] or match["year3"]), 12, 31)
    # "市六届人大四次会议公告…票决通过,2024年台州市政府民生实事项目为:": the list's title is the clause that opens it
    # (a short clause ending on a colon, after the opening lines of a 公告 or a report's headline).
    for match in LIST_OPENING.finditer(_title_lines(text, 8)):
        if plan := YEAR_PLAN.search(match["title"]):
            return date(int(plan["year"]), 12, 31)
    # "…依法票决确定2025年象山县民生实事项目,共15项,分别是:": a line that opens the list names its year's list
    for line in _title_lines(text, 8).split("\n"):
        if re.search(r"(?:分别是|分别为|如下|为|是)\s*[:：]\s*$", line) and (plan := YEAR_PLAN.search(line)):
            return date(int(plan["year"]), 12, 31)
    return None


LIST_OPENING = re.compile(r"(?:^|[,，。；;])[\s\u3000]*(?P<title>[^\n,，。；;:：]{4,30}?)(?:为|如下|是)?[\s\u3000]*[:：]",
                          re.MULTILINE)


# A progress table copied one cell a line ("任务事项 |", "进展 |", …; or a header of short lines "项目", "内容", "牵头单位",
# "进展情况(7月)"…): the cells of its 进展 columns report what was done, and the year they report on is the year of
# the tasks beside them.
TABLE_CELL = re.compile(r"^\s*(?P<cell>[^|\n]*?)\s*\|\s*$")
HEADER_WORD = re.compile(r"^[\u4e00-\u9fa5()（）0-9月]{1,12}$")
PROGRESS_HEADER = re.compile(r"^(?:进展|完成情况|推进情况)")
RESPONSIBLE_CELL = re.compile(r"^[\u4e00-\u9fa5、]{1,14}(?:局|委|办|部|中心|政府|办事处)$")


LIST_TABLE_NUMBER = re.compile(r"^(?:序号|编号)$")
LIST_TABLE_SKIP = re.compile(r"序号|编号|地点|时间|单位|部门|备注|年份")
HEADER_UNIT = re.compile(r"[(（]\s*(?P<unit>万元|亿元|元|个|平方米|公里|人|%)\s*[)）]\s*$")


def _list_table(lines: list[str]) -> list[str]:
    """A list table copied one cell a line ("序号 |" "项目名称 |" "建设内容 |" "年度投资金额 (万元) |", then each
    row's cells) read as numbered sentences: "1、项目名称，建设内容，年度投资金额300万元。" — the row's number is
    its clause, a figure of a column whose header gives a unit takes that unit. Places, times and the units
    responsible are left out. A table with a progress column is left to ``_progress_table``."""
    cells = []
    for i, line in enumerate(lines):
        if (m := TABLE_CELL.match(line)) and m["cell"]:
            cells.append((i, m["cell"]))  # one cell a line: "项目名称 |"
        elif line.count("|") >= 2 or (line.count("|") == 1 and not line.rstrip().endswith("|")):
            # several cells a line: "序号 | 项目名称 |", "1 | 安康颐养项目:新改建…6个 |" (an empty cell kept in place)
            parts = [part.strip() for part in line.strip().strip("|").split("|")]
            if len(parts) >= 2:
                cells.extend((i, part) for part in parts)
    out = list(lines)
    for n, (_i, cell) in enumerate(cells):
        if not LIST_TABLE_NUMBER.match(cell):
            continue
        headers = []
        for j, head in cells[n:]:
            if head.isdigit() or (headers and j != cells[n][0] and cells[n + 1][0] == cells[n][0]):
                break  # (a header written on one line ends with it: "一、区委…任务 | ||||" below is a section's row)
            headers.append(head)
        if len(headers) < 2 or any(PROGRESS_HEADER.match(h) for h in headers):
            return lines
        rows, r = cells[n + len(headers):], 0
        while r + len(headers) <= len(rows):
            if L1.match(rows[r][1]):  # a section's row between the numbered ones: left as the heading it is
                line = rows[r][0]
                while r < len(rows) and rows[r][0] == line:
                    r += 1
                continue
            if LIST_TABLE_NUMBER.match(rows[r][1]) and [head for _k, head in rows[r:r + len(headers)]] == headers:
                r += len(headers)  # the header again at the top of the next page
                continue
            if not rows[r][1].isdigit():
                break
            # A row shorter than the header (a merged cell left out, or a header over sub-headers: "推进计划安排" over
            # "一季度"…"四季度") ends where the next row's number opens a line: its cells cannot be matched to the
            # headers, so a figure takes a header's unit only when the header and the figure are the only ones.
            following = str(int(rows[r][1]) + 1)
            short = next((q for q in range(r + 2, r + len(headers)) if rows[q][1] in (following, "序号")
                          and rows[q][0] != rows[q - 1][0]), None)
            if short is not None:
                row, r = rows[r:short], short
                units = [HEADER_UNIT.search(head) for head in headers if HEADER_UNIT.search(head)]
                figures = [value for _k, value in row[1:] if re.fullmatch(r"\d+(?:\.\d+)?", value)]
                parts = []
                for _k, value in row[1:]:
                    if len(units) == 1 and figures == [value]:
                        parts.append(f"{HEADER_UNIT.sub('', units[0].string).strip()}{value}{units[0]['unit']}")
                    elif not RESPONSIBLE_CELL.match(value):
                        parts.append(value.rstrip("。"))
            else:
                row, r = rows[r:r + len(headers)], r + len(headers)
                parts = []
                for head, (_k, value) in zip(headers, row):
                    if LIST_TABLE_SKIP.search(head):
                        continue
                    unit = HEADER_UNIT.search(head)
                    if unit and re.fullmatch(r"\d+(?:\.\d+)?", value):
                        parts.append(f"{HEADER_UNIT.sub('', head).strip()}{value}{unit['unit']}")
                    else:
                        parts.append(value.rstrip("。"))
            for k, _value in row:
                out[k] = ""
            out[row[0][0]] = f"{row[0][1]}、 " + "，".join(p for p in parts if p) + "。"  # (the space: "4、2024年…" is item 4)
        return out
    return lines


# The same table copied one cell a line with no "|" ("序号", "重点工作任务(民生实事项目)", "牵头单位", "计划完成时间",
# "进展情况(一季度)", then "1", its cells, "2", …; a row may leave cells out): rows are split at the next row number,
# the item cell is the row's sentence, a due cell ("11月底前") its deadline, every other cell (units, people,
# progress) is left out.
ITEM_HEADER = re.compile(r"项目|内容|任务|事项")
DUE_HEADER = re.compile(r"完成时限|完成时间|时间节点|时限")
DUE_CELL = re.compile(r"^(?:(?P<year>\d{4})\s*年)?\s*(?P<month>\d{1,2})\s*月(?:底|末|份)?\s*(?:前|之前)?(?:完成)?$")


def _line_table(lines: list[str], year: int | None) -> tuple[list[str], bool]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for n, i in enumerate(filled):
        if not LIST_TABLE_NUMBER.match(lines[i].strip()):
            continue
        headers = []
        for j in filled[n + 1:]:
            cell = lines[j].strip()
            if cell.isdigit() or len(cell) > 16 or "|" in cell:
                break
            headers.append(cell)
        start = n + 1 + len(headers)
        if len(headers) < 3 or not ITEM_HEADER.search(headers[0]) or start >= len(filled) \
                or lines[filled[start]].strip() != "1":
            continue
        due_column = any(DUE_HEADER.search(h) for h in headers)
        out = list(lines)
        for j in filled[n:start]:
            out[j] = ""
        number = 1
        rows = []
        for j in filled[start:]:
            cell = lines[j].strip()
            if cell == str(number):
                rows.append((j, number, []))
                number += 1
                continue
            rows[-1][2].append(j)
        for j, num, cells in rows:
            if not cells:
                continue
            item = lines[cells[0]].strip().rstrip("。")
            due = next((m for k in cells[1:] if (m := DUE_CELL.match(lines[k].strip()))), None) if due_column else None
            when = ""
            if due and (due["year"] or year):
                when = f"{due['year'] or year}年{int(due['month'])}月底前完成:"
            for k in cells:
                out[k] = ""
            out[j] = f"{num}、 {when}{item}。"
        return out, True
    return lines, False


# A plan's indicator table with its columns separated by spaces ("序号 指 标 2020年 基期值 2025年 目标值 指标 属性",
# then "7 每万城镇常住人口拥有社区工作者 14.3人 18人 预期性"): each row is a goal of its number, due in the target
# column's year, the base column is status, and an unsigned target value is reached ('达到'), a signed one kept.
INDICATOR_TABLE_HEADER = re.compile(r"^[\s\u3000]*(?:序号[\s\u3000]+)?指[\s\u3000]*标[\s\u3000].*?"
                                    r"(?P<year>\d{4})\s*年[\s\u3000]*(?:目标值|(?=属[\s\u3000]*性[\s\u3000]*$))")
# "1.残疾人家庭人均收入年均增长(%)  >7.5  预期性": a row whose number is joined to its label, the unit in brackets after it
JOINED_ROW = re.compile(r"^(?P<n>\d{1,2})[.．、](?P<name>\D.*?)(?:[(（](?P<unit>%|‰|万?人|万?个|万?家|万?张|平方米|元|万元|亿元|岁|年)[)）])?$")
TABLE_VALUE = re.compile(r"^(?:[—–\-－/]+|(?P<sign>[≥≤><]|>=|<=)?(?P<value>\d+(?:\.\d+)?[^\s\d]{0,6}))$")
TABLE_SIGNS = {"≥": "不低于", ">=": "不低于", "≤": "不超过", "<=": "不超过", ">": "超过", "<": "低于", None: "达到"}


def _indicator_table(lines: list[str]) -> list[str]:
    out, year, base_column = list(lines), None, False
    for i, line in enumerate(lines):
        if header := INDICATOR_TABLE_HEADER.match(line):
            year, base_column = int(header["year"]), "基期" in line
            continue
        if year is None:
            continue
        tokens = line.split()
        joined = JOINED_ROW.match(tokens[0]) if tokens and len(tokens) >= 2 else None
        if joined:
            tokens = [joined["n"], joined["name"], *tokens[1:]]
        if not tokens or not tokens[0].isdigit() or len(tokens) < 3:
            if line.strip():
                year = None  # the table ends at the first line that is not a row
            continue
        if tokens[-1] in ("预期性", "约束性"):
            tokens = tokens[:-1]
        values = []
        while len(tokens) > 2 and TABLE_VALUE.match(tokens[-1]) and len(values) < 1 + base_column:
            values.insert(0, TABLE_VALUE.match(tokens.pop()))
        target = values[-1] if values else None
        if target is None or not target["value"]:
            continue
        name = "".join(tokens[1:])
        figure = target["value"]
        if joined and joined["unit"] and re.fullmatch(r"\d+(?:\.\d+)?", figure):
            figure += joined["unit"]  # "(万人)" after the label: the value's unit
        out[i] = f"{tokens[0]}、 到{year}年,{name}{TABLE_SIGNS[target['sign']]}{figure}。"
    return out


# The same kind of indicator table copied one cell a line, each cell closed by "|" ("类别 |", "主要指标 |", "单位 |",
# "2020年 实际值 |", "2025年 目标值 |", "指标 属性 |", then "2.农村低保标准占城市低保标准比例 |", "% |", "58 |", "75 |",
# "预期性 |"; a group's name "基本民生保障 |" between rows): each numbered row is a goal of its number due in the target
# column's year, written as a sentence with the unit cell after its value ("万人" read as ten thousands); the base
# column is status; a target cell that is no figure ("不低于居民…增速") gives no goal.
CELL_HEADER_TARGET = re.compile(r"^(?:(?P<year>\d{4})年?(?:末|底)?(?:目标值|目标|规划值|预期值)?"
                                r"|(?:目标值|目标|规划值)[(（](?P<year2>\d{4})年?[)）])$")
CELL_HEADER_WORD = re.compile(r"^(?:类别|领域|序号|主要指标|指标|指标名称|具体指标|单位|计量单位|指标属性|属性|备注|"
                              r"\d{4}年?(?:末|底)?(?:实际值|基期值|基准值|现状值|目标值|目标|规划值|预期值)?|"
                              r"(?:目标值|目标|规划值|基期值|实际值)[(（]\d{4}年?[)）])$")
CELL_HEADER_BASE = re.compile(r"实际值|基期值|基准值|现状值|基数")
CELL_ROW = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>\D\S*)$")
CELL_UNIT = re.compile(r"^(?:%|‰|万?人|万?个|万?家|万?张|万?户|万?名|平方米|元|万元|亿元|岁|年|次|人次|万人次|处|所|[\u4e00-\u9fa5]{1,2}/[\u4e00-\u9fa5]{1,3})$")
CELL_KIND = re.compile(r"^(?:预期性|约束性|预期值|约束值)$")


INDICATOR_ROW = re.compile(r"^到\d{4}年,")  # a row of an indicator table as read (its number the clause): its own goal


def _cell_indicator_table(lines: list[str]) -> list[str]:
    cells = []  # (line index, cell): a line that is one cell closed by "|", or a short line with no "|" (a bare copy)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.endswith("|"):
            parts = [part.strip() for part in stripped.strip("|").split("|") if part.strip()]
            cells.append((i, parts[0] if len(parts) == 1 else None))
        elif stripped and "|" not in stripped and len(stripped) <= 40 and not stripped.endswith(("。", "；", ";")):
            cells.append((i, stripped))
        else:
            cells.append((i, None))
    out = list(lines)
    n = 0
    while n < len(cells):
        header = []  # the run of header cells from n
        k = n
        while k < len(cells) and cells[k][1] is not None and CELL_HEADER_WORD.match(_squeezed(cells[k][1])) \
                and len(header) < 10:
            header.append(_squeezed(cells[k][1]))
            k += 1
        years = [m for h in header if (m := CELL_HEADER_TARGET.match(h))]
        if not years or not any(h in ("单位", "计量单位") for h in header):
            n += 1
            continue
        year = int(years[-1]["year"] or years[-1]["year2"])
        base = len(years) > 1 or any(CELL_HEADER_BASE.search(h) for h in header)
        for j in range(n, k):
            out[cells[j][0]] = ""
        while k < len(cells):
            i, cell = cells[k]
            if cell is None:
                if lines[i].strip():
                    break  # the table ends at the first line that is not a cell
                k += 1
                continue
            row = CELL_ROW.match(cell)
            label = 0
            if not row and re.fullmatch(r"\d{1,2}", cell) and k + 1 < len(cells) and cells[k + 1][1] \
                    and re.match(r"\D{2,}", cells[k + 1][1]) and not CELL_UNIT.match(cells[k + 1][1]):
                row, label = re.match(r"(?P<n>\d{1,2})(?P<name>)", cell), 1  # "2" then "农村低保标准…比例" (no "|")
            if not row:
                out[i] = ""  # a group's name, a row's kind (预期性)
                k += 1
                continue
            name = row["name"] or cells[k + 1][1]
            values = [c for _i, c in cells[k + 1 + label:k + 4 + label]]
            unit = values[0] if values and values[0] and CELL_UNIT.match(values[0]) else None
            used = 1 + label + (unit is not None) + (1 if base else 0) + 1
            target = values[(unit is not None) + (1 if base else 0)] if len(values) > (unit is not None) + base else None
            for j in range(k, min(k + used, len(cells))):
                out[cells[j][0]] = ""
            value = TABLE_VALUE.match(target.replace(" ", "")) if target else None
            if value and value["value"]:
                figure = value["value"]
                if unit and re.fullmatch(r"\d+(?:\.\d+)?", figure):
                    figure += unit
                out[i] = f"{row['n']}、 到{year}年,{name}{TABLE_SIGNS[value['sign']]}{figure}。"
            k += used
        n = k + 1
    return out


def _squeezed(cell: str) -> str:
    return re.sub(r"[\s\u3000]", "", cell)


# A progress table whose cells were run together when copied (余杭区民生实事项目进展表: a header line
# "实事内容工作任务责任单位进展情况", then rows "养老助残创建20个无障碍社区。区残联,相关镇街1.完成第一批…"): each row's task
# is its text up to the first 。, the rest (responsible units, the quarters' progress) is status.
RUN_TOGETHER_HEADER = re.compile(r"^[\s\u3000]*[\u4e00-\u9fa5]{0,8}(?:工作任务|任务|实事内容)[\u4e00-\u9fa5]{0,6}"
                                 r"(?:责任单位|牵头单位)[\u4e00-\u9fa5]{0,6}(?:进展情况|完成情况|推进情况)[\s\u3000]*$")


RESPONSIBLE_RUN = re.compile(r"[\s\u3000]*[\u4e00-\u9fa5、]{1,14}?(?:局|委|办|残联|政府|中心)(?:[,，、][^,，。]{0,8}?(?:镇街|街道|乡镇))?")


def _run_together_progress(lines: list[str]) -> tuple[list[str], bool]:
    header = next((i for i, line in enumerate(lines) if RUN_TOGETHER_HEADER.match(line)), None)
    if header is None:
        return lines, False
    cut = []
    for i, line in enumerate(lines):
        if i > header and "。" in line and RESPONSIBLE_RUN.match(line.split("。", 1)[1]):
            line = line.split("。", 1)[0] + "。"
        cut.append(line)
    return cut, True


def _progress_table(lines: list[str]) -> tuple[set, int | None]:
    """The indices of the lines that are cells of a progress column, and the year those cells speak of most."""
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip() and line.strip() != "|"]
    progress: set = set()
    piped = [(i, TABLE_CELL.match(line)) for i, line in filled]
    headers, start = [], None
    for n, (i, cell) in enumerate(piped):
        if cell and HEADER_WORD.match(cell["cell"]) and not cell["cell"].isdigit():
            headers.append(cell["cell"])
            continue
        if len(headers) >= 3 and any(PROGRESS_HEADER.match(h) for h in headers):
            start = n
            break
        headers = []
    if start is not None:  # "报送次数 | 任务序号 | 任务事项 | 进展 | 进度 |": count the cells of each row
        columns = [bool(PROGRESS_HEADER.match(h)) for h in headers]
        for k, (i, _cell) in enumerate(filled[start:]):
            if columns[k % len(columns)]:
                progress.add(i)
    else:  # no "|": short header lines, then in each row the cells after the responsible unit's
        header_end = 0
        while header_end < len(filled) and HEADER_WORD.match(filled[header_end][1]):
            header_end += 1
        heads = [line for _i, line in filled[:header_end]]
        if any(PROGRESS_HEADER.match(h) for h in heads) and any(re.search(r"牵头|责任", h) for h in heads):
            in_progress = False
            for i, line in filled[header_end:]:
                if RESPONSIBLE_CELL.match(line):
                    in_progress = True
                    continue
                if in_progress and len(line) <= 12 and not line.startswith("已") and not line.endswith("。"):
                    in_progress = False  # the next row's name
                if in_progress:
                    progress.add(i)
    years = Counter(re.findall(r"(\d{4})\s*年", "\n".join(lines[i] for i in progress)))
    return progress, int(years.most_common(1)[0][0]) if years else None


# A completion table ("考核指标 | 计量单位 | 工作目标 | 已完成数 | 占年度任务 |"): its 工作目标 column holds the year's
# targets, and the year is the one its title names (the short line above the header).
TARGET_COLUMN = re.compile(r"^[\s\u3000]*(?:工作目标|年度目标|目标任务|年度任务)[\s\u3000]*\|?[\s\u3000]*$")
DONE_COLUMN = re.compile(r"^[\s\u3000]*(?:已完成数?|完成数|实际完成|占年度任务|完成比例)[\s\u3000]*\|?[\s\u3000]*$")


def _completion_table_year(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if TARGET_COLUMN.match(line) and any(DONE_COLUMN.match(x) for x in lines[i + 1:i + 4]):
            for above in reversed(lines[max(0, i - 8):i]):
                if (year := re.search(r"(\d{4})\s*年", above)) and len(above.strip()) <= 40:
                    return int(year[1])
    return None


def _item_heading(sentence: "_Sentence") -> bool:
    """The sentence is a numbered item's heading line of its own ("(二)新增养老床位250张"), with a figure."""
    return (bool(sentence.headings) and not sentence.previous and sentence.text == sentence.headings[-1]
            and not re.search(r"[。；;]", sentence.text) and bool(re.search(r"\d", sentence.text)))


def _title_lines(text: str, count: int = 3) -> str:
    """The document's first lines (its title, or the report's headline and first paragraph)."""
    return "\n".join([line for line in text.split("\n") if line.strip()][:count])


def _date_the_undated(drafts: list, again: "DraftTarget") -> None:
    """A target said first with no date and again with one: the first takes the date of the second."""
    if again.deadline is None:
        return
    for draft in drafts:
        if draft.key() == again.key() and draft.deadline is None and draft.period == ONGOING:
            draft.deadline, draft.period = again.deadline, again.period
            draft.note = "；".join(n for n in (draft.note, "期限：后文再提时所写") if n)
            return


def draft_targets(text: str, issued_on: date | None = None, phases: list[DraftPhase] | None = None, *,
                  civil_affairs_only: bool = True) -> list[DraftTarget]:
    """Every measurable requirement of ``text`` as a draft target, in document order, without duplicates. In a
    government's list of the year's works for every department only civil affairs' items are drafted, unless
    ``civil_affairs_only`` is false (every item: how the list itself is read)."""
    text = normalize(text)
    token = _HORIZONS.set(_horizons(text))
    try:
        drafts = _draft_targets(text, issued_on, phases)
    finally:
        _HORIZONS.reset(token)
    # Lines that are a figure alone ("353张", "840名"), many of them, are a table's cells copied one a line — columns
    # of figures for each named district (常州's 民政工作要点 task table), not targets of the document's own (a cell or
    # two alone is a table's target: kept).
    alone = [d for d in drafts if d.matched and (d.quote or "").strip(" \u3000|") == d.matched]
    if len(alone) >= LONE_CELLS:
        cells = {id(d) for d in alone}
        drafts = [d for d in drafts if id(d) not in cells]
    drafts = [d for d in drafts if not _allotted(d)]
    drafts = _without_restated(drafts, _title_lines(text, 1))
    drafts = [d for d in drafts if not _changed_from(d)]
    _years_respectively(drafts)
    for draft in drafts:
        if issued_on and draft.deadline and draft.deadline.year < issued_on.year and PROJECT_SCALE in draft.note:
            # "…是2012年…为民办实事项目,…设置床位909张" told in 2016: no deadline of a project's size before the page
            draft.deadline, draft.period = None, ONGOING
        if draft.unit in ("元/月", "元/年") and _people_standard(draft):
            draft.unit = "元/人/" + draft.unit[-1]  # "城市居民最低生活保障標準625元/月": each person's, per month
        if draft.unit.startswith("元/人/") and draft.level == COUNTY and not draft.regions:
            draft.regions = _places_opening(draft)
    if URBAN_PLAN.search(_title_lines(text, 3)):
        # 《城市社区规范化标准化建设三年行动方案》: the communities of a plan for urban communities are urban ones
        for draft in drafts:
            if draft.level == COMMUNITY and not draft.regions and (
                    not draft.indicator or URBAN in _indicator_levels(draft.indicator)):
                draft.level = URBAN
    if civil_affairs_only and government_list(text):
        # a list of every department's works names several of their things; news of one civil-affairs project that
        # stands in such a list ("作为石狮市2021年为民办实事项目之一,…儿童院修缮项目…") names none
        every_department = every_department_list(text)
        civil_headings = {clause for clause, heading, line in _numbered_lines(text)
                          if heading and CIVIL_AFFAIRS_THINGS.search(SENTENCE_END.split(line, maxsplit=1)[0])}
        # (an item under a heading that names a civil-affairs thing is civil affairs' — "三、提升为老服务水准。新增
        # “老省心”综合体28个" — whatever its own words name)
        drafts = [d for d in drafts if not _other_departments(d, every_department)
                  or any(".".join(d.clause.split(".")[:n]) in civil_headings for n in range(1, d.clause.count(".") + 2))]
    for draft in drafts:
        draft.measure = _reviewer_name(draft)
    return drafts


LONE_CELLS = 4
# A standard paid to each person of a group (低保, 特困, 孤儿, 五保 …): its 元/月 is per person and month, written or not;
# not a fee per thing ("普通寄存格位5元/月") nor a sum per place ("每个社区每年30万元").
PEOPLE_STANDARD = re.compile(r"低保|最低生活|特困|供养|孤儿|养育|五保|救助|生活保障|生活费|护理(?:费|标准)|自理|照料|两补|两项补贴")
PER_THING = re.compile(r"每(?:个|户|床|张|院|所|家|站|格|处)|格位|寄存")


def _paid_per_person(clause: str) -> bool:
    """Whether a money figure's clause names a standard paid to each person of a group (not a fee per thing)."""
    return bool(PEOPLE_STANDARD.search(clause)) and not PER_THING.search(clause)


def _people_standard(draft: "DraftTarget") -> bool:
    at = _matched_at(draft)
    if at < 0:
        return False
    clause = re.split(r"[，。；,;]", draft.quote[:at])[-1] + draft.matched
    if not PEOPLE_STANDARD.search(clause) and re.match(r"\s*(?:分别)?\s*(?:从|由)", clause):
        # "城乡低保对象…人均补差水平,分别从每月631元、286元提高到653元、315元": the standard is named before the comma
        clause = re.split(r"[。；;]", draft.quote[:at])[-1][-40:] + draft.matched
    return _paid_per_person(clause)


def _places_opening(draft: "DraftTarget") -> list[str]:
    """The places named at the opening of a per-person standard's clause: the standard is theirs only."""
    at = _matched_at(draft)
    if at < 0:
        return []
    places = PLACES_OPENING.match(re.split(r"[，。；,;:：]", draft.quote[:at])[-1])
    if not places:
        return []
    named = re.split(r"[、和及]", places["places"])
    if len(named) == 1 and len({other["places"] for clause in re.split(r"[，。；,;:：]", draft.quote)
                                if (other := PLACES_OPENING.match(clause))}) < 2:
        return []  # "惠民县城乡低保标准…": one place alone is the issuer's own, unless other places follow with theirs
    return named


URBAN_PLAN = re.compile(r"《[^》]{0,10}(?:城市社区|城区[^》农村乡]{0,8}?(?:住宅区|住宅小区))[^》农村乡]{0,20}?"
                        r"(?:方案|规划|意见|计划|办法)[^》]{0,14}》")  # (《…城区居民住宅区配套建设社区工作服务用房实施办法》)
# "明确2024年、2025年分别推进不少于60个、70个…项目": years named in turn, then as many figures, each due at its year's end
YEARS_RESPECTIVELY = re.compile(r"(?P<years>\d{4}\s*年(?:\s*[、和及与]\s*\d{4}\s*年)+)(?:底|末)?\s*分别")


def _years_respectively(drafts: list["DraftTarget"]) -> None:
    for quote in dict.fromkeys(d.quote for d in drafts):
        named = YEARS_RESPECTIVELY.search(quote or "")
        if not named:
            continue
        years = [int(y) for y in re.findall(r"\d{4}", named["years"])]
        after = sorted((d for d in drafts if d.quote == quote and _matched_at(d) > named.end()), key=_matched_at)
        if len(after) == len(years) and len({d.unit for d in after}) == 1:
            for draft, year in zip(after, years):
                draft.deadline, draft.period = date(year, 12, 31), BY_DEADLINE
# "由开工新建10所农村特困人员供养服务机构,更改为开工新建14所", "任务由新建1所、综合提升9所调整为…": the figure a task is
# changed from is no longer the target (the one it is changed to is)
CHANGED_FROM = re.compile(r"由(?P<old>[^。；;由]{0,60}?)[，,]?\s*(?:更改|调整|变更|修改|改)为")


def _changed_from(draft: "DraftTarget") -> bool:
    """Whether a draft's figure is the one a task is changed from (``CHANGED_FROM``). ``RAISED`` reads a raised
    standard's new figure within one requirement; a changed task's old count ("由开工新建10所…") may be read by any
    rule, so it is dropped here, whichever read it."""
    quote, at = draft.quote or "", _matched_at(draft)
    return at >= 0 and any(m.start("old") <= at and at + len(draft.matched) <= m.end("old")
                           for m in CHANGED_FROM.finditer(quote))


# A goal count's parts listed after it ("计划建设农村综合服务平台2085个,其中乡镇71个,街道9个,林场2个,建制村1833个",
# "…储备库数量将达16个,其中区级库2个,市级库5个"): each part is a goal as the total is — its comparator, its
# deadline, the county's — up to the first clause that is not a part (a year, a verb of its own, another unit).
BREAKDOWN_OPEN = re.compile(r"\s*[,，]\s*其中\s*[:：]?\s*")
BREAKDOWN_PART = re.compile(r"(?P<what>[^\d，,、；;。:：()（）]{1,12}?)(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?(?P<unit>个|所|家|处|座|张|名|人)"
                            r"(?=\s*(?:[，,、；;。]|$))")
BREAKDOWN_NOT_A_PART = re.compile(r"\d{4}\s*年|今年|已|现有|目前|累计|保留|建成|完成|将|计划|新增|达到|达|超过")


def _breakdowns(drafts: list["DraftTarget"]) -> list["DraftTarget"]:
    added = []
    for draft in drafts:
        at = _matched_at(draft)
        if at < 0 or draft.threshold is None or draft.comparator not in (EQ, GTE) or draft.level != COUNTY:
            continue
        quote, end = draft.quote, at + len(draft.matched)
        if not (opening := BREAKDOWN_OPEN.match(quote, end)):
            continue
        position, total = opening.end(), Decimal(0)
        parts = []
        while part := BREAKDOWN_PART.match(quote, position):
            if BREAKDOWN_NOT_A_PART.search(part["what"]) or not draft.unit.startswith(part["unit"]):
                break
            value = Decimal(part["num"]) * (10000 if part["wan"] else 1)
            parts.append((part, value))
            total += value
            position = part.end()
            if not (comma := re.match(r"\s*[,，、]\s*", quote[position:])):
                break
            position += comma.end()
        if len(parts) < 2 or total > draft.threshold:
            continue  # (one part, or parts that outgrow the total: not its breakdown)
        taken = {(d.quote, d.threshold) for d in drafts}
        for part, value in parts:
            if (quote, value) in taken:
                continue
            added.append(replace(draft, threshold=value, matched=part.group(0).strip(), measure=part["what"].strip(),
                                 note=f"{draft.note}；其中{part['what'].strip()}".lstrip("；")))
    return drafts + added


# A task allotted to named places in brackets after it ("分解下达任务。(沭阳17个、泗阳12个,…经开区、湖滨新区、洋河新区各2个)"):
# each place's share, which the key leaves out as figures the text gives only to named districts — the total is the
# item's target. Classes of place (县级公墓1处, 乡镇71个, 城市社区…) are parts the key keeps: not allotments.
ALLOTMENT_ITEM = (r"(?:(?!级|类|型|其中|城市|农村|城镇|乡镇|街道|社区|村|新建|改造|提升|建设|完成|站|中心|以上|不少于)"
                  r"[\u4e00-\u9fa5、]){2,16}?各?\d+(?:\.\d+)?\s*(?:个|所|家|处|座|张|名|人|户)")
ALLOTMENT = re.compile(r"[(（]\s*(?:" + ALLOTMENT_ITEM + r"\s*[、，,；;]\s*)+" + ALLOTMENT_ITEM + r"\s*[)）]")


def _allotted(draft: "DraftTarget") -> bool:
    at = _matched_at(draft)
    return at >= 0 and any(m.start() < at < m.end() for m in ALLOTMENT.finditer(draft.quote))


def _matched_at(draft: "DraftTarget") -> int:
    """Where a draft's figure (``matched``) stands in its sentence; -1 when it is not quoted there."""
    return (draft.quote or "").find(draft.matched) if draft.matched else -1


def _words_before(draft: "DraftTarget", width: int = 30) -> str:
    """The words before a draft's figure in its sentence (what the standard is of: "全市城乡居民最低生活保障标准由月人均")."""
    at = _matched_at(draft)
    return "".join(HAN.findall(draft.quote[max(0, at - width):at])) if at >= 0 else ""


def _context(draft: "DraftTarget") -> str:
    """The words around a draft's figure in its sentence (what it counts, before or after it)."""
    quote, at = draft.quote or "", _matched_at(draft)
    if at < 0:
        return ""
    return "".join(HAN.findall(quote[max(0, at - 14):at] + "|" + quote[at + len(draft.matched):at + len(draft.matched) + 14]))


def _without_restated(drafts: list["DraftTarget"], headline: str) -> list["DraftTarget"]:
    """A target said again (a report's headline, then its body: "泰州市今年将新建150个老年人助餐点" … "今年我市将建成150个
    社区老年人助餐点"): the same figure, level, comparator, unit and date in a later sentence, counting the same thing
    (four characters in a row of the words around the figure in common), is the first draft again — not a single one
    ("1处市级殡仪服务设施", "1处…殡仪服务站": one facility of each tier, a plan's layout). Of a headline and its body,
    the body's draft stays: its words are the document's own ("将建23个农村敬老院" … "新建23家农村敬老院")."""
    def restated_key(draft):  # "35所“农村幸福院”" and "35个“农村幸福院”" count the same places
        return (*draft_key(draft)[:6], "所" if draft.unit in FACILITY_UNITS else draft.unit)

    kept: list[DraftTarget] = []
    by_key: dict[tuple, list[int]] = {}  # restated key → places in ``kept`` (linear in the drafts, not quadratic)
    for draft in drafts:
        places = by_key.setdefault(restated_key(draft), [])
        same = [i for i in places if kept[i].quote != draft.quote
                and (kept[i].deadline == draft.deadline or kept[i].deadline is None or draft.deadline is None)
                and _shares_words(_context(kept[i]), _context(draft))]
        if draft.threshold in (None, 1) or not same:
            places.append(len(kept))
            kept.append(draft)
        elif (kept[same[0]].quote or "").strip() == headline.strip() or (kept[same[0]].deadline is None and draft.deadline):
            # the body's words, not the headline's ("23个" → "23家农村敬老院"); the date the text gives it (the
            # headline's, "2026年北京市将新增5000张家庭养老床位", when the body has none)
            if draft.deadline is None:
                draft.deadline, draft.period = kept[same[0]].deadline, kept[same[0]].period
            kept[same[0]] = draft
    return kept


FACILITY_UNITS = frozenset({"个", "所", "家", "处", "座"})


def _shares_words(first: str, second: str, run: int = 4) -> bool:
    return any(first[i:i + run] in second for i in range(len(first) - run + 1))


# A copy that ran a heading and its first item into one line ("…营造良好环境。 二、目标任务 1.确保火化率 100%。"): the
# heading and the item start lines of their own, so they are numbered as the document numbers them.
INLINE_HEADING = re.compile(r"(?<=[。；;])[\s\u3000]+(?P<heading>[一二三四五六七八九十]{1,2}、[\u4e00-\u9fa5]{2,8})[\s\u3000]+"
                            r"(?P<item>\d{1,2}[.．](?!\d))")


# A copy that ran a document's numbered clauses into one line ("…公示如下: 一、困难残疾人生活补贴标准: …。 二、重度残疾人
# 护理补贴标准: …。 三、执行时间 …"): each clause starts a line of its own, so it is numbered as the document numbers it
# and two alike standards of two clauses stay two. Only a run of clauses numbered in order (一、 then 二、 …), each after
# a space or a sentence's or a lead's end, is split: "一、二类" and a lone "一、" are left as they are.
INLINE_CLAUSE = re.compile(r"(?:^|(?<=[\s\u3000。；;:：]))(?:(?P<n>[一二三四五六七八九十]{1,2})、|[(（](?P<b>[一二三四五六七八九十]{1,2})[)）])"
                           r"(?=[\u4e00-\u9fa5“\d])")


def _inline_clauses(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        starts, expected = [], 1
        for match in INLINE_CLAUSE.finditer(line):
            number = chinese_number(match["n"] or match["b"])
            if number == expected:
                starts.append(match.start())
                expected += 1
            elif number == 1 and len(starts) < 2:  # a lone "一、" before the run: the run starts again
                starts, expected = [match.start()], 2
        if len(starts) < 2:
            lines.append(line)
            continue
        cuts = [0, *starts, len(line)]
        lines.extend(part for part in (line[a:b].strip() for a, b in zip(cuts, cuts[1:])) if part)
    return "\n".join(lines)


# "为了贯彻落实…《关于印发<陕西省孤独症儿童关爱促进行动实施方案(2024—2028年)>的通知》…等精神": a plan the document
# follows, cited in its opening sentence, not the document's own period.
PLAN_FOLLOWED = re.compile(r"(?:贯彻|落实|根据|按照|依据|依照)[^。\n]*《[^》]*$")


def _own_plan_title(titles: str) -> re.Match | None:
    for match in PLAN_TITLE.finditer(titles):
        if not PLAN_FOLLOWED.search(titles, 0, match.start()):
            return match
    return None


def _draft_targets(text: str, issued_on: date | None, phases: list[DraftPhase] | None) -> list[DraftTarget]:
    text = INLINE_HEADING.sub(lambda m: f"\n{m['heading']}\n{m['item']}", text)
    text = _inline_clauses(text)
    if phases is None:
        phases = draft_phases(text)
    ends = [p.end for p in phases if p.end]
    pilot_end = max(ends) if ends else None
    counts = [(len(pattern.findall(text)), level) for level, pattern in STATION_TIER_WORDS]
    station_level = max(counts)[1] if max(counts)[0] else ""
    plan = _own_plan_title(_title_lines(text)) or PLAN_TERM.search(text) or PLAN_RELEASED.search(_title_lines(text, 8))
    listed_end = _year_plan_end(text)
    works = listed_end is None and issued_on is not None and bool(YEAR_WORKS.search(_title_lines(text, 4)))
    text, budget = _budget_table(text, station_level)  # (before the list table reads the rows as sentences)
    lines, line_table = _line_table(text.split("\n"), listed_end.year if listed_end else issued_on.year if issued_on else None)
    lines = _cell_indicator_table(_indicator_table(_list_table(lines)))
    text = "\n".join(lines)
    progress, progress_year = _progress_table(lines)
    lines, run_together = _run_together_progress(lines)
    if run_together:
        text = "\n".join(lines)
    if progress:
        text = "\n".join("" if i in progress else line for i, line in enumerate(lines))
    due = _document_year(text, issued_on, plan=plan, listed_end=listed_end, works=works,
                         task_table=line_table or run_together, progress_year=progress_year if progress else None,
                         completion_year=_completion_table_year(lines))
    report, progress_report, year_end, works_end = due.report, due.progress_report, due.year_end, due.works_end
    this_year, list_year, reported_list, plan_end = due.this_year, due.list_year, due.reported_list, due.plan_end
    last_phase = max([_phase_number(m["n"]) for m in PHASE_NAMED.finditer(text)], default=0)
    drafts, seen, elsewhere, plan_reported = budget, {}, {}, False
    contest = bool(CONTEST_DOCUMENT.search(_title_lines(text, 3)))
    contest_end, contest_keys = (_contest_year(text, issued_on) if contest else None), {}
    completion, finished = _project_completion(text, issued_on), _project_finished(text)
    procurement_titles = "\n".join(line for line in _title_lines(text, 8).split("\n") if len(line.strip()) <= 60)
    completed_year = due.completed_year
    reviewing = False  # under a line "2016成绩" (a year gone by reviewed), until a line "2017目标"
    division = bool(DIVISION_DOCUMENT.search(_title_lines(text, 8)))
    project_notice = bool(PROJECT_NOTICE.search(_title_lines(text, 3)))
    for sentence in _sentences(text):
        if division:
            drafts.extend(_division_figures(sentence))
            continue
        if project_notice:
            drafts.extend(_project_goals(sentence))
            continue
        done_items = set()  # (two items alike of one list are two targets: "建设8个…专区、新增8个…中心")
        for draft in _completed_targets(sentence, issued_on, year_end):
            if draft.key() not in seen or draft.key() in done_items:
                seen.setdefault(draft.key(), []).append(draft.measure)
                done_items.add(draft.key())
                drafts.append(draft)
        heading_target = bool(completed_year) and _item_heading(sentence)
        if (title := YEAR_SECTION.match(sentence.text)) and issued_on:
            reviewing = bool(title["review"]) and int(title["year"]) < issued_on.year
            continue
        if reviewing:
            continue  # "2016成绩 / …投入4.98亿元,资助各地建设20个…" in a meeting's news of 2017: done
        # A target said again in a later sentence (a headline, then the body) is drafted once; two figures of one
        # sentence are two targets even when alike ("…设施覆盖率为100%、…一体机覆盖率为100%"), and so are two
        # goals of a list alike only in their figure ("…集中供养率达到50%" and "…节地生态安葬率达到50%以上").
        keys, said = {}, set()
        plan_reported = plan_reported or bool(PLAN_REPORTED.search(sentence.text))
        if report and not REPORT_FUTURE.search(sentence.text) and not heading_target and not TASK_STATED.search(sentence.text):
            continue  # "低保标准由每月890元提高到1050元" in a year's 总结: done, not aimed at
        if any(STATUS_SECTION.search(title) for title in sentence.headings) and not FUTURE.search(sentence.text):
            continue  # "一、编制背景 …全市6567名建档立卡贫困残疾人实现脱贫": a plan's review of the last period
        if due.meeting and not heading_target and not _aimed_at_meeting(sentence):
            continue  # "全市养老床位达2.6万张,…远超全省平均水平" at the year's meeting: the review of the year gone by
        for draft in (*_procurement_money(sentence, procurement_titles), *_multiple_of_standard(sentence),
                      *_funeral_fees(sentence)):
            if draft.key() not in seen:
                seen.setdefault(draft.key(), []).append(draft.measure)
                keys.setdefault(draft.key(), [])
                drafts.append(draft)
        layout = set()
        for draft in () if report else (*_layout_counts(sentence, issued_on),
                                          *_heading_count(sentence, issued_on, plan_end)):
            layout.add((draft.threshold, draft.unit))
            if not any(d.key() == draft.key() and (d.note == draft.note or d.quote != draft.quote
                                                   and "布局规划" not in d.note) for d in drafts):
                seen.setdefault(draft.key(), []).append(draft.measure)
                keys.setdefault(draft.key(), [])
                drafts.append(draft)
        for draft in _sentence_targets(sentence, issued_on, pilot_end, station_level, plan_end,
                                       completed_year if heading_target else year_end, this_year, last_phase, list_year,
                                       reported_list):
            if _reached_unaimed(draft, sentence, issued_on, bool(year_end or plan_end or plan_reported) or bool(
                    list_year and LIST_ITEMS_NAMED.search(sentence.text))):  # (the items of a year's list: aimed at)
                continue  # a figure reached with no word of aim: status
            if progress_report and not report and not (year_end or plan_end or progress) \
                    and not (REPORT_FUTURE.search(sentence.text) or THIS_YEAR.search(sentence.text)
                             or re.search(r"任务|目标|要求", sentence.text)):  # (下达任务…创建235个: the task set)
                continue  # "全市婚姻家庭辅导率85%以上" told at a 工作进展情况 press conference: what is, not an aim
            if issued_on and not report and draft.deadline and draft.deadline.year < issued_on.year \
                    and not FUTURE.search(sentence.text) and not any(FUTURE.search(e) for e in sentence.paragraph[:1]):
                continue  # "2023年,…支持建设102个…" on a page of 2024 with no word of aim: the year before, done
            if draft.unit in ("项", "件", "类") and draft.matched and re.search(
                    re.escape(draft.matched) + r"\s*(?:重点)?(?:民生|为民办?)?[\u4e00-\u9fa5]{0,2}实事", sentence.text):
                continue  # "民政部门牵头实施9项民生实事": the size of the year's list, not one of its goals
            if (draft.threshold, draft.unit) in layout:
                continue  # read as a layout's total or part
            if draft.matched.startswith("不宜"):
                continue  # "新建殡仪馆的绿地率不宜小于35%": a design recommendation, not a level to attain
            if draft.unit in ("户", "人") and draft.matched and re.search(
                    re.escape(draft.matched) + PLACE_SIZE_AFTER.pattern, sentence.text):
                continue  # "500户以上的城市社区、300户以上的村拥有…12个以上": the size of the places meant, not a goal
            if draft.unit in ("户", "人") and draft.matched and re.search(
                    r"每(?:增加|新增|多)\s*" + re.escape(draft.matched), sentence.text):
                continue  # "对超过3000户的社区,每增加300-500户可增设1个“社工岗”": the step a post is added at
            if draft.unit in COUNTS and _condition_of_share(sentence.text, draft.matched):
                continue  # "80%以上的街道(乡镇)至少要有1个枢纽型社区社会组织": the 1个 is what the 80% counts
            if draft.unit == "人" and _population_forecast(sentence.text, draft.matched):
                continue  # "老年人口将增长100万人,2025年将达到500万人": a projection of the population, not a goal
            if draft.key() in keys and draft.matched and re.search(
                    re.escape(draft.matched) + r"\s*的(?:建设|工作|目标)?任务", sentence.text):
                continue  # "计划新增20家…,5月上旬将全面完成新增20家的任务": the task said again, in the same sentence
            earlier = seen.get(draft.key(), ())
            if earlier and (draft.indicator or any(_same_measure(draft.measure, m) for m in earlier)
                            or draft.unit.startswith("元/") and draft.key() not in keys):
                _date_the_undated(drafts, draft)  # "为推动…全覆盖,…" then "确保年内完成…全覆盖": the date said later
                continue  # an indicator names what is measured; with none, the words do; a money standard per
                # person said again in a later sentence ("每人每年将获4000元…" then "按照每人每年4000元的标准") is one
            summary = next((clause for clause, m in elsewhere.get(draft.key()[1:], ())
                            if clause != draft.clause and _bigrams(draft.measure) and _bigrams(m)
                            and _same_measure(draft.measure, m)
                            and not (INDICATOR_ROW.match(sentence.text) and clause.isdigit() and draft.clause.isdigit())),
                           None)
            if summary is not None:
                # "…包括新增5000张养老床位…" then "一、新增5000张养老床位;…": a summary, then its list — one target,
                # cited at the numbered item that sets it (the clause is the item's place in the document); two rows
                # of an indicator table alike in words are two goals
                if not summary and draft.clause:
                    for first in drafts:
                        if first.key()[1:] == draft.key()[1:] and not first.clause \
                                and _same_measure(draft.measure, first.measure):
                            seen.setdefault(draft.key(), []).extend(seen.get(first.key(), ()))
                            first.clause = draft.clause
                            break
                continue
            elsewhere.setdefault(draft.key()[1:], []).append((draft.clause, draft.measure))
            if (draft.key(), draft.matched, draft.measure) not in said:
                keys.setdefault(draft.key(), []).append(draft.measure)
                said.add((draft.key(), draft.matched, draft.measure))
                drafts.append(draft)
        for key, measures in keys.items():
            seen.setdefault(key, []).extend(measures)
        if not report and not progress_report and not finished and not _past_paragraph(sentence, issued_on, year_end):
            numbers = {n for d in drafts if d.quote == sentence.text for n in re.findall(r"\d+(?:\.\d+)?", d.matched)}
            here = set()  # two figures of one sentence alike are two targets (床位100张;…床位100张)
            for draft in _project_figures(sentence, completion, year_end, plan_end, issued_on):
                if not set(re.findall(r"\d+(?:\.\d+)?", draft.matched)) & numbers \
                        and (draft.key() not in seen or draft.key() in here):
                    seen.setdefault(draft.key(), []).append(draft.measure)
                    here.add(draft.key())
                    drafts.append(draft)
        contest_drafts = list(_contest_figures(sentence, issued_on, contest_end)) if contest and not report else []
        if contest_drafts:
            numbers = {n for d in contest_drafts for n in re.findall(r"\d+(?:\.\d+)?", d.matched)}
            # the round's own reading replaces what the other rules made of the same figures
            own = {d.key() for d in contest_drafts}
            replaced = [d for d in drafts if d.quote == sentence.text
                        and set(re.findall(r"\d+(?:\.\d+)?", d.matched)) & numbers]
            drafts[:] = [d for d in drafts if not any(d is r for r in replaced)]
            for draft in replaced:
                if draft.key() in own and draft.key() in seen:
                    del seen[draft.key()]  # the round's dated reading of the same figure takes its place
            for draft in contest_drafts:
                if draft.key() not in seen and draft.key()[1:] not in contest_keys:
                    seen.setdefault(draft.key(), []).append(draft.measure)
                    contest_keys[draft.key()[1:]] = draft
                    drafts.append(draft)
                elif (first := contest_keys.get(draft.key()[1:])) and draft.note.endswith("所资助项目的期间"):
                    first.deadline, first.note = draft.deadline, draft.note  # the headline's money, dated in the body
        if progress_report and not report:
            for draft in _progress_tasks(sentence, issued_on, year_end):
                if draft.key() not in seen:
                    seen.setdefault(draft.key(), []).append(draft.measure)
                    drafts.append(draft)
        if report or progress_report or not (year_end or plan_end or FUTURE.search(sentence.text)
                                             or THIS_YEAR.search(sentence.text) or _plan_states(sentence)):
            continue
        if _past_paragraph(sentence, issued_on, year_end):
            continue
        taken = [d for d in drafts if d.quote == sentence.text] + contest_drafts  # (one read once is still read)
        for draft in _fallback(sentence, taken, drafts, issued_on, pilot_end, plan_end, year_end):
            if STATION_STANDARD.match(sentence.text) and not draft.regions and draft.level not in STATION_TIER_LEVELS:
                # (配备站长1名: a station's standard, as in _sentence_targets; a post no indicator counts)
                draft.level = station_level or TOWN_STATION
                if draft.note.endswith("期限：一年的任务，按该年年底"):
                    draft.deadline, draft.period = None, ONGOING
                    draft.note = re.sub(r"；?期限：一年的任务，按该年年底$", "", draft.note)
                if draft.indicator and draft.level not in _indicator_levels(draft.indicator):
                    draft.indicator = ""
            if draft.key() not in seen or "各：第" in draft.note and not draft.note.endswith("第1组") or "设施：" in draft.note:
                seen.setdefault(draft.key(), []).append(draft.measure)
                drafts.append(draft)
    if not report:
        drafts = _breakdowns(drafts)
    if not report and STANDARD_NOTICE.search(_title_lines(text, 6)):
        drafts = _standard_notice(drafts, text, issued_on)
    elif not report:
        # a standard raised in a document of another kind ("将城乡低保标准由904元/月提高到995元/月" in a year's list):
        # read as a notice reads it — the new standard, not the old one
        raised = [d for d in drafts if d.unit.startswith("元") and STANDARD_RAISED.search(d.quote)]
        if raised:
            kept = {id(d) for d in _standard_read(raised, None)}
            drafts = [d for d in drafts if id(d) in kept or not any(d is r for r in raised)]
    if not report and not STANDARD_NOTICE.search(_title_lines(text, 6)):
        _in_force_from(drafts, text, issued_on)
    for draft in drafts if works_end and not report else ():
        if draft.deadline is None:  # (孤儿基本生活费标准每人每月不低于600元: the year's standard, kept in force)
            draft.deadline, draft.period = works_end, BY_DEADLINE
    for index, draft in enumerate(drafts):
        at = _matched_at(draft)
        if draft.deadline is None and at > 0 and "届时" in draft.quote[:at]:
            # "…将新建敬老院9所、扩建2所、维修5所。届时全市敬老院将达到49所": then — when the sentence before falls due
            earlier = next((d for d in reversed(drafts[:index]) if d.deadline and d.quote != draft.quote), None)
            if earlier:
                draft.deadline, draft.period = earlier.deadline, BY_DEADLINE
    _dated_later(drafts, text)
    if not contest:
        for draft in drafts:
            at = _matched_at(draft)
            if draft.unit == "元" and at > 0 and PER_PROJECT.search(re.split(r"[，。；,;]", draft.quote[:at])[-1]):
                # "乡镇敬老院每个项目补助原则上不超过120万元": a sum per project built, the county's standard
                draft.unit, draft.level, draft.regions, draft.indicator = "元/个", COUNTY, [], ""
    if due.meeting and issued_on:
        # "2016年12月,民政部…将我市确定为…26个地区之一" in a meeting's news of 2017: what fell due before is told
        drafts = [d for d in drafts if not (d.deadline and d.deadline.year < issued_on.year)]
    return drafts


PER_PROJECT = re.compile(r"每个(?:建设)?项目")
# A date said for what earlier sentences set, in a sentence of its own ("…为每个镇(街)配备2名民政协管员岗位…在村(社区)配备
# 民政专干。…镇(街)民政协管员、村(社区)民政专干要在2018年1月底配备到位"): the earlier figures of the things it names
# fall due then. Each thing is named by its words after the tier ("镇(街)民政协管员" → 民政协管员).
DATED_LATER = re.compile(r"(?P<subject>[^，。；,;：:\n]{2,40}?)(?:要|须|应|将|务必)?(?:在|于)\s*(?P<year>\d{4})\s*年\s*"
                         r"(?P<month>\d{1,2})\s*月(?:底|末)?(?:前|以前)?\s*(?:全部|全面|全)?(?:配备到位|配齐|到位|落实到位)")
DATED_LATER_TIER = re.compile(r"^(?:[(（）)、]|乡镇|街道|社区|镇|街|村|居|县|区|市)+")


def _dated_later(drafts: list, text: str) -> None:
    for match in DATED_LATER.finditer(text):
        names = [DATED_LATER_TIER.sub("", part.strip()) for part in re.split(r"[、和及]", match["subject"])]
        names = [name for name in names if len(name) >= 3]
        month = int(match["month"])
        if not names or not 1 <= month <= 12:
            continue
        when = _month_end(int(match["year"]), month)
        for draft in drafts:
            at = text.find(draft.quote) if draft.quote else -1
            if draft.deadline is None and draft.threshold is not None and 0 <= at < match.start() \
                    and any(name in draft.quote for name in names):
                draft.deadline, draft.period = when, BY_DEADLINE


# A government's list of the year's works for every department (政府工作报告, 民生实事, 为民办实事项目, 民生工程): a
# civil-affairs profile takes the items that are civil affairs' and leaves the schools, roads, jobs and clinics to
# the departments that carry them (the key's convention since set 24). An item is another department's when the
# words of its own clause name another department's thing and nothing civil affairs carries — or, in a list that
# names several departments' things, when its item names nothing civil affairs carries (``_other_departments``).
GOVERNMENT_LIST = re.compile(r"政府工作报告|政府工作報告|民生实事|民生實事|实事项目|實事項目|为民办实事|為民辦實事|民生工程"
                             r"|民生项目|民生項目|民生清单|民生清單|惠民实事|十件实事|民心工程|惠民工程|民生办|民生辦"
                             # "平凉市将办好这10件为民实事", "第五届人民代表大会第三次会议开幕…10件实事": a congress's list
                             r"|(?:\d+|[一二三四五六七八九十]+)件(?:为民|為民|民生)?(?:实事|實事)|人民代表大会[^\n，。]{0,16}会议"
                             r"|人民代表大會[^\n，。]{0,16}會議")
CIVIL_AFFAIRS_THINGS = re.compile(
    r"养老(?!保险|金)|養老(?!保險|金)|老年|老人|长者|長者|高龄|高齡|为老(?!旧)|為老(?!舊)|颐养|頤養|助餐|敬老|幸福院|互助|(?<!婴幼儿)照护|(?<!嬰幼兒)照護|照料|失能|失智|认知障碍"
    r"|認知障礙|福利|孤儿|孤兒|困境儿童|困境兒童|留守|未成年人|(?<!妇女)儿童之家|(?<!婦女)兒童之家|救助|低保|特困|供养|供養|流浪|殡|殯|公墓|墓"
    r"|骨灰|火化|婚(?!育)|社会组织|社會組織|社工|社会工作|社會工作|志愿|志願|慈善|社区服务|社區服務|民政|残疾|殘疾|重残|重殘|适老|適老"
    r"|居家|床位|护理|護理|区划|區劃|地名|老龄|(?<![学學校])食堂|困难家庭|困難家庭|社区综合服务|社區綜合服務|社区建设|社區建設|社区治理|社區治理|美丽社区|美麗社區"
    r"|意外伤害|意外傷害|监护缺失|監護缺失|老齡|五保|光荣院|光榮院")
OTHER_DEPARTMENT_THINGS = re.compile(
    r"学校|學校|校舍|校园|校園|学位|學位|幼儿园|幼兒園|中小学|中小學|小学|小學|初中|高中|学生|學生|教师|教師|暑托班|美育"  # 教育
    r"|医院|醫院|卫生院|衛生院|医疗|醫療|诊所|診所|名医|名醫|医保|醫保|报销|報銷|筛查|篩查|体检|體檢|两癌|宫颈癌|疫苗|除颤|除顫"
    r"|救护|救護|急救|健康服务|健康服務|托位|托育|托额|托額|托班"  # 卫健, 医保
    r"|就业|就業|创业|創業|岗位|崗位|见习|見習|失业|失業|技能|人才|家政|招聘|稳岗|穩崗|学徒|學徒|职工|職工|早餐|养老保险|養老保險|养老金|養老金"  # 人社, 总工会, 商务
    r"|老旧小区|老舊小區|棚改|棚户|棚戶|保障性租赁|保障性租賃|住房|电梯|電梯|燃气|燃氣|燃具|污水|垃圾|厕所|廁所|路灯|路燈"  # 住建
    r"|供电|供電|电网|電網|一户一表|天桥|天橋|卫生间|衛生間|公厕|公廁|公路|道路|示范路|示範路|村道|农村路|農村路|桥梁|橋梁|危桥|危橋|公交|停车|停車|充电|充電|交通"  # 交通
    r"|体育|體育|健身|文化|艺术|藝術|送戏|送戲|图书|圖書|艺校|藝校"  # 文体
    r"|农田|農田|田间|田間|美丽乡村|美麗鄉村|美丽村庄|美麗村莊|森林|造林|抚育|撫育|户厕|戶廁|黑臭水体|河道|绿道|綠道|绿地|綠地|公园|公園|饮水|飲水|供水"  # 农业, 水利, 园林
    r"|监控|監控|消防|应急|應急|技防|刷脸|刷臉|法律援助|菜市场|菜場|菜场|农贸|農貿|快检|快檢"  # 公安, 应急, 司法, 市场
    r"|预算收入|預算收入|零售总额|零售總額|固定资产投资|固定資產投資|生产总值|生產總值")  # the economy's figures
ITEM_BOUNDARY = "，,；;。：:、"
ITEM_END = "；;。"


def government_list(text: str) -> bool:
    """Whether ``text`` opens as a government's list of the year's works for every department."""
    return bool(GOVERNMENT_LIST.search(_title_lines(normalize(text), 5)))


def other_departments_sentence(sentence: str, every_department: bool = False) -> bool:
    """Whether words of a government's list (a sentence, or one item's clause) name another department's thing and no
    civil-affairs one — or, in a list of every department's works (``every_department_list``), no civil-affairs thing
    at all: what the drafter leaves out."""
    if CIVIL_AFFAIRS_THINGS.search(sentence):
        return False
    return every_department or bool(OTHER_DEPARTMENT_THINGS.search(sentence))


def every_department_list(text: str) -> bool:
    """Whether a government's list names several departments' things (three distinct words): a list of every
    department's works, where an item naming no civil-affairs thing is another department's. News of one
    civil-affairs project that stands in such a list names none."""
    return len(set(OTHER_DEPARTMENT_THINGS.findall(normalize(text)))) >= 3


# An item's responsible units in brackets after it: "(人社局、各开发区)", "（责任单位：市民政局）".
RESPONSIBLE_UNITS = re.compile(r"[（(]\s*(?:(?:牵头|责任|承办|主办)单位\s*[:：]\s*)?(?P<units>(?:[\u4e00-\u9fa5]{0,10}?"
                               r"(?:局|委|办|厅|部|残联|妇联|团委|总工会|各开发区|政府|办事处)[、，,]?\s*)+)[)）]")
CIVIL_AFFAIRS_UNIT = re.compile(r"民政|社会事业局|社会事务局|民宗")


def _other_departments(draft: "DraftTarget", every_department: bool) -> bool:
    """Whether a draft of a government's list is another department's item: the item names the units responsible
    for it after it ("…全年安置不低于4000人;(人社局、各开发区)") and civil affairs is not among them; or its figure's own
    clause (to the nearest comma, enumeration comma or full stop) names another department's thing and no civil-affairs
    one; or, in a list of every department's works (``every_department_list``), its item (to the nearest semicolon or
    full stop) names no civil-affairs thing at all — such a list's items are mostly other departments', and most name
    no word of either side ("惠及城乡居民5万户以上", "完成…避险搬迁1000户以上")."""
    quote, at = draft.quote or "", _matched_at(draft)
    if at < 0:
        return False
    if responsible := RESPONSIBLE_UNITS.search(quote, at + len(draft.matched)):
        return not CIVIL_AFFAIRS_UNIT.search(responsible["units"])
    start = max(quote.rfind(mark, 0, at) for mark in ITEM_BOUNDARY) + 1
    ends = [i for i in (quote.find(mark, at + len(draft.matched)) for mark in ITEM_BOUNDARY) if i >= 0]
    if other_departments_sentence(quote[start:min(ends) if ends else len(quote)]):
        return True
    if not every_department:
        return False
    start = max(quote.rfind(mark, 0, at) for mark in ITEM_END) + 1
    ends = [i for i in (quote.find(mark, at + len(draft.matched)) for mark in ITEM_END) if i >= 0]
    return other_departments_sentence(quote[start:min(ends) if ends else len(quote)], every_department=True)


@dataclass
class DocumentYear:
    """Which year's end a figure with no date of its own falls due at, and whether the document aims at all: the one
    answer to that question, read once per document by ``_document_year`` from its title lines, its kind and its
    tables. The sentence's own words (到2025年, 年底前, 今年, “十四五”期间) still come first (``_deadline``); these
    are what a sentence with none of them falls back on."""

    report: bool  # a year's 总结 or a report of results: its figures are what was done
    progress_report: bool  # a 工作进展/推进情况 report: figures of a year under way, done unless said to be aimed at
    plan_end: date | None  # a plan's end: 规划(2021-2025年), 规划期限, 印发《…(2021-2025年)》
    year_end: date | None  # a year's task list, work list or task table: its items are due at that year's end
    works_end: date | None  # a year's 民生工程 (民生工程预告): even its undated standards are due then
    this_year: date | None  # what "今年" means on an undated page (its list, its meeting, the report's year)
    list_year: date | None  # news of a year's list (为民实事, a 政府工作报告's 民生实事): what it says will be done
    reported_list: bool  # its lines are the list's items ("新建社区养老服务综合体100个")
    completed_year: date | None  # a completion report of a year's list: each item's heading is that year's target
    meeting: bool = False  # the year's works told at its meeting or in news of them: the review told there is status


# "正式启动2022年全国示范性老年友好型社区创建工作", "就做好2021年“智慧助老”工作发出通知": the year's work launched.
YEAR_WORK_LAUNCHED = re.compile(r"(?:启动|部署|做好|安排)(?:了)?\s*(?P<year>\d{4})\s*年(?:度)?[^，。；,;\n]{0,30}?工作")


def _document_year(text: str, issued_on: date | None, *, plan, listed_end: date | None, works: bool,
                   task_table: bool, progress_year: int | None, completion_year: int | None) -> DocumentYear:
    """The document's year and kind (see ``DocumentYear``). ``text`` is the text with its tables read as sentences;
    the rest is what was read before (``plan``: a plan's period in its title or its 规划期限; ``listed_end``: a year's
    list in the title, ``_year_plan_end``; ``works``: a year's 民生工程) and what the tables say (a task table reported
    on in its year, the year a progress column reports on, the year a completion table's title names)."""
    year_end = listed_end
    works_end = None
    meeting = False
    if year_end is None and works:
        year_end = works_end = date(issued_on.year, 12, 31)  # an item of a year's 民生工程 (民生工程预告): due then
    if year_end is None and task_table and issued_on:
        year_end = date(issued_on.year, 12, 31)  # a year's task table reported on in its year: due at its end
    if year_end is None and progress_year:
        year_end = date(progress_year, 12, 31)  # the year the progress column reports on
    if year_end is None and completion_year:
        year_end = date(completion_year, 12, 31)  # a completion table's 工作目标 column: the year its title names
    report = bool(REPORT_OPENING.search(_title_lines(text, 3))) or (
        year_end is None and bool(REPORT_RESULTS.search(_title_lines(text, 1).strip())))
    if report:
        year_end = None  # a report's figures are what was done
    elif year_end is None and THIS_YEAR_ANNOUNCED.search(_title_lines(text, 5)) \
            and all(m["verb"] for m in DOCUMENT_NAMED.finditer(_title_lines(text, 5))):
        # news announcing the year's work, no 《方案》 reported in it (a document reported: its norms stand)
        dateline = DATELINE.search(_title_lines(text, 3)) or MEETING_YEAR.search(_title_lines(text, 3))
        if issued_on or dateline:
            year_end = date(issued_on.year if issued_on else int(dateline["year"]), 12, 31)
            meeting = True
    if year_end is None and not report and plan is None and (launched := YEAR_WORK_LAUNCHED.search(_title_lines(text, 3))) \
            and (issued_on is None or issued_on.year == int(launched["year"])):
        # "广州市老龄委正式启动2022年全国示范性老年友好型社区创建工作。今年全市将创建不少于22个…": that year's work
        year_end = date(int(launched["year"]), 12, 31)
    if year_end is None and not report and plan is None and (meeting := WORK_MEETING.search(_title_lines(text, 5))) \
            and (issued_on is None or issued_on.year == int(meeting["year"])):
        # "记者从2019年全省民政工作会议上获悉,吉林省要继续…", "2019年吉林省民政工作重点确定": the work a year's meeting sets
        # is that year's, due at its end
        year_end = date(int(meeting["year"]), 12, 31)
        meeting = True
    if year_end is None and not report and plan is None and issued_on is None \
            and WORK_MEETING_UNDATED.search(_title_lines(text, 5)) and (set_for := YEAR_SET.search(_title_lines(text, 5))):
        # "上周召开的全省民政工作会议,确定了2014年全省社会救助、养老服务等方面的惠民新政" on an undated page: that year's
        year_end = date(int(set_for["year"]), 12, 31)
        meeting = True
    if year_end is None and not report and plan is None and issued_on and issued_on.month <= 4 \
            and WORK_MEETING_UNDATED.search(_title_lines(text, 5)):
        # "2月29日,记者从全市民政工作会议获悉,今年,全市民政系统将…": the year's meeting, reported in its first months
        year_end = date(issued_on.year, 12, 31)
        meeting = True
    if year_end is None and not report and (opening := YEAR_OPENING.search(_title_lines(text, 6))) \
            and (issued_on is None or issued_on.year == int(opening["year"])) \
            and (plan is None or not PLAN_TITLE.search(_title_lines(text, 6)[:opening.start()])):
        # "2018年是全面贯彻落实党的十九大精神的开局之年,是…实施“十三五”规划承上启下的关键一年。全市民政工作的总体思路
        # 是:…": the year's work plan, due at its end (the plan it names is not this document)
        year_end, plan = date(int(opening["year"]), 12, 31), None
    if meeting is True and year_end and (period := MEETING_PERIOD.search(_title_lines(text, 5))) \
            and PLAN_END_YEARS[period["plan"] or period["plan2"]] > year_end.year:
        # "我省确定“十三五”民政工作重点…“十三五”期间,我省将重点实施…": the meeting sets the plan period's work, due
        # at its end, not the year's
        year_end = date(PLAN_END_YEARS[period["plan"] or period["plan2"]], 12, 31)
    this_year = None
    if issued_on is None and not report and (named := YEAR_NAMED.search(_title_lines(text, 3))):
        this_year = date(int(named["year"]), 12, 31)  # "今年" of a report that names this year's list
    elif issued_on is None and not report and THIS_YEAR_ANNOUNCED.search(_title_lines(text, 3)) \
            and (meeting := MEETING_YEAR.search(_title_lines(text, 3))):
        this_year = date(int(meeting["year"]), 12, 31)  # "今年将…" said at the year's meeting (2023年…见面会): that year
    elif issued_on is None and report and (named := REPORT_YEAR.search(_title_lines(text, 3))):
        # a report of a year under way ("2025年上半年工作总结及下半年工作计划", "一季度以来…为2024年各项工作开好局"):
        # what it says is planned for the year ("年内计划新培育社区400个", "计划建设…9个") is due at that year's end
        this_year = date(int(named["year"]), 12, 31)
    list_year = None
    if issued_on and not report and year_end is None and any(
            int(m["year"] or issued_on.year) == issued_on.year for m in YEAR_LIST_NAMED.finditer(_title_lines(text, 8))):
        list_year = date(issued_on.year, 12, 31)  # news of this year's list: what it says will be done is due then
    elif issued_on is None and not report and year_end is None and (
            named := LIST_LAUNCHED.search(_title_lines(text, 3))):
        # "区委、区政府全面启动2019年惠民工程。…一是…" on an undated page: the list of the year it names
        list_year = date(int(named["year"]), 12, 31)
    reported_list = False
    if list_year is None and not report and year_end is None \
            and (said := GOV_REPORT_YEAR.search(_title_lines(text, 5))) \
            and (issued_on is None or issued_on.year == int(said["year"] or said["year2"])) \
            and THIS_YEAR_LIST.search(_title_lines(text, 8)):
        # news of the list a government work report sets for its year ("2024年湖北省政府工作报告提出…今年,湖北将继续实施
        # 10大类52项民生实事", "省十四届人大一次会议（2023年1月）…今年安排了13类55件民生实事"), the page undated: that year
        list_year = date(int(said["year"] or said["year2"]), 12, 31)
        reported_list = True  # its lines are the list's items ("新建社区养老服务综合体100个")
    elif list_year is None and issued_on is None and not report and year_end is None \
            and re.search(r"政府工作报告", _title_lines(text, 5)) and THIS_YEAR_LIST.search(_title_lines(text, 8)):
        # "…作政府工作报告。报告明确,今年将继续…扎实办好“十件民生实事”。(四)…打造16个示范性社区老年助餐点": the
        # items of the year's list, the year not written (no date)
        reported_list = True
    plan_end = None
    if plan:
        plan_end = date(int(plan["year"]) if plan["year"] else PLAN_END_YEARS[plan["plan"]], 12, 31)
    # A completion report of a year's list (普陀区 "2023年…29项为民办实事项目完成", items "(一)完成2家社区综合为老服务中心
    # 建设" then what was done): each numbered item's heading is the year's target, the text under it status.
    completed_list = YEAR_NAMED.search(_title_lines(text, 3)) if report else None
    return DocumentYear(
        report=report, progress_report=bool(PROGRESS_REPORT.search(_title_lines(text, 5))), plan_end=plan_end,
        year_end=year_end, works_end=works_end, this_year=this_year, list_year=list_year, reported_list=reported_list,
        completed_year=date(int(completed_list["year"]), 12, 31) if completed_list else None, meeting=meeting is True)


# A notice setting benefit standards (低保, 特困, 孤儿, 残疾人两项补贴, 高龄津贴 …: "关于调整城乡居民最低生活保障和…标准的
# 通知", "城乡低保标准从2012年7月1日上调", "社会救助再提标"), or news of one. Its targets are each class's new standard:
# 'eq' the figure it is raised to or fixed at (提高到/调高至/调整为/为/达到), 'gte' where it says 不低于; the unit is per
# person and period (由每人685元/月提高到740元/月 → 元/人/月; a standard paid to each person of a group is per person
# whether the clause names the person or not: 自理标准由191元/月提高到210元/月 → 元/人/月, `_paid_per_person`); every
# standard falls due the day it takes effect (自2020年4月1日起, 从今年7月1日, 于2016年4月开始执行), unless
# the notice sets a date by which the raise must be done (提标要在8月完成), else at the end of the year its title names,
# else of the year it is issued in ("日前,萧县提高城乡低保标准"), unless it names the standing rules that set them
# (《…暂行办法》, 《…实施方案》: in force from then on).
# Not targets: the old standard (由…685元, 从最初的…), the raise (每人每月提高50元, 增幅), a differentiated standard given
# only as its top (最高达到660元/月), the people reached and the money added (新增救助资金455万元, 增发…低保金).
STANDARD_NOTICE = re.compile(
    r"(?:调整|提高|上调|调高|提标|再提|明确|实施|发布|公布)[^。\n]{0,40}?(?:保障|救助|供养|生活|补贴|津贴|补助|养育)[^。\n]{0,6}?"
    r"(?:标准|水平)|调整[^。\n]{0,12}?(?:补贴|津贴|补助)政策"  # (发布…基本生活标准低限; 调整老年人高龄津贴政策)
    r"|(?:保障|救助|供养|补贴|津贴|补助|低保)(?:标准|水平)[^。\n]{0,30}?(?:调整|提高|上调|调高)|提标")
# A standard raised from one amount to another, in any document ("低保标准由904元/月提高到995元/月").
STANDARD_RAISED = re.compile(r"(?:标准|补贴|津贴|补助)[^，。；,;]{0,8}?(?:由|从)\s*(?:每人每月|每人每年|每月|人均)?\s*"
                             r"\d+(?:\.\d+)?\s*元[^，。；,;]{0,16}?(?:提高|上调|调整|增加|提升)(?:到|至)")
STANDARD_EFFECTIVE = re.compile(
    r"(?:自|从|于)\s*(?:(?P<year>\d{4})\s*年|今年)?\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?\s*"
    r"(?:正式)?(?:起|开始|上调|执行|实施|施行)"  # (已于2019年10月1日正式执行)
    # with no 自/从 the date still takes effect when 起 follows it (2023年5月起, 今年7月1日起)
    r"|(?:(?P<year2>\d{4})\s*年|今年)\s*(?P<month2>\d{1,2})\s*月(?:\s*(?P<day2>\d{1,2})\s*日)?\s*起")
STANDARD_EFFECTIVE_NOW = re.compile(r"(?P<today>今日|即日|(?:自|从)\s*(?:本通知|本文件|文件|通知)?(?:下发|印发|发布|公布)之日)起"
                                    r"|(?P<next>下月|下个月)起")  # dated by the report or notice (新标准自文件下发之日起执行)
# A standard set by standing rules the notice names ("根据《洛阳市高龄老人补贴发放管理暂行办法》", "通过了…《…发放实施
# 方案》"): in force from then on, not due at a year's end.
STANDING_RULES = re.compile(r"《[^》]{0,40}(?:办法|方案|规定|细则)》")
STANDARD_DONE_BY = re.compile(r"(?:要在|将于)\s*(?:今年)?\s*(?P<month>\d{1,2})\s*月(?:底前|底|份)?(?:全面)?完成")
# "过去一年,…低保标准分别提高到每人每月480元": done ("由上年度的600元/月提高到": 上年 the old figure's year, not a year gone by)
STANDARD_PAST = re.compile(r"过去|(?<![由从])去年|(?<![由从])上年|以来|累计|截至")
STANDARD_OLD = re.compile(r"(?:由|从)[^，。；,;:：提到至为]{0,20}$")
STANDARD_RAISE = re.compile(r"(?:提高|增加|上调|增长|提升|调增|提标)\s*$")
STANDARD_NOT_NEW = re.compile(r"最高|最初|当初|当时|始建|资金(?!生活)|低保金|救助金|补差|差额|惠及|新增|增发")


def _effective_date(match: re.Match, issued_on: date | None) -> date | None:
    """The day a ``STANDARD_EFFECTIVE`` match names (今年: the year of issue); None with no year known or no such day."""
    named, month, day = match["year"] or match["year2"], match["month"] or match["month2"], match["day"] or match["day2"]
    year = int(named) if named else issued_on.year if issued_on else None
    with contextlib.suppress(TypeError, ValueError):
        return date(year, int(month), int(day or 1))
    return None


def _standard_effective(text: str, issued_on: date | None) -> date | None:
    if (done := STANDARD_DONE_BY.search(text)) and issued_on:
        return _month_end(issued_on.year, int(done["month"]))
    for match in STANDARD_EFFECTIVE.finditer(text):
        if when := _effective_date(match, issued_on):
            return when
    if issued_on and (now := STANDARD_EFFECTIVE_NOW.search(text)):
        if now["today"]:
            return issued_on  # 我区今日起再次提高…标准, in a report of that day
        return date(issued_on.year + issued_on.month // 12, issued_on.month % 12 + 1, 1)  # 下月起
    if named := re.search(r"(\d{4})\s*年", _title_lines(text, 1)) or re.search(
            r"(\d{4})\s*年[^，。；,;\n]{0,50}?标准", text):
        return date(int(named.group(1)), 12, 31)  # a year's standards with no date they take effect
    if issued_on and not STANDING_RULES.search(text):
        return date(issued_on.year, 12, 31)  # "日前,萧县提高城乡低保标准": news of this year's standards
    return None


def _in_force_from(drafts: list, text: str, issued_on: date | None) -> None:
    """A benefit standard per person in a document of any kind, in force from a date the text gives ("从今年10月1日起,
    该市100岁以上老人,每人每月将领取…200元", "从今年1月1日起,…具体发放标准为:…每人每月…200元", "从2015年1月起,…每人每月
    发放100元"): due that day, not at the year's end or never. The date is the nearest said in the standard's sentence or
    before it."""
    for draft in drafts:
        if not draft.unit.startswith("元/人") or draft.threshold is None or draft.quote is None:
            continue
        if draft.deadline and (draft.deadline.month, draft.deadline.day) != (12, 31):
            continue  # a date of its own
        at = text.find(draft.quote)
        before = text[:at + len(draft.quote)] if at >= 0 else draft.quote
        when = None
        for match in STANDARD_EFFECTIVE.finditer(before):
            when = _effective_date(match, issued_on) or when  # (the nearest before the figure)
        if when and (draft.deadline is None or draft.deadline.year == when.year):
            draft.deadline, draft.period = when, BY_DEADLINE


STANDARD_NEW = re.compile(
    r"(?P<verb>提高到|提高至|调高至|调高到|调整为|调整到|调整至|上调至|上调到|提至|达到|为|标准(?=\s*\d))"
    r"(?P<cls>[^，。；,;\d元为]{0,6}?)\s*(?P<floor>不低于)?\s*"
    r"(?P<per>每人每月|每人每年|人均每月|月人均|年人均|每人)?\s*(?P<floor2>不低于)?\s*(?<![.\d])(?P<num>\d+(?:\.\d+)?)\s*元"
    r"(?P<tail>\s*/\s*[月年]\s*/\s*人|\s*/\s*人\s*[、/·•]\s*月|\s*/\s*人\s*[/·•]\s*年|\s*/\s*月|\s*/\s*年|\s*/\s*人)?"
    r"(?P<more>(?:\s*[、和]\s*[^、，。；,;\d]{0,10}?(?<![.\d])\d+(?:\.\d+)?\s*元)*)")  # (1360元和820元: one value per class)


def _standard_unit(clause: str, per: str, tail: str) -> str:
    tail = re.sub(r"\s", "", tail or "")
    person = bool(re.search(r"每人|人均|/人", clause + per + tail))
    words = per + tail if (per or tail) else clause
    if "月" in (per + tail):
        period = "月"
    elif "年" in (per + tail):
        period = "年"
    else:
        last = max(((words.rfind(w), p) for w, p in (("月", "月"), ("年", "年"))), default=(-1, ""))
        period = last[1] if last[0] >= 0 else ""
    if not period:
        return "元/人" if person else "元"
    return f"元/人/{period}" if person or _paid_per_person(clause) else f"元/{period}"


def _standard_figures(text: str, drafts: list):
    """The new standards the other rules did not draft (由…每人每月719元提高到每人每月不低于791元; 照料护理标准…为每人每月
    626元、313元、189元): one row per class, the unit from the class's clause."""
    for sentence in _sentences(text):
        taken = {d.threshold for d in drafts if d.quote == sentence.text}
        if PAST_LEAD_WORD.match((sentence.paragraph[:1] or [sentence.text])[0]) and not FUTURE.search(sentence.text):
            continue  # "据了解,去年,…。全县…低保标准分别提高到人均340元/月和204元/月": the year gone by
        for match in STANDARD_NEW.finditer(sentence.text):
            head = sentence.text[max(0, match.start() - 16):match.start()]
            clause = re.split(r"[，。；,;]", sentence.text[:match.start()])[-1]
            if STANDARD_NOT_NEW.search(clause) or re.search(r"(?<![/每])年\s*$", head) or STANDARD_PAST.search(
                    sentence.text[:match.start()]) or (
                    match["verb"] in ("为", "达到") and not re.search(r"标准|水平|生活费|补贴|津贴", head + clause)) or (
                    match["verb"] == "标准" and match["cls"]):
                continue  # (最高达到, 资金为; "2015年为"; a figure that is no standard)
            unit = _standard_unit(clause, match["per"] or "", match["tail"] or "")
            figures = [match["num"], *re.findall(r"\d+(?:\.\d+)?", match["more"] or "")]
            for figure in figures:
                threshold = Decimal(figure)
                threshold = _plain_figure(threshold)
                if threshold in taken:
                    continue
                taken.add(threshold)
                yield DraftTarget(clause=sentence.clause, quote=sentence.text, indicator="", level=COUNTY,
                                  comparator=GTE if match["floor"] or match["floor2"] else EQ, threshold=threshold, unit=unit,
                                  note="救助保障标准：新标准", matched=match.group(0), measure="")


RESTATED = re.compile(r"届时|本次|此次|提标后|调整后")  # (…以465元标准全额发放: another class's standard, kept)


def _standard_notice(drafts: list, text: str, issued_on: date | None) -> list:
    due = _standard_effective(text, issued_on)
    drafts = _standard_read(drafts, due)
    drafts += _standard_read(list(_standard_figures(text, drafts)), due)
    for draft in drafts:
        if draft.unit == "元" and (earlier := [d for d in drafts if d.quote == draft.quote and d.unit.startswith("元/")
                                               and 0 <= _matched_at(d) < _matched_at(draft)]):
            draft.unit = earlier[-1].unit  # "各区…由每人每月380元提高到420元;两县政府所在镇由330元提高到365元": per person and month too
    periods = {d.unit for d in drafts if re.fullmatch(r"元/人/[年月]", d.unit)}
    for draft in drafts:
        if draft.unit == "元" and len(periods) == 1 and _people_standard(draft):
            draft.unit = next(iter(periods))  # "南京城市低保标准将…提高到360元", in a notice of standards 每人每月
    # "…达到600元" told again later ("本次提标后将达到600元", "届时将提高至每人每月360元"): the same standard, once
    standards = [d for d in drafts if d.unit.startswith("元") and d.threshold is not None]
    again = {id(later) for n, later in enumerate(standards) for first in standards[:n]
             if first.quote != later.quote and first.threshold == later.threshold and first.deadline == later.deadline
             and (later.unit == "元" or later.unit == first.unit and RESTATED.search(later.quote))}
    # …or told first with no unit ("…提高到360元。…从目前的330元提高到360元" of a standard 每人每月): the one with its unit
    again |= {id(bare) for bare in standards if bare.unit == "元" and any(
        other.unit.startswith("元/") and other.threshold == bare.threshold and other.deadline == bare.deadline
        for other in standards)}
    # …or told in the headline and the lead, then in the notice's numbered item ("(一)从2023年7月1日起,…由月人均770元统一
    # 提高到月人均800元"): the numbered item's, where the document numbers it
    again |= {id(loose) for loose in standards if not loose.clause and any(
        item.clause and item.quote != loose.quote and (item.threshold, item.unit, item.deadline)
        == (loose.threshold, loose.unit, loose.deadline) and _shares_words(_words_before(item), _words_before(loose))
        for item in standards if id(item) not in again)}
    return [d for d in drafts if id(d) not in again]


# A floor word before a list of amounts: "分别按每人每月不低于1500元、375元、110元落实" — each is a floor.
FLOOR_LIST = re.compile(r"(?:不低于|不少于|不得低于|至少)\s*\d+(?:\.\d+)?\s*元(?:\s*[、和及]\s*\d+(?:\.\d+)?\s*元)*\s*[、和及]\s*$")


def _standard_read(drafts: list, due: date | None) -> list:
    kept = []
    for draft in drafts:
        if draft.unit == "%" and draft.matched and (at := draft.quote.find(draft.matched)) >= 0 and re.search(
                r"(?:增幅|涨幅|增长)[^，。；,;]{0,4}$", draft.quote[:at]):
            continue  # "届时将提高至每人每月360元,增幅达12.5%": the raise's size, not a standard
        if draft.unit == "倍" and re.search(r"不低于|不得低于", draft.matched):
            # 特困人员救助供养基本生活标准不低于当地低保标准的1.3倍: a floor, dated only when its own sentence dates it
            draft.comparator = GTE
            if due and STANDARD_EFFECTIVE.search(draft.quote):
                draft.deadline, draft.period = due, BY_DEADLINE
        elif draft.unit == "倍" and draft.comparator == EQ and due:
            draft.deadline, draft.period = due, BY_DEADLINE  # 按…标准的1.5倍确定: the notice's own standard, from its date
        if not draft.unit.startswith("元") or draft.threshold is None:
            kept.append(draft)
            continue
        at = draft.quote.find(draft.matched)
        number = re.search(r"\d", draft.matched)
        if at < 0 or not number:
            kept.append(draft)
            continue
        figure = draft.matched.rfind(format(draft.threshold, "f"))
        at += figure if figure > 0 else number.start()  # (由…1949元、1313元提高到2017元、1359元: the new figure's place)
        clause = draft.quote[_segment_start(draft.quote, at, 0):at]
        clause = re.split(r"[，。；,;]", clause)[-1]
        head = draft.quote[max(0, at - 22):at]
        if STANDARD_OLD.search(head) or STANDARD_RAISE.search(head) or STANDARD_NOT_NEW.search(clause):
            continue  # the old standard, the raise, the top of a differentiated one, money added
        if draft.comparator == EQ and re.search(r"(?:低限|下限)\s*(?:为|是)?\s*$", head):
            draft.comparator = GTE  # "城市居民最低生活保障标准低限为740元/月": the floor every city's standard must reach
        if draft.comparator == GTE and not re.search(r"不低于|不少于|不得低于|以上|至少|低限|下限", head[-8:] + draft.matched) \
                and not FLOOR_LIST.search(clause):  # (每人每月不低于1500元、375元、110元: the floor holds for each)
            draft.comparator = EQ  # 提高到740元: the new standard
        if draft.unit in ("元/月", "元/年") and re.search(r"每人|人均|/人", clause):
            draft.unit = "元/人/" + draft.unit[-1]
        elif draft.unit == "元" and "/" in (unit := _standard_unit(clause, "", "")) and unit != "元/人":
            draft.unit = unit  # 分别从每人每月2100元、1700元分别提高到2213元、1792元: the period its clause names
        own = [when for match in STANDARD_EFFECTIVE.finditer(draft.quote[:at])
               if (when := _effective_date(match, due))]
        if own and draft.clause and due and own[-1] != due and not (draft.deadline and draft.deadline.year > due.year):
            # "(二)从2023年1月1日起,对…定补对象的标准由原每人每月1050元调整为每人每月1100元" in a notice in force from 7月1日:
            # the date its own item gives
            draft.deadline, draft.period = own[-1], BY_DEADLINE
        elif due and not (draft.deadline and draft.deadline.year > due.year):
            # (a standard for a later year keeps its own: "到2010年,城市…每人每月不低于370元" in a notice of 2009)
            draft.deadline, draft.period = due, BY_DEADLINE
        if not draft.regions and draft.level != COUNTY:
            draft.level, draft.indicator = COUNTY, ""  # a standard the notice sets is its issuer's (镇海区…, not a town)
        kept.append(draft)
    return kept


# A contest or funding round (公益创投, 公益创新大赛, 项目大赛, 福彩公益金资助, 志愿服务项目援助计划): news of a round names
# its money (投入/安排/预算/设立/拟出资/利用 N万元 → 'eq' in 元, '多' 'gte'), the projects or prizes it will select
# (评选出16个, 入围60个, 确定30─50个, 金奖2个、银奖3个 → 'eq', '约'/'以上'/a range 'gte') and each project's ceiling
# (最高/上限/不超过 N万元 → 'lte', no deadline); a per-project range (1万~10万元) is 'gte' its lower end. The round's money
# and counts fall due at the end of the round's year: a span in their own sentence (扶植期…(2020年1月至12月)), else the
# round's 实施时间 (2021年1月至12月) or its 《2018年…实施方案》, else the year of a document that says 今年, else a month
# the sentence names (将于10月下旬举办决赛,评选出…); with none, no deadline. What an earlier round did (第一届…最终从65个
# …选出12个, 累计投入, 已投放) is not read.
CONTEST_DOCUMENT = re.compile(r"公益创投|公益创新|项目大赛|项目大会|创投|福彩公益金|福利彩票公益金|项目援助计划")
CONTEST_PAST = re.compile(r"已|累计|以来|共计|实际|往届|上届|历届|最终从")  # in the figure's own clause
_CONTEST_MONEY_NUM = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<more>多|余)?\s*(?P<wan>万)?\s*(?:元|(?=福利彩票|福彩|的?\s*[“\"]?种子资金))"
CONTEST_MONEY = re.compile(r"(?:投入|安排|预算|设立|拟出资|出资|利用|总资助金额|总资助资金|资金总额|总扶持资金|扶持资金总额|总额)"
                           r"[^，。；,;\d]{0,10}?(?:高达|达|为)?\s*" + _CONTEST_MONEY_NUM)
CONTEST_CEILING = re.compile(r"(?:最高|上限)[^，。；,;\d由]{0,10}?(?:由[^，。；,;]{0,12}?提至|为|达|不超过|不超)?\s*"
                             r"(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?\s*元?(?![\d万元])(?!\s*[提至到])")
CONTEST_RANGE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?P<wan>万)?\s*[~～]\s*\d+(?:\.\d+)?\s*万?元")
CONTEST_COUNT = re.compile(r"(?:评选出|选出|评出|确定|遴选出|入围|征集)(?P<gap>[^，。；,;\d]{0,12}?)(?P<approx>约)?\s*"
                           r"(?P<num>\d+)\s*(?P<range>[─—\-~～至]\s*\d+)?\s*(?P<unit>个|项)(?P<more>以上)?")
CONTEST_PRIZE = re.compile(r"(?:金奖|银奖|铜奖|优秀奖|一等奖|二等奖|三等奖)(?:项目)?\s*(?P<num>\d+)\s*(?P<unit>个|人|名|项)")
CONTEST_SPAN = re.compile(r"(?P<year>\d{4})\s*年\s*1\s*月\s*至\s*12\s*月")
CONTEST_ROUND_YEAR = re.compile(r"实施时间[^，。；,;]{0,6}?(?P<year>\d{4})\s*年\s*1\s*月\s*至\s*12\s*月|"
                                r"《[^》]{0,20}?(?P<plan>\d{4})\s*年[^》]{0,40}?(?:实施方案|工作方案)》")
CONTEST_MONTH = re.compile(r"于\s*(?P<month>\d{1,2})\s*月(?:上旬|中旬|下旬|底|份)?")


def _contest_year(text: str, issued_on: date | None) -> date | None:
    round_year = CONTEST_ROUND_YEAR.search(text)
    if round_year:
        return date(int(round_year["year"] or round_year["plan"]), 12, 31)
    if issued_on and re.search(r"今年(?!以来)", text):
        return date(issued_on.year, 12, 31)
    return None


def _contest_figures(sentence: _Sentence, issued_on: date | None, round_end: date | None):
    text = sentence.text
    span = CONTEST_SPAN.search(text)
    month = CONTEST_MONTH.search(text)
    if not round_end and month and issued_on:
        round_end = _month_end(issued_on.year, int(month["month"]))  # 将于10月下旬举办决赛,评选出…
    dated = date(int(span["year"]), 12, 31) if span else round_end  # the money: the span of what it funds
    headline = not re.search(r"[。；;,，]", text)
    read = []

    def draft(match, comparator, threshold, unit, deadline, note):
        if any(s < match.end() and match.start() < e for s, e in read) \
                or CONTEST_PAST.search(text[_segment_start(text, match.start(), 0):match.start()]):
            return None
        read.append((match.start(), match.end()))
        return DraftTarget(clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=comparator,
                           threshold=_plain_figure(threshold), unit=unit,
                           deadline=deadline, note=note, matched=match.group(0), measure="")

    for match in CONTEST_CEILING.finditer(text):
        amount = Decimal(match["num"]) * (10000 if match["wan"] else 1)
        if amount >= 100 and (target := draft(match, LTE, amount, "元", None, "一轮资助：单个项目上限")):
            yield target
    for match in CONTEST_MONEY.finditer(text):
        if headline and not re.search(FUTURE.pattern + "|拟", text):
            continue  # "湖南投入5000万福彩公益金培育社会组织": a headline over a report of what was spent
        amount = Decimal(match["num"]) * (10000 if match["wan"] else 1)
        note = "一轮资助：资金总额" + ("；期限：所资助项目的期间" if span else "")
        if target := draft(match, GTE if match["more"] else EQ, amount, "元", dated, note):
            yield target
    for match in CONTEST_RANGE.finditer(text):
        amount = Decimal(match["num"]) * (10000 if match["wan"] else 1)
        if target := draft(match, GTE, amount, "元", None, "一轮资助：单个项目资助范围"):
            yield target
    for match in CONTEST_PRIZE.finditer(text):
        if target := draft(match, EQ, Decimal(match["num"]), match["unit"], dated, "一轮评选：奖项数"):
            yield target
    for match in CONTEST_COUNT.finditer(text):
        if re.search(r"每年", text[:match.start()]):
            deadline = None  # "每年…确定30─50个": a yearly selection with no end year
        else:
            deadline = _deadline(text[:match.start()], issued_on)[0] or round_end
        comparator = GTE if match["approx"] or match["range"] or match["more"] else EQ
        if target := draft(match, comparator, Decimal(match["num"]), match["unit"], deadline, "一轮评选：项目数"):
            yield target


# The generic fallback: after the precise rules, a forward-looking quantity of a plan or a year's list — a number
# with a measure word — that they did not draft is the county's, 'eq' unless words around it compare; status,
# dates, ordinals, growth rates, per-unit figures and counts of the document's own structure are left out.
FALLBACK_QUANTITY = re.compile(
    r"(?<![\d.第])(?P<num>\d+(?:\.\d+)?|(?<=、)[一两二三四五六七八九]?[百千](?=名))\s*(?P<scale>万|亿)?\s*"  # 、百名…督导、
    r"(?P<unit>万元|元|平方米|公里|人次|个(?!月|工作日|百分点|小时)|家|所|张|条|座|套|处|户|名|人(?![口民员])|亩|株|辆|台|栋|km|千米|路(?![公车线段口]))")
FALLBACK_STATUS = re.compile(r"已|累计|截[至止]|共计|同比|比上年|较上年|上年|去年|完成了|建成了|落成|竣工|现有|目前|现状|以来|"
                             r"历年|增长|下降|增幅|增速|降低|提高了|年均")
# a figure followed by its year-on-year change is a statistic reported, not a goal
YEAR_ON_YEAR = re.compile(r"\s*[，,]?\s*(?:同比|比上年|较上年|比去年|较去年)(?:增长|下降|增加|减少|提高|降低)")
FALLBACK_STRUCTURE = re.compile(r"\s*(?:大|项|个|条)?\s*(?:方面|任务|措施|行动|民生实事|实事|重点工作|小项|指标|举措|领域|板块|部分|"
                                r"环节|原则|问题|渠道|机制|体系|方向|类|阶段|分节|小部分|章节)")  # (共8章43个分节: the text's own parts)
FALLBACK_SENTENCE_STATUS = re.compile(r"截[至止]|目前|据悉|共有|现有|以来|至今|已经|上升|预计|人口")
# a count of places or bodies named is the scope of a text ("全市31个乡、44个镇", "21个部门印发"), not a goal
FALLBACK_PLACES = re.compile(r"\s*(?:设区市|地级市|地市|城区|市区|乡镇|乡|镇|街道|街镇|村|行政村|社区|城市社区|县|区|市|省|部门|单位|城市)(?![\u4e00-\u9fa5]{0,3}(?:中心|站|院|室|点|所(?!属|在)|场)|[\u4e00-\u9fa5]{0,4}(?:公墓|墓地|殡仪馆|食堂))")
# In a plan, "1处市级殡仪服务设施", "5处镇(街)级安葬(放)设施": a count of facilities of a tier, not places covered.
FALLBACK_TIER_FACILITY = re.compile(r"\s*(?:市|区|县|乡镇|乡|镇|街道|村|社区)(?:[(（][\u4e00-\u9fa5]{1,2}[)）])?级")
FALLBACK_STRUCTURE_TAIL = re.compile(r"(?:行动|专栏|方面|任务|措施|举措|部门)$")
# A plan said in a report ("年内计划新培育社区400个", "计划建设…9个"): in its clause, before the figure.
PLANNED = re.compile(r"计划(?!单列)[^，,。；;]{0,30}$")
REDUCED = re.compile(r"撤并|撤並|撤销|压减|关停|关闭|减少")
FALLBACK_PER = re.compile(r"每|人均|户均|平均|各(?!类)")
FALLBACK_GT = re.compile(r"超过|突破|大于|多于|高于|(?<![赶])超\s*$")  # 全省持证社工人数要超10万人
FALLBACK_GTE = re.compile(r"不少于|不低于|至少|达到|力争|争取|努力实现")
# A 政府工作报告's 主要预期目标 ("…的主要预期目标是:…收入增长6%;实现…总额1600亿元"): floors, growth included.
EXPECTED_GOALS = re.compile(r"预期目标(?:是|为|如下)")
GROWTH = re.compile(r"增长\s*(?P<num>\d+(?:\.\d+)?)\s*%(?!\s*(?:以上|以下|左右|及以上))")
# "争取自治区彩票公益金1.32亿元", "争取项目资金105万元": funds sought are an amount, as one granted ('eq').
MONEY_SOUGHT = re.compile(r"(?<!力)争取(?=[^，。；,;\d]{0,16}?(?:资金|公益金|补助|补贴|经费|投资|资助))")


def _noun_after(quote: str, matched: str) -> str:
    """The words right after a figure ("5000张养老床位" → "养老床位"), or the empty string when none follow."""
    at = quote.find(matched)
    return "" if at < 0 else re.match(r"[\u4e00-\u9fa5]{0,8}", quote[at + len(matched):]).group(0) or ""


# "…总量达到3.5万人,其中…中级…约3000人,高级…约500人", "总量达到10万人,中、高级…分别为1.2万人、1800人": the parts
# listed after a total reached (其中, 分别) take its comparator.
CARRIED_GTE = re.compile(r"达到|不少于|不低于|至少")


def _carried_gte(head: str) -> bool:
    total = None
    for total in CARRIED_GTE.finditer(head):
        pass
    return bool(total) and bool(re.search(r"其中|分别", head[total.end():]))


EACH_GROUP = re.compile(r"(?P<groups>[\u4e00-\u9fa5]{2,12}(?:(?:、|及|和|与)[\u4e00-\u9fa5]{2,12})+)(?P<each>各)\s*$")
EACH_GROUP_SEPARATOR = re.compile(r"、|及|和|与")


# "500户以上的城市社区", "3000户以下社区,可按10至15人…": a figure of households or people then (的 and) a place — the
# size of the places a norm is for (not "60户村民", the people a task is for).
PLACE_SIZE_AFTER = re.compile(r"\s*(?:以上|以下)?\s*的?\s*(?:城市|城镇|农村)?(?:社区(?!居民)|村(?![民委])|小区|乡镇|街道|居民区)")


def _fallback(sentence: _Sentence, taken: list, earlier: list, issued_on, pilot_end, plan_end, year_end):
    text = sentence.text
    numbers = {(d.threshold, d.unit, d.clause) for d in earlier} | {
        (d.threshold, d.unit, noun) for d in earlier if (noun := _noun_after(d.quote, d.matched))}
    for draft in taken:
        numbers.update(re.findall(r"\d+(?:\.\d+)?", draft.matched + " " + draft.note))
    for match in FALLBACK_QUANTITY.finditer(text):
        start, end = match.start(), match.end()
        segment_start = _segment_start(text, start, 0)
        segment = text[segment_start:start]
        if match["num"] in numbers and not (EACH_GROUP.search(segment) and not any(
                d.unit == match["unit"] and d.matched and match.group(0) in d.matched for d in taken)):
            # a precise rule read it (or deliberately set it aside in its matched words) — not a figure each group
            # listed before 各 is given whose digits another figure of the sentence shares ("改建2000张…床位,…培养及…
            # 培训各2000名")
            continue
        after = text[end:end + 8]
        if MEETING_PEOPLE.match(text, end):
            continue  # "与会的221名人大代表每人投出了神圣的一票": who met and voted
        groups = 1
        if (each := EACH_GROUP.search(segment)) and not FALLBACK_PER.search(segment[:each.start("each")]):
            # "累计培养社会工作领军人才、督导人才各150名", "开展养老护理员中高级培养及认知障碍照护能力培训各2000名": one
            # target for each group listed before 各
            groups = len(EACH_GROUP_SEPARATOR.findall(each["groups"])) + 1
            segment = segment[:each.start("each")]
        status = FALLBACK_STATUS.search(segment)
        if status and status.group() == "累计" and not FALLBACK_STATUS.search(segment, status.end()) \
                and re.search(r"(?<!达)到\s*\d{4}\s*年", text[:segment_start]):
            status = None  # "到2025年,…;累计培养…各150名": a cumulative goal by a date ahead
        if status or FALLBACK_STATUS.match(after) or FALLBACK_PER.search(segment):
            continue
        if FALLBACK_SENTENCE_STATUS.search(text[:start]) or _total_so_far(text[:start]) or CITY_TIER.search(segment) \
                or (_is_status(text[segment_start:], start - segment_start, issued_on) and not _carried_gte(text[:start])) or (
                FALLBACK_PLACES.match(after) and not (plan_end and FALLBACK_TIER_FACILITY.match(after))):
            continue  # a sentence that tells what is, a projection, a city's figure, the places a text covers
        if re.search(r"(?:[至~～\-－—]|(?<=\d)到)\s*$", text[:start]) or text[:start].count("《") > text[:start].count("》"):
            continue  # the end of a range; a title
        if SHARE_OF_PLACES_BEFORE.search(re.split(r"[，,。；;]", text[:start])[-1]):
            continue  # "80%以上的街道(乡镇)至少要有1个…": the condition the share counts
        if re.search(r"[(（]\s*(?:约合|折合|约|合)\s*$", text[:start]):
            continue  # "用地总面积约71.93公顷(约合1079亩)": the figure before, in other units
        if match["unit"] in ("户", "人", "名") and PLACE_SIZE_AFTER.match(text, end):
            continue  # "500户以上的城市社区、300户以上的村拥有…": the size of the places meant, not a goal
        if EACH_OF_THEM.match(text, end):
            continue  # "13个街办和5个城关镇各建设1处": the places, each building one
        tail = SEGMENT_BOUNDARY.split(text[end:], maxsplit=1)[0]
        if YEAR_ON_YEAR.match(text, end):
            continue  # "2023年,静安区实现区级一般公共预算收入287.80亿元,同比增长3%": a statistic reported
        if FALLBACK_STRUCTURE_TAIL.search(tail) or re.search(r"已|完成了|建成了", tail):
            continue  # "15个…质量提升行动", "5个项目专栏": the plan's own parts; "400个…项目已全部开工": told
        if re.search(r"基础上", tail):
            continue  # "在5个省级试点地区的基础上建设一批…": the base a goal starts from, not the goal
        if FALLBACK_STRUCTURE.match(text, end) or re.search(r"(?:项目|事项|实事|任务|指标|措施)\s*$", segment) or re.match(r"\s*(?:年|月|日|岁|号|届|期)", after):
            continue
        unit, scale = match["unit"], match["scale"]
        threshold = _number(match["num"])
        if threshold is None or len(match["num"].split(".")[0]) > 9:
            continue
        note = ""
        if scale == "万":
            threshold *= 10000
        elif scale == "亿":
            threshold *= 100000000
        if unit == "万元":
            threshold, unit, note = threshold * 10000, "元", f"原文：{match.group(0)}"
        unit = {"km": "公里", "千米": "公里"}.get(unit, unit)
        aimed = segment if unit != "元" else MONEY_SOUGHT.sub("", segment)  # 争取…资金1.32亿元: the sum sought, 'eq'
        comparator = GT if FALLBACK_GT.search(segment) else GTE if (
            FALLBACK_GTE.search(aimed) or re.match(r"\s*(?:以上|及以上|左右)", text[end:])) else EQ
        if comparator == EQ and EXPECTED_GOALS.search(text[:start]):
            comparator = GTE  # "主要预期目标是:…实现社会消费品零售总额1600亿元": an expected figure is a floor
        if comparator == EQ and (re.search(r"(?<![签节制公条预合契违履守])约\s*$", text[:start]) or _carried_gte(text[:start])):
            comparator = GTE  # "…约500人"; "总量达到10万人,中、高级…分别为1.2万人、1800人": the 达到 of the total holds
        deadline, deadline_note = _deadline(text[:start], issued_on, pilot_end)
        if deadline is None and _HORIZONS.get():
            # "远期:殡仪设施规划布局1处…。安葬(放)设施规划布局1处…": the horizon the paragraph opens on
            deadline = next((when for earlier in reversed(sentence.paragraph or sentence.previous)
                             if (when := _deadline(earlier, issued_on)[0]) and HORIZON_NAMED.match(earlier)), None)
        if deadline is None and year_end:
            deadline, deadline_note = year_end, "期限：一年的任务，按该年年底"
        if deadline is None and plan_end:
            deadline, deadline_note = plan_end, "期限：文中未写，按规划期末"
        noun = _noun_after(text, match.group(0))
        facility = ""
        if plan_end and FALLBACK_TIER_FACILITY.match(after):
            # "近期:…规划布局1处市级殡仪服务设施,1处镇(街)级殡仪服务设施": one count per tier and horizon, even alike
            facility = "设施：" + re.match(r"[\u4e00-\u9fa5()（）]{0,14}", text[end:]).group(0)
            if deadline is None or any(d.note.endswith(facility) and d.deadline == deadline and d.quote == text
                                       and d.threshold == threshold for d in earlier):
                continue
        elif (deadline is None and not _plan_states(sentence)) or {(threshold, unit, sentence.clause),
                                                                   (threshold, unit, noun or None)} & numbers:
            continue  # no dated horizon (nor a plan's figure, told as such): not read as a goal; or drafted already
        if REDUCED.search(segment):
            continue  # "分别增加400个左右、撤并30个左右…设施": a number of places to close, not to reach
        for group in range(groups):
            yield DraftTarget(
                clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=comparator,
                threshold=threshold, unit=unit, deadline=deadline,
                note="；".join(n for n in ("通用规则", note, deadline_note, f"各：第{group + 1}组" if groups > 1 else "",
                                          facility) if n),
                matched=match.group(0), measure=segment.strip())


# A facility project's scale (news of one 福利院, 救助站, 殡仪馆 built or enlarged, a 项目建议书批复, a plan's project):
# its planned investment (总投资900万元, 计划投资5000万元, 预计投入3020万元), floor area (建筑面积2959.85平方米, 建设规模
# 为7000平方米) and beds (设计床位600张, 新建500张床位) — 'eq', '约'/'余' 'gte', at the county. Beds and area fall due at
# the end of the year the project is expected to be finished (预计2017年3月竣工), the investment has no deadline; what
# is told of a building already in use (新大楼投资…共设有床位276张), a site area (占地面积) and one building's area in a
# breakdown (其中:综合楼建筑面积…) are not targets.
# told as done in the figure's own clause (共计 in a project is its sum, not a count of what exists)
PROJECT_STATUS = re.compile(r"已|累计|截[至止]|同比|比上年|较上年|上年|去年|完成了|建成了|现有|目前|现状|以来|历年")
PROJECT_WORDS = re.compile(r"项目|工程|拟|计划|规划|预计|新建|扩建|改建|建设规模")
PROJECT_FIGURE = re.compile(
    r"(?P<money_word>总投资|计划投资|预计投入|投资估算|估算总投资|拟投资|将投资|投入(?:改造|建设)资金)(?:估算|预计)?\s*(?:为|达)?\s*"
    r"(?P<money_about>约)?\s*(?P<money>\d+(?:\.\d+)?)\s*(?P<money_scale>万|亿)(?P<money_more>余)?元"
    r"|(?P<area_word>总建筑面积|建筑总面积|建筑面积|建设规模)\s*(?:为|约为|达|共计|共)?\s*(?P<area_about>约)?\s*"
    r"(?P<area>\d+(?:\.\d+)?)\s*(?P<area_scale>万)?(?:平方米|㎡|平米)(?P<area_more>余)?"
    r"|床位\s*(?P<beds>\d+)\s*张|(?P<beds_after>\d+)\s*张床位")
# a headline that tells the facility is finished ("竹溪县城区福利院落成", "海南州儿童福利院全面建成并投入使用")
PROJECT_FINISHED = re.compile(r"落成|建成并?投入使用|建成启用|竣工(?!后)")
PROJECT_DONE = re.compile(r"(?P<year>\d{4})\s*年(?:\s*\d{1,2}\s*月)?(?:底|前)?\s*(?:整体|全面|基本|主体|可|将|能)?\s*"
                          r"(?:建成|竣工|完工|投入使用)"
                          # "建设时间为2021年12月至2023年12月": the end of the building time
                          r"|建设(?:时间|周期|工期|期限)\s*(?:为|是)?\s*\d{4}\s*年(?:\s*\d{1,2}\s*月)?\s*(?:至|到|[-－—~～])\s*"
                          r"(?P<year2>\d{4})\s*年")


PROJECT_SCALE = "项目规模"  # the note of a project's size (its area, beds, sum)
PROJECT_AIM = re.compile(r"预计|计划|力争|确保|争取")  # ("计划2018年12月前完工并投入使用")
PROJECT_DONE_MONTH = re.compile(r"(?<![\d年])(?P<month>1[0-2]|[1-9])\s*月(?:份)?(?:底|末)?(?:前)?\s*(?:基本|整体|可|将|能)?(?:建成|竣工|完工|投入使用)")
PROJECT_DONE_THIS_YEAR = re.compile(r"(?:今年|年内|本年)(?:年底|底|内)?(?:前)?\s*(?:基本)?(?:建成|竣工|完工|投入使用|完成建设)")


def _project_completion(text: str, issued_on: date | None = None) -> date | None:
    """The end of the year a document's one project is expected to be finished ("预计将于2017年3月竣工"; "预计在9月底
    基本建成": that month's end in the year of issue), else of the year whose list of tasks the document opens by
    naming (2021年为民办实事项目之一)."""
    dates = set()
    for sentence in re.split(r"[。！？\n]", text):
        if aim := PROJECT_AIM.search(sentence):
            aimed = sentence[aim.start():]
            dates |= {date(int(m["year"] or m["year2"]), 12, 31) for m in PROJECT_DONE.finditer(aimed)}
            if issued_on:
                dates |= {_month_end(issued_on.year, int(m["month"])) for m in PROJECT_DONE_MONTH.finditer(aimed)
                          if int(m["month"]) >= issued_on.month}
                if PROJECT_DONE_THIS_YEAR.search(aimed):
                    dates.add(date(issued_on.year, 12, 31))  # "预计今年年底完工"
    if len(dates) == 1:
        return dates.pop()
    listed = YEAR_PLAN.search(_title_lines(text, 5))  # "作为石狮市2021年为民办实事项目之一,…修缮项目正式启动"
    return date(int(listed["year"]), 12, 31) if listed else None


def _project_finished(text: str) -> bool:
    """Whether the document's headline reports its facility finished: its scale is then told, not aimed at."""
    return any(PROJECT_FINISHED.search(line) and not re.search(r"预计|将|计划|拟|启动|开工", line)
               for line in _title_lines(text, 5).split("\n"))


def _project_figures(sentence: _Sentence, completion: date | None, year_end: date | None = None, plan_end=None,
                     issued_on: date | None = None):
    text = sentence.text
    for match in PROJECT_FIGURE.finditer(text):
        kind = next(k for k in ("money", "area", "beds", "beds_after") if match[k])
        start = match.start(kind)
        segment = text[_segment_start(text, start, 0):start]
        if not PROJECT_WORDS.search(" ".join([*sentence.paragraph[-2:], text])) or PROJECT_STATUS.search(segment) \
                or re.search(r"(?<![将要])(?:落成|竣工)(?!后)", text[:start]):
            continue  # no project named or planned before it; or told as done ("已完成", "现有", "福利院落成,新增床位56张")
        if re.match(r"\s*(?:及)?(?:以上|以下)", text[match.end():]):
            continue  # "新增养老服务床位3000张以上": a goal with its comparator, read by the rules above
        part = re.split(r"[；;]", text[:start])[-1]  # money's breakdown (其中…) ends at its "；"
        if kind == "beds" and re.search(r"每\s*[百千万]\s*名?\s*老", segment):
            continue  # "每千名老人拥有养老床位36张": a ratio of the whole place, not a project's beds
        if "占地" in segment or (kind == "area" and "其中" in text[:start]
                                 and match["area_word"] not in ("总建筑面积", "建设规模")):
            continue  # the site's area; one building's area in a breakdown
        if kind == "money" and ("其中" in part or "期间" in segment):
            continue  # the shares of an investment received ("其中中央预算内投资1120万元"); a plan period's sum
        threshold = _number(match[kind])
        if kind == "area" and match["area_scale"]:
            threshold *= 10000  # 建筑面积5万平方米
        # "“十四五”期间,我市将实施…。养老领域实施5个重点项目——…": a plan period's projects are due at its end
        during = _plan_during(text[:start], sentence.paragraph) if plan_end else None
        if kind == "money":
            threshold *= 10000 if match["money_scale"] == "万" else 100000000
            unit, note, deadline = "元", f"原文：{match.group(0)}", during
            if deadline is None and issued_on and THIS_YEAR.search(text[:start]):
                deadline = date(issued_on.year, 12, 31)  # "今年莆田将投资520万元,新建4所…": this year's sum
        else:
            # due when the project is expected to be finished, else by the year's list it stands in (为民办实事)
            unit, note, deadline = ("平方米" if kind == "area" else "张"), "", completion or year_end or during
        about = kind in ("money", "area") and (match[f"{kind}_about"] or match[f"{kind}_more"]
                                               or "约" in text[max(0, match.start() - 2):match.start()])
        yield DraftTarget(
            clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=GTE if about else EQ,
            threshold=_plain_figure(threshold), unit=unit,
            period=BY_DEADLINE if deadline else ONGOING, deadline=deadline,
            note="；".join(n for n in (PROJECT_SCALE, note) if n), matched=match.group(0), measure=segment.strip())


# A progress report's task and what is done of it ("15个农村幸福院建设已完成8个(53%)", "263场送戏进万村已送230场",
# "6个老旧小区改造正在施工中(90%)"): the task's count is the year's target, due at the year's end; the count done is status.
PROGRESS_TASK = re.compile(r"(?:^|(?<=[，,；;：:、(（]))\s*(?P<num>\d+)\s*(?P<unit>个|条|场|件|所|家|张|处|座|户)"
                           r"(?P<what>[^，。；,;：:\d]{1,24}?)(?:已[\u4e00-\u9fa5]{1,2}\s*\d+(?:\.\d+)?\s*(?P=unit)|正在施工中?\s*[(（]\s*\d)")


def _progress_tasks(sentence: _Sentence, issued_on: date | None, year_end: date | None):
    text = sentence.text
    due = year_end or (date(issued_on.year, 12, 31) if issued_on else None)
    for match in PROGRESS_TASK.finditer(text):
        yield DraftTarget(
            clause=sentence.clause, quote=text, indicator="", level=COUNTY, comparator=EQ,
            threshold=Decimal(match["num"]), unit=match["unit"], period=BY_DEADLINE if due else ONGOING, deadline=due,
            note="进展报告的年度任务", matched=match.group(0).strip(), measure=match["what"].strip())


def _bigrams(words: str) -> set:
    han = "".join(HAN.findall(words))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _same_measure(one: str, other: str) -> bool:
    """Whether two drafts alike in every field measure the same thing, by their words: a headline and its body
    share most of them; a measure with no words of its own is taken for the same."""
    a, b = _bigrams(one), _bigrams(other)
    if not a or not b:
        return True
    return len(a & b) / max(len(a), len(b)) >= 0.3


AIMED = re.compile(FUTURE.pattern + "|" + THIS_YEAR.pattern + r"|目标|任务|重点|着力|推进|推动|加快|加大|实施|开展|启动|全力|继续|进一步|新增|新建"
                   r"|不少于|不低于|至少|不超过|不高于|以上|以下"  # (a standard set: "…站面积不少于1000平方米")
                   r"|(?:到|至)\s*[“『「]?十[一二三四五]五[”』」]?\s*(?:末|期末)")  # (至“十二五”末,…达到5.1万张: a plan's end)


def _aimed_at_meeting(sentence: _Sentence) -> bool:
    """Whether a sentence of a meeting's news speaks of the year's works: a word of aim in it, in its paragraph so far,
    in the headings above it or its headline; else it tells the year gone by."""
    return any(AIMED.search(words) for words in (sentence.text, sentence.lead, *sentence.paragraph, *sentence.headings))


def _past_paragraph(sentence: _Sentence, issued_on, year_end=None) -> bool:
    """"2021年，锦州市民政局确定……。作为……，为每个街道社工站配备2名社工。" in a report of 2022: a paragraph that
    opens on a year before the document's tells what was done then, unless a sentence speaks of the future."""
    if FUTURE.search(sentence.text):
        return False
    if DATED_EVENT.match(sentence.text) and not (
            year_end and YEAR_PLAN.search(sentence.text) and int(sentence.text.strip()[:4]) <= year_end.year):
        # ("2023年2月7日,上海2023年为民办实事项目正式公布,…包括新增5000张养老床位…": the list announced)
        return True  # "2019年12月，全省1940个乡镇(街道)社工站全覆盖": an event, told
    if issued_on and (month := THIS_YEAR_MONTH_EVENT.match(sentence.text)) and int(month["month"]) < issued_on.month:
        return True  # "今年6月,全区18个乡镇(街道)社工站全面建成" told in November: an event of this year, done
    if not (issued_on or sentence.paragraph):
        return False
    if sentence.paragraph and (until := re.search(r"截[至止]", sentence.paragraph[-1])) \
            and not (FUTURE.search(sentence.paragraph[-1], until.end()) and ASKED_OF_EACH.search(sentence.text)):
        # (not after "截至5月31日,…38个县建立了…,下一步将实现…全覆盖。", which turned to what is to come, a sentence
        # stating the standard each place is asked to meet: "…要求…每个村(居)配备1名儿童主任")
        return True
    if sentence.paragraph and STATUS_LEAD.match(sentence.paragraph[-1]):
        return True  # "目前,全市…实现全覆盖。在…登记…志愿者队伍达到3000余支,…占本地常住人口比例达22%。"  # "截至2021年底，全省共有……。志愿服务站点……覆盖比例达90.78%": the count goes on
    opening = (sentence.paragraph[:1] or [sentence.text])[0]
    if PAST_LEAD_WORD.match(opening) and not (issued_on and any(
            int(year) >= issued_on.year for words in (*sentence.paragraph, sentence.text)
            for year in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年", words))):
        # "记者从会上获悉,去年,全市投入民政事业经费17.07亿元,…": the year gone by (not "去年,…民政部决定于2017-2020年
        # 实施…计划,…遴选300家": a programme decided then that runs on)
        return True
    match = PAST_LEAD.match(opening)
    return bool(match) and issued_on is not None and int(match["year"]) < issued_on.year



# A yearly quota of people sent or trained ("我省每年选派50名…", "每年由民政部对支持服务的贫困县区培养30名…").
YEARLY_QUOTA = re.compile(r"每年[^，。；,;\d]{0,20}?(?:选派|培养|招募|派驻|遴选)[^，。；,;\d]{0,10}$")
# A pace ("以每年建设20个“儿童之家”的工作进度", "以每年新增10个的速度"): how fast the work goes, not a target.
PACE = re.compile(r"以\s*每年[^，。；,;\d]{0,8}$")
PACE_AFTER = re.compile(r"[^，。；,;\d]{0,14}?的(?:工作)?(?:进度|速度|节奏)")
# A population that says which places a requirement is for ("30万人以上的县(市)", "20万人口以上的县(市、区)").
QUALIFYING_POPULATION = re.compile(r"\s*(?:人口)?\s*(?:以上|以下)?\s*的\s*(?:县|市|区|乡|镇|街道|社区|村|地区|城市)")
# Figures set per class of district the text does not assign ("一类、二类、三类区", "中心城区、…其他各区 分别").
DISTRICT_PAIR = re.compile(r"(?:老城区|旧城区)[^。；;]{0,30}?新城区[^，。；,;]{0,20}|新城区[^。；;]{0,30}?(?:老城区|旧城区)[^，。；,;]{0,20}")
DISTRICT_CLASSES = re.compile(r"[一二三四五]类(?:区|地区|县)?\s*[、和及]\s*[一二三四五]类|中心城区[^，。；]{0,20}?其他各区")
FORECAST = re.compile(r"(?:按|据|根据|依)[^，。；,;]{0,12}?(?:预测|测算|推算)\s*[,，]")
SHARE_OF_POPULATION = re.compile(r"占[^，。；,;\d]{0,6}?人口")
POPULATION = re.compile(r"(?<!每)(?<!每千)(?<!每万)(?<!每百)人口(?:占[^，。；,;]{0,10})?(?:比重|比例)?")


# A sum named as a ceiling, before it in its clause ("补贴上限每户达3000元", "封顶线为每人每年1万元") or right after it
# ("每户3000元限额标准内"): what is paid at most.
MONEY_CAP_BEFORE = re.compile(r"上限|限额|封顶|最高[^，。；,;\d]{0,8}?(?:达到|达|为)?\s*$")  # 每月最高抵扣额度达800元
MONEY_CAP_AFTER = re.compile(r"\s*(?:的)?(?:限额|封顶|上限)")


def _sentence_targets(sentence: _Sentence, issued_on, pilot_end, station_level="", plan_end=None, year_end=None,
                      this_year=None, last_phase=0, list_year=None, reported_list=False):
    text = sentence.text
    if _past_paragraph(sentence, issued_on, year_end):
        return
    period = ANNUAL if ANNUALLY.search(text) else ONGOING
    found = []
    previous_end = 0
    coverage = _coverage(text, station_level)
    taken = [(c[0], c[1]) for c in coverage]
    # "此外还公布2022年静安区为民办实事项目。包括…改造50万平方米。开工建设…500台": the paragraph that names this
    # year's list goes on with its items
    listed = reported_list or bool(list_year) and (any(YEAR_LIST_NAMED.search(e) for e in sentence.paragraph)
                                                   or bool(LIST_ITEMS_NAMED.search(text))
                                                   or bool(sentence.lead and (YEAR_LIST_NAMED.search(sentence.lead)
                                                                              or LIST_ITEMS_WORD.search(sentence.lead))))
    goals = bool(sentence.lead) or bool(year_end) or listed or any(GOALS_ANNOUNCED.search(e) for e in sentence.paragraph) \
        or bool(TASK_STATED.search(text)) \
        or _plan_states(sentence) \
        or any(TASK_HEADING.search(h) for h in sentence.headings) \
        or any(THIS_YEAR.search(e) and FUTURE.search(e) for e in [*sentence.paragraph[:1], text])
    # (TASK_STATED: "2019年…工程任务是:新改扩建100家…,培育100家…", the year's task stated; TASK_HEADING: "一、任务总数";
    # the paragraph's first sentence: "今年,…将…。筹资6000万元,新建农村幸福院1000个。")
    for start, end, comparator, number, unit, said_level in _requirements(text, goals=goals):
        threshold = _number(number)
        if threshold is None or any(s <= start < e or start <= s < end for s, e in taken):
            continue
        if _is_status(text, start, issued_on) or BASELINE.match(text, end):
            continue  # done, or the base a goal starts from ("在实现1.5个的基础上，有大幅提高")
        if CITY_TIER.search(text[_segment_start(text, start, 0):start]):
            continue  # the cities' figure: no tier of the portal
        if PACE.search(text[_segment_start(text, start, 0):start]) and PACE_AFTER.match(text, end):
            continue  # "以每年建设20个“儿童之家”的工作进度…": the pace of the work, not a target
        if unit in ("人", "名") and QUALIFYING_POPULATION.match(text, end):
            continue  # "常住人口30万人以上的县(市)要有1所…": which places, not a target
        if unit == "户" and re.match(r"\s*(?:及以上|以上|及以下|以下)?\s*的\s*\d", text[end:]):
            continue  # "2000户以下的210平方米,2000-3000户的300平方米": a band of households, which places
        if DISTRICT_CLASSES.search(text[:start]):
            continue  # "一类、二类、三类区…分别达到55平方米、50平方米、45平方米": figures of district classes
        if (pair := DISTRICT_PAIR.search(text)) and pair.start() <= start < pair.end():
            continue  # "老城区社区办公用房不少于300平方米,新城区500平方米以上": figures of old and new districts
        if re.search(r"预计|预测", text[:start]) and POPULATION.search(text[_segment_start(text, start, 0):start]):
            continue  # "预计到“十四五”末,…人口占全市人口比重将突破20%": a projection of the population
        own = _segment_start(text, start, 0)
        if unit == "%" and (POPULATION_SHARE_OF.search(text[own:start]) and not FUTURE.search(text[own:start]) or (
                own and not _own_subject(text[own:start])
                and POPULATION_SHARE_OF.search(text[_segment_start(text, own - 1, 0):own]))):
            # "老年人口超过150万人,占城乡老年人口总数的47.8%"; "…占总人口的16.1%,2015年将达17.6%": the population's
            # share, now or to come — no goal
            continue
        if FORECAST.search(text[:start]):
            continue  # "按现有老年人口预测,届时,全省将有47万多张…床位,超过35万人享有…补贴": what a forecast gives
        note = ""
        fixed_level = None
        if unit == "万元":
            threshold, unit, note = threshold * 10000, "元", f"原文：{number}万元"
        unit = UNIT_ALIASES.get(unit, unit)
        # (the words of a coverage read before it are the coverage's: "所有乡镇都建有…公益性骨灰安放设施,新建经营性
        # 公墓生态葬比例不低于35%" — its 公益性 is no word of the share's)
        previous_end = max([previous_end, *(e for s, e in taken if e <= start)])
        segment_start = _segment_start(text, start, previous_end)
        before = text[segment_start:start]
        indicator = _indicator(text, start, end, previous_end, unit)
        if indicator == "town_stations_built" and re.search(r"每[^，。；,;]{0,20}?(?:站|中心)", before):
            # "每个社区社会工作服务站至少设置1个专业社工岗位": a figure per station, not a count of stations
            indicator = _indicator(text, start, end, previous_end, unit, skip={"town_stations_built"})
        unit, denominator, reported = _figure_unit(text, end, unit, before, found[-1][4] if found else "")
        if reported:
            indicator = ""
        if denominator.endswith("人"):
            fixed_level = COUNTY  # people per 万 residents: a figure of the whole county
        elif "新增" in before or "新增" in text[max(0, start - 20):start]:
            indicator, note = "", "新增数"
            fixed_level = COUNTY
        elif COUNTY_WIDE.search(before) and not PER_UNIT.search(before) and not (
                unit == "%" and not re.search(r"全[市县区州省盟旗]", before)) and not (
                unit == "%" and _last_cue(before[_last_match_end(COUNTY_WIDE, before):]) in ("urban", "rural", "community")) \
                and not (unit == "%" and _last_cue(before[_last_match_end(COUNTY_WIDE, before):]) == "town"
                         and re.search(r"覆盖率\s*(?:要|将|力争)?\s*(?:达到|达|提高到|为)?\s*$", before)):
            # ("全省农村社区综合服务设施覆盖率达到90%": a rate of the kind of community named after 全省; so the towns'
            # "全市街道(镇)综合养老服务中心覆盖率达到80%")
            fixed_level = COUNTY  # "社会工作专业人才总数达600人": a county-wide total
            posts = "岗位" in before[_last_match_end(SEGMENT_BOUNDARY, before):]  # 全市社工岗位设置总量: posts
            if indicator in STATION_INDICATORS or indicator == "town_stations_built" or (
                    unit in ("个", "家") and SOCIAL_WORK_STATION.search(text[:start])):
                # "年底累计建成精神障碍社区康复站点不少于10个": a count of stations of another kind is reported
                indicator = "town_stations_built" if unit in ("个", "家") and SOCIAL_WORK_STATION.search(text[:start]) \
                    and not posts else ""
            elif indicator not in ("certified_share",):
                indicator = indicator if indicator in COUNTY_INDICATORS else ""
        if unit == "%" and not indicator and not fixed_level and "覆盖率" in before \
                and not SUBJECT.search(SUBJECT_FILLER.sub("", before.replace("覆盖率", ""))) \
                and (cue := _last_cue(text[_segment_start(text, segment_start - 1, 0):segment_start])):
            fixed_level = _CUE_LEVELS[cue]  # "计划建设街道养老服务中心220个,覆盖率可达97.3%": of the towns
        if unit == "%" and not indicator and not fixed_level and VILLAGE_RATE.search(before):
            fixed_level = RURAL  # "村级养老服务站覆盖率提高到45%": the share of villages with one
        if unit in ("%", "‰") and not indicator and not fixed_level and RATE_WORDS.search(text[segment_start:end]) and not _cues(before) \
                and not PER_UNIT.search(before) and indicator not in ("certified_share",) \
                and not (found and _unit_family(found[-1][4]) == "%" and not SUBJECT.search(before)):
            fixed_level = COUNTY  # "九年义务教育巩固率达到97%": a rate of a population that names no place
        if indicator in STATION_INDICATORS and PER_COMMUNITY.search(before) and not STATION_WORDS.search(text):
            indicator = ""  # "按每个社区5名社工比例配备": a figure per community, no station in the sentence
        if indicator in STATION_INDICATORS and not station_level and not STATION_WORDS.search(text) \
                and not ABOUT_STATION.search(text):
            indicator = ""  # "县级以上登记管理机关配齐不少于2名专职工作人员": no station in the document
        if indicator in STATION_INDICATORS and OTHER_STATION.search(text) and not SOCIAL_WORK_STATION.search(text):
            indicator = ""  # "每站至少1万元建设资金" of a 社区志愿服务工作站: a station of another kind, the place's own
        if indicator in ("station_professionals", "station_staff") and station_level \
                and not STATION_WORDS.search(text[segment_start:end]) and not STATION_SUBJECT.match(text) \
                and not ABOUT_STATION.search(text) and not PER_UNIT.search(text[:start]) and not _cues(before):
            # "社会工作专业人才数要达到10万人": the words of a station's staff, but no station, no "每" and no place
            # in the sentence — the subject is the whole place's people, a total the county reports
            indicator, fixed_level = "", COUNTY
        if not indicator and found and not SUBJECT.search(SUBJECT_FILLER.sub("", before)) \
                and found[-1][4].startswith(unit + "/"):
            unit = found[-1][4]  # "每千人口病床数达到4.97张,到2020年达到6张": the second is per 千人 too
        if not indicator and found and not SUBJECT.search(SUBJECT_FILLER.sub("", before)) and _unit_family(found[-1][4]) == _unit_family(unit):
            # "到2015年，人才总量要达到200万人，到2020年，要达到300万人": the second figure has no subject of its own
            indicator, fixed_level = found[-1][5], found[-1][8]
        if indicator == "town_stations_built":
            fixed_level = COUNTY
        if unit in ("个", "家", "所") and not fixed_level and not said_level and VERB_ONLY.match(before) \
                and not PER_UNIT.search(text[:start]):
            # "建成不少于30个社区嵌入式服务设施": a count of things to make, straight after the verb — the county's
            fixed_level = COUNTY
            indicator = indicator if indicator in COUNTY_INDICATORS else ""
        if unit in ("个", "家") and not fixed_level and not said_level and not _cues(text[end:end + 8]) and (
                text[start].isdigit() and not PER_UNIT.search(before) and not _cues(before)
                or not PER_UNIT.search(text[:start]) and not _cues(text[:start])
                # "建成社区服务站点不少于157个": things built, a place word in their name, none per place
                or not PER_UNIT.search(text[:start]) and MADE_THINGS.match(before)):
            # "培育10个以上生活性服务业集聚区", "申报开展2-3个儿童友好城市建设试点": a number of things to create,
            # put before them with no place and no "每"; "社会工作服务机构达到1万家" in a sentence naming no place and
            # no "每": the county's count
            fixed_level = COUNTY
            indicator = indicator if indicator in COUNTY_INDICATORS else ""
        share_of = SHARE_OF.match(text, end) if unit in ("%", "‰") else None
        if share_of and not SUBJECT.search(SUBJECT_FILLER.sub("", SHARE_VERBS.sub("", before))):
            cue = LEVEL_CUES.match(share_of["noun"])
            fixed_level = _CUE_LEVELS[cue.lastgroup] if cue else COUNTY
            indicator = indicator if indicator in COUNTY_INDICATORS and fixed_level == COUNTY else ""
        if (tier := ALL_OF_TIER.search(text[:start])) and not _cues(before) and not PER_UNIT.search(before) \
                and not COUNTY_WIDE.search(before) and not (unit in ("%", "‰") and RATE_WORDS.search(before) and _own_subject(before)):
            # (a rate of its own subject after it stays the county's: "…所有乡镇都建有…设施,新建经营性公墓生态葬比例不低于35%")
            # "全省城市社区都将建立志愿服务站,配备…,培育孵化1-2家社区志愿服务组织": each place of the tier the
            # sentence is about, as its subject says
            fixed_level = RURAL if tier["place"] in ("村", "行政村") else _CUE_LEVELS.get(_last_cue(tier["place"]))
            indicator = ""
        if said_level:
            fixed_level = said_level  # 分别…(urban)和…(rural); a goal count of the county
        if not indicator and not denominator and not fixed_level and found \
                and _unit_family(found[-1][4]) == _unit_family(unit):
            # "每个城市社区…不少于8个，农村社区不少于4个": the second names only the place; same indicator.
            indicator = found[-1][5]
        found.append((start, end, comparator, _plain_figure(threshold),
                      unit, indicator, segment_start, note, fixed_level))
        previous_end = end
    for start, end, comparator, threshold, unit, indicator, level, note in coverage:
        if BASELINE.match(text, end):
            continue  # "…中心(分中心)在街镇全覆盖的基础上数量要实现“翻番”": the base a goal starts from
        if NAMED_DISTRICTS.search(text[_segment_start(text, start, 0):end]):
            indicator, level = "", COUNTY  # "滨海新区、市内六区、环城四区街道(乡镇)社工站…全覆盖": some districts' towns
        if not _is_status(text, end - 1, issued_on):
            found.append((start, end, comparator, threshold, unit, indicator, _segment_start(text, start, 0), note,
                          level))
    for code, pattern in PRESENCE_RULES:
        for match in pattern.finditer(text):
            listed = re.sub(r"等[\u4e00-\u9fa5]{0,3}$", "", match["inner"])
            note = "应配：" + listed if code != "federation" else ""
            found.append((match.start(), match.end(), PRESENT, None, "", code, match.start("inner"), note, None))
    found.sort(key=lambda f: f[0])
    for start, end, comparator, threshold, unit, indicator, segment_start, note, fixed_level in found:
        if ELIGIBILITY.match(text, end):
            continue  # "一般集中就餐人数达到10人以上的场所即可设立老年助餐点": a condition to qualify, not a goal
        all_of = unit == "%" and threshold == 100 and comparator in (GTE, EQ) \
            and "接近" not in text[max(0, start - 4):end]  # ("火化率达到或接近100%": nearly all, a share to reach)
        if all_of:
            # "覆盖率将达到100%", "4A级以上婚姻登记场所达到100%": all of them — coverage, not a share to pass
            comparator, threshold, unit = PRESENT, None, ""
        level, regions, level_note = _level(sentence, start if comparator != PRESENT else end, segment_start,
                                            indicator, comparator == PRESENT and not all_of)
        if (unit == "%" or all_of) and not regions and (share_of := SHARE_OF_PLACES.match(text, end)):
            # "推动80%以上城市社区实现…", "(我省)70%的城市街道建有…": a share of places counts the places named after it
            level, level_note = _CUE_LEVELS[share_of.lastgroup], ""
            if level == COMMUNITY and URBAN_AREA.search(text[segment_start:start]):
                level = URBAN  # "城区70%以上的社区要有养老服务设施": the communities of the urban area
        elif unit == "%" and not regions and level == COUNTY and VILLAGE_FACILITY_RATE.search(text[segment_start:start]):
            level = RURAL  # "农村幸福院覆盖率达到85%以上": the villages a village facility covers
        elif unit == "%" and not regions and level == COUNTY and COUNTRYSIDE_COVERED.match(text, segment_start):
            level = RURAL  # "…城市社区实现养老服务网络全覆盖,农村覆盖面积达到50%以上": the villages covered
        elif fixed_level:
            level, regions, level_note = fixed_level, [], ""
        elif unit == "%" and not regions and indicator == "volunteer_registration_rate" \
                and SHARE_OF_POPULATION.search(text[segment_start:start]) and not _cues(text[segment_start:start]):
            # "注册志愿者人数占常住人口比例达到20%以上", "老年志愿者注册人数占老年人口数的比例达到12%": a share of the
            # whole population (no community named) is the place's own, not a community's registration rate
            indicator, level, level_note = "", COUNTY, ""
        if comparator == PRESENT and level == COUNTY and not regions and not indicator \
                and VILLAGE_FACILITY_RATE.search(text[segment_start:end]):
            level, level_note = RURAL, ""  # "全市农村互助幸福院实现基本覆盖": so are the villages a village facility covers
        if indicator == "certified_share" and ABOUT_STATION.search(text[:end]):
            indicator = "station_certified_share"  # 每站…其中持证人员占比: the share among the station's staff
            level, level_note = station_level or STATION_LEVELS.get(level, ""), ""
        if indicator in STATION_INDICATORS and level not in STATION_TIER_LEVELS and not regions:
            level = STATION_LEVELS.get(level) or station_level or level
            level_note = ""
        # (a clause with no subject of its own goes on with the one before: "社区老年助餐服务场所总量实现“翻番”,达到1600家")
        head = segment_start if segment_start == 0 or _own_subject(text[segment_start:start]) \
            else _segment_start(text, segment_start - 1, 0)
        if unit in ("个", "家", "所", "处", "座", "栋") and comparator != PRESENT and not regions \
                and level in (TOWN, COMMUNITY, URBAN, RURAL) and not fixed_level \
                and (named := TIER_IN_FACILITY_NAME.search(text[head:start])) \
                and not PER_UNIT.search(text[head:start]) and "平均" not in text[head:start] \
                and not _last_cue(text[head + named.end():start]):
            # "乡镇敬老院转型为区域养老服务中心不少于10家", "乡镇社区服务中心将达93个": a count of facilities whose
            # name carries a tier is the county's count of them
            level, level_note = COUNTY, ""
        if unit.startswith("元/") and level in (TOWN, COMMUNITY, URBAN, RURAL) and not regions and not fixed_level \
                and not indicator:
            # "农村家庭改造按每户2000元、城镇家庭改造按每户4000元补贴标准实施": a sum per household (person, place)
            # is a standard the county pays, not a figure of its towns or communities
            level, level_note = COUNTY, ""
        if not level and "/" in unit and unit.endswith("户"):
            level = COMMUNITY  # "每百户居民拥有1个以上": a figure per household is the community's
        if not regions and level in (COMMUNITY, COUNTY, "") and unit.startswith("平方米") and not unit.endswith("/人") \
                and RESIDENTIAL_AREA.search(text[:start]):
            # "新建居住(小)区按照每百户不得低于30平方米、单体面积不得低于350平方米的标准配套建设养老服务设施": the floor
            # standard of a residential quarter's facility is the urban community's ("新建居住区要按人均用地不少于0.1平方米":
            # a standard per resident is the county's, as every per-capita figure)
            level, level_note = URBAN, ""
        if not level and not regions and not indicator:
            level = COUNTY  # "且包含至少1.5万张认知障碍老年人照护床位": a figure that names no place anywhere
        if indicator and level and level not in _indicator_levels(indicator):
            indicator = ""  # the registry computes it at other levels only: a reported target ("社会工作服务机构达到1万家": agencies are counted per town)
        if comparator == PRESENT and not indicator and level == TOWN \
                and re.search(r"社会组织联合会的?(?:全覆盖|基本覆盖)", text[segment_start:end]):
            indicator = "federation"  # "17个街乡年底将实现社区社会组织联合会全覆盖": every town's federation
        elif comparator == PRESENT and indicator == "federation":
            # 成立[镇街]社区社会组织联合会: where it is set up — the words before 社区社会组织 (the federation's name),
            # else the places that set it up ("17个街道、乡镇都将成立自己的社区社会组织联合会")
            named = re.sub(r"社区社会组织联合会$", "", text[segment_start:end])
            inner = LEVEL_CUES.search(named)
            setters = None
            for setters in LEVEL_CUES.finditer(text[_segment_start(text, start, 0):start]):
                pass
            if inner:
                level = _CUE_LEVELS[inner.lastgroup]
            elif setters and re.search(r"都|均|全部|各", text[setters.end():start]):
                level = _CUE_LEVELS[setters.lastgroup]
        # a coverage's own words may carry its year ("…,2025年实现老人助餐服务城乡全覆盖" after "计划今年建成…")
        deadline, deadline_note = _deadline(text[:end if comparator == PRESENT else start], issued_on, pilot_end)
        if deadline is None and not deadline_note and not PLAN_DURING.search(text[:start]):
            # "…,到2022年全部完成": a date after the figure, in the same part of the sentence (a "；" ends it:
            # "计划建设…220个,覆盖率可达97.3%;今年拟建132个" gives the 220 no date); a period named before the figure
            # dates it, not a later clause ("“十二五”期间,自治区将新建…45所,…今年…已安排建设…5所")
            group_end = re.compile(r"[；;]").search(text, end)
            deadline, deadline_note = _deadline(text[:group_end.start() if group_end else len(text)], issued_on,
                                                pilot_end, months=False)
        if deadline is None and not deadline_note and UNDATED_SPAN.search(text[:end]) \
                and not re.search(r"\d{4}\s*年(?:起|开始)", text[:end]):  # (自2013年起…5年内: counted from a year)
            deadline_note = "期限：文中只写年数，未写起止"  # "力争2至3年内…": not the date of the sentence before
        if deadline is None and not deadline_note and period == ONGOING:
            # "到2024年底，社会组织达到…。持证社工占比达到30%。": a goal paragraph's deadline holds for its sentences
            # — within the phase the sentence stands in ("第二阶段…达到25%以上" takes nothing from the first's 年内).
            scope, phase = _phase_scope(sentence.text,
                                        sentence.paragraph if not sentence.clause else sentence.previous)
            for earlier in reversed(scope):
                # its first part only: "…覆盖率可达97.3%;今年拟建132个…" dates the 132, not the sentence after; and
                # not a clause of coverage with its own date ("全市新建…70个,覆盖67.7%的乡镇(街道),力争至2020年实现
                # 全覆盖": the coverage's date, not the paragraph's)
                first = "，".join(part for part in re.split(r"[,，]", re.split(r"[；;]", earlier)[0])
                                 if not FULL_COVERAGE.search(part))
                deadline, deadline_note = _deadline(first, issued_on, pilot_end)
                if deadline or deadline_note:
                    break
            if deadline is None and not deadline_note and phase and phase < last_phase:
                # an undated phase before the last: its end is not written (the last ends with the plan)
                deadline_note = f"期限：第{phase}阶段，文中未写明日期"
        if deadline is None and not deadline_note and sentence.lead:
            deadline, deadline_note = _deadline(sentence.lead, issued_on, pilot_end)  # the list's headline
        if deadline is None and year_end and (not deadline_note or "发文年份不明" in deadline_note) \
                and not PLAN_DURING.search(text[:start]):  # (“十二五”期间,…将建设750所: the period's, below)
            deadline, deadline_note = year_end, "期限：一年的任务，按该年年底"
        if deadline is None and this_year and deadline_note.startswith("期限：年内"):
            deadline, deadline_note = this_year, "期限：年内，按文中所说的该年民生实事"
        if deadline is None and this_year and not deadline_note and period == ANNUAL \
                and not re.search(r"每年|年度|每一年|年均", text):
            # "全年新增护理型床位2.5万张" in the tasks said for this year: the year's figure, due at its end
            deadline, deadline_note = this_year, "期限：全年，按文中所说的该年"
        if deadline is None and this_year and not deadline_note and PLANNED.search(re.split(r"[，,。；;]", text[:start])[-1]):
            # "计划建设社区嵌入式养老服务机构9个" in a report of the year: the year's plan, due at its end
            deadline, deadline_note = this_year, "期限：该年计划，按该年年底"
        if deadline is None and list_year and (not deadline_note or deadline_note.startswith("期限：年内")) \
                and (FUTURE.search(text[:end]) or listed) and not PLAN_DURING.search(text[:start]):
            # (“十三五”期间将新建…1.5万个 beside a year's 民生实事: the period's, below)
            deadline, deadline_note = list_year, "期限：该年民生实事，按该年年底"
        if deadline is None and not deadline_note and issued_on and period == ONGOING \
                and re.search(r"今年以来[^。；;]{0,40}?[,，]\s*(?:[^，,。；;]{0,12}?)将(?![\d一二两三四五六七八九十])", text[:end]):
            # "今年以来,我市积极推进…改革,将提升改造…5家" on a page of 2025: what the year's work will still do, due then
            deadline, deadline_note = date(issued_on.year, 12, 31), "期限：今年以来所说将做的，按该年年底"
        during = _plan_during(text[:end], sentence.paragraph)
        if deadline is None and not deadline_note and period == ONGOING and (during or plan_end) \
                and not KEEP_UP.search(text[segment_start:end]):
            # "“十二五”期间,我区将帮助8万残疾人…": the period the sentence names, else the document's plan
            deadline, deadline_note = during or plan_end, "期限：文中未写，按规划期末"
        draft_period = period
        if period == ONGOING and (deadline or deadline_note):
            draft_period = BY_DEADLINE
        if comparator in (GTE, EQ) and unit.startswith("元") and (MONEY_CAP_BEFORE.search(text[segment_start:start])
                                                                 or MONEY_CAP_AFTER.match(text, end)):
            comparator = LTE  # "补贴上限每户达3000元", "在每户3000元限额标准内": a ceiling, not a floor
        if indicator == "town_stations_built" and re.match(r"[^，。；,;、]{0,24}?示范(?:点|站)", text[end:]):
            indicator = ""  # "创建1-2个省级区县社会工作服务总站示范点": demonstration sites named, not stations built
        if STATION_STANDARD.match(text) and not regions:
            # "一个标准的镇街社会工作站面积不少于1000平方米", "工作站配备站长1名,持证社会工作者至少3名": what a station
            # has is a standard of the station's tier, in force with no date even in news of the year's work
            if deadline_note == "期限：一年的任务，按该年年底":
                deadline, deadline_note, draft_period = None, "", period
            if level not in STATION_TIER_LEVELS:
                level, level_note = station_level or TOWN_STATION, ""
                indicator = indicator or _indicator(text, start, end, segment_start, unit)
                if indicator and level not in _indicator_levels(indicator):
                    indicator = ""
        parameters = {}
        if indicator in ("station_rooms", "station_equipment"):
            words = ROOM_WORDS if indicator == "station_rooms" else EQUIPMENT_WORDS
            key = "rooms" if indicator == "station_rooms" else "equipment"
            parameters[key] = [c for c, pattern in words if re.search(pattern, text[segment_start:end])]
        if "原文限城镇社区" in level_note:
            parameters["community_kind"] = "urban"
        elif "原文限农村社区" in level_note:
            parameters["community_kind"] = "rural"
        yield DraftTarget(
            clause=sentence.clause, quote=text, indicator=indicator, level=level, comparator=comparator,
            threshold=threshold, unit=unit, period=draft_period, deadline=deadline, regions=regions,
            parameters=parameters,
            note="；".join(n for n in (note, level_note, deadline_note) if n), matched=text[start:end],
            measure=_measure(text, segment_start, start, end, comparator),
        )


# ---------------------------------------------------------------------------------------------------------
# Reading uploaded files
# ---------------------------------------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_DOCX_XML_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableDocument(ValueError):
    """The upload is not a text or Word document the parser can read (the message is for the user)."""


def read_document(name: str, data: bytes) -> str:
    """The text of an uploaded .txt (UTF-8 or GB18030) or .docx file; UnreadableDocument if it is neither."""
    lowered = name.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableDocument("too_large")
    if lowered.endswith(".docx"):
        try:
            text = _docx_text(data)
        except (ValueError, IndexError, KeyError, TypeError) as exc:  # UnreadableDocument is a ValueError too
            if isinstance(exc, UnreadableDocument):
                raise
            raise UnreadableDocument("docx") from exc
    elif lowered.endswith(".txt"):
        text = _plain_text(data)
    else:
        raise UnreadableDocument("kind")
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableDocument("too_long")
    if not text.strip():
        raise UnreadableDocument("empty")
    return text


def _plain_text(data: bytes) -> str:
    if b"\x00" in data:
        raise UnreadableDocument("binary")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("encoding")


def _docx_text(data: bytes) -> str:
    """Paragraph texts of word/document.xml (python-docx is not in the stack; the XML is simple enough),
    with Word's automatic list numbers ("一、", "（一）", "1.") written out as the document shows them. The
    package is opened through the core's bounded Office reader (``wulian.office_zip``)."""
    from wulian.office_zip import OfficePackage, PackageRefused

    try:
        with OfficePackage(data, max_part=MAX_DOCX_XML_BYTES) as package:
            xml = package.read("word/document.xml")
            numbering = package.read("word/numbering.xml", required=False)
    except PackageRefused as exc:
        raise UnreadableDocument("too_large" if exc.reason in ("part", "unpacked") else "docx") from exc
    root = _xml(xml)
    numberer = _ListNumbers(_xml(numbering) if numbering else None)
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        parts = [numberer.label(paragraph)]
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            parts.append(node.text or "" if node.tag == f"{_W}t" else ("\t" if node.tag == f"{_W}tab" else "\n"))
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _xml(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument("docx") from exc


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 23 → 二十三, 100 → 一百, 105 → 一百零五, 1200 → 一千二百 (0–99,999)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    out, zero = "", False
    for value, name in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        figure, n = divmod(n, value)
        if figure:
            if zero and out:
                out += "零"
            out += digits[figure] + name
            zero = False
        elif out:
            zero = True
    return out


MAX_LIST_START = 32767  # Word's own bound on a list's start number
LIST_LEVELS = 9  # w:ilvl 0–8


def _bounded(value: str, highest: int) -> int:
    """A number attribute of numbering.xml: digits within 0–``highest``, else the document is refused (Word
    writes none other; "abc", a 5,000-digit start or w:ilvl="20" are forged)."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) > highest:
        raise UnreadableDocument("numbering")
    return int(value)


class _ListNumbers:
    """Word's automatic numbering: counts each list's levels as Word does and renders their lvlText."""

    CHINESE = {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"}

    def __init__(self, numbering):
        self.levels = {}  # numId → {ilvl: (start, numFmt, lvlText)}
        self.counters = {}  # numId → [count per level]
        if numbering is None:
            return
        abstract = {}
        for node in numbering.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[_bounded(lvl.get(f"{_W}ilvl", "0"), LIST_LEVELS - 1)] = (
                    _bounded(self._val(lvl, "start") or "1", MAX_LIST_START), self._val(lvl, "numFmt") or "decimal",
                    (self._val(lvl, "lvlText") or "")[:40])
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in numbering.iter(f"{_W}num"):
            self.levels[num.get(f"{_W}numId")] = abstract.get(self._val(num, "abstractNumId"), {})

    @staticmethod
    def _val(node, tag):
        child = node.find(f"{_W}{tag}")
        return None if child is None else child.get(f"{_W}val")

    def label(self, paragraph) -> str:
        props = paragraph.find(f"{_W}pPr/{_W}numPr")
        if props is None:
            return ""
        num_id, level = self._val(props, "numId"), _bounded(self._val(props, "ilvl") or "0", LIST_LEVELS - 1)
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * LIST_LEVELS)
        counts[level] += 1
        for deeper in range(level + 1, LIST_LEVELS):
            counts[deeper] = 0
        text = levels[level][2]
        for n in range(level + 1):
            start, fmt, _text = levels.get(n, (1, "decimal", ""))
            value = start + max(counts[n], 1) - 1
            shown = chinese_numeral(value) if fmt in self.CHINESE else str(value)
            text = text.replace(f"%{n + 1}", shown)
        return text


# ---------------------------------------------------------------------------------------------------------
# Scoring against an answer key (tests/data/policy_targets_expected.json)
# ---------------------------------------------------------------------------------------------------------

KEY_FIELDS = ("clause", "indicator", "level", "regions", "comparator", "threshold", "unit", "deadline")


def expected_key(row: dict) -> tuple:
    """An answer-key row as the tuple a correct draft produces."""
    threshold = None if row["threshold"] is None else Decimal(row["threshold"])
    deadline = date.fromisoformat(row["deadline"]) if row.get("deadline") else None
    return (row["clause"], row["indicator"], row["level"], tuple(row.get("regions") or ()), row["comparator"],
            threshold, row["unit"], deadline)


def draft_key(draft: DraftTarget) -> tuple:
    return (draft.clause, draft.indicator, draft.level, tuple(draft.regions), draft.comparator, draft.threshold,
            draft.unit, draft.deadline)


@dataclass
class Evaluation:
    """How a document's drafts compare with its expected rows (each draft matches at most one row)."""

    found: list[tuple[dict, DraftTarget]]
    missed: list[dict]
    extra: list[DraftTarget]

    @property
    def precision(self) -> float:
        drafted = len(self.found) + len(self.extra)
        return len(self.found) / drafted if drafted else 1.0

    @property
    def recall(self) -> float:
        expected = len(self.found) + len(self.missed)
        return len(self.found) / expected if expected else 1.0


def evaluate(drafts: list[DraftTarget], rows: list[dict]) -> Evaluation:
    unmatched = list(drafts)
    found, missed = [], []
    for row in rows:
        wanted = expected_key(row)
        match = next((d for d in unmatched if draft_key(d) == wanted), None)
        if match is None:
            missed.append(row)
        else:
            unmatched.remove(match)
            found.append((row, match))
    return Evaluation(found=found, missed=missed, extra=unmatched)


# -- the sentences no draft was made from (the review page's list of what the reviewer may add by hand) ---------

# A figure: a number (Arabic, or Chinese other than a lone 一) with the unit it counts in (500余场, 40余万元, 两名), a
# share (%, ‰, 百分之…) or a span of years (至少运营3年). A year, a month or a day (2023年, 12月31日), a document
# number (〔2023〕12号), an item's number (第3条) and an age (60周岁) are no figures.
_FIGURE_UNITS = (r"万元|亿元|元|平方米|平米|方米|㎡|平方公里|公里|千米|公顷|亩|吨|公斤|课时|学时|小时|人次|户次|"
                 r"个百分点|百分点|个(?!月|工作日|方面)|家|人|名|次|场|项|支|类|只|张|所|床|户|间|处|座|条|栋|辆|台|套|件|批|"
                 r"册|份|篇|种|天|周(?!岁)|倍|岗|位(?!一体)|组|班|队|块|桌|幢|层|颗|盒")
# (not 千家万户: a lone 百 or 千 only as 千余项)
_CN_FIGURE = r"(?:(?:[一二两三四五六七八九][十百千万]|[两二三四五六七八九十])[零一二两三四五六七八九十百千万]*|[百千](?=[余多]))"
FIGURE = re.compile(
    r"(?<![\d.,第])\d+(?:,\d{3})*(?:\.\d+)?(?:\s*[-－—~～至]\s*\d+(?:\.\d+)?)?\s*(?:余|多)?\s*(?:[%‰]|[万亿千]?\s*(?:"
    + _FIGURE_UNITS + r"))"
    r"|(?<![第一二两三四五六七八九十百千万])" + _CN_FIGURE + r"(?:余|多)?(?:" + _FIGURE_UNITS + r")"
    r"|百分之[\d零一二两三四五六七八九十百]+(?:\.\d+)?"
    r"|(?<![\d.])\d{1,2}\s*年(?![底末初度内前后以来])")
# Coverage, which needs no number: 全覆盖, 基本覆盖, 覆盖率, 覆盖所有…, "一乡镇(街道)一站点" (each place of a tier has
# one).
# "全面完成县、乡两级公益性公墓…建设", "全部实行海选", "所有村、社区普遍制定…村规民约": every one of them, no number —
# 'present' when read (a coverage phrase below, and a reading of the add form).
ALL_DONE = re.compile(r"全面(?:完成|建成|建立)|全部(?:实行|建成|完成|纳入|达到)|(?:所有|全部)[\u4e00-\u9fa5、,，]{1,12}?普遍")
COVERAGE_WORDS = re.compile(
    r"(?:全|基本|全面|全部|全域|城乡)覆盖|覆盖率|(?:覆盖|辐射)(?:到)?[\u4e00-\u9fa5]{0,6}?(?:所有|全体)"
    r"|(?:所有|全部|每个)[\u4e00-\u9fa5]{1,8}?(?:均|都)(?:要|应|须)?(?:配备|建有|设有|建成|设立)"  # 所有社区均配备办公用房
    r"|" + ALL_DONE.pattern +
    r"|[一二三四五六七八九十]分之[一二三四五六七八九十](?:以上)?"  # 三分之一以上的行政村
    r"|一(?:县|区|市|乡镇|镇|街道|街|乡|村|社区|居)(?:[（(][\u4e00-\u9fa5]{1,4}[)）])?"
    r"一(?:社会工作者|社工站|服务站|社工室|站点|中心|阵地|社工|平台|队伍|团队|[\u4e00-\u9fa5])")
# What the review page marks in a sentence no draft was made from.
UNDRAFTED_WORDS = re.compile(f"{FIGURE.pattern}|{COVERAGE_WORDS.pattern}")


def undrafted_sentences(text: str, quotes) -> list[tuple[str, str]]:
    """(clause, sentence) of every sentence of ``text`` that holds a figure or a coverage phrase and from which no
    draft was made, in the document's order: what a reviewer reads for the targets the drafter missed.

    A sentence counts as drafted when one of ``quotes`` (the sentences the drafts cite) is it, holds it or stands in
    it, compared normalized. No pair is compared in Python: each sentence is looked up in a set of the quotes, then
    searched for in one string of them all; each quote is searched for in one string of the sentences left."""
    listed = [(s.clause, s.text) for s in _sentences(normalize(text)) if UNDRAFTED_WORDS.search(s.text)]
    quotes = [" ".join(str(q).split("\n")).strip(" \t\u3000") for q in quotes if q and str(q).strip()]
    if not quotes or not listed:
        return listed
    quoted = [q for q in normalize("\n".join(quotes)).split("\n") if q]
    exact, everything = set(quoted), "\n".join(quoted)  # (a sentence has no line end: found here, it is in one quote)
    listed = [(clause, sentence) for clause, sentence in listed if sentence not in exact and sentence not in everything]
    if not listed:
        return listed
    # A quote that stands in a sentence (a cell of a table's row, one clause of a sentence): that sentence is drafted.
    starts, length = [], 0
    for _clause, sentence in listed:
        starts.append(length)
        length += len(sentence) + 1
    joined = "\n".join(sentence for _clause, sentence in listed)
    drafted = set()
    for quote in set(quoted):
        at = joined.find(quote)
        while at != -1:
            index = bisect.bisect_right(starts, at) - 1
            drafted.add(index)
            at = joined.find(quote, starts[index + 1]) if index + 1 < len(starts) else -1
    return [item for index, item in enumerate(listed) if index not in drafted]


# -- readings of a listed sentence (the form a reviewer adds a missed target with) -------------------------------

# "培训养老服务管护人员1000余人", "3000多个墓穴": a figure with 余/多 is at least that figure
FIRST_MORE = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?:余|多)\s*(?P<wan>万)?\s*" + _UNIT)
# "覆盖率60%": a share with no comparator word is one to reach
BARE_SHARE = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%)")
# In this order a figure's words are read; a later pattern's match overlapping an earlier one's is the same figure.
READING_PATTERNS = (NUMERIC, BARE_WITH_SUFFIX, FIRST_MORE, FALLBACK_QUANTITY, BARE_SHARE, FULL_COVERAGE, ONE_EACH,
                    ALL_DONE)


def shared_deadline(deadlines) -> date | None:
    """The deadline more than half of a document's targets share ("2012年为民办实事" items, a plan's 到2025年): the
    one a target added from the same document most likely keeps; None when there is no such majority."""
    deadlines = list(deadlines)
    counted = Counter(deadlines).most_common(1)
    if not counted or counted[0][0] is None or counted[0][1] * 2 <= len(deadlines):
        return None
    return counted[0][0]


def sentence_figures(sentence: str) -> list[re.Match]:
    """The figures of a sentence (and its coverage phrases) a reviewer may add a target from, in its order: each
    once, read with the most telling words around it (不少于3名 before 3名)."""
    text = normalize(sentence)
    taken: list[re.Match] = []
    for pattern in READING_PATTERNS:
        for match in pattern.finditer(text):
            if match.groupdict().get("num") is not None and not match["num"][0].isdigit() and pattern is not NUMERIC:
                continue  # (百名: no figure a form takes)
            if not any(match.start() < other.end() and other.start() < match.end() for other in taken):
                taken.append(match)
    return sorted(taken, key=lambda match: match.start())


RAISED_TO_WORDS = re.compile(r"(?:提高|提升|上调|调高|调整|调)(?:到|至|为)$")
# "分别提高至不低于440元/月、3480元/年", "按每人每月不低于1500元、375元、110元": the comparator word before a list
# of figures is each figure's
COMPARED_LIST = re.compile(r"(?P<cmp>不低于|不少于|不高于|不超过|超过|达到)\s*" + LISTED_BEFORE.pattern)


def _reading_comparator(text: str, m: re.Match, comparator: str, unit: str, denominator: str) -> str:
    """The comparator a reading of the figure ``m`` gives, from the words around it as the key reads them: a
    benefit standard raised to a figure is that figure ('eq', 提高到653元); a figure of a list after a comparator word
    has that word's; a ratio with no word is one to reach."""
    words = (m.groupdict().get("cmp") or "").strip()
    if comparator == GTE and unit.startswith("元") and RAISED_TO_WORDS.search(words):
        return EQ
    if comparator == EQ and not words:
        if listed := COMPARED_LIST.search(text, 0, m.start()):
            return comparator_of(listed["cmp"])
        if denominator and not unit.startswith("元"):
            return GTE  # "平均每千名老年人拥有床位数35张": a ratio to reach (not a sum paid each one)
    return comparator


def figure_reading(sentence: str, clause: str = "", issued_on: date | None = None, *, figure: int = 0,
                   deadline: date | None = None) -> DraftTarget | None:
    """What a sentence no draft was made from plainly says at one of its figures (``figure``: its place among
    ``sentence_figures``), to fill in the form a reviewer adds its target with: the figure with the comparator word
    before or after it (none: the amount itself, 'eq'; 余/多 or a bare share: at least), its unit (万元 as 元), or a
    coverage phrase as 'present'; the place it names; the deadline the sentence names, else ``deadline`` (the one
    the rest of the document's drafts share). Only the sentence is read: the reviewer checks every field. None when
    the sentence has no such figure."""
    text = normalize(sentence).strip()
    figures = sentence_figures(text)
    if not 0 <= figure < len(figures):
        return None
    m = figures[figure]
    groups = m.groupdict()
    threshold, unit, note = None, "", ""
    if m.re in (FULL_COVERAGE, ONE_EACH, ALL_DONE):
        comparator = PRESENT
    else:
        threshold = _number(m["num"])
        if threshold is None:
            return None
        unit = UNIT_ALIASES.get(m["unit"], m["unit"])
        if m.re is NUMERIC:
            comparator = SUFFIX_COMPARATORS.get(groups.get("suffix") or "") or comparator_of(m["cmp"])
        else:
            comparator = SUFFIX_COMPARATORS.get(groups.get("suffix") or "",
                                          GTE if m.re in (FIRST_MORE, BARE_SHARE) else EQ)
        if groups.get("wan") or groups.get("scale") == "万":
            threshold *= 10000
        elif groups.get("scale") == "亿":
            threshold *= 100000000
        if unit == "万元":
            threshold, unit = threshold * 10000, "元"
        if unit == "元" and re.search(r"[万亿]", m.group(0)):
            note = f"原文：{m.group(0)}"
        if unit == "%" and threshold == 100 and comparator in (GTE, EQ) and COVERS.search(text[:m.start()]):
            comparator, threshold, unit = PRESENT, None, ""  # "覆盖率达到100%": coverage, as 全覆盖 is
        if threshold is not None:
            threshold = threshold.normalize() + 0  # 23.13亿 → 2313000000, not 2.313E+9
    start, end = m.start(), m.end()
    segment_start = _segment_start(text, start, 0)
    denominator = ""
    if threshold is not None:  # its denominator or period, as the drafter reads them (元/人/月, 张/千人, 元/具)
        unit, denominator, _reported = _figure_unit(text, end, unit, text[segment_start:start])
    level, regions, _level_note = _level(_Sentence(clause=clause, text=text, previous=[], headings=[]), start,
                                         segment_start, "", present=comparator == PRESENT)
    if level and not regions and comparator == EQ and unit in COUNTS and not PER_UNIT.search(text[segment_start:start]):
        level = COUNTY  # "打造智慧社区2个", "在8个村开展…试点": how many, in all — not a figure each place holds
    if denominator.endswith("人"):
        level, regions = COUNTY, []  # people per 万 residents: a figure of the whole county
    named, _deadline_note = _deadline(text, issued_on)
    deadline = named or deadline
    period = BY_DEADLINE if deadline else (ANNUAL if ANNUALLY.search(text) else ONGOING)
    if threshold is not None:
        comparator = _reading_comparator(text, m, comparator, unit, denominator)
    reading = DraftTarget(clause=clause, quote=text, indicator="", level=level or COUNTY, comparator=comparator,
                          threshold=threshold, unit=unit, period=period, deadline=deadline, regions=regions, note=note,
                          matched=m.group(0), measure=_measure(text, segment_start, start, end, comparator))
    if reading.unit in ("元/月", "元/年") and _people_standard(reading):
        reading.unit = "元/人/" + reading.unit[-1]  # "城市低保标准提高到580元/月": each person's, per month
    reading.measure = _reviewer_name(reading)
    reading.quote = sentence
    return reading
