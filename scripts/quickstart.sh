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
echo "== OCR'd sample (tesseract -l eng), first lines: samples/ke-hoach-mau.ocr.txt =="
head -n 8 samples/ke-hoach-mau.ocr.txt
echo
echo "== planparse restore samples/ke-hoach-mau.ocr.txt =="
build/bin/planparse restore samples/ke-hoach-mau.ocr.txt -o build/ke-hoach-mau.restored.txt
head -n 8 build/ke-hoach-mau.restored.txt
echo "..."
echo
echo "== syllable accuracy against the original text =="
printf 'before: '; build/bin/pp-eval --quiet samples/ke-hoach-mau.gold.txt samples/ke-hoach-mau.ocr.txt
printf 'after:  '; build/bin/pp-eval --quiet samples/ke-hoach-mau.gold.txt build/ke-hoach-mau.restored.txt
echo
echo "== planparse parse samples/ke-hoach-mau.ocr.txt (the record: header, sections, signature) =="
build/bin/planparse parse samples/ke-hoach-mau.ocr.txt -o build/ke-hoach-mau.json
build/bin/planparse parse --format md samples/ke-hoach-mau.ocr.txt 2>/dev/null | head -n 12
echo "... (JSON record: build/ke-hoach-mau.json)"
echo
echo "Documents it cites (planparse parse --only references --format tsv):"
build/bin/planparse parse --only references --format tsv samples/ke-hoach-mau.ocr.txt 2>/dev/null | cut -f1,2,4,5
echo
echo "The CLI is build/bin/planparse; 'cmake --install build' installs it."
