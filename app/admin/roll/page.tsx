import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getViewer } from "@/lib/auth/session";
import { RollForm } from "./roll-form";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Membership roll · Admin" };

export default async function RollPage() {
  requirePermission(await getViewer(), "roll.import", null);
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
