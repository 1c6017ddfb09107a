#!/bin/sh
# expect_exit.sh CODE COMMAND [ARGS...]: runs COMMAND, passes when it exits
# with CODE exactly.
want=$1
shift
"$@"
got=$?
if [ "$got" -ne "$want" ]; then
    echo "expect_exit: '$*' exited $got, expected $want" >&2
    exit 1
fi
