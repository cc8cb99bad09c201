// Vitest runs server modules directly; the real package only guards client bundles.
export {};
