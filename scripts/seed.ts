// Seeds demo content into DATABASE_URL if it has none yet.
import { closeDb, getDb } from "@/db";
import { demoAccountsTable, isSeeded, seedDemo } from "@/db/seed";

const db = getDb();
if (await isSeeded(db)) {
  console.log("The database already has content; nothing seeded.");
} else {
  await seedDemo(db);
  console.log(demoAccountsTable());
}
await closeDb();
