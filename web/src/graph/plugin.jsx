// The "Graph view" plugin: draws the concepts of the latest result (and learning
// paths) with cytoscape; a click on a concept loads its neighbourhood with a generated
// query and merges it in; the picture exports as PNG or SVG.
import { useEditorContext } from "@graphiql/react";
import cytoscape from "cytoscape";
import { useEffect, useRef, useState } from "react";
import { post } from "../fetcher.js";
import { toElements, toSvg } from "./elements.js";
import { counts, emptyGraph, graphFromResult, mergeGraphs } from "./extract.js";
import { LEARNING_PATH, NEIGHBOURHOOD } from "./queries.js";
import { DIFFICULTY_COLOURS, DOCUMENT_COLOUR, EDGE_STYLES, UNKNOWN_COLOUR, cytoscapeStyle } from "./style.js";

// Above this many nodes cytoscape draws a cached texture while panning and zooming and
// hides edges meanwhile, so moving around stays smooth.
const LARGE_GRAPH = 400;
// Force-directed layout (cose) is quadratic: offered only for graphs this small.
const FORCE_LAYOUT_LIMIT = 300;

// Elements added per task while a large graph is built, so the page keeps answering.
const CHUNK = 500;

// Fits the nodes' positions (plus room for labels) and never blows a handful of nodes
// up to giant circles. Computed from positions rather than cytoscape's bounding boxes,
// which would first measure every label (about a second at 2,000 nodes).
function fit(cy) {
  const nodes = cy.nodes();
  if (!nodes.length) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  nodes.forEach((node) => {
    const { x, y } = node.position();
    [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x), Math.max(y2, y)];
  });
  const width = x2 - x1 + 180;
  const height = y2 - y1 + 100;
  const zoom = Math.min(1.5, Math.max(cy.minZoom(), Math.min(cy.width() / width, cy.height() / height)));
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - ((x1 + x2) / 2) * zoom, y: cy.height() / 2 - ((y1 + y2) / 2) * zoom } });
}

/** Adds `elements` (nodes first) a chunk per task; `done` once all are in. */
function addInChunks(cy, elements, done) {
  let next = 0;
  const step = () => {
    if (cy.destroyed()) return;
    cy.add(elements.slice(next, next + CHUNK));
    next += CHUNK;
    if (next < elements.length) setTimeout(step, 0);
    else done();
  };
  step();
}

function download(name, blob) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function Legend() {
  const difficulties = [...Object.entries(DIFFICULTY_COLOURS), ["unknown", UNKNOWN_COLOUR], ["document", DOCUMENT_COLOUR]];
  return (
    <details className="cg-legend">
      <summary>Legend</summary>
      <ul>
        {difficulties.map(([name, colour]) => (
          <li key={name}>
            <span className="cg-swatch" style={{ background: colour }} /> {name.toLowerCase()}
          </li>
        ))}
        {Object.entries(EDGE_STYLES).map(([kind, style]) => (
          <li key={kind}>
            <span className="cg-line" style={{ borderTop: `${Math.max(2, style.width)}px ${style.line} ${style.colour}` }} /> {style.legend}
          </li>
        ))}
      </ul>
    </details>
  );
}

