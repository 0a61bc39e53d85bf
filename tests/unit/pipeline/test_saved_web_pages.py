"""Pages saved from a wiki or a site, as teachers save them: MediaWiki's markup (the
shape Wikipedia writes, with text written for the test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.model import Block
from jobs.pipeline.readers import read


def _blocks(tmp_path: Path, body: str) -> list[Block]:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>T</title></head><body>{body}</body></html>", "utf-8")
    return list(read(path, detect(path, filename=path.name)).blocks())


def _inline_math(tex: str, mathml: str) -> str:
    # MediaWiki: hidden MathML carrying the TeX, then a fallback image with the TeX as alt
    return (
        '<span class="mwe-math-element"><span class="mwe-math-mathml-inline"'
        f' style="display: none;"><math alttext="{{\\displaystyle {tex}}}"><semantics>'
        f'{mathml}<annotation encoding="application/x-tex">{{\\displaystyle {tex}}}'
        "</annotation></semantics></math></span>"
        f'<img class="mwe-math-fallback-image-inline" alt="{{\\displaystyle {tex}}}"></span>'
    )


def test_wiki_maths_is_read_once_as_tex(tmp_path: Path) -> None:
    inline = _inline_math("A^{H}", "<msup><mi>A</mi><mi>H</mi></msup>")
    display = (
        '<dl><dd><span class="mwe-math-element"><span class="mwe-math-mathml-display">'
        '<math display="block"><semantics><mrow><mi>A</mi><mo>=</mo><mi>B</mi></mrow>'
        '<annotation encoding="application/x-tex">{\\displaystyle A=B}</annotation>'
        "</semantics></math></span></span></dd></dl>"
    )
    body = f"<p>The conjugate transpose {inline} of a matrix is taken entrywise.</p>{display}"
    blocks = _blocks(tmp_path, body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "The conjugate transpose $A^{H}$ of a matrix is taken entrywise."),
        ("formula", "$$A=B$$"),
    ]


def test_wiki_furniture_and_citation_marks_are_no_text(tmp_path: Path) -> None:
    body = (
        '<h1>Matrix</h1><div id="siteSub" class="noprint">From a wiki</div>'
        '<a class="mw-jump-link" href="#p">Jump to navigation</a>'
        '<h2><span class="mw-headline">Properties</span><span class="mw-editsection">'
        '<span class="mw-editsection-bracket">[</span><a href="#e">edit</a>'
        '<span class="mw-editsection-bracket">]</span></span></h2>'
        '<div id="toc" class="toc"><ul><li><span class="tocnumber">1</span>'
        '<span class="toctext">Properties</span></li></ul></div>'
        '<p>A matrix is a rectangular array of numbers.<sup class="reference">'
        '<a href="#c1">[1]</a></sup> It has rows<sup class="noprint Inline-Template">'
        "[<i>citation needed</i>]</sup> and columns.<sup>[a]</sup> Its size is m<sup>2</sup>.</p>"
        '<div id="mw-navigation"><h2>Navigation menu</h2></div>'
    )
    blocks = _blocks(tmp_path, body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Matrix"),
        ("heading", "Properties"),
        (
            "paragraph",
            "A matrix is a rectangular array of numbers. It has rows and columns. Its size is m2.",
        ),
    ]
    assert all("citation needed" not in b.emphasis for b in blocks)


def test_a_dialog_the_page_opens_over_itself_is_no_text(tmp_path: Path) -> None:
    # a wiki's hidden box about the shown revision, a site's sign-in box, a cookie prompt:
    # none of them is what the page teaches, and their headings are no sections of it
    body = (
        '<h1>Heredity</h1><div class="wiki-revision-box-dialog" style="display:none">'
        '<div class="cdx-dialog"><h2 class="cdx-dialog__header__title">Revision state</h2>'
        "<p>This revision was checked last week.</p></div></div>"
        '<div role="dialog"><h2>Sign in</h2><p>Give your name to go on.</p></div>'
        "<dialog><p>This site keeps crumbs of your visit.</p></dialog>"
        "<h2>Traits</h2><p>A trait passes from parents to their young.</p>"
        '<div class="dialogue"><p>Two breeders talk about their peas.</p></div>'
    )
    blocks = _blocks(tmp_path, body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Heredity"),
        ("heading", "Traits"),
        ("paragraph", "A trait passes from parents to their young."),
        ("paragraph", "Two breeders talk about their peas."),  # a dialogue is text
    ]


def test_an_encyclopedia_articles_framing_sections_name_no_concepts(tmp_path: Path) -> None:
    # every article of a wiki encyclopedia may open on where its name comes from and its
    # past, and close on its place in society: the sections of any subject, none its topic
    assert apparatus("Etymology") and apparatus("History") and apparatus("Society and culture")
    assert not apparatus("History of the atom") and not apparatus("Culture medium")
    sections = {
        "Etymology": "The word comes from a Greek word for birth, and an English writer first "
        "used it for the study of breeding.",
        "History": "Breeders long knew that offspring resemble their parents. A monk crossed "
        "peas and counted the offspring, and found that a dominant trait hides a recessive "
        "trait in the first generation.",
        "Dominance": "A dominant trait shows whenever one parent passes it on. A recessive "
        "trait shows only when both parents pass it on.",
        "Society and culture": "Breeding has long been part of farming, and the dominant trait "
        "and the recessive trait are taught in schools.",
    }
    body = "<h1>Heredity</h1><p>Heredity is the passing of traits to offspring.</p>" + "".join(
        f"<h2>{heading}</h2><p>{text}</p>" for heading, text in sections.items()
    )
    path = tmp_path / "heredity.html"
    path.write_text(f"<html><head><title>Heredity</title></head><body>{body}</body></html>")
    titles = {c.title.casefold() for c in analyse_file(path).knowledge.concepts}
    assert {"heredity", "dominant trait", "recessive trait"} <= titles
    assert not titles & {"etymology", "history", "society", "culture", "society and culture"}


def test_a_page_that_marks_its_main_content_is_read_there(tmp_path: Path) -> None:
    # a news or course site's page: its article in <article> (or <main>), the site's
    # recommendations, comments and links around it; the title may stand above it
    article = (
        "<article><p>Photosynthesis turns light into chemical energy.</p>"
        "<h2>Light reactions</h2><p>They take place in the thylakoid membranes.</p></article>"
    )
    body = (
        "<div class='masthead'><a href='/'>Back to the home page</a></div>"
        f"<h1>How plants eat light</h1>{article}"
        "<div class='related'><h3>Related coverage</h3><p>Ten foods for a better breakfast."
        "</p></div><div id='comments'><h3>Hot comments</h3><p>Great read!</p></div>"
    )
    blocks = _blocks(tmp_path, body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "How plants eat light"),
        ("paragraph", "Photosynthesis turns light into chemical energy."),
        ("heading", "Light reactions"),
        ("paragraph", "They take place in the thylakoid membranes."),
    ]
    # two articles (a blog's index) mark no one main content: the whole page is read
    two = f"<h1>Blog</h1>{article}{article}<p>Older posts</p>"
    assert [b.text for b in _blocks(tmp_path, two)][-1] == "Older posts"


def test_main_wins_over_the_articles_inside_it(tmp_path: Path) -> None:
    body = (
        "<header><p>Site</p></header><div role='main'><h1>Cells</h1>"
        "<article><p>A cell is the unit of life.</p></article>"
        "<article><p>A tissue is a group of cells.</p></article></div>"
        "<div class='sidebar'><p>Most read this week</p></div>"
    )
    assert [b.text for b in _blocks(tmp_path, body)] == [
        "Cells",
        "A cell is the unit of life.",
        "A tissue is a group of cells.",
    ]


def test_an_italic_index_is_no_emphasis(tmp_path: Path) -> None:
    # a wiki writes a matrix's entries H<sub><i>ij</i></sub>: the index is no term
    body = (
        "<p>Thus H<sub><i>ij</i></sub> = H<sub><i>ji</i></sub> holds for a "
        "<i>symmetric matrix</i>, and e<sup><i>x</i></sup> grows.</p>"
    )
    blocks = _blocks(tmp_path, body)
    assert [list(b.emphasis) for b in blocks] == [["symmetric matrix"]]
    # and so when the text runs straight inside a <div>
    blocks = _blocks(tmp_path, f"<div>{body[3:-4]}</div>")
    assert [list(b.emphasis) for b in blocks] == [["symmetric matrix"]]


def test_a_page_marking_no_content_is_read_in_its_texts_container(tmp_path: Path) -> None:
    # a Chinese news page without <main> or <article>: a channel menu, a breadcrumb, the
    # headline, a share bar, the story, a comment count, "相关阅读" and a footer, all <div>s
    links = "".join(f'<li><a href="/c{n}">频道{n}</a></li>' for n in range(8))
    story = "".join(
        f"<p>神经网络可以模拟人类思想活动的方式，这种技术很适合与机器学习配套使用{n}。</p>"
        for n in range(6)
    )
    body = (
        f'<div class="top"><ul>{links}</ul></div>'
        '<div class="crumb"><a href="/">科技</a> &gt; <a href="/n">要闻</a> &gt; 正文</div>'
        '<div class="hd"><h1>新电脑已可利用记忆自学</h1><span>2016年10月14日</span></div>'
        '<div class="share"><ul><li><a href="#">微博</a></li><li><a href="#">QQ空间</a></li>'
        '<li><a href="#">微信好友</a></li></ul></div>'
        f'<div class="bd"><h2>可微神经计算机</h2>{story}'
        "<ul><li>可微神经计算机能回答复杂的问题，并规划最佳路线。</li>"
        "<li>它建立在神经网络的概念之上，能用记忆学习新知识。</li></ul></div>"
        '<div class="cmt"><a href="#c">我要评论(0)</a></div>'
        f'<div class="more"><h3>相关阅读</h3><ul>{links}</ul></div>'
        '<div class="ft"><p>Copyright © 1998 - 2016 版权所有</p></div>'
    )
    blocks = _blocks(tmp_path, body)
    assert [(b.kind, b.text) for b in blocks if b.kind != "paragraph"] == [
        ("heading", "新电脑已可利用记忆自学"),
        ("heading", "可微神经计算机"),
        ("list_item", "可微神经计算机能回答复杂的问题，并规划最佳路线。"),
        ("list_item", "它建立在神经网络的概念之上，能用记忆学习新知识。"),
    ]
    texts = [b.text for b in blocks if b.kind == "paragraph"]
    assert len(texts) == 6 and all(t.startswith("神经网络") for t in texts)


def test_a_list_of_links_in_the_texts_container_is_no_text(tmp_path: Path) -> None:
    story = "".join(
        f"<p>Photosynthesis turns light into chemical energy, step {n}.</p>" for n in range(5)
    )
    related = "".join(f'<li><a href="/a{n}">Related story {n}</a></li>' for n in range(4))
    body = f'<div><div class="story"><h2>Photosynthesis</h2>{story}<ul>{related}</ul></div></div>'
    texts = [b.text for b in _blocks(tmp_path, body)]
    assert texts[0] == "Photosynthesis" and len(texts) == 6


def test_a_documents_short_sections_beside_its_long_one_stay(tmp_path: Path) -> None:
    """The container of most of the text is read alone only when what it leaves out is
    the site's links: a chapter saved as a page, its long section beside a short
    introduction and summary (prose, no links), keeps all three."""
    long = "".join(
        f"<p>Photosynthesis turns light into chemical energy in the chloroplast, step {n}.</p>"
        for n in range(30)
    )
    body = (
        "<div><h2>Introduction</h2><p>Plants make their own food from light.</p></div>"
        f"<div><h2>Photosynthesis</h2>{long}</div>"
        "<div><h2>Summary</h2><p>Chlorophyll absorbs the light that photosynthesis uses.</p></div>"
    )
    headings = [b.text for b in _blocks(tmp_path, body) if b.kind == "heading"]
    assert headings == ["Introduction", "Photosynthesis", "Summary"]


def test_a_pages_comments_are_no_text(tmp_path: Path) -> None:
    """A saved blog post's comments (WordPress's "comments-area", a "commentsDiv", Disqus's
    thread) held three times the post's text; a container also named for the content or
    the article stays, and so does a section of commentary."""
    body = (
        "<main><h1>Photosynthesis</h1><p>Photosynthesis turns light into chemical energy.</p>"
        '<div class="commentary"><p>The Calvin cycle fixes carbon.</p></div>'
        '<div class="article-comment-body"><p>Chlorophyll absorbs red and blue light.</p></div>'
        '<div id="comments" class="comments-area"><h3>2 comments on “Photosynthesis”</h3>'
        '<ol class="comment-list"><li><p>Great post, thanks!</p></li></ol></div>'
        '<div id="commentsDiv"><p>Log in to reply.</p></div>'
        '<div id="disqus_thread"><p>Powered by a comment service.</p></div></main>'
    )
    assert [b.text for b in _blocks(tmp_path, body)] == [
        "Photosynthesis",
        "Photosynthesis turns light into chemical energy.",
        "The Calvin cycle fixes carbon.",
        "Chlorophyll absorbs red and blue light.",
    ]


def test_a_posts_licence_notice_and_tip_jar_are_no_text(tmp_path: Path) -> None:
    """A blog theme opens each post on its meta line (date, views) and ends it on its
    licence notice (author, permalink, licence) and a button asking for a tip; a class
    naming the post's body stays."""
    body = (
        '<main><h1>食物链</h1><div class="post-meta"><span>发表于 2021-05-02</span>'
        "<span>阅读次数：321</span></div>"
        '<div class="post-body"><p>食物链是生物之间吃与被吃的关系。</p>'
        '<div class="post-reward"><p>觉得有用就请作者喝杯茶</p><p>扫码支持</p></div></div>'
        '<ul class="post-copyright"><li>作者：某某</li><li>链接：https://example.org/food</li>'
        "<li>声明：转载请注明出处</li></ul>"
        '<div class="copyright-notice"><p>本文为原创，遵循署名协议</p></div>'
        '<div class="donate"><p>请我喝咖啡</p></div>'
        # a section made from a heading keeps its id: a page about rewards or copyright
        '<section id="reward-signal"><h2>奖励信号</h2>'
        "<p>奖励信号评价一次行动。</p></section></main>"
    )
    assert [b.text for b in _blocks(tmp_path, body)] == [
        "食物链",
        "食物链是生物之间吃与被吃的关系。",
        "奖励信号",
        "奖励信号评价一次行动。",
    ]


