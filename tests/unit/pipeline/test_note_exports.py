"""A note app's export: Evernote's (印象笔记) ENEX, its notes read as the pages they are,
each headed by its title, with none of the export's metadata or Evernote's own tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from datasources.files.detect import detect, inspect
from datasources.files.document_errors import CorruptDocument
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.readers import read


def _note(title: str, body: str, tag: str = "复习") -> str:
    enml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        '<!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd">'
        f"<en-note>{body}</en-note>"
    )
    return (
        f"<note><title>{title}</title><created>20250301T080000Z</created><tag>{tag}</tag>"
        "<note-attributes><author>teacher</author><source>mobile.android</source>"
        f"</note-attributes><content><![CDATA[{enml}]]></content>"
        '<resource><data encoding="base64">AAAA</data><mime>image/png</mime></resource></note>'
    )


FIRST = _note(
    "天气与气候",
    "<div><b>气团</b>是指温度、湿度等性质在水平方向上比较均匀的大范围空气。</div>"
    '<div><br/></div><div><en-todo checked="false"/>背诵锋面的类型</div>'
    '<div><en-media hash="0a1b" type="image/png"/></div>'
    "<h2>锋面</h2><div><b>锋面</b>是指冷暖性质不同的两个气团之间的交界面。</div>",
)
SECOND = _note(
    "大气环流",
    "<ul><li><div><b>信风</b>：从副热带高压吹向赤道低压的风。</div></li>"
    "<li><div><b>季风</b>：随季节而改变方向的风。</div></li></ul>",
)


def _export(*notes: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">\n'
        '<en-export export-date="20250302T000000Z" application="Evernote" version="10.0">\n'
        + "\n".join(notes)
        + "\n</en-export>\n"
    )


def _file(tmp_path: Path, text: str, name: str = "notes.enex") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_evernote_export_is_detected_by_its_root_whatever_its_name(tmp_path: Path) -> None:
    assert detect(_file(tmp_path, _export(FIRST))).kind == "enex"
    assert detect(_file(tmp_path, _export(FIRST), "export.xml")).kind == "enex"
    other = _file(tmp_path, '<?xml version="1.0"?>\n<rss><channel/></rss>\n', "feed.xml")
    assert detect(other).kind != "enex"


def test_each_note_is_a_section_under_its_title_without_the_metadata(tmp_path: Path) -> None:
    path = _file(tmp_path, _export(FIRST, SECOND))
    blocks = read(path, detect(path)).blocks()
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["天气与气候", "锋面", "大气环流"]
    text = " ".join(b.text for b in blocks)
    for metadata in ("teacher", "mobile.android", "20250301", "复习", "AAAA", "image/png"):
        assert metadata not in text
    assert "en-todo" not in text and "en-note" not in text
    assert "背诵锋面的类型" in text  # a to-do keeps its words, not its check box


def test_one_notes_title_is_the_documents(tmp_path: Path) -> None:
    path = _file(tmp_path, _export(SECOND))
    assert read(path, detect(path)).title == "大气环流"


def test_the_notes_terms_are_defined(tmp_path: Path) -> None:
    analysis = analyse_file(_file(tmp_path, _export(FIRST, SECOND)), language="zh-CN")
    defined = {c.title for c in analysis.knowledge.concepts if c.description}
    assert {"气团", "锋面", "信风", "季风"} <= defined
    assert not {"note-attributes", "en-todo", "encoding"} & {
        c.title for c in analysis.knowledge.concepts
    }


def test_a_cut_export_is_corrupt_and_an_external_entity_reads_no_file(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocument, match="Evernote export"):
        path = _file(tmp_path, _export(FIRST)[:300])
        read(path, inspect(path))
    hostile = _file(
        tmp_path,
        '<?xml version="1.0"?>\n<!DOCTYPE en-export [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        "<en-export><note><title>&e;</title></note></en-export>",
        "hostile.enex",
    )
    titles = [b.text for b in read(hostile, inspect(hostile)).blocks()]
    assert not any("root:" in title for title in titles)
