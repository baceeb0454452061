import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { can, type Actor, type PaperResource } from "@/lib/auth/permissions";
import { getThread, type ThreadComment, type ThreadNode } from "@/lib/discussion/queries";
import { digestVersionsCiting } from "@/lib/digests/queries";
import { visibleForPage } from "@/lib/discussion/tree";
import type { ThreadSort } from "@/lib/discussion/ranking";
import { CommentActions } from "./comment-actions";
import { Composer } from "./composer";
import { FocusComment } from "./focus-comment";
import { QuoteSelection } from "./quote-selection";
import css from "./thread.module.css";

export interface ThreadProps {
  paper: PaperResource & { title: string };
  viewer: Actor;
  /** ?sort=newest|useful and the like, passed through from the page. */
  searchParams: Record<string, string | string[] | undefined>;
  /** Set on a permalink page: the thread opens at this comment. */
  focusCommentId?: string;
}

/**
 * Replies nest with a left rule. Phones show four levels and fold deeper branches into a
 * "Continue this thread" link to the branch's permalink; wider screens show eight.
 */
const PHONE_LEVELS = 4;
const WIDE_LEVELS = 8;
/** At most this many comments are rendered on one page; the rest sit behind "more replies" links. */
const RENDER_BUDGET = 300;

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const permalink = (paperId: string, commentId: string) => `/papers/${paperId}/c/${commentId}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The paper's discussion, read in a fixed number of queries and rendered on the server. */
export async function Thread({ paper, viewer, searchParams, focusCommentId }: ThreadProps) {
  if (!can(viewer, "comment.view", paper)) {
    return (
      <section aria-labelledby="discussion-heading" id="discussion" className="space-y-4">
        <h2 id="discussion-heading" className="text-2xl font-semibold">
          Discussion
        </h2>
        <Notice tone="info">
          The discussion of this theme is open to verified members only. {viewer.id ? null : <Link href={`/sign-in?next=/papers/${paper.id}`}>Sign in</Link>}
        </Notice>
      </section>
    );
  }
  const view = await getThread(getDb(), viewer, paper.id, { sort: searchParams.sort, page: searchParams.page, focusCommentId });
  const digests = await digestVersionsCiting(getDb(), paper.id); // issue 13: "in Digest vN"
  const base = focusCommentId ? permalink(paper.id, focusCommentId) : `/papers/${paper.id}`;
  const sortHref = (sort: ThreadSort) => `${base}${sort === "newest" ? "?sort=newest" : ""}#discussion`;
  const pageHref = (page: number) => `${base}?${new URLSearchParams({ ...(view.sort === "newest" ? { sort: "newest" } : {}), page: String(page) })}#discussion`;
  const interactive = viewer.id !== null;
  const visible = visibleForPage(view.roots, RENDER_BUDGET, WIDE_LEVELS);

  return (
    <section aria-labelledby="discussion-heading" id="discussion" className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="discussion-heading" className="text-2xl font-semibold">
          Discussion <span className="text-base font-normal text-slate-700">({plural(view.total, "comment")})</span>
        </h2>
        {view.total > 1 ? (
          <nav aria-label="Order of comments" className="flex gap-2 text-sm">
            {(
              [
                ["useful", "Most useful"],
                ["newest", "Newest"],
              ] as const
            ).map(([sort, label]) => (
              <Link
                key={sort}
                href={sortHref(sort)}
                aria-current={view.sort === sort ? "true" : undefined}
                className="rounded-full border border-slate-300 bg-white px-3 py-1 aria-[current=true]:border-blue-700 aria-[current=true]:bg-blue-700 aria-[current=true]:text-white"
              >
                {label}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>

      <p className="text-sm"><Link href={`/papers/${paper.id}/digests`} className="text-blue-800 underline">{digests.size ? "Digests of this discussion" : "Digests of this discussion (none yet)"}</Link></p>
      {view.canComment && !focusCommentId ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <QuoteSelection />
          <Composer paperId={paper.id} label="Your comment" />
        </div>
      ) : !viewer.id ? (
        <p className="text-slate-700">
          <Link href={`/sign-in?next=/papers/${paper.id}`} className="text-blue-800 underline">
            Sign in
          </Link>{" "}
          as a verified member to take part.
        </p>
      ) : !focusCommentId ? (
        <p className="text-slate-700">
          {viewer.standing === "registered" ? (
            <>
              Only verified members can comment.{" "}
              <Link href="/settings#verify" className="text-blue-800 underline">
                Verify your membership
              </Link>{" "}
              to take part.
            </>
          ) : (
            "You cannot comment on this paper."
          )}
        </p>
      ) : null}

      {focusCommentId ? (
        <div className="space-y-3">
          <p>
            <Link href={`/papers/${paper.id}#discussion`} className="text-blue-800 underline">
              ← Show the whole discussion
            </Link>
          </p>
          {view.ancestors.length ? (
            <nav aria-label="Earlier in this thread">
              <ol className="space-y-2 border-l-2 border-slate-300 pl-3 text-sm">
                {view.ancestors.map((c) => (
                  <li key={c.id}>
                    <Link href={permalink(paper.id, c.id)} className="font-medium text-blue-800 underline">
                      {c.deleted ? "Deleted comment" : c.authorName ?? "Former member"}
                    </Link>{" "}
                    <span className="text-slate-700">{summary(c)}</span>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
        </div>
      ) : null}

      {view.total === 0 ? (
        <EmptyState title="No comments yet" level={3}>
          {view.canComment ? "Start the discussion: what does this paper get right, and what does it miss?" : "Nobody has commented on this paper yet."}
        </EmptyState>
      ) : (
        <ol className={css.roots}>
          {view.roots.map((node) => (
            <CommentItem key={node.id} node={node} level={0} paperId={paper.id} focusId={view.focusId} interactive={interactive} visible={visible} digests={digests} />
          ))}
        </ol>
      )}
      {focusCommentId ? <FocusComment elementId={`comment-${focusCommentId}`} /> : null}
      {!focusCommentId ? <Pagination page={view.page} total={view.topLevelTotal} pageSize={view.pageSize} href={pageHref} /> : null}
    </section>
  );
}

function summary(c: ThreadComment): string {
  if (c.deleted || !c.bodyHtml) return "";
  const text = c.bodyHtml.replace(/<[^>]+>/g, " ").replace(/&[a-z#0-9]+;/gi, " ").replace(/\s+/g, " ").trim();
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

interface ItemProps {
  node: ThreadNode;
  level: number;
  paperId: string;
  focusId: string | null;
  interactive: boolean;
  /** The comments this page renders (see RENDER_BUDGET). */
  visible: ReadonlySet<string>;
  /** Latest published digest version citing each comment. */
  digests: ReadonlyMap<string, number>;
}

function CommentItem({ node, level, paperId, focusId, interactive, visible, digests }: ItemProps) {
  const focused = node.id === focusId;
  const author = node.deleted ? "Deleted comment" : (node.authorName ?? "Former member");
  const childLevel = level + 1;
  const shown = node.replies.filter((r) => visible.has(r.id));
  const more = node.replies.length - shown.length;
  const deep = childLevel >= PHONE_LEVELS;
  const replies = node.replies.length ? (
    childLevel >= WIDE_LEVELS ? (
      <ContinueLink paperId={paperId} node={node} />
    ) : (
      <>
        {shown.length ? (
          <ol className={deep ? `${css.replies} ${css.wideOnly}` : css.replies}>
            {shown.map((r) => (
              <CommentItem key={r.id} node={r} level={childLevel} paperId={paperId} focusId={focusId} interactive={interactive} visible={visible} digests={digests} />
            ))}
          </ol>
        ) : null}
        {more ? (
          <p className={deep ? `${css.more} ${css.wideOnly}` : css.more}>
            <Link href={permalink(paperId, node.id)}>{plural(more, "more reply", "more replies")} →</Link>
          </p>
        ) : null}
        {deep ? <ContinueLink paperId={paperId} node={node} className={css.narrowOnly} /> : null}
      </>
    )
  ) : null;
  const anyAction = Object.values(node.may).some(Boolean);
  const link = (
    <>
      <Link href={permalink(paperId, node.id)}>
        Permalink<span className="sr-only"> to this comment by {author}</span>
      </Link>
      {/* issue 4: from discussion to response */}
      {node.usedInResponse ? <span className="rounded bg-green-100 px-1.5 text-green-900">Used in the response</span> : null}
      {digests.has(node.id) ? <Link href={`/papers/${paperId}/digests/${digests.get(node.id)}`}>In Digest v{digests.get(node.id)}</Link> : null}
      {node.may.addToResponse ? (
        <Link href={`/papers/${paperId}/response?quote=${node.id}`}>
          Add to response<span className="sr-only"> (the comment by {author})</span>
        </Link>
      ) : null}
    </>
  );

  return (
    <li>
      <article
        id={`comment-${node.id}`}
        aria-label={`Comment by ${author}`}
        tabIndex={focused ? -1 : undefined}
        aria-current={focused ? "true" : undefined}
        className={focused ? css.focused : undefined}
      >
        <details open>
          <summary className={css.head}>
            <b>{author}</b>
            <time dateTime={node.createdAt.toISOString()}>{when.format(node.createdAt)}</time>
            {node.editedAt ? <span>· edited</span> : null}
            {node.descendantCount ? <span className={css.folded}>· {plural(node.descendantCount, "reply", "replies")} folded</span> : null}
          </summary>
          <div className={css.main}>
            {node.deleted ? (
              <p className={css.placeholder}>Comment deleted</p>
            ) : node.hidden && !node.bodyHtml ? (
              <p className={css.placeholder}>Hidden by a moderator: {node.hidden.reason}</p>
            ) : (
              <>
                {node.hidden ? (
                  <p className="rounded bg-red-50 px-2 py-1 text-sm text-red-900">Hidden by a moderator: {node.hidden.reason}. Only you and moderators see its text.</p>
                ) : null}
                {node.quote ? <blockquote className={css.quote}>{node.quote}</blockquote> : null}
                <div className={css.body} dangerouslySetInnerHTML={{ __html: node.bodyHtml ?? "" }} />
                {node.revisions.length ? (
                  <details className="text-sm">
                    <summary className="cursor-pointer text-slate-700">Edit history ({plural(node.revisions.length, "earlier version")})</summary>
                    <ol className={css.replies}>
                      {node.revisions.map((r, i) => (
                        <li key={i}>
                          <p className="text-slate-600">
                            Written <time dateTime={r.writtenAt.toISOString()}>{when.format(r.writtenAt)}</time>
                          </p>
                          <div className={css.body} dangerouslySetInnerHTML={{ __html: r.html }} />
                        </li>
                      ))}
                    </ol>
                  </details>
                ) : null}
              </>
            )}
            {interactive && anyAction ? (
              <CommentActions
                paperId={paperId}
                commentId={node.id}
                authorName={author}
                usefulCount={node.usefulCount}
                useful={node.viewerFindsUseful}
                source={node.source}
                may={node.may}
              >
                <span className={css.meta}>{link}</span>
              </CommentActions>
            ) : (
              <div className={css.meta}>
                {!node.deleted ? <span>{plural(node.usefulCount, "member")} found this useful</span> : null}
                {link}
              </div>
            )}
          </div>
          {replies}
        </details>
      </article>
    </li>
  );
}

function ContinueLink({ paperId, node, className }: { paperId: string; node: ThreadNode; className?: string }) {
  return (
    <p className={className ? `${css.more} ${className}` : css.more}>
      <Link href={permalink(paperId, node.id)}>Continue this thread ({plural(node.descendantCount, "more reply", "more replies")}) →</Link>
    </p>
  );
}
