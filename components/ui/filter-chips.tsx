/** Filters in words ("tag: bug"), a chip each; a list, so a screen reader counts them. */
export function FilterChips({ chips, label = "Filters" }: { chips: string[]; label?: string }) {
  if (chips.length === 0) return null;
  return (
    <ul aria-label={label} className="inline-flex max-w-full flex-wrap gap-1 align-middle">
      {chips.map((chip) => (
        <li key={chip} className="chip max-w-full truncate" title={chip}>
          {chip}
        </li>
      ))}
    </ul>
  );
}
