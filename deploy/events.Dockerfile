# syntax=docker/dockerfile:1
# The events service. Build from the repository root:
#   docker build -f deploy/events.Dockerfile -t iris/events:dev .
# Runs `iris-events` (gRPC 50053, metrics 9467); `--migrate-only` applies its migrations.
# tzdata: events keep their local days and registration deadlines in their own time zone
# ("the call is open until 14 October" in Europe/Belgrade). Needs IRIS_MEMBERSHIP_ADDR (hosts,
# partners and registrants' organisations are checked with membership).

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
 && ninja -C /build -j"$(nproc)" iris-events \
 && strip --strip-debug -o /iris-events /build/services/events/iris-events \
 && deploy/runtime-packages.sh /iris-events > /runtime-packages

FROM debian:bookworm-slim
COPY --from=build /runtime-packages /tmp/runtime-packages
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata $(cat /tmp/runtime-packages) \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages \
 && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin iris
COPY --from=build /iris-events /usr/local/bin/iris-events
# In a container the service must listen beyond loopback; everything else keeps its default.
ENV IRIS_LISTEN_HOST=0.0.0.0
EXPOSE 50053 9467
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/iris-events"]
