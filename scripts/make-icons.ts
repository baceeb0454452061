/**
 * Makes the app icons from app/icon.svg (the favicon), so there is one drawing: the PNG sizes a
 * phone's home screen and the web manifest ask for, plus a maskable one whose mark keeps inside the
 * safe circle Android crops to. Run after changing the SVG: `npx tsx scripts/make-icons.ts`.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

const root = path.join(import.meta.dirname, "..");
const svg = await readFile(path.join(root, "app/icon.svg"), "utf8");
/** The SVG's own background, to fill the maskable icon edge to edge. */
const background = /<rect[^>]*fill="(#[0-9a-f]{3,6})"/i.exec(svg)?.[1] ?? "#1d4ed8";

const render = (size: number) => sharp(Buffer.from(svg), { density: Math.ceil((72 * size) / 32) }).resize(size, size).png();

async function maskable(size: number, file: string) {
  // The mark at 70 % on a full square: Android's safe zone is the central 80 % circle.
  const inner = Math.round(size * 0.7);
  const mark = await sharp(Buffer.from(svg.replace(/<rect[^>]*\/>/, "")), { density: Math.ceil((72 * inner) / 32) }).resize(inner, inner).png().toBuffer();
  await sharp({ create: { width: size, height: size, channels: 4, background } })
    .composite([{ input: mark, gravity: "center" }])
    .png()
    .toFile(file);
}

await mkdir(path.join(root, "public/icons"), { recursive: true });
for (const size of [192, 512]) await render(size).toFile(path.join(root, `public/icons/icon-${size}.png`));
await maskable(512, path.join(root, "public/icons/maskable-512.png"));
// Next links app/apple-icon.png as the apple-touch-icon of every page.
await render(180).toFile(path.join(root, "app/apple-icon.png"));
console.log("Wrote public/icons/icon-192.png, icon-512.png, maskable-512.png and app/apple-icon.png.");
