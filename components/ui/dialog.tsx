"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";

/**
 * A modal built on the native <dialog>: it traps focus, closes on Escape and returns focus to
 * its trigger. Used to confirm destructive actions before they happen.
 */
export function Dialog({
  trigger,
  triggerVariant = "secondary",
  title,
  description,
  children,
  open: controlledOpen,
  onOpenChange,
  triggerHidden = false,
}: {
  trigger: string;
  /** Keeps the dialog mounted (so its result can still be announced) while its trigger no longer applies. */
  triggerHidden?: boolean;
  triggerVariant?: ButtonVariant;
  title: string;
  description?: ReactNode;
  children: (close: () => void) => ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [localOpen, setLocalOpen] = useState(false);
  const open = controlledOpen ?? localOpen;
  const setOpen = onOpenChange ?? setLocalOpen;
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      {triggerHidden ? null : (
        <Button variant={triggerVariant} size="sm" onClick={() => setOpen(true)}>
          {trigger}
        </Button>
      )}
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        aria-describedby={description ? descId : undefined}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        {open ? (
          <div className="space-y-4 p-6">
            <h2 id={titleId} className="text-xl font-semibold text-slate-900">
              {title}
            </h2>
            {description ? (
              <div id={descId} className="text-slate-700">
                {description}
              </div>
            ) : null}
            {children(() => setOpen(false))}
          </div>
        ) : null}
      </dialog>
    </>
  );
}
