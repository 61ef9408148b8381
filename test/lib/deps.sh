#!/usr/bin/env bash
# Install the Debian packages needed to build and test dunning.
# Quiet and a no-op when everything is present; needs root otherwise.
set -euo pipefail

packages=(
    postgresql-15
    postgresql-server-dev-15
    postgresql-15-pgtap
    libtap-parser-sourcehandler-pgtap-perl
    libipc-run-perl
    libpq-dev
    libcurl4-openssl-dev
    python3-aiosmtpd
    postgresql-15-pgq3
    make
    gcc
    clang
    libclang-rt-14-dev
    chromium
)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$pkg")
done

((${#missing[@]} == 0)) && exit 0

if ((EUID != 0)); then
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: install them as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
