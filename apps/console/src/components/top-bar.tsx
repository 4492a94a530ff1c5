import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../api';
import { Link, useRouter } from '../router';
import { isAdmin } from '../session';

/**
 * The user's name in the upper right corner. Hovering over it, focusing it or clicking it opens
 * the user menu: Credentials, Sandbox accounts, Log out. Escape, moving focus away or going to
 * another page closes it; a menu under the pointer stays open even if the page moves focus.
 */
function UserMenu({ me, onLogout }: { me: Me; onLogout(): void }) {
  const [open, setOpen] = useState(false);
  const [pinned, setPinned] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const hovered = useRef(false);
  const { path } = useRouter();
  const shownPath = useRef(path);

  useLayoutEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    setOpen(false);
    setPinned(false);
  }, [path]);

  const close = () => {
    setOpen(false);
    setPinned(false);
  };

  return (
    <div
      class="user-menu"
      ref={container}
      onMouseEnter={() => {
        hovered.current = true;
        setOpen(true);
      }}
      onMouseLeave={() => {
        hovered.current = false;
        if (!pinned) setOpen(false);
      }}
      onFocusOut={(e) => {
        const next = e.relatedTarget as Node | null;
        if (!hovered.current && (!next || !container.current?.contains(next))) close();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          close();
          button.current?.focus();
        }
      }}
    >
      <button
        type="button"
        ref={button}
        class="user-menu-button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={menuId}
        onFocus={() => setOpen(true)}
        onClick={() => {
          if (open && pinned) close();
          else {
            setOpen(true);
            setPinned(true);
          }
        }}
      >
        <span class="avatar" aria-hidden="true">
          {initials(me.name)}
        </span>
        <span class="user-name">{me.name}</span>
        <span class="caret" aria-hidden="true" />
      </button>
      <div class="user-menu-panel" id={menuId} hidden={!open}>
        <p class="user-menu-who">
          <span class="user-menu-email">{me.email}</span>
        </p>
        <ul>
          <li>
            <Link href="/account" onClick={close}>
              Account
            </Link>
          </li>
          <li>
            <Link href="/credentials" onClick={close}>
              Credentials
            </Link>
          </li>
          <li>
            <Link href="/sandbox-accounts" onClick={close}>
              Sandbox accounts
            </Link>
          </li>
          <li>
            <Link href="/api-tokens" onClick={close}>
              API tokens
            </Link>
          </li>
          <li>
            <button
              type="button"
              class="menu-item-button"
              onClick={() => {
                close();
                onLogout();
              }}
            >
              Log out
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2)).toUpperCase();
}

function NavLink({ href, label }: { href: string; label: string }) {
  const { path } = useRouter();
  const current = path === href || path.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined} class={current ? 'current' : undefined}>
      {label}
    </Link>
  );
}

export function SkipLink() {
  return (
    <a
      class="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      Skip to content
    </a>
  );
}

/** Under 640 px the main navigation folds behind a Menu button; it folds again after each navigation. */
function useFoldedNav() {
  const { path } = useRouter();
  const [open, setOpen] = useState(false);
  useLayoutEffect(() => setOpen(false), [path]);
  return { open, toggle: () => setOpen((current) => !current) };
}

export function TopBar({ me, onLogout }: { me: Me | null; onLogout(): void }) {
  const nav = useFoldedNav();
  return (
    <header class="top-bar">
      <SkipLink />
      <Link href={me ? '/apps' : '/login'} class="brand">
        <span class="brand-mark" aria-hidden="true" />
        <span>
          Latchkey <span class="brand-sub">Developer Console</span>
        </span>
      </Link>
      {me ? (
        <>
          <button type="button" class="menu-button" aria-expanded={nav.open ? 'true' : 'false'} aria-controls="main-nav" onClick={nav.toggle}>
            <span class="menu-icon" aria-hidden="true" />
            Menu
          </button>
          <nav aria-label="Main" id="main-nav" class={nav.open ? 'main-nav open' : 'main-nav'}>
            <ul>
              <li>
                <NavLink href="/apps" label="Apps" />
              </li>
              {isAdmin(me) ? (
                <li>
                  <NavLink href="/organization" label="Organization" />
                </li>
              ) : null}
            </ul>
          </nav>
          <UserMenu me={me} onLogout={onLogout} />
        </>
      ) : null}
    </header>
  );
}
