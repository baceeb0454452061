/** The rules of the members' directory, help requests and anecdotes (issue 12). Composed into the one table in ../permissions.ts. */
import { type Actor, type RuleTable, isActive, isAdmin, isSignedIn, isVerified } from "../core";

/** A help request as the rules see it. */
export interface HelpRequestResource {
  id: string;
  requesterId: string | null;
  status: "open" | "closed";
}
export interface HelpInvitationResource {
  id: string;
  inviteeId: string;
  status: "pending" | "yes" | "no" | "later" | "withdrawn";
  request: HelpRequestResource;
}
export interface MessageThreadResource {
  id: string;
  memberA: string;
  memberB: string;
}
/** A story as the rules see it: its teller, theme and where it is in review. */
export interface AnecdoteResource {
  id: string;
  authorId: string | null;
  themeId: string;
  status: "submitted" | "changes_requested" | "accepted" | "declined";
  redactionStatus: "none" | "proposed" | "approved" | "rejected";
}

export interface DirectoryResources {
  "directory.search": null;
  "directory.editProfile": { userId: string };
  "directory.viewLookups": { userId: string };
  "skills.manage": null;
  "help.create": null;
  "help.view": HelpRequestResource;
  "help.invite": HelpRequestResource;
  "help.close": HelpRequestResource;
  "help.answer": HelpInvitationResource;
  "message.read": MessageThreadResource;
  "message.send": MessageThreadResource;
  "story.submit": null;
  "story.view": AnecdoteResource;
  "story.edit": AnecdoteResource;
  "story.attest": AnecdoteResource;
  "story.consent": AnecdoteResource;
  "story.approveRedaction": AnecdoteResource;
  "story.review": AnecdoteResource;
  "story.redact": AnecdoteResource;
  "story.use": AnecdoteResource;
  "story.reviewQueue": null;
  "pressPack.create": { themeId: string };
}

const isTeller = (a: Actor, s: AnecdoteResource) => a.id !== null && s.authorId === a.id;
const curates = (a: Actor, themeId: string) => isVerified(a) && a.curatorOf.has(themeId);
const inThread = (a: Actor, t: MessageThreadResource) => a.id !== null && (t.memberA === a.id || t.memberB === a.id);

export const directoryRules: RuleTable<DirectoryResources> = {
  // Anyone may search; what each viewer finds is limited field by field in SQL (lib/directory/visibility.ts).
  "directory.search": () => true,
  "directory.editProfile": (a, owner) => isActive(a) && a.id === owner.userId,
  // Only the member themself sees who looked them up.
  "directory.viewLookups": (a, owner) => isSignedIn(a) && a.id === owner.userId,
  "skills.manage": (a) => isAdmin(a),
  "help.create": (a) => isVerified(a),
  // Help requests are for the membership; the requester always sees their own.
  "help.view": (a, r) => isVerified(a) || (isSignedIn(a) && r.requesterId === a.id),
  "help.invite": (a, r) => isVerified(a) && r.requesterId === a.id && r.status === "open",
  "help.close": (a, r) => isVerified(a) && r.requesterId === a.id && r.status === "open",
  // Only the invitee answers, while the request is open; "ask me later" can be answered again.
  "help.answer": (a, i) => isVerified(a) && i.inviteeId === a.id && i.request.status === "open" && (i.status === "pending" || i.status === "later"),
  "message.read": (a, t) => inThread(a, t),
  "message.send": (a, t) => isActive(a) && inThread(a, t),
  "story.submit": (a) => isVerified(a),
  // A story is seen by its teller and the curators of its theme, no one else (art. 9 data).
  "story.view": (a, s) => isTeller(a, s) || curates(a, s.themeId),
  "story.edit": (a, s) => isVerified(a) && isTeller(a, s) && (s.status === "submitted" || s.status === "changes_requested"),
  // A second member vouches; nobody attests their own story.
  "story.attest": (a, s) => isVerified(a) && !isTeller(a, s) && s.status !== "declined",
  // Consent is the teller's alone, and withdrawing must stay as easy as giving (not even verification needed).
  "story.consent": (a, s) => isSignedIn(a) && isTeller(a, s),
  "story.approveRedaction": (a, s) => isActive(a) && isTeller(a, s) && s.redactionStatus === "proposed",
  // Curators of the theme review; a curator does not review their own story.
  "story.review": (a, s) => curates(a, s.themeId) && !isTeller(a, s) && (s.status === "submitted" || s.status === "accepted"),
  "story.redact": (a, s) => curates(a, s.themeId) && !isTeller(a, s) && s.status === "accepted",
  // A use needs an accepted story whose redaction its teller approved (consent is checked by the command).
  "story.use": (a, s) => curates(a, s.themeId) && s.status === "accepted" && s.redactionStatus === "approved",
  "story.reviewQueue": (a) => isVerified(a) && a.curatorOf.size > 0,
  "pressPack.create": (a, t) => curates(a, t.themeId),
};
