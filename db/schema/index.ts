export * from "./members";
export * from "./themes";
export * from "./audit";
export * from "./mail";
export * from "./papers";
export * from "./discussion";
export * from "./following";
export * from "./collab";
