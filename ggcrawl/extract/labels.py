"""The words Chinese CMS templates print around the fields, kept as data apart from the logic.

Extraction keys on these labels and on page structure, never on one template's class names,
so a site whose markup we have never seen still yields its fields. Add a label here when a
template uses a new word; the rules in the other modules stay the same.
"""

from __future__ import annotations

import re

# Simplified characters of the labels below and their traditional forms, for the sites (in
# Taiwan, Hong Kong, and some neighbours of 天水) that print 來源, 發布時間, 責任編輯.
TRADITIONAL = str.maketrans(
    "与于体关内况击动励华参发号后员围处审对导层属开当录报数无时暂机条来构标栏欢气没浏润点热爱献现称签简类络编网联范荐览讯记讲论访评词译详语读调责载辑递采银链键门问间闻阅页顾领题风国际会娱乐财经图视滚综军频电权转声别场观违许仅为谢临请马户术资单级闭扫纠错举缩变减让订购买",
    "與於體關內況擊動勵華參發號後員圍處審對導層屬開當錄報數無時暫機條來構標欄歡氣沒瀏潤點熱愛獻現稱簽簡類絡編網聯範薦覽訊記講論訪評詞譯詳語讀調責載輯遞採銀鏈鍵門問間聞閱頁顧領題風國際會娛樂財經圖視滾綜軍頻電權轉聲別場觀違許僅為謝臨請馬戶術資單級閉掃糾錯舉縮變減讓訂購買",
)
# Traditional characters read as their simplified forms, where a hot path matches simplified
# words only (toolbar words: 字級大小, 關閉, 縮小) rather than a pattern twice as long.
SIMPLIFIED = {traditional: simplified for simplified, traditional in TRADITIONAL.items()}


def with_traditional(labels: tuple[str, ...]) -> tuple[str, ...]:
    """``labels`` and, after them, each one's traditional form that is not already there."""
    return tuple(dict.fromkeys((*labels, *(label.translate(TRADITIONAL) for label in labels))))


def traditional_too(pattern: str) -> str:
    """A regular expression that also matches the traditional form of what ``pattern`` does
    (未經授權，不得轉載 beside 未经授权，不得转载)."""
    traditional = pattern.translate(TRADITIONAL)
    return pattern if traditional == pattern else f"(?:{pattern})|(?:{traditional})"


# The sections of 天水关工网 as its nav bar showed them (the seed page,
# ggcrawl/replica/seed_article.txt). Checked, not required: a section missing from, or new in,
# the live nav is logged.
KNOWN_SECTIONS: tuple[str, ...] = (
    "关工委概况",
    "领导关怀",
    "关工要闻",
    "文件快递",
    "银发风采",
    "青少年风华",
    "活力基层",
    "琢璞润玉",
    "励我成才",
    "法制讲堂",
    "爱心奉献",
    "科普窗口",
    "他山之石",
    "调研与思考",
    "网友留言",
)
HOME_WORDS: tuple[str, ...] = with_traditional(
    (
        "首页",
        "网站首页",
        "主页",
        "返回首页",
        "首頁",
        "網站首頁",
        "HOME",
        "Home",
    )
)
# "返回首页" is a link back, never the first crumb of a trail (it often sits beside 上一篇).
BREADCRUMB_HOME_WORDS: tuple[str, ...] = tuple(w for w in HOME_WORDS if w != "返回首页")

COLON = r"\s*[:：]?\s*"

