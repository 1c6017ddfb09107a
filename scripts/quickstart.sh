#!/bin/sh
# Quick start on a fresh Debian 12: installs the packages, builds
# libplanparse and the planparse CLI, and runs it on the bundled sample.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build
cmake --build build -j "$jobs"
echo
echo "== planparse normalize samples/ke-hoach-mau.txt (first lines) =="
build/bin/planparse normalize samples/ke-hoach-mau.txt | head -n 12
echo "..."
echo "The CLI is build/bin/planparse; 'cmake --install build' installs it."
