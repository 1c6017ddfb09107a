#!/bin/sh
# test_install.sh BUILD_DIR SOURCE_DIR
# Installs libplanparse into a scratch prefix, then builds and runs the
# example program against the installed copy the three ways users will:
# pkg-config with the shared library, pkg-config --static, find_package.
set -eu
build=$1
src=$2
work=$(mktemp -d /tmp/pp_install_XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >"$work/install.log"

libdir=$(find "$prefix" -name planparse.pc -printf '%h\n' | head -n 1 | xargs dirname)
test -f "$prefix/include/planparse.h"
test -f "$prefix/share/man/man1/planparse.1"
test -d "$prefix/share/planparse/samples"
test -x "$prefix/bin/planparse"
test -f "$libdir/cmake/planparse/planparseConfig.cmake"
ls "$libdir"/libplanparse.so.0 "$libdir"/libplanparse.a >/dev/null
# the SONAME is versioned
objdump -p "$libdir/libplanparse.so" | grep -q 'SONAME.*libplanparse\.so\.0'

export PKG_CONFIG_PATH="$libdir/pkgconfig"
# the installed .pc points at the real prefix; rewrite it for this scratch one
sed -i "s|^prefix=.*|prefix=$prefix|" "$libdir/pkgconfig/planparse.pc"

input=$src/samples/ke-hoach-mau.txt
expect_out() {
    # the example normalises the sample: new-style tone marks (Uỷ) in, traditional (Ủy) out
    out=$("$@" "$input")
    echo "$out" | grep -q 'Ủy ban nhân dân' || { echo "unexpected output from $1" >&2; exit 1; }
}

# 1. shared, through pkg-config
cc -Wall -Wextra -Werror -o "$work/ex_shared" "$src/examples/normalize_file.c" \
    $(pkg-config --cflags --libs planparse) -Wl,-rpath,"$libdir"
expect_out "$work/ex_shared"

# 2. static, through pkg-config --static
cc -Wall -Wextra -Werror -o "$work/ex_static" "$src/examples/normalize_file.c" \
    $(pkg-config --cflags planparse) "$libdir/libplanparse.a" $(pkg-config --static --libs-only-l icu-uc)
if ldd "$work/ex_static" | grep -q libplanparse; then
    echo "static example still links libplanparse.so" >&2
    exit 1
fi
expect_out "$work/ex_static"

# 3. CMake find_package
cmake -S "$src/examples" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >"$work/cmake.log"
cmake --build "$work/cmake-build" >>"$work/cmake.log"
expect_out "$work/cmake-build/normalize_file"

# the installed CLI runs from its prefix and finds the installed model
"$prefix/bin/planparse" normalize "$input" | grep -q 'Ủy ban nhân dân'
test -f "$prefix/share/planparse/planparse.model"
"$prefix/bin/planparse" restore "$src/samples/ke-hoach-mau.ocr.txt" | grep -q 'KẾ HOẠCH'
echo "install and examples ok"
