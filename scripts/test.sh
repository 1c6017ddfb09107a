#!/bin/sh
# Runs the whole test suite from a clean clone: installs what it needs
# (Debian packages only), builds with warnings as errors, and runs every test
# through ctest: unit tests plain and under ASan+UBSan, valgrind runs, the
# exported-symbol check and the install + examples check.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DPP_WERROR=ON -DPP_SANITIZE_TESTS=ON
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"
