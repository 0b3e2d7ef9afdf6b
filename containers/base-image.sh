#!/usr/bin/env bash
# The local base image the services' images build on where no container registry is reachable: Debian bookworm
# (minbase) with a Java 17 JRE and curl (for health checks), made by debootstrap from the Debian mirror this
# machine's apt sources name, saved as a docker-archive tarball for Jib's tar:// base.
#   containers/base-image.sh            # prints the tarball's path; builds it once, then reuses it
# Cached in ${ALPHASTOCKS_CACHE:-~/.cache/alphastocks}; delete the tarball to build it again. Needs root and debootstrap.
set -euo pipefail

cache="${ALPHASTOCKS_CACHE:-$HOME/.cache/alphastocks}"
tarball="$cache/base-jre17.tar"
if [ -s "$tarball" ]; then
  echo "$tarball"
  exit 0
fi

command -v debootstrap >/dev/null || { echo "base-image: debootstrap is needed (apt-get install debootstrap)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "base-image: debootstrap needs root" >&2; exit 1; }
command -v podman >/dev/null || { echo "base-image: podman is needed (apt-get install podman)" >&2; exit 1; }

# The mirror of this machine's apt sources (deb822 .sources files or a one-line sources.list), never a name of ours.
mirror=$( { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}';
            grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' || true; } \
          | grep -v security | head -n 1 || true)
[ -n "$mirror" ] || { echo "base-image: no Debian mirror in /etc/apt/sources.list*" >&2; exit 1; }

mkdir -p "$cache"
work=$(mktemp -d "$cache/rootfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "==> debootstrap bookworm (minbase, openjdk-17-jre-headless, curl) from the apt sources' mirror (about 2 minutes)" >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 20 "$work/debootstrap.log" >&2; echo "base-image: debootstrap failed" >&2; exit 1; }
# Nothing of the build machine's apt state or caches goes into the image.
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
tar -C "$work/rootfs" -c . | podman import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  -c 'ENV LANG=C.UTF-8' - localhost/alphastocks/base-jre:17 >"$work/podman.log" 2>&1 \
  && podman save --format docker-archive -o "$tarball.part" localhost/alphastocks/base-jre:17 >>"$work/podman.log" 2>&1 \
  || { cat "$work/podman.log" >&2; echo "base-image: podman import/save failed" >&2; exit 1; }
mv "$tarball.part" "$tarball"
echo "==> base image $(du -m "$tarball" | cut -f1) MB: $tarball" >&2
echo "$tarball"
