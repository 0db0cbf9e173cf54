#!/usr/bin/env bash
# Step 3: install the pinned @github/copilot with `npm ci --ignore-scripts` from the lockfile this action ships (every
# package's integrity is checked against it, no package's install script runs) into a per-version cache directory,
# and record a manifest of the installed files. A cached CLI (self-hosted runners keep it between jobs) is used only
# when it still matches its manifest; a planted, partial or changed one is reinstalled.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

version=${CCI_CLI_VERSION:-}
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  cci_fail "input cli-version must be an exact version such as 1.0.102"
fi
lock_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/cli"
if [ ! -f "$lock_dir/package.json" ] || [ ! -f "$lock_dir/package-lock.json" ]; then
  cci_fail "the action's lockfile for the Copilot CLI is missing ($lock_dir)"
fi
pinned=$(sed -n 's/^ *"@github\/copilot": *"\([^"]*\)".*/\1/p' "$lock_dir/package.json" | head -n 1)
if [ "$version" != "$pinned" ]; then
  cci_fail "this action installs only the Copilot CLI its lockfile pins (@github/copilot $pinned); set cli-version to $pinned, or start your own CLI and pass cli-url"
fi

cache_root="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/copilot-ci/copilot-cli"
if ! cci_private_dir "$cache_root"; then
  # Another user could swap what we install there: install into a directory of this job only.
  echo "::warning title=Copilot for CI::$(cci_escape_data "the CLI cache $cache_root is not a directory only this user may use (owner, mode 0700, no symlink); installing into a private temporary directory instead")"
  cache_root=$(mktemp -d "${RUNNER_TEMP:-/tmp}/copilot-cli.XXXXXXXX")
fi
target="$cache_root/$version"
bin="$target/node_modules/.bin/copilot"

if cci_cli_verified "$target"; then
  echo "Using the cached Copilot CLI $version (files match the manifest recorded at install)"
else
  if [ -e "$target" ] || [ -L "$target" ]; then
    echo "::warning title=Copilot for CI::$(cci_escape_data "the cached Copilot CLI at $target does not match what was installed (missing manifest, changed files or wrong owner/permissions); reinstalling")"
    rm -rf -- "$target"
  fi
  command -v npm >/dev/null 2>&1 || cci_fail "npm is needed to install the Copilot CLI (add actions/setup-node, or use cli-url)"
  # Install next to the target and move it into place, so concurrent jobs never see half an install.
  staging=$(mktemp -d "$cache_root/.install.XXXXXXXX")
  cp -- "$lock_dir/package.json" "$lock_dir/package-lock.json" "$staging/"
  echo "::group::npm ci --ignore-scripts (@github/copilot@$version from the action's lockfile)"
  ok=false
  for attempt in 1 2 3; do
    if npm ci --prefix "$staging" --ignore-scripts --no-audit --no-fund --loglevel=error; then
      ok=true
      break
    fi
    echo "npm ci failed (attempt $attempt of 3)"
    sleep $((attempt * 5))
  done
  echo "::endgroup::"
  [ "$ok" = true ] || { rm -rf -- "$staging"; cci_fail "could not install @github/copilot@$version from npm"; }
  [ -x "$staging/node_modules/.bin/copilot" ] || { rm -rf -- "$staging"; cci_fail "npm ci did not install the copilot command"; }
  chmod -R go-w -- "$staging"
  cci_cli_manifest "$staging" >"$staging/copilot-ci.manifest"
  chmod 600 -- "$staging/copilot-ci.manifest"
  if [ -e "$target" ] || ! mv -- "$staging" "$target" 2>/dev/null; then
    rm -rf -- "$staging" # another job won the race: use its install only if it checks out
    cci_cli_verified "$target" || cci_fail "the Copilot CLI another job installed at $target does not match its manifest"
  fi
fi
cci_output cli-path "$bin"
