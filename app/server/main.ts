import { resolve } from "node:path";
import type { ServerBuild } from "react-router";
import * as build from "virtual:react-router/server-build";
import { closeDatabase, migrateDatabase } from "~/data/db.server";
import { loadSessionSecret } from "~/data/session-secret.server";
import { createApp } from "./app.server";
import { ConfigError, readServerConfig, type ServerConfig } from "./config.server";
import { startReminderJob } from "./jobs.server";
import { serveUntilSignalled } from "./lifecycle.server";
import { runProcesses } from "./processes.server";

/** Settings from the environment, or exit 2 with the variable named. */
function configOrExit(): ServerConfig {
  try {
    return readServerConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`Not started: ${e.message}`);
    process.exit(2);
  }
}

/** One server process. */
async function serve(config: ServerConfig) {
  // On SQLite the file is migrated when first opened; PostgreSQL is migrated here, before serving.
  await migrateDatabase();
  await loadSessionSecret();
  const { app, drain, answerUnparsable } = createApp({
    config,
    build: build as unknown as ServerBuild,
    mode: "production",
    clientDir: resolve("build/client"),
  });
  // Every process runs the timer; the period each run claims in the database keeps it to one run a day.
  const reminders = config.reminders.enabled ? startReminderJob(config) : undefined;
  serveUntilSignalled(app, {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST,
    timeoutMs: config.shutdownTimeoutMs,
    drain,
    onClientError: answerUnparsable,
    close: async () => {
      await reminders?.stop();
      await closeDatabase();
    },
  });
}

/** Migrations run once, before any server process starts; the primary keeps no connection open. */
async function migrateOnce() {
  await migrateDatabase();
  await closeDatabase();
}

/** The production server: `node build/server/index.js` (what `npm start` runs after building), WEB_CONCURRENCY processes. */
const config = configOrExit();
await runProcesses(config.processes, migrateOnce, () => serve(config));
