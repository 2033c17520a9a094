import cluster, { type Worker } from "node:cluster";

// A worker that dies this soon after starting is failing to start, not crashing under load: stop.
const CRASH_LOOP_MS = 5_000;

/**
 * Runs `serve` in `count` processes that share one listening port (Node's cluster: the primary
 * hands each connection to a worker in turn). `prepare` runs once, in the primary, before any
 * worker starts (migrations), so what is made at first start is made exactly once. SIGTERM or
 * SIGINT to the primary is passed on; each worker drains and closes its database as a single
 * server does, and the primary exits when they all have. A worker that crashes is replaced.
 * With one process, `serve` runs here and nothing else changes.
 */
export async function runProcesses(count: number, prepare: () => Promise<void>, serve: () => Promise<void>) {
  if (count <= 1 || cluster.isWorker) return serve();
  await prepare();
  let stopping = false;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i++) fork();
  console.log(`started ${count} server processes (WEB_CONCURRENCY)`);
  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    console.error(`server process ${worker.process.pid} ${signal ? `killed by ${signal}` : `exited with code ${code}`}`);
    if (lived < CRASH_LOOP_MS) {
      console.error("it failed within seconds of starting: not restarting; stopping the others");
      stopping = true;
      process.exitCode = 1;
      for (const w of startedAt.keys()) w.process.kill("SIGTERM");
      if (startedAt.size === 0) process.exit(1);
      return;
    }
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of startedAt.keys()) worker.process.kill(signal);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
