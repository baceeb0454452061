import FactPage, { generateMetadata as factMetadata } from "@/app/(site)/facts/[id]/page";
import { tagPage } from "@/lib/cache/tag-page";
import { cacheTags } from "@/lib/cache/tags";

type Props = Parameters<typeof FactPage>[0];

export const dynamic = "force-static";
export const revalidate = 300;
export const generateStaticParams = async (): Promise<{ id: string }[]> => [];

export const generateMetadata = (props: Props) => factMetadata(props);

export default async function ReadersFactPage(props: Props) {
  const { id } = await props.params;
  await tagPage(cacheTags.fact(id));
  return <FactPage {...props} />;
}