function GraphView({ url, session, results }) {
  const editor = useEditorContext();
  const container = useRef(null);
  const cyRef = useRef(null);
  const graphRef = useRef(emptyGraph());
  const [stats, setStats] = useState(counts(graphRef.current));
  const [selected, setSelected] = useState(null);
  const [status, setStatus] = useState("Run a query that returns concepts, or click a concept here.");
  const [generated, setGenerated] = useState(null);
  const [full, setFull] = useState(false);

  // Every function here reads only refs and state setters, so the closures that
  // cytoscape's handlers and the results subscription keep never go stale.
  async function expand(query, node, verb) {
    setGenerated({ query, variables: { id: node.id } });
    setStatus(`Loading ${verb} of “${node.label}”…`);
    try {
      const data = await post(url, session, query, { id: node.id });
      const extra = graphFromResult({ data });
      if (!extra.nodes.size) {
        setStatus(`No ${verb} for “${node.label}” (not found, or not visible to you).`);
        return;
      }
      const before = graphRef.current.nodes.size;
      draw(mergeGraphs(graphRef.current, extra));
      setStatus(`Loaded the ${verb} of “${node.label}”: ${graphRef.current.nodes.size - before} new nodes.`);
    } catch (error) {
      setStatus(`Could not load the ${verb} of “${node.label}”: ${error.message}`);
    }
  }

  // (Re)creates cytoscape for `graph`; options for big graphs are set at creation.
  function draw(graph) {
    // User Timing marks: the draw shows up in the browser's performance tools.
    performance.mark("cg-graph-draw-start");
    graphRef.current = graph;
    const large = graph.nodes.size > LARGE_GRAPH;
    if (cyRef.current) cyRef.current.destroy();
    const elements = toElements(graph);
    const cy = cytoscape({
      container: container.current,
      style: cytoscapeStyle({ large }),
      layout: { name: "preset", fit: false },
      minZoom: 0.02,
      maxZoom: 4,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : "auto",
    });
    cy.on("tap", 'node[kind = "concept"]', (event) => {
      const data = event.target.data();
      setSelected(data);
      expand(NEIGHBOURHOOD, data, "neighbourhood");
    });
    cyRef.current = cy;
    container.current.dataset.nodeCount = "0";
    addInChunks(cy, elements, () => {
      fit(cy);
      // Drawn edges: a learning path's order edges are left out when prerequisites show.
      setStats({ ...counts(graph), edges: cy.edges().length });
      container.current.dataset.nodeCount = String(cy.nodes().length);
      container.current.dataset.edgeCount = String(cy.edges().length);
      performance.measure("cg-graph-draw", "cg-graph-draw-start");
    });
  }

  useEffect(() => {
    const show = (result) => {
      const graph = graphFromResult(result);
      if (graph.nodes.size) {
        setSelected(null);
        draw(graph);
        setStatus(graph.path.length ? `Learning path of ${graph.path.length} steps.` : "Drawn from the latest result.");
      }
    };
    if (results.last()) show(results.last());
    const unsubscribe = results.subscribe(show);
    return () => {
      unsubscribe();
      if (cyRef.current) cyRef.current.destroy();
      cyRef.current = null;
    };
  }, [results]);

  useEffect(() => {
    if (!cyRef.current) return;
    cyRef.current.resize();
    fit(cyRef.current);
  }, [full]);

  function relayout(name) {
    const cy = cyRef.current;
    if (!cy) return;
    if (name === "layered") draw(graphRef.current);
    else {
      cy.layout({ name: "cose", animate: false, fit: false }).run();
      fit(cy);
    }
  }

  function exportPng() {
    const cy = cyRef.current;
    if (!cy) return;
    download("knowledge-graph.png", cy.png({ output: "blob", full: true, bg: "#ffffff", scale: 2, maxWidth: 8000, maxHeight: 8000 }));
  }

  function exportSvg() {
    const cy = cyRef.current;
    if (!cy) return;
    const nodes = cy.nodes().map((n) => ({ ...n.data(), ...n.position() }));
    const svg = toSvg(nodes, cy.edges().map((e) => e.data()));
    download("knowledge-graph.svg", new Blob([svg], { type: "image/svg+xml" }));
  }

  function openInEditor() {
    if (!generated || !editor.queryEditor) return;
    editor.addTab();
    // addTab applies on the next render; then the shared editors show the new tab.
    setTimeout(() => {
      editor.queryEditor?.setValue(generated.query);
      editor.variableEditor?.setValue(JSON.stringify(generated.variables, null, 2));
    }, 0);
  }

  const empty = stats.concepts + stats.documents === 0;
  return (
    <section className={`cg-panel cg-graph${full ? " cg-graph--full" : ""}`}>
      <div className="graphiql-doc-explorer-title">Graph view</div>
      <div className="cg-toolbar" role="toolbar" aria-label="Graph view">
        <button type="button" className="graphiql-button" onClick={() => cyRef.current && fit(cyRef.current)} disabled={empty}>Fit</button>
        <button type="button" className="graphiql-button" onClick={() => relayout("layered")} disabled={empty}>Layered</button>
        <button
          type="button"
          className="graphiql-button"
          onClick={() => relayout("force")}
          disabled={empty || stats.concepts + stats.documents > FORCE_LAYOUT_LIMIT}
          title={`Force-directed; up to ${FORCE_LAYOUT_LIMIT} nodes`}
        >
          Force
        </button>
        <button type="button" className="graphiql-button" onClick={exportPng} disabled={empty}>PNG</button>
        <button type="button" className="graphiql-button" onClick={exportSvg} disabled={empty}>SVG</button>
        <button type="button" className="graphiql-button" onClick={() => setFull(!full)} aria-pressed={full}>
          {full ? "Close full screen" : "Full screen"}
        </button>
      </div>
      <p className="cg-graph-stats" data-testid="graph-stats">
        {stats.concepts} concepts · {stats.documents} documents · {stats.edges} edges
      </p>
      <div ref={container} className="cg-graph-canvas" data-testid="graph-canvas" data-node-count="0" data-edge-count="0" />
      <p className="cg-status" role="status">{status}</p>
      {selected ? (
        <div className="cg-selected">
          <strong>{selected.label}</strong>
          <span>{[selected.difficulty?.toLowerCase(), selected.category].filter(Boolean).join(" · ")}</span>
          <div className="cg-toolbar">
            <button type="button" className="graphiql-button" onClick={() => expand(LEARNING_PATH, selected, "learning path")}>
              Learning path to here
            </button>
          </div>
        </div>
      ) : null}
      {generated ? (
        <details className="cg-generated">
          <summary>Generated query</summary>
          <pre>{generated.query}</pre>
          <pre>{JSON.stringify(generated.variables)}</pre>
          <button type="button" className="graphiql-button" onClick={openInEditor}>Open in a new tab</button>
        </details>
      ) : null}
      <Legend />
    </section>
  );
}

function GraphIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <circle cx="5" cy="6" r="2.5" />
      <circle cx="19" cy="6" r="2.5" />
      <circle cx="12" cy="18" r="2.5" />
      <path d="M7.5 6h9M6.3 8.2l4.4 7.6M17.7 8.2l-4.4 7.6" />
    </svg>
  );
}

export function graphViewPlugin({ url, session, results }) {
  return { title: "Graph view", icon: GraphIcon, content: () => <GraphView url={url} session={session} results={results} /> };
}
