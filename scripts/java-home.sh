#!/usr/bin/env bash
# Sourced by the other scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if new enough, then the default `java`, then any JDK under /usr/lib/jvm (newest first).

flashorder_java_major() { # prints the major version of the given java binary, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  echo "${v%%.*}" | grep -E '^[0-9]+$' || echo 0
}

flashorder_pick_java() {
  local candidate
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && $(flashorder_java_major "$JAVA_HOME/bin/java") -ge 21 ]]; then
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(readlink -f "$(command -v java)")
    if [[ $(flashorder_java_major "$candidate") -ge 21 ]]; then
      export JAVA_HOME="${candidate%/bin/java}"
      return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if [[ -x "$candidate/bin/javac" && $(flashorder_java_major "$candidate/bin/java") -ge 21 ]]; then
      export JAVA_HOME="${candidate%/}"
      return 0
    fi
  done
  echo "Flashorder needs a JDK 21 or newer, and none was found (JAVA_HOME, the default java, /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25, or point JAVA_HOME at it." >&2
  return 1
}

flashorder_pick_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
