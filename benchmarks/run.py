#!/usr/bin/env python3
"""One command for the benchmarks in BENCHMARKS.md (python3 stdlib only).

Starts the echo model (the scripted OpenAI-compatible provider) and ONE real Copilot CLI server, then, on that same
server and in the same run, alternates the Java engine (`copilot-runner bench`) with the official TypeScript SDK
(`benchmarks/ts-peer/bench.mjs`) for sequential and concurrent job-scoped lifecycles; measures the engine's
per-request overhead over a raw socket client; times one-shot prompts against `copilot -p`; and explains a 5 MB log
under a small heap; and, from empty caches, times the composite action's cold path (install the CLI from the npm
registry, then one prompt) against `npm i @github/copilot` + `copilot -p`. Prints medians and ratios; raw results go
to benchmarks/results/ (not committed).

    python3 benchmarks/run.py [--rounds 5] [--n 40] [--cold-rounds 5] [--scenario all|cold-action|one-shot]
        [--cold-baseline DIR]
"""
import argparse, json, os, platform, shutil, statistics, subprocess, sys, tempfile, threading, time, uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "actions-runner/target/copilot-runner.jar"
CLI_DIR = ROOT / "tools/copilot-cli/node_modules"
TS_PEER = ROOT / "benchmarks/ts-peer"
TEST_CLASSES = ROOT / "actions-runner/target/test-classes"
PROMPT = "Reply with exactly: pong-oneshot"
CLI_VERSION = "1.0.102"


def native_cli():
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}[platform.machine().lower()]
    system = {"linux": "linux", "darwin": "darwin"}[platform.system().lower()]
    return CLI_DIR / f"@github/copilot-{system}-{arch}/copilot"


def run_json(cmd, env, timeout=900):
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{out.stdout}\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def timed(cmd, env, expect, cwd=None):
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=cwd)
    ms = (time.perf_counter() - start) * 1000
    if out.returncode != 0 or expect not in out.stdout:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{out.stdout}\n{out.stderr[-3000:]}")
    return ms


