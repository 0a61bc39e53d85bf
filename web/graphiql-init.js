// Bootstrap for the GraphiQL page served by gateway/graphiql.py. Kept in a static
// file (copied to /static/graphiql/ by web/build.mjs) so the page's
// Content-Security-Policy needs no 'unsafe-inline' for scripts.
//
// Reads its settings from data-* attributes of <div id="graphiql">:
//   data-endpoint  path (or URL) of the GraphQL endpoint, default "/graphql"
//   data-subscriptions  "ws" to run subscriptions over WebSocket (graphql-transport-ws)
//                       at the same path; anything else disables them
// Headers typed into GraphiQL's "Headers" editor (e.g. {"Authorization": "Bearer …"})
// are sent with every HTTP request and, for subscriptions, as the connection_init
// payload of the WebSocket. They are not persisted to localStorage.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  if (!root || typeof window.GraphiQL === "undefined" || typeof window.ReactDOM === "undefined") {
    document.body.textContent = "GraphiQL assets failed to load.";
    return;
  }
  var endpoint = root.getAttribute("data-endpoint") || "/graphql";
  var httpUrl = new URL(endpoint, window.location.href);
  var options = { url: httpUrl.href };
  if (root.getAttribute("data-subscriptions") === "ws") {
    var wsUrl = new URL(httpUrl.href);
    wsUrl.protocol = httpUrl.protocol === "https:" ? "wss:" : "ws:";
    options.subscriptionUrl = wsUrl.href;
  }
  var fetcher = window.GraphiQL.createFetcher(options);
  var defaultQuery = root.getAttribute("data-default-query") || undefined;
  window.ReactDOM.createRoot(root).render(
    window.React.createElement(window.GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true,
    })
  );
})();
