import { Link } from '../router';

/** The pages of the Organization section a Developer Admin moves between. */
export function OrganizationTabs({ current }: { current: 'members' | 'audit' | 'api-tokens' | 'policy' | 'requests' | 'webhooks' }) {
  return (
    <nav aria-label="Organization" class="sub-nav">
      <ul>
        <li>
          <Link href="/organization" aria-current={current === 'members' ? 'page' : undefined}>
            Members
          </Link>
        </li>
        <li>
          <Link href="/organization/audit" aria-current={current === 'audit' ? 'page' : undefined}>
            Audit log
          </Link>
        </li>
        <li>
          <Link href="/organization/api-tokens" aria-current={current === 'api-tokens' ? 'page' : undefined}>
            API tokens
          </Link>
        </li>
        <li>
          <Link href="/organization/policy" aria-current={current === 'policy' ? 'page' : undefined}>
            Policy
          </Link>
        </li>
        <li>
          <Link href="/organization/requests" aria-current={current === 'requests' ? 'page' : undefined}>
            Requests
          </Link>
        </li>
        <li>
          <Link href="/organization/webhooks" aria-current={current === 'webhooks' ? 'page' : undefined}>
            Webhooks
          </Link>
        </li>
      </ul>
    </nav>
  );
}