def test_an_articles_author_box_is_no_text(tmp_path: Path) -> None:
    """A writing platform sets its author's box (pen name, date, a follow button) inside
    the article, under its headline; a theme's byline is the same box."""
    body = (
        '<article><h1>光的折射</h1><div class="author-info-block"><a>小林老师</a>'
        "<span>2022-09-01</span><span>阅读 980</span></div>"
        '<div class="byline">文 / 小林老师</div>'
        '<div class="markdown-body"><p>折射是光从一种介质斜射入另一种介质时方向改变的现象。</p>'
        "</div></article>"
    )
    assert [b.text for b in _blocks(tmp_path, body)] == [
        "光的折射",
        "折射是光从一种介质斜射入另一种介质时方向改变的现象。",
    ]


def test_a_highlighters_numbered_code_is_code_not_a_table(tmp_path: Path) -> None:
    # Hexo numbers the lines in a cell beside the code and ends each line on <br>; Hugo
    # puts each number in a span.lnt; a table of data stays a table
    hexo = (
        '<figure class="highlight js"><table><tr><td class="gutter"><pre>'
        '<span class="line">1</span><br><span class="line">2</span><br></pre></td>'
        '<td class="code"><pre><span class="line">let total = 0;</span><br>'
        '<span class="line">total += price;</span><br></pre></td></tr></table></figure>'
    )
    hugo = (
        '<table class="lntable"><tr><td class="lntd"><pre><code><span class="lnt">1\n</span>'
        '</code></pre></td><td class="lntd"><pre><code>print("hi")\n</code></pre></td></tr></table>'
    )
    data = "<table><tr><th>价格</th><th>销量</th></tr><tr><td>10</td><td>200</td></tr></table>"
    blocks = _blocks(tmp_path, f"<main><h1>代码</h1>{hexo}{hugo}{data}</main>")
    assert [(b.kind, b.text) for b in blocks[1:]] == [
        ("code", "let total = 0;\ntotal += price;"),
        ("code", 'print("hi")'),
        ("table", "价格 | 销量\n10 | 200"),
    ]


