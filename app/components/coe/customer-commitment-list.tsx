import { CalendarDate } from "~/components/ui/local-time";
import type { CustomerCommitment } from "~/domain/action-items/customer-commitments";

const times = (n: number) => (n === 1 ? "once" : `${n} times`);

/** The customer RCA's promises: each customer-facing mid-term item with its date, saying so when the date moved. */
export function CustomerCommitmentList({ commitments }: { commitments: readonly CustomerCommitment[] }) {
  if (!commitments.length) return null;
  return (
    <>
      <h3>What we are changing, and when</h3>
      <ul className="customer-commitments">
        {commitments.map((c) => (
          <li key={c.id}>
            {c.title} — <When commitment={c} />
            {c.timesMoved > 0 ? (
              <>
                {" "}
                <strong className="moved">
                  Date moved {times(c.timesMoved)}
                  {c.firstPromisedDate ? (
                    <>
                      ; first promised for <CalendarDate date={c.firstPromisedDate} />
                    </>
                  ) : null}
                  .
                </strong>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function When({ commitment: c }: { commitment: CustomerCommitment }) {
  if (c.state === "withdrawn") return <>withdrawn</>;
  const date = c.promisedDate ? <CalendarDate date={c.promisedDate} /> : null;
  if (c.state === "done") return <>done{date ? <> (promised by {date})</> : null}</>;
  return date ? <>by {date}</> : <>date not yet promised</>;
}
