"""Phrase lists and the composition of titles and bodies in the register of the seed article.

Each article either contains the words 关工 / 扶贫 or avoids them everywhere (title, source,
body, attachment names), so full-text search tests can have exact expectations. Composition
is by rejection: a filled template that contains a forbidden word is drawn again.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .model import Article

GG = "关工"
FP = "扶贫"

PLACES = tuple("秦州区 麦积区 清水县 秦安县 甘谷县 武山县 张家川县".split())
TOWNS = tuple(
    "陇东乡 中梁镇 太京镇 伯阳镇 石佛镇 藉口镇 白沙镇 王甫乡 山门镇 安远镇 西关社区 七里墩街道"
    " 北道埠街道 马跑泉镇".split()
)
SCHOOLS = tuple(
    "实验小学 第一中学 逸夫小学 职业中专 希望小学 第二中学 第三中学 育生中学"
    " 东关小学 天水农校".split()
)
GROUPS = tuple(
    "留守儿童 困境儿童 青少年 中小学生 农村青年 贫困大学生 未成年人 孤残儿童 少先队员"
    " 青年学生".split()
)
ACTIVITIES = tuple(
    "“五老”宣讲 金秋助学 红色基因传承 家风家教 法治宣传教育 关爱留守儿童 科普进校园 读书征文"
    " 网吧义务监督 结对帮扶 心理健康辅导 禁毒宣传 国防教育 爱国主义教育 安全教育 精准扶贫"
    " 扶贫助学 教育扶贫 关工委“五好”基层组织创建 “传家训、立家规、扬家风”".split()
)
UNITS = (
    *"市关工委 市关工办 市教育局关工委 天水师范学院关工委 市教育局 团市委 市妇联 市委组织部"
    " 市委老干部局 市司法局 市科协 市文明办".split(),
    *(p + "关工委" for p in PLACES),
    *(p + "教育局" for p in PLACES),
)
SOURCES = tuple(
    "市关工办 市关工委 清水县关工委 秦州区关工委 麦积区关工委 甘谷县关工委 武山县关工委"
    " 秦安县关工委 张家川县关工委 天水日报 甘肃日报 天水在线 市教育局 团市委 市妇联 市委老干部局"
    " 本站原创".split()
)
LEADERS = tuple(
    "市关工委主任 市关工委常务副主任 市委副书记 副市长 市人大常委会副主任 市政协副主席 县委书记"
    " 区委副书记 市委常委、组织部长".split()
)
STORIES = tuple(
    "红军长征途经天水的故事 抗美援朝的亲身经历 改革开放以来家乡的巨大变化"
    " 老一辈革命家艰苦奋斗的事迹 伏羲文化的历史渊源 麦积山石窟的历史文化".split()
)
AIMS = tuple(
    "听党话、跟党走 从小树立远大理想 刻苦学习、报效祖国 传承红色基因、争做时代新人"
    " 增强法治观念、做守法小公民 养成良好的行为习惯 珍爱生命、远离毒品".split()
)
GOALS = tuple(
    "立德树人根本任务 青少年健康成长 乡村振兴战略 全面建成小康社会 精准扶贫精准脱贫"
    " 培养社会主义建设者和接班人".split()
)
QUALITIES = tuple("爱国情怀 法治意识 自我保护能力 科学素养 感恩意识 集体荣誉感".split())
METHODS = tuple(
    "整合各方资源、创新工作载体 完善工作机制、强化工作措施 发挥“五老”优势、凝聚关工合力"
    " 聚焦主责主业、突出工作重点 深化品牌创建、扩大工作影响".split()
)
FESTIVALS = tuple("六一 春节 中秋 重阳 国庆 清明".split())
CITIES = tuple("兰州市 平凉市 陇南市 定西市 庆阳市 宝鸡市 白银市 武威市".split())
LAWS = tuple("《未成年人保护法》 《预防未成年人犯罪法》 《宪法》 《禁毒法》 《民法典》".split())
SCIENCE = tuple("防震减灾 人工智能 航天知识 垃圾分类 节约用水 防溺水安全 食品安全 近视防控".split())
HALVES = tuple(
    "夯实基层基础 创新工作载体 发挥五老作用 坚持问题导向 聚焦立德树人 凝聚关工合力 助力精准扶贫"
    " 传承红色基因 服务青少年成长 推动工作创新 突出工作重点 强化组织建设 提升关爱实效"
    " 深化品牌创建 健全工作机制".split()
)
HEADINGS = tuple(
    "重心下移，着力抓好基层组织建设 助力发展，充分发挥基层作用 创新载体，不断丰富活动内涵"
    " 完善机制，切实加强自身建设 存在的问题及原因分析 对策与建议 突出重点，扎实推进关爱工作"
    " 凝聚合力，构建齐抓共管格局 关工组织建设的现状 扶贫扶志，助力青少年成长成才".split()
)
NUMERALS = tuple("一二三四五六")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"


def _num(lo: int, hi: int) -> Callable[[random.Random], str]:
    return lambda rng: str(rng.randint(lo, hi))


SLOTS: Mapping[str, tuple[str, ...] | Callable[[random.Random], str]] = {
    "place": PLACES,
    "town": TOWNS,
    "school": SCHOOLS,
    "group": GROUPS,
    "activity": ACTIVITIES,
    "unit": UNITS,
    "leader": LEADERS,
    "story": STORIES,
    "aim": AIMS,
    "goal": GOALS,
    "quality": QUALITIES,
    "method": METHODS,
    "festival": FESTIVALS,
    "city": CITIES,
    "law": LAWS,
    "science": SCIENCE,
    "half": HALVES,
    "n": _num(12, 96),
    "n2": _num(3, 40),
    "n3": _num(800, 26000),
    "money": _num(3, 180),
    "money2": _num(2000, 60000),
    "year": _num(2012, 2026),
    "date": lambda rng: f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
    "elder": lambda rng: rng.choice(SURNAMES) + "老",
}

TITLES_COMMON = (
    "{place}关工委开展{activity}活动",
    "{place}{town}开展{activity}主题活动",
    "{unit}召开{year}年关心下一代工作会议",
    "{leader}看望慰问{place}{group}",
    "“五老”志愿者走进{place}{school}开展{activity}",
    "{place}举办{activity}报告会",
    "{unit}深入{place}调研{activity}工作",
    "全市{activity}工作推进会在{place}召开",
    "情系{group} 爱心助成长",
    "{unit}组织开展“{festival}”关爱{group}活动",
    "{place}{school}举行{activity}启动仪式",
    "发挥关工优势 助力{goal}",
    "{place}扶贫助学活动惠及{n}名{group}",
    "精准扶贫 关爱先行——{place}{activity}活动侧记",
)
TITLES = {
    "领导关怀": (
        "{leader}调研{place}关心下一代工作",
        "{leader}出席{activity}活动并讲话",
        "{leader}慰问{place}{group}",
        "{leader}听取市关工委工作汇报",
    ),
    "关工要闻": TITLES_COMMON,
    "文件快递": (
        "关于开展{year}年{activity}活动的通知",
        "关于表彰{year}年度{activity}先进集体和先进个人的决定",
        "关于印发《{year}年{activity}工作方案》的通知",
        "关于报送{year}年{activity}工作总结的通知",
        "天水市关工委{year}年工作要点",
        "关于做好{year}年{activity}工作的意见",
    ),
    "银发风采": (
        "记{place}“五老”志愿者{elder}",
        "银发生辉 {half}",
        "{elder}：退休不褪色 余热映朝阳",
        "{place}老干部{elder}义务辅导{group}{n}年",
    ),
    "青少年风华": (
        "{place}{school}学生在全省{activity}竞赛中获奖",
        "{school}开展{activity}实践活动",
        "青春心向党 {half}",
        "{place}{group}参加“{festival}”主题实践活动",
    ),
    "活力基层": (
        "{place}{town}关工委{activity}工作有声有色",
        "{town}探索{activity}新模式",
        "{place}{town}建成关工委活动阵地",
        "{town}“五老”志愿服务队活跃在乡村",
    ),
    "琢璞润玉": (
        "用爱心点亮{group}的梦想",
        "{group}成长的引路人",
        "春风化雨 润物无声——记{place}{elder}",
        "{school}“{activity}”课堂见闻",
    ),
    "励我成才": (
        "{school}学子在{activity}活动中成长",
        "从{group}到大学生——一名受助学生的来信",
        "感恩资助 励志成才",
        "{place}受助学生{n}人考入大学",
    ),
    "法制讲堂": (
        "{place}开展“法治进校园”宣讲活动",
        "以案说法 护航{group}健康成长",
        "{law}宣传走进{place}{school}",
        "{unit}举办{group}法治教育报告会",
    ),
    "爱心奉献": (
        "{unit}为{group}捐赠学习用品",
        "爱心企业资助{place}{n}名{group}",
        "{place}“金秋助学”活动为{n}名学子送去助学金",
        "情暖{festival} 爱心捐助{group}",
    ),
    "科普窗口": (
        "{science}知识进校园",
        "青少年{science}科普活动在{place}举行",
        "科普小知识：{science}",
        "{place}{school}举办{science}科普讲座",
    ),
    "他山之石": (
        "{city}关心下一代工作经验做法",
        "{city}关工委创新{activity}工作机制",
        "{city}{activity}工作的做法与启示",
        "外地{activity}工作的几点启示",
    ),
    "调研与思考": (
        "{half} {half}",
        "浅谈{activity}工作",
        "关于{place}{activity}工作的调研报告",
        "新时代{activity}工作的实践与思考",
        "{half} {half}",
    ),
}
SENTENCES = (
    "近年来，{unit}坚持以立德树人为根本任务，紧紧围绕{goal}，扎实开展{activity}工作。",
    "{date}，{unit}在{place}{town}组织开展了{activity}活动。",
    "活动中，“五老”志愿者结合亲身经历，向{group}讲述了{story}，引导大家{aim}。",
    "{place}共组织“五老”志愿者{n}人，深入{n2}所学校开展{activity}，受教育青少年达{n3}余人次。",
    "据统计，{year}年以来累计筹集助学资金{money}万元，资助{group}{n}名。",
    "{leader}在讲话中充分肯定了{place}关心下一代工作取得的成绩。",
    "大家纷纷表示，要{aim}，以实际行动回报社会的关爱。",
    "下一步，{unit}将继续{method}，推动关心下一代工作再上新台阶。",
    "关工委的工作根基在基层，工作对象在基层，工作力量也在基层。",
    "各级关工委组织要充分发挥政治优势、经验优势、威望优势、时间优势和亲情优势。",
    "要进一步凝聚关工合力，健全“党委领导、政府支持、关工委主办、部门配合、社会参与”的工作格局。",
    "围绕精准扶贫、精准脱贫，{unit}组织“五老”深入贫困村开展结对帮扶。",
    "扶贫先扶志，扶贫必扶智，教育扶贫是阻断贫困代际传递的根本之策。",
    "{group}是祖国的未来和民族的希望，关心他们的健康成长是全社会的共同责任。",
    "{place}建立了“五老”志愿者与{group}一对一结对帮扶机制，做到帮扶对象、帮扶责任人、帮扶措施“三落实”。",
    "{school}把{activity}纳入学校德育工作计划，做到有计划、有阵地、有活动、有成效。",
    "活动现场气氛热烈，同学们踊跃提问，老同志们一一作了耐心解答。",
    "此次活动的开展，进一步增强了{group}的{quality}，收到了良好的社会效果。",
    "{unit}还为{group}赠送了书包、文具和课外读物等学习用品，价值{money2}元。",
    "{place}依托革命传统教育基地，组织{group}开展“重走长征路”等主题教育活动。",
    "家风是一个家庭的精神内核，也是一个社会的价值缩影。",
    "通过{activity}，广大青少年的{quality}明显提高。",
    "活动以图文展板、互动体验、专家讲座等形式，激发了{group}爱科学、学科学的热情。",
    "会议要求，要切实加强组织建设，做到有机构、有人员、有场所、有经费、有活动。",
    "多年来，{elder}始终坚持“老有所为、奉献余热”的信念，义务辅导{group}{n}余人次。",
    "{city}的做法启示我们，{method}是做好新时代关心下一代工作的有效途径。",
    "青少年{science}知识的普及，离不开学校、家庭和社会的共同努力。",
    "{law}的宣传普及，为{group}健康成长营造了良好的法治环境。",
)
GG_SENTENCES = (
    "关工委的工作根基在基层，工作对象在基层，工作力量也在基层。",
    "各级关工委组织要充分发挥政治优势、经验优势、威望优势、时间优势和亲情优势。",
)
FP_SENTENCES = ("扶贫先扶志，扶贫必扶智，教育扶贫是阻断贫困代际传递的根本之策。",)
CAPTIONS = (
    "图为{place}{activity}活动现场。",
    "图为“五老”志愿者与{group}亲切交谈。",
    "图为{leader}为{group}赠送学习用品。",
    "图为{school}学生参加{activity}活动。",
)
NOTICE_OPENINGS = (
    "为深入贯彻落实中央和省委关于关心下一代工作的决策部署，经研究，决定在全市开展{activity}活动。"
    "现将有关事项通知如下：",
    "为进一步推动{activity}工作，切实服务{group}健康成长，经研究决定，现就有关事项通知如下：",
)
ADDRESSEES = ("各县（区）关工委，市直各有关单位：", "各县区教育局，市直各学校：")
SIGNATURES = ("天水市关心下一代工作委员会", "天水市关工委办公室")
ABOUT_TITLE = "天水市关心下一代工作委员会简介"
ABOUT = (
    "天水市关心下一代工作委员会（简称市关工委）是在市委、市政府领导下，以离退休老干部、老战士、"
    "老专家、老教师、老模范为主体，组织动员社会各方面力量关心下一代健康成长的群众性工作组织。",
    "市关工委的主要任务是：协助党委、政府做好青少年思想道德教育工作，开展“五老”宣讲、法治教育、"
    "科普教育和关爱帮扶活动，为青少年健康成长营造良好的社会环境。",
    "全市现有县区关工委7个，乡镇（街道）关工委124个，村（社区）、学校、企业等基层关工组织3200多个，"
    "“五老”志愿者1.8万余人。",
    "市关工委下设办公室，负责日常工作，办公地点在天水市秦州区籍河北路金华大厦。",
)
MESSAGES = (
    (
        "请问今年的金秋助学什么时候开始申请？需要准备哪些材料？",
        "您好，请关注本网“文件快递”栏目发布的通知，或咨询所在县区关工委。",
    ),
    (
        "孩子的学校附近新开了一家网吧，经常有未成年人进出，希望有关部门管一管。",
        "感谢您的反映，我们已转交网吧义务监督员核实处理。",
    ),
    (
        "我是一名退休教师，想加入“五老”志愿者队伍，应该联系哪里？",
        "欢迎您！请与所在县区关工委办公室联系登记。",
    ),
    ("网站的文章很有教育意义，希望多发一些家风家教方面的内容。", "谢谢您的建议，我们会继续努力。"),
    (
        "留守儿童的心理健康问题很值得关注，建议多开展心理辅导活动。",
        "您的建议很好，市关工委今年将在各县区开展心理健康辅导进校园活动。",
    ),
)


class Asset(NamedTuple):
    """A file a body refers to; its URL is the dialect's business."""

    kind: str  # "image" | "attachment"
    n: int  # 1-based number within the article, part of the file name
    ext: str
    name: str = ""  # attachment link text
    offsite: bool = False
    size: int = 0  # padded to this many bytes (0: the file's natural size)


