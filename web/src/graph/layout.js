// A layered left-to-right layout: what must be learnt first stands further left.
//
// Linear in nodes + edges (plus one sort per column), so 2,000 nodes are placed in a
// few milliseconds on the main thread; force-directed layouts are quadratic and would
// freeze the page at that size. Columns are the longest prerequisite chain to a node
// (Kahn's topological order; nodes on a cycle go one column after their placed
// predecessors); tall columns wrap into several sub-columns.

// Edges that order the columns. RELATED/SIMILAR have no direction, and a broken cycle
// edge is exactly the one that must not.
const ORDERING = new Set(["PREREQUISITE", "PATH", "SOURCE"]);

export const SPACING = { column: 220, row: 70, subColumn: 170 };

function columnsOf(nodeIds, edges) {
  const out = new Map(nodeIds.map((id) => [id, []]));
  const indegree = new Map(nodeIds.map((id) => [id, 0]));
  for (const edge of edges) {
    if (!ORDERING.has(edge.kind) || edge.source === edge.target) continue;
    if (!out.has(edge.source) || !out.has(edge.target)) continue;
    out.get(edge.source).push(edge.target);
    indegree.set(edge.target, indegree.get(edge.target) + 1);
  }
  const column = new Map(nodeIds.map((id) => [id, 0]));
  const queue = nodeIds.filter((id) => indegree.get(id) === 0);
  for (let head = 0; head < queue.length; head += 1) {
    const id = queue[head];
    for (const next of out.get(id)) {
      column.set(next, Math.max(column.get(next), column.get(id) + 1));
      indegree.set(next, indegree.get(next) - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  // A node left out sits on a cycle; its column already counts its placed predecessors.
  return column;
}

/**
 * Positions {id: {x, y}} for `nodes` (array of {id, label}) and `edges`
 * (array of {source, target, kind}). Deterministic for the same input.
 */
export function layeredPositions(nodes, edges, spacing = SPACING) {
  const ids = nodes.map((node) => node.id);
  const labels = new Map(nodes.map((node) => [node.id, String(node.label ?? node.id)]));
  const column = columnsOf(ids, edges);
  const predecessors = new Map(ids.map((id) => [id, []]));
  for (const edge of edges) {
    if (ORDERING.has(edge.kind) && predecessors.has(edge.target) && predecessors.has(edge.source)) {
      predecessors.get(edge.target).push(edge.source);
    }
  }
  const byColumn = new Map();
  for (const id of ids) {
    const c = column.get(id);
    if (!byColumn.has(c)) byColumn.set(c, []);
    byColumn.get(c).push(id);
  }
  const maxRows = Math.max(12, Math.ceil(Math.sqrt(ids.length) * 1.5));
  const rank = new Map();
  const positions = {};
  let x = 0;
  for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
    // Order a column by where its predecessors stand (fewer crossings), then by label.
    const centre = (id) => {
      const ranks = predecessors.get(id).map((p) => rank.get(p)).filter((r) => r !== undefined);
      return ranks.length ? ranks.reduce((a, b) => a + b, 0) / ranks.length : Number.POSITIVE_INFINITY;
    };
    const members = byColumn
      .get(c)
      .map((id) => ({ id, centre: centre(id), label: labels.get(id) }))
      .sort((a, b) => a.centre - b.centre || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
    const subColumns = Math.ceil(members.length / maxRows);
    const rows = Math.ceil(members.length / subColumns);
    members.forEach((member, index) => {
      rank.set(member.id, index);
      const sub = Math.floor(index / rows);
      const row = index % rows;
      positions[member.id] = { x: x + sub * spacing.subColumn, y: (row - (rows - 1) / 2) * spacing.row };
    });
    x += (subColumns - 1) * spacing.subColumn + spacing.column;
  }
  return positions;
}
