import { createHmac } from "node:crypto";
import { membershipHmacKey } from "@/lib/secrets";

export const normaliseMemberNumber = (n: string) => n.trim().toUpperCase().replace(/[\s-]/g, "");
export const normalisePostcode = (p: string) => p.trim().toUpperCase().replace(/\s+/g, "");
export const normaliseEmail = (e: string) => e.trim().toLowerCase();

function hmac(domain: string, value: string, key = membershipHmacKey()): string {
  return createHmac("sha256", key).update(`${domain}\u0000${value}`).digest("base64url");
}

/**
 * Keyed hashes of a roll entry. The postcode is hashed together with the member number, so a
 * leaked table neither lists postcodes nor lets anyone test a postcode without a number.
 */
export function rollHashes(entry: { memberNumber: string; postcode?: string | null; email?: string | null }, key?: string) {
  const number = normaliseMemberNumber(entry.memberNumber);
  return {
    numberHash: hmac("number", number, key),
    postcodeHash: entry.postcode ? hmac("postcode", `${number}|${normalisePostcode(entry.postcode)}`, key) : null,
    emailHash: entry.email ? hmac("email", normaliseEmail(entry.email), key) : null,
  };
}

export const emailHash = (email: string, key?: string) => hmac("email", normaliseEmail(email), key);