class Seg(NamedTuple):
    """A run inside one body line: text, an image/attachment, or an off-site link."""

    text: str = ""
    asset: Asset | None = None
    href: str | None = None  # path on the off-site server


class Line(NamedTuple):
    """One visible line of a body; `role` lets dialects style headings, captions and images."""

    role: str  # "lead" | "para" | "heading" | "image" | "caption" | "attach" | "sign" | "link"
    segs: tuple[Seg, ...]

    @property
    def text(self) -> str:
        """The text a browser shows for this line (link texts included, images not)."""
        return "".join(s.asset.name if s.asset else s.text for s in self.segs)


def allowed(text: str, gg: bool, fp: bool) -> bool:
    """Whether `text` respects an article's keyword flags."""
    return (gg or GG not in text) and (fp or FP not in text)


class _Slots(dict[str, str]):
    def __init__(self, rng: random.Random, fixed: Mapping[str, str]) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        pool = SLOTS[key]
        return pool(self.rng) if callable(pool) else self.rng.choice(pool)


def fill(
    rng: random.Random,
    templates: tuple[str, ...],
    gg: bool,
    fp: bool,
    fixed: Mapping[str, str] | None = None,
    used: set[str] | None = None,
) -> str:
    """Fill a random template, drawing again until the keyword flags are respected.

    Templates in `used` are avoided while others remain, so an article does not repeat itself.
    """
    fresh = [t for t in templates if t not in used] if used else templates
    for attempt in range(500):
        template = rng.choice(fresh if fresh and attempt < 50 else templates)
        text = template.format_map(_Slots(rng, fixed or {}))
        if allowed(text, gg, fp):
            if used is not None:
                used.add(template)
            return text
    raise RuntimeError(f"no phrase satisfies gg={gg} fp={fp}: {templates[0]}")


