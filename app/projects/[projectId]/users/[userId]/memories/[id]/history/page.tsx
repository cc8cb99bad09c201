import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DriftChart } from "@/components/history/drift-chart";
import { RestoreVersionButton } from "@/components/history/restore-version-button";
import { BadParamsBanner } from "@/components/ui/bad-params-banner";
import { DatabaseError, withDatabaseErrors } from "@/components/ui/database-error";
import { trashedAt } from "@/db/queries/trash";
import { requireProject } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/format";
import type { HistoryEntry } from "@/lib/memory-history";
import type { ParamProblem } from "@/lib/memory-query/lenient";
import { memoryTimeline } from "@/lib/memory-timeline";
import { memoryHistoryPath, memoryPath, tenantPath, trashPath } from "@/lib/paths";
import { diffRawData } from "@/lib/raw-data-diff";
import { memoryIdSchema } from "@/lib/tenant-params";
import { tenantFromRoute } from "@/lib/tenant-route";

type Props = PageProps<"/projects/[projectId]/users/[userId]/memories/[id]/history">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `History of memory ${(await params).id}` };
}

/** A version number of this memory's history from the link, or a problem naming it. */
function pickVersion(
  raw: string | string[] | undefined,
  param: string,
  versions: number,
  problems: ParamProblem[],
): number | undefined {
  if (raw === undefined) return undefined;
  const n = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (n >= 1 && n <= versions) return n;
  problems.push({ param, message: `${param} must be a version from 1 to ${versions}.` });
  return undefined;
}

