import { createHash, randomBytes } from "node:crypto";
import { memoByText } from "../domain/text-memo";

/** A new bearer secret: 32 random bytes, base64url (43 characters, safe in a cookie or a URL path). */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What a secret token matches in the database: its SHA-256 (the token itself is never stored); remembered per token, as it is read on every request. */
export const hashToken = memoByText((token: string) => createHash("sha256").update(token).digest("hex"), 1_000_000);

/** The form of a token `newSecretToken` makes: anything else is refused before it is hashed or looked up. */
export const SECRET_TOKEN = /^[A-Za-z0-9_-]{43}$/;
