"use client";

import { X } from "lucide-react";
import type { ReadonlyURLSearchParams } from "next/navigation";
import { useRef, useState } from "react";
import { useSlashFocus } from "@/components/ui/filter-box";
import type { FilterInput } from "@/db/filters";

// The filter bar's controls, one per kind of FilterInput. Each writes its URL parameters as named
// form fields (hidden ones for chips and modes), so the bar reads every filter the same way.

type Props<C extends FilterInput["control"]> = {
  input: Extract<FilterInput, { control: C }>;
  params: ReadonlyURLSearchParams;
};

const fieldClass = "flex flex-col gap-1 text-xs muted";

export function FilterControl({ input, params }: { input: FilterInput; params: ReadonlyURLSearchParams }) {
  switch (input.control) {
    case "text":
      return <TextControl input={input} params={params} />;
    case "values":
      return <ValuesControl input={input} params={params} />;
    case "json-path":
      return <JsonPathControl input={input} params={params} />;
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

function ValuesControl({ input, params }: Props<"values">) {
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
        <input
          name={input.param}
          value={pending}
          onChange={(e) => setPending(e.target.value)}
          placeholder={input.add}
          aria-label={input.add}
          className={`input ${mode ? "w-28" : "w-36"}`}
        />
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

function JsonPathControl({ input, params }: Props<"json-path">) {
  const exists = params.get(input.exists);
  const [path, setPath] = useState(params.get(input.path) ?? "");
  const [condition, setCondition] = useState(exists === "true" ? "present" : exists === "false" ? "absent" : "equals");
  return (
    <>
      <label className={fieldClass}>
        JSON path
        <input
          name={input.path}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="meta.source"
          className="input w-40 font-mono"
        />
      </label>
      <label className={fieldClass}>
        JSON path condition
        <select value={condition} onChange={(e) => setCondition(e.target.value)} className="input">
          <option value="equals">equals</option>
          <option value="present">is present</option>
          <option value="absent">is absent</option>
        </select>
      </label>
      {condition === "equals" ? (
        <label className={fieldClass}>
          JSON path value
          {/* Without a path the value is no filter (and alone the URL would be refused). */}
          <input
            name={path.trim() ? input.value : undefined}
            data-exact
            defaultValue={params.get(input.value) ?? ""}
            className="input w-36"
          />
        </label>
      ) : (
        path.trim() && <input type="hidden" name={input.exists} value={condition === "present" ? "true" : "false"} />
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
