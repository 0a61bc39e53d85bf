"""Rules met on lab handouts and software tutorials (a Word lab's steps, as Word prints
them): what a step has the reader click or open is set in bold and names a control of the
program, no concept; neither does a data file's name, a web site, nor a form field given
with its value. Text written for the test."""

from __future__ import annotations

from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.readers import read
from jobs.pipeline.structure import acceptable, emphasis_terms, interface_label
from tests.unit.pipeline.conftest import write_pdf
from tests.unit.pipeline.written import concepts_of, keys_of

LAB = """# Lab 1: Working with Blob Storage

## Overview

A **storage account** holds your data in the cloud. Each storage account holds
**blob containers**, and a container holds **blobs**: binary large objects such as
files. A **block blob** is made of blocks uploaded separately; a storage account
keeps several copies of each blob, which is called **replication**. The portal's
blades have tabs, such as **Basics** and **Advanced**.

## Create a Storage Account

1. Sign in with your account at **live.com**, then click **New**, and in the
   **Storage** menu click **Storage account**.
2. In the **Create storage account** blade, open the **Basics** tab and set:
   - **Replication: Select Locally redundant storage**
   - **Access tier**: Hot
3. Click **Review + create**, then click **Notifications** to follow the deployment.
4. Select the **Upload** button and upload **products.txt** into the container.

## Use the Container

A blob container groups the blobs of one application. Upload a block blob to the
container, and read the block blob back from the storage account; replication keeps
a copy of the storage account's blobs in another place.
"""


def test_what_a_step_clicks_or_opens_is_no_concept(tmp_path: Path) -> None:
    path = tmp_path / "lab.md"
    path.write_text(LAB, encoding="utf-8")
    titles = {c.title.lower() for c in analyse_file(path).knowledge.concepts}
    assert {"storage account", "blob containers", "block blob", "replication"} <= titles
    controls = {"new", "storage", "create storage account", "basics", "review + create",
                "notifications", "upload"}  # fmt: skip
    assert not titles & controls, titles & controls
    assert not titles & {"live.com", "products.txt"}
    assert not any(t.startswith("replication:") for t in titles)


def test_an_interface_label_is_read_where_the_text_sets_it() -> None:
    assert interface_label("New", "In the portal, click New, then create one.")
    assert interface_label("Upload", "Open the Upload drop-down menu.")
    assert interface_label("确定", "最后单击确定按钮。")
    assert interface_label("文件", "点击“文件”菜单。")
    # a term the text introduces, even near the same verbs, is none
    assert not interface_label("storage account", "A storage account holds your data.")
    assert not interface_label("open set", "An open set contains a ball around each point.")


def test_a_printed_labs_numbered_steps_are_blocks_of_their_own(tmp_path: Path) -> None:
    """Word prints a step's last line and the next step's first with the body's leading:
    a line opening "4. " after a sentence's end, a bulleted item or another step starts
    a block; after a wrapped sentence ("… in Chapter" / "3. The …") it does not."""
    steps = (
        "<p>3. In the Create storage account blade, notice a series of tabs.<br>"
        "4. On the Basics tab, configure the following settings:<br>"
        "\u2022 Access tier: Hot<br>"
        "5. On the Advanced tab, accept all the defaults.</p>"
        "<p>Replication is described in the lab manual, in Chapter<br>"
        "3. The chapter explains why copies are kept in several places.</p>"
    )
    pdf = write_pdf(tmp_path / "lab.pdf", [steps])
    blocks = [b.text for b in read(pdf, detect(pdf, filename="lab.pdf")).blocks()]
    assert any(b.startswith("3. In the Create") and b.endswith("tabs.") for b in blocks), blocks
    assert any(b.startswith("4. On the Basics tab") for b in blocks)
    assert any(b.startswith("5. On the Advanced tab") for b in blocks)
    assert any("in Chapter 3. The chapter explains" in b for b in blocks)


def test_an_emphasised_part_of_a_web_address_is_no_term() -> None:
    """A PDF's typewriter run broken at its dots marks "com" of a URL as emphasised."""
    text = "Download the file from www.py4e.com/code3/romeo.txt and open it."
    assert emphasis_terms(("com",), 0, text) == []
    found = emphasis_terms(("hash table",), 0, "A hash table maps keys to values.")
    assert [c.term for c in found] == ["hash table"]


