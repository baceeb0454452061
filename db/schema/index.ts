export * from "./members";
export * from "./themes";
export * from "./audit";
export * from "./mail";
