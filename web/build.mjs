#!/usr/bin/env node
// Builds the GraphiQL explorer into gateway/static/graphiql/ (generated, gitignored)
// so /graphiql and /graphql load with no CDN and no network. Run through
// web/build.sh, which first runs `npm ci` (exact versions from package-lock.json).
//
// One esbuild bundle from web/src/main.jsx:
//   graphiql-app.js    React 18, GraphiQL 3, the Explorer plugin, the graphql-ws client,
//                      cytoscape and our plugins (sign-in, graph view, examples), as one
//                      IIFE: no eval, no inline script, so the page's CSP stays
//                      script-src 'self'.
//   graphiql-app.css   GraphiQL's and the Explorer's styles plus ours (GraphiQL's fonts
//                      are already data: URLs).
// plus THIRD_PARTY_LICENSES.txt (the licence of every npm package that ended up in the
// bundle, read from esbuild's metafile) and manifest.json (versions, sizes, SHA-256).

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(here, "node_modules");
const outDir = resolve(process.argv[2] ?? join(here, "..", "gateway", "static", "graphiql"));

// Licences we accept anywhere in the runtime dependency tree (a superset of what is
// bundled). Python-2.0 is the permissive PSF licence of `argparse`, the CLI helper of
// markdown-it (not part of the browser bundle).
const PERMISSIVE = new Set([
  "MIT", "ISC", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0", "0BSD", "CC0-1.0", "BlueOak-1.0.0", "Python-2.0",
]);

function fail(message) {
  console.error(`web/build.mjs: ${message}`);
  process.exit(1);
}

function pkg(name) {
  const file = join(nodeModules, name, "package.json");
  if (!existsSync(file)) fail(`${name} is not installed; run web/build.sh (npm ci) first`);
  return JSON.parse(readFileSync(file, "utf8"));
}

function major(version) {
  return Number.parseInt(String(version).split(".")[0], 10);
}

// The plugins and @graphiql/react must be the one copy GraphiQL itself uses, or
// their hooks would read a different React context. GraphiQL 3 is the line whose
// Explorer plugin (3.x) and @graphiql/react (0.29) fit React 18 without Monaco.
const versions = Object.fromEntries(
  ["react", "react-dom", "graphiql", "@graphiql/react", "@graphiql/plugin-explorer", "graphql", "graphql-ws", "cytoscape"].map(
    (name) => [name, pkg(name).version],
  ),
);
if (major(versions.react) !== 18 || major(versions["react-dom"]) !== 18) {
  fail(`react/react-dom must be 18.x (got ${versions.react}/${versions["react-dom"]})`);
}
if (major(versions.graphiql) !== 3) fail(`graphiql must be 3.x (got ${versions.graphiql})`);
if (existsSync(join(nodeModules, "graphiql", "node_modules", "@graphiql", "react"))) {
  fail("graphiql has its own nested @graphiql/react; pin @graphiql/react to the version graphiql depends on");
}

const { build } = await import("esbuild");

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const result = await build({
  entryPoints: { "graphiql-app": join(here, "src", "main.jsx") },
  outdir: outDir,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none", // the licence texts go to THIRD_PARTY_LICENSES.txt instead
  metafile: true,
  logLevel: "warning",
});
if (result.errors.length) fail("esbuild failed");

const js = readFileSync(join(outDir, "graphiql-app.js"), "utf8");
for (const needle of ["graphql-transport-ws", "cytoscape", "createRoot"]) {
  if (!js.includes(needle)) fail(`graphiql-app.js does not contain ${JSON.stringify(needle)}`);
}
// CSP: script-src 'self' without 'unsafe-eval'.
if (/\bnew Function\(|\beval\(/.test(js)) fail("graphiql-app.js uses eval or new Function (the page's CSP forbids it)");

// Every npm package with a file in the bundle, from the metafile's inputs.
const bundled = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) continue;
  const nameParts = parts[at + 1].startsWith("@") ? parts.slice(at + 1, at + 3) : [parts[at + 1]];
  const dir = join(here, ...parts.slice(0, at + 1 + nameParts.length));
  bundled.set(dir, nameParts.join("/"));
}

// The licence of every non-dev package in the lock file (what the bundle may contain).
const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"));
const bad = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.startsWith("node_modules/") || entry.dev) continue;
  const license = entry.license ?? "UNKNOWN";
  if (!PERMISSIVE.has(license)) bad.push(`${path.slice(path.lastIndexOf("node_modules/") + 13)}@${entry.version}: ${license}`);
}
if (bad.length) fail(`non-permissive licences in the runtime tree:\n  ${bad.join("\n  ")}`);

const notices = [];
for (const [dir, name] of [...bundled].sort((a, b) => a[1].localeCompare(b[1]))) {
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const license = meta.license ?? "UNKNOWN";
  if (!PERMISSIVE.has(license)) fail(`bundled package ${name}@${meta.version} has licence ${license}`);
  const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  const text = licenseFile ? readFileSync(join(dir, licenseFile), "utf8").trim() : `(${license}; no licence file shipped)`;
  notices.push(`${"=".repeat(78)}\n${name}@${meta.version} — ${license}\n${"=".repeat(78)}\n${text}\n`);
}
writeFileSync(
  join(outDir, "THIRD_PARTY_LICENSES.txt"),
  `Third-party software bundled into graphiql-app.js / graphiql-app.css (${notices.length} npm packages).\n\n` +
    notices.join("\n"),
);

const manifest = { generatedBy: "web/build.mjs", packages: versions, bundledPackages: bundled.size, files: {} };
for (const target of ["graphiql-app.js", "graphiql-app.css", "THIRD_PARTY_LICENSES.txt"]) {
  const data = readFileSync(join(outDir, target));
  manifest.files[target] = { bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") };
}
writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

const kib = (name) => `${name} ${(manifest.files[name].bytes / 1024).toFixed(0)} KiB`;
console.log(
  `GraphiQL ${versions.graphiql} + React ${versions.react} bundle written to ${outDir}` +
    ` (${kib("graphiql-app.js")}, ${kib("graphiql-app.css")}; ${bundled.size} packages)`,
);
