// Routes reach the database only through data/ modules; this is their handle on the connection.
export { getDb as db } from "../../db/client";
export { checkpointAndCloseDb as closeDatabase } from "../../db/client";
