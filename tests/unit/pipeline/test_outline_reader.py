"""OPML, an outliner's export (幕布, WorkFlowy, Dynalist), read as the outline it is:
named bullets with bullets under them head sections, the rest are list items, a note is
the paragraph under its bullet, and bold set in the outliner stays bold."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from datasources.files.detect import detect, inspect
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.readers import read


def _mubu(text: str) -> str:
    """A bullet as 幕布 writes it in `_mubu_text`: its HTML, bold as a span, URL-encoded."""
    name, _, rest = text.partition("：")
    html = (
        f'<span class="bold">{name}</span><span>：{rest}</span>' if rest else f"<span>{text}</span>"
    )
    return quote(html, safe="")


def _leaf(text: str) -> str:
    plain = text
    return f'<outline text="{plain}" _mubu_text="{_mubu(text)}"/>'


OUTLINE = f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>园艺学复习提纲</title></head>
  <body>
    <outline text="园艺学复习提纲" _heading="1">
      <outline text="第一章 植物繁殖" _heading="2">
        <outline text="有性繁殖" _note="用种子繁殖后代的方法。">
          {_leaf("实生苗：由种子萌发长成的苗木。")}
          {_leaf("种子休眠：有生活力的种子在适宜条件下仍不萌发的现象。")}
        </outline>
        <outline text="无性繁殖">
          {_leaf("扦插：切取植物的枝条插入基质中使其生根成株。")}
          <outline text="嫁接：把接穗接到砧木上使两者愈合成一株。">
            {_leaf("砧木：嫁接时承受接穗的植株。")}
          </outline>
        </outline>
      </outline>
      <outline text="第二章 栽培管理" _heading="2">
        <outline text="整形修剪"
          _note="&lt;b&gt;修剪&lt;/b&gt;：剪去枝条的一部分，调节生长与结果。"/>
        {_leaf("疏花疏果：摘除过多的花和幼果，使果实大小均匀。")}
      </outline>
    </outline>
  </body>
</opml>
"""


def _file(tmp_path: Path, text: str = OUTLINE, name: str = "yuanyi.opml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_opml_outline_is_detected_by_its_root_whatever_its_name(tmp_path: Path) -> None:
    assert detect(_file(tmp_path)).kind == "opml"
    assert detect(_file(tmp_path, name="export.xml")).kind == "opml"
    assert detect(_file(tmp_path, name="export.xml"), filename="export.xml").kind == "opml"
    other = _file(tmp_path, '<?xml version="1.0"?>\n<rss><channel/></rss>\n', "feed.xml")
    assert detect(other).kind != "opml"


def test_named_bullets_head_sections_and_sentences_are_items(tmp_path: Path) -> None:
    path = _file(tmp_path)
    document = read(path, detect(path))
    blocks = [(b.kind, b.level, b.text) for b in document.blocks()]
    assert document.title == "园艺学复习提纲"
    assert ("heading", 2, "第一章 植物繁殖") in blocks
    assert ("heading", 3, "有性繁殖") in blocks
    assert ("heading", 3, "无性繁殖") in blocks
    texts = [text for _, _, text in blocks]
    assert "用种子繁殖后代的方法。" in texts  # the note, under its bullet
    # a sentence with bullets under it is an item, not a heading
    assert any(kind == "list_item" and text.startswith("嫁接：") for kind, _, text in blocks)
    assert any(kind == "list_item" and text.startswith("砧木：") for kind, _, text in blocks)
    # a leaf's note is its own paragraph, not run on into the bullet's name
    assert "整形修剪" in texts
    assert not any(text.startswith("整形修剪修剪") for text in texts)


def test_an_outliners_bold_is_emphasis(tmp_path: Path) -> None:
    path = _file(tmp_path)
    emphasised = {span for b in read(path, detect(path)).blocks() for span in b.emphasis}
    assert {"实生苗", "种子休眠", "扦插", "砧木", "修剪"} <= emphasised


def test_the_outline_is_a_course_of_its_terms(tmp_path: Path) -> None:
    analysis = analyse_file(_file(tmp_path), language="zh-CN")
    defined = {c.title for c in analysis.knowledge.concepts if c.description}
    assert {"实生苗", "种子休眠", "扦插", "嫁接", "砧木", "疏花疏果"} <= defined


@pytest.mark.parametrize(
    "broken",
    [
        '<?xml version="1.0"?>\n<opml version="2.0"><head><title>x</title></head>'
        '<body><outline text="a"',
        '<?xml version="1.0"?>\n<opml version="2.0">'
        '<body><outline text="&undefined;"/></body></opml>',
        '<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<opml version="2.0"><body><outline text="&e;"/></body></opml>',
    ],
)
def test_a_broken_outline_is_corrupt_and_reads_no_file(tmp_path: Path, broken: str) -> None:
    path = _file(tmp_path, broken)
    try:
        document = read(path, inspect(path))
    except CorruptDocument as error:
        assert "OPML" in error.message or "outline" in error.message
    else:
        assert "root:" not in " ".join(b.text for b in document.blocks())


def test_an_outline_without_bullets_has_no_text(tmp_path: Path) -> None:
    path = _file(tmp_path, '<?xml version="1.0"?>\n<opml version="2.0"><body/></opml>\n')
    assert read(path, detect(path)).blocks() == []
