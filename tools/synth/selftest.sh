#!/usr/bin/env bash
# selftest.sh - quick check of make-ocr-pairs.sh on the bundled sample.
# Usage: tools/synth/selftest.sh        (exit 0 = all checks passed)
# Takes ~20-30 s on 2 cores; runs at most 2 tesseract processes at once.
set -euo pipefail
export LC_ALL=C.UTF-8

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
gen=$here/make-ocr-pairs.sh
sample=$(cd "$here/../.." && pwd)/samples/ke-hoach-mau.txt
LPP=12          # small pages -> several pages (and fonts/recipes) from one sample

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocr-pairs-selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

nfail=0
pass() { printf 'ok   %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; nfail=$(( nfail + 1 )); }

# Vietnamese letters with diacritics (precomposed, NFC) incl. đ/Đ.
VI='àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ'
count_vi() { { grep -o "[$VI]" "$@" || true; } | wc -l; }

[[ -r $sample ]] || { echo "FAIL sample not found: $sample"; exit 1; }

# ---- 1. run twice with the same seed (keep images: they must match too)
for run in a b; do
    if "$gen" -j 2 -s 7 -l "$LPP" -k "$tmp/$run" "$sample" 2>"$tmp/$run.err"; then
        pass "run $run exited 0"
    else
        fail "run $run exited non-zero:"; sed 's/^/     /' "$tmp/$run.err"
    fi
done

out=$tmp/a
mapfile -t ids < <(cut -f1 "$out/manifest.tsv" 2>/dev/null)
nlines=$(grep -cv '^[[:space:]]*$' "$sample")
expect_min=$(( (nlines + LPP - 1) / LPP ))
if (( ${#ids[@]} >= expect_min )); then
    pass "manifest lists ${#ids[@]} pages (>= $expect_min expected)"
else
    fail "manifest lists ${#ids[@]} pages, expected >= $expect_min"
fi
if [[ -n $(awk -F'\t' 'NF != 4' "$out/manifest.tsv") ]]; then
    fail "manifest.tsv has lines without exactly 4 tab-separated columns"
fi

# ---- 2. per-page files
gold_vi=0 ocr_vi=0 eq=0
for id in "${ids[@]}"; do
    g=$out/$id.gold.txt o=$out/$id.ocr.txt
    if [[ -s $g && -s $o ]]; then :; else fail "$id: gold or ocr file missing/empty"; continue; fi
    [[ -s $out/$id.png ]] || fail "$id: -k given but no image kept"
    nv=$(count_vi "$g")
    (( nv > 0 )) || fail "$id: gold has no Vietnamese diacritics"
    gold_vi=$(( gold_vi + nv ))
    ocr_vi=$(( ocr_vi + $(count_vi "$o") ))
    if grep -q '^.\{81,\}' "$g"; then fail "$id: gold line longer than 80 characters"; fi
    if grep -q '^[[:space:]]*$' "$g"; then fail "$id: gold has empty lines"; fi
    if grep -qP '[\x{0300}-\x{036F}]' "$g"; then fail "$id: gold is not NFC (combining marks)"; fi
    if (( $(wc -l <"$g") > LPP )); then fail "$id: gold has more than $LPP lines"; fi
    if (( $(wc -l <"$g") == $(wc -l <"$o") )); then eq=$(( eq + 1 )); fi
done
pass "checked ${#ids[@]} page pairs; $eq/${#ids[@]} have equal gold/ocr line counts"
if (( gold_vi > 0 && ocr_vi * 2 < gold_vi )); then
    pass "diacritics: gold $gold_vi, ocr $ocr_vi (eng loses most of them)"
else
    fail "diacritics: gold $gold_vi, ocr $ocr_vi (expected ocr < half of gold)"
fi
if (( eq * 2 < ${#ids[@]} )); then
    fail "fewer than half of the pages have equal gold/ocr line counts"
fi

# ---- 3. determinism
if diff -r "$tmp/a" "$tmp/b" >"$tmp/diff" 2>&1; then
    pass "two runs with seed 7 are byte-identical (text, manifest, images)"
else
    fail "two runs with the same seed differ:"; head -n 20 "$tmp/diff" | sed 's/^/     /'
fi

# ---- 4. a failing page is reported, the others still finish, exit != 0
# A tesseract shim on PATH that fails for page 2 only.
mkdir -p "$tmp/bin"
real_tess=$(command -v tesseract)
cat >"$tmp/bin/tesseract" <<EOF
#!/usr/bin/env bash
case "\${1:-}" in *-p002/page.png) echo "injected failure" >&2; exit 1 ;; esac
exec "$real_tess" "\$@"
EOF
chmod +x "$tmp/bin/tesseract"
rc=0
PATH=$tmp/bin:$PATH "$gen" -j 2 -s 7 -l "$LPP" "$tmp/c" "$sample" 2>"$tmp/c.err" || rc=$?
base=$(basename "$sample" .txt)
if (( rc != 0 )) && grep -q "page $base-p002 failed" "$tmp/c.err" \
   && [[ ! -e $tmp/c/$base-p002.ocr.txt && -s $tmp/c/$base-p001.ocr.txt && -s $tmp/c/$base-p003.ocr.txt ]] \
   && ! grep -q -- '-p002' "$tmp/c/manifest.tsv"; then
    pass "injected page failure: reported, other pages done, exit code $rc"
else
    fail "injected page failure not handled (rc=$rc):"; sed 's/^/     /' "$tmp/c.err"
fi

# ---- 5. a missing font gives a clear error naming a package
rc=0
"$gen" -f "No Such Serif" "$tmp/d" "$sample" 2>"$tmp/d.err" || rc=$?
if (( rc != 0 )) && grep -q "No Such Serif" "$tmp/d.err"; then
    pass "missing font rejected: $(head -n 1 "$tmp/d.err")"
else
    fail "missing font not rejected clearly (rc=$rc)"
fi

if (( nfail )); then
    printf '%d check(s) FAILED\n' "$nfail"
    exit 1
fi
echo "all checks passed"