def test_a_program_or_database_files_name_is_no_term(tmp_path: Path) -> None:
    """Python for Everybody's last chapter runs its sample programs on its data files:
    "geoload.py", "gmodel", "content.sqlite", "where.data" were concepts."""
    keys = keys_of(
        tmp_path,
        "# Visualizing data\n\nRun the *geoload.py* program. It reads the lines in "
        "*where.data* and stores them in *geodata.sqlite*. Then run *geodump.py*, which "
        "writes *where.js*. A **geocoding API** turns an address into a place. Run the "
        "*geoload.py* program again to add places; the **geocoding API** is called once "
        "for each new place, and *geodata.sqlite* keeps every answer.\n",
    )
    assert "geocoding api" in keys
    assert not {"geoload.py", "where.data", "geodata.sqlite", "geodump.py"} & keys, keys
    # a PDF's typewriter run broken at the dot marks only the file's stem
    text = "Then run gmodel.py on the messages. It writes the file geodata.sqlite."
    assert emphasis_terms(("gmodel",), 0, text) == []
    assert emphasis_terms(("geodata",), 0, text) == []
    # a host under a country's second-level domain, set apart from its mail address
    text = "From stephen.marquard@ uct.ac.za Sat Jan 5 09:14:16 2008"
    assert emphasis_terms(("uct.ac.za",), 0, text) == []
    # a name set apart where it stands alone is one, though a file is named after it
    text = "A *spider* crawls the web; spider.py is one."
    assert [c.term for c in emphasis_terms(("spider",), 0, text)] == ["spider"]


def test_a_networks_addresses_and_node_labels_are_no_concepts() -> None:
    # a lab's italic router links, addresses and numbers written in a base
    for term in ("S1-S4", "SA-S2", "X->Y->Z", "Q-", "network 192.168.4.0/24", "10.0.0.1"):
        assert not acceptable(term, emphasised=True), term
    for term in ("11001010b", "0xFF", "7B:2C"):
        assert not acceptable(term, emphasised=True), term
    # names with capitals, numbers and dashes stay: a bond, a cell, a virus, a standard
    for term in ("O-H", "T-cell", "B-tree", "IL-6", "COVID-19", "F1 score", "IPv6", "H2O"):
        assert acceptable(term, emphasised=True), term
    # a command line in the text's italics: an option, a placeholder cut open
    for term in ("dig -x", "grep --count", "ping <host name"):
        assert not acceptable(term, emphasised=True), term
    for term in ("Box<T>", "-ing form", "e-mail"):
        assert acceptable(term, emphasised=True), term


def test_a_spreadsheets_joined_column_names_are_no_concepts(tmp_path: Path) -> None:
    """ "TotalDebit = SUM of Debit", "grouped by EntryID": a workbook names its columns by
    words joined without a space; counted often, they are the sheet's labels, not terms.
    The inventory the page defines stays."""
    text = "\n\n".join(
        [
            "# Stock Records",
            "## Counting stock",
            "An **inventory** is a list of goods a firm holds for sale. The inventory is "
            "counted at year end.",
            "Record each item in the stock sheet using:",
            "- ItemCode\n- Quantity\n- UnitCost",
            "**Check every ItemCode is unique.**",
            "Make a small summary table grouped by ItemCode:",
            "- LineCost = UnitCost times Quantity\n- StockValue = SUM of LineCost",
            "## Valuing stock",
            "The StockValue of the inventory is its total cost. Compare the StockValue with "
            "last year's StockValue, and check each LineCost against the invoice.",
        ]
    )
    titles = {c.title for c in concepts_of(tmp_path, text)}
    assert "inventory" in titles
    assert not titles & {"StockValue", "LineCost", "ItemCode", "UnitCost"}


