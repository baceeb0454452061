import type { ReactNode } from "react";
import { cn } from "./cn";

const tones = {
  info: "border-blue-300 bg-blue-50 text-blue-950",
  warning: "border-amber-400 bg-amber-50 text-amber-950",
  error: "border-red-300 bg-red-50 text-red-950",
  success: "border-green-300 bg-green-50 text-green-950",
} as const;

export function Notice({
  tone = "info",
  title,
  children,
  role,
  className,
}: {
  tone?: keyof typeof tones;
  title?: string;
  children?: ReactNode;
  role?: "alert" | "status";
  className?: string;
}) {
  return (
    <div role={role} className={cn("rounded-md border px-4 py-3", tones[tone], className)}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className="text-sm [&_a]:underline">{children}</div> : null}
    </div>
  );
}