def title(rng: random.Random, column: str, year: int, gg: bool, fp: bool) -> str:
    """A plausible title for an article of `column`."""
    templates = TITLES[column]
    if column not in ("文件快递", "调研与思考") and rng.random() < 0.3:
        templates = TITLES_COMMON
    return fill(rng, templates, gg, fp, {"year": str(year)})


def source(rng: random.Random, gg: bool) -> str:
    """The issuing unit shown after 来源."""
    return fill(rng, SOURCES, gg, False)


def _para(
    rng: random.Random, gg: bool, fp: bool, used: set[str], year: int, lo: int = 2, hi: int = 5
) -> Line:
    """A paragraph of distinct sentences; numbers like "N年以来" never postdate the article."""
    fixed = {"year": str(rng.randint(max(2008, year - 6), year))}
    sentences = (fill(rng, SENTENCES, gg, fp, fixed, used) for _ in range(rng.randint(lo, hi)))
    return Line("para", (Seg("".join(sentences)),))


def _notice(rng: random.Random, art: Article, gg: bool, fp: bool) -> list[Line]:
    fixed = {"year": str(art.published.year)}
    used: set[str] = set()
    lines = [
        Line("lead", (Seg(fill(rng, ADDRESSEES, gg, fp)),)),
        Line("para", (Seg(fill(rng, NOTICE_OPENINGS, gg, fp, fixed)),)),
    ]
    for i in range(rng.randint(2, 3)):
        heading = fill(rng, HEADINGS, gg, fp, used=used)
        lines.append(Line("heading", (Seg(f"{NUMERALS[i]}、{heading}"),)))
        lines.append(_para(rng, gg, fp, used, art.published.year, 1, 3))
    names = [art.title + ".doc"]
    names += [fill(rng, ("{activity}报名表.xls",), gg, fp)]
    names += [fill(rng, ("{year}年{activity}工作方案.pdf",), gg, fp, fixed)]
    names = names[: art.attachments]
    for i, name in enumerate(names, 1):
        label = "附件：" if len(names) == 1 else f"附件{i}："
        size = art.large_attachment if i == 1 else 0
        asset = Asset("attachment", i, name.rsplit(".", 1)[1], name, size=size)
        lines.append(Line("attach", (Seg(label), Seg(asset=asset))))
    lines.append(Line("sign", (Seg(fill(rng, SIGNATURES, gg, fp)),)))
    date = art.published
    lines.append(Line("sign", (Seg(f"{date.year}年{date.month}月{date.day}日"),)))
    return lines


