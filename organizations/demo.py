"""Demo organisations: the 首善街道 pilot communities (滨河社区 meets the 15-organisation target, the others
not yet), the street's federation, and the demo agency's qualifications. Idempotent."""

from __future__ import annotations

import datetime as dt

from wulian.demo import DEMO_AGENCY, region_named
from wulian.models import Agency

from .choices import OrganizationCategory as C
from .choices import RegistrationStatus as S
from .choices import ServiceDomain
from .models import SocialOrganization

FEDERATION = "首善街道社区社会组织联合会"

# community → [(name, category, status)]
ORGANIZATIONS = {
    "滨河社区": [
        ("滨河社区为老服务队", C.SERVICE, S.REGISTERED), ("滨河社区邻里互助会", C.MUTUAL_AID, S.FILED),
        ("滨河社区爱心妈妈服务社", C.PUBLIC_WELFARE, S.REGISTERED), ("滨河社区平安巡逻队", C.SERVICE, S.FILED),
        ("滨河社区四点半课堂", C.PUBLIC_WELFARE, S.FILED), ("滨河社区残疾人互助小组", C.MUTUAL_AID, S.FILED),
        ("滨河社区秦腔自乐班", C.CULTURE_SPORTS, S.FILED), ("滨河社区广场舞队", C.CULTURE_SPORTS, S.FILED),
        ("滨河社区书画协会", C.CULTURE_SPORTS, S.REGISTERED), ("滨河社区调解工作室", C.SERVICE, S.REGISTERED),
        ("滨河社区环保志愿社", C.PUBLIC_WELFARE, S.FILED), ("滨河社区居家养老互助社", C.MUTUAL_AID, S.REGISTERED),
        ("滨河社区健身气功站", C.CULTURE_SPORTS, S.FILED), ("滨河社区红色物业服务社", C.SERVICE, S.REGISTERED),
        ("滨河社区慈善幸福家园", C.PUBLIC_WELFARE, S.FILED), ("滨河社区读书会", C.OTHER, S.FILED),
    ],
    "景贤社区": [
        ("景贤社区为老服务站", C.SERVICE, S.REGISTERED), ("景贤社区邻里守望队", C.MUTUAL_AID, S.FILED),
        ("景贤社区太极拳队", C.CULTURE_SPORTS, S.FILED), ("景贤社区老年合唱团", C.CULTURE_SPORTS, S.FILED),
        ("景贤社区关爱儿童服务社", C.PUBLIC_WELFARE, S.FILED), ("景贤社区文明劝导队", C.SERVICE, S.FILED),
        ("景贤社区象棋协会", C.CULTURE_SPORTS, S.FILED), ("景贤社区电影放映队", C.OTHER, S.FILED),
    ],
    "迎宾社区": [
        ("迎宾社区志愿服务站", C.SERVICE, S.FILED), ("迎宾社区腰鼓队", C.CULTURE_SPORTS, S.FILED),
        ("迎宾社区互助储蓄会", C.MUTUAL_AID, S.FILED), ("迎宾社区舞蹈队", C.CULTURE_SPORTS, S.FILED),
        ("迎宾社区家长学校", C.PUBLIC_WELFARE, S.FILED), ("迎宾社区摄影协会", C.CULTURE_SPORTS, S.FILED),
    ],
    "东关社区": [
        ("东关社区助餐服务队", C.SERVICE, S.REGISTERED), ("东关社区戏曲队", C.CULTURE_SPORTS, S.FILED),
        ("东关社区安全巡防队", C.SERVICE, S.FILED), ("东关社区老年协会", C.OTHER, S.REGISTERED),
    ],
    "城北村": [
        ("城北村红白理事会", C.SERVICE, S.FILED), ("城北村猕猴桃种植互助组", C.MUTUAL_AID, S.FILED),
        ("城北村锣鼓队", C.CULTURE_SPORTS, S.FILED),
    ],
}


def load(stdout=None) -> None:
    town = region_named("首善街道")
    federation, _ = SocialOrganization.objects.get_or_create(
        region=town,
        name=FEDERATION,
        defaults={
            "category": C.SERVICE,
            "status": S.REGISTERED,
            "registration_number": "51610326MJ2022001F",
            "founded_on": dt.date(2022, 11, 18),
            "leader": "马秀兰",
            "members_count": 0,
            "contact_person": "李娜",
            "phone": "0917-5521001",
            "is_federation": True,
        },
    )
    existing = set(SocialOrganization.objects.filter(region__path__startswith=town.path).values_list("region_id", "name"))
    new = []
    for community_name, rows in ORGANIZATIONS.items():
        community = region_named(community_name)
        for index, (name, category, status) in enumerate(rows):
            if (community.pk, name) in existing:
                continue
            new.append(
                SocialOrganization(
                    region=community,
                    name=name,
                    category=category,
                    status=status,
                    registration_number=f"52610326MJ{community.pk:03d}{index:04d}" if status == S.REGISTERED else "",
                    founded_on=dt.date(2019 + index % 4, 1 + index % 12, 1 + (index * 3) % 27),
                    leader="王秀芳" if index % 2 else "张建军",
                    members_count=8 + (index * 7) % 40,
                    contact_person="社区办公室",
                    phone=f"0917-55{community.pk % 100:02d}{index:03d}",
                    # Two in three have joined the street's federation.
                    federation=federation if index % 3 != 2 else None,
                )
            )
    SocialOrganization.objects.bulk_create(new)
    members = SocialOrganization.objects.filter(federation=federation).count()
    if federation.members_count != members:
        federation.members_count = members
        federation.save(update_fields=["members_count"])
    agency = Agency.objects.filter(name=DEMO_AGENCY).first()
    if agency is not None and not agency.service_domains:
        agency.qualifications = "3A级社会组织；民办非企业单位登记证书；政府购买服务承接资质"
        agency.certified_staff_count = 6
        agency.service_domains = [ServiceDomain.ELDERLY_CARE, ServiceDomain.CHILD_WELFARE, ServiceDomain.COMMUNITY_GOVERNANCE]
        agency.save(update_fields=["qualifications", "certified_staff_count", "service_domains"])
    if stdout is not None:
        stdout.write(f"  organizations: {len(new)} community social organisations added")
