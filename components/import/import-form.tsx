"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { useToastDeleted } from "@/components/memory-table/undo-toast";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";
import { IMPORT_LIMITS, type ImportPreview, type ImportProblem } from "@/lib/ndjson-import";
import { tenantPath } from "@/lib/paths";

type Target = { projectId: string; userId: string; memories: number };
type Checked = { fileName: string; text: string; preview: ImportPreview; target: Target };

type Phase =
  | { step: "idle" }
  | { step: "reading"; share: number }
  | { step: "checking"; lines: number }
  | ({ step: "preview" } & Checked)
  | ({ step: "importing" } & Checked)
  | { step: "done"; imported: number; importId: string; undone: boolean };

const memories = (n: number) => `${formatCount(n)} ${n === 1 ? "memory" : "memories"}`;

/**
 * Imports an NDJSON file in two steps: choosing it reads and checks it (nothing is written) and
 * shows what it would import; the button imports it, all or nothing; the toast can undo it.
 */
export function ImportForm({ tenant }: { tenant: Tenant }) {
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const { previewImport, importMemories, revertImport } = useMemoryActions();
  const toastDeleted = useToastDeleted();

  const check = async (file: File) => {
    if (file.size > IMPORT_LIMITS.maxBytes) {
      toast.error(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB.`,
      );
      return;
    }
    const text = await readWithProgress(file, (share) => setPhase({ step: "reading", share }));
    setPhase({ step: "checking", lines: text.split("\n").filter((l) => l.trim()).length });
    const result = await previewImport({ ...tenant, ndjson: text });
    if (!result.ok) {
      toast.error(result.error);
      return setPhase({ step: "idle" });
    }
    const { target, ...preview } = result.data;
    setPhase({ step: "preview", fileName: file.name, text, preview, target });
  };

  const undo = async (importId: string) => {
    const result = await revertImport({ ...tenant, importId });
    if (!result.ok) return void toast.error(result.error);
    setPhase((p) => (p.step === "done" && p.importId === importId ? { ...p, undone: true } : p));
    toastDeleted(
      tenant,
      `Moved the ${memories(result.data.deleted)} of the import to the trash.`,
      result.data.operation,
    );
  };

  const run = async (checked: Checked) => {
    setPhase({ step: "importing", ...checked });
    const result = await importMemories({ ...tenant, ndjson: checked.text });
    if (!result.ok) {
      toast.error(result.error);
      return setPhase({ step: "preview", ...checked });
    }
    const { imported, importId, problems, problemCount } = result.data;
    if (problemCount > 0 || !importId) {
      // The same text was checked a moment ago; report it all the same rather than claim success.
      return setPhase({ step: "preview", ...checked, preview: { ...checked.preview, problems, problemCount } });
    }
    toast.success(`Imported ${memories(imported)}.`, {
      duration: 10_000,
      action: { label: "Undo", onClick: () => void undo(importId) },
    });
    setPhase({ step: "done", imported, importId, undone: false });
  };

  const busy = phase.step === "reading" || phase.step === "checking" || phase.step === "importing";
  return (
    <div className="space-y-4">
      <label className="card flex flex-col gap-2 p-4 text-sm">
        <span className="font-medium">NDJSON file</span>
        <input
          type="file"
          accept=".ndjson,.jsonl,application/x-ndjson,application/json,text/plain"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void check(file);
          }}
        />
        <span className="text-xs muted">
          One memory per line with <code>raw_data</code> (a JSON object), and optionally <code>embedding</code> (768
          numbers), <code>created_at</code> and <code>updated_at</code>, as the NDJSON export writes them. At most{" "}
          {IMPORT_LIMITS.maxBytes / 1024 / 1024} MB and {formatCount(IMPORT_LIMITS.maxLines)} lines. Choosing a file
          only checks it; nothing is imported until you confirm, and then all lines or none.
        </span>
      </label>
      <div role="status" aria-live="polite" className="text-sm">
        {phase.step === "reading" && (
          <p className="flex items-center gap-2">
            Reading the file… <progress max={1} value={phase.share} aria-label="Reading progress" />
          </p>
        )}
        {phase.step === "checking" && <p>Checking {formatCount(phase.lines)} lines…</p>}
        {phase.step === "importing" && <p>Importing {memories(phase.preview.memories)}…</p>}
        {phase.step === "done" &&
          (phase.undone ? (
            <p>
              The import was undone: its memories are in the{" "}
              <Link href={`${tenantPath(tenant)}/trash`} className="link">
                trash
              </Link>
              .
            </p>
          ) : (
            <p>
              Imported {memories(phase.imported)}.{" "}
              <Link href={tenantPath(tenant)} className="link">
                See them
              </Link>
            </p>
          ))}
      </div>
      {(phase.step === "preview" || phase.step === "importing") && (
        <PreviewPanel
          checked={phase}
          busy={busy}
          onImport={() => void run(phase)}
          onCancel={() => setPhase({ step: "idle" })}
        />
      )}
    </div>
  );
}

function PreviewPanel({
  checked: { fileName, preview, target },
  busy,
  onImport,
  onCancel,
}: {
  checked: Checked;
  busy: boolean;
  onImport: () => void;
  onCancel: () => void;
}) {
  return (
    <section aria-labelledby="import-preview-title" className="card space-y-3 p-4 text-sm">
      <h2 id="import-preview-title" className="font-semibold">
        Preview of <span className="font-mono">{fileName}</span>
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="muted">Lines</dt>
        <dd>{formatCount(preview.lineCount)}</dd>
        <dt className="muted">Memories</dt>
        <dd>{formatCount(preview.memories)}</dd>
        <dt className="muted">With embeddings</dt>
        <dd>{formatCount(preview.withEmbedding)}</dd>
        <dt className="muted">Into</dt>
        <dd>
          <span className="font-mono">{target.userId}</span> of <span className="font-mono">{target.projectId}</span>{" "}
          <span className="muted">(has {memories(target.memories)} now)</span>
        </dd>
      </dl>
      {preview.samples.length > 0 && (
        <div className="relative overflow-x-auto">
          <table className="w-full text-xs" aria-label="Sample rows">
            <thead>
              <tr>
                <th scope="col" className="th">
                  Line
                </th>
                <th scope="col" className="th">
                  Content
                </th>
                <th scope="col" className="th">
                  Tags
                </th>
                <th scope="col" className="th">
                  Created
                </th>
                <th scope="col" className="th">
                  Embedding
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {preview.samples.map((s) => (
                <tr key={s.line}>
                  <td className="td tabular-nums">{s.line}</td>
                  <td className="td max-w-md break-words">
                    {s.text ?? <span className="font-mono muted">{s.rawData}</span>}
                  </td>
                  <td className="td">{s.tags.join(", ")}</td>
                  <td className="td whitespace-nowrap font-mono">{s.createdAt ?? "now"}</td>
                  <td className="td">{s.hasEmbedding ? "yes" : "none"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.memories > preview.samples.length && (
            <p className="mt-1 text-xs muted">
              The first {preview.samples.length} of {memories(preview.memories)}.
            </p>
          )}
        </div>
      )}
      {preview.problemCount > 0 ? (
        <Problems problems={preview.problems} count={preview.problemCount} />
      ) : (
        <div className="flex gap-2">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || preview.memories === 0}
            onClick={onImport}
          >
            Import {memories(preview.memories)}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}

function Problems({ problems, count }: { problems: ImportProblem[]; count: number }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-medium">
        Nothing can be imported: {formatCount(count)} {count === 1 ? "line has a problem" : "lines have problems"}. Fix{" "}
        {count === 1 ? "it" : "them"} and choose the file again.
      </p>
      <ul className="mt-2 list-disc space-y-0.5 pl-5">
        {problems.map((p) => (
          <li key={p.line}>
            Line {p.line}: {p.reason}
          </li>
        ))}
      </ul>
      {count > problems.length && <p className="mt-1">…and {formatCount(count - problems.length)} more.</p>}
    </div>
  );
}

function readWithProgress(file: File, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsText(file);
  });
}
