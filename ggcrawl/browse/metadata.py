"""Datasette metadata for an archive: every table and column titled and described in Chinese
and English, the canned queries, the facets.

The English descriptions are :data:`ggcrawl.store.schema.COLUMNS` (the README's schema section
says the same), so the browse view cannot drift from the schema; this module adds the Chinese
and the short bilingual titles. Readers of the site read Chinese, many researchers English.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from ggcrawl.browse.search import SEARCH_SQL
from ggcrawl.store.fts import RANK_WINDOW
from ggcrawl.store.schema import COLUMNS

# table -> (Chinese title, English title, Chinese description, English description)
TABLES: dict[str, tuple[str, str, str, str]] = {
    "articles": (
        "文章",
        "Articles",
        "每篇文章一行：最近一次提取的标题、时间、栏目、来源和正文。",
        "One row per article: title, time, section, source and body as last extracted.",
    ),
    "article_versions": (
        "文章版本",
        "Article versions",
        "每篇文章的每个内容版本；内容改动时新增一个版本，旧版本保留。当前版本的正文在文章表，"
        "视图 article_history 列出每个版本的完整正文。",
        "Every content version of every article; a change adds a version, none is lost. "
        "The current version's text is in articles; article_history shows every version whole.",
    ),
    "article_pages": (
        "文章分页",
        "Article pages",
        "网站分成几页发布的文章：第 2 页起每一页的网址和快照，按版本记录。",
        "Articles the site splits over pages: each later page's URL and snapshot, per version.",
    ),
    "article_history": (
        "文章历史",
        "Article history",
        "每篇文章的每个版本及其完整正文（视图：当前版本的正文取自文章表）。",
        "Every version of every article with its full text (a view: the current version's "
        "text comes from articles).",
    ),
    "snapshots": (
        "网页快照",
        "Snapshots",
        "每个网页抓取时的原始字节，同一网址同样的内容只存一次。",
        "Every page exactly as served, stored once per URL, status and content.",
    ),
    "sections": (
        "栏目",
        "Sections",
        "导航栏上的栏目及其网址。",
        "The site's columns (栏目) as the nav bar lists them.",
    ),
    "listings": (
        "栏目列表",
        "Listings",
        "文章出现在哪个栏目的哪一页列表上。",
        "Where each article is listed: column, listing page, position.",
    ),
    "redirects": (
        "重定向",
        "Redirects",
        "抓取时遇到的重定向。",
        "Redirects met while crawling.",
    ),
    "failures": (
        "抓取失败",
        "Failures",
        "无法存档的网址及原因（404、网络错误、拒绝抓取等）。",
        "URLs that could not be archived, and why (404s, network errors, refusals).",
    ),
    "crawls": (
        "抓取记录",
        "Crawls",
        "每次抓取的时间、方式、结果和文章统计。",
        "Every crawl: when, how, its outcome and its article counts.",
    ),
    "crawl_fields": (
        "抓取提取情况",
        "Extraction health",
        "每次抓取中各字段被提取到的文章数：某字段骤减说明网站模板可能已改。",
        "Per crawl, on how many of its articles each field was found: a sudden drop means the "
        "site's templates probably changed.",
    ),
    "assets": (
        "图片、附件与网页资源",
        "Assets",
        "文章中的图片和附件（.doc、.pdf 等），以及网页显示所需的样式表、模板图片和字体。",
        "Images and attachments (.doc, .pdf …) of the articles, and the stylesheets, template "
        "images and fonts the pages need to be shown.",
    ),
    "asset_blobs": (
        "图片与附件内容",
        "Asset bytes",
        "图片、附件、样式表和字体的原始字节，按 SHA-256 只存一次。",
        "The bytes of images, attachments, stylesheets and fonts, stored once per SHA-256.",
    ),
    "article_assets": (
        "文章与附件",
        "Article assets",
        "哪篇文章使用了哪个图片或附件。",
        "Which article uses which image or attachment.",
    ),
    "frontier": (
        "待抓取队列",
        "Frontier",
        "抓取程序内部的待办列表，用于中断后继续抓取。",
        "The crawler's internal to-do list, kept so that a killed crawl resumes.",
    ),
    "warc_files": (
        "WARC 文件",
        "WARC files",
        "每次抓取写出的 WARC 文件。",
        "The WARC files each crawl wrote.",
    ),
    "articles_fts": (
        "全文索引",
        "Full-text index",
        "标题和正文的全文索引（按二字切分），rowid 即文章 id。请用“搜索”查询。",
        "Full-text index of titles and bodies (in bigrams); rowid is the article id. "
        "Use the search query.",
    ),
}

# The index's columns are not in COLUMNS: they hold no text, only its index.
FTS_COLUMNS = {
    "title": "Title, as bigrams (contentless: indexed, not stored).",
    "body": "Body text, as bigrams (contentless: indexed, not stored).",
}

# table -> column -> (Chinese title, English title, Chinese description)
COLUMNS_ZH: dict[str, dict[str, tuple[str, str, str]]] = {
    "articles": {
        "url": ("网址", "URL", "文章的规范网址（主键）。"),
        "id": ("编号", "Id", "固定的整数编号，即全文索引的 rowid。"),
        "section": ("栏目", "Section", "面包屑导航中的栏目。"),
        "title": ("标题", "Title", "页面上显示的标题。"),
        "published_at": ("发布时间", "Published", "北京时间（+08:00）；页面只有日期时只存日期。"),
        "source": ("来源", "Source", "发布单位；为空时为 NULL。"),
        "body_text": ("正文", "Body text", "正文文字，每段一行。"),
        "body_html": (
            "正文 HTML",
            "Body HTML",
            "清理后的正文 HTML：无脚本、样式和模板内容，链接为绝对网址。",
        ),
        "images": ("图片", "Images", "正文中图片的网址（JSON 列表）。"),
        "attachments": ("附件", "Attachments", "附件的网址和名称（JSON 列表）。"),
        "prev_url": ("上一篇", "Previous", "上一篇文章的网址；到头时为 NULL。"),
        "next_url": ("下一篇", "Next", "下一篇文章的网址；到头时为 NULL。"),
        "snapshot_id": ("快照", "Snapshot", "提取这些字段的网页快照。"),
        "first_seen_at": ("首次存档", "First seen", "首次存档的时间（UTC）。"),
        "last_seen_at": ("最近抓取", "Last seen", "最近一次抓取的时间（UTC）。"),
        "first_crawl_id": ("首次抓取", "First crawl", "首次存档这篇文章的抓取。"),
        "last_crawl_id": ("最近一次抓取", "Last crawl", "最近一次抓取这篇文章的抓取。"),
        "parse_warnings": ("提取提示", "Parse warnings", "未能找到的字段及原因（JSON 列表）。"),
        "version": ("版本数", "Versions", "已存档的内容版本数（见文章版本表）。"),
        "changed_at": ("改动时间", "Changed", "当前版本首次出现的时间（UTC）。"),
        "gone_at": ("删除时间", "Gone", "抓取发现文章已删除（404/410）的时间；在线时为 NULL。"),
        "gone_crawl_id": ("发现删除的抓取", "Gone in crawl", "发现文章已删除的抓取。"),
        "gone_status": ("删除状态码", "Gone status", "当时返回的状态码（404 或 410）。"),
        "published_year": ("发布年份", "Year", "发布时间的年份（由发布时间生成，用于分面）。"),
    },
    "article_versions": {
        "article_url": ("文章", "Article", "所属文章。"),
        "version": ("版本", "Version", "首次存档为 1，之后每次内容改动加 1。"),
        "crawl_id": ("抓取", "Crawl", "首次看到这个版本的抓取。"),
        "snapshot_id": ("快照", "Snapshot", "提取这个版本的网页快照。"),
        "seen_at": ("时间", "Seen", "首次看到的时间（UTC）。"),
        "section": ("栏目", "Section", "这个版本的栏目。"),
        "title": ("标题", "Title", "这个版本的标题。"),
        "published_at": ("发布时间", "Published", "这个版本的发布时间。"),
        "source": ("来源", "Source", "这个版本的来源。"),
        "body_text": (
            "正文",
            "Body text",
            "这个版本的正文文字；当前版本为 NULL，其正文即文章表的正文"
            "（视图 article_history 已补全）。",
        ),
        "body_html": (
            "正文 HTML",
            "Body HTML",
            "这个版本的正文 HTML；当前版本为 NULL，见文章表（视图 article_history 已补全）。",
        ),
        "images": ("图片", "Images", "这个版本的图片（JSON）。"),
        "attachments": ("附件", "Attachments", "这个版本的附件（JSON）。"),
        "parse_warnings": ("提取提示", "Parse warnings", "这个版本的提取提示（JSON）。"),
    },
    "article_pages": {
        "article_url": ("文章", "Article", "分页发布的文章（第 1 页的网址）。"),
        "version": ("版本", "Version", "正文含这一页的文章版本。"),
        "page": ("页码", "Page", "2、3……：这一页在文章中的位置（第 1 页即文章的快照）。"),
        "url": ("网址", "URL", "这一页的网址。"),
        "snapshot_id": ("快照", "Snapshot", "读取这一页正文的网页快照。"),
    },
    "assets": {
        "url": ("网址", "URL", "图片、附件、样式表或字体的原始网址。"),
        "kind": (
            "类型",
            "Kind",
            "image（图片：正文里的、网页模板的，或样式表加载的）、attachment（附件）、"
            "stylesheet（样式表）或 font（字体）。",
        ),
        "offsite": ("站外", "Off-site", "为 1 时在其他网站上（只记录，不抓取）。"),
        "sha256": (
            "SHA-256 值",
            "SHA-256",
            "内容的 SHA-256（对应图片与附件内容表）；未抓取时为 NULL。",
        ),
        "content_type": ("内容类型", "Content type", "服务器返回的 Content-Type。"),
        "size": ("大小", "Size", "字节数。"),
        "status": ("状态码", "Status", "抓取时的 HTTP 状态码。"),
        "skipped": ("未抓取原因", "Skipped", "未抓取的原因（例如超过大小上限）。"),
        "first_seen_at": ("首次出现", "First seen", "首次被文章引用的时间（UTC）。"),
        "fetched_at": ("抓取时间", "Fetched", "抓取的时间（UTC）。"),
        "crawl_id": ("抓取", "Crawl", "抓取它的那次抓取。"),
    },
    "asset_blobs": {
        "sha256": ("SHA-256 值", "SHA-256", "内容的 SHA-256（内容地址）。"),
        "body": ("内容", "Bytes", "原始字节，不论多少网址提供都只存一次。"),
        "size": ("大小", "Size", "字节数。"),
    },
    "article_assets": {
        "article_url": ("文章", "Article", "使用该图片或附件的文章。"),
        "asset_url": ("图片或附件", "Asset", "图片或附件的网址。"),
    },
    "frontier": {
        "crawl_id": ("抓取", "Crawl", "请求所属的抓取。"),
        "url": ("网址", "URL", "待抓取的网址。"),
        "role": ("角色", "Role", "home、nav、listing、article 或 asset。"),
        "meta": ("附加信息", "Meta", "JSON：栏目、页码、来源页、条件请求头。"),
        "priority": ("优先级", "Priority", "调度优先级。"),
        "state": (
            "状态",
            "State",
            "pending（待抓取）、done（已完成）或 held（增量抓取暂缓、因上一篇/下一篇链已覆盖"
            "所有新文章而未抓取的列表页）。",
        ),
        "discovered_at": ("发现时间", "Discovered", "发现的时间（UTC）。"),
        "done_at": ("完成时间", "Done", "抓取的时间（UTC）。"),
    },
    "warc_files": {
        "filename": ("文件名", "File name", "archive/ 下的 WARC 文件（每次抓取一个或多个）。"),
        "crawl_id": ("抓取", "Crawl", "写出它的抓取。"),
        "created_at": ("创建时间", "Created", "创建的时间（UTC）。"),
        "committed_end": ("已提交长度", "Committed end", "数据库已提交记录所引用的文件字节数。"),
    },
    "snapshots": {
        "id": ("编号", "Id", "快照编号。"),
        "url": ("网址", "URL", "提供这些字节的网址（重定向之后）。"),
        "crawl_id": ("抓取", "Crawl", "首次抓到这些字节的抓取。"),
        "fetched_at": ("抓取时间", "Fetched", "首次抓到这些字节的时间（UTC）。"),
        "status": ("状态码", "Status", "HTTP 状态码。"),
        "headers": ("响应头", "Headers", "JSON 对象：响应头名称 → 值的列表。"),
        "encoding": ("编码", "Encoding", "解码网页所用的字符集（声明的或检测的）。"),
        "body": (
            "内容",
            "Body",
            "收到的原始字节（已解除内容编码），较短时以 zlib 压缩存储：用 "
            "sqlar_uncompress(body, size) 读取。",
        ),
        "sha256": ("SHA-256 值", "SHA-256", "收到的字节的 SHA-256。"),
        "size": ("大小", "Size", "收到的字节数（压缩之前）。"),
        "last_crawl_id": ("最近一次抓取", "Last crawl", "最近一次从这个网址抓到同样字节的抓取。"),
        "last_fetched_at": ("最近抓取时间", "Last fetched", "最近一次抓到同样字节的时间（UTC）。"),
        "warc_filename": ("WARC 文件", "WARC file", "保存这些字节响应记录的 WARC 文件。"),
        "warc_record_id": ("WARC 记录编号", "WARC record id", "该记录的 WARC-Record-ID。"),
        "warc_offset": ("WARC 偏移", "WARC offset", "记录（一个 gzip 成员）在文件中的偏移。"),
        "warc_length": ("WARC 长度", "WARC length", "记录在文件中的长度。"),
        "warc_payload_digest": (
            "WARC 内容摘要",
            "WARC payload digest",
            "记录的 WARC-Payload-Digest（按传输时的内容）。",
        ),
        "warc_date": ("WARC 日期", "WARC date", "记录的 WARC-Date。"),
    },
    "sections": {
        "name": ("名称", "Name", "导航栏上显示的栏目名称。"),
        "url": ("网址", "URL", "导航栏链接的网址。"),
        "kind": (
            "类型",
            "Kind",
            "listing（列表）、page（单页）、guestbook（留言）或 article（文章）。",
        ),
        "position": ("位置", "Position", "在导航栏中的顺序。"),
        "known": ("已知栏目", "Known", "为 1 时是天水关工网已知的栏目。"),
        "first_seen_at": ("首次出现", "First seen", "首次看到的抓取时间（UTC）。"),
        "last_seen_at": ("最近出现", "Last seen", "最近看到的抓取时间（UTC）。"),
        "last_crawl_id": ("最近一次抓取", "Last crawl", "最近看到它的抓取。"),
    },
    "listings": {
        "section": ("栏目", "Section", "列表中显示这篇文章的栏目。"),
        "article_url": ("文章", "Article", "列表链接的文章网址。"),
        "listing_url": ("列表页", "Listing page", "发现链接的列表页。"),
        "page": ("页码", "Page", "列表页码（已知时）。"),
        "position": ("位置", "Position", "在该页中的位置（0 为最上面）。"),
        "last_crawl_id": ("最近一次抓取", "Last crawl", "最近看到这一条的抓取。"),
    },
    "redirects": {
        "from_url": ("原网址", "From", "发出重定向的网址。"),
        "to_url": ("目标网址", "To", "重定向到的网址。"),
        "status": ("状态码", "Status", "重定向状态码（301、302 等）。"),
        "last_crawl_id": ("最近一次抓取", "Last crawl", "最近看到这个重定向的抓取。"),
        "seen_at": ("时间", "Seen", "看到的时间（UTC）。"),
    },
    "failures": {
        "id": ("编号", "Id", "失败记录编号。"),
        "url": ("网址", "URL", "无法存档的网址。"),
        "kind": (
            "类别",
            "Kind",
            "失败的类别：http（错误状态码）、network（网络错误）、refused（拒绝抓取）、"
            "off-origin（站外）、redirect-loop、too-many-redirects、bad-redirect（重定向问题）、"
            "too-large（超过大小上限）。",
        ),
        "status": ("状态码", "Status", "HTTP 状态码；网络错误和拒绝抓取时为 NULL。"),
        "error": ("错误", "Error", "出了什么问题。"),
        "referer": ("来源页", "Referer", "链接到这个网址的页面。"),
        "crawl_id": ("抓取", "Crawl", "失败所在的抓取。"),
        "failed_at": ("时间", "Failed", "失败的时间（UTC）。"),
    },
    "crawls": {
        "id": ("编号", "Id", "抓取编号。"),
        "started_at": ("开始时间", "Started", "开始时间（UTC）。"),
        "finished_at": ("结束时间", "Finished", "结束时间（UTC）；运行中或崩溃后为 NULL。"),
        "start_url": ("起始网址", "Start URL", "抓取的起始网址。"),
        "outcome": ("结果", "Outcome", "running（运行中）、finished（完成）或 Scrapy 的结束原因。"),
        "settings": ("设置", "Settings", "JSON：与默认值不同的 Scrapy 设置。"),
        "stats": ("统计", "Stats", "JSON：Scrapy 的抓取统计。"),
        "ggcrawl_version": ("ggcrawl 版本", "ggcrawl version", "执行抓取的 ggcrawl 版本。"),
        "mode": ("方式", "Mode", "full（全部列表和链）或 incremental（只抓新内容）。"),
        "resumes": ("续抓次数", "Resumes", "中断后继续抓取的次数。"),
        "articles_new": ("新文章", "New", "首次存档的文章数（抓取结束时记录）。"),
        "articles_changed": ("改动文章", "Changed", "内容有改动（新增版本）的文章数。"),
        "articles_unchanged": ("未改动文章", "Unchanged", "再次抓取且内容相同的文章数。"),
        "articles_gone": ("删除文章", "Gone", "发现已删除（404/410）的文章数。"),
        "site": ("网站地址", "Site", "起始网址重定向后的网站地址，本次抓取从这里取页面。"),
    },
    "crawl_fields": {
        "crawl_id": ("抓取", "Crawl", "抓取编号。"),
        "field": (
            "字段",
            "Field",
            "title、published_at、source、section、body_text、prev_next（上一篇或下一篇）或 "
            "parse_warnings（带提取警告的文章）。",
        ),
        "articles": ("文章数", "Articles", "本次抓取提取的文章数。"),
        "found": ("找到", "Found", "其中找到该字段的文章数（parse_warnings：带警告的文章数）。"),
    },
    "articles_fts": {
        "title": ("标题", "Title", "标题的二字切分（只索引，不存储）。"),
        "body": ("正文", "Body", "正文的二字切分（只索引，不存储）。"),
    },
}
COLUMNS_ZH["article_history"] = COLUMNS_ZH["article_versions"] | {
    "body_text": ("正文", "Body text", "这个版本的正文文字。"),
    "body_html": ("正文 HTML", "Body HTML", "这个版本的正文 HTML。"),
}

# Tables that would only clutter the list of tables; still queryable.
HIDDEN = {"frontier"}

TABLE_OPTIONS: dict[str, dict[str, Any]] = {
    "articles": {
        "facets": ["section", "published_year", "source"],
        "sort_desc": "published_at",
        "label_column": "title",
    },
    "article_versions": {"facets": ["crawl_id"]},
    "crawls": {"sort_desc": "id"},
    "crawl_fields": {"facets": ["field"], "sort_desc": "crawl_id"},
    "failures": {"facets": ["crawl_id", "kind", "status"], "sort_desc": "id"},
    "assets": {"facets": ["kind", "offsite"]},
    "snapshots": {"sort_desc": "id"},
}

QUERIES: dict[str, dict[str, Any]] = {
    "search": {
        "title": "搜索 / Search",
        "description": "标题和正文的全文搜索，按相关度排序；任意长度的中文词都能找到（关工、扶贫、"
        "关心下一代），多个词须同时出现，用英文双引号把短语括起来。命中超过 "
        f"{RANK_WINDOW:,} 篇时，只对最近存档的 {RANK_WINDOW:,} 篇排序；含短语（三个字以上的词）"
        "的搜索则按存档时间从新到旧列出、不排序；文章表的搜索框列出全部命中。"
        " / Full-text search of titles and bodies, best match first: Chinese words of any "
        'length are found; several words must all occur; "double quotes" keep a phrase '
        f"together. With more than {RANK_WINDOW:,} hits, the {RANK_WINDOW:,} most recently "
        "archived are ranked, or, when the query holds a phrase (a word of three or more "
        "characters), listed most recently archived first without a relevance; the articles "
        "table's search box lists every hit.",
        "sql": SEARCH_SQL,
        "params": ["q"],
    },
    "articles_by_section_year": {
        "title": "某栏目某年的文章 / Articles of a section in a year",
        "description": "section：栏目名称（如 关工要闻）；year：四位年份（如 2019）。 / "
        "section: the column's name (e.g. 关工要闻); year: four digits (e.g. 2019).",
        "sql": "SELECT a.published_at, a.title, a.source, a.url, a.version, a.gone_at\n"
        "FROM articles a\n"
        "WHERE a.section = :section AND a.published_year = :year\n"
        "ORDER BY a.published_at",
        "params": ["section", "year"],
    },
    "latest_crawls": {
        "title": "最近的抓取 / Latest crawls",
        "description": "最近 20 次抓取：时间、方式、结果、文章新增/改动/未改动/删除、失败数、"
        "请求数。 / The last 20 crawls: times, mode, outcome, articles new/changed/unchanged/"
        "gone, failures, requests.",
        "sql": "SELECT c.id, c.started_at, c.finished_at, c.mode, c.outcome,\n"
        "  c.articles_new, c.articles_changed, c.articles_unchanged, c.articles_gone,\n"
        "  (SELECT COUNT(*) FROM failures f WHERE f.crawl_id = c.id) AS failures,\n"
        "  json_extract(c.stats, '$.\"downloader/request_count\"') AS requests,\n"
        "  c.start_url\n"
        "FROM crawls c\n"
        "ORDER BY c.id DESC\n"
        "LIMIT 20",
    },
    "crawl_failures": {
        "title": "某次抓取的失败 / Failures of a crawl",
        "description": "crawl_id：抓取编号（见“最近的抓取”）。 / crawl_id: the crawl's id "
        "(see Latest crawls).",
        "sql": "SELECT f.url, f.kind, f.status, f.error, f.referer, f.failed_at\n"
        "FROM failures f\n"
        "WHERE f.crawl_id = CAST(:crawl_id AS INTEGER)\n"
        "ORDER BY f.id",
        "params": ["crawl_id"],
    },
    "changed_between_crawls": {
        "title": "两次抓取之间新增或改动的文章 / Articles new or changed between two crawls",
        "description": "在 from_crawl 之后、到 to_crawl 为止（含）首次出现新版本的文章：版本 1 "
        "为新文章，其后为改动。 / Articles with a version first seen after crawl from_crawl "
        "and up to crawl to_crawl (inclusive): version 1 means new, later ones changed.",
        "sql": "SELECT a.title, a.section, a.published_at, a.url,\n"
        "  CASE WHEN MIN(v.version) = 1 THEN 'new' ELSE 'changed' END AS change,\n"
        "  group_concat(v.version, ', ') AS versions,\n"
        "  group_concat(v.crawl_id, ', ') AS in_crawls\n"
        "FROM article_versions v JOIN articles a ON a.url = v.article_url\n"
        "WHERE v.crawl_id > CAST(:from_crawl AS INTEGER)\n"
        "  AND v.crawl_id <= CAST(:to_crawl AS INTEGER)\n"
        "GROUP BY v.article_url\n"
        "ORDER BY change DESC, a.published_at",
        "params": ["from_crawl", "to_crawl"],
    },
    "assets_of_article": {
        "title": "文章的图片与附件 / Images and attachments of an article",
        "description": "url：文章的网址（文章表的 url 列）。 / url: the article's URL (the url "
        "column of articles).",
        "sql": "SELECT s.url, s.kind, s.offsite, s.content_type, s.size, s.status, s.skipped,\n"
        "  s.sha256, s.fetched_at\n"
        "FROM article_assets aa JOIN assets s ON s.url = aa.asset_url\n"
        "WHERE aa.article_url = :url\n"
        "ORDER BY s.kind, s.url",
        "params": ["url"],
    },
}


def column_descriptions(table: str) -> dict[str, str]:
    """``标题 / Title — 页面上显示的标题。 / Title as displayed.`` for every documented column
    (a KeyError if one has no Chinese)."""
    english = FTS_COLUMNS if table == "articles_fts" else COLUMNS[table]
    descriptions = {}
    for column, en_description in english.items():
        zh_title, en_title, zh_description = COLUMNS_ZH[table][column]
        descriptions[column] = f"{zh_title} / {en_title} — {zh_description} / {en_description}"
    return descriptions


def table_metadata(table: str) -> dict[str, Any]:
    zh_title, en_title, zh_description, en_description = TABLES[table]
    metadata: dict[str, Any] = {
        "title": f"{zh_title} / {en_title}",
        "description": f"{zh_description} / {en_description}",
        "columns": column_descriptions(table),
        **TABLE_OPTIONS.get(table, {}),
    }
    if table in HIDDEN:
        metadata["hidden"] = True
    return metadata


@functools.cache
def _database_metadata() -> dict[str, Any]:
    return {
        "tables": {table: table_metadata(table) for table in TABLES},
        "queries": QUERIES,
    }


def database_metadata() -> dict[str, Any]:
    """Metadata for one archive database. Datasette asks for it dozens of times a page and
    updates what it gets: each table's entry (inherited source and licence) and the canned
    queries (their names), never the column descriptions; so those are copied, the rest is
    shared."""
    cached = _database_metadata()
    return {
        "tables": {table: dict(entry) for table, entry in cached["tables"].items()},
        "queries": copy.deepcopy(cached["queries"]),
    }
