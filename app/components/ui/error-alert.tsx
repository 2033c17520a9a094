/** A form-level error, announced to screen readers when it appears. */
export function ErrorAlert({ message }: { message: string | undefined }) {
  return message ? (
    <p className="alert error" role="alert">
      {message}
    </p>
  ) : null;
}
