/** Fixed lists the directory and help requests choose from (regions and branches, languages). */
export const REGIONS = [
  "Scotland",
  "North East",
  "North West",
  "Yorkshire and the Humber",
  "East Midlands",
  "West Midlands",
  "Wales",
  "East of England",
  "London",
  "South East",
  "South West",
  "Northern Ireland",
] as const;
export type Region = (typeof REGIONS)[number];

export const LANGUAGES = ["English", "Welsh", "Scottish Gaelic", "Irish", "Polish", "Urdu", "Punjabi", "Bengali", "Arabic", "Romanian", "Spanish", "French", "British Sign Language"] as const;

/** The skills list a fresh database starts with; admins edit it at /admin/skills. */
export const DEFAULT_SKILLS: { slug: string; label: string }[] = [
  { slug: "canvassing", label: "Canvassing" },
  { slug: "data-analysis", label: "Data analysis" },
  { slug: "design", label: "Graphic design" },
  { slug: "event-organising", label: "Event organising" },
  { slug: "fundraising", label: "Fundraising" },
  { slug: "law", label: "Law" },
  { slug: "media-relations", label: "Media relations" },
  { slug: "photography", label: "Photography" },
  { slug: "public-speaking", label: "Public speaking" },
  { slug: "research", label: "Research" },
  { slug: "social-media", label: "Social media" },
  { slug: "translation", label: "Translation" },
  { slug: "web-development", label: "Web development" },
  { slug: "writing", label: "Writing and editing" },
  { slug: "teaching", label: "Teaching" },
  { slug: "accounting", label: "Accounting" },
];
