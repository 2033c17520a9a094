import { resolve } from "node:path";
import type { ServerBuild } from "react-router";
import * as build from "virtual:react-router/server-build";
import { closeDatabase } from "~/data/db.server";
import { createApp } from "./app.server";
import { ConfigError, readServerConfig, type ServerConfig } from "./config.server";
import { serveUntilSignalled } from "./lifecycle.server";

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

/** The production server: `node build/server/index.js` (what `npm start` runs after building). */
function start() {
  const config = configOrExit();
  const { app, drain, answerUnparsable } = createApp({
    config,
    build: build as unknown as ServerBuild,
    mode: "production",
    clientDir: resolve("build/client"),
  });
  serveUntilSignalled(app, {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST,
    timeoutMs: config.shutdownTimeoutMs,
    drain,
    onClientError: answerUnparsable,
    close: closeDatabase,
  });
}

start();
