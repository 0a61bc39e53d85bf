// The graph view's pure parts: result → graph, layout, SVG export.
import assert from "node:assert/strict";
import { test } from "node:test";
import { toElements, toSvg } from "../src/graph/elements.js";
import { counts, graphFromResult, mergeGraphs } from "../src/graph/extract.js";
import { layeredPositions } from "../src/graph/layout.js";

const concept = (id, difficulty = "BEGINNER", extra = {}) => ({ __typename: "Concept", id, title: `T ${id}`, difficulty, ...extra });

test("prerequisites, dependents, related, sources become typed edges", () => {
  const graph = graphFromResult({
    data: {
      concept: concept("c", "ADVANCED", {
        prerequisites: [
          { mandatory: true, weight: 1, depth: 1, concept: concept("p1") },
          { mandatory: false, weight: 0.5, depth: 1, concept: concept("p2") },
          { mandatory: true, weight: 1, depth: 2, concept: concept("pp") },
        ],
        dependents: [{ mandatory: true, weight: 1, depth: 1, concept: concept("d", "INTERMEDIATE") }],
        related: [{ type: "analogy", strength: 0.7, concept: concept("r") }],
        sources: [{ page: 3, confidence: 0.9, document: { __typename: "Document", id: "doc", originalFilename: "ch1.pdf" } }],
      }),
    },
  });
  assert.deepEqual(counts(graph), { concepts: 6, documents: 1, edges: 6 });
  const edges = [...graph.edges.values()];
  const find = (kind, source, target) => edges.find((e) => e.kind === kind && e.source === source && e.target === target);
  assert.equal(find("PREREQUISITE", "p1", "c").mandatory, true);
  assert.equal(find("PREREQUISITE", "p2", "c").mandatory, false);
  assert.equal(find("PREREQUISITE", "pp", "c").indirect, true);
  assert.ok(find("PREREQUISITE", "c", "d"), "a dependent comes after its prerequisite");
  assert.equal(find("RELATED", "c", "r").label, "analogy");
  assert.equal(find("SOURCE", "c", "doc").label, "p. 3");
  assert.equal(graph.nodes.get("doc").label, "ch1.pdf");
  assert.equal(graph.nodes.get("c").difficulty, "ADVANCED");
});

test("a learning path becomes ordered PATH edges, its target and broken cycles", () => {
  const graph = graphFromResult({
    data: {
      learningPath: {
        target: concept("z"),
        steps: [concept("a"), concept("b"), concept("z")],
        cyclesBroken: [[concept("b"), concept("a")]],
      },
    },
  });
  assert.deepEqual(graph.path, ["a", "b", "z"]);
  assert.equal(graph.nodes.get("b").step, 2);
  assert.equal(graph.nodes.get("z").target, true);
  const kinds = [...graph.edges.values()].map((e) => `${e.kind}:${e.source}->${e.target}`).sort();
  assert.deepEqual(kinds, ["CYCLE_BROKEN:b->a", "PATH:a->b", "PATH:b->z"]);
});

test("without __typename, concepts are found where the schema puts them", () => {
  const graph = graphFromResult({
    data: {
      concepts: { nodes: [{ id: "x", title: "X" }], edges: [{ node: { id: "y", title: "Y" } }] },
      courses: { nodes: [{ id: "course", title: "A course", weeks: [{ week: 1, concepts: [{ order: 1, concept: { id: "w", title: "W" } }] }] }] },
      semanticSearch: [{ __typename: "ChunkHit", id: "chunk", score: 1 }],
    },
  });
  assert.deepEqual([...graph.nodes.keys()].sort(), ["w", "x", "y"]);
});

test("results without concepts (errors, subscriptions, other types) give an empty graph", () => {
  for (const result of [null, {}, { errors: [{ message: "x" }] }, { data: null }, { data: { taskProgress: { taskId: "t", status: "RUNNING" } } }, { data: { course: { __typename: "Course", id: "c", title: "C" } } }]) {
    assert.equal(graphFromResult(result).nodes.size, 0, JSON.stringify(result));
  }
});

test("merging keeps both graphs and refreshes known nodes", () => {
  const a = graphFromResult({ data: { concept: concept("a", null, { dependents: [{ mandatory: true, depth: 1, concept: { __typename: "Concept", id: "b", title: "B" } }] }) } });
  const b = graphFromResult({ data: { concept: concept("b", "ADVANCED", { dependents: [{ mandatory: true, depth: 1, concept: concept("c") }] }) } });
  const merged = mergeGraphs(a, b);
  assert.deepEqual([...merged.nodes.keys()].sort(), ["a", "b", "c"]);
  assert.equal(merged.nodes.get("b").difficulty, "ADVANCED");
  assert.equal(merged.edges.size, 2);
  assert.equal(a.nodes.size, 2, "merge does not change its inputs");
});

