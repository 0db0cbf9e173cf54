#!/usr/bin/env bash
# Final step (if: always()): stop a runner left over by a cancelled step and remove the private work directory.
set -uo pipefail

work_dir=${CCI_WORK_DIR:-}
[ -n "$work_dir" ] || exit 0
case $work_dir in
  "${RUNNER_TEMP:-/tmp}"/copilot-ci.*) ;;
  *)
    echo "Not removing unexpected work directory path"
    exit 0
    ;;
esac
if [ -f "$work_dir/runner.pid" ]; then
  pid=$(cat "$work_dir/runner.pid")
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    echo "Stopping the Copilot runner left over from a cancelled step"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  fi
fi
rm -rf -- "$work_dir"
