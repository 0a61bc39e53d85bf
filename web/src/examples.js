// Saved example operations, offered in the "Examples" panel.
//
// Each one is validated against the schema the page loaded, so an example whose
// fields do not exist (yet) is simply not offered. Operations that arrive with later
// features (uploads, document and course-generation progress) are generated from the
// schema when their root fields appear, whatever arguments they end up with.
import { getNamedType, isLeafType, isNonNullType, isObjectType, parse, validate } from "graphql";
import { CONCEPT_FIELDS, LEARNING_PATH } from "./graph/queries.js";

const CONCEPT = CONCEPT_FIELDS;

export const STATIC_EXAMPLES = [
  {
    title: "A course and its weekly plan",
    query: `# Your first course (or a published one) with the concepts of each week, in order.
# The Graph view draws the concepts; click one to load its neighbours.
query CourseWeeklyPlan {
  courses(first: 1) {
    nodes {
      id
      title
      durationWeeks
      hoursPerWeek
      status
      weeks {
        week
        durationMinutes
        concepts { order durationMinutes concept { ${CONCEPT} } }
      }
    }
  }
}`,
    variables: {},
  },
  {
    title: "A learning path to a concept",
    query: `# 1. Run FindConcept and copy an id into the variables below.
# 2. Run LearningPathTo: the Graph view draws the steps in order (purple),
#    with each step's prerequisites (dashed: optional).
query FindConcept($search: String = "Linear Maps") {
  concepts(search: $search, first: 5) { nodes { ${CONCEPT} } }
}

${LEARNING_PATH}`,
    variables: { id: "paste a concept id here" },
  },
  {
    title: "Semantic search",
    query: `# Nearest chunks, concepts and course Q&A by meaning (hybrid adds full-text).
query SemanticSearch($text: String = "how to find eigenvalues of a matrix") {
  semanticSearch(query: $text, kinds: [CONCEPT, CHUNK, QA], limit: 8, hybrid: true) {
    __typename
    ... on ConceptHit { score highlight concept { ${CONCEPT} } }
    ... on ChunkHit { score highlight pageNumber document { id originalFilename } }
    ... on QuestionAnswerHit { score highlight course { id title } }
  }
}`,
    variables: {},
  },
  {
    title: "Watch a task's progress",
    query: `# 1. Run MyTasks (sign in first) and copy a task id into the variables.
# 2. Run WatchTask: its stored state first, then every progress event until it ends.
query MyTasks {
  tasks(first: 10) { edges { node { id taskType status progress stage createdAt } } }
}

subscription WatchTask($taskId: ID!) {
  taskProgress(taskId: $taskId) { taskId status stage percent message at }
}`,
    variables: { taskId: "paste a task id here" },
  },
];

const MAX_DEPTH = 2;

/** A selection set of the leaf fields of `type`, and one level of its objects. */
function selectionFor(type, depth, indent) {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  if (!isObjectType(named) || depth > MAX_DEPTH) return null;
  const pad = "  ".repeat(indent + 1);
  const lines = [];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const sub = selectionFor(field.type, depth + 1, indent + 1);
    if (sub === "") lines.push(`${pad}${field.name}`);
    else if (sub) lines.push(`${pad}${field.name} ${sub}`);
  }
  return lines.length ? `{\n${lines.join("\n")}\n${"  ".repeat(indent)}}` : null;
}

/** An operation calling root field `name` of `operation` with every argument as a variable. */
export function operationFor(schema, operation, name) {
  const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[operation];
  const field = root?.getFields()[name];
  if (!field) return null;
  const selection = selectionFor(field.type, 1, 1);
  if (selection === null) return null;
  const opName = name.charAt(0).toUpperCase() + name.slice(1);
  const params = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  return `${operation} ${opName}${params ? `(${params})` : ""} {\n  ${name}${args ? `(${args})` : ""}${selection ? ` ${selection}` : ""}\n}`;
}

/** Examples generated for root fields that later features add. */
function generatedExamples(schema) {
  const found = [];
  const upload = operationFor(schema, "mutation", "uploadDocument");
  const watchDocument = operationFor(schema, "subscription", "documentProcessing");
  if (upload || watchDocument) {
    const upload_note = upload
      ? `# GraphiQL cannot attach a file: upload with a multipart request (GraphQL
# multipart request spec), with the token from the Sign in panel, e.g.
#   curl -H "Authorization: Bearer $TOKEN" -H "Apollo-Require-Preflight: true" \\
#     <this page's URL> \\
#     -F operations='{"query": "<UploadDocument below>", "variables": {"file": null}}' \\
#     -F map='{"0": ["variables.file"]}' -F 0=@chapter.pdf
# then watch its processing here with the id it returns.
${upload}\n\n`
      : "";
    found.push({ title: "Upload a document and watch it being processed", query: upload_note + (watchDocument ?? ""), variables: {} });
  }
  const watchCourse = operationFor(schema, "subscription", "courseGeneration");
  if (watchCourse) found.push({ title: "Watch a course being generated", query: watchCourse, variables: {} });
  return found;
}

/** The examples that are valid against `schema` (all of them while it is unknown). */
export function examplesFor(schema) {
  if (!schema) return STATIC_EXAMPLES;
  const candidates = [...STATIC_EXAMPLES, ...generatedExamples(schema)];
  return candidates.filter((example) => {
    try {
      return validate(schema, parse(example.query)).length === 0;
    } catch {
      return false;
    }
  });
}
