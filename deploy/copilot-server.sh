#!/bin/sh
# Entry point of the shared Copilot CLI server image (deploy/Dockerfile); also what its health check and the
# Kubernetes probes and prune CronJob run, so every one of them reads the connection token the same way.
#   copilot-server.sh serve [extra copilot flags]   start the server (default)
#   copilot-server.sh health                        the runner's probe against this container's own server
#   copilot-server.sh runner ARGS...                any runner command, e.g. sessions prune --older-than 24h
# POSIX sh, not bash: the slim base image is not guaranteed to keep bash, and shellcheck checks it as sh.
set -eu

# from_file NAME: when NAME_FILE is set (a secret mounted as a file: Docker/compose secrets, Kubernetes Secret volumes,
# systemd credentials), export the file's content as NAME. The CLI reads its tokens and keys only from the
# environment (no flags, so they never show in `ps`), and a file keeps them out of manifests and `docker inspect`.
from_file() {
    # POSIX sh has no ${!name}; eval is safe here because every caller passes a literal name from this file.
    eval "file=\${${1}_FILE:-}"
    if [ -n "$file" ]; then
        if [ ! -r "$file" ]; then
            # Name the path, never the content: a wrong mount must be easy to spot in the log.
            echo "copilot-server: ${1}_FILE=$file is not readable" >&2
            exit 78
        fi
        # $(...) drops trailing newlines, which `echo token > file` and most secret stores add.
        value=$(cat -- "$file")
        export "$1=$value"
    fi
}

load_token() {
    from_file COPILOT_CONNECTION_TOKEN
    # Without a token the CLI accepts every client that can reach the port; a shared server must never do that.
    if [ -z "${COPILOT_CONNECTION_TOKEN:-}" ]; then
        echo "copilot-server: refusing to start without a connection token: set COPILOT_CONNECTION_TOKEN_FILE" \
            "(a mounted secret) or COPILOT_CONNECTION_TOKEN" >&2
        exit 78
    fi
}

# The npm `copilot` bin is a Node loader that runs the native binary as a child; stopping the loader leaves the
# server orphaned (protocol reference §8). Exec the native binary itself so it is PID 1 and gets SIGTERM.
native_cli() {
    case "$(uname -m)" in
        x86_64 | amd64) arch=x64 ;;
        aarch64 | arm64) arch=arm64 ;;
        *)
            echo "copilot-server: no Copilot CLI build for $(uname -m)" >&2
            exit 78
            ;;
    esac
    bin="${COPILOT_CLI_DIR:-/opt/copilot-cli}/node_modules/@github/copilot-linux-$arch/copilot"
    # npm ci installs only the platform package of the build machine: say so rather than fail with "not found".
    if [ ! -x "$bin" ]; then
        echo "copilot-server: $bin is missing (was the image built for another platform?)" >&2
        exit 78
    fi
    printf '%s\n' "$bin"
}

# The probe runs every 15-30 s beside the server: a JVM that starts fast (C1 only, as the action runs the runner),
# writes no /tmp/hsperfdata (read-only root in Kubernetes) and stays small next to the CLI.
java_opts=${RUNNER_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+UseSerialGC -Xmx128m}

command=${1:-serve}
[ "$#" -gt 0 ] && shift

case "$command" in
    serve)
        load_token
        # The server's own Copilot identity and BYOK provider key, when they too come from mounted secrets.
        from_file COPILOT_GITHUB_TOKEN
        from_file COPILOT_PROVIDER_API_KEY
        from_file COPILOT_PROVIDER_BEARER_TOKEN
        bin=$(native_cli)
        # --no-auto-update: the version is the lockfile's, changed only by rebuilding (README: upgrading).
        # --host 0.0.0.0: the CLI binds loopback by default, unreachable from other containers; the network
        # boundary is the container network / Service, which must stay private (README: security model).
        exec "$bin" --headless --no-auto-update --host "${COPILOT_HOST:-0.0.0.0}" --port "${COPILOT_PORT:-4401}" "$@"
        ;;
    health)
        load_token
        # The real handshake (token, protocol 3, version), not a TCP connect: a server that accepts connections
        # but rejects the token is unhealthy for every client. Bounded so a hung server fails the check.
        # shellcheck disable=SC2086 # RUNNER_JAVA_OPTS is a list of JVM flags: split on purpose
        exec java $java_opts -jar "${RUNNER_JAR:-/opt/copilot-runner/copilot-runner.jar}" health \
            --cli-url "127.0.0.1:${COPILOT_PORT:-4401}" --per-url-timeout "${HEALTH_TIMEOUT_SECONDS:-5}"
        ;;
    runner)
        load_token
        # shellcheck disable=SC2086 # as above
        exec java $java_opts -jar "${RUNNER_JAR:-/opt/copilot-runner/copilot-runner.jar}" "$@"
        ;;
    *)
        echo "copilot-server: unknown command '$command' (serve | health | runner ARGS...)" >&2
        exit 64
        ;;
esac
