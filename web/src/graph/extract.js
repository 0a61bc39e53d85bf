// Turns a GraphQL result into a graph: concepts (and the documents they come from)
// as nodes; prerequisite, dependent, related, similar, source and learning-path
// links as edges. Pure (no DOM), so it is tested under node.
//
// A concept is an object with `__typename: "Concept"`, or (when the query did not ask
// for __typename) an object with an `id` and a `title` found where the schema puts
// concepts: under `concept`, `steps`, `target`, `cyclesBroken`, or the nodes/edges of
// a `concepts`/`concept…` connection, or one that carries a concept-only field.

const CONCEPT_KEYS = new Set(["concept", "steps", "target", "cyclesBroken", "concepts"]);
const CONNECTION_KEYS = new Set(["nodes", "edges", "node"]);
const CONCEPT_ONLY_FIELDS = ["difficulty", "prerequisites", "dependents", "related", "sources", "similar"];
const LINK_FIELDS = new Set(["prerequisites", "dependents", "related", "sources", "similar"]);

export function emptyGraph() {
  return { nodes: new Map(), edges: new Map(), path: [] };
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function looksLikeConcept(value, hinted) {
  if (!isObject(value) || typeof value.id !== "string") return false;
  if (value.__typename !== undefined) return value.__typename === "Concept";
  if (typeof value.title !== "string") return false;
  return hinted || CONCEPT_ONLY_FIELDS.some((field) => field in value);
}

function addConcept(graph, concept) {
  const known = graph.nodes.get(concept.id);
  const node = {
    id: concept.id,
    kind: "concept",
    label: concept.title ?? known?.label ?? concept.id,
    difficulty: concept.difficulty ?? known?.difficulty ?? null,
    category: concept.category ?? known?.category ?? null,
  };
  graph.nodes.set(concept.id, { ...known, ...node });
  return concept.id;
}

function addDocument(graph, document) {
  if (!isObject(document) || typeof document.id !== "string") return null;
  const label = document.originalFilename ?? document.filename ?? graph.nodes.get(document.id)?.label ?? document.id;
  graph.nodes.set(document.id, { id: document.id, kind: "document", label });
  return document.id;
}

function addEdge(graph, edge) {
  // Undirected kinds are stored once whichever end asked for them.
  const [a, b] = edge.directed ? [edge.source, edge.target] : [edge.source, edge.target].sort();
  const id = `${edge.kind}:${a}->${b}`;
  graph.edges.set(id, { ...graph.edges.get(id), ...edge, id, source: a, target: b });
}

function linkConcept(graph, id, concept) {
  for (const entry of concept.prerequisites ?? []) {
    if (!looksLikeConcept(entry?.concept, true)) continue;
    const other = addConcept(graph, entry.concept);
    addEdge(graph, prerequisiteEdge(other, id, entry));
  }
  for (const entry of concept.dependents ?? []) {
    if (!looksLikeConcept(entry?.concept, true)) continue;
    const other = addConcept(graph, entry.concept);
    addEdge(graph, prerequisiteEdge(id, other, entry));
  }
  for (const entry of concept.related ?? []) {
    if (!looksLikeConcept(entry?.concept, true)) continue;
    const other = addConcept(graph, entry.concept);
    addEdge(graph, { kind: "RELATED", source: id, target: other, directed: false, label: entry.type ?? null, strength: entry.strength ?? null });
  }
  for (const entry of concept.similar ?? []) {
    if (!looksLikeConcept(entry?.concept, true)) continue;
    const other = addConcept(graph, entry.concept);
    addEdge(graph, { kind: "SIMILAR", source: id, target: other, directed: false, score: entry.score ?? null });
  }
  for (const entry of concept.sources ?? []) {
    const documentId = addDocument(graph, entry?.document);
    if (documentId) {
      addEdge(graph, { kind: "SOURCE", source: id, target: documentId, directed: true, label: entry.page != null ? `p. ${entry.page}` : null });
    }
  }
}

function prerequisiteEdge(before, after, entry) {
  const depth = typeof entry.depth === "number" ? entry.depth : 1;
  return {
    kind: "PREREQUISITE",
    source: before,
    target: after,
    directed: true,
    mandatory: entry.mandatory !== false,
    weight: entry.weight ?? null,
    // depth > 1 comes from prerequisites(depth: n): an ancestor, not a direct edge.
    indirect: depth > 1,
    depth,
  };
}

function addLearningPath(graph, value) {
  const ids = [];
  for (const step of value.steps) {
    if (looksLikeConcept(step, true)) ids.push(addConcept(graph, step));
  }
  ids.forEach((id, index) => {
    graph.nodes.set(id, { ...graph.nodes.get(id), step: index + 1 });
    if (index > 0) addEdge(graph, { kind: "PATH", source: ids[index - 1], target: id, directed: true });
  });
  if (looksLikeConcept(value.target, true)) {
    const target = addConcept(graph, value.target);
    graph.nodes.set(target, { ...graph.nodes.get(target), target: true });
  }
  for (const pair of value.cyclesBroken ?? []) {
    if (Array.isArray(pair) && pair.length === 2 && pair.every((c) => looksLikeConcept(c, true))) {
      addEdge(graph, { kind: "CYCLE_BROKEN", source: addConcept(graph, pair[0]), target: addConcept(graph, pair[1]), directed: true });
    }
  }
  graph.path = ids;
}

function visit(graph, value, hinted, key) {
  if (Array.isArray(value)) {
    for (const item of value) visit(graph, item, hinted, key);
    return;
  }
  if (!isObject(value)) return;
  if (Array.isArray(value.steps) && "target" in value) addLearningPath(graph, value);
  if (looksLikeConcept(value, hinted)) {
    linkConcept(graph, addConcept(graph, value), value);
  }
  for (const [childKey, child] of Object.entries(value)) {
    const childHinted =
      CONCEPT_KEYS.has(childKey) || (key === "data" && childKey.startsWith("concept")) || (hinted && CONNECTION_KEYS.has(childKey));
    // Links were read above; their concepts may carry links of their own.
    visit(graph, child, childHinted || LINK_FIELDS.has(childKey), childKey);
  }
}

/** The graph in `result.data`, merged into `into` when given. */
export function graphFromResult(result, into = emptyGraph()) {
  if (isObject(result) && isObject(result.data)) visit(into, result.data, false, "data");
  return into;
}

export function mergeGraphs(base, extra) {
  const merged = { nodes: new Map(base.nodes), edges: new Map(base.edges), path: extra.path.length ? extra.path : base.path };
  for (const [id, node] of extra.nodes) merged.nodes.set(id, { ...merged.nodes.get(id), ...node });
  for (const [id, edge] of extra.edges) merged.edges.set(id, { ...merged.edges.get(id), ...edge });
  return merged;
}

export function counts(graph) {
  let concepts = 0;
  for (const node of graph.nodes.values()) if (node.kind === "concept") concepts += 1;
  return { concepts, documents: graph.nodes.size - concepts, edges: graph.edges.size };
}
