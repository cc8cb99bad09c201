import { describeDatabaseError } from "@/db/errors";
import { ErrorPanel } from "./error-panel";
import { RetryButton } from "./retry-button";

/** A page's data could not be loaded: what happened, in a sentence, and a retry. The page logs the details. */
export function DatabaseError({ title, error }: { title: string; error: unknown }) {
  return (
    <ErrorPanel title={title}>
      <p>{describeDatabaseError(error)}</p>
      <RetryButton />
    </ErrorPanel>
  );
}
