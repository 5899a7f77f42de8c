#!/usr/bin/env bash
# Installs what the test suite needs beyond Go, from Debian's packages:
#   poppler-utils   pdftotext/pdftoppm: differential PDF tests, OCR fixtures, pages rendered for OCR
#   libopenjp2-tools  opj_compress: a JPEG 2000 scan made in a test
#   tesseract-ocr, tesseract-ocr-chi-sim   OCR of scanned reports
#   libreoffice-writer-nogui, libreoffice-calc-nogui   .doc/.wps conversion, XLSX round trip
#   chromium        renders the HTML report in tests
#   sqlite3         opens the dataset in tests
#   fonts-noto-cjk  Chinese text in rendered pages
# Runs apt-get only for what is missing and only as root; elsewhere the
# tests that need a missing tool skip with a message (and fail under CI=true).
set -eu
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have pdftotext || need+=(poppler-utils)
have opj_compress || need+=(libopenjp2-tools)
have tesseract || need+=(tesseract-ocr)
{ have tesseract && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; } || need+=(tesseract-ocr-chi-sim)
have soffice || need+=(libreoffice-writer-nogui)
{ have soffice && [ -e /usr/lib/libreoffice/program/libsclo.so ]; } || need+=(libreoffice-calc-nogui)
have chromium || need+=(chromium)
have sqlite3 || need+=(sqlite3)
fc-list 2>/dev/null | grep -qi "noto.*cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && have apt-get; then
  echo "installing test dependencies: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "missing and not installable here (not root or no apt-get): ${need[*]}; tests that need them will skip"
fi
