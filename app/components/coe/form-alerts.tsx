import { ErrorAlert } from "~/components/ui/error-alert";
import type { FormResult } from "./form-result";

/** The conflict banner and form-level error above one form. */
export function FormAlerts({ result }: { result: FormResult | undefined }) {
  if (!result) return null;
  return (
    <>
      {result.conflict ? (
        <div className="alert conflict" role="alert">
          <strong>Someone else saved a change to this section first.</strong> The page now shows their version; what you typed is kept in this form. Check it against the current
          content and save again to apply it.
        </div>
      ) : null}
      <ErrorAlert message={result.errors?.form} />
    </>
  );
}
