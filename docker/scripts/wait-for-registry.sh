#!/bin/sh
# Waits until the schema registry deskstream is given answers `GET $SCHEMA_REGISTRY_URL/subjects` with 200
# (Confluent's registry, or Apicurio's Confluent-compatible API): the `registry-ready` service of
# docker/compose.yaml, which deskstream and the Connect worker wait for. Whichever registry the URL names.
set -eu

url="${SCHEMA_REGISTRY_URL:?SCHEMA_REGISTRY_URL is not set}"
tries="${TRIES:-120}"
i=0
until curl -fs -o /dev/null "$url/subjects"; do
  i=$((i + 1))
  if [ "$i" -ge "$tries" ]; then
    echo "the schema registry at $url did not answer after $tries tries" >&2
    exit 1
  fi
  sleep 2
done
echo "the schema registry at $url answers"
