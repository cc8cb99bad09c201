import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { Providers } from "@/components/ui/providers";
import { signOutAction } from "./sign-in/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Semantix Memory", template: "%s · Semantix Memory" },
  description: "Browse, search and clean the memories of an AI memory store.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen">
        <Providers>
          <AppHeader signOut={signOutAction} />
          <main className="mx-auto max-w-screen-2xl px-4 py-5 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
