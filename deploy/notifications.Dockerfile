# syntax=docker/dockerfile:1
# The notifications service. Build from the repository root:
#   docker build -f deploy/notifications.Dockerfile -t iris/notifications:dev .
# Runs `iris-notifications` (gRPC 50055, metrics 9469); `--migrate-only` applies its migrations.
# Sends mail (IRIS_SMTP_URL) and Standard Webhooks to partners' URLs: ca-certificates for TLS;
# its mail templates are compiled into the binary. Needs IRIS_WEBHOOK_SECRET_KEY.

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
 && ninja -C /build -j"$(nproc)" iris-notifications \
 && strip --strip-debug -o /iris-notifications /build/services/notifications/iris-notifications \
 && deploy/runtime-packages.sh /iris-notifications > /runtime-packages

FROM debian:bookworm-slim
COPY --from=build /runtime-packages /tmp/runtime-packages
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata $(cat /tmp/runtime-packages) \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages \
 && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin iris
COPY --from=build /iris-notifications /usr/local/bin/iris-notifications
# In a container the service must listen beyond loopback; everything else keeps its default.
ENV IRIS_LISTEN_HOST=0.0.0.0
EXPOSE 50055 9469
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/iris-notifications"]
