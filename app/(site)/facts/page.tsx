import type { Metadata } from "next";
import { FactSearch } from "@/components/facts/fact-search";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { searchFacts } from "@/lib/facts/search";
import { listActiveThemes } from "@/lib/themes/queries";
import { factSearchSchema } from "@/lib/validation/facts";

export const metadata: Metadata = { title: "Facts" };

export default async function FactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = factSearchSchema.safeParse(flat);
  const params = parsed.success ? parsed.data : factSearchSchema.parse({});
  const db = getDb();
  const viewer = await getViewer();
  const [result, themes] = await Promise.all([searchFacts(db, viewer, params), listActiveThemes(db)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Facts"
        actions={
          <>
            {can(viewer, "fact.reviewQueue", null) ? (
              <ButtonLink href="/facts/review" variant="secondary">
                Review queue
              </ButtonLink>
            ) : null}
            <ButtonLink href="/facts/new">Propose a fact</ButtonLink>
          </>
        }
      >
        <p>Checked statements and figures with their sources. Each has a hardness score from 0 to 100 that explains itself; members dispute what they think is wrong.</p>
      </PageHeader>
      <FactSearch initial={result} params={params} themes={themes.map((t) => ({ slug: t.slug, title: t.title }))} />
    </div>
  );
}
