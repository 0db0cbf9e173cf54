#!/usr/bin/env bash
# Step 1: register secrets with the log masker, validate inputs, create a private work directory, find Java.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Mask first, before anything could print a secret (GitHub already masks secrets and github.token;
# values passed in another way are covered too).
cci_mask "${CCI_GITHUB_TOKEN:-}"
cci_mask "${CCI_COPILOT_TOKEN:-}"
cci_mask "${CCI_PROVIDER_API_KEY:-}"
cci_mask "${CCI_CLI_CONNECTION_TOKEN:-}"

case ${CCI_MODE:-} in
  prompt | review | explain-failure | comment) ;;
  *) cci_fail "input mode must be prompt, review, explain-failure or comment (got '$(cci_sanitize "${CCI_MODE:-}")')" ;;
esac
case ${CCI_POST:-} in
  none | comment | review) ;;
  *) cci_fail "input post must be none, comment or review (got '$(cci_sanitize "${CCI_POST:-}")')" ;;
esac
case ${CCI_PERMISSIONS:-} in
  deny | read-only | allow-all) ;;
  *) cci_fail "input permissions must be deny, read-only or allow-all (got '$(cci_sanitize "${CCI_PERMISSIONS:-}")')" ;;
esac
if ! [[ ${CCI_TIMEOUT:-} =~ ^[1-9][0-9]{0,4}$ ]]; then
  cci_fail "input timeout must be a whole number of seconds between 1 and 99999"
fi
if [ -n "${CCI_PROMPT:-}" ] && [ -n "${CCI_PROMPT_FILE:-}" ]; then
  cci_fail "set only one of the inputs prompt and prompt-file"
fi
if [ "$CCI_MODE" = prompt ] && [ -z "${CCI_PROMPT:-}" ] && [ -z "${CCI_PROMPT_FILE:-}" ]; then
  cci_fail "mode prompt needs the input prompt or prompt-file"
fi
if [ "$CCI_MODE" != prompt ] && { [ -n "${CCI_PROMPT:-}" ] || [ -n "${CCI_PROMPT_FILE:-}" ]; }; then
  cci_fail "the inputs prompt and prompt-file are for mode prompt only"
fi
# explain-failure without log-file explains the run's failed jobs from the API (run-id, default this run).
if [ -n "${CCI_LOG_FILE:-}" ] && [ -n "${CCI_RUN_ID:-}" ]; then
  cci_fail "set only one of the inputs log-file and run-id"
fi
case ${CCI_FAIL_ON:-} in
  '' | error | warning | notice) ;;
  *) cci_fail "input fail-on must be empty, error, warning or notice (got '$(cci_sanitize "${CCI_FAIL_ON:-}")')" ;;
esac

need_cli=false
if [ -z "${CCI_CLI_URL:-}" ]; then
  need_cli=true
  if ! [[ ${CCI_CLI_VERSION:-} =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
    cci_fail "input cli-version must be an exact version such as 1.0.102"
  fi
fi

# Private per-invocation scratch space (prompt file); removed by the cleanup step.
work_dir=$(mktemp -d "${RUNNER_TEMP:-/tmp}/copilot-ci.XXXXXXXX")
chmod 700 "$work_dir"

java=""
need_java=false
if java=$(cci_find_java); then
  echo "Using Java at $java"
else
  java=""
  case ${CCI_SETUP_JAVA:-auto} in
    false) cci_fail "no Java 17 or newer found (JAVA_HOME, JAVA_HOME_<n>_X64, PATH) and setup-java is false" ;;
    *) need_java=true ;;
  esac
fi
if [ "${CCI_SETUP_JAVA:-auto}" = true ]; then
  need_java=true
fi

cci_output work-dir "$work_dir"
cci_output need-cli "$need_cli"
cci_output need-java "$need_java"
cci_output java "$java"