DATE_LABELS: tuple[str, ...] = with_traditional(
    (
        "发布时间",
        "发布日期时间",
        "发布日期",
        "发表时间",
        "发表日期",
        "最后更新时间",  # under the 发布时间 line (TVBS's 最後更新時間：…)
        "最后更新日期",
        "更新时间",
        "更新日期",
        "添加时间",
        "添加日期",
        "加入时间",
        "加入日期",
        "录入时间",
        "录入日期",
        "上传时间",
        "上传日期",
        "创建时间",
        "公布时间",
        "刊发时间",
        "登载时间",
        "发稿时间",
        "发稿日期",
        "发布于",
        "发表于",
        "時間",
        "發布時間",
        "發佈時間",
        "發表時間",
        "更新時間",
        "时间",
        "日期",
    )
)
# A document's own dates in a 信息公开 table: the publication time only where no label above
# gives one.
DOCUMENT_DATE_LABELS: tuple[str, ...] = with_traditional(("生成日期", "发文日期", "成文日期"))
SOURCE_LABELS: tuple[str, ...] = with_traditional(
    (
        "信息来源",
        "文章来源",
        "本文来源",
        "稿件来源",
        "新闻来源",
        "来源于",
        "来源",
        "稿源",
        "出处",
        "本文转载自",
        "转载自",
        "信息來源",
        "文章來源",
        "來源",
    )
)
# The labels of an editor's line, which a template prints after the text, often in brackets
# (【责任编辑：…】, （编辑：…）); an author's line in brackets is the text's own signature.
EDITOR_LABELS: tuple[str, ...] = with_traditional(
    (
        "责任编辑",
        "网络编辑",
        "编辑",
        "责编",
        "审核",
        "校对",
        "責任編輯",
        "編輯",
        "翻译",
        "译者",
        "选稿",
        "推荐人",  # who recommended a reprint to a society's site (推荐人：某律师事务所 某某)
        "編譯",
        "编译",
        "美术编辑",
        "美编",
        "美术",  # the page's designer, credited under the text as its editor is (美術：陳超雄)
        "责任校对",
        "主编",
        "编委",
        "初审",
        "复审",
        "终审",
        "一审",  # the three reviews a mainland paper's site credits under its text (三审三校)
        "二审",
        "三审",
        "监制",  # the producer, credited with the editors under 新华社's and 央视's texts
    )
)
# The credits a page prints after the text as labels over their values (作者： | 张文清 |
# 摄影： | 梅秋武 | 供稿单位： | 新闻中心): who wrote, photographed, supplied and checked it.
CREDIT_LABELS: tuple[str, ...] = with_traditional(
    (
        *EDITOR_LABELS,
        "作者",
        "撰稿",
        "撰文",
        "文字",
        "文",
        "图",
        "图片",
        "摄影",
        "摄像",
        "记者",
        "通讯员",
        "供稿",
        "供稿单位",
        "来稿单位",
        "投稿单位",
        "审稿",
    )
)
# The editor's labels that close an article (newspapers' sites print 责任编辑 where it ends).
CLOSING_EDITOR_LABELS: tuple[str, ...] = with_traditional(("责任编辑", "责编", "校对"))
# Toolbar words that may follow a 来源 value with no space between (来源：求是网参与互动).
SOURCE_END_WORDS: tuple[str, ...] = with_traditional(
    (
        "参与互动",
        "我来说两句",
        "我要评论",
        "发表评论",
        "打印本页",
        "字号",
        "分享到",
    )
)
# How the name of a paper, a news site, an agency or a station ends: beside the date with no
# 来源 label (2012-01-17 中國時報, 東森新聞╱東森新聞 2012-01-17 16:04), a reader still knows it
# for the source by that ending.
MEDIA_ENDINGS: tuple[str, ...] = with_traditional(
    (
        "报",
        "网",
        "社",
        "新闻",
        "电视台",
        "电台",
        "频道",
        "周刊",
        "週刊",
        "月刊",
        "杂志",
        "雜誌",
        # a site that names itself so (數位時代網站｜撰文者：…)
        "网站",
        # a paper's online edition (新聞晨報網路版 2005-09-13)
        "网络版",
        "网路版",
        "电子版",
    )
)
# Columns that end like a medium's name (社会新闻, 國際新聞) but name a part of the site.
NEWS_COLUMNS: tuple[str, ...] = with_traditional(
    (
        "国内",
        "国际",
        "社会",
        "本地",
        "地方",
        "体育",
        "娱乐",
        "财经",
        "科技",
        "军事",
        "图片",
        "视频",
        "要闻",
        "滚动",
        "即时",
        "最新",
        "热点",
        "今日",
        "综合",
        "时政",
        "原创",
        "相关",
        "热门",
        "推荐",
    )
)
# The portals whose channels are media of their own, named beside the date as the source
# (新浪娱乐, 腾讯音乐, 凤凰网科技): a portal's name, then one of its channels. Never its other
# services (新浪微博, 腾讯视频 is a channel but QQ空间 a share button).
PORTAL_NAMES: tuple[str, ...] = with_traditional(
    ("新浪", "腾讯", "网易", "搜狐", "凤凰网", "凤凰", "中华网", "和讯")
)
PORTAL_CHANNELS: tuple[str, ...] = with_traditional(
    (
        *NEWS_COLUMNS,
        "音乐",
        "汽车",
        "房产",
        "教育",
        "健康",
        "游戏",
        "时尚",
        "读书",
        "历史",
        "文化",
        "旅游",
        "数码",
        "女性",
        "评论",
    )
)
# Other labels that share the meta line; a source value stops where one of them starts.
META_LABELS: tuple[str, ...] = with_traditional(
    (
        *DATE_LABELS,
        *DOCUMENT_DATE_LABELS,
        *SOURCE_LABELS,
        *EDITOR_LABELS,
        "作者",
        "撰稿",
        "供稿",
        "资料提供单位",  # who supplied a notice's figures (資料提供單位：教會與社會委員會)
        "通讯员",
        "记者",
        "发布者",
        "发布人",
        "录入",
        "点击",
        "点击数",
        "点击率",
        "浏览",
        "浏览次数",
        "点阅次数",  # Taiwan's word for a read count (點閱次數)
        "栏目名称",
        "本文栏目",
        "原标题",
        "索引号",
        "发布机构",
        "文号",
        "发文字号",
        "主题分类",
        "公开方式",
        "公开范围",
        "有效性",
        "所属栏目",
        "栏目",
        "阅读",
        "阅读次数",
        "访问",
        "访问量",
        "浏览量",
        "阅读量",
        "人气",
        "评论",
        "评论数",
        "字号",
        "字体",
        "分类",
        "标签",
        "关键词",
        "关键字",
        "Tags",
        "TAGS",
        "Tag",
        "TAG",
        "【",
        "[",
    )
)

