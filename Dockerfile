# syntax=docker/dockerfile:1
#
# Curriculum Gateway image: one image for the gateway (`curriculum serve`), the
# worker (`curriculum worker`) and the one-shot `curriculum migrate`.
#
#   docker build -t curriculum-gateway .
#
# Stages: graphiql (node: builds the local GraphiQL assets from the npm lock file)
#      -> build    (python: builds the wheel and installs it into a venv)
#      -> runtime  (python slim, non-root, venv + migrations only).

ARG PYTHON_IMAGE=python:3.11-slim
ARG NODE_IMAGE=node:22-bookworm-slim

############################################################################
FROM ${NODE_IMAGE} AS graphiql
WORKDIR /src
# Only what web/build.sh needs, so this layer is cached until web/ changes.
COPY web/package.json web/package-lock.json web/build.sh web/build.mjs web/
COPY web/src/ web/src/
# --no-dev: the browser assets need no devDependencies (graphql-http is for tests).
RUN sh web/build.sh --no-dev \
 && test -s gateway/static/graphiql/graphiql-app.js

############################################################################
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml README.md ./
COPY gateway/ gateway/
COPY schema/ schema/
COPY resolvers/ resolvers/
COPY datasources/ datasources/
COPY jobs/ jobs/
# The generated assets go in before `pip install .` so they are package data.
COPY --from=graphiql /src/gateway/static/graphiql/ gateway/static/graphiql/
RUN pip install . \
 && python -c "import gateway, pathlib; p = pathlib.Path(gateway.__file__).parent / 'static/graphiql/graphiql-app.js'; assert p.is_file(), p"

############################################################################
FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    APP_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000
# The PDF export (WeasyPrint): pango, C font subsetting, and a CJK font for Chinese courses.
# libmagic1: the document pipeline recognises uploads by content (python-magic).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei libmagic1 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# `curriculum migrate` runs alembic from the working directory.
COPY alembic.ini ./
COPY migrations/ migrations/
RUN chown -R root:root /app && chmod -R a+rX /app
# The file store (uploads, exports): a volume shared by every gateway and worker replica
# (compose.yaml mounts `files` here); made here so the volume starts owned by `app`.
ENV FILE_STORE_ROOT=/data/files
RUN mkdir -p /data/files && chown app:app /data/files
USER app:app
EXPOSE 8000
# No HEALTHCHECK here: the same image runs the worker and the one-shot migrate,
# which serve no HTTP. compose.yaml gives the gateway service its /healthz check.
CMD ["curriculum", "serve"]