def _article(rng: random.Random, art: Article, gg: bool, fp: bool) -> list[Line]:
    lines: list[Line] = []
    used: set[str] = set()
    research = art.section.name == "调研与思考"
    if research or rng.random() < 0.25:
        lines.append(Line("lead", (Seg(fill(rng, UNITS, gg, fp)),)))
    for i in range(rng.randint(3, 6)):
        if research and i % 2 == 1:
            heading = fill(rng, HEADINGS, gg, fp, used=used)
            lines.append(Line("heading", (Seg(f"{NUMERALS[i // 2]}、{heading}"),)))
        lines.append(_para(rng, gg, fp, used, art.published.year))
    pictures: list[Line] = []
    for n in range(1, art.images + 1):
        pictures.append(Line("image", (Seg(asset=Asset("image", n, rng.choice(("jpg", "png")))),)))
        pictures.append(Line("caption", (Seg(fill(rng, CAPTIONS, gg, fp, used=used)),)))
    if art.offsite_image:
        pictures.append(
            Line("image", (Seg(asset=Asset("image", art.images + 1, "jpg", offsite=True)),))
        )
    at = 2 if lines[0].role == "lead" else 1
    lines[at:at] = pictures
    if art.offsite_link:
        lines.append(
            Line("link", (Seg("原文链接："), Seg("点击查看原文", href=f"news/{art.id}.html")))
        )
    return lines