# 上一則 (an item, as Taiwan's papers call their news) too, and the words Korean sites' Chinese
# pages translate 이전글/다음글 into (以前文章, 下一个文章).
PREV_LABELS: tuple[str, ...] = with_traditional(
    ("上一篇", "上一条", "上篇", "前一篇", "上一條", "上一则", "上一則", "以前文章", "上一个文章")
)
NEXT_LABELS: tuple[str, ...] = with_traditional(
    ("下一篇", "下一条", "下篇", "后一篇", "下一條", "下一则", "下一則", "下一个文章")
)
# What a template prints instead of a link at either end of the chain.
CHAIN_END_WORDS: tuple[str, ...] = with_traditional(
    ("没有了", "没有", "无", "暂无", "已是第一篇", "已是最后一篇")
)

BREADCRUMB_PREFIXES: tuple[str, ...] = with_traditional(
    (
        "您现在的位置",
        "您現在的位置",
        "您当前的位置",
        "当前的位置",
        "當前位置",
        "您的位置",
        "当前位置",
        "所在位置",
        "位置",
    )
)
BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:>>|&gt;|>|＞|»|›|→|/|／|\\|[|｜])\s*|\s+[-–]\s+")
# Last crumbs that name the page type, not a section.
BREADCRUMB_TAILS: tuple[str, ...] = with_traditional(
    (
        "正文",
        "内容",
        "详情",
        "正文内容",
        "文章内容",
        "阅读文章",
        "浏览文章",
    )
)

