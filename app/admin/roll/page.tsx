import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { RollForm } from "./roll-form";

export const metadata: Metadata = { title: "Membership roll · Admin" };

export default async function RollPage() {
  if (!can(await getViewer(), "roll.import", null)) notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title="Membership roll">
        <p>
          People become verified members when they sign up with a member number and postcode, or an e-mail, found on the roll. The roll
          is kept only as keyed hashes: no number, postcode or address is stored in readable form.
        </p>
      </PageHeader>
      <RollForm />
    </div>
  );
}
