"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { checkJsonText, JsonEditor } from "@/components/inspector/json-editor";
import { useMemoryActions } from "@/components/tenant/memory-actions";
import type { Tenant } from "@/db/tenant";
import { memoryPath } from "@/lib/paths";

const TEMPLATE = JSON.stringify({ content: "", tags: [], component: "" }, null, 2);

export function NewMemoryForm({ tenant }: { tenant: Tenant }) {
  const router = useRouter();
  const { createMemory } = useMemoryActions();
  const [text, setText] = useState(TEMPLATE);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const create = () =>
    startTransition(async () => {
      const result = await createMemory({ ...tenant, rawData: text });
      if (!result.ok) {
        setError(result.error);
        toast.error(result.error);
        return;
      }
      toast.success(`Created memory ${result.data.id}${result.data.hasEmbedding ? "" : " (no text to embed)"}.`);
      router.push(memoryPath(tenant, result.data.id));
    });

  return (
    <div className="space-y-3">
      <JsonEditor value={text} onChange={setText} label="New memory raw_data JSON" />
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className="btn" onClick={() => router.back()}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={pending || !checkJsonText(text).ok}
          onClick={create}
        >
          {pending ? "Creating…" : "Create memory"}
        </button>
      </div>
    </div>
  );
}