async function HistoryPage({ params, searchParams }: Props) {
  const route = await params;
  const tenant = tenantFromRoute(route);
  const id = memoryIdSchema.safeParse(route.id);
  if (!tenant || !id.success) notFound();
  const query = await searchParams;
  await requireProject(tenant.projectId, "read", memoryHistoryPath(tenant, id.data, query));

  let entries: HistoryEntry[];
  let inTrashSince: Date | null = null;
  try {
    entries = await memoryTimeline(tenant, id.data);
    if (entries[0]?.deleted) inTrashSince = await trashedAt(tenant, id.data);
  } catch (error) {
    console.error("[history] loading failed:", error);
    return <DatabaseError title="The history could not be loaded" error={error} />;
  }
  // A memory in the trash, or purged, still has the versions kept of it (until their retention ends).
  const newest = entries[0];
  if (!newest) notFound();
  const current = newest.current ? newest : null;

  // The two versions compared: from the link, else the newest change.
  const problems: ParamProblem[] = [];
  const to = pickVersion(query.to, "to", entries.length, problems) ?? newest.version;
  const from = pickVersion(query.from, "from", entries.length, problems) ?? Math.max(1, to - 1);
  const entry = (version: number) => entries.find((e) => e.version === version)!;
  const changes = diffRawData(entry(from).rawData, entry(to).rawData);
  const drift = [...entries]
    .reverse()
    .map((e) => ({ version: e.version, l2: e.embedding.l2, cosine: e.embedding.cosine }));

  return (
    <section className="space-y-4">
      <BadParamsBanner problems={problems} href={memoryHistoryPath(tenant, id.data)} />
      <div className="flex flex-wrap items-center gap-3">
        {current ? (
          <Link href={memoryPath(tenant, id.data)} className="btn btn-sm" aria-label="Back to the memory">
            <ArrowLeft className="size-4" aria-hidden /> Memory
          </Link>
        ) : (
          <Link
            href={tenantPath(tenant)}
            className="btn btn-sm"
            aria-label={`Back to the memories of ${tenant.userId}`}
          >
            <ArrowLeft className="size-4" aria-hidden /> Memories
          </Link>
        )}
        <h1 className="text-xl font-semibold">History of memory {id.data}</h1>
        <span className="text-sm muted">
          {entries.length} {entries.length === 1 ? "version" : "versions"}
        </span>
      </div>

      {!current && (
        <div
          role="status"
          className="card border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          {inTrashSince ? (
            <>
              This memory is in the trash since {formatDateTime(inTrashSince)}. Its versions can be read and compared;
              to restore one, first{" "}
              <Link href={trashPath(tenant)} className="link">
                restore the memory from the trash
              </Link>
              .
            </>
          ) : (
            <>
              This memory was purged. The versions kept of it can be read and compared until their retention ends; there
              is no memory to restore them to.
            </>
          )}
        </div>
      )}

      <div className="grid gap-4 *:min-w-0 lg:grid-cols-[22rem_1fr]">
        <section aria-labelledby="versions-title" className="card p-4">
          <h2 id="versions-title" className="mb-2 text-sm font-semibold">
            Versions, newest first
          </h2>
          <ol className="space-y-3" aria-label="Versions">
            {entries.map((e) => (
              <li key={e.version} className="space-y-1 border-l-2 border-zinc-200 pl-3 text-sm dark:border-zinc-700">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">Version {e.version}</span>
                  {e.current && <span className="chip">current</span>}
                  {e.deleted && <span className="chip">deleted</span>}
                  <span className="chip">{e.kind}</span>
                </p>
                <p className="muted">
                  {e.madeAt
                    ? `${e.madeAt.replace("T", " ").slice(0, 19)} UTC`
                    : e.kind === "restored"
                      ? "put back without the dashboard: when and by whom is not known"
                      : `created ${e.createdAt.slice(0, 19)}`}
                  {e.madeBy !== undefined && ` · ${e.madeBy ?? "outside the dashboard"}`}
                </p>
                {e.deleted && e.replacedAt && (
                  <p className="muted">
                    Deleted {e.replacedAt.replace("T", " ").slice(0, 19)} UTC · {e.actor ?? "outside the dashboard"}
                  </p>
                )}
                {e.embedding.changed && (
                  <p className="muted">
                    Vector moved: L2 {e.embedding.l2?.toFixed(4)}
                    {e.embedding.cosine !== null && `, cosine ${e.embedding.cosine.toFixed(4)}`}
                    {e.embedder && ` · ${e.embedder}`}
                  </p>
                )}
                {!e.hasEmbedding && <p className="muted">No embedding</p>}
                {e.hasEmbedding && !e.embedding.changed && e.embedder && e.kind === "earliest kept" && (
                  <p className="muted">Vector by {e.embedder}</p>
                )}
                <p className="flex flex-wrap gap-2">
                  {e.version !== to && (
                    <Link className="btn btn-sm" href={memoryHistoryPath(tenant, id.data, { from: e.version, to })}>
                      Compare with version {to}
                    </Link>
                  )}
                  {e.versionId !== null && current && (
                    <RestoreVersionButton
                      tenant={tenant}
                      id={id.data}
                      versionId={e.versionId}
                      version={e.version}
                      current={current.updatedAt}
                    />
                  )}
                </p>
              </li>
            ))}
          </ol>
        </section>

        <div className="space-y-4">
          <section aria-labelledby="diff-title" className="card space-y-2 p-4">
            <h2 id="diff-title" className="text-sm font-semibold">
              raw_data from version {from} to version {to}
            </h2>
            <form className="flex flex-wrap items-end gap-2 text-sm" action={memoryHistoryPath(tenant, id.data)}>
              {(["from", "to"] as const).map((name) => (
                <label key={name} className="space-y-1">
                  <span className="block font-medium">{name === "from" ? "From" : "To"}</span>
                  <select name={name} defaultValue={name === "from" ? from : to} className="input">
                    {entries.map((e) => (
                      <option key={e.version} value={e.version}>
                        Version {e.version}
                        {e.current ? " (current)" : ""}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              <button type="submit" className="btn btn-sm">
                Compare
              </button>
            </form>
            {changes.length === 0 ? (
              <p className="text-sm muted">No difference in raw_data.</p>
            ) : (
              <div className="relative overflow-x-auto">
                <table className="w-full text-sm" aria-label="Changed paths">
                  <thead>
                    <tr className="text-left muted">
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Path
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Change
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Before
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        After
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: an array index may be removed and added at one path
                      <tr key={i} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                        <td className="py-1 pr-3 font-mono break-all">{c.path || "(the whole object)"}</td>
                        <td className="py-1 pr-3">{c.kind}</td>
                        <td className="py-1 pr-3 font-mono break-all">{"before" in c ? c.before : ""}</td>
                        <td className="py-1 font-mono break-all">{"after" in c ? c.after : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {entries.some((e) => e.embedding.l2 !== null) && (
            <section aria-labelledby="drift-title" className="card space-y-2 p-4">
              <h2 id="drift-title" className="text-sm font-semibold">
                Embedding drift
              </h2>
              <DriftChart points={drift} />
            </section>
          )}
        </div>
      </div>
    </section>
  );
}

export default withDatabaseErrors("The history could not be loaded", HistoryPage);
