// A layered left-to-right layout: what must be learnt first stands further left.
//
// Linear in nodes + edges (plus one sort per column), so 2,000 nodes are placed in a
// few milliseconds on the main thread; force-directed layouts are quadratic and would
// freeze the page at that size. A node's column is the longest prerequisite chain
// leading to it (Kahn's topological order; a node on a cycle goes one column after its
// placed predecessors). Tall columns wrap into sub-columns, and long chains wrap into
// bands of columns stacked top to bottom, so the picture stays near a screen's shape.

// Edges that order the columns. RELATED/SIMILAR have no direction, and a broken cycle
// edge is exactly the one that must not. A learning path's order (PATH) counts only
// when no prerequisite edge is drawn: it is a total order, one column per step.
const ORDERING = new Set(["PREREQUISITE", "SOURCE"]);
const ORDERING_WITH_PATH = new Set(["PREREQUISITE", "SOURCE", "PATH"]);

export const SPACING = { column: 220, row: 70, subColumn: 170, columnsPerBand: 12, bandGap: 120 };

function columnsOf(ids, links) {
  const out = new Map(ids.map((id) => [id, []]));
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const [source, target] of links) {
    out.get(source).push(target);
    indegree.set(target, indegree.get(target) + 1);
  }
  const column = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (let head = 0; head < queue.length; head += 1) {
    const id = queue[head];
    for (const next of out.get(id)) {
      column.set(next, Math.max(column.get(next), column.get(id) + 1));
      indegree.set(next, indegree.get(next) - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  // A node never queued sits on a cycle; its column already counts its placed predecessors.
  return column;
}

/** The members of one column, ordered by where their predecessors stand, then step, then label. */
function orderColumn(members, predecessors, rank, nodes) {
  const centre = (id) => {
    const ranks = predecessors.get(id).map((p) => rank.get(p)).filter((r) => r !== undefined);
    return ranks.length ? ranks.reduce((a, b) => a + b, 0) / ranks.length : Number.POSITIVE_INFINITY;
  };
  return members
    .map((id) => ({ id, centre: centre(id), step: nodes.get(id).step ?? Number.POSITIVE_INFINITY, label: String(nodes.get(id).label ?? id) }))
    .sort((a, b) => a.centre - b.centre || a.step - b.step || a.label.localeCompare(b.label) || a.id.localeCompare(b.id))
    .map((member) => member.id);
}

/**
 * Positions {id: {x, y}} for `nodes` (array of {id, label, step?}) and `edges`
 * (array of {source, target, kind}). Deterministic for the same input.
 */
export function layeredPositions(nodes, edges, spacing = SPACING) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const ids = [...byId.keys()];
  const ordering = edges.some((e) => e.kind === "PREREQUISITE") ? ORDERING : ORDERING_WITH_PATH;
  const links = edges
    .filter((e) => ordering.has(e.kind) && e.source !== e.target && byId.has(e.source) && byId.has(e.target))
    .map((e) => [e.source, e.target]);
  // A learning path's target comes after its steps even when the query did not ask
  // for the target's own prerequisites (and what depends on it comes after it).
  const steps = ids.filter((id) => byId.get(id).step);
  for (const target of ids.filter((id) => byId.get(id).target)) {
    if (!links.some(([, to]) => to === target)) links.push(...steps.filter((s) => s !== target).map((s) => [s, target]));
  }
  const column = columnsOf(ids, links);
  const predecessors = new Map(ids.map((id) => [id, []]));
  for (const [source, target] of links) predecessors.get(target).push(source);

  const byColumn = new Map();
  for (const id of ids) {
    if (!byColumn.has(column.get(id))) byColumn.set(column.get(id), []);
    byColumn.get(column.get(id)).push(id);
  }
  const maxRows = Math.max(12, Math.ceil(Math.sqrt(ids.length) * 1.5));
  const rank = new Map();
  const positions = {};
  let x = 0;
  let bandTop = 0;
  let bandHeight = 0;
  [...byColumn.keys()]
    .sort((a, b) => a - b)
    .forEach((c, index) => {
      if (index > 0 && index % spacing.columnsPerBand === 0) {
        bandTop += bandHeight + spacing.bandGap;
        bandHeight = 0;
        x = 0;
      }
      const members = orderColumn(byColumn.get(c), predecessors, rank, byId);
      const subColumns = Math.ceil(members.length / maxRows);
      const rows = Math.ceil(members.length / subColumns);
      members.forEach((id, i) => {
        rank.set(id, i);
        positions[id] = { x: x + Math.floor(i / rows) * spacing.subColumn, y: bandTop + (i % rows) * spacing.row };
      });
      bandHeight = Math.max(bandHeight, (rows - 1) * spacing.row);
      x += (subColumns - 1) * spacing.subColumn + spacing.column;
    });
  return positions;
}
