#!/usr/bin/env node
// One graphql-ws client (the library Apollo Client, urql, Relay and GraphiQL use for
// graphql-transport-ws) running a plan of operations over ONE socket, for the e2e tests.
//
//   node tests/e2e/js/ws_client.mjs ws://127.0.0.1:8000/graphql '<plan as JSON>'
//
// plan: {"connectionParams": {...} | null,
//        "operations": [{"label": "me", "query": "...", "variables": {...},
//                        "take": 2 (optional: stop after this many `next` events)}]}
// Operations run one after the other on the same socket. Every event is one JSON line
// on stdout:
//   {"event": "connected", "payload": ...}            connection_ack received
//   {"event": "next", "label": ..., "payload": {...}} a `next` message
//   {"event": "complete", "label": ...}               the server completed it
//   {"event": "stopped", "label": ...}                "take" reached; we completed it
//   {"event": "error", "label": ..., "errors": [...]} an `error` message
//   {"event": "error", "label": ..., "close": {"code": 4401, "reason": "..."}}
//   {"event": "closed", "code": ..., "reason": ...}   the socket closed
//   {"event": "binary-frame"}                         a frame that was not text (a bug)
//   {"event": "done"}                                 the plan ran to its end
// Exit 0 once the plan ran (whatever the server answered: the Python test judges);
// 2 for a usage error or when graphql-ws / ws are not installed (make setup).

import { createRequire } from "node:module";

const [url, rawPlan] = process.argv.slice(2);
if (!url || !/^wss?:\/\//.test(url) || !rawPlan) {
  console.error("usage: node ws_client.mjs <ws(s)://host:port/graphql> '<plan JSON>'");
  process.exit(2);
}

let createClient, WebSocket;
try {
  const require = createRequire(import.meta.url);
  ({ createClient } = require("graphql-ws"));
  WebSocket = require("ws");
} catch (error) {
  console.error(`graphql-ws is not installed (run make setup): ${error.message}`);
  process.exit(2);
}

const emit = (event) => process.stdout.write(JSON.stringify(event) + "\n");

// ws's WebSocket, reporting any frame that is not text: browsers and graphql-ws only
// parse text frames, so a binary one is the bug this suite exists to catch.
class WatchedWebSocket extends WebSocket {
  constructor(...args) {
    super(...args);
    this.on("message", (_data, isBinary) => {
      if (isBinary) emit({ event: "binary-frame" });
    });
  }
}

const plan = JSON.parse(rawPlan);
const client = createClient({
  url,
  webSocketImpl: WatchedWebSocket,
  connectionParams: plan.connectionParams ?? undefined,
  // Connect on the first operation and keep the socket between operations (the
  // tests check that one socket carried them all: one "connected" event).
  lazy: true,
  lazyCloseTimeout: 60_000,
  retryAttempts: 0,
  on: {
    connected: (_socket, payload) => emit({ event: "connected", payload: payload ?? null }),
    closed: (event) => emit({ event: "closed", code: event?.code, reason: event?.reason }),
  },
});

function run(operation) {
  const { label, query, variables, take } = operation;
  return new Promise((resolve) => {
    let seen = 0;
    let finished = false;
    const finish = (event) => {
      if (finished) return; // e.g. the sink's complete after we stopped it ourselves
      finished = true;
      emit(event);
      resolve();
    };
    const dispose = client.subscribe(
      { query, variables: variables ?? {} },
      {
        next: (payload) => {
          if (finished) return;
          emit({ event: "next", label, payload });
          seen += 1;
          if (take && seen >= take) {
            finish({ event: "stopped", label });
            dispose();
          }
        },
        error: (error) => {
          if (finished) return;
          finished = true;
          if (Array.isArray(error)) {
            emit({ event: "error", label, errors: error });
          } else if (error && typeof error.code === "number") {
            emit({ event: "error", label, close: { code: error.code, reason: error.reason } });
          } else {
            emit({ event: "error", label, message: String(error?.message ?? error) });
          }
          resolve();
        },
        complete: () => finish({ event: "complete", label }),
      },
    );
  });
}

try {
  for (const operation of plan.operations) {
    await run(operation);
  }
} finally {
  await client.dispose();
}
emit({ event: "done" });
process.exit(0);
