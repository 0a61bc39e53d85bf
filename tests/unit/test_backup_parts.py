"""Backup pieces that need no store: the manifest's checks, the FileStore copy, the
Neo4j value encoding."""

from __future__ import annotations

import hashlib
from pathlib import Path

import neo4j.time
import pytest

from gateway.backup import files, graph
from gateway.backup.manifest import FORMAT, BackupError, Manifest, checksums
from gateway.backup.run import differences


def _backup(root: Path) -> Manifest:
    (root / "neo4j").mkdir(parents=True)
    (root / "postgres.dump").write_bytes(b"dump")
    (root / "neo4j" / "nodes.jsonl").write_bytes(b'{"key": 1}\n')
    manifest = Manifest({"format": FORMAT, "stores": {}, "checksums": checksums(root)})
    manifest.write(root)
    return manifest


def test_a_backup_verifies_and_reads_back(tmp_path: Path) -> None:
    manifest = _backup(tmp_path)
    assert set(manifest.data["checksums"]) == {"postgres.dump", "neo4j/nodes.jsonl"}
    assert Manifest.read(tmp_path).data == manifest.data
    Manifest.read(tmp_path).verify(tmp_path)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda root: (root / "postgres.dump").write_bytes(b"dumb"), "postgres.dump: checksum"),
        (lambda root: (root / "neo4j" / "nodes.jsonl").unlink(), "neo4j/nodes.jsonl: missing"),
        (lambda root: (root / "extra.bin").write_bytes(b"?"), "extra.bin: not in the manifest"),
    ],
)
def test_a_damaged_backup_names_the_file(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    manifest = _backup(tmp_path)
    damage(tmp_path)
    with pytest.raises(BackupError, match=message):
        manifest.verify(tmp_path)


def test_what_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match=r"holds no manifest\.json"):
        Manifest.read(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(BackupError, match="is not valid JSON"):
        Manifest.read(tmp_path)
    (tmp_path / "manifest.json").write_text('{"format": "something-else"}')
    with pytest.raises(BackupError, match=r"is not a curriculum-backup/1 manifest"):
        Manifest.read(tmp_path)


def _store(root: Path, data: bytes) -> Path:
    key = hashlib.sha256(data).hexdigest()
    path = root / key[:2] / key[2:4] / key
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    return path


def test_files_are_copied_checked_and_restored(tmp_path: Path) -> None:
    store, copy, target = tmp_path / "store", tmp_path / "copy", tmp_path / "target"
    kept = _store(store, b"one file")
    (store / ".incoming").mkdir()
    (store / ".incoming" / "partial").write_bytes(b"half")  # never backed up
    assert files.save(store, copy) == {"dir": "copy", "count": 1, "bytes": 8}
    files.verify(copy, 1)
    assert files.is_empty(target)
    assert files.load(copy, target) == 1
    assert (target / kept.relative_to(store)).read_bytes() == b"one file"
    assert files.load(copy, target) == 0  # already there
    with pytest.raises(BackupError, match="holds 1 files, the manifest says 2"):
        files.verify(copy, 2)
    (copy / kept.relative_to(store)).write_bytes(b"changed")
    with pytest.raises(BackupError, match="do not match their SHA-256"):
        files.verify(copy, 1)


def test_a_stored_file_that_changed_on_disk_is_not_backed_up(tmp_path: Path) -> None:
    path = _store(tmp_path / "store", b"original")
    path.write_bytes(b"bit rot")
    with pytest.raises(BackupError, match="does not match its name"):
        files.save(tmp_path / "store", tmp_path / "copy")


def test_neo4j_values_round_trip_exactly() -> None:
    values = [
        neo4j.time.DateTime.from_iso_format("2026-01-02T03:04:05.123456789+00:00"),
        neo4j.time.Date(2026, 1, 2),
        neo4j.time.Time.from_iso_format("03:04:05.000000001"),
        ["a", 1, 2.5, True, None],
        1.0,
    ]
    encoded = [graph._encode(v) for v in values]
    assert encoded[0] == {"$neo4j": "DateTime", "iso": "2026-01-02T03:04:05.123456789+00:00"}
    assert [graph._decode(e) for e in encoded] == values
    assert isinstance(graph._decode(encoded[4]), float)


def test_an_unexportable_neo4j_value_is_named() -> None:
    with pytest.raises(BackupError, match="cannot export a Neo4j Duration"):
        graph._encode(neo4j.time.Duration(days=1))


def test_statement_names_are_backquoted_plain_names() -> None:
    assert "CREATE (n:_Restoring:`Concept`:`Extra`)" in graph.create_nodes(["Concept", "Extra"])
    assert "[r:`PREREQUISITE`]" in graph.create_relationships("PREREQUISITE")
    assert graph.NAME.fullmatch("Bad`) DETACH DELETE n //") is None


def test_a_label_that_is_not_a_plain_name_stops_the_restore(tmp_path: Path) -> None:
    nodes = tmp_path / "nodes.jsonl"
    nodes.write_text('{"key": "1", "labels": ["Concept`) DETACH DELETE (n"], "props": {}}\n')
    with pytest.raises(BackupError, match="a label or type is not a plain name"):
        list(graph._batches(nodes, "labels"))


def test_redis_keys_that_expired_since_the_backup_are_not_a_difference() -> None:
    manifest = Manifest(
        {
            "format": FORMAT,
            "stores": {
                "postgres": {"counts": {"public.users": 2}},
                "neo4j": {"counts": {"nodes": {}}},
                "redis": {"counts": {"keys": 4}},
                "files": {"count": 0},
            },
        }
    )
    now = {
        "postgres": {"public.users": 2},
        "neo4j": {"nodes": {}},
        "redis": {"keys": 3},
        "files": 0,
    }
    assert differences(manifest, now) == ["redis: backup {'keys': 4} != restored {'keys': 3}"]
    assert differences(manifest, now, redis_expired=1) == []
    # A key that expired is no excuse for one more key than the backup held.
    assert differences(manifest, now | {"redis": {"keys": 4}}, redis_expired=1) == [
        "redis: backup {'keys': 3} != restored {'keys': 4}"
    ]
