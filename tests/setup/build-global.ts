import { ensureBuild } from "./build";

/** Vitest global setup: the tests that send real HTTP run the production build, so make sure it is current. */
export default function setup() {
  ensureBuild({ log: (line) => console.log(`[vitest] ${line}`) });
}
