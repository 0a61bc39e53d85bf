"""Rules met on a science textbook with formulas, units and worked examples (chemistry):
a formula's quantities and units are no names, nor are the variables of an equation
written in prose."""

from __future__ import annotations

from jobs.pipeline.structure import formula_labels


def test_a_quantity_or_a_unit_inside_a_formula_is_no_label() -> None:
    """ "\\frac{\\text{amount of gas passing through an area}}{\\text{unit of time}}",
    "\\cancel{\\text{mol Al}}", "\\text{cup mix} + …": a worked example writes its
    quantities and units as text inside the maths; they are the formula's operands, not
    the label a textbook sets beside a rule it states."""
    operands = [
        r"$$\text{rate of diffusion} = \frac{\text{amount of gas passing through an area}}"
        r"{\text{unit of time}}$$",
        r"$$0.429\ \cancel{\text{mol Al}}\ \times \ \frac{\text{3 mol}\ \text{I}_{2}}{2\ "
        r"\cancel{\text{mol Al}}}$$",
        r"$$1\ \text{cup mix} + \ \frac{3}{4}\ \text{cup milk} + 1\ \text{egg}$$",
        r"$$(0.08206\ \text{L}\ \cancel{\text{atm mol}^{-1}\ \text{K}^{-1}})$$",
        r"$$\text{mol I}_{2} = 0.644$$",
    ]
    for latex in operands:
        assert formula_labels(latex, 0) == [], latex
    # a label beside the rule it names stays one
    rules = (
        r"$$\begin{aligned} \frac{d}{dx} [f(x) + g(x)] & = \frac{d}{dx} f(x) + \frac{d}{dx} g(x)"
        r" && \textrm{Sum rule} \\ \frac{d}{dx} [f(x) g(x)] & = f(x) g'(x) + g(x) f'(x)"
        r" && \textrm{Product rule} \end{aligned}$$"
    )
    assert [c.term for c in formula_labels(rules, 0)] == ["Sum rule", "Product rule"]
