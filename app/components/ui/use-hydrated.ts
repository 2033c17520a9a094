import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False on the server and during hydration, true once the page is interactive (controls that need
 * script appear then). React renders the server's answer while hydrating and the client's right
 * after; a component mounted later on the client is interactive at once.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
