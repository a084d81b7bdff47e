#!/bin/sh
# The deskstream image's entrypoint: `java $DESKSTREAM_JAVA_OPTS -jar deskstream.jar "$@"`, as the `deskstream`
# script at the repository's top runs it. The arguments are deskstream's (default `run`); every `run` option is
# also read from its DESKSTREAM_* environment variable by deskstream itself.
set -eu

# Throughput first, as the `deskstream` script does: the parallel collector, unless DESKSTREAM_JAVA_OPTS names one.
gc="-XX:+UseParallelGC"
case " ${DESKSTREAM_JAVA_OPTS:-} " in *" -XX:+Use"*"GC"*) gc="" ;; esac

# DESKSTREAM_JAVA_OPTS is split on spaces on purpose (several options in one variable), like the script.
# shellcheck disable=SC2086
exec java $gc ${DESKSTREAM_JAVA_OPTS:-} -jar /opt/deskstream/deskstream.jar "$@"
