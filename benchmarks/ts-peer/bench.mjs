// The peer of `copilot-runner bench`: the official TypeScript SDK (@github/copilot-sdk, RuntimeConnection.forUri)
// runs N job-scoped lifecycles (create -> sendAndWait -> disconnect -> delete), C at a time, on one connection,
// after the same warm-up, and prints the same one-line JSON with "client":"ts".
import { CopilotClient, RuntimeConnection, approveAll } from "@github/copilot-sdk";
import { randomUUID } from "node:crypto";

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const cliUrl = option("cli-url");
const model = option("model", "test-model");
const baseUrl = option("provider-base-url");
const n = Number(option("n", "20"));
const conc = Number(option("concurrency", "1"));
const WARM_UP = 3;

const client = new CopilotClient({
  connection: RuntimeConnection.forUri(cliUrl, { connectionToken: process.env.COPILOT_CONNECTION_TOKEN }),
});
await client.start();

async function lifecycle(id) {
  const start = performance.now();
  const token = `pong-${id}`;
  try {
    const session = await client.createSession({
      sessionId: id,
      model,
      provider: { type: "openai", baseUrl },
      onPermissionRequest: approveAll,
      streaming: false,
    });
    const answer = await session.sendAndWait({ prompt: `Reply with exactly: ${token}` }, 120000);
    await session.disconnect();
    await client.deleteSession(id);
    if (!answer?.data?.content?.includes(token)) {
      console.error(`lifecycle ${id}: wrong answer`);
      return -1;
    }
    return performance.now() - start;
  } catch (e) {
    console.error(`lifecycle ${id} failed: ${e.message}`);
    return -1;
  }
}

const run = randomUUID().slice(0, 8);
for (let i = 0; i < WARM_UP; i++) {
  await lifecycle(`bench-ts-${run}-warm-${i}`);
}
const times = [];
let failures = 0;
let next = 0;
const wallStart = performance.now();
async function worker() {
  while (next < n) {
    const i = next++;
    const ms = await lifecycle(`bench-ts-${run}-${i}`);
    if (ms < 0) failures++;
    else times.push(Math.round(ms));
  }
}
await Promise.all(Array.from({ length: conc }, worker));
const wallMs = Math.round(performance.now() - wallStart);
times.sort((a, b) => a - b);
const pct = (p) => (times.length ? times[Math.max(0, Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1))] : 0);
console.log(JSON.stringify({
  client: "ts", n, conc, failures,
  median_ms: pct(50), p90_ms: pct(90), max_ms: times.length ? times[times.length - 1] : 0,
  wall_ms: wallMs, per_s: wallMs ? Math.round((times.length * 1000 / wallMs) * 100) / 100 : 0,
}));
await client.stop();
process.exit(failures === 0 ? 0 : 1);
