// The "Examples" plugin: saved operations, each opened in a new tab.
import { useEditorContext, useSchemaContext } from "@graphiql/react";
import { useMemo } from "react";
import { examplesFor } from "./examples.js";

function ExamplesPanel() {
  const editor = useEditorContext();
  const { schema } = useSchemaContext();
  const examples = useMemo(() => examplesFor(schema), [schema]);
  function open(example) {
    editor.addTab();
    // addTab applies on the next render; then the shared editors show the new tab.
    setTimeout(() => {
      editor.queryEditor?.setValue(example.query);
      editor.variableEditor?.setValue(JSON.stringify(example.variables, null, 2));
    }, 0);
  }
  return (
    <section className="cg-panel">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <ul className="cg-examples">
        {examples.map((example) => (
          <li key={example.title}>
            <button type="button" className="graphiql-button" onClick={() => open(example)}>
              {example.title}
            </button>
          </li>
        ))}
      </ul>
      <p className="cg-hint">Each opens in a new tab. Only operations the current schema accepts are listed.</p>
    </section>
  );
}

function BookIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z" />
      <path d="M4 21V5M8 7h7M8 11h7" />
    </svg>
  );
}

export const examplesPlugin = { title: "Examples", icon: BookIcon, content: ExamplesPanel };
