#!/usr/bin/env bash
# Step 4: pick the Java binary, then the runner jar: bundled at release refs, else built from this checkout.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

java=${CCI_JAVA:-}
if [ -z "$java" ] && [ -n "${CCI_SETUP_JAVA_HOME:-}" ]; then
  java="$CCI_SETUP_JAVA_HOME/bin/java"
fi
if [ -z "$java" ] || [ ! -x "$java" ]; then
  cci_fail "no Java binary available (setup-java did not run or failed)"
fi
settings=$(cci_java_settings "$java") || cci_fail "cannot run $java"
major=$(cci_settings_major "$settings") || cci_fail "cannot tell the version of $java"
[ "$major" -ge 17 ] || cci_fail "Java 17 or newer is required, found Java $major at $java"

action_dir=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}
jar="$action_dir/copilot-runner.jar"
if [ ! -f "$jar" ]; then
  # Not a release ref: build the jar from the action's own checkout (repository root = action_path/..).
  repo=$(cd "$action_dir/.." && pwd)
  jar="$repo/actions-runner/target/copilot-runner.jar"
  if [ ! -f "$jar" ]; then
    [ -f "$repo/pom.xml" ] || cci_fail "no bundled copilot-runner.jar and no pom.xml to build it from"
    command -v mvn >/dev/null 2>&1 || cci_fail "no bundled copilot-runner.jar and Maven (mvn) is not installed to build it; use a release tag"
    java_home=$(cci_setting 'java\.home' "$settings")
    echo "::group::Build copilot-runner.jar with Maven"
    (cd "$repo" && JAVA_HOME="$java_home" mvn -q -B -ntp -pl actions-runner -am package -DskipTests \
      -DskipCliInstall=true -DskipActionValidationInstall=true)
    echo "::endgroup::"
    [ -f "$jar" ] || cci_fail "the Maven build did not produce $jar"
  fi
fi
cci_output java "$java"
cci_output jar "$jar"
# Where the runner's class-data archive for this JDK and jar lives (run.sh maps it, or writes it on a reused runner).
cci_output class-archive "$(cci_class_archive "$settings" "$jar" || true)"
