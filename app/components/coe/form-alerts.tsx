import { ErrorAlert } from "~/components/ui/error-alert";
import type { FormResult } from "./form-result";

/** "Title", "Title and Severity", "Title, Severity and Tags". */
function listOf(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The conflict banner (saying which fields took the other person's value and which need a choice) and the form-level error above one form. */
export function FormAlerts({ result, fieldLabel, autosaves }: { result: FormResult | undefined; fieldLabel: (name: string) => string; autosaves?: boolean }) {
  if (!result) return null;
  const merge = result.merge;
  return (
    <>
      {result.conflict && merge ? (
        <div className="alert conflict" role="alert">
          <strong>Someone else saved a change to this part first.</strong> This form now combines both versions.{" "}
          {merge.takenFromThem.length ? (
            <>
              {merge.takenFromThem.length > 1 ? "Their changes to" : "Their change to"} {listOf(merge.takenFromThem.map(fieldLabel))}{" "}
              {merge.takenFromThem.length > 1 ? "are" : "is"} now in the form.{" "}
            </>
          ) : null}
          {merge.conflicts.length ? <>Both of you changed {listOf(merge.conflicts.map(fieldLabel))}: choose below which to keep. </> : null}
          {merge.takenFromThem.length || merge.conflicts.length
            ? "Your other changes are kept"
            : "They changed none of the fields you see here, so your changes are kept"}
          {autosaves ? "; they are saved once you have chosen." : "; save again to apply them."}
        </div>
      ) : result.conflict ? (
        <div className="alert conflict" role="alert">
          <strong>Someone else saved a change to this section first.</strong> The page now shows their version; what you typed is kept in this form. Check it
          against the current content and save again to apply it.
        </div>
      ) : null}
      <ErrorAlert message={result.errors?.form} />
    </>
  );
}