PAGER_WORDS: tuple[str, ...] = (
    "首页",
    "上一页",
    "下一页",
    "尾页",
    "末页",
    "最后一页",
    "第一页",
    "前一页",
    "后一页",
    "上页",
    "下页",
    "<<",
    ">>",
    "«",
    "»",
    "‹",
    "›",
)
FIRST_PAGE_WORDS: tuple[str, ...] = ("首页", "第一页")

COPYRIGHT_MARKERS = re.compile(
    r"版权所有|版權所有|版[权權][归歸][^。，,]{1,30}?所有|ICP备|ICP证|Copyright|©"
)
# A paper's tip line (新闻爆料热线; 明報's ■明報報料熱線﹕… closing every article): the site's
# standing notice, in its footer or under the text.
TIP_LINE = re.compile("[爆报報]料[热熱][线線]")
# A news site's footer also carries its licences, its police registration, the number for
# reporting harmful content and its tip line.
FOOTER_MARKERS = re.compile(
    rf"{COPYRIGHT_MARKERS.pattern}|版权与免责声明|免责声明|技术支持|主[办辦](?:单位|單位)?\s*[:：]"
    r"|公网安备|新闻信息服务许可证|电信业务经营许可证|网络文化经营许可证|违法和不良信息举报"
    rf"|{TIP_LINE.pattern}|请勿转载或建立镜像"
)

# Headings that end an article's text where no 上一篇/下一篇 does: what follows them is
# related reading, readers' comments or the site's statement.
END_HEADINGS: tuple[str, ...] = with_traditional(
    (
        "相关新闻",
        "相关文章",
        "相关阅读",
        "相关报道",
        "相关稿件",
        "关联稿件",
        "关联文章",
        "关联阅读",
        "延伸阅读",
        "推荐阅读",
        "编辑推荐",
        "热点推荐",
        "热门推荐",
        "猜你喜欢",
        "你可能也喜欢",
        "您可能也喜欢",
        "你也可能喜欢",
        "您也可能喜欢",
        "你可能感兴趣",
        "您可能感兴趣",
        "也许您会感兴趣",
        "也许你会感兴趣",
        "发表意见",
        "留言规则",
        "最新文章",
        "内容标签",
        "文章标签",
        "标签",
        "关键字",
        "关键词",
        "內容標籤",  # 籤, as Hong Kong and Taiwan write a tag's 签
        "文章標籤",
        "標籤",
        "精彩回顾",
        "本期精彩回顾",
        "往期回顾",
        "往期精彩",
        "精彩推荐",
        "更多精彩",
        "相关链接",
        "相关内容",
        "相关信息",
        "相关资讯",
        "相关专题",
        "相关解读",
        "更多相关内容",
        "更多相关新闻",
        "热门文章",
        "热点新闻",
        "热门新闻",
        "网友评论",
        "发表评论",
        "我要评论",
        "评论列表",
        "最新评论",
        "热门评论",
        "全部评论",
        "文章评论",
        # An author's profile after the text (a tab beside 相關文章).
        "撰稿人简介",
        "作者简介",
        # A box of links to buy the book a review is of.
        "立即订购",
        "立即购买",
        "版权与免责声明",
        "版权及免责声明",
        "免责声明",
        "版权声明",
        # A blog theme's, in English on Chinese blogs too (LinuxTOY's Read More: over the
        # related posts and the comments).
        "Read More",
        "Read more",
        "Related",
    )
)

# Any "related …" or "popular …" heading of two characters more (相关推荐, 相关热词, 熱門點閱),
# perhaps after a word or a medium's name (其他熱門文章, 中國時報熱門新聞): the lists templates
# print after the text are named this way far beyond the words above.
RELATED_ANY = traditional_too(r"[\u4e00-\u9fff]{0,6}?(?:相关|热门)[\u4e00-\u9fff]{2}")

# A reader's comment printed under the text with its writer's heading (瑞雪 对圣元奶粉致死的评论:).
COMMENT_HEADING = re.compile(traditional_too(r"^[^。！？]{1,24}对[^。！？]{1,40}的评论[:：]$"))

