"use client";

// Errors inside a page keep the site's header (app/error.tsx sits above the layouts that draw it).
export { default } from "../error";
