#!/usr/bin/env bash
# Step 5: map the inputs to the runner jar's command line and run it. Secrets travel only in the environment.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

java=${CCI_JAVA:?} jar=${CCI_JAR:?} work_dir=${CCI_WORK_DIR:?}

args=("$CCI_MODE")
if [ -n "${CCI_CLI_URL:-}" ]; then
  args+=(--cli-url "$CCI_CLI_URL")
  if [ -n "${CCI_CLI_CONNECTION_TOKEN:-}" ]; then
    export COPILOT_CONNECTION_TOKEN="$CCI_CLI_CONNECTION_TOKEN"
  fi
else
  args+=(--cli-path "${CCI_CLI_PATH:?the Copilot CLI was not installed}")
fi
[ -z "${CCI_MODEL:-}" ] || args+=(--model "$CCI_MODEL")
[ -z "${CCI_PROVIDER_TYPE:-}" ] || args+=(--provider-type "$CCI_PROVIDER_TYPE")
[ -z "${CCI_PROVIDER_BASE_URL:-}" ] || args+=(--provider-base-url "$CCI_PROVIDER_BASE_URL")
if [ -n "${CCI_PROVIDER_API_KEY:-}" ]; then
  export COPILOT_CI_PROVIDER_API_KEY="$CCI_PROVIDER_API_KEY"
  args+=(--provider-api-key-env COPILOT_CI_PROVIDER_API_KEY)
fi
if [ -n "${CCI_PROMPT:-}" ]; then
  # Through a file: no argv size limit, not visible in the process list, never parsed as an option.
  printf '%s' "$CCI_PROMPT" >"$work_dir/prompt.txt"
  args+=(--prompt-file "$work_dir/prompt.txt")
elif [ -n "${CCI_PROMPT_FILE:-}" ]; then
  args+=(--prompt-file "$CCI_PROMPT_FILE")
fi
[ -z "${CCI_OUTPUT_SCHEMA:-}" ] || args+=(--output-schema "$CCI_OUTPUT_SCHEMA")
[ -z "${CCI_SESSION_ID:-}" ] || args+=(--session-id "$CCI_SESSION_ID")
args+=(--timeout "$CCI_TIMEOUT" --permissions "$CCI_PERMISSIONS" --post "$CCI_POST")
# The step's working directory is the checkout the model works in (the jar would default to GITHUB_WORKSPACE).
args+=(--working-directory "$PWD")
[ -z "${CCI_DIFF_FILE:-}" ] || args+=(--diff-file "$CCI_DIFF_FILE")
[ -z "${CCI_BASE:-}" ] || args+=(--base "$CCI_BASE")
instructions=${CCI_INSTRUCTIONS:-}
if [ -z "$instructions" ]; then
  # A pull request's checkout holds its author's AGENTS.md & co.: read them from the base ref instead.
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request*) instructions=base ;;
  esac
fi
[ -z "$instructions" ] || args+=(--instructions "$instructions")
[ -z "${CCI_LOG_FILE:-}" ] || args+=(--log-file "$CCI_LOG_FILE")
if [ "$CCI_MODE" = explain-failure ] && [ -z "${CCI_LOG_FILE:-}" ]; then
  # No log file: explain the failed jobs of a run from the API (auto: the triggering run on workflow_run, else this).
  args+=(--run-id "${CCI_RUN_ID:-auto}")
fi
[ -z "${CCI_FAIL_ON:-}" ] || args+=(--fail-on "$CCI_FAIL_ON")
[ -z "${CCI_MAX_MODEL_CALLS:-}" ] || args+=(--max-model-calls "$CCI_MAX_MODEL_CALLS")
[ -z "${CCI_MAX_TOKENS:-}" ] || args+=(--max-tokens "$CCI_MAX_TOKENS")
if [ "$CCI_MODE" = review ]; then
  # Outside the checkout (so it is never committed by a later step) and outside the work dir (kept for later steps).
  args+=(--findings-file "$(mktemp "${RUNNER_TEMP:-$work_dir}/copilot-findings.XXXXXXXX")")
fi

# Tokens under the names the runner jar and the CLI read; only set when given, so an empty input never hides
# a value the caller set in the job's env.
if [ -n "${CCI_GITHUB_TOKEN:-}" ]; then
  export GITHUB_TOKEN="$CCI_GITHUB_TOKEN"
