#!/bin/sh
# Creates (or updates) deskstream's export connectors on the Connect worker: one `PUT /connectors/NAME/config`
# per file in $CONNECTORS_DIR, NAME being the file's name without .json. PUT creates or replaces, so running it
# again changes nothing. Run by docker/compose.yaml's one-shot `connect-setup` service (curlimages/curl).
set -eu

connect="${CONNECT_URL:-http://connect:8083}"
dir="${CONNECTORS_DIR:-/connectors}"

for file in "$dir"/*.json; do
  name="$(basename "$file" .json)"
  tries=0
  while :; do
    tries=$((tries + 1))
    # 409: the worker group is rebalancing; 5xx or no answer: not ready yet. Both pass: try again.
    code="$(curl -s -o /tmp/answer -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
      --data-binary "@$file" "$connect/connectors/$name/config")" || true
    code="${code:-000}"
    case "$code" in
      200|201) echo "connector $name: $code (created or updated)"; break ;;
      409|5*|000)
        if [ "$tries" -ge 30 ]; then
          echo "connector $name: still $code after $tries tries: $(cat /tmp/answer 2>/dev/null)" >&2
          exit 1
        fi
        sleep 2 ;;
      *) echo "connector $name: refused ($code): $(cat /tmp/answer 2>/dev/null)" >&2; exit 1 ;;
    esac
  done
done

# Show where they stand (RUNNING once their tasks have started).
for file in "$dir"/*.json; do
  name="$(basename "$file" .json)"
  curl -sS "$connect/connectors/$name/status" || true
  echo
done