def peak_rss_kb(cmd, env):
    """Runs cmd, sampling VmHWM (peak resident set) from /proc until it exits; returns (ms, kB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            try:
                for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
            except OSError:
                pass
            time.sleep(0.02)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate(timeout=300)
    ms = (time.perf_counter() - start) * 1000
    t.join(1)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{err[-3000:]}")
    return ms, peak[0], out


def cold_action(rounds, offline, work, baseline=None):
    """The action's cold path against a user's own cold install, from empty caches on both sides, one pair a round.

    (a) The whole composite action on an empty tool cache, through the test suite's composite-action harness
    (ColdActionBench): its install step runs `npm ci --ignore-scripts` from the action's lockfile against the npm
    registry, then the bundled jar answers one prompt with the CLI it installed (run as on a GitHub-hosted runner:
    the JVM options file, no class-data archive). (b) `npm i @github/copilot@<pin>` into an empty directory (with the
    action's --no-audit --no-fund, so both sides do the same npm work), then `copilot -p` through the installed
    command. Each side gets its own fresh npm cache (npm_config_cache) and CLI extraction cache (XDG_CACHE_HOME: the
    CLI unpacks its package there on its first run, as on a fresh hosted runner); the order rotates every round.
    baseline: another copy of actions-runner/ (e.g. an earlier commit's scripts) timed the same way, for an A/B.
    """
    actions = {"action": ROOT / "actions-runner"}
    if baseline:
        actions["baseline"] = Path(baseline).resolve()
    res = {k: [] for k in ["peer", "peer_npm", "peer_prompt"] + [f"{a}{x}" for a in actions for x in ("", "_steps")]}
    for r in range(rounds):
        def action(name):
            d = work / f"cold-{name}-{r}"
            env = dict(offline, npm_config_cache=str(d / "npm-cache"), XDG_CACHE_HOME=str(d / "xdg-cache"))
            out = run_json(["java", "-cp", f"{TEST_CLASSES}:{JAR}", "dev.copilotci.runner.github.ColdActionBench",
                            str(actions[name]), str(ROOT / "actions-runner/src/test/validation"), str(JAR),
                            str(d / "action"), PROMPT, "test-model", offline["COPILOT_PROVIDER_BASE_URL"]], env)
            if "pong-oneshot" not in out["response"]:
                raise SystemExit(f"the cold action did not answer: {out}")
            res[name].append(out["ms"])
            res[f"{name}_steps"].append(out["steps_ms"])
            shutil.rmtree(d, ignore_errors=True)

        def peer():
            d = work / f"cold-peer-{r}"
            (d / "project").mkdir(parents=True)
            env = dict(offline, npm_config_cache=str(d / "npm-cache"), XDG_CACHE_HOME=str(d / "xdg-cache"),
                       COPILOT_HOME=str(d / "copilot-home"))
            npm = timed(["npm", "i", "--no-audit", "--no-fund", "--loglevel=error", f"@github/copilot@{CLI_VERSION}"],
                        env, "", cwd=d / "project")
            prompt = timed([str(d / "project/node_modules/.bin/copilot"), "-p", PROMPT, "-s", "--no-auto-update"],
                           env, "pong-oneshot")
            res["peer"].append(npm + prompt)
            res["peer_npm"].append(npm)
            res["peer_prompt"].append(prompt)
            shutil.rmtree(d, ignore_errors=True)

        sides = [peer] + [lambda n=n: action(n) for n in actions]
        for side in sides[r % len(sides):] + sides[:r % len(sides)]:
            side()
        print(json.dumps({"cold_round": r, **{k: round(v[-1]) if not k.endswith("_steps") else v[-1]
                                               for k, v in res.items()}}), flush=True)
    return res


def cold_lines(cold):
    med = statistics.median
    p = med(cold["peer"])
    lines = ["", "| cold path, empty caches (wall, ms) | median | min–max | ratio to (b), median of per-round ratios "
                 "(min–max) |", "|---|---|---|---|"]
    labels = {"action": "(a) the action: install the CLI (`npm ci` from its lockfile) + one prompt, bundled jar",
              "baseline": "(a′) the same with the baseline copy of the action (--cold-baseline)"}
    notes = []
    for name, label in labels.items():
        if name not in cold:
            continue
        ratios = sorted(a / b for a, b in zip(cold[name], cold["peer"]))
        lines.append(f"| {label} | {med(cold[name]):.0f} | {min(cold[name]):.0f}–{max(cold[name]):.0f} | "
                     f"**{med(ratios):.2f}** ({ratios[0]:.2f}–{ratios[-1]:.2f}) |")
        steps = {k: med([s[k] for s in cold[f"{name}_steps"]]) for k in cold[f"{name}_steps"][0]}
        notes.append(f"{label.split(' ')[0]} steps, medians in ms: " + ", ".join(f"{k} {v:.0f}" for k, v in steps.items())
                     + f"; ratio of the medians {med(cold[name]) / p:.2f}"
                     + (f", target ≤ 1.15: {'met' if med(ratios) <= 1.15 else 'NOT met'}." if name == "action" else "."))
    lines.append(f"| (b) `npm i @github/copilot@{CLI_VERSION}` + `copilot -p` | {p:.0f} | "
                 f"{min(cold['peer']):.0f}–{max(cold['peer']):.0f} | 1.00 |")
    notes.append(f"(b): npm i {med(cold['peer_npm']):.0f} ms, copilot -p {med(cold['peer_prompt']):.0f} ms.")
    return lines + [""] + notes


def write_report(report, raw):
    print("\n" + report)
    out_dir = ROOT / "benchmarks/results"
    out_dir.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out_dir / f"{stamp}.json").write_text(json.dumps(raw, indent=1))
    (out_dir / f"{stamp}.md").write_text(report + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--cold-rounds", type=int, help="rounds of the cold path (default: --rounds)")
    ap.add_argument("--scenario", choices=("all", "cold-action", "one-shot"), default="all",
                    help="cold-action: only the action's cold path against npm i + copilot -p; one-shot: only the"
                         " one-shot prompts against copilot -p")
    ap.add_argument("--cold-baseline", metavar="DIR",
                    help="also time the cold path of this copy of actions-runner/ (e.g. an earlier commit's), A/B")
    args = ap.parse_args()
    cold_rounds = args.cold_rounds or args.rounds

    if not JAR.exists() or not (TEST_CLASSES / "dev/copilotci/runner/github/ColdActionBench.class").exists():
        subprocess.run(["mvn", "-q", "package", "-DskipTests"], cwd=ROOT, check=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TS_PEER, check=True)
    cli = native_cli()
    work = Path(tempfile.mkdtemp(prefix="copilot-bench-"))
    procs = []
    try:
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("COPILOT_", "GITHUB_", "GH_"))}
        model = subprocess.Popen(["java", "-cp", str(JAR), "dev.copilotci.offline.EchoModelServer"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        procs.append(model)
        base_url = model.stdout.readline().split()[-1]
        token = uuid.uuid4().hex
        offline = dict(base_env, COPILOT_OFFLINE="true", COPILOT_PROVIDER_BASE_URL=base_url,
                       COPILOT_MODEL="test-model", COPILOT_AUTO_UPDATE="false", NO_COLOR="1",
                       XDG_CACHE_HOME=str(CLI_DIR / ".cache/copilot-ci"))
        if args.scenario == "cold-action":
            cold = cold_action(cold_rounds, offline, work, args.cold_baseline)
            write_report("\n".join(cold_lines(cold)[1:]), {"cold_action": cold})
            return
        server_env = dict(offline, COPILOT_HOME=str(work / "server-home"), COPILOT_CONNECTION_TOKEN=token)
        server = subprocess.Popen([str(cli), "--headless", "--no-auto-update"], env=server_env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        procs.append(server)
        port = None
        deadline = time.time() + 60
        while port is None and time.time() < deadline:
            line = server.stdout.readline()
            if "listening on port" in line:
                port = int(line.rsplit(" ", 1)[-1])
        if port is None:
            raise SystemExit("the Copilot CLI server did not start")
        threading.Thread(target=server.stdout.read, daemon=True).start()
        url = f"127.0.0.1:{port}"
        client_env = dict(base_env, COPILOT_CONNECTION_TOKEN=token)
        common = ["--cli-url", url, "--model", "test-model", "--provider-base-url", base_url, "--n", str(args.n)]
        java = ["java", "-jar", str(JAR), "bench"] + common
        ts = ["node", str(TS_PEER / "bench.mjs")] + common

        results = {"java": {1: [], 8: []}, "ts": {1: [], 8: []}}
        lifecycle_rounds = 0 if args.scenario == "one-shot" else args.rounds
        for r in range(lifecycle_rounds):
            for conc in (1, 8):
                order = [("java", java), ("ts", ts)] if r % 2 == 0 else [("ts", ts), ("java", java)]
                for name, cmd in order:
                    res = run_json(cmd + ["--concurrency", str(conc)], client_env)
                    if res["failures"]:
                        raise SystemExit(f"{name} had failures: {res}")
                    results[name][conc].append(res)
                    print(json.dumps(res), flush=True)
        overhead = None if args.scenario == "one-shot" else run_json(["java", "-jar", str(JAR), "bench", "--overhead", "--cli-url", url, "--n", "500"],
                            client_env)
        if overhead:
            print(json.dumps(overhead), flush=True)

        # The runner as the action starts it (actions-runner/scripts/run.sh): the JVM options file, and the class-data
        # archive that a reused runner's first run writes and later runs map; on a GitHub-hosted runner (one job per
        # machine) the options file alone. Plain `java -jar` is timed alongside.
        action_jvm = ["java", f"@{ROOT / 'actions-runner/scripts/runner-jvm.options'}"]
        jsa = work / "copilot-runner.jsa"
        shared_args = ["-jar", str(JAR), "prompt", "--cli-url", url, "--model", "test-model",
                       "--provider-base-url", base_url, "--prompt", PROMPT]
        own_args = ["-jar", str(JAR), "prompt", "--cli-path", str(cli), "--model", "test-model",
                    "--provider-base-url", base_url, "--prompt", PROMPT]
        subprocess.run(action_jvm + [f"-XX:ArchiveClassesAtExit={jsa}"] + shared_args,
                       env=client_env, capture_output=True, check=True, timeout=120)
        action = action_jvm + [f"-XX:SharedArchiveFile={jsa}"]
        oneshot = {"copilot -p": [], "own (action)": [], "shared (action)": [], "own (hosted)": [],
                   "shared (hosted)": [], "own (java -jar)": [], "shared (java -jar)": [],
                   "shared (first run, writes archive)": []}
        for r in range(args.rounds):
            runs = [
                ("copilot -p", [str(cli), "-p", PROMPT, "-s", "--no-auto-update"],
                 dict(offline, COPILOT_HOME=str(work / f"p-home-{r}"))),
                ("own (action)", action + own_args, dict(offline, COPILOT_HOME=str(work / f"a-home-{r}"))),
                ("shared (action)", action + shared_args, client_env),
                ("own (hosted)", action_jvm + own_args, dict(offline, COPILOT_HOME=str(work / f"h-home-{r}"))),
                ("shared (hosted)", action_jvm + shared_args, client_env),
                ("own (java -jar)", ["java"] + own_args, dict(offline, COPILOT_HOME=str(work / f"j-home-{r}"))),
                ("shared (java -jar)", ["java"] + shared_args, client_env),
                ("shared (first run, writes archive)",
                 action_jvm + [f"-XX:ArchiveClassesAtExit={work / f'first-{r}.jsa'}"] + shared_args, client_env),
            ]
            for key, cmd, env in runs[r % len(runs):] + runs[:r % len(runs)]:  # a different order each round
                oneshot[key].append(timed(cmd, env, "pong-oneshot"))

        p = statistics.median(oneshot["copilot -p"])

        def row(label, key, target=""):
            # A machine's speed drifts between rounds (disk waits, host load): the per-round ratio, taken within
            # seconds of its own `copilot -p`, says more than the ratio of two medians.
            m = statistics.median(oneshot[key])
            per_round = [ours / theirs for ours, theirs in zip(oneshot[key], oneshot["copilot -p"])]
            return (f"| {label} | {m:.0f} | {m / p:.2f} | {statistics.median(per_round):.2f} "
                    f"({min(per_round):.2f}–{max(per_round):.2f}) | {target} |")

        oneshot_lines = ["| one-shot prompt (wall, ms) | median | ratio of the medians | median of per-round ratios"
                         " (min–max) | target |", "|---|---|---|---|---|",
                         f"| `copilot -p` | {p:.0f} | 1.00 | 1.00 | |",
                         row("`copilot-runner prompt`, own CLI, as the action runs it", "own (action)", "≤ 1.10"),
                         row("`copilot-runner prompt`, shared server, as the action runs it", "shared (action)",
                             "≤ 0.3"),
                         row("same, own CLI, on a GitHub-hosted runner (options file, no archive)", "own (hosted)"),
                         row("same, shared server, on a GitHub-hosted runner", "shared (hosted)"),
                         row("same, own CLI, plain `java -jar`", "own (java -jar)"),
                         row("same, shared server, plain `java -jar`", "shared (java -jar)"),
                         row("shared server, a reused runner's first run (writes the class archive)",
                             "shared (first run, writes archive)")]
        if args.scenario == "one-shot":
            write_report("\n".join(oneshot_lines), {"oneshot_ms": oneshot})
            return

        big = work / "big.log"
        with big.open("w") as f:
            i = 0
            while f.tell() < 5 * 1024 * 1024:
                f.write(f"[INFO] {i:08d} compiling module with a fairly long line of ordinary build output\n")
                if i % 50_000 == 7:
                    f.write(f"[ERROR] Tests run: 9, Failures: 1 -- in com.acme.Test{i}\n")
                i += 1
        log_runs = [peak_rss_kb(action + ["-Xmx64m", "-jar", str(JAR), "explain-failure", "--cli-url", url,
                                 "--model", "test-model", "--provider-base-url", base_url, "--log-file", str(big)],
                                client_env) for _ in range(args.rounds)]

        def med(values):
            return statistics.median(values)

        lines = ["| measure | Java engine | TS SDK 1.0.14 | ratio (Java/TS) | target |", "|---|---|---|---|---|"]
        for conc in (1, 8):
            j = med([x["median_ms"] for x in results["java"][conc]])
            t = med([x["median_ms"] for x in results["ts"][conc]])
            lines.append(f"| lifecycle median, C={conc} (ms) | {j:.0f} | {t:.0f} | {j / t:.2f} | ≤ 0.95 |")
        jt = med([x["per_s"] for x in results["java"][8]])
        tt = med([x["per_s"] for x in results["ts"][8]])
        lines.append(f"| throughput, C=8 (lifecycles/s) | {jt:.1f} | {tt:.1f} | {jt / tt:.2f} | ≥ 1.05 |")
        lines += [""] + oneshot_lines + [
                  "", f"Shared-server floor: the CLI's own create + first turn + delete (Java lifecycle median, C=1) "
                      f"is {med([x['median_ms'] for x in results['java'][1]]):.0f} ms = "
                      f"{med([x['median_ms'] for x in results['java'][1]]) / p:.2f}× `copilot -p`, before any process "
                      f"starts.",
                  f"Engine overhead per request over a raw socket client (median of {overhead['n']} pings): "
                      f"{overhead['overhead_us']} µs (raw {overhead['raw_median_us']} µs, engine "
                      f"{overhead['engine_median_us']} µs); target ≤ 2000 µs.",
                  f"5 MB log, explain-failure with -Xmx64m against the shared server, as the action runs it: median "
                  f"{med([x[0] for x in log_runs]):.0f} ms, peak RSS median {med([x[1] for x in log_runs]) / 1024:.0f} MiB."]
        cold = cold_action(cold_rounds, offline, work, args.cold_baseline)
        write_report("\n".join(lines + cold_lines(cold)),
                     {"lifecycles": results, "overhead": overhead, "oneshot_ms": oneshot,
                      "log5mb": [x[:2] for x in log_runs], "cold_action": cold})
    finally:
        for p in reversed(procs):
            if p.stdin:
                p.stdin.close()
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