# A photo's caption: its credit in brackets (（記者劉信德攝）, （港台圖片）, （资料图）) or after a
# slash (記者鄭清元／攝影), the mark that points up at the photo (▲), or the line naming the
# picture's source.
CAPTION_MARK = re.compile(
    r"[（(][^（()）]{0,20}(?:攝|摄|圖片|图片|供圖|供图|資料圖|资料图|資料照|资料照|圖源|图源)[)）]"
    # Taiwan's papers' credit: （圖／翻攝自…）, （攝影：楊約翰）
    r"|[（(](?:圖|图|照片|圖片|图片|攝影|摄影|攝|摄)\s*[／/:：][^（()）]{1,30}[)）]"
    # where a person stands in the picture: 周松崗(前), 占士法蘭高（右）, 左二
    r"|[（(](?:左|右|中|前|後|后)[一二三四五六\d]?(?:起)?[)）]"
    r"|[／/]\s*(?:攝影|摄影|攝|摄)$"
    r"|[（(](?:网页|網頁|视频|視頻)?(?:截图|截圖)[)）]"  # 美国女孩…和男友安德鲁斯（网页截图）
    r"|^(?:图|圖)(?:为|為)"  # 图为死者…: the picture shows
    r"|(?:^|[。！\s])(?:圖|图)\s*[／/][^／/。]{1,20}。?$"  # …的照片。圖／照鏡子提供。
    r"|^[▲△]|^(?:图片|圖片|图像|圖像)(?:来源|來源)|^Photo ?Credit"
    r"|^(?:资料|資料)(?:图|圖|照)片?\s*[:：]",  # 资料图：安徽第一变性人黄恩岭
    re.MULTILINE,
)
# A photo's credit on a line of its own after the text (◎照片來源：PROMPERU, 图片来源：新华社):
# the picture's, not the text's source.
PHOTO_CREDIT = re.compile(r"^[◎●]?\s*(?:图片|圖片|照片|图像|圖像)(?:来源|來源)\s*[:：]")

# A box ranking the site's most read articles, whose heading ends the text as 相关新闻 does
# (最多人看的社會新聞, 点击排行, 一周排行榜).
RANKING_HEADING = re.compile(
    traditional_too(
        r"^(?:最多人(?:看|读)的?.{0,8}|(?:点击|阅读|热门|新闻|一周|本周|今日|24小时)排行榜?)$"
    )
)

# A template's notice after the text: a disclaimer (a platform's 仅提供信息存储空间服务 too), where
# the article was taken from, the site's thanks for the visit (感谢您访问京华网), or who provides
# what follows (以下内容由今日头条提供, over a recommendation widget).
DISCLAIMER = re.compile(
    traditional_too(
        r"^[【\[(（]?\s*(?:免责声明|版权声明|特别声明|特别提醒|平台声明|本文来源|本文仅|本文系|本文为|本文转自)"
        r"|转载请注明|不代表.{0,12}(?:观点|立场)|未经.{0,8}(?:授权|许可|同意|允许).{0,16}转载|违者必究|违规转载"
        r"|(?:观点|内容)仅代表作者|仅提供信息存储空间服务|(?:如有|若有|如涉及)侵权|要求撤下|联系.{0,6}索取稿酬"
        r"|(?:如遇|如因)作品内容.{0,12}问题"  # 如遇作品内容、版权等问题，请…与本网联系
        r"|^(?:感谢您?|欢迎)(?:访问|浏览|光临)"
        r"|^以下(?:内容|推荐|新闻)?由\S{1,12}提供$"
        r"|^[【\[(（]?\s*本文由.{0,24}授权(?:转载|刊登|发布)"  # （本文由 MoneyDJ新聞 授權轉載；…）
    )
)


