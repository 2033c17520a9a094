import type { CoeStatus } from "~/domain/enums";
import { STATUS_LABELS } from "~/domain/coe/labels";

export function StatusBadge({ status }: { status: CoeStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
