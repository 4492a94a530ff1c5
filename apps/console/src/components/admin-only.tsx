import type { ComponentChildren } from 'preact';
import { Link } from '../router';
import { isAdmin, useMe } from '../session';
import { Page } from './page';

/**
 * The Organization section (its members and the audit log) is for Developer Admins: anyone else who
 * opens one of its pages is told so, and the page asks nothing of the API.
 */
export function AdminOnly({ children }: { children: ComponentChildren }) {
  const me = useMe();
  if (isAdmin(me)) return <>{children}</>;
  return (
    <Page title="Organization">
      <section class="callout callout-info" aria-labelledby="admins-only">
        <h2 id="admins-only">For Developer Admins only</h2>
        <p>
          Only Developer Admins can see the organization’s members and audit log. If you need to see them, ask a Developer Admin of your organization.
        </p>
      </section>
      <p>
        Go to <Link href="/apps">Apps</Link> or <Link href="/credentials">Credentials</Link>.
      </p>
    </Page>
  );
}