# A call to follow the site's WeChat account, after the text (欢迎关注“南方新闻网”公众号,
# （微信上长按二维码识别）), to join its readers' group (可加入全球创客马拉松主群（群号：
# 259592983）) or to like its page (如果你喜歡我們的分享和文章，請幫我們按個讚).
FOLLOW_PROMOTION = re.compile(
    r"^[(（\s]*(?:欢迎|请|敬请)?(?:扫码)?关注.{0,20}(?:公众号|微信号|官方微博)"
    r"|(?:长按|扫描?|识别)(?:下方|上方|图中)?二维码"
    r"|加入.{0,20}群[（(]群号"
    r"|[请請][帮幫]?(?:我们|我們)?按[个個]?[赞讚]"
    # a WeChat article's call over its text, kept where a CMS pastes one (点击上方蓝字关注我们)
    r"|^[↑\s]*[点點]击(?:上方|顶部|頂部)?[^\n。，]{0,12}[关關]注"
    # the site's own account, after a word on what it brings (看浙江新闻，关注浙江在线微信)
    r"|^(?:[^\n。，]{1,8}[，,])?(?:欢迎|请|敬请)?[关關]注[^\n。，]{1,12}(?:微信|微博)[!！~]?$"
)
# A call to follow or like the site on a social platform, however long the line, in its last
# sentence (…務求令大家知得更多。 還不快點到Facebook LIKE 我們的專頁~…, 如有Google plus
# account的你,也可follow 我們吧!).
SOCIAL_CALL = re.compile(
    r"(?=.*(?:Facebook|facebook|Google ?plus|Google\+|Twitter|Instagram|YouTube|微博|微信|抖音))"
    r"(?:.*。)?[^。]*(?:LIKE|Like|like|follow|Follow|关注|關注|追踪|追蹤|订阅|訂閱)\s*(?:我们|我們)"
    r"(?:的?(?:专页|專頁|主页|主頁|账号|帳號|[Pp]age|微博|公众号|公眾號)|吧|[!！~])[^。]*$"
)
# A share box's prompt or a call to share, above the text or below it (用微信扫码二维码 |
# 分享至好友和朋友圈, as 东北新闻网's share bar prints it; 欢迎分享到朋友圈~): never the text.
SHARE_PROMPT = re.compile(
    traditional_too(
        r"^(?:用|打开)?微信(?:扫一扫|扫描|扫码)(?:二维码)?$"
        r"|^(?:欢迎|请|记得)?(?:分享|转发)(?:至|到|给)?(?:微信)?(?:好友|朋友圈|朋友)"
        r"(?:和|及|、|或)?(?:朋友圈)?[~～!！。]*$"
    )
)
# A portal's call to get its app, after the text (下载荔枝新闻APP客户端，随时随地看新闻！,
# 現在用APP看新聞 保證天天中獎 點我下載APP). Its client (客户端) named, or its app with the
# promise that follows (，随时随地看新闻), or a link that asks to be clicked for it.
APP_PROMOTION = re.compile(
    traditional_too(
        r"^(?:扫码下载|下载|打开|安装)[^，。,.]{0,12}"
        r"(?:客户端|(?:APP|App|app)[，,]\s*(?:随时随地|看更多|更多精彩|阅读更多))"
        # the app for a device (下载适用于您的iOS或Android设备的联合国新闻应用程序)
        r"|^下载[^，。,.]{0,30}(?:iOS|Android|安卓|苹果)[^，。,.]{0,20}(?:应用程序|应用|客户端)$"
        # a call to subscribe by mail (直接通过您的邮箱接收每日更新 点击此处订阅相关主题)
        r"|(?:点击|点此)(?:此处|这里)?订阅"
        r"|(?:点我|点击|点此|马上|立即)下载\S{0,8}(?:APP|App|app|客户端)"
        # a bracketed pointer to the site for more (【更多新聞詳情請上 - 華視新聞網 】)
        r"|^[【\[]\s*更多[^】\]]{0,20}[请上见看][^】\]]{0,20}[】\]]$"
    )
)

