#!/bin/sh
# Installs every Debian 12 package libplanparse needs to build, test and run.
# This is the only place the project fetches anything, and it fetches only
# Debian packages through apt-get. Safe to run again: packages already present
# are not asked for, so a machine that has them never touches the network.
set -eu

# build: compiler, build system, libraries we link (jansson writes the
# JSON records)
BUILD_PKGS="gcc make cmake pkgconf libicu-dev libjansson-dev"
# ingest: PDFs (poppler's glib API, cairo), images (leptonica), OCR
# (tesseract's C API with the Vietnamese model)
INGEST_PKGS="libpoppler-glib-dev libtesseract-dev libleptonica-dev tesseract-ocr-vie"
# test: unit-test framework, memory checker, the hunspell Vietnamese word list
# that the syllable model is checked against, JSON Schema validation of records
TEST_PKGS="libcmocka-dev valgrind hunspell-vi python3 python3-jsonschema"
# ingest tests: scanned PDFs (img2pdf), mixed and encrypted PDFs (qpdf)
INGEST_TEST_PKGS="img2pdf qpdf"
# model: tesseract's Vietnamese word list (combine_tessdata, dawg2wordlist)
MODEL_PKGS="tesseract-ocr tesseract-ocr-vie"

# synthetic OCR (tools/synth, its self-test): render, degrade, OCR in English
SYNTH_PKGS="pango1.0-tools imagemagick tesseract-ocr-eng fontconfig perl fonts-liberation fonts-dejavu-core fonts-noto-core fonts-freefont-ttf"

PKGS="$BUILD_PKGS $INGEST_PKGS $TEST_PKGS $INGEST_TEST_PKGS $MODEL_PKGS $SYNTH_PKGS"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-deps: need root (or sudo) to install:$missing" >&2
        exit 3
    fi
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
