#!/bin/sh
# deps.sh - installs the Debian 12 packages newsroom needs to build, test and benchmark.
set -eu
pkgs="build-essential autoconf automake pkg-config
libncurses-dev libsqlite3-dev libcurl4-openssl-dev libxml2-dev libjansson-dev iso-codes
libcmocka-dev tmux python3 curl valgrind clang libclang-rt-14-dev"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