# A paper's call to subscribe by text message (订阅东北新闻报，移动发1到10658303: 106 numbers
# are China's SMS services) or to visit its mobile site (东北新闻网手机版 3g.nen.com.cn,
# 上手机新浪网娱乐频道 ent.sina.cn).
MOBILE_PROMOTION = re.compile(
    r"发送?\s*\S{1,12}?\s*(?:到|至)\s*106\d{5,}"
    r"|(?:手机版|上手机\S{0,12}?)\s*(?:[\w-]+\.)+(?:com|cn|net)"
)


def is_footer_text(text: str) -> bool:
    """A footer line (版权所有, ICP备…, 技术支持), not a sentence that uses such a word: a
    footer line ends in no full stop."""
    return FOOTER_MARKERS.search(text) is not None and "。" not in text


def is_copyright_line(text: str) -> bool:
    """A footer's copyright or licence line (…有限公司 版权所有, ICP备…, ©): the page's end,
    whatever follows it (a phone number, an address); not 主办： or 技术支持, which an event's
    notice may print in its text."""
    return COPYRIGHT_MARKERS.search(text) is not None and "。" not in text


# The labels of a summary box (the CMS description: the article's opening, cut short) that
# some templates print between the meta line and the body.
SUMMARY_LABELS: tuple[str, ...] = with_traditional(
    (
        "内容摘要",
        "内容提要",
        "文章摘要",
        "核心提示",
        "摘要",
        "提要",
        "导读",
        "导语",
        "简介",
        "图文简介",  # 科普中国's box over an article's text (and 视频简介 over a video's)
        "视频简介",
        "作者简介",  # an academic article's author's box, under its 摘要 and 关键词
    )
)

# The heading of a text's first numbered section (一、项目编号：): the text's own, however short
# and bare of punctuation its line.
FIRST_SECTION = re.compile("^[一壹][、.．]")

# Words that open a sentence only after another one (因此, 但是, 此外): a text that starts with
# one goes on from the line above it, a lead the template labels 摘要 (cnBeta's).
CONTINUATION_WORDS = with_traditional(
    tuple("因此 所以 但是 然而 不过 此外 另外 而且 并且 于是 因而 同时 可是".split())
)
CONTINUATION = re.compile(f"^(?:{'|'.join(CONTINUATION_WORDS)})")

# Utility text printed in and around article bodies; an element holding nothing but these
# (and brackets or separators), one of them a word, is not body text.
UTILITY_WORDS = re.compile(
    r"扫一扫在手机打开当前页|扫一扫在手机上查看当前页面|扫一扫|我要纠错|我要举报|举报|保存本页|返回搜狐|查看更多|"
    r"手机看新闻|跟贴|跟帖|点赞|阅读原文|阅读|图集|让更多人看到|"
    r"打印本页|打印此页|打印本稿|打印本文|打印此文|打印文章|打印正文|打印|列印|转寄|目前字级|关闭窗口|关闭本页|关闭|收藏本页|加入收藏|收藏|分享到|分享至|分享|"
    r"正在加载|加载更多|返回顶部|返回列表|返回首页|回到首页|返回|参与互动|我来说两句|我要说两句|浏览字号|字级大小|字型大小|字体|字号|放大|缩小|变大|变小|增大|减小|正常|默认|推荐给朋友|通过Email推荐给好友|推荐给好友|欢迎发表评论|发表评论|查看评论|我要评论|评论|纠错|"
    r"分隔线|文章导航|新浪微博|腾讯微博|搜狐微博|网易微博|腾讯空间|开心网|微信好友|微信|微博|QQ空间|QQ好友|Qzone|"
    r"朋友圈|人人网|豆瓣|更多|转帖到|转帖|"
    r"文件下载|未登录|登录|注册|TOP|top|Top|Loading|Share|share|A\+|A-|×|"
    r"发送邮件|推一下|LINE\s*给好友|LINE"
)
# The words and the font-size buttons 大 中 小 (no word starts with one, so the order of the
# alternatives finds the same matches).
UTILITY_PHRASES = re.compile(UTILITY_WORDS.pattern + "|[大中小]")
# Brackets and separators around those words, as the inside of a character class.
UTILITY_FILLER_CHARS = r"\s\[\]【】()（）|｜:：·•/,，、>\-！!"
UTILITY_FILLER = re.compile(f"[{UTILITY_FILLER_CHARS}]+")

