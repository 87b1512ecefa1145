# syntax=docker/dockerfile:1
# The documents service. Build from the repository root:
#   docker build -f deploy/documents.Dockerfile -t iris/documents:dev .
# Runs `iris-documents` (gRPC 50054, metrics 9468); `--migrate-only` applies its migrations.
# Links poppler-cpp (the text of uploaded PDFs, for search): runtime-packages.sh finds its
# libraries like any other. Uploaded PDFs are spooled under TMPDIR (/tmp) while poppler reads
# them: the pod mounts a writable /tmp big enough for IRIS_DOCUMENTS_MAX_UPLOADS files of
# IRIS_DOCUMENTS_MAX_FILE_BYTES. Needs IRIS_MEMBERSHIP_ADDR (organisations) and IRIS_EVENTS_ADDR
# (events linked to campaigns).

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
 && ninja -C /build -j"$(nproc)" iris-documents \
 && strip --strip-debug -o /iris-documents /build/services/documents/iris-documents \
 && deploy/runtime-packages.sh /iris-documents > /runtime-packages

FROM debian:bookworm-slim
COPY --from=build /runtime-packages /tmp/runtime-packages
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates $(cat /tmp/runtime-packages) \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages \
 && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin iris
COPY --from=build /iris-documents /usr/local/bin/iris-documents
# In a container the service must listen beyond loopback; everything else keeps its default.
ENV IRIS_LISTEN_HOST=0.0.0.0
EXPOSE 50054 9468
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/iris-documents"]
