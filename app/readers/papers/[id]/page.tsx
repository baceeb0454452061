import PaperPage, { generateMetadata as paperMetadata } from "@/app/(site)/papers/[id]/page";
import { tagPage } from "@/lib/cache/tag-page";
import { cacheTags } from "@/lib/cache/tags";

type Props = Parameters<typeof PaperPage>[0];

// Rendered on first request and kept until a tag expires (a comment, a vote, a moderation, a
// version); the timer bounds how long a write that raced a render can stay unseen.
export const dynamic = "force-static";
export const revalidate = 300;
export const generateStaticParams = async (): Promise<{ id: string }[]> => [];

export const generateMetadata = (props: Props) => paperMetadata(props);

export default async function ReadersPaperPage(props: Props) {
  const { id } = await props.params;
  await tagPage(cacheTags.paper(id), cacheTags.factChips);
  return <PaperPage {...props} />;
}
