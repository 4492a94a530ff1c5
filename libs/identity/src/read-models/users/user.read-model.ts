import { Inject, Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import type { Environment } from '@latchkey/building-blocks';
import type { UserView } from '../../contracts';
import { PASSWORD_HASHES_TABLE, USERS_TABLE } from './user.projection';

interface UserRow {
  user_id: string;
  email: string;
  name: string;
  status: 'active' | 'deactivated';
  production_user_id: string;
  sandbox_user_id: string | null;
}

/** What a login needs to check a password; never leaves the identity module. */
export interface LoginRecord {
  user: UserView;
  passwordHash: string;
}

const USER_COLUMNS = 'user_id, email, name, status, production_user_id, sandbox_user_id';

/** Indexed lookups on the users read model. */
@Injectable()
export class UserReadModel {
  private statements: Record<'byId' | 'byEmail' | 'byProduction' | 'bySandbox' | 'passwordHash', Statement> | null = null;

  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  findById(userId: string): UserView | null {
    return toView(this.query().byId.get(userId) as UserRow | undefined);
  }

  findByEmail(canonicalEmail: string): UserView | null {
    return toView(this.query().byEmail.get(canonicalEmail) as UserRow | undefined);
  }

  findByEnvironmentUserId(environment: Environment, environmentUserId: string): UserView | null {
    const statement = environment === 'production' ? this.query().byProduction : this.query().bySandbox;
    return toView(statement.get(environmentUserId) as UserRow | undefined);
  }

  findLogin(canonicalEmail: string): LoginRecord | null {
    return this.loginOf(this.findByEmail(canonicalEmail));
  }

  /** What a signed-in user's password is checked against (a password change, a fresh proof of identity). */
  findLoginById(userId: string): LoginRecord | null {
    return this.loginOf(this.findById(userId));
  }

  private loginOf(user: UserView | null): LoginRecord | null {
    if (!user) return null;
    const row = this.query().passwordHash.get(user.id) as { password_hash: string } | undefined;
    return row ? { user, passwordHash: row.password_hash } : null;
  }

  /** The user's password hash, for a fresh proof of identity; never leaves the identity module. */
  passwordHashOf(userId: string): string | null {
    return (this.query().passwordHash.get(userId) as { password_hash: string } | undefined)?.password_hash ?? null;
  }

  /** Statements are prepared on first use: the projection creates the tables when the runner starts. */
  private query() {
    this.statements ??= {
      byId: this.db.prepare(`SELECT ${USER_COLUMNS} FROM ${USERS_TABLE} WHERE user_id = ?`),
      byEmail: this.db.prepare(`SELECT ${USER_COLUMNS} FROM ${USERS_TABLE} WHERE email = ?`),
      byProduction: this.db.prepare(`SELECT ${USER_COLUMNS} FROM ${USERS_TABLE} WHERE production_user_id = ?`),
      bySandbox: this.db.prepare(`SELECT ${USER_COLUMNS} FROM ${USERS_TABLE} WHERE sandbox_user_id = ?`),
      passwordHash: this.db.prepare(`SELECT password_hash FROM ${PASSWORD_HASHES_TABLE} WHERE user_id = ?`),
    };
    return this.statements;
  }
}

function toView(row: UserRow | undefined): UserView | null {
  if (!row) return null;
  return {
    id: row.user_id,
    email: row.email,
    name: row.name,
    status: row.status,
    accounts: {
      production: { userId: row.production_user_id },
      sandbox: row.sandbox_user_id === null ? null : { userId: row.sandbox_user_id },
    },
  };
}
