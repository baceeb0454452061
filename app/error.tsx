"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-4">
      <Notice tone="error" role="alert" title="Something went wrong">
        <p>The page could not be shown. Nothing you saved was lost. Try again in a moment.</p>
      </Notice>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
