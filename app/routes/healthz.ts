// Liveness probe, and the trivial route the benchmark measures pages against (same server, same router).
export function loader() {
  return new Response("ok\n", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