fi
if [ -n "${CCI_COPILOT_TOKEN:-}" ]; then
  export COPILOT_GITHUB_TOKEN="$CCI_COPILOT_TOKEN"
fi
unset CCI_GITHUB_TOKEN CCI_COPILOT_TOKEN CCI_PROVIDER_API_KEY CCI_CLI_CONNECTION_TOKEN CCI_PROMPT

# Job-scoped Copilot home (RUNNER_TEMP is emptied after the job), so a later step can resume the session.
export COPILOT_HOME="${RUNNER_TEMP:-$work_dir}/copilot-ci-home"
mkdir -p "$COPILOT_HOME"
chmod 700 "$COPILOT_HOME"

# A composite action cannot set timeout-minutes: bound the whole run here as a backstop to --timeout.
# GNU timeout signals its whole process group, so a CLI the jar started goes too.
limit=$((CCI_TIMEOUT + 120))

# Start-up options (measured in BENCHMARKS.md) and class-data sharing: a run that finds the runner's archive for this
# JDK and jar maps it and starts ~45 ms sooner. Where runners are reused (self-hosted, or outside Actions) the first
# successful run writes it (~0.1 s once); a GitHub-hosted machine serves one job, where it would cost more than it
# saves. The archive is written under a unique temporary name and moved into place only after a successful run, so
# no run ever maps a half-written or partial one.
jvm=("@$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/runner-jvm.options")
archive=${CCI_CLASS_ARCHIVE:-} pending='' mapped=false
# The JVM maps an archive as trusted, already verified classes: only from a directory only this user may use (0700,
# ours, no symlink), and only a file ours that nobody else may write. Anything else is neither mapped nor written.
if [ -n "$archive" ] && ! cci_private_dir "${archive%/*}"; then
  echo "::notice title=Copilot for CI::$(cci_escape_data "class-data directory ${archive%/*} is not private to this user (owner, mode 0700, no symlink): not used")"
  archive=''
elif [ -n "$archive" ] && { [ -e "$archive" ] || [ -L "$archive" ]; } && ! { [ -f "$archive" ] && cci_is_private "$archive" 022; }; then
  echo "::notice title=Copilot for CI::$(cci_escape_data "class-data archive $archive is not a file only this user may change: not used")"
  archive=''
fi
if [ -n "$archive" ]; then
  if [ -s "$archive" ]; then
    jvm+=("-XX:SharedArchiveFile=$archive")
    mapped=true
    touch "$archive" 2>/dev/null || true # its last use, for pruning
  elif [ "${RUNNER_ENVIRONMENT:-}" != github-hosted ]; then
    if pending=$(mktemp "$archive.XXXXXX" 2>/dev/null); then
      jvm+=("-XX:ArchiveClassesAtExit=$pending")
    else
      pending=''
    fi
  fi
fi

if command -v timeout >/dev/null 2>&1; then
  runner=(timeout --kill-after=30 "$limit" "$java" "${jvm[@]}" -jar "$jar")
else
  runner=("$java" "${jvm[@]}" -jar "$jar")
fi
"${runner[@]}" "${args[@]}" </dev/null &
pid=$!
echo "$pid" >"$work_dir/runner.pid"
trap 'kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true' INT TERM
status=0
wait "$pid" || status=$?
while kill -0 "$pid" 2>/dev/null; do
  # A signal ended the wait, not the runner: let it finish ending (it stops its CLI, may write its archive).
  status=0
  wait "$pid" || status=$?
done
rm -f "$work_dir/runner.pid"
if [ -n "$pending" ]; then
  if [ "$status" -eq 0 ] && [ -s "$pending" ]; then
    mv -f "$pending" "$archive" 2>/dev/null || rm -f "$pending"
    # Archives no run has used for a week (older JDKs and jars) and temporary files of runs that were killed.
    find "${archive%/*}" -type f -name 'copilot-runner-*' ! -path "$archive" \
      \( -name '*.jsa' -mtime +7 -o ! -name '*.jsa' -mmin +60 \) -exec rm -f {} + 2>/dev/null || true
  else
    rm -f "$pending"
  fi
elif [ "$mapped" = true ] && { [ "$status" -eq 134 ] || [ "$status" -eq 135 ]; }; then
  rm -f "$archive" # the JVM crashed mapping it (a damaged file): the next run writes a new one
fi
if [ "$status" -eq 124 ]; then
  cci_fail "the Copilot runner did not finish within $limit seconds and was stopped"
fi
exit "$status"
