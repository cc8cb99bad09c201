import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { describeDatabaseError } from "@/db/errors";
import { classifyError, logFailure } from "@/lib/error-response";
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

/**
 * A page that shows DatabaseError when the database cannot answer anywhere in it, its session
 * check included (a locked embedded folder, a server down or restarting), instead of failing
 * with a bare 500 whose reason production hides. Other errors go on to the error page.
 */
export function withDatabaseErrors<P>(
  title: string,
  page: (props: P) => Promise<ReactNode>,
): (props: P) => Promise<ReactNode> {
  return async (props) => {
    try {
      return await page(props);
    } catch (error) {
      unstable_rethrow(error);
      const failure = classifyError(error);
      if (failure.kind !== "database") throw error;
      logFailure(failure, error, `[page] ${title}:`);
      return <DatabaseError title={title} error={error} />;
    }
  };
}
