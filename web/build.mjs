#!/usr/bin/env node
// Copies the GraphiQL browser assets out of web/node_modules into
// gateway/static/graphiql/ (generated, gitignored) so the explorer loads with no
// CDN and no network. Run through web/build.sh, which first runs `npm ci`.
//
// What is copied (all UMD builds that define browser globals):
//   react.production.min.js      -> window.React     (react 18; React 19 has no UMD)
//   react-dom.production.min.js  -> window.ReactDOM  (react-dom 18)
//   graphiql.min.js              -> window.GraphiQL  (graphiql 3; 4+ has no UMD).
//                                   It bundles graphql-js and the graphql-ws client
//                                   that GraphiQL.createFetcher({subscriptionUrl})
//                                   uses, so no separate graphql-ws file is needed.
//   graphiql.min.css             (fonts are inlined as data: URLs)
//   graphiql-init.js             our bootstrap (web/graphiql-init.js), so the page
//                                needs no inline script
// plus THIRD_PARTY_LICENSES.txt and a manifest.json with the versions.

import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(here, "node_modules");
const outDir = resolve(process.argv[2] ?? join(here, "..", "gateway", "static", "graphiql"));

// Licences we accept for anything in the runtime dependency tree (a superset of what
// the UMD bundle contains). Python-2.0 is the permissive PSF licence of `argparse`,
// the CLI helper of markdown-it (not part of the browser bundle).
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

const react = pkg("react");
const reactDom = pkg("react-dom");
const graphiql = pkg("graphiql");
if (major(react.version) !== 18 || major(reactDom.version) !== 18) {
  fail(`react/react-dom must be 18.x for the UMD builds (got ${react.version}/${reactDom.version})`);
}
if (major(graphiql.version) !== 3) fail(`graphiql must be 3.x for the UMD build (got ${graphiql.version})`);

const files = [
  ["react/umd/react.production.min.js", "react.production.min.js"],
  ["react-dom/umd/react-dom.production.min.js", "react-dom.production.min.js"],
  ["graphiql/graphiql.min.js", "graphiql.min.js"],
  ["graphiql/graphiql.min.css", "graphiql.min.css"],
];

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const manifest = { generatedBy: "web/build.mjs", packages: {}, files: {} };
for (const [source, target] of files) {
  const from = join(nodeModules, source);
  if (!existsSync(from)) fail(`missing ${source} in node_modules (did the package drop its UMD build?)`);
  copyFileSync(from, join(outDir, target));
}
copyFileSync(join(here, "graphiql-init.js"), join(outDir, "graphiql-init.js"));

// Sanity checks: the UMD wrappers define the globals graphiql-init.js uses.
const graphiqlJs = readFileSync(join(outDir, "graphiql.min.js"), "utf8");
for (const needle of [".GraphiQL=", "createFetcher", "graphql-transport-ws"]) {
  if (!graphiqlJs.includes(needle)) fail(`graphiql.min.js does not contain ${JSON.stringify(needle)}`);
}
if (!readFileSync(join(outDir, "react-dom.production.min.js"), "utf8").includes("createRoot")) {
  fail("react-dom UMD build has no createRoot");
}

// Licences of every non-dev package in the lock file (the bundle is built from them).
const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"));
const notices = [];
const bad = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.startsWith("node_modules/") || entry.dev) continue;
  const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
  const license = entry.license ?? "UNKNOWN";
  if (!PERMISSIVE.has(license)) bad.push(`${name}@${entry.version}: ${license}`);
  const dir = join(here, path);
  const licenseFile = existsSync(dir)
    ? readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f))
    : undefined;
  const text = licenseFile ? readFileSync(join(dir, licenseFile), "utf8").trim() : `(${license}; no licence file shipped)`;
  notices.push(`${"=".repeat(78)}\n${name}@${entry.version} — ${license}\n${"=".repeat(78)}\n${text}\n`);
}
if (bad.length) fail(`non-permissive licences in the runtime tree:\n  ${bad.join("\n  ")}`);
writeFileSync(
  join(outDir, "THIRD_PARTY_LICENSES.txt"),
  "Third-party software in this folder (GraphiQL UMD bundle and React 18 UMD builds).\n\n" + notices.join("\n"),
);

for (const name of ["react", "react-dom", "graphiql", "graphql"]) manifest.packages[name] = pkg(name).version;
for (const target of [...files.map(([, t]) => t), "graphiql-init.js", "THIRD_PARTY_LICENSES.txt"]) {
  const data = readFileSync(join(outDir, target));
  manifest.files[target] = { bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") };
}
writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

console.log(`GraphiQL ${graphiql.version} + React ${react.version} assets written to ${outDir}`);
