import { boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const themes = pgTable("themes", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  colour: text("colour").notNull().default("#2563eb"),
  position: integer("position").notNull().default(0),
  discussionPublic: boolean("discussion_public").notNull().default(true),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Theme = typeof themes.$inferSelect;
