"""Rules for the furniture of history and politics textbooks, each on text written for the
test: feature boxes' titles, descriptions opening with an unrelated clause, fragments that
end in a verb, photo credits and names cut short."""

from __future__ import annotations

from pathlib import Path

from tests.unit.pipeline.written import keys_of


def test_a_feature_boxs_bold_title_is_no_concept(tmp_path: Path) -> None:
    """A paragraph set wholly in bold, "**Field Notes: The Grange Movement**", is a
    box's title, not a term; the name inside it counts where the body uses it."""
    text = (
        "# Farmers in Politics\n\nFarmers organised in the **Grange movement**, which met in"
        " halls across the plains. The Grange movement fought high railroad rates.\n\n"
        "> **Field Notes: The Grange Movement**\n>\n> A local hall hosted dances, lectures"
        " and meetings. The Grange movement kept its members informed.\n\n"
        "> **The Shifting Shape of Rural Life**\n>\n> Railroads and markets changed the"
        " farms. Rural life changed with them. Farmers wrote about rural life often.\n"
    )
    keys = keys_of(tmp_path, text)
    assert "grange movement" in keys
    assert not {k for k in keys if "field notes" in k or "shifting shape" in k}
