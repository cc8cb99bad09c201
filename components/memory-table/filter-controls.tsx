"use client";

import { X } from "lucide-react";
import type { ReadonlyURLSearchParams } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useSlashFocus } from "@/components/ui/filter-box";
import type { FilterInput } from "@/db/filters";
import type { Tenant } from "@/db/tenant";
import { SuggestInput } from "./suggest-input";

// The filter bar's controls, one per kind of FilterInput. Each writes its URL parameters as named
// form fields (hidden ones for chips and modes), so the bar reads every filter the same way.

type Props<C extends FilterInput["control"]> = {
  input: Extract<FilterInput, { control: C }>;
  params: ReadonlyURLSearchParams;
  /** Whose values complete the fields; without it they are plain text fields. */
  tenant?: Tenant;
};

const fieldClass = "flex flex-col gap-1 text-xs muted";

export function FilterControl({
  input,
  params,
  tenant,
}: {
  input: FilterInput;
  params: ReadonlyURLSearchParams;
  tenant?: Tenant;
}) {
  switch (input.control) {
    case "text":
      return <TextControl input={input} params={params} />;
    case "values":
      return <ValuesControl input={input} params={params} tenant={tenant} />;
    case "json-path":
      return <JsonPathControl input={input} params={params} tenant={tenant} />;
    case "date-range":
      return <DateRangeControl input={input} params={params} />;
    case "choice":
      return <ChoiceControl input={input} params={params} />;
  }
}

function TextControl({ input, params }: Props<"text">) {
  const search = useRef<HTMLInputElement>(null);
  useSlashFocus(search);
  return (
    <label className={`${fieldClass} min-w-56 flex-1`}>
      {input.label}
      <input
        ref={search}
        id="memory-search"
        name={input.param}
        type="search"
        defaultValue={params.get(input.param) ?? ""}
        placeholder={input.placeholder}
        className="input"
      />
    </label>
  );
}

function ValuesControl({ input, params, tenant }: Props<"values">) {
  const [values, setValues] = useState(params.getAll(input.param));
  const [pending, setPending] = useState("");
  const mode = input.mode;
  const [modeValue, setModeValue] = useState((mode && params.get(mode.param)) ?? mode?.options[0]?.value ?? "");
  const count = values.length + (pending.trim() ? 1 : 0);
  return (
    <div className={fieldClass}>
      <span>{input.label}</span>
      <div className="flex flex-wrap items-center gap-1">
        {values.map((v) => (
          <span key={v} className="chip gap-1 pr-1">
            <input type="hidden" name={input.param} value={v} data-exact />
            <span className="truncate">{v}</span>
            <button
              type="button"
              onClick={() => setValues(values.filter((x) => x !== v))}
              aria-label={`Remove ${input.noun} ${v}`}
              title={`Remove ${input.noun} ${v}`}
              className="rounded-full p-0.5 hover:bg-zinc-200 dark:hover:bg-zinc-700"
            >
              <X className="size-3" aria-hidden />
            </button>
          </span>
        ))}
        {tenant && input.suggest ? (
          <SuggestInput
            tenant={tenant}
            field={input.suggest}
            name={input.param}
            value={pending}
            onChange={setPending}
            onPick={(picked) => {
              if (!values.includes(picked)) setValues([...values, picked]);
              setPending("");
            }}
            noun={input.noun}
            label={input.add}
            placeholder={input.add}
            className={`input ${mode ? "w-28" : "w-36"}`}
          />
        ) : (
          <input
            name={input.param}
            value={pending}
            onChange={(e) => setPending(e.target.value)}
            placeholder={input.add}
            aria-label={input.add}
            className={`input ${mode ? "w-28" : "w-36"}`}
          />
        )}
        {mode && (
          <>
            <select
              value={modeValue}
              onChange={(e) => setModeValue(e.target.value)}
              aria-label={mode.label}
              className="input"
            >
              {mode.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {/* The mode only means something for several values; the default is left out of the URL. */}
            {count > 1 && modeValue !== mode.options[0]?.value && (
              <input type="hidden" name={mode.param} value={modeValue} />
            )}
          </>
        )}
      </div>
    </div>
  );
}

// The JSON path's conditions: a comparison is written as `op` beside the value, presence as `exists`.
const JSON_PATH_CONDITIONS = [
  { value: "equals", label: "equals" },
  { value: "gt", label: "> greater than" },
  { value: "gte", label: "≥ at least" },
  { value: "lt", label: "< less than" },
  { value: "lte", label: "≤ at most" },
  { value: "present", label: "is present" },
  { value: "absent", label: "is absent" },
];

function JsonPathControl({ input, params, tenant }: Props<"json-path">) {
  const exists = params.get(input.exists);
  const op = params.get(input.op);
  const [path, setPath] = useState(params.get(input.path) ?? "");
  const [condition, setCondition] = useState(
    exists === "true"
      ? "present"
      : exists === "false"
        ? "absent"
        : op && JSON_PATH_CONDITIONS.some((c) => c.value === op)
          ? op
          : "equals",
  );
  const pathId = useId();
  const hasPath = path.trim() !== "";
  const compares = condition !== "equals" && condition !== "present" && condition !== "absent";
  return (
    <>
      <label htmlFor={pathId} className={fieldClass}>
        JSON path
        {tenant ? (
          <SuggestInput
            id={pathId}
            tenant={tenant}
            field="path"
            name={input.path}
            value={path}
            onChange={setPath}
            onPick={setPath}
            noun="path"
            placeholder="meta.source"
            className="input w-40 font-mono"
          />
        ) : (
          <input
            id={pathId}
            name={input.path}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="meta.source"
            className="input w-40 font-mono"
          />
        )}
      </label>
      <label className={fieldClass}>
        JSON path condition
        <select value={condition} onChange={(e) => setCondition(e.target.value)} className="input">
          {JSON_PATH_CONDITIONS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {condition === "equals" || compares ? (
        <label className={fieldClass}>
          JSON path value
          {/* Without a path the value is no filter (and alone the URL would be refused). */}
          <input
            name={hasPath ? input.value : undefined}
            data-exact
            defaultValue={params.get(input.value) ?? ""}
            placeholder={compares ? "0.8, 2026-05-31 or now" : undefined}
            className="input w-36"
          />
          {compares && hasPath && <input type="hidden" name={input.op} value={condition} />}
        </label>
      ) : (
        hasPath && <input type="hidden" name={input.exists} value={condition === "present" ? "true" : "false"} />
      )}
    </>
  );
}

function DateRangeControl({ input, params }: Props<"date-range">) {
  const date = (name: string, label: string) => {
    const value = params.get(name) ?? "";
    // A date picker for dates; a date-time from a shared link stays editable as text.
    const isDateOnly = value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value);
    return (
      <label className={fieldClass}>
        {label}
        <input name={name} type={isDateOnly ? "date" : "text"} defaultValue={value} className="input" />
      </label>
    );
  };
  return (
    <>
      {date(input.from, `${input.label} from`)}
      {date(input.to, `${input.label} to`)}
    </>
  );
}

function ChoiceControl({ input, params }: Props<"choice">) {
  return (
    <label className={fieldClass}>
      {input.label}
      <select name={input.param} defaultValue={params.get(input.param) ?? ""} className="input">
        {input.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
