# Sourced by the bench scripts (which define as_root): ensure_deb_src adds a
# deb-src entry for bookworm beside Debian 12's deb822 sources when apt has
# none, so that `apt-get source` works.
ensure_deb_src() {
  local list=/etc/apt/sources.list.d/pitfix-bench-src.sources
  grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list \
    /etc/apt/sources.list.d/ && return 0
  echo "bench: adding $list" >&2
  as_root tee "$list" >/dev/null <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  as_root apt-get update -qq
}