def test_a_footnote_mark_is_not_glued_to_the_word_before_it(tmp_path: Path) -> None:
    # a bookdown page linked each footnote by its number in a <sup>; read as text, the
    # number joined the word it followed ("model31")
    body = (
        '<p>Rivers carry <em>suspended load</em><a class="footnote-ref" tabindex="0">'
        "<sup>12</sup></a> to the sea, and a Quarto page's"
        '<a href="#fn3" class="footnote-ref" id="fnref3" role="doc-noteref"><sup>3</sup></a>'
        " mark goes too, while water<sup>2</sup> keeps its power.</p>"
    )
    texts = [b.text for b in _blocks(tmp_path, body)]
    assert texts == [
        "Rivers carry suspended load to the sea, and a Quarto page's mark goes too,"
        " while water2 keeps its power."
    ]


def test_mathjax_delimiters_are_maths_not_words(tmp_path: Path) -> None:
    # a site serves its maths as MathJax source, "\(\mathbf{x}\)": its command names were
    # read as words, and "mathbf" was a concept
    from jobs.pipeline.textutil import PLACEHOLDER, prose

    said = prose(r"The vector \(\mathbf{v}_1\) grows, as \[\mathrm{d}v = k\,v\] shows.")
    assert "mathbf" not in said and "mathrm" not in said
    assert said.count(PLACEHOLDER) == 2


