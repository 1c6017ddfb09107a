#!/bin/sh
# check_quality.sh BUILD_DIR: fails when restoration quality falls below
# the floors (a little under the figures measured when they were set; see
# the README). Raise them when the figures improve.
set -eu
build=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$("$here/tools/eval/run-all.sh" "$build")
echo "$out"
status=0
floor() { # floor LABEL min|max LIMIT
    v=$(echo "$out" | grep "^$1" | grep -o '[0-9.]*%' | head -n 1 | tr -d %)
    if ! awk -v v="$v" -v lim="$3" -v kind="$2" 'BEGIN { exit !(v != "" && (kind == "min" ? v >= lim : v <= lim)) }'; then
        echo "FAIL: $1 $v% (limit: $2 $3%)" >&2
        status=1
    fi
}
floor "seed 001:" min 97.7
floor "synthetic test:" min 97.0
floor "stripped test:" min 97.8
floor "harm, held-out docs:" max 0.1
floor "harm, seeds 002+003:" max 0.1
exit $status
