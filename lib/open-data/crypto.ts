/**
 * A full bundle that carries secrets (password hashes) is encrypted with a passphrase:
 * scrypt derives the key, AES-256-GCM encrypts and authenticates the whole archive. The file is
 * MAGIC ‖ salt (16) ‖ iv (12) ‖ ciphertext ‖ tag (16). Decryption writes to a temporary file and
 * is trusted only once the tag checks, so a wrong passphrase or a changed byte is refused before
 * anything is read from it.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type DecipherGCM, type ScryptOptions } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { BundleError } from "./format";

export const ENCRYPTED_MAGIC = Buffer.from("CPOD-ENC1\n");
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

const deriveKey = (passphrase: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(passphrase.normalize("NFC"), salt, 32, SCRYPT, (e, k) => (e ? reject(e) : resolve(k))));

export async function encryptingStream(passphrase: string): Promise<Transform> {
  if (passphrase.length < 12) throw new BundleError("The passphrase must be at least 12 characters.");
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", await deriveKey(passphrase, salt), iv);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!started) {
        this.push(Buffer.concat([ENCRYPTED_MAGIC, salt, iv]));
        started = true;
      }
      cb(null, cipher.update(chunk));
    },
    flush(cb) {
      if (!started) this.push(Buffer.concat([ENCRYPTED_MAGIC, salt, iv]));
      this.push(cipher.final());
      cb(null, cipher.getAuthTag());
    },
  });
}

/** Decrypts a stream that starts after the magic; the caller must await `verified` before using the output. */
export function decryptingStream(passphrase: string): { stream: Transform; verified: Promise<void> } {
  let header = Buffer.alloc(0);
  let decipher: DecipherGCM | null = null;
  let tail = Buffer.alloc(0);
  let resolveVerified!: () => void;
  let rejectVerified!: (e: Error) => void;
  const verified = new Promise<void>((res, rej) => {
    resolveVerified = res;
    rejectVerified = rej;
  });
  verified.catch(() => {});
  const stream = new Transform({
    async transform(chunk: Buffer, _enc, cb) {
      try {
        if (!decipher) {
          header = Buffer.concat([header, chunk]);
          if (header.length < 28) return cb();
          const salt = header.subarray(0, 16);
          const iv = header.subarray(16, 28);
          decipher = createDecipheriv("aes-256-gcm", await deriveKey(passphrase, salt), iv);
          chunk = header.subarray(28);
        }
        // Hold back the last 16 bytes: they are the tag, not ciphertext.
        const all = Buffer.concat([tail, chunk]);
        tail = all.subarray(Math.max(0, all.length - 16));
        cb(null, decipher.update(all.subarray(0, Math.max(0, all.length - 16))));
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        if (!decipher || tail.length < 16) throw new BundleError("The encrypted bundle is truncated.");
        decipher.setAuthTag(tail);
        const last = decipher.final();
        resolveVerified();
        cb(null, last);
      } catch (e) {
        const err = e instanceof BundleError ? e : new BundleError("The passphrase is wrong, or the encrypted bundle was changed or damaged.");
        rejectVerified(err);
        cb(err);
      }
    },
  });
  return { stream, verified };
}
