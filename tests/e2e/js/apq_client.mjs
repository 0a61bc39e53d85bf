#!/usr/bin/env node
// Apollo Client with its persisted-queries link (Apollo's automatic persisted queries),
// over HTTP, running a plan of operations, for tests/e2e/test_persisted_queries.py.
//
//   node tests/e2e/js/apq_client.mjs http://127.0.0.1:8000/graphql '<plan as JSON>'
//
// plan: {"useGET": true|false,             useGETForHashedQueries (queries only)
//        "headers": {...},                  e.g. {"authorization": "Bearer ..."}
//        "operations": [{"label": "...", "query": "...", "variables": {...},
//                        "mutation": false}]}
// Every HTTP exchange and every result is one JSON line on stdout:
//   {"event": "http", "method": "GET", "hash": "...", "hasQuery": false, "query": null,
//    "status": 200, "body": {...}, "cacheControl": "..."}
// (Apollo hashes the query as it prints it, with the __typename fields its cache adds.)
//   {"event": "result", "label": ..., "data": {...}, "errors": [...]}
//   {"event": "failed", "label": ..., "message": "..."}
//   {"event": "done"}
// Exit 0 once the plan ran (the Python test judges); 2 for a usage error or when
// @apollo/client is not installed (make setup).

import { createHash } from "node:crypto";
import { createRequire } from "node:module";

const [url, rawPlan] = process.argv.slice(2);
if (!url || !/^https?:\/\//.test(url) || !rawPlan) {
  console.error("usage: node apq_client.mjs <http(s)://host:port/graphql> '<plan JSON>'");
  process.exit(2);
}

let apollo, persisted, gql;
try {
  const require = createRequire(import.meta.url);
  apollo = require("@apollo/client");
  persisted = require("@apollo/client/link/persisted-queries");
  ({ gql } = apollo);
} catch (error) {
  console.error(`@apollo/client is not installed (run make setup): ${error.message}`);
  process.exit(2);
}

const plan = JSON.parse(rawPlan);
const emit = (event) => process.stdout.write(JSON.stringify(event) + "\n");

// The real fetch, watched: what the link sent and what the server answered.
async function watchedFetch(input, init = {}) {
  const target = new URL(typeof input === "string" ? input : input.url);
  const method = (init.method || "GET").toUpperCase();
  let sent = {};
  if (method === "GET") {
    const ext = target.searchParams.get("extensions");
    sent = {
      query: target.searchParams.get("query"),
      extensions: ext ? JSON.parse(ext) : null,
    };
  } else if (typeof init.body === "string") {
    sent = JSON.parse(init.body);
  }
  const response = await fetch(input, init);
  const text = await response.clone().text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text.slice(0, 300) };
  }
  emit({
    event: "http",
    method,
    hash: sent.extensions?.persistedQuery?.sha256Hash ?? null,
    hasQuery: typeof sent.query === "string" && sent.query.length > 0,
    query: sent.query ?? null,
    status: response.status,
    cacheControl: response.headers.get("cache-control"),
    body,
  });
  return response;
}

const sha256 = (text) => createHash("sha256").update(text).digest("hex");
const link = persisted
  .createPersistedQueryLink({ sha256, useGETForHashedQueries: Boolean(plan.useGET) })
  .concat(new apollo.HttpLink({ uri: url, fetch: watchedFetch, headers: plan.headers || {} }));
const client = new apollo.ApolloClient({
  link,
  cache: new apollo.InMemoryCache(),
  defaultOptions: {
    query: { fetchPolicy: "no-cache", errorPolicy: "all" },
    mutate: { fetchPolicy: "no-cache", errorPolicy: "all" },
  },
});

for (const op of plan.operations || []) {
  try {
    const document = gql(op.query);
    const result = op.mutation
      ? await client.mutate({ mutation: document, variables: op.variables })
      : await client.query({ query: document, variables: op.variables });
    const errors = result.error ? (result.error.errors ?? [{ message: result.error.message }]) : [];
    emit({ event: "result", label: op.label, data: result.data ?? null, errors });
  } catch (error) {
    emit({ event: "failed", label: op.label, message: String(error?.message ?? error) });
  }
}
emit({ event: "done" });
