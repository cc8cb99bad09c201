import Link from "next/link";
import type { ParamProblem } from "@/lib/memory-query/lenient";

/**
 * Above a page shown without the parameters of its link that could not be read: names each one
 * and why, with a link to the same view without them.
 */
export function BadParamsBanner({ problems, href }: { problems: ParamProblem[]; href: string }) {
  if (problems.length === 0) return null;
  const names = problems.map((p) => p.param);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return (
    <div
      role="alert"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">
        {names.length === 1 ? `The ${list} in this link is not valid` : `The ${list} in this link are not valid`}: shown
        without {names.length === 1 ? "it" : "them"}.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p.param}>{p.message}</li>
        ))}
      </ul>
      <Link href={href} className="link mt-1 inline-block font-medium">
        Open this view without {list}
      </Link>
    </div>
  );
}
