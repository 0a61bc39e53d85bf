// One upload exactly as the GraphQL multipart request spec says, sent with Node's own
// fetch and FormData (what a browser app sends): an `operations` part (the query with
// `null` where the file goes), a `map` part, then the file part.
//
//   node upload_client.mjs URL PLAN_JSON
//   PLAN_JSON: {"query", "variables", "filePath", "fileName", "headers"}
// Prints one JSON line: {"status", "contentType", "body"}.
import { readFileSync } from "node:fs";

const [url, rawPlan] = process.argv.slice(2);
const plan = JSON.parse(rawPlan);

const form = new FormData();
form.append(
  "operations",
  JSON.stringify({ query: plan.query, variables: { ...plan.variables, file: null } }),
);
form.append("map", JSON.stringify({ 0: ["variables.file"] }));
const bytes = readFileSync(plan.filePath);
form.append("0", new Blob([bytes]), plan.fileName);

const response = await fetch(url, { method: "POST", body: form, headers: plan.headers ?? {} });
const text = await response.text();
let body;
try {
  body = JSON.parse(text);
} catch {
  body = text;
}
console.log(
  JSON.stringify({
    status: response.status,
    contentType: response.headers.get("content-type"),
    body,
  }),
);