def _ensure(lines: list[Line], head: str, word: str, sentences: tuple[str, ...]) -> None:
    """Give a flagged article its keyword when the random draw happened to avoid it."""
    if word in head or any(word in line.text for line in lines):
        return
    i = next(i for i, line in enumerate(lines) if line.role == "para")
    lines[i] = Line("para", (Seg(sentences[0] + lines[i].text),))


def body(rng: random.Random, art: Article) -> tuple[Line, ...]:
    """The body lines of a generated article, honouring its flags and asset counts."""
    if art.seed_lines is not None:
        return tuple(Line("para", (Seg(text),)) for text in art.seed_lines)
    compose = _notice if art.section.name == "文件快递" else _article
    lines = compose(rng, art, art.gg, art.fp)
    if art.gg:
        _ensure(lines, art.title, GG, GG_SENTENCES)
    if art.fp:
        gg_safe = tuple(s for s in FP_SENTENCES if art.gg or GG not in s)
        _ensure(lines, art.title, FP, gg_safe)
    return tuple(lines)


class Message(NamedTuple):
    """A guestbook entry with the webmaster's reply."""

    author: str
    posted: datetime
    text: str
    reply: str


def messages(rng: random.Random, start: datetime) -> tuple[Message, ...]:
    """The handful of guestbook messages shown on 网友留言."""
    out = []
    for i, (text, reply) in enumerate(MESSAGES):
        posted = start.replace(
            month=1 + i * 2,
            day=rng.randint(1, 28),
            hour=rng.randint(8, 22),
            minute=rng.randint(0, 59),
        )
        out.append(Message(rng.choice(SURNAMES) + "**", posted, text, reply))
    return tuple(out)
