import { z } from "zod";

export const email = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address, like name@example.org."));

export const newPassword = z
  .string({ error: "Choose a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const displayName = z
  .string({ error: "Enter a name." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(80, "Use at most 80 characters.");

/** Empty form fields arrive as "", which means "not given". */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const memberNumber = optionalText(32, "A member number").refine(
  (v) => v === undefined || /^[A-Za-z0-9-]{3,32}$/.test(v),
  "A member number has 3 to 32 letters, digits or dashes.",
);
export const postcode = optionalText(12, "A postcode");

export const signUpSchema = z
  .object({
    displayName,
    email,
    password: newPassword,
    memberNumber,
    postcode,
  })
  .refine((v) => !(v.postcode && !v.memberNumber), {
    path: ["memberNumber"],
    message: "Give your member number with your postcode.",
  });
export type SignUpInput = Omit<z.infer<typeof signUpSchema>, "memberNumber" | "postcode"> & { memberNumber?: string; postcode?: string };

export const signInSchema = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
});

export const passwordResetRequestSchema = z.object({ email });

export const passwordResetSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export const profileSchema = z
  .object({
    displayName,
    pseudonym: optionalText(40, "A pseudonym"),
    usePseudonym: z.stringbool().optional().default(false),
  })
  .refine((v) => !v.usePseudonym || !!v.pseudonym, {
    path: ["pseudonym"],
    message: "Choose a pseudonym to be shown by it.",
  });

export const claimMembershipSchema = z.object({
  memberNumber: z
    .string({ error: "Enter your member number." })
    .trim()
    .regex(/^[A-Za-z0-9-]{3,32}$/, "A member number has 3 to 32 letters, digits or dashes."),
  postcode: z.string({ error: "Enter your postcode." }).trim().min(2, "Enter your postcode.").max(12),
});
