/**
 * Server secrets. Production requires them from the environment; `npm run dev` and `npm test`
 * generate them and pass them in, so a missing one here is a configuration error.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value || value.length < 32) {
    throw new Error(`${name} must be set to at least 32 characters (npm run dev generates one in .data/secrets.json).`);
  }
  return value;
}

export const membershipHmacKey = () => required("MEMBERSHIP_HMAC_KEY");
export const authSecret = () => required("AUTH_SECRET");
