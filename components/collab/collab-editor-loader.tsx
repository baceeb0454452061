"use client";

import dynamic from "next/dynamic";
import type { CollabEditorProps } from "./collab-editor";

/** Editor code is fetched only by pages that show the editor: readers get the server render and none of it. */
const CollabEditor = dynamic(() => import("./collab-editor"), {
  ssr: false,
  loading: () => (
    <p role="status" className="min-h-64 rounded-md border border-slate-300 bg-slate-50 p-4 text-slate-700">
      Loading the editor…
    </p>
  ),
});

export function CollabEditorLoader(props: CollabEditorProps) {
  return <CollabEditor {...props} />;
}
