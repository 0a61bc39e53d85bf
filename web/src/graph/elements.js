// Between our graph model (extract.js) and what cytoscape draws or the SVG export
// writes: element data with colours, line styles and laid-out positions.
import { layeredPositions } from "./layout.js";
import { EDGE_STYLES, edgeLine, edgeStyleKey, nodeColour } from "./style.js";

export function nodeData(node) {
  return {
    id: node.id,
    kind: node.kind,
    label: node.label,
    difficulty: node.difficulty ?? null,
    category: node.category ?? null,
    colour: nodeColour(node),
    ...(node.step ? { step: node.step, stepLabel: `${node.step}. ${node.label}` } : {}),
    ...(node.target ? { target: true } : {}),
  };
}

export function edgeData(edge) {
  const label = edge.label ?? (edge.indirect ? `${edge.depth} hops` : null);
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    kind: edge.kind,
    styleKey: edgeStyleKey(edge),
    line: edgeLine(edge),
    mandatory: edge.mandatory ?? null,
    ...(label ? { label } : {}),
  };
}

/**
 * Cytoscape elements for `graph`, every node with a position (layout "preset").
 * A learning path's order edges are drawn only when no prerequisite edge is: with
 * prerequisites the numbered steps read clearly, and 40 purple hops would hide them.
 */
export function toElements(graph) {
  const nodes = [...graph.nodes.values()];
  const all = [...graph.edges.values()].filter((e) => graph.nodes.has(e.source) && graph.nodes.has(e.target));
  const hasPrerequisites = all.some((e) => e.kind === "PREREQUISITE");
  const edges = hasPrerequisites ? all.filter((e) => e.kind !== "PATH") : all;
  const positions = layeredPositions(nodes, edges);
  return [
    ...nodes.map((node) => ({ group: "nodes", data: nodeData(node), position: positions[node.id] })),
    ...edges.map((edge) => ({ group: "edges", data: edgeData(edge) })),
  ];
}

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);
}

const DASHES = { dashed: "6 4", dotted: "1.5 3", solid: null };
const RADIUS = 11;

/**
 * A standalone SVG document of the drawn graph.
 * `nodes`: [{id, x, y, label, colour, kind, target?, stepLabel?}]
 * `edges`: [{source, target, styleKey, line, label?}]
 */
export function toSvg(nodes, edges) {
  if (!nodes.length) return '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
  const at = new Map(nodes.map((n) => [n.id, n]));
  const margin = 90;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const minX = Math.min(...xs) - margin;
  const minY = Math.min(...ys) - margin;
  const width = Math.max(...xs) - minX + margin;
  const height = Math.max(...ys) - minY + margin;
  const markers = Object.entries(EDGE_STYLES)
    .filter(([, style]) => style.arrow)
    .map(
      ([key, style]) =>
        `<marker id="arrow-${key}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${style.colour}"/></marker>`,
    );
  const lines = edges.flatMap((edge) => {
    const a = at.get(edge.source);
    const b = at.get(edge.target);
    if (!a || !b) return [];
    const style = EDGE_STYLES[edge.styleKey] ?? EDGE_STYLES.RELATED;
    // Stop at the target circle's rim so the arrow head shows.
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    const x2 = b.x - (dx / length) * RADIUS;
    const y2 = b.y - (dy / length) * RADIUS;
    const dash = DASHES[edge.line] ? ` stroke-dasharray="${DASHES[edge.line]}"` : "";
    const arrow = style.arrow ? ` marker-end="url(#arrow-${edge.styleKey})"` : "";
    const line = `<line x1="${a.x}" y1="${a.y}" x2="${x2}" y2="${y2}" stroke="${style.colour}" stroke-width="${style.width}"${dash}${arrow}/>`;
    const label = edge.label
      ? `<text x="${(a.x + b.x) / 2}" y="${(a.y + b.y) / 2 - 4}" font-size="9" fill="#6b7280" text-anchor="middle">${escapeXml(edge.label)}</text>`
      : "";
    return [line + label];
  });
  const circles = nodes.map((node) => {
    const shape =
      node.kind === "document"
        ? `<rect x="${node.x - 13}" y="${node.y - 9}" width="26" height="18" rx="4" fill="${node.colour}"/>`
        : `<circle cx="${node.x}" cy="${node.y}" r="${node.target ? 15 : RADIUS}" fill="${node.colour}"${node.target ? ' stroke="#7c3aed" stroke-width="4"' : ""}/>`;
    const text = escapeXml(node.stepLabel ?? node.label);
    return `<g>${shape}<text x="${node.x}" y="${node.y + 26}" font-size="11" fill="#1f2937" text-anchor="middle">${text}</text></g>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${width} ${height}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" font-family="sans-serif">`,
    `<defs>${markers.join("")}</defs>`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...lines,
    ...circles,
    "</svg>",
  ].join("\n");
}
