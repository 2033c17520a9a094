import autocannon from "autocannon";

const doc = (n: number) => ({
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: `Between 10:00 and 10:45 UTC, 3% of API calls failed (autosave ${n}).` }] },
    {
      type: "paragraph",
      content: [{ type: "text", text: "About 1,200 customers saw errors; retries succeeded after the rollback.", marks: [{ type: "bold" }] }],
    },
  ],
});

/**
 * Autosave writes of one section at a steady 25 writes/s for `seconds`, each based on the version
 * the previous write returned (as the editor does), so every write is a real, conflict-checked save
 * that also records (or coalesces) a revision.
 */
export async function measureAutosave(origin: string, cookie: string, coeId: number, seconds: number) {
  let version = 0;
  let n = 0;
  const result = await autocannon({
    url: `${origin}/coes/${coeId}/sections/impact-summary`,
    connections: 1,
    overallRate: 25,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { cookie, "content-type": "application/json", origin },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ doc: doc(n++), baseVersion: version }) }),
        onResponse: (status, body) => {
          if (status === 200) version = (JSON.parse(body) as { version: number }).version;
        },
      },
    ],
  });
  return {
    writes: result.requests.total,
    writesPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
