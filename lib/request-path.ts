/**
 * The request header the proxy sets to the page's path, so the not-found page (which Next.js
 * renders without the route's parameters) can say what was asked for. The proxy overwrites any
 * value a client sends.
 */
export const REQUEST_PATH_HEADER = "x-semantix-path";