test("the layout puts prerequisites left of what needs them and survives cycles", () => {
  const nodes = ["a", "b", "c", "d"].map((id) => ({ id, label: id }));
  const edges = [
    { kind: "PREREQUISITE", source: "a", target: "b" },
    { kind: "PREREQUISITE", source: "b", target: "c" },
    { kind: "PREREQUISITE", source: "c", target: "b" }, // a cycle
    { kind: "RELATED", source: "d", target: "a" },
  ];
  const at = layeredPositions(nodes, edges);
  assert.equal(Object.keys(at).length, 4);
  assert.ok(at.a.x < at.b.x);
  assert.equal(at.d.x, at.a.x, "related edges do not order columns");
  for (const p of Object.values(at)) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
});

test("2,000 nodes are laid out without two on one spot", () => {
  const nodes = Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, label: `n${i}` }));
  const edges = nodes.slice(1).map((n, i) => ({ kind: "PREREQUISITE", source: `n${Math.floor(i / 3)}`, target: n.id }));
  const at = layeredPositions(nodes, edges);
  const seen = new Set(Object.values(at).map((p) => `${p.x},${p.y}`));
  assert.equal(seen.size, 2000);
});

test("a learning path alone is one column per step, wrapped into bands", () => {
  const nodes = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, label: `s${i}`, step: i + 1 }));
  const edges = nodes.slice(1).map((n, i) => ({ kind: "PATH", source: `s${i}`, target: n.id }));
  const at = layeredPositions(nodes, edges);
  assert.ok(at.s0.x < at.s1.x && at.s1.x < at.s11.x, "left to right within a band");
  assert.equal(at.s12.x, at.s0.x, "the thirteenth step starts the second band");
  assert.ok(at.s12.y > at.s0.y);
});

test("with prerequisites drawn, columns follow them and path edges are not drawn", () => {
  const graph = graphFromResult({
    data: {
      learningPath: {
        target: concept("c"),
        steps: [concept("b"), concept("a"), concept("c", "BEGINNER", { prerequisites: [{ mandatory: true, depth: 1, concept: concept("a") }] })],
        cyclesBroken: [],
      },
    },
  });
  const elements = toElements(graph);
  const kinds = elements.filter((e) => e.group === "edges").map((e) => e.data.kind);
  assert.deepEqual(kinds, ["PREREQUISITE"]);
  const x = Object.fromEntries(elements.filter((e) => e.group === "nodes").map((e) => [e.data.id, e.position.x]));
  assert.equal(x.a, x.b, "b has no prerequisite: first column, like a");
  assert.ok(x.a < x.c);
  assert.equal(elements.find((e) => e.data.id === "b").data.stepLabel, "1. T b");
});

test("a path's target stands after its steps even without its own prerequisites", () => {
  const graph = graphFromResult({
    data: {
      learningPath: { target: concept("t"), steps: [concept("a"), concept("b", "BEGINNER", { prerequisites: [{ depth: 1, concept: concept("a") }] })] },
      concept: concept("t", "BEGINNER", { dependents: [{ mandatory: true, depth: 1, concept: concept("after") }] }),
    },
  });
  const x = Object.fromEntries(toElements(graph).filter((e) => e.group === "nodes").map((e) => [e.data.id, e.position.x]));
  assert.ok(x.a < x.b && x.b < x.t && x.t < x.after, JSON.stringify(x));
});

test("elements carry colours and line styles; SVG export draws every node and edge", () => {
  const graph = graphFromResult({
    data: { concept: concept("c", "ADVANCED", { prerequisites: [{ mandatory: false, depth: 1, concept: concept("p", "BEGINNER", { title: "<Vectors & Co>" }) }] }) },
  });
  const elements = toElements(graph);
  const edge = elements.find((e) => e.group === "edges").data;
  assert.equal(edge.line, "dashed");
  assert.equal(edge.styleKey, "PREREQUISITE");
  const nodes = elements.filter((e) => e.group === "nodes").map((e) => ({ ...e.data, ...e.position }));
  const svg = toSvg(nodes, [edge]);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((svg.match(/<circle /g) ?? []).length, 2);
  assert.match(svg, /stroke-dasharray="6 4" marker-end="url\(#arrow-PREREQUISITE\)"/);
  assert.ok(svg.includes("&lt;Vectors &amp; Co&gt;") && !svg.includes("<Vectors"));
});
