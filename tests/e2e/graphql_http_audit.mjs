#!/usr/bin/env node
// GraphQL-over-HTTP conformance audit of a running server, using the `graphql-http`
// package's auditServer() (installed in web/node_modules by web/build.sh; it is a
// devDependency of web/package.json).
//
//   node tests/e2e/graphql_http_audit.mjs http://127.0.0.1:8000/graphql
//
// Prints one JSON object per audit on stdout:
//   {"id": "...", "name": "MUST ...", "status": "ok|notice|warn|error", "reason": "..."}
// ("reason" is null for ok). Exit code 0 once the audit ran, whatever the results:
// the caller (the Python e2e test) decides which statuses fail. Exit 2 for a usage
// error or when the audit itself could not run (e.g. graphql-http not installed).
//
// Every request goes only to the URL given; audits send a few dozen small requests.

import { createRequire } from "node:module";

const url = process.argv[2];
if (!url || !/^https?:\/\//.test(url)) {
  console.error("usage: node tests/e2e/graphql_http_audit.mjs <http(s)://host:port/graphql>");
  process.exit(2);
}

let auditServer;
try {
  // Resolve from web/, where package.json and node_modules live.
  const require = createRequire(new URL("../../web/package.json", import.meta.url));
  ({ auditServer } = require("graphql-http"));
} catch (error) {
  console.error(`graphql-http is not installed (run web/build.sh): ${error.message}`);
  process.exit(2);
}

let results;
try {
  results = await auditServer({ url });
} catch (error) {
  console.error(`audit could not run against ${url}: ${error.stack ?? error}`);
  process.exit(2);
}

for (const result of results) {
  process.stdout.write(
    JSON.stringify({
      id: result.id,
      name: result.name,
      status: result.status,
      reason: result.status === "ok" ? null : result.reason,
    }) + "\n",
  );
}
process.exit(0);