def test_mathjax_display_maths_stands_between_two_sentences() -> None:
    # "… seeds). \[ … \] We find …": the sentence after a display formula was read with
    # the one before it, and its bold word took that sentence as its definition
    from jobs.pipeline.textutil import sentences

    text = r"Rates are scaled to the first stage. \[ \frac{v_1}{v_2} \] We take the transpose."
    assert list(sentences(text)) == [
        "Rates are scaled to the first stage.",
        r"\[ \frac{v_1}{v_2} \]",
        "We take the transpose.",
    ]


def test_a_name_mentioned_after_the_word_term_is_the_concept(tmp_path: Path) -> None:
    # a built site keeps the italics apart from the text: "the term <em>green belt</em>"
    # read as the plain run "term green belt", and the name, met only inside that run,
    # lost to it
    body = (
        "<h1>Growth</h1><p>Planners often use the term <em>green belt</em> for a ring of"
        " open land kept around a city. Critics of the phrase <em>green belt</em> say the"
        " land raises housing prices.</p><p>A green belt limits how far a city grows, and"
        " the housing prices inside it rise.</p>"
    )
    path = tmp_path / "growth.html"
    path.write_text(f"<html><head><title>Growth</title></head><body>{body}</body></html>")
    titles = {c.title.casefold() for c in analyse_file(path).knowledge.concepts}
    assert "green belt" in titles
    assert not {"term green belt", "phrase green belt"} & titles


def _confluence_export(space: str, page: str, body: str) -> str:
    """The frame Confluence's "Export to HTML" puts around a page's body."""
    return (
        f"<html><head><title>{space} : {page}</title></head><body><div id='page'>"
        "<div id='main' class='aui-page-panel'><div id='main-header'>"
        "<div id='breadcrumb-section'><ol id='breadcrumbs'>"
        f"<li class='first'><span><a href='index.html'>{space}</a></span></li>"
        "<li><span><a href='Home_1.html'>Home</a></span></li></ol></div>"
        f"<h1 id='title-heading' class='pagetitle'><span id='title-text'> {space} : {page}"
        "</span></h1></div><div id='content' class='view'><div class='page-metadata'>"
        "Created by <span class='author'>A. Writer</span>, last modified on Mar 3, 2021</div>"
        f"<div id='main-content' class='wiki-content group'>{body}</div>"
        "<div class='pageSection group'><div class='pageSectionHeader'>"
        "<h2 id='attachments' class='pageSectionTitle'>Attachments:</h2></div>"
        "<div class='greybox'><a href='attachments/1/2.png'>diagram.png</a> (image/png)"
        "</div></div></div></div></div></body></html>"
    )


