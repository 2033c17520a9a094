import type { CoeStatus } from "../../../db/schema";
import { STATUS_LABELS } from "~/domain/coe/labels";

export function StatusBadge({ status }: { status: CoeStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
