import { data } from "react-router";

// Any URL no other route matches renders the 404 page through the root error boundary.
export function loader() {
  throw data({ reason: "There is no page at this address." }, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
