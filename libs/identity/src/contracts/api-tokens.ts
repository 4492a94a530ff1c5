import { Command, Query } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

/** What a console API token may be granted; each console route declares the one it needs (`@RequireScope`). */
export const API_TOKEN_SCOPES = [
  'credentials:read',
  'credentials:write',
  'apps:read',
  'apps:write',
  'members:read',
  'organization:admin',
  'audit:read',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** A token lives at most this long (or less, when an organization policy says so). */
export const API_TOKEN_MAX_LIFETIME_DAYS = 366;

/** The fresh proof of identity that creating a token needs besides a session. */
export interface FreshProof {
  password: string;
  totp?: string;
}

export interface ApiTokenView {
  id: string;
  ownerId: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  status: 'active' | 'expired';
}

export interface CreatedApiToken {
  view: ApiTokenView;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
}

/**
 * Creates a console API token owned by `ownerId`, after checking `proof` against the credentials of
 * `proverId` (the caller: the owner, or the admin minting a token for a service user).
 * `grantableScopes` are the scopes the owner's role allows (the caller knows the role): a scope
 * outside them is `422 INVALID_SCOPE`. `organizationId` files the token's audit entries.
 */
export class CreateApiTokenCommand extends Command<CreatedApiToken> {
  constructor(
    readonly ownerId: string,
    readonly proverId: string,
    readonly proof: FreshProof,
    readonly organizationId: string,
    readonly name: string,
    readonly scopes: readonly ApiTokenScope[],
    readonly expiresAt: string,
    readonly grantableScopes: readonly ApiTokenScope[],
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * Revokes a token; it stops working when this answers. `ownerIds` are the owners whose tokens the
 * caller may revoke (themselves, or an admin's organization's members): another's token is
 * `404 API_TOKEN_NOT_FOUND`.
 */
export class RevokeApiTokenCommand extends Command<void> {
  constructor(
    readonly tokenId: string,
    readonly ownerIds: readonly string[],
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * Revokes the active token whose text this is, reported leaked at the public revocation endpoint:
 * by no one (actor null), from the reporter's address. Answers whether a token was revoked; anything
 * else (a malformed string, a bad checksum, an unknown, expired or revoked token) changes nothing.
 */
export class RevokeLeakedApiTokenCommand extends Command<boolean> {
  constructor(
    readonly token: string,
    readonly address: string,
    readonly correlationId: string,
  ) {
    super();
  }
}

/** The tokens not revoked that this user minted for other owners (service users), newest first; never the token text. */
export class ListApiTokensCreatedByQuery extends Query<ApiTokenView[]> {
  constructor(readonly userId: string) {
    super();
  }
}

/** The tokens of these owners that are not revoked (expired ones included, marked so), newest first; never the token text. */
export class ListApiTokensQuery extends Query<ApiTokenView[]> {
  constructor(readonly ownerIds: readonly string[]) {
    super();
  }
}
