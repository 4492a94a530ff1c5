import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import type { SealedSecretValue } from '../../contracts';
import { PASSWORD_RESETS_TABLE, TOTP_TABLE } from './account-security.projection';

export interface TotpRecord {
  status: 'enrolling' | 'on';
  sealedSecret: SealedSecretValue;
}

/** Lookups on the account-security read model; never leaves the identity module. */
@Injectable()
export class AccountSecurityReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  totpOf(userId: string): TotpRecord | null {
    const row = this.db.prepare(`SELECT status, sealed_secret FROM ${TOTP_TABLE} WHERE user_id = ?`).get(userId) as
      { status: TotpRecord['status']; sealed_secret: string } | undefined;
    return row ? { status: row.status, sealedSecret: JSON.parse(row.sealed_secret) as SealedSecretValue } : null;
  }

  totpEnabled(userId: string): boolean {
    return this.totpOf(userId)?.status === 'on';
  }

  /** The user a pending reset token (by its hash) belongs to, or null. */
  passwordResetUser(tokenHash: string): string | null {
    const row = this.db.prepare(`SELECT user_id FROM ${PASSWORD_RESETS_TABLE} WHERE token_hash = ?`).get(tokenHash) as
      { user_id: string } | undefined;
    return row?.user_id ?? null;
  }
}
