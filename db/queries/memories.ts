// Kept only for the benchmark (lib/bench), which moves to bench/ on its own branch: once it
// imports memory-list, memory-count and memory-delete directly, delete this file.
export { listMemories } from "./memory-list";
export { countMatching } from "./memory-count";
export { deleteMatching } from "./memory-delete";
