import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getNotificationSettings } from "@/lib/following/queries";
import { NotificationSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) redirect("/sign-in?next=/settings/notifications");
  const settings = await getNotificationSettings(getDb(), viewer);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title="Notification settings">
        <p>
          Everything you follow always appears under <Link href="/notifications" className="text-blue-800 underline">Notifications</Link>. Here you
          choose what also comes by e-mail, and when.
        </p>
      </PageHeader>
      {can(viewer, "notification.settings", { userId: viewer.id }) ? (
        <NotificationSettingsForm settings={settings} />
      ) : (
        <Notice tone="error">Your account is suspended, so these settings cannot be changed.</Notice>
      )}
      <p>
        <Link href="/settings" className="text-blue-800 underline">
          Back to settings
        </Link>
      </p>
    </div>
  );
}
