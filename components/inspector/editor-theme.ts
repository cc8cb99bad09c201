import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { color, oneDarkHighlightStyle, oneDarkTheme } from "@codemirror/theme-one-dark";

// One Dark's coral (JSON keys) has a contrast of 4.38:1 on its background, under WCAG's 4.5:1;
// this lighter coral has 5.4:1 there and 5:1 on the active line.
const KEY_CORAL = "#e8848c";

const highlight = HighlightStyle.define(
  oneDarkHighlightStyle.specs.map((spec) => (spec.color === color.coral ? { ...spec, color: KEY_CORAL } : spec)),
);

/** The raw_data editor's dark theme: One Dark with text that meets WCAG AA contrast. */
export const darkEditorTheme = [oneDarkTheme, syntaxHighlighting(highlight)];
