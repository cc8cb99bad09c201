import { type NextRequest, NextResponse } from "next/server";
import { AppError } from "@/db/app-error";
import { classifyError, jsonErrorResponse } from "@/lib/error-response";
import { isApiPath } from "@/lib/paths";
import { REQUEST_PATH_HEADER } from "@/lib/request-path";

// Answers 400 to a path whose percent-encoding is broken (`%FF`, `%E0%A4%A`): Next.js cannot
// route it and would answer a bare 500. Access control is not done here: every page, action
// and API route checks the session and the role itself.
export function proxy(request: NextRequest) {
  const bad = request.nextUrl.pathname.split("/").some((segment) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
  if (!bad) {
    // The not-found page reads the path from here (it gets no route parameters); a client's own value is replaced.
    const headers = new Headers(request.headers);
    headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname);
    return NextResponse.next({ request: { headers } });
  }
  const failure = classifyError(new AppError("invalid", "The address has broken percent-encoding."));
  return isApiPath(request.nextUrl.pathname)
    ? jsonErrorResponse(failure)
    : new NextResponse(failure.message, {
        status: failure.status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
}

// Server action posts (imports up to 50 MB) skip the proxy, which would buffer and cut their body.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image).*)", missing: [{ type: "header", key: "next-action" }] }],
};
