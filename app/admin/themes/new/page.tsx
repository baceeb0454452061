import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { createThemeAction } from "../actions";
import { ThemeForm } from "../theme-form";

export const metadata: Metadata = { title: "New theme" };

export default async function NewThemePage() {
  if (!can(await getViewer(), "theme.create", null)) notFound();
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
