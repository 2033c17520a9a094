import { z } from "zod";
import { ROLES } from "./enums";

/** A new account, as the CLI (and later the admin page) accepts it. */
export const UserAddSchema = z.object({
  email: z.email("must be an email address").toLowerCase(),
  name: z.string().trim().min(1, "must not be empty").max(100),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  password: z.string().min(8, "must be at least 8 characters").max(200),
  team: z.string().trim().min(1, "must not be empty").max(100).optional(),
});
export type UserAdd = z.output<typeof UserAddSchema>;
