import Link from "next/link";
import { daysLeft, type OpenCall } from "@/lib/papers/queries";
import { formatDate } from "./status";

/** Open calls for papers with their deadlines; a link to answer each for those who may write. */
export function CallList({ calls, canWrite, showTheme = false, headingLevel = 3 }: { calls: OpenCall[]; canWrite: (themeId: string) => boolean; showTheme?: boolean; headingLevel?: 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="space-y-3">
      {calls.map((call) => {
        const left = daysLeft(call.deadline);
        return (
          <li key={call.id} className="rounded-lg border border-amber-300 bg-amber-50 p-4">
            <Heading className="font-semibold text-slate-900">{call.title}</Heading>
            <p className="text-sm text-slate-800">
              {showTheme ? (
                <>
                  <Link href={`/themes/${call.theme.slug}`} className="underline">
                    {call.theme.title}
                  </Link>{" "}
                  ·{" "}
                </>
              ) : null}
              Deadline {formatDate(call.deadline)} · <strong>{left === 0 ? "closes today" : `${left} ${left === 1 ? "day" : "days"} left`}</strong>
            </p>
            {call.description ? <p className="mt-1 text-slate-800">{call.description}</p> : null}
            {canWrite(call.theme.id) ? (
              <Link href={`/papers/new?theme=${call.theme.slug}&call=${call.id}`} className="mt-2 inline-block font-medium text-blue-800 underline">
                Write a paper for this call<span className="sr-only">: {call.title}</span>
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