def test_a_confluence_export_is_read_without_its_frame(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = (
        "<h2>Tidal range</h2><p>The tidal range is the height between high and low water.</p>"
        "<table class='confluenceTable'><tr><th class='confluenceTh'>Tide</th></tr>"
        "<tr><td class='confluenceTd'>Spring</td></tr></table>"
    )
    path.write_text(_confluence_export("Coastal Field Course", "Tides", body), "utf-8")
    document = read(path, detect(path, filename=path.name))
    texts = [block.text for block in document.blocks()]
    # the page's own name, not the space's before it
    assert document.title == "Tides"
    assert texts[0] == "Tides"
    # no "Created by …" line, no list of attached files
    assert not any("Created by" in t or "Attachments" in t or "diagram.png" in t for t in texts)
    assert "The tidal range is the height between high and low water." in texts


def test_a_page_titled_with_a_colon_outside_confluence_keeps_its_title(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    # the same colon, but no breadcrumb naming a space: the title is the page's own
    page = _confluence_export("Coastal Field Course", "Tides", "<p>Text of the page.</p>")
    start, end = page.index("<div id='breadcrumb-section'>"), page.index("</ol></div>") + 11
    path.write_text(page[:start] + page[end:], "utf-8")
    document = read(path, detect(path, filename=path.name))
    headings = [b.text for b in document.blocks() if b.kind == "heading"]
    assert headings[0] == "Coastal Field Course : Tides"


def test_a_lesson_pages_reading_and_video_sections_name_no_concepts(tmp_path: Path) -> None:
    # an online course's lesson: links to read, a talk to watch, then the lesson's own text
    assert apparatus("Reading") and apparatus("Videos") and apparatus("Acknowledgment")
    assert not apparatus("Video compression") and not apparatus("Reading frames")
    page = (
        "<h1>Sand dunes</h1><h2>Reading</h2><p>An article on dunes from a survey agency.</p>"
        "<h2>Video</h2><p>A short film of a dune field in the wind.</p><h2>Dune shapes</h2>"
        "<p>A <b>barchan</b> is a crescent-shaped dune whose horns point downwind.</p>"
    )
    path = tmp_path / "lesson.html"
    path.write_text(f"<html><body>{page}</body></html>", "utf-8")
    keys = {c.key for c in analyse_file(path, language="en").knowledge.concepts}
    assert "barchan" in keys
    assert not keys & {"reading", "video"}


def test_a_bold_term_heading_a_list_item_with_a_sub_list_stays_stressed(tmp_path: Path) -> None:
    # the item's term in bold, then its details as a sub-list: the bold is the item's term
    body = (
        "<h1>Weathering</h1><ul><li><strong>Frost wedging</strong> -- water freezing in "
        "cracks<ul><li>It widens joints in the rock.</li></ul></li>"
        "<li>Plain item<ul><li>No stress here.</li></ul></li></ul>"
    )
    blocks = _blocks(tmp_path, body)
    item = next(b for b in blocks if b.text.startswith("Frost wedging"))
    assert item.emphasis == ("Frost wedging",)
    plain = next(b for b in blocks if b.text.startswith("Plain item"))
    assert plain.emphasis == ()


def test_mathjax_spans_read_as_markdown_maths(tmp_path: Path) -> None:
    # pandoc's --mathjax and a blog's Markdown renderer leave the TeX between \( \) and
    # \[ \] in elements of class "math": read as the text, the delimiters stayed
    blocks = _blocks(
        tmp_path,
        '<p>动量守恒：<span class="math inline">\\(p_1 + p_2 = p\\)</span>，系统不受外力。</p>'
        '<div class="math display">\\[E = mc^2\\]</div>'
        '<p>其中 <span class="math display">\\[F = ma\\]</span> 是第二定律。</p>'
        '<p>普通的 <span class="math">不是公式</span> 文字。</p>',
    )
    texts = [(b.kind, b.text) for b in blocks]
    assert ("paragraph", "动量守恒：$p_1 + p_2 = p$，系统不受外力。") in texts
    assert ("formula", "E = mc^2") in texts
    assert ("paragraph", "其中 $$F = ma$$ 是第二定律。") in texts
    assert ("paragraph", "普通的 不是公式 文字。") in texts


def test_a_blog_posts_title_leaves_the_site_when_its_headline_says_so(tmp_path: Path) -> None:
    # the post's <h1> stands above its body, which opens on its first section; the
    # <title> adds the author and the site after it
    page = (
        "<html><head><title>热力学第二定律 学习笔记 - 某作者 - 博客园</title></head><body>"
        '<div id="header"><h1><a href="/">某作者</a></h1></div>'
        '<div class="post"><h1 class="postTitle"><a><span>热力学第二定律 学习笔记</span></a></h1>'
        '<div id="cnblogs_post_body"><h2>克劳修斯表述</h2><p>热量不能自发地从低温物体传到高温物体。'
        "这一表述说明了热传导过程的方向性。</p><h2>开尔文表述</h2><p>不可能从单一热源吸热使之完全"
        "变为有用功而不产生其他影响。</p></div></div></body></html>"
    )
    path = tmp_path / "post.html"
    path.write_text(page, encoding="utf-8")
    assert read(path, detect(path, filename=path.name)).title == "热力学第二定律 学习笔记"
    # no headline says the part before the dash: the <title> stays whole
    path.write_text(page.replace("热力学第二定律 学习笔记</span>", "别的标题</span>"), "utf-8")
    assert read(path, detect(path, filename=path.name)).title == (
        "热力学第二定律 学习笔记 - 某作者 - 博客园"
    )


def test_a_list_items_line_wrapped_in_a_div_is_the_item(tmp_path: Path) -> None:
    # a note app's list: each item's line in a <div> (Evernote writes every item so)
    blocks = _blocks(
        tmp_path,
        "<ul><li><div><b>信风</b>（trade wind）：从副热带高压吹向赤道低压的风。</div></li>"
        "<li><div>季风随季节而改变方向。</div></li>"
        "<li><div><p>第一段</p><p>第二段</p></div></li></ul>",
    )
    items = [(b.kind, b.text) for b in blocks if b.text]
    assert ("list_item", "信风（trade wind）：从副热带高压吹向赤道低压的风。") in items
    assert ("list_item", "季风随季节而改变方向。") in items
    # a <div> of paragraphs is still walked as the container it is, as before
    assert ("paragraph", "第一段") in items and ("paragraph", "第二段") in items
    path = tmp_path / "notes.html"
    path.write_text(
        "<html><body><h1>大气环流</h1><ul>"
        + "".join(
            f"<li><div><b>{name}</b>（{english}）：{gloss}</div></li>"
            for name, english, gloss in (
                ("信风", "trade wind", "从副热带高压吹向赤道低压的风。"),
                ("西风", "westerlies", "从副热带高压吹向副极地低压的风。"),
                ("极地东风", "polar easterlies", "从极地高压吹向副极地低压的风。"),
            )
        )
        + "</ul></body></html>",
        encoding="utf-8",
    )
    concepts = {c.title: c for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert all(concepts[name].description for name in ("信风", "西风", "极地东风"))


def test_a_chaoxing_chapter_page_is_read_as_its_chapters_text_only(tmp_path: Path) -> None:
    # a 超星学习通 chapter page saved whole: the course's 章节 catalogue (with its 已完成
    # marks), the tabs, the previous/next buttons and a pop-up stand around the chapter's
    # own text, which the platform sets in one `div.ans-cc`
    catalogue = "".join(
        f'<div class="posCatalog_select"><span class="posCatalog_sbar">{n}</span>'
        f'<span class="posCatalog_name">{name}</span><span>已完成</span></div>'
        for n, name in (("1", "细胞概述"), ("2", "细胞膜"), ("3", "细胞核"))
    )
    body = (
        f'<div class="course_left"><div class="posCatalog_title">章节</div>{catalogue}</div>'
        '<div class="course_right"><div class="prev_title">2 细胞膜</div>'
        '<ul class="prev_ul"><li>章节</li><li>讨论</li><li>笔记</li></ul>'
        '<div class="ans-attach-ct"><div class="ans-cc"><h2>2 细胞膜</h2>'
        "<p>细胞膜是包围细胞质的一层薄膜，主要由脂质和蛋白质组成。</p>"
        "<p>物质顺浓度梯度通过细胞膜、不消耗能量的运输方式称为被动运输。</p></div></div>"
        '<div class="prev_next"><a>上一节</a><a>下一节</a></div></div>'
        '<div class="ans-mask">您还有任务点未完成，确定离开吗？</div>'
    )
    texts = [b.text for b in _blocks(tmp_path, body)]
    assert texts[0] == "2 细胞膜" and texts[-1].endswith("称为被动运输。")
    assert not any(word in t for t in texts for word in ("已完成", "讨论", "下一节", "任务点"))


def test_a_learning_platforms_page_label_is_no_title(tmp_path: Path) -> None:
    # 超星学习通 titles every student chapter page "学生学习页面": the chapter's heading is
    # the document's title
    path = tmp_path / "chapter.html"
    path.write_text(
        "<html><head><title>学生学习页面</title></head><body><div class='ans-cc'>"
        "<h2>3.1 细胞膜的结构</h2><p>细胞膜主要由脂质和蛋白质组成。</p></div></body></html>",
        "utf-8",
    )
    assert read(path, detect(path, filename=path.name)).title == "3.1 细胞膜的结构"


def test_paragraphs_inside_an_inline_wrapper_stay_apart(tmp_path: Path) -> None:
    # a Q&A site sets an answer's whole rich text in one <span>: its headings and
    # paragraphs are still blocks of their own, not one run-on line
    body = (
        '<div class="answer"><span class="rich">'
        "<h2>一、基本概念</h2><p>熵是描述系统无序程度的物理量。</p>"
        "<p>焓是系统内能与压力和体积乘积之和。</p></span></div>"
    )
    heading, entropy, enthalpy = _blocks(tmp_path, body)
    assert (heading.kind, heading.text) == ("heading", "一、基本概念")
    assert entropy.text.startswith("熵是") and enthalpy.text.startswith("焓是")


def test_a_formula_drawn_as_an_image_is_read_as_its_tex(tmp_path: Path) -> None:
    # a TeX renderer's image carries its formula in the alt text; read as nothing, the
    # sentence naming the formula had a hole where it stood
    body = (
        '<p>动能写作 <img src="https://example.org/equation?tex=E%3Dmv%5E2%2F2" alt="E=mv^2/2"'
        ' eeimg="1"/> ，其中 <span><img eeimg="1" alt="m" src="x.svg"/></span> 是质量。'
        '<img src="photo.png" alt="一张照片"/></p>'
    )
    (block,) = _blocks(tmp_path, body)
    assert "$E=mv^2/2$" in block.text and "$m$" in block.text
    assert "照片" not in block.text


def test_a_qa_sites_side_cards_name_no_topic() -> None:
    # the cards beside a saved answer list other questions and answers, not its topics
    assert apparatus("相关问题") and apparatus("更多回答") and apparatus("相关文章")
    assert not apparatus("相关问题的求解方法")


def test_a_question_banks_list_of_like_questions_names_no_topic() -> None:
    # under a worked answer a 搜题 page lists other questions like it, not its topics
    assert apparatus("相似题推荐") and apparatus("同类题") and apparatus("相似题")
    assert not apparatus("相似三角形")


def test_a_bar_and_a_footer_marked_by_class_are_no_text(tmp_path: Path) -> None:
    # a page written without <nav> or <footer> names its furniture by class or id
    bar = '<div class="navbar"><a href="#">Back</a> | <a href="#">Forward</a></div>'
    text = '<div id="main-text"><h1>Tides</h1><p>Tides rise and fall twice a day.</p></div>'
    footers = '<div class="footer">Copyleft Marine Studies 101, unit 2</div>'
    footers += '<div id="footer"><p>Page last edited on Monday.</p></div>'
    texts = [b.text for b in _blocks(tmp_path, bar + text + footers)]
    assert texts == ["Tides", "Tides rise and fall twice a day."]


def _module(tmp_path: Path, content: str, after: str = "") -> Path:
    """A CNXML module as OpenStax stores it (titled "Costs"), `content` its <content>."""
    path = tmp_path / "module.cnxml"
    path.write_text(
        '<document xmlns="http://cnx.rice.edu/cnxml">\n\n<title>Costs</title>\n'
        f"<content>\n{content}</content>{after}</document>",
        "utf-8",
    )
    return path


def _module_blocks(path: Path) -> list[Block]:
    return list(read(path, detect(path, filename=path.name)).blocks())


@pytest.mark.parametrize(
    ("before", "note", "after", "source"),
    [
        # CNXML and DocBook write a note inside the sentence citing it; read in place, the
        # note's source joined the sentence ("… more cheaply.Jane Roe. “Costs.” 2019.")
        (
            "A sunk cost is money already spent that cannot be recovered.",
            "<footnote>Jane Roe. “Costs.” <emphasis>Ledger</emphasis>. 2019.</footnote>",
            " Managers should ignore it.",
            "Jane Roe.",
        ),
        # newer CNXML writes a source as <note display="inline"> inside a <cite>: the
        # cited term ran into the source's first word ("… the tide cycleSee Ann Lee …")
        (
            "Fishers follow the tide cycle",
            '<cite target-id="r1"><note class="reference" display="inline" id="r1">'
            "See Ann Lee, <emphasis>Tides</emphasis>, 2001.</note></cite>",
            " to plan each trip.",
            "See Ann Lee",
        ),
    ],
)
def test_an_xml_textbooks_inline_note_follows_its_paragraph(
    tmp_path: Path, before: str, note: str, after: str, source: str
) -> None:
    path = _module(tmp_path, f"<para>{before}{note}{after}</para><para>Next one.</para>")
    texts = [b.text for b in _module_blocks(path)]
    joined = " | ".join(texts)
    assert f"{before}{after}" in joined
    assert f"{before}{source.split()[0]}" not in joined
    assert any(t.startswith(source) for t in texts)


def test_an_xml_textbooks_empty_self_closed_title_swallows_nothing(tmp_path: Path) -> None:
    # "<title/>" in XML is empty; an HTML parser ignores the slash and reads a <title> as
    # raw text up to the next "</title>": the paragraphs after an untitled note were markup
    untitled = '<note class="activity"><label/><title/><para>Sort your receipts.</para></note>'
    after = "<para>Fixed costs stay the same.</para><section><title>Variable costs</title>"
    texts = {b.text for b in _module_blocks(_module(tmp_path, f"{untitled}{after}</section>"))}
    assert {"Sort your receipts.", "Fixed costs stay the same.", "Variable costs"} <= texts
    assert not any("<para" in t or "</note>" in t for t in texts)


def test_an_xml_textbooks_title_with_inline_marks_reads_as_its_words(tmp_path: Path) -> None:
    # HTML reads a <title> as raw text: a section's title writing a charge or a subscript
    # as CNXML does (<sup>, <sub>) kept the tags as words of the heading
    marked = "<section><title>Why Ca<sup>2+</sup> and CO<sub>2</sub> <emphasis>matter</emphasis>"
    path = _module(tmp_path, f"{marked}</title><para>Both are small.</para></section>")
    headings = [b.text for b in _module_blocks(path) if b.kind == "heading"]
    assert headings == ["Costs", "Why Ca2+ and CO2 matter"]


def test_an_xml_textbooks_cals_table_keeps_its_rows_and_cells(tmp_path: Path) -> None:
    # CNXML and DocBook tables are <tgroup>s of <row>s of <entry>s: no HTML table parts,
    # moved out of the <table> by the parser and run into one paragraph of their words
    rows = "".join(
        f"<row><entry>{name}</entry><entry>{kind}</entry></row>"
        for name, kind in [("Rent", "fixed"), ("Fuel", "variable")]
    )
    table = f'<table id="t1"><tgroup cols="2"><colspec colnum="1"/><tbody>{rows}</tbody></tgroup>'
    path = _module(tmp_path, f"<para>Two costs.</para>{table}</table><para>Next.</para>")
    read_as = [(b.kind, b.text) for b in _module_blocks(path)]
    assert ("table", "Rent | fixed\nFuel | variable") in read_as
    assert [t for k, t in read_as if k == "paragraph"] == ["Two costs.", "Next."]


def test_an_xml_textbooks_empty_cross_reference_names_what_it_points_at(tmp_path: Path) -> None:
    # "<link target-id=…/>" is filled with "Figure 3.2" in the published book; read empty,
    # "As the  shows, …" and " lists the prices." lost a part of their sentence
    figure = '<figure id="fig-1"><media alt="a chart"><image src="a.png"/></media></figure>'
    table = '<table id="tab-1"><tgroup cols="1"><tbody><row><entry>3</entry></row></tbody>'
    text = (
        '<para>Costs rise, as <link target-id="fig-1"/> shows. <link target-id="tab-1"/>'
        ' lists the prices, <link target-id="p-2"/> the causes.'
        ' Compare <link document="m999" target-id="fig-9"/>.</para>'
    )
    cause = '<para id="p-2">Fuel costs more.</para>'
    path = _module(tmp_path, f"{text}{cause}{figure}{table}</tgroup></table>")
    para = next(b.text for b in _module_blocks(path) if b.kind == "paragraph")
    assert para.startswith(
        "Costs rise, as the figure shows. The table lists the prices, the paragraph the causes."
    )
    # a target in another module is not named: nothing is known of it here
    assert para.endswith("Compare .")


def test_an_xml_textbooks_term_and_emphasis_are_emphasis(tmp_path: Path) -> None:
    # CNXML marks key terms with <term> and stress with <emphasis>, neither an HTML tag:
    # unread, a module's source had no emphasis at all
    path = _module(
        tmp_path,
        '<para>A <term class="no-emphasis">ledger</term> lists your '
        '<emphasis effect="italics">debits</emphasis>, or what you paid out.</para>',
    )
    (block,) = [b for b in _module_blocks(path) if "ledger" in b.text]
    assert set(block.emphasis) == {"ledger", "debits"}


def test_an_xml_textbooks_paragraphs_and_section_titles_are_blocks(tmp_path: Path) -> None:
    # a CNXML module's <para>, <item> and <section>'s <title> are no HTML tags: read
    # inline, the whole module was one line and a title ran into the paragraph after it;
    # its <metadata> (content id, title again) is no text
    path = _module(
        tmp_path,
        '<metadata xmlns:md="http://cnx.rice.edu/mdml"><md:content-id>m123</md:content-id>'
        "<md:title>Costs</md:title></metadata>"
        "<section><title>Recap</title><para>Sunk cost is money already spent.</para>"
        "<para>Opportunity cost is the value of the next best choice.</para>"
        "<list><item>fixed cost</item><item>variable cost</item></list></section>",
    )
    blocks = _module_blocks(path)
    read_as = [(b.kind, b.level, b.text) for b in blocks]
    assert read_as[:2] == [("heading", 1, "Costs"), ("heading", 2, "Recap")]
    assert [text for kind, _, text in read_as[2:] if kind == "paragraph"] == [
        "Sunk cost is money already spent.",
        "Opportunity cost is the value of the next best choice.",
        "fixed cost",
        "variable cost",
    ]
    assert len(blocks) == 6


def test_an_xml_textbooks_glossary_entries_are_definitions(tmp_path: Path) -> None:
    # a CNXML module ends on its <glossary>: each <definition> a <term> and its <meaning>,
    # read as a glossary's "term: meaning" entry (a <dl>'s), not two runs of plain words
    from jobs.pipeline.analyse import analyse_file

    path = _module(
        tmp_path,
        "<section><title>Costs</title><para>Firms weigh a sunk cost against what comes next."
        " A sunk cost should not change a decision.</para></section>",
        "<glossary><definition><term>sunk cost</term><meaning>money already spent that"
        " cannot be recovered</meaning></definition></glossary>",
    )
    entry = _module_blocks(path)[-1]
    assert entry.text == "sunk cost: money already spent that cannot be recovered"
    assert "sunk cost" in entry.emphasis
    concepts = {c.title: c for c in analyse_file(path).knowledge.concepts}
    assert concepts["sunk cost"].description == entry.text


def test_a_code_blocks_language_label_is_no_paragraph(tmp_path: Path) -> None:
    """A blog's code block names its language above the code ("Java 复制代码", "bash"): saved
    or pasted, the label is a line of its own, never a word the text uses."""
    blocks = _blocks(
        tmp_path,
        "<p>先编译再运行：</p><p>Java 复制代码</p>"
        "<pre><code>javac Main.java\njava Main</code></pre>"
        "<p>bash</p><p>ls -l /tmp</p><p>Java 是一种面向对象的语言。</p>",
    )
    texts = [b.text.strip() for b in blocks]
    assert "Java 复制代码" not in texts
    assert "bash" not in texts
    assert "ls -l /tmp" in texts
    assert "Java 是一种面向对象的语言。" in texts


def test_an_xml_textbooks_cals_table_is_a_table(tmp_path: Path) -> None:
    # CNXML and DocBook set a table as <tgroup>, <row>, <entry>: an HTML parser moves what
    # is no table markup out of the <table>, and the cells ran before it as one line of
    # text, its bold header a term defined by the whole table
    table = (
        '<table id="t1"><tgroup cols="2"><thead><row>'
        '<entry><emphasis effect="bold">Rock</emphasis></entry>'
        '<entry><emphasis effect="bold">How it forms</emphasis></entry></row></thead>'
        "<tbody><row><entry>Basalt</entry><entry>Lava cools quickly</entry></row>"
        "<row><entry>Granite</entry><entry>Magma cools slowly underground</entry></row>"
        "</tbody></tgroup></table>"
    )
    path = _module(tmp_path, f"<para>Rocks differ by cooling.</para>{table}")
    blocks = _module_blocks(path)
    assert [b.text for b in blocks if b.kind == "table"] == [
        "Rock | How it forms\nBasalt | Lava cools quickly\nGranite | Magma cools slowly underground"
    ]
    assert not any(b.text.startswith("Rock How it forms") for b in blocks)


def test_an_xml_textbooks_prefixed_mathml_reads_as_tex_between_words(tmp_path: Path) -> None:
    # CNXML writes presentation MathML alone under a prefix, its empty elements
    # self-closed: read as glyphs, a ratio ran into the words around it ("withpqon") and
    # a self-closed space swallowed the variable after it
    ratio = (
        "<m:math><m:mfrac><m:mrow><m:mi>p</m:mi></m:mrow><m:mrow><m:mi>q</m:mi></m:mrow>"
        "</m:mfrac></m:math>"
    )
    square = '<m:math><m:msup><m:mi>t</m:mi><m:mn>2</m:mn></m:msup><m:mspace width="1em"/>'
    square += "<m:mtext>cos</m:mtext><m:mspace/><m:mi>t</m:mi></m:math>"
    path = _module(
        tmp_path,
        f"<para>Group the terms with {ratio} on one side, then read {square} off.</para>",
    )
    (para,) = [b.text for b in _module_blocks(path) if b.kind == "paragraph"]
    assert para == ("Group the terms with $\\frac{p}{q}$ on one side, then read $t^2 \\cos t$ off.")
