import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Commonplace", template: "%s · Commonplace" },
  description: "Where members turn argument into shared, well-sourced policy.",
  // public/manifest.webmanifest: a phone can add the site to its home screen (icons from scripts/make-icons.ts).
  manifest: "/manifest.webmanifest",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d4ed8" };

/**
 * The document only. The header and the main landmark come from the layouts below
 * (components/layout/site-chrome.tsx), which know whether the page is a member's or the visitors'
 * shared, cached one.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <ToastProvider>{children}</ToastProvider>
      </body>
    </html>
  );
}
