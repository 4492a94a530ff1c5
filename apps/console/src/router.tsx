import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { TargetedMouseEvent } from 'preact';

/** A small history-API router: Latchkey answers every page URL with the console's index.html. */
interface RouterValue {
  path: string;
  search: URLSearchParams;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue>({ path: '/', search: new URLSearchParams(), navigate: () => undefined });

const current = () => ({ path: window.location.pathname, search: window.location.search });

export function RouterProvider({ children }: { children: ComponentChildren }) {
  const [location, setLocation] = useState(current);

  useEffect(() => {
    const onPop = () => setLocation(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const value = useMemo<RouterValue>(
    () => ({
      path: location.path,
      search: new URLSearchParams(location.search),
      navigate(to, options = {}) {
        const url = new URL(to, window.location.origin);
        if (url.pathname + url.search === window.location.pathname + window.location.search) return;
        if (options.replace) window.history.replaceState(null, '', url.pathname + url.search);
        else window.history.pushState(null, '', url.pathname + url.search);
        setLocation(current());
        window.scrollTo(0, 0);
      },
    }),
    [location],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export const useRouter = () => useContext(RouterContext);

interface LinkProps {
  href: string;
  class?: string;
  children?: ComponentChildren;
  onClick?: (event: TargetedMouseEvent<HTMLAnchorElement>) => void;
  'aria-current'?: 'page';
  'aria-label'?: string;
}

/** An ordinary link (it opens in a new tab with a modifier key) that navigates in place otherwise. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handle = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

export const memberHref = (userId: string) => `/organization/members/${encodeURIComponent(userId)}`;

/** A credential's page: under its owner's member page for a Developer Admin, else among the user's own. */
export const credentialHref = (credentialId: string, ownerId?: string | null) =>
  `${ownerId ? `${memberHref(ownerId)}/credentials` : '/credentials'}/${encodeURIComponent(credentialId)}`;

export interface Route {
  name: string;
  params: Record<string, string>;
}

const ROUTES: [string, RegExp][] = [
  ['home', /^\/$/],
  ['login', /^\/login$/],
  ['signup', /^\/signup$/],
  // The one-time token is in the fragment (`/reset-password#<token>`).
  ['reset-password', /^\/reset-password$/],
  ['account', /^\/account$/],
  // The token is in the fragment; an old-style path with it is moved there (invitation-link.ts).
  ['invitation', /^\/invitations(?:\/[^/]+)?$/],
  ['credentials', /^\/credentials$/],
  ['create-jwt', /^\/credentials\/new$/],
  ['credential', /^\/credentials\/(?<credentialId>[^/]+)$/],
  ['organization', /^\/organization$/],
  ['audit-log', /^\/organization\/audit$/],
  ['organization-api-tokens', /^\/organization\/api-tokens$/],
  ['policy', /^\/organization\/policy$/],
  ['webhooks', /^\/organization\/webhooks$/],
  ['webhook', /^\/organization\/webhooks\/(?<webhookId>[^/]+)$/],
  ['credential-requests', /^\/organization\/requests$/],
  ['member', /^\/organization\/members\/(?<userId>[^/]+)$/],
  ['member-credentials', /^\/organization\/members\/(?<userId>[^/]+)\/credentials$/],
  ['member-credential', /^\/organization\/members\/(?<userId>[^/]+)\/credentials\/(?<credentialId>[^/]+)$/],
  ['apps', /^\/apps$/],
  ['sandbox-accounts', /^\/sandbox-accounts$/],
  ['api-tokens', /^\/api-tokens$/],
];

export function matchRoute(path: string): Route {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const [name, pattern] of ROUTES) {
    const match = pattern.exec(normalized);
    if (match) {
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, safeDecode(v)]));
      return { name, params };
    }
  }
  return { name: 'not-found', params: {} };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
