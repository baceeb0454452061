/** Integration tests run against the database that `npm test` creates for the run, never another. */
export default function setup() {
  if (process.env.COMMONPLACE_TEST_DATABASE !== "1" || !process.env.DATABASE_URL) {
    throw new Error("Integration tests need the database `npm test` creates: run `npm test` (or `npm test -- --only=integration`).");
  }
}
