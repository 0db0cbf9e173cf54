#!/usr/bin/env bash
# Step 3: install the pinned @github/copilot into a per-version cache directory (reused on self-hosted runners).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

version=${CCI_CLI_VERSION:-}
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  cci_fail "input cli-version must be an exact version such as 1.0.102"
fi
cache_root="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/copilot-ci/copilot-cli"
target="$cache_root/$version"
bin="$target/node_modules/.bin/copilot"

if [ ! -x "$bin" ]; then
  command -v npm >/dev/null 2>&1 || cci_fail "npm is needed to install the Copilot CLI (add actions/setup-node, or use cli-url)"
  mkdir -p "$cache_root"
  # Install next to the target and move it into place, so concurrent jobs never see half an install.
  staging=$(mktemp -d "$cache_root/.install.XXXXXXXX")
  echo "::group::npm install @github/copilot@$version"
  ok=false
  for attempt in 1 2 3; do
    if npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error "@github/copilot@$version"; then
      ok=true
      break
    fi
    echo "npm install failed (attempt $attempt of 3)"
    sleep $((attempt * 5))
  done
  echo "::endgroup::"
  [ "$ok" = true ] || { rm -rf -- "$staging"; cci_fail "could not install @github/copilot@$version from npm"; }
  if ! mv "$staging" "$target" 2>/dev/null; then
    rm -rf -- "$staging" # another job won the race; its install is complete
  fi
fi
[ -x "$bin" ] || cci_fail "the Copilot CLI is missing at $bin after installation"
cci_output cli-path "$bin"
