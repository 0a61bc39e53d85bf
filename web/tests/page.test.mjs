// Session storage, header merging, the subscription tap and the saved examples.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { buildSchema } from "graphql";
import { examplesFor, operationFor, STATIC_EXAMPLES } from "../src/examples.js";
import { createResultStore, mergeHeaders, tapIterable } from "../src/fetcher.js";
import { createSessionStore, STORAGE_KEY } from "../src/session.js";

class MemoryStorage {
  constructor(items = {}) {
    this.items = new Map(Object.entries(items));
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

const LATER = "2999-01-01T00:00:00Z";
const login = { token: "tok", expiresAt: LATER, user: { id: "u", username: "ada" } };

test("sign-in stores the session; sign-out removes it", () => {
  const storage = new MemoryStorage();
  const session = createSessionStore(storage);
  const seen = [];
  session.subscribe((value) => seen.push(value?.user.username ?? null));
  assert.deepEqual(session.authHeaders(), {});
  session.signIn(login);
  assert.deepEqual(session.authHeaders(), { Authorization: "Bearer tok" });
  assert.equal(JSON.parse(storage.getItem(STORAGE_KEY)).token, "tok");
  assert.equal(createSessionStore(storage).get().user.username, "ada", "a reload of the tab keeps it");
  session.signOut();
  assert.equal(storage.getItem(STORAGE_KEY), null);
  assert.deepEqual(session.authHeaders(), {});
  assert.deepEqual(seen, ["ada", null]);
});

test("stored garbage and expired sessions are dropped, bad logins refused", () => {
  for (const stored of ["{not json", '{"token": 3}', JSON.stringify({ ...login, expiresAt: "2000-01-01T00:00:00Z" }), JSON.stringify({ ...login, expiresAt: "soon" })]) {
    const storage = new MemoryStorage({ [STORAGE_KEY]: stored });
    assert.equal(createSessionStore(storage).get(), null, stored);
    assert.equal(storage.getItem(STORAGE_KEY), null, stored);
  }
  const session = createSessionStore(new MemoryStorage());
  assert.throws(() => session.signIn({ token: "", expiresAt: LATER, user: { username: "x" } }), /without a token/);
  assert.throws(() => session.signIn({ message: "Invalid credentials" }), /without a token/);
});

test("a session that expires while the page is open is dropped", () => {
  let now = Date.parse("2030-01-01T00:00:00Z");
  const storage = new MemoryStorage();
  const session = createSessionStore(storage, () => now);
  session.signIn({ ...login, expiresAt: "2030-01-01T01:00:00Z" });
  assert.ok(session.get());
  now += 2 * 3600 * 1000;
  assert.equal(session.get(), null);
  assert.deepEqual(session.authHeaders(), {});
  assert.equal(storage.getItem(STORAGE_KEY), null);
});

test("credentials typed into the Headers tab win over the signed-in token", () => {
  const mine = { Authorization: "Bearer tok" };
  assert.deepEqual(mergeHeaders(mine, undefined), mine);
  assert.deepEqual(mergeHeaders(mine, { "X-Trace": "1" }), { Authorization: "Bearer tok", "X-Trace": "1" });
  assert.deepEqual(mergeHeaders(mine, { authorization: "Bearer other" }), { authorization: "Bearer other" });
  assert.deepEqual(mergeHeaders(mine, { "x-api-key": "cgk_x" }), { "x-api-key": "cgk_x" });
  assert.deepEqual(mergeHeaders({}, "not an object"), {});
});

test("the tap reports every subscription event and passes cancellation through", async () => {
  let returned = false;
  const source = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: async () => (i < 2 ? { done: false, value: { data: { n: ++i } } } : new Promise(() => {})),
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  const results = createResultStore();
  const seen = [];
  results.subscribe((r) => seen.push(r.data.n));
  const tapped = tapIterable(source, results.publish);
  assert.deepEqual((await tapped.next()).value, { data: { n: 1 } });
  await tapped.next();
  assert.deepEqual(seen, [1, 2]);
  assert.equal(results.last().data.n, 2);
  await tapped.return();
  assert.equal(returned, true, "stopping the subscription in GraphiQL reaches the socket");
});

const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));

test("every saved example is valid against the committed schema", () => {
  const offered = examplesFor(schema).map((e) => e.title);
  const saved = STATIC_EXAMPLES.map((e) => e.title);
  assert.deepEqual(offered.slice(0, saved.length), saved);
  // The rest are generated for the features the committed schema already has.
  const generated = ["Upload a document and watch it being processed", "Watch a course being generated"];
  assert.ok(offered.slice(saved.length).every((title) => generated.includes(title)), offered.join(", "));
  assert.ok(offered.includes("Watch a course being generated"));
});

test("examples for uploads and generation progress appear once the schema has them", () => {
  const later = buildSchema(`
    scalar Upload
    type Document { id: ID! filename: String! status: String owner: User }
    type User { id: ID! username: String! }
    type Task { id: ID! status: String }
    type UploadPayload { document: Document! task: Task! }
    type Progress { taskId: ID! status: String percent: Float at: String! }
    type Query { me: User }
    type Mutation { uploadDocument(file: Upload!, language: String, title: String): UploadPayload! }
    type Subscription { documentProcessing(documentId: ID!): Progress! courseGeneration(courseId: ID!): Progress! }
  `);
  const titles = examplesFor(later).map((e) => e.title);
  assert.deepEqual(titles, ["Upload a document and watch it being processed", "Watch a course being generated"]);
  const upload = operationFor(later, "mutation", "uploadDocument");
  assert.match(upload, /^mutation UploadDocument\(\$file: Upload!, \$language: String, \$title: String\)/);
  assert.match(upload, /document \{\n\s+id\n\s+filename/);
  assert.equal(operationFor(later, "subscription", "missing"), null);
  assert.equal(operationFor(schema, "mutation", "uploadDocument"), null, "not in today's schema");
});
