"use client";

import { json, jsonParseLinter } from "@codemirror/lang-json";
import { linter, lintGutter } from "@codemirror/lint";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useTheme } from "next-themes";
import { useMemo } from "react";
import { AppError } from "@/db/app-error";
import { checkRawDataText, utf8Bytes } from "@/lib/raw-data";
import { darkEditorTheme } from "./editor-theme";

export type JsonCheck = { ok: true; bytes: number } | { ok: false; message: string };

/** The same checks the server applies to raw_data, run as the user types. */
export function checkJsonText(text: string): JsonCheck {
  try {
    return { ok: true, bytes: utf8Bytes(checkRawDataText(text)) };
  } catch (error) {
    return { ok: false, message: error instanceof AppError ? error.message : "raw_data is not valid." };
  }
}

/** A JSON editor for raw_data with syntax highlighting, lint marks and a status line. */
export function JsonEditor({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (text: string) => void;
  label: string;
}) {
  const { resolvedTheme } = useTheme();
  const check = useMemo(() => checkJsonText(value), [value]);
  // The label goes on CodeMirror's editable element, so assistive tech (and tests) find it as a textbox.
  const extensions = useMemo(
    () => [json(), linter(jsonParseLinter()), lintGutter(), EditorView.contentAttributes.of({ "aria-label": label })],
    [label],
  );
  return (
    <div className="space-y-1">
      <div className="focus-frame overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
        <CodeMirror
          value={value}
          onChange={onChange}
          extensions={extensions}
          theme={resolvedTheme === "dark" ? darkEditorTheme : "light"}
          minHeight="16rem"
          maxHeight="60vh"
          basicSetup={{ foldGutter: true, highlightActiveLine: true }}
        />
      </div>
      <p
        role="status"
        aria-live="polite"
        className={`text-xs ${check.ok ? "muted" : "text-red-700 dark:text-red-400"}`}
      >
        {check.ok ? `Valid JSON object · ${(check.bytes / 1024).toFixed(1)} KB of 256 KB` : check.message}
      </p>
    </div>
  );
}