def test_a_lab_handouts_parts_define_nothing_and_a_labelled_sentence_still_defines(
    tmp_path: Path,
) -> None:
    """ "Purpose: To measure …" and "Hypothesis: If …, then …" were concepts defined by
    this lab's purpose and hypothesis; "Background: Density is the mass …" defined nothing
    for its label. A glossary's "Hypothesis: a testable prediction …" still defines."""
    text = (
        "# Lab 4: Density of Liquids\n\n"
        "Purpose: To measure the density of water, oil and syrup.\n\n"
        "Hypothesis: If a liquid has a greater density, then it will sink below the others.\n\n"
        "Background: Density is the mass of a substance per unit volume. A liquid of lower "
        "density floats on one of higher density.\n\n"
        "Conclusion: Syrup was the densest liquid and oil the least dense.\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "lab.md")}
    assert not {"purpose", "hypothesis", "conclusion"} & set(described), described
    assert (described.get("density") or "").startswith("Density is the mass"), described
    glossary = find_definitions(
        "Hypothesis: a testable prediction about an experiment's outcome.",
        0,
        False,
        emphasis=("Hypothesis",),
    )
    assert [d.term for d in glossary] == ["Hypothesis"]


def test_a_worksheets_blank_answer_fields_are_no_concepts(tmp_path: Path) -> None:
    """An exercise sheet leaves bold labels with nothing under them for the student to fill
    in ("**Map chosen:**", "**Second landform:**"): a handout on landforms kept each as a
    concept. A bold label leading into a list ("**Clues:**" over its items) stays."""
    text = (
        "# Exercise 3: Reading a Contour Map\n\n"
        "A **contour line** joins points of equal height. Where contour lines crowd "
        "together the slope is steep; a **spur** is a tongue of high land.\n\n"
        "**Clues:**\n\n"
        "- Contour lines bend upstream where they cross a valley.\n"
        "- Spot heights mark summits.\n\n"
        "## Your Answers\n\n"
        "**Map chosen:**\n\n"
        "**First landform:**\n\n"
        "**Second landform:**\n\n"
        "**Reasons for your reading:**\n\n"
        "## Part Two\n\n"
        "Draw a cross-section through a spur and mark each contour line it crosses.\n\n"
        "**Sketch notes:**\n"
    )
    titles = {c.title.casefold() for c in concepts_of(tmp_path, text, "sheet.md")}
    assert {"contour line", "spur"} <= titles, titles
    assert not titles & {"map chosen", "first landform", "second landform", "sketch notes"}
    assert not titles & {"reasons for your reading", "reasons"}, titles


def test_a_heading_over_nothing_but_answer_blanks_names_no_topic(tmp_path: Path) -> None:
    """ "Your Walk Record:" over "**Route walked:**", "**Landmarks passed:**" heads the form
    the student fills in, no topic: "walk record" was a concept. A heading over a blank
    and some prose ("Field Sketch") still names its topic."""
    text = (
        "# Exercise 5: Mapping the School Grounds\n\n"
        "Walk the school grounds, then keep a walk record of your route from the gate.\n\n"
        "## Your Walk Record:\n\n"
        "**Route walked:**\n\n"
        "**Landmarks passed:**\n\n"
        "## Field Sketch\n\n"
        "A field sketch records what you see from one point, with a north arrow.\n\n"
        "**Your notes:**\n"
    )
    titles = {c.title.casefold() for c in concepts_of(tmp_path, text, "map.md")}
    assert "field sketch" in titles, titles
    assert not titles & {"walk record", "your walk record"}, titles


WORKSHOP = """# Essay Workshop 2

**Draft Due:** Friday, 3/14 by the start of class.

**Final Copy Due:** Oct 4, uploaded as a PDF.

**Thesis:** the one claim an essay argues, stated in its first paragraph.

Write a thesis, then support the thesis with two pieces of evidence. A thesis that
cannot be disputed argues nothing.
"""

FRAGMENTS = """# Exercise 2: Sentence Fragments

A **sentence fragment** lacks a subject or a finite verb.

## Instructions:

- Re-write the passage so that each sentence fragment becomes a sentence.
- Compare your version with a partner's.

## Passage

Walking to the station. The train late again.
"""


def test_a_handouts_deadline_label_is_no_concept(tmp_path: Path) -> None:
    """ "**Draft Due:** Friday, 3/14" and "**Due:** Oct 4" label a handout's deadlines: "draft
    due" was a concept. A bold label glossed by words ("**Thesis:** the claim …") stays."""
    titles = {c.title.casefold() for c in concepts_of(tmp_path, WORKSHOP, "workshop.md")}
    assert "thesis" in titles, titles
    assert not titles & {"draft due", "final copy due", "final copy", "draft"}, titles


def test_a_worksheets_instructions_heading_names_no_topic(tmp_path: Path) -> None:
    """ "Instructions:" over "Re-write the passage …", "Compare …" heads the task, no topic
    ("instructions" was a concept and a module's name). Over prose about a processor's
    instructions, "Instructions" is the topic."""
    titles = {c.title.casefold() for c in concepts_of(tmp_path, FRAGMENTS, "sheet.md")}
    assert "sentence fragment" in titles, titles
    assert "instructions" not in titles, titles
    chip = (
        "# The Processor\n\n## Instructions\n\n"
        "Instructions are the words of a processor's language. Each of the instructions "
        "names an operation and its operands; the instructions of a program run in order.\n"
    )
    found = {c.title.casefold() for c in concepts_of(tmp_path, chip, "chip.md")}
    assert "instructions" in found, found
