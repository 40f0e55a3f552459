# llmload in a container, for loads sent from many machines (docs/scale-out.md).
#
#   docker build -t llmload:latest .
#   docker run --rm llmload:latest --version
#
# Stage 1 builds with the Swift 6.3 toolchain; stage 2 is a slim Ubuntu holding only the
# executable (the Swift runtime and Foundation linked in, --static-swift-stdlib) and the
# report's assets, which must stay beside it (llmload_LLMLoadReport.resources).
FROM swift:6.3-noble AS build
WORKDIR /src
# The dependencies first, so that a change to the sources does not fetch them again.
COPY Package.swift Package.resolved ./
RUN swift package resolve
# Every target the manifest declares must exist, the tests' included; only llmload is built.
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product llmload --static-swift-stdlib \
    && mkdir -p /out \
    && cp .build/release/llmload /out/ \
    && cp -R .build/release/llmload_LLMLoadReport.resources /out/

FROM ubuntu:24.04
# CA certificates for https targets; tzdata so --start-at and report times read as given.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ /usr/local/bin/
# No root: the results volume must be writable by this user (fsGroup in the Job does it).
RUN useradd --uid 10001 --create-home llmload && mkdir -p /results && chown 10001 /results
USER 10001
WORKDIR /results
ENTRYPOINT ["llmload"]
CMD ["--help"]
