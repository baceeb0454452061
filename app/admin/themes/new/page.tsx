import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getViewer } from "@/lib/auth/session";
import { createThemeAction } from "../actions";
import { ThemeForm } from "../theme-form";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "New theme" };

export default async function NewThemePage() {
  requirePermission(await getViewer(), "theme.create", null);
  return (
    <div className="max-w-2xl">
      <PageHeader title="New theme" />
      <ThemeForm
        action={createThemeAction}
        submitLabel="Create theme"
        defaults={{ title: "", slug: "", description: "", colour: "#2563eb", discussionPublic: true }}
      />
    </div>
  );
}
