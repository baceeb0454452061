/**
 * docs/open-data.md, generated from the same definitions the writer uses (tables.ts and the
 * database's own column types), so the documentation cannot drift from the format. Every bundle
 * carries a copy as README.md. Regenerate with `npx tsx scripts/open-data-docs.ts`; a test fails
 * when the committed file is out of date.
 */
import { storedColumns, type TableInfo } from "./catalog";
import { FORMAT_VERSION, MANIFEST_PATH } from "./format";
import { TABLES } from "./tables";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderFormatDoc(catalog: Map<string, TableInfo>): string {
  const out: string[] = [];
  out.push(`# Commonplace open data: the bundle format (format_version ${FORMAT_VERSION})

Commonplace publishes its data so that anyone can check it, reuse it, or restart the site elsewhere
if its operators stop serving the members. This file documents every file and field of a bundle.
It is generated from the code that writes bundles (\`lib/open-data/\`), and every bundle carries a
copy as \`README.md\`.

## Tiers
- **public**: what a visitor can read on the site, nothing more. Downloadable by anyone at
  \`/open-data\`, regenerated daily. People appear only where public content names them, and only
  by the name they show (their pseudonym when they chose one). A public bundle cannot restore a site.
- **member**: one member's own data (GDPR art. 20), downloaded from their settings.
- **full**: everything a restarted site needs. Admins only; every download is recorded in the public
  log. The membership roll is carried as the keyed hashes the database holds (restore it with the
  same \`MEMBERSHIP_HMAC_KEY\`). Password hashes only when the operator asks, and then the whole
  bundle is encrypted with a passphrase (scrypt + AES-256-GCM; the file starts with \`CPOD-ENC1\`).
  Without them, restored members set a new password through "Forgot password".

## Layout
A tar archive (ustar, fixed metadata: mtime 0, mode 0644) holding:
- \`${MANIFEST_PATH}\`: \`format\` ("commonplace-open-data"), \`format_version\`, \`tier\`, \`exported_at\`
  (the only value that differs between two exports of the same data), \`schema_migration\` (the
  database migration the data was exported at), \`includes_secrets\`, \`member_id\` (member tier), and
  \`files\`: for each file its \`path\`, \`table\`, \`group\`, \`schema\`, \`records\`, \`bytes\` and \`sha256\`.
- \`data/<group>/<table>.ndjson\`: one JSON object per line, one line per row, in primary-key order.
- \`schemas/<table>.schema.json\`: the JSON Schema (draft 2020-12) of that file's records, for its tier.
- \`README.md\`: this document.
- \`map/<theme>/comments.csv\`, \`votes.csv\`, \`participant-votes.csv\` where the agreement map has
  data: the votes in Pol.is's export formats, so its community's tools can reproduce the map.

## Values
Each value is written as PostgreSQL's \`to_json\` writes it: times as ISO 8601 in UTC
(\`2026-12-01T07:45:06.123456+00:00\`), dates as \`YYYY-MM-DD\`, numbers as JSON numbers (exact decimals
for \`numeric\`), bytes (Yjs updates and states) as \`\\\\x\` followed by hex, JSON columns as JSON,
enumerations as their label. Generated columns (search vectors) are not carried: the database
recomputes them.

## Restoring
\`npm run import -- site.tar\` into an empty, migrated database (or the admin page on a fresh site).
Before writing anything the import checks the format and its version, every file's size and SHA-256
against the manifest, and every record against its schema; then it writes everything in one
transaction. A bundle from an older format version is migrated forward first; one from a newer
version is refused with the version it needs.

## Tables
`);
  const groups = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(TABLES)) groups.set(spec.group, [...(groups.get(spec.group) ?? []), name]);
  for (const [group, names] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`### ${group}\n`);
    for (const name of names.sort()) {
      const spec = TABLES[name]!;
      out.push(`#### \`${name}\`\n\n${spec.about}\n`);
      if (spec.skip) {
        out.push(`Not carried in any bundle: ${spec.skip}\n`);
        continue;
      }
      const t = catalog.get(name);
      const view = spec.public;
      const tiers = [view ? `public${view.where ? " (some rows)" : ""}` : null, spec.member ? "member (own rows)" : null, "full"].filter(Boolean).join(", ");
      out.push(`File \`data/${group}/${name}.ndjson\`; in tiers: ${tiers}.\n`);
      if (!t) continue;
      out.push("| field | type | empty allowed | public |\n|---|---|---|---|");
      for (const c of storedColumns(t)) {
        const pub = !view ? "no" : view.columns === "all" || view.columns[c.name] === true ? "yes" : view.columns[c.name] ? "changed" : "no";
        const secret = spec.secrets?.includes(c.name) ? " (secret: full tier on request only)" : "";
        out.push(`| \`${c.name}\` | ${cell(c.type + (c.enumLabels ? `: ${c.enumLabels.join(", ")}` : ""))}${secret} | ${c.notNull ? "no" : "yes"} | ${pub} |`);
      }
      out.push("");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
