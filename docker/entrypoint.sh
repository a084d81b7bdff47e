#!/bin/sh
# The deskstream image's entrypoint: `java $DESKSTREAM_JAVA_OPTS -jar deskstream.jar "$@"`, as the `deskstream`
# script at the repository's top runs it. The arguments are deskstream's (default `run`); every `run` option is
# also read from its DESKSTREAM_* environment variable by deskstream itself.
set -eu

# Throughput first, as the `deskstream` script does: the parallel collector, unless DESKSTREAM_JAVA_OPTS names one.
gc="-XX:+UseParallelGC"
case " ${DESKSTREAM_JAVA_OPTS:-} " in *" -XX:+Use"*"GC"*) gc="" ;; esac

# The commands that run for long compile with C2 alone: on a couple of cores the tiered compilers (C1 first, then C2
# again) still take a fifth of the CPU after minutes of processing, and C2 alone gives about a fifth more events/s
# once warm in `deskstream bench`, for a start-up about 2 s slower. Short commands (ingest, --help) keep the tiers.
# A compilation option in DESKSTREAM_JAVA_OPTS wins.
jit=""
case "${1:-}" in run|demo|bench|bench-freshness|bench-report|soak) jit="-XX:-TieredCompilation" ;; esac
case " ${DESKSTREAM_JAVA_OPTS:-} " in *"TieredCompilation"*|*"TieredStopAtLevel"*) jit="" ;; esac

# DESKSTREAM_JAVA_OPTS is split on spaces on purpose (several options in one variable), like the script.
# shellcheck disable=SC2086
exec java $gc $jit ${DESKSTREAM_JAVA_OPTS:-} -jar /opt/deskstream/deskstream.jar "$@"
