// Applies committed migrations to DATABASE_URL.
import { migrateDatabase } from "@/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL, or use `npm run dev`, which starts its own database.");
  process.exit(1);
}
await migrateDatabase(url);
console.log("Migrations applied.");
