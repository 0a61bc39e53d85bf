// How the graph looks: one palette shared by the cytoscape stylesheet, the legend and
// the SVG export, so the three always agree.

export const DIFFICULTY_COLOURS = {
  BEGINNER: "#2f9e5b",
  INTERMEDIATE: "#d99a00",
  ADVANCED: "#d14343",
};
export const UNKNOWN_COLOUR = "#8a94a6";
export const DOCUMENT_COLOUR = "#4f6fd1";

/** Per edge kind: colour, width, line style, arrow (directed) and legend text. */
export const EDGE_STYLES = {
  PREREQUISITE: { colour: "#3b4252", width: 2, line: "solid", arrow: true, legend: "prerequisite → dependent (dashed: optional)" },
  PREREQUISITE_INDIRECT: { colour: "#9aa3b2", width: 1, line: "dotted", arrow: true, legend: "prerequisite two or more hops back" },
  PATH: { colour: "#7c3aed", width: 4, line: "solid", arrow: true, legend: "learning path order" },
  RELATED: { colour: "#0e9aa7", width: 1.5, line: "solid", arrow: false, legend: "related" },
  SIMILAR: { colour: "#a3a3a3", width: 1, line: "dotted", arrow: false, legend: "similar (embeddings)" },
  SOURCE: { colour: DOCUMENT_COLOUR, width: 1, line: "solid", arrow: true, legend: "concept → source document" },
  CYCLE_BROKEN: { colour: "#dc2626", width: 2, line: "dashed", arrow: true, legend: "prerequisite ignored (closed a cycle)" },
};

export function nodeColour(node) {
  if (node.kind === "document") return DOCUMENT_COLOUR;
  return DIFFICULTY_COLOURS[node.difficulty] ?? UNKNOWN_COLOUR;
}

/** The style key of an edge: an indirect prerequisite has its own look. */
export function edgeStyleKey(edge) {
  return edge.kind === "PREREQUISITE" && edge.indirect ? "PREREQUISITE_INDIRECT" : edge.kind;
}

/** Dashed when a prerequisite is not mandatory; otherwise the kind's own line. */
export function edgeLine(edge) {
  const style = EDGE_STYLES[edgeStyleKey(edge)] ?? EDGE_STYLES.RELATED;
  if (edge.kind === "PREREQUISITE" && !edge.indirect && edge.mandatory === false) return "dashed";
  return style.line;
}

/** `large`: cheaper text and edges (no ellipsis measuring, no curve bundling). */
export function cytoscapeStyle({ large = false } = {}) {
  const edgeRules = Object.entries(EDGE_STYLES).map(([key, style]) => ({
    selector: `edge[styleKey = "${key}"]`,
    style: {
      "line-color": style.colour,
      "target-arrow-color": style.colour,
      width: style.width,
      "target-arrow-shape": style.arrow ? "triangle" : "none",
    },
  }));
  return [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        label: "data(label)",
        "font-size": 11,
        color: "#1f2937",
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": large ? "none" : "ellipsis",
        "text-max-width": 150,
        "min-zoomed-font-size": 7,
        width: 22,
        height: 22,
        "border-width": 1,
        "border-color": "#ffffff",
      },
    },
    { selector: 'node[kind = "document"]', style: { shape: "round-rectangle", width: 26, height: 18 } },
    { selector: "node[?target]", style: { "border-width": 4, "border-color": "#7c3aed", width: 30, height: 30 } },
    { selector: "node[step]", style: { label: "data(stepLabel)" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#111827" } },
    { selector: "edge", style: { "curve-style": large ? "straight" : "bezier", "line-style": "data(line)", "arrow-scale": 0.9, opacity: 0.9 } },
    ...edgeRules,
    { selector: "edge[label]", style: { label: "data(label)", "font-size": 9, color: "#6b7280", "min-zoomed-font-size": 9 } },
  ];
}
