# syntax=docker/dockerfile:1
# The gateway. Build from the repository root:
#   docker build -f deploy/gateway.Dockerfile -t iris/gateway:dev .
# Runs `iris-gateway` (HTTP 8080, metrics 9464), the only public entry, with its docs page
# (GET /docs).

# The docs page: our files and Swagger UI from npm, pinned by its package-lock.json and installed
# as scripts/run.sh installs it (scripts/lib/npm.sh): no install scripts, so swagger-ui-dist's
# telemetry dependency (@scarf/scarf) reports nothing.
FROM debian:bookworm AS docs
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /docs_page
COPY services/gateway/docs_page/package.json services/gateway/docs_page/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY services/gateway/docs_page/ ./

FROM debian:bookworm AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
# The package list lives in one place, shared with scripts/run.sh and scripts/test.sh.
COPY scripts/lib/ scripts/lib/
RUN source scripts/lib/common.sh && source scripts/lib/packages.sh \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${IRIS_BUILD_PACKAGES[@]}" \
 && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
 && ninja -C /build -j"$(nproc)" iris-gateway \
 && strip --strip-debug -o /iris-gateway /build/services/gateway/iris-gateway \
 && deploy/runtime-packages.sh /iris-gateway > /runtime-packages

FROM debian:bookworm-slim
COPY --from=build /runtime-packages /tmp/runtime-packages
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates $(cat /tmp/runtime-packages) \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages \
 && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin iris
COPY --from=build /iris-gateway /usr/local/bin/iris-gateway
COPY --from=docs /docs_page/ /usr/local/share/iris/docs_page/
# Read once at start: a file missing there stops the gateway with one line naming it.
ENV IRIS_DOCS_DIR=/usr/local/share/iris/docs_page
# The gateway listens on 0.0.0.0 by default (IRIS_HTTP_HOST, IRIS_METRICS_HOST).
EXPOSE 8080 9464
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/iris-gateway"]
