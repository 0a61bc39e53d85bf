// Entry point of the GraphiQL page served by gateway/graphiql.py (bundled by
// web/build.mjs into /static/graphiql/graphiql-app.js; the page has no inline script,
// so its CSP is script-src 'self').
//
// Settings come from data-* attributes of <div id="graphiql">:
//   data-endpoint       path (or URL) of the GraphQL endpoint, default "/graphql"
//   data-subscriptions  "ws": subscriptions over a graphql-transport-ws WebSocket at
//                       the same path; anything else disables them
//   data-default-query  the query of a first tab
import "graphiql/graphiql.css";
import "@graphiql/plugin-explorer/dist/style.css";
import "./styles.css";
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import { examplesPlugin } from "./examples-plugin.jsx";
import { createGatewayFetcher, createResultStore } from "./fetcher.js";
import { graphViewPlugin } from "./graph/plugin.jsx";
import { createSessionStore } from "./session.js";
import { SignedInBadge, revalidate, signInPlugin } from "./signin.jsx";

function start(root) {
  const httpUrl = new URL(root.getAttribute("data-endpoint") || "/graphql", window.location.href);
  let subscriptionUrl;
  if (root.getAttribute("data-subscriptions") === "ws") {
    const wsUrl = new URL(httpUrl.href);
    wsUrl.protocol = httpUrl.protocol === "https:" ? "wss:" : "ws:";
    subscriptionUrl = wsUrl.href;
  }
  const session = createSessionStore(window.sessionStorage);
  const results = createResultStore();
  const url = httpUrl.href;
  const fetcher = createGatewayFetcher({ url, subscriptionUrl, session, results });
  const plugins = [signInPlugin({ url, session }), explorerPlugin(), graphViewPlugin({ url, session, results }), examplesPlugin];
  revalidate(url, session);
  createRoot(root).render(
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultQuery={root.getAttribute("data-default-query") || undefined}
      defaultEditorToolsVisibility
      shouldPersistHeaders={false}
      isHeadersEditorEnabled
    >
      <GraphiQL.Logo>
        Curriculum Gateway <SignedInBadge session={session} />
      </GraphiQL.Logo>
    </GraphiQL>,
  );
}

const root = document.getElementById("graphiql");
if (root) start(root);
