#!/usr/bin/env bash
# Sourced by run.sh, test.sh and the benchmark: moves to the project root, picks a JDK >= 21, makes sure the local
# PostgreSQL and Redis run, and that the local keys exist.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/java-home.sh
scripts/services.sh start
scripts/keys.sh
