#!/usr/bin/env bash
# Installs PostgreSQL 15 with the pgvector extension on Debian 12, where pgvector has no binary package:
# builds Debian's own pgvector source package (taken from the trixie suite, source only) against
# postgresql-server-dev-15. Idempotent; needs root.
set -euo pipefail

PG_MAJOR=15
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
export DEBIAN_FRONTEND=noninteractive

need=()
[ -x "/usr/lib/postgresql/${PG_MAJOR}/bin/postgres" ] || need+=("postgresql-${PG_MAJOR}")
[ -x "$PG_CONFIG" ] && [ -d "$("$PG_CONFIG" --includedir-server 2>/dev/null || echo /nonexistent)" ] || need+=("postgresql-server-dev-${PG_MAJOR}")
command -v dpkg-source >/dev/null || need+=(dpkg-dev)
command -v make >/dev/null || need+=(make)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -f "$("$PG_CONFIG" --sharedir)/extension/vector.control" ]; then
  echo "pgvector: already installed for PostgreSQL ${PG_MAJOR}"
  exit 0
fi

# Source entries only: no binary package of trixie can be installed by this.
cat > /etc/apt/sources.list.d/trixie-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt-get update -qq

work=$(mktemp -d)
chmod 755 "$work"  # apt-get source hands the download to the _apt user
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  apt-get source -qq pgvector >/dev/null
  cd "$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
  make -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >/dev/null
  make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
)
echo "pgvector: installed $(grep default_version "$("$PG_CONFIG" --sharedir)/extension/vector.control") for PostgreSQL ${PG_MAJOR}"
