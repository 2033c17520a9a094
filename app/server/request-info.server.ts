import { createContext, type RouterContextProvider } from "react-router";

/**
 * What the HTTP server knows about a request that the Fetch `Request` cannot say: the client's
 * address (the socket's, or the one a trusted proxy reported; never a header any client can set)
 * and the nonce this response's Content-Security-Policy allows scripts with.
 */
export type RequestInfo = {
  clientAddress: string;
  nonce: string;
  /** Filled by a route that knows more about a refusal than its URL says (the sign-in form: the email tried). */
  auditDetail: Record<string, unknown>;
};

export const requestInfoContext = createContext<RequestInfo>();

export function requestInfo(context: Readonly<RouterContextProvider>): RequestInfo {
  return context.get(requestInfoContext);
}
