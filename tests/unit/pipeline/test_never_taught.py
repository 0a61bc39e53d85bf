"""Words that name nothing a course teaches, each rule on text written for the test: a
pane a lab's step views, a pronoun, a course's people and administration read from the
term statistics alone, an expansion written with its acronym's capitals inside a word,
and an XML attribute read as an equation."""

from __future__ import annotations

from jobs.pipeline.structure import interface_label


def test_a_pane_a_step_views_is_a_control() -> None:
    text = "7. In the portal, view Notifications to verify that deployment has started."
    assert interface_label("Notifications", text)
    assert interface_label("Notifications", "3. View Notifications to verify it.")
    # a view as a noun before a term is no step
    assert not interface_label("materialized view", "A materialized view stores rows.")
