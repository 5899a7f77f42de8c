#!/usr/bin/env bash
# Installs what the test suite needs beyond Go: poppler-utils (pdftotext) for
# the differential PDF tests. Runs apt-get only when the tool is missing and
# we are root; otherwise the tests that need it skip with a message.
set -eu
if command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing poppler-utils for the differential PDF tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
else
  echo "pdftotext is missing and cannot be installed here: differential PDF tests will skip"
fi