DOCUMENT_EXTENSIONS: tuple[str, ...] = (
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".pdf",
    ".wps",
    ".et",
    ".dps",
    ".txt",
    ".rtf",
    ".zip",
    ".rar",
    ".7z",
)
ATTACHMENT_WORDS: tuple[str, ...] = ("附件", "下载")


# The Han characters (CJK Unified Ideographs and Extension A) a label may not follow, but for
# those that end a date or time (2019年1月29日来源：…, where only markup parts the two).
HAN_CHARS = "\u3400-\u9fff"
DATE_ENDS = "日号秒分"


# Opening quotation marks: a label inside quotes is quoted, not printed as one.
QUOTES = "“‘「『\"'"
# Spaces a two-character label may be spread with (时　间：).
LABEL_PADDING = "[^\\S\\n]{0,2}"
TWO_HAN = re.compile(f"[{HAN_CHARS}]{{2}}")
# A document's number (文号) printed after its headline on the headline's line (…的通知
# 财税〔2013〕81号): not the headline's, which the <title> gives without it.
DOCUMENT_NUMBER = re.compile(
    rf"\s*[(（]?[{HAN_CHARS}]{{1,10}}\s*[〔［\[(（]\d{{4}}[〕］\])）]\s*\d{{1,4}}\s*号[)）]?"
)


def label_pattern(
    labels: tuple[str, ...],
    *,
    not_after_han: bool = False,
    colon_after_han: bool = False,
    also_after: str = "",
) -> str:
    """A regex alternation that tries longer labels first (来源 after 信息来源); with
    ``not_after_han``, a label only where no Han character precedes it (时间 is no label in
    同时间) nor a quotation mark (凡本网注明“来源：…” quotes one) but the last of a date
    (日来源 is a label after 29日), and with
    ``colon_after_han`` also a label of three characters or more followed by a colon
    (网发稿时间：, where a value runs into the next label), and after any of the characters
    ``also_after`` (下一篇 right after 上一篇: 上一篇下一篇). That condition is written after
    each label's first character, not before the alternation: a pattern that opens with a
    literal is searched by skipping to that character, one that opens with a lookbehind is
    tried at every position (4 × slower). Such a label of two characters may be spaced out
    (时　间：, 来 源：), as forms align it with labels of four."""
    ordered = sorted(labels, key=len, reverse=True)
    if not not_after_han:
        return "|".join(_spaced(label) for label in ordered)
    alternatives = []
    for label in ordered:
        first = re.escape(label[0])
        rest = _spaced(label).removeprefix(first)
        colon = f"|(?={rest}[^\\S\\n]*[:：])" if colon_after_han and len(label) > 2 else ""
        after = f"|(?<=[{also_after}]{first})" if also_after else ""
        alternatives.append(
            f"{first}(?:(?<![{HAN_CHARS}{QUOTES}]{first})|(?<=\\d[{DATE_ENDS}]{first}){colon}"
            f"{after}){rest}"
        )
    return "|".join(alternatives)


def _spaced(label: str) -> str:
    """``label`` as a regex; one of two Han characters may be spread (来　源, padded to line up
    with 发布时间)."""
    if TWO_HAN.fullmatch(label):
        return f"{label[0]}{LABEL_PADDING}{label[1]}"
    return re.escape(label)


# A labelled field anywhere on a line: a 来源 line with another (来源：… 作者：…) is a meta line.
LABEL_FIELD = re.compile(rf"(?:{label_pattern(META_LABELS)})[^\S\n]*[:：]")
