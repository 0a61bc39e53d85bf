#!/usr/bin/env sh
# Builds the local GraphiQL assets into gateway/static/graphiql/ (generated, gitignored).
#   web/build.sh            npm ci (exact versions from package-lock.json) + copy assets
#   web/build.sh --no-dev   same, without devDependencies (graphql-http); used by the Dockerfile
# Needs node >= 18 and npm. Idempotent; safe to re-run.
set -eu
cd "$(dirname "$0")"
omit=""
if [ "${1:-}" = "--no-dev" ]; then omit="--omit=dev"; fi
npm ci --no-audit --no-fund $omit
node build.mjs "${GRAPHIQL_OUT_DIR:-../gateway/static/graphiql}"
