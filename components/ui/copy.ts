"use client";

import { toast } from "sonner";

/** Copies text and says so; falls back to a hidden textarea where the Clipboard API is unavailable (plain http). */
export async function copyText(text: string, what: string): Promise<void> {
  try {
    if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(text);
    else {
      const area = document.createElement("textarea");
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    toast.success(`Copied ${what}`);
  } catch {
    toast.error(`Could not copy ${what}`);
  }
}
