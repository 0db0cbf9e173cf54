# shellcheck shell=bash
# Helpers shared by the action's step scripts. Sourced, never executed.

# Prints an error annotation (our own text only) and exits.
cci_fail() {
  printf '::error title=Copilot for CI::%s\n' "$(cci_escape_data "$1")"
  exit 1
}

# Escapes workflow-command data: % first, then CR and LF.
cci_escape_data() {
  local s=$1
  s=${s//'%'/'%25'}
  s=${s//$'\r'/'%0D'}
  s=${s//$'\n'/'%0A'}
  printf '%s' "$s"
}

# Shows an untrusted input value in a message: only a short run of harmless characters survives.
cci_sanitize() {
  local s=${1:0:40}
  printf '%s' "${s//[^A-Za-z0-9._-]/?}"
}

# Registers a secret with the log masker, one line at a time (the runner masks line by line). Lines of a
# multi-line secret with fewer than 4 visible characters ("}", "==") are skipped: they would mask every such
# character in the log and hide nothing.
cci_mask() {
  local value=$1 line visible multi=false
  [ -n "$value" ] || return 0
  case $value in
    *$'\n'?*) multi=true ;;
  esac
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    visible=${line//[[:space:]]/}
    if [ -n "$visible" ] && { [ "$multi" = false ] || [ "${#visible}" -ge 4 ]; }; then
      printf '::add-mask::%s\n' "$(cci_escape_data "$line")"
    fi
  done <<<"$value"
}

# Appends a single-line step output; refuses values with line breaks.
cci_output() {
  case $2 in
    *$'\n'* | *$'\r'*) cci_fail "internal error: output $1 has a line break" ;;
  esac
  printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
}

# Prints what `java -XshowSettings:properties -version` says: one JVM start answers every question below.
cci_java_settings() {
  "$1" -XshowSettings:properties -version 2>&1
}

# Prints one property (java.home, java.vm.version, ...) from cci_java_settings' text.
cci_setting() {
  sed -n "s/^ *$1 = //p" <<<"$2" | head -n 1 | tr -d '\r'
}

# Prints the feature version (8, 17, 21, ...) from cci_java_settings' text; fails if there is none.
cci_settings_major() {
  local spec
  spec=$(cci_setting 'java\.specification\.version' "$1")
  case $spec in
    1.*) spec=${spec#1.} ;;
  esac
  spec=${spec%%.*}
  case $spec in
    '' | *[!0-9]*) return 1 ;;
  esac
  printf '%s' "$spec"
}

# Prints a Java binary's feature version; fails if it does not run.
cci_java_major() {
  local settings
  settings=$(cci_java_settings "$1") || return 1
  cci_settings_major "$settings"
}

# Finds a Java 17+ binary: the runner images' JAVA_HOME_<n>_<arch> variables, JAVA_HOME, then PATH.
cci_find_java() {
  local candidate major var
  local -a candidates=()
  for var in JAVA_HOME_25_X64 JAVA_HOME_25_ARM64 JAVA_HOME_21_X64 JAVA_HOME_21_ARM64 JAVA_HOME_17_X64 \
    JAVA_HOME_17_ARM64 JAVA_HOME; do
    if [ -n "${!var:-}" ]; then
      candidates+=("${!var}/bin/java")
    fi
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(command -v java)")
  fi
  for candidate in "${candidates[@]}"; do
    if [ -x "$candidate" ] && major=$(cci_java_major "$candidate") && [ "$major" -ge 17 ]; then
      printf '%s' "$candidate"
      return 0
    fi
  done
  return 1
}

# Prints where the runner's class-data archive for this Java (cci_java_settings' text) and jar lives: a file in the
# tool cache whose name changes with the JDK build and the jar (path, size, modification time), so a stale archive is
# never looked up. Fails when the JVM runs without its own class-data archive ("sharing" missing from its version
# line): Java 17 then refuses to start with -XX:ArchiveClassesAtExit.
cci_class_archive() {
  local settings=$1 jar=$2 key
  case $settings in
    *', sharing)'*) ;;
    *) return 1 ;;
  esac
  key=$(printf '%s\n%s\n%s\n%s\n%s %s\n' "$(cci_setting 'java\.home' "$settings")" \
    "$(cci_setting 'java\.vm\.version' "$settings")" "$(cci_setting 'os\.arch' "$settings")" \
    "$jar" "$(wc -c <"$jar" | tr -d ' ')" "$(date -r "$jar" +%s)" | cksum)
  printf '%s/copilot-ci/class-data/copilot-runner-%s.jsa' \
    "${RUNNER_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}}" "${key%% *}"
}

