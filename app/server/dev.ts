// `npm run dev`: the same HTTP server as production (app.server.ts), with Vite serving and hot-reloading the app.
import express from "express";
import { createServer } from "vite";
import type { ServerBuild } from "react-router";
import type * as AppModule from "./app.server";
import type * as ConfigModule from "./config.server";
import type * as LifecycleModule from "./lifecycle.server";
import type * as DbModule from "../data/db.server";
import type * as SecretModule from "../data/session-secret.server";

const vite = await createServer({ server: { middlewareMode: true } });
const load = <T>(path: string) => vite.ssrLoadModule(path) as Promise<T>;
const { createApp } = await load<typeof AppModule>("/app/server/app.server.ts");
const { readServerConfig } = await load<typeof ConfigModule>("/app/server/config.server.ts");
const { serveUntilSignalled } = await load<typeof LifecycleModule>("/app/server/lifecycle.server.ts");
const { migrateDatabase } = await load<typeof DbModule>("/app/data/db.server.ts");
const { loadSessionSecret } = await load<typeof SecretModule>("/app/data/session-secret.server.ts");
await migrateDatabase();
await loadSessionSecret();

const config = readServerConfig();
const { app, drain, answerUnparsable } = createApp({ config, build: () => load<ServerBuild>("virtual:react-router/server-build"), mode: "development" });
const server = express().use(vite.middlewares).use(app);
serveUntilSignalled(server, {
  port: Number(process.env.PORT ?? 5173),
  host: process.env.HOST,
  timeoutMs: config.shutdownTimeoutMs,
  drain,
  onClientError: answerUnparsable,
  close: () => vite.close(),
});
