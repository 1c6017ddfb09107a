#!/bin/sh
# check_exports.sh SHARED STATIC: the shared library exports only pp_*
# symbols, and every global symbol the static library defines starts with pp.
set -eu
# __bss_start, _edata and _end mark the linker's segments, not our code
bad=$(nm -D --defined-only "$1" | awk '$2 ~ /[TDBRVW]/ {print $3}' | grep -v -E '^(pp_|__bss_start$|_edata$|_end$)' || true)
if [ -n "$bad" ]; then
    echo "shared library exports symbols without the pp_ prefix:" >&2
    echo "$bad" >&2
    exit 1
fi
n=$(nm -D --defined-only "$1" | grep -c ' pp_' || true)
[ "$n" -gt 10 ] || { echo "only $n pp_ symbols exported" >&2; exit 1; }
bad=$(nm -g --defined-only "$2" | awk 'NF == 3 {print $3}' | grep -v '^pp' || true)
if [ -n "$bad" ]; then
    echo "static library defines global symbols outside the pp namespace:" >&2
    echo "$bad" >&2
    exit 1
fi
echo "exports ok: $n pp_ symbols"
