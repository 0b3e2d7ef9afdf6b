# Sourced by ./alphastocks and .ci/run: finds the container engine and its compose tool.
#   Podman where it is installed; else Docker with "docker compose" where it runs. Podman (Debian's package) with its API service on a local
#   socket, which docker-compose (v1) and Testcontainers talk to through DOCKER_HOST.
# Sets ENGINE (docker|podman), COMPOSE (the compose command, as an array), ALPHASTOCKS_ENGINE_LOG (the API service's log) and
# ALPHASTOCKS_ENGINE_STARTED (1 when this call started the API service), and exports DOCKER_HOST for Podman.
#
# The API service is reused only when it is one this helper started with the same configuration (recorded beside the socket:
# service.id, service.pid); any other service on the socket (an earlier checkout's, one started by hand) is replaced. The sandbox
# settings (containers/containers.conf) are copied beside the socket, so a service never depends on a checkout that may be deleted.
# alphastocks_engine_release stops the service again when this call started it.

alphastocks_engine() {
  ALPHASTOCKS_ENGINE_STARTED=0
  # Podman where it is installed (a docker CLI may be there too, talking to Podman's socket); else Docker.
  if ! command -v podman >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    ENGINE=docker
    if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi
    return 0
  fi
  if ! command -v podman >/dev/null 2>&1; then
    echo "alphastocks: no container engine: install Docker, or Podman (Debian: apt-get install podman runc docker-compose)" >&2
    return 1
  fi
  ENGINE=podman
  ALPHASTOCKS_PODMAN_DIR="${ALPHASTOCKS_PODMAN_DIR:-/tmp/alphastocks-podman-$(id -u)}"
  local dir="$ALPHASTOCKS_PODMAN_DIR"
  local socket="$dir/podman.sock"
  mkdir -p "$dir"
  export DOCKER_HOST="unix://$socket"
  export ALPHASTOCKS_ENGINE_LOG="$dir/service.log"
  # This sandbox's limits and cgroups need containers/containers.conf (see the file), copied beside the socket; a user's own
  # CONTAINERS_CONF wins.
  if [ -z "${CONTAINERS_CONF:-}" ]; then
    cmp -s "$ROOT/containers/containers.conf" "$dir/containers.conf" 2>/dev/null || cp "$ROOT/containers/containers.conf" "$dir/containers.conf"
    CONTAINERS_CONF="$dir/containers.conf"
  fi
  export CONTAINERS_CONF
  local wanted
  wanted="CONTAINERS_CONF=$CONTAINERS_CONF sha256=$(sha256sum <"$CONTAINERS_CONF" | cut -d' ' -f1) $(podman --version)"
  if alphastocks_engine_answers "$socket"; then
    local recorded pid
    recorded=$(cat "$dir/service.id" 2>/dev/null || true)
    pid=$(cat "$dir/service.pid" 2>/dev/null || true)
    if [ "$recorded" = "$wanted" ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      alphastocks_engine_compose
      return
    fi
    echo "alphastocks: replacing podman's API service on $socket: it was started ${recorded:+with }${recorded:-by something else}, not with $wanted" >&2
    alphastocks_engine_stop "$dir" "$socket"
  fi
  rm -f "$socket"
  nohup podman system service --time=0 "$DOCKER_HOST" </dev/null >"$ALPHASTOCKS_ENGINE_LOG" 2>&1 &
  echo $! >"$dir/service.pid"
  echo "$wanted" >"$dir/service.id"
  ALPHASTOCKS_ENGINE_STARTED=1
  for _ in $(seq 1 50); do
    alphastocks_engine_answers "$socket" && break
    sleep 0.2
  done
  alphastocks_engine_answers "$socket" \
    || { echo "alphastocks: podman's API service did not start (its log: cat $ALPHASTOCKS_ENGINE_LOG)" >&2; return 1; }
  alphastocks_engine_compose
}

alphastocks_engine_answers() {
  curl -fs --max-time 5 --unix-socket "$1" http://d/_ping >/dev/null 2>&1
}

alphastocks_engine_compose() {
  if command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose); else COMPOSE=(podman-compose); fi
  command -v "${COMPOSE[0]}" >/dev/null 2>&1 \
    || { echo "alphastocks: no compose tool: apt-get install docker-compose (or podman-compose)" >&2; return 1; }
}

# Stops the API service on the socket: the one recorded, else whatever podman service serves that socket.
alphastocks_engine_stop() {
  local dir="$1" socket="$2" pids
  pids=$(cat "$dir/service.pid" 2>/dev/null || true)
  pids="$pids $(pgrep -f "podman system service .*unix://$socket" 2>/dev/null || true)"
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alphastocks_engine_answers "$socket" || break
    sleep 0.2
  done
  for pid in $pids; do kill -9 "$pid" 2>/dev/null || true; done
  rm -f "$dir/service.id" "$dir/service.pid" "$socket"
}

# Stops podman's API service when alphastocks_engine started it (in this shell), and says so.
alphastocks_engine_release() {
  [ "${ENGINE:-}" = podman ] && [ "${ALPHASTOCKS_ENGINE_STARTED:-0}" = 1 ] || return 0
  alphastocks_engine_stop "$ALPHASTOCKS_PODMAN_DIR" "$ALPHASTOCKS_PODMAN_DIR/podman.sock"
  ALPHASTOCKS_ENGINE_STARTED=0
  echo "==> stopped podman's API service (started for this command)" >&2
}
