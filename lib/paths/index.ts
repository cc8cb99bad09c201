// Every route of the dashboard and its API is built here, each id through idSegment.
export * from "./api";
export * from "./pages";
export type { Query } from "./query";
export * from "./segments";
