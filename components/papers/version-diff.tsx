import type { DiffBlock } from "@/lib/papers/diff";

/** A comparison readable without colour: insertions and deletions are marked and announced. */
export function VersionDiff({ blocks }: { blocks: DiffBlock[] }) {
  return (
    <div className="max-w-[68ch] space-y-3 text-[1.0625rem] leading-relaxed [overflow-wrap:anywhere]">
      {blocks.map((block, i) => (
        <p key={i} className={block.kind === "same" ? "text-slate-700" : "border-l-4 border-amber-400 pl-3"}>
          {block.parts.map((part, k) =>
            part.change === "added" ? (
              <ins key={k} className="bg-green-100 text-green-950 underline decoration-green-700">
                <span className="sr-only">[added: </span>
                {part.text}
                <span className="sr-only">]</span>
              </ins>
            ) : part.change === "removed" ? (
              <del key={k} className="bg-red-100 text-red-950 decoration-red-700">
                <span className="sr-only">[removed: </span>
                {part.text}
                <span className="sr-only">]</span>
              </del>
            ) : (
              <span key={k}>{part.text}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}
