// How the page talks to the gateway.
//
// - GraphiQL's fetcher (queries and mutations over POST, subscriptions over a
//   graphql-transport-ws WebSocket) with the signed-in user's token added: as the
//   Authorization header over HTTP, and in the connection_init payload on a socket
//   (browsers cannot set headers on a WebSocket; GraphiQL's toolkit sends the
//   request headers as the connection params).
// - `post()`: one request outside the editor, for the sign-in panel and the graph
//   view's generated queries (so a password never lands in GraphiQL's history).
// - A result store that the graph view reads: every result GraphiQL shows,
//   including each event of a subscription.
import { createGraphiQLFetcher } from "@graphiql/toolkit";

const CREDENTIAL_HEADERS = new Set(["authorization", "x-api-key"]);

/** Headers for one request: the signed-in token unless the Headers tab names credentials. */
export function mergeHeaders(sessionHeaders, editorHeaders) {
  const typed = editorHeaders && typeof editorHeaders === "object" ? editorHeaders : {};
  const typesCredentials = Object.keys(typed).some((name) => CREDENTIAL_HEADERS.has(name.toLowerCase()));
  // The server refuses a token and a key together, and fetch would join two
  // Authorization values with a comma: what the person typed wins.
  return typesCredentials ? { ...typed } : { ...sessionHeaders, ...typed };
}

export function createResultStore() {
  const listeners = new Set();
  let last = null;
  return {
    last: () => last,
    publish(result) {
      last = result;
      for (const listener of [...listeners]) listener(result);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function isAsyncIterable(value) {
  return value !== null && typeof value === "object" && typeof value[Symbol.asyncIterator] === "function";
}

/** The same stream, telling `publish` about each event; return() still cancels it. */
export function tapIterable(iterable, publish) {
  const inner = iterable[Symbol.asyncIterator]();
  const tapped = {
    async next() {
      const step = await inner.next();
      if (!step.done) publish(step.value);
      return step;
    },
    return(value) {
      return inner.return ? inner.return(value) : Promise.resolve({ done: true, value });
    },
    throw(error) {
      return inner.throw ? inner.throw(error) : Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return tapped;
    },
  };
  return tapped;
}

export function createGatewayFetcher({ url, subscriptionUrl, session, results }) {
  const base = createGraphiQLFetcher({
    url,
    subscriptionUrl,
    // The gateway answers plain JSON; without this every answer is an async generator.
    enableIncrementalDelivery: false,
  });
  return async (params, options = {}) => {
    const headers = mergeHeaders(session.authHeaders(), options.headers);
    const out = await base(params, { ...options, headers });
    if (params.operationName === "IntrospectionQuery") return out;
    if (isAsyncIterable(out)) return tapIterable(out, results.publish);
    results.publish(out);
    return out;
  };
}

/** A GraphQL error that carries the server's message (and HTTP status, if any). */
export class RequestError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * One operation over HTTP as the signed-in user (or `headers`' credentials).
 * Resolves to `data`; rejects with a RequestError whose message is the server's.
 */
export async function post(url, session, query, variables = {}, headers = session.authHeaders()) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new RequestError(`cannot reach the gateway: ${error.message}`, 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new RequestError(`the gateway answered HTTP ${response.status} without JSON`, response.status);
  }
  if (body.errors && body.errors.length) {
    throw new RequestError(body.errors.map((e) => e.message).join("; "), response.status);
  }
  if (!response.ok) throw new RequestError(`the gateway answered HTTP ${response.status}`, response.status);
  return body.data;
}
