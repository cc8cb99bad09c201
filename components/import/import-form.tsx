"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import type { Tenant } from "@/db/tenant";
import { formatCount } from "@/lib/format";
import { IMPORT_LIMITS, type ImportProblem } from "@/lib/ndjson-import";
import { tenantPath } from "@/lib/paths";

type Phase =
  | { step: "idle" }
  | { step: "reading"; share: number }
  | { step: "importing"; lines: number }
  | { step: "done"; imported: number }
  | { step: "refused"; problems: ImportProblem[]; count: number };

/** Reads an NDJSON file (with progress), sends it to be checked and imported all-or-nothing, and reports each bad line. */
export function ImportForm({ tenant }: { tenant: Tenant }) {
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const { importMemories } = useMemoryActions();

  const run = async (file: File) => {
    if (file.size > IMPORT_LIMITS.maxBytes) {
      toast.error(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB.`,
      );
      return;
    }
    const text = await readWithProgress(file, (share) => setPhase({ step: "reading", share }));
    const lines = text.split("\n").filter((l) => l.trim()).length;
    setPhase({ step: "importing", lines });
    const result = await importMemories({ ...tenant, ndjson: text });
    if (!result.ok) {
      toast.error(result.error);
      setPhase({ step: "idle" });
    } else if (result.data.problemCount > 0) {
      setPhase({ step: "refused", problems: result.data.problems, count: result.data.problemCount });
    } else {
      toast.success(`Imported ${formatCount(result.data.imported)} memories.`);
      setPhase({ step: "done", imported: result.data.imported });
    }
  };

  return (
    <div className="space-y-4">
      <label className="card flex flex-col gap-2 p-4 text-sm">
        <span className="font-medium">NDJSON file</span>
        <input
          type="file"
          accept=".ndjson,.jsonl,application/x-ndjson,application/json,text/plain"
          disabled={phase.step === "reading" || phase.step === "importing"}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void run(file);
          }}
        />
        <span className="text-xs muted">
          One memory per line with <code>raw_data</code> (a JSON object), and optionally <code>embedding</code> (768
          numbers), <code>created_at</code> and <code>updated_at</code>, as the NDJSON export writes them. At most{" "}
          {IMPORT_LIMITS.maxBytes / 1024 / 1024} MB and {formatCount(IMPORT_LIMITS.maxLines)} lines. Every line is
          checked first: with any problem, nothing is imported.
        </span>
      </label>
      <div role="status" aria-live="polite" className="text-sm">
        {phase.step === "reading" && (
          <p className="flex items-center gap-2">
            Reading the file… <progress max={1} value={phase.share} aria-label="Reading progress" />
          </p>
        )}
        {phase.step === "importing" && <p>Checking and importing {formatCount(phase.lines)} lines…</p>}
        {phase.step === "done" && (
          <p>
            Imported {formatCount(phase.imported)} memories.{" "}
            <Link href={tenantPath(tenant)} className="link">
              See them
            </Link>
          </p>
        )}
      </div>
      {phase.step === "refused" && (
        <div
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-medium">
            Nothing was imported: {formatCount(phase.count)}{" "}
            {phase.count === 1 ? "line has a problem" : "lines have problems"}.
          </p>
          <ul className="mt-2 list-disc space-y-0.5 pl-5">
            {phase.problems.map((p) => (
              <li key={p.line}>
                Line {p.line}: {p.reason}
              </li>
            ))}
          </ul>
          {phase.count > phase.problems.length && (
            <p className="mt-1">…and {formatCount(phase.count - phase.problems.length)} more.</p>
          )}
        </div>
      )}
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
