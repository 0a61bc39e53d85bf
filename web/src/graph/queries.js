// The queries the graph view generates when a person clicks a concept. They are
// ordinary operations on the public schema (shown in the panel, and can be put in the
// editor), so what the picture shows is exactly what the API answers.

export const CONCEPT_FIELDS = "__typename id title difficulty category";

export const NEIGHBOURHOOD = `query ConceptNeighbourhood($id: ID!) {
  concept(id: $id) {
    ${CONCEPT_FIELDS}
    prerequisites { mandatory weight depth concept { ${CONCEPT_FIELDS} } }
    dependents { mandatory weight depth concept { ${CONCEPT_FIELDS} } }
    related { type strength concept { ${CONCEPT_FIELDS} } }
    sources { page confidence document { __typename id originalFilename } }
  }
}`;

export const LEARNING_PATH = `query LearningPathTo($id: ID!) {
  learningPath(toConceptId: $id) {
    target { ${CONCEPT_FIELDS} }
    steps {
      ${CONCEPT_FIELDS}
      prerequisites { mandatory weight depth concept { ${CONCEPT_FIELDS} } }
    }
    cyclesBroken { ${CONCEPT_FIELDS} }
  }
}`;
