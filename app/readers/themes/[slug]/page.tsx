import ThemePage, { generateMetadata as themeMetadata } from "@/app/(site)/themes/[slug]/page";
import { tagPage } from "@/lib/cache/tag-page";
import { cacheTags } from "@/lib/cache/tags";

type Props = Parameters<typeof ThemePage>[0];

export const dynamic = "force-static";
export const revalidate = 300;
export const generateStaticParams = async (): Promise<{ slug: string }[]> => [];

export const generateMetadata = (props: Props) => themeMetadata(props);

export default async function ReadersThemePage(props: Props) {
  const { slug } = await props.params;
  await tagPage(cacheTags.theme(slug), cacheTags.themeListings);
  return <ThemePage {...props} />;
}
