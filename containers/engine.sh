# Sourced by ./alphastocks: finds the container engine and its compose tool.
#   Podman where it is installed; else Docker with "docker compose" where it runs. Podman (Debian's package) with its API service on a local
#   socket, which docker-compose (v1) and Testcontainers talk to through DOCKER_HOST.
# Sets ENGINE (docker|podman), COMPOSE (the compose command, as an array) and exports DOCKER_HOST for Podman.

alphastocks_engine() {
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
  # This sandbox's limits and cgroups need containers/containers.conf (see the file); a user's own setting wins.
  export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/containers/containers.conf}"
  local dir="${ALPHASTOCKS_PODMAN_DIR:-/tmp/alphastocks-podman-$(id -u)}"
  local socket="$dir/podman.sock"
  export DOCKER_HOST="unix://$socket"
  if ! curl -fs --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then
    mkdir -p "$dir"
    nohup podman system service --time=0 "$DOCKER_HOST" >"$dir/service.log" 2>&1 &
    for _ in $(seq 1 50); do
      curl -fs --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 && break
      sleep 0.2
    done
    curl -fs --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 \
      || { echo "alphastocks: podman's API service did not start (log: $dir/service.log)" >&2; return 1; }
  fi
  if command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose); else COMPOSE=(podman-compose); fi
  command -v "${COMPOSE[0]}" >/dev/null 2>&1 \
    || { echo "alphastocks: no compose tool: apt-get install docker-compose (or podman-compose)" >&2; return 1; }
}
