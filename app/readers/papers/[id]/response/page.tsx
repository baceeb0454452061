import ResponsePage, { metadata as responseMetadata } from "@/app/(site)/papers/[id]/response/page";
import { tagPage } from "@/lib/cache/tag-page";
import { cacheTags } from "@/lib/cache/tags";

type Props = Parameters<typeof ResponsePage>[0];

// The Response changes while members co-edit it through the sidecar, which does not run Next:
// readers see those edits within about this many seconds (one re-render per 10 s per read Response at most); the web's own writes expire the tags at once.
export const dynamic = "force-static";
export const revalidate = 10;
export const generateStaticParams = async (): Promise<{ id: string }[]> => [];
export const metadata = responseMetadata;

export default async function ReadersResponsePage(props: Props) {
  const { id } = await props.params;
  await tagPage(cacheTags.response(id), cacheTags.paper(id), cacheTags.factChips);
  return <ResponsePage {...props} />;
}