# Prints "<uid> <octal mode>" of a path (GNU stat, else BSD stat on macOS), without following a final symlink.
cci_owner_mode() {
  stat -c '%u %a' -- "$1" 2>/dev/null || stat -f '%u %Lp' -- "$1" 2>/dev/null
}

# True when $1 is no symlink, is owned by the user running this step, and has none of the mode bits in $2 (octal;
# 077 for a directory only we may use, 022 for a file only we may change). Anything we cannot check fails.
cci_is_private() {
  local path=$1 forbidden=$2 info uid mode
  [ -e "$path" ] && [ ! -L "$path" ] || return 1
  info=$(cci_owner_mode "$path") || return 1
  uid=${info%% *}
  mode=${info##* }
  [[ $mode =~ ^[0-7]+$ ]] || return 1
  [ "$uid" = "$(id -u)" ] && (((8#$mode & 8#$forbidden) == 0))
}

# Creates (0700) or checks a directory only this user may use; fails when it exists with another owner, as a
# symlink, or writable by others (who may have put anything in it). One of ours that others could only read (an
# earlier version made it 0755) is narrowed to 0700.
cci_private_dir() {
  local dir=$1
  if [ ! -e "$dir" ] && [ ! -L "$dir" ]; then
    mkdir -p -- "${dir%/*}" 2>/dev/null || return 1
    mkdir -m 700 -- "$dir" 2>/dev/null || [ -d "$dir" ] || return 1
  fi
  [ -d "$dir" ] || return 1
  if cci_is_private "$dir" 022; then
    chmod 700 -- "$dir" 2>/dev/null || return 1
  fi
  cci_is_private "$dir" 077
}

# Prints the SHA-256 of each file named in the NUL-separated list on stdin, one "<hash>  <name>" line each.
cci_sha256_files() {
  # Through sh -c: with no names at all the tool would hash its (empty) stdin instead.
  if command -v openssl >/dev/null 2>&1; then
    # OpenSSL uses the CPU's SHA instructions: the CLI's ~190 MB binary in ~0.2 s instead of ~0.7 s with coreutils
    # (BENCHMARKS.md, cold path). Its "<hash> *<name>" lines are rewritten to the coreutils form, so a manifest
    # recorded by either tool matches. The names come from `find node_modules`, so none starts with "-".
    local sums
    sums=$(xargs -0 sh -c '[ "$#" -eq 0 ] || exec openssl dgst -sha256 -r "$@"' sh) || return 1
    [ -z "$sums" ] || printf '%s\n' "$sums" | sed 's/^\([0-9a-f]\{64\}\) \*/\1  /'
  elif command -v sha256sum >/dev/null 2>&1; then
    xargs -0 sh -c '[ "$#" -eq 0 ] || exec sha256sum -- "$@"' sh
  else
    xargs -0 sh -c '[ "$#" -eq 0 ] || exec shasum -a 256 -- "$@"' sh
  fi
}

# Prints the manifest of an installed CLI ($1 = its npm prefix): the SHA-256 of every file under node_modules (the
# native binary, the npm-loader.js the copilot command starts, the libraries the loader requires) and where every
# symlink (node_modules/.bin/copilot) points. Recorded at install, compared before each use.
cci_cli_manifest() {
  (
    cd -- "$1" || exit 1
    find node_modules -type f -print0 | LC_ALL=C sort -z | cci_sha256_files
    find node_modules -type l -print | LC_ALL=C sort | while IFS= read -r link; do
      printf 'link %s -> %s\n' "$link" "$(readlink -- "$link")"
    done
  )
}

# True when $1 holds a CLI installed by install-cli.sh that nobody changed since: a directory only we may use, its
# manifest file unchanged, and every file of the CLI matching the manifest.
cci_cli_verified() {
  local dir=$1 manifest="$1/copilot-ci.manifest" actual
  cci_is_private "$dir" 077 && [ -f "$manifest" ] && cci_is_private "$manifest" 022 || return 1
  [ -x "$dir/node_modules/.bin/copilot" ] || return 1
  actual=$(cci_cli_manifest "$dir") || return 1
  [ -n "$actual" ] && [ "$actual" = "$(cat -- "$manifest")" ]
}
