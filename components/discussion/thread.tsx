import type { Actor, PaperResource } from "@/lib/auth/permissions";

export interface ThreadProps {
  paper: PaperResource & { title: string };
  viewer: Actor;
  /** ?sort=newest|useful and the like, passed through from the page. */
  searchParams: Record<string, string | string[] | undefined>;
  /** Set on a permalink page: the thread opens at this comment. */
  focusCommentId?: string;
}

/** The paper's discussion. Owned by the discussion work of issue 3 (to be written). */
export function Thread(_props: ThreadProps) {
  return (
    <section aria-labelledby="discussion-heading">
      <h2 id="discussion-heading" className="text-2xl font-semibold">
        Discussion
      </h2>
    </section>
  );
}
