/*
 * An invitation link carries its token in the URL fragment (`/invitations#<token>`): browsers never
 * send a fragment to the server, so the token stays out of request lines, access logs and proxies.
 */

export const INVITATION_PATH = '/invitations';

/** The link the console shows once, after inviting. */
export const invitationLink = (origin: string, token: string) => `${origin}${INVITATION_PATH}#${encodeURIComponent(token)}`;

/** The token of a link's fragment (`#<token>`), or null when it has none. */
export function tokenFromFragment(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const OLD_STYLE = /^\/invitations\/([^/]+)\/?$/;

/**
 * An old-style link (`/invitations/<token>`) still works: its token moves into the fragment, in
 * place in the history, so it is not kept in the address (or sent again on a reload).
 */
export function moveInvitationTokenToFragment(): void {
  const match = OLD_STYLE.exec(window.location.pathname);
  if (!match) return;
  window.history.replaceState(window.history.state, '', `${INVITATION_PATH}${window.location.search}#${match[1]}`);
}
