// Minimal types for the parts of autocannon's programmatic API the bench uses (no @types package is installed).
declare module "autocannon" {
  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  };
  export type Result = {
    url: string;
    connections: number;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    headers?: Record<string, string>;
    method?: string;
    /** Requests per second across all connections (a steady write rate). */
    overallRate?: number;
    requests?: {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: { method?: string; headers?: Record<string, string>; body?: string; path?: string }) => {
        method?: string;
        headers?: Record<string, string>;
        body?: string;
        path?: string;
      };
      onResponse?: (status: number, body: string) => void;
    }[];
  };
  /** Without a callback the returned tracker is an EventEmitter that is also thenable. */
  export type Instance = PromiseLike<Result> & {
    on(event: "reqError", listener: (error: Error) => void): Instance;
    stop(): void;
  };
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
