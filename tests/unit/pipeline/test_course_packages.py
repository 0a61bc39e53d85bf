"""A course package (SCORM, an IMS Common Cartridge such as Canvas's .imscc) read as one
document: its HTML pages in the order its manifest's organization gives, each item's
title a heading over its page."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from datasources.files.detect import detect, inspect
from datasources.files.document_errors import CorruptDocument, UnsupportedDocument
from jobs.pipeline.readers import read

_PAGE = (
    "<html><head><title>{0}</title><script>LMSInitialize()</script></head><body>"
    "<h1>{0}</h1>{1}</body></html>"
)


def _package(path: Path, manifest: str, pages: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for name, text in pages.items():
            archive.writestr(name, text)
    return path


def _manifest(organization: str, resources: str) -> str:
    return (
        '<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">'
        f'<organizations default="o"><organization identifier="o">{organization}'
        f"</organization></organizations><resources>{resources}</resources></manifest>"
    )


def _headings(path: Path) -> list[tuple[int, str]]:
    document = read(path, inspect(path, filename=path.name))
    return [(b.level, b.text) for p in document.pages for b in p.blocks if b.kind == "heading"]


def test_a_scorm_package_reads_its_pages_in_the_manifests_order(tmp_path: Path) -> None:
    # the resources are listed in another order than the course's items: the items decide
    manifest = _manifest(
        "<title>Rivers and Their Valleys</title>"
        '<item identifier="a" identifierref="r2"><title>Erosion</title></item>'
        '<item identifier="b" identifierref="r1"><title>Deposition</title></item>',
        '<resource identifier="r1" type="webcontent" href="two/page.html"/>'
        '<resource identifier="r2" type="webcontent" href="one/page.html"/>',
    )
    path = _package(
        tmp_path / "rivers.zip",
        manifest,
        {
            "one/page.html": _PAGE.format("Erosion", "<p>Erosion wears a channel down.</p>"),
            "two/page.html": _PAGE.format(
                "Deposition", "<h2>Deltas</h2><p>Deposition builds a delta.</p>"
            ),
        },
    )
    assert detect(path, filename="rivers.zip").kind == "coursepackage"
    document = read(path, inspect(path, filename="rivers.zip"))
    assert document.title == "Rivers and Their Valleys"  # the organization's title
    # each page's own <h1> repeating its item's title is said once; its <h2> ranks below
    assert _headings(path) == [(1, "Erosion"), (1, "Deposition"), (2, "Deltas")]
    text = " ".join(b.text for p in document.pages for b in p.blocks)
    assert text.index("wears a channel") < text.index("builds a delta")
    assert "LMSInitialize" not in text


def test_a_cartridges_modules_head_their_pages(tmp_path: Path) -> None:
    # Canvas wraps its modules in an untitled item; a module item points to no resource
    manifest = _manifest(
        '<item identifier="root">'
        '<item identifier="m1"><title>Unit 1: Markets</title>'
        '<item identifier="p1" identifierref="w1"><title>Supply</title></item>'
        "</item></item>",
        '<resource identifier="w1" type="webcontent" href="wiki_content/supply.html"/>',
    )
    path = _package(
        tmp_path / "course.imscc",
        manifest,
        {
            "wiki_content/supply.html": "<html><body><h3>Shifts</h3>"
            "<p>A supply curve shifts when costs change.</p></body></html>"
        },
    )
    assert _headings(path) == [(1, "Unit 1: Markets"), (2, "Supply"), (3, "Shifts")]


def _refused(tmp_path: Path, resource: str, member: str) -> Exception:
    """What detecting a one-item package whose resource is `resource` raises."""
    manifest = _manifest(
        '<item identifier="a" identifierref="r"><title>Notes</title></item>', resource
    )
    path = _package(tmp_path / "course.imscc", manifest, {member: "<x/>"})
    with pytest.raises((CorruptDocument, UnsupportedDocument)) as error:
        detect(path, filename=path.name)
    return error.value


def test_a_package_naming_a_page_outside_it_is_refused(tmp_path: Path) -> None:
    resource = '<resource identifier="r" type="webcontent" href="../../etc/notes.html"/>'
    error = _refused(tmp_path, resource, "notes.html")
    assert isinstance(error, CorruptDocument)
    assert "outside the package" in error.message


def test_a_package_without_an_html_page_is_refused_clearly(tmp_path: Path) -> None:
    # its only resource is a quiz's XML: nothing of it is a page we read
    resource = '<resource identifier="r" type="imsqti_xmlv1p2" href="quiz/assessment.xml"/>'
    error = _refused(tmp_path, resource, "quiz/assessment.xml")
    assert isinstance(error, UnsupportedDocument)
    assert error.reason == "unsupported_type"
    assert "names no HTML page" in error.message


def test_a_broken_cartridge_is_named_for_what_it_is(tmp_path: Path) -> None:
    # a cut upload loses the ZIP's member list: its name tells what it was, not "Word"
    manifest = _manifest(
        '<item identifier="a" identifierref="r"><title>Notes</title></item>',
        '<resource identifier="r" type="webcontent" href="notes.html"/>',
    )
    whole = _package(tmp_path / "whole.imscc", manifest, {"notes.html": "<p>Notes.</p>"})
    cut = tmp_path / "cut.imscc"
    cut.write_bytes(whole.read_bytes()[:40])
    with pytest.raises(CorruptDocument) as error:
        detect(cut, filename=cut.name)
    assert error.value.reason == "unreadable"
