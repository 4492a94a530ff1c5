import type { SealedValue } from './user.events';

/** The reset an admin issued last, while it is unused; a newer one replaces it. */
export interface PendingPasswordReset {
  resetId: string;
  tokenHash: string;
  expiresAt: string;
}

export type TotpState =
  | { status: 'off' }
  | { status: 'enrolling'; sealedSecret: SealedValue }
  | {
      status: 'on';
      sealedSecret: SealedValue;
      /** SHA-256 of each recovery code; null once used. */
      recoveryCodeHashes: (string | null)[];
      /** The time step of the last accepted code: no code of it or an earlier step is accepted again. */
      lastStep: number;
    };

export interface AccountSecurityState {
  passwordReset: PendingPasswordReset | null;
  totp: TotpState;
}

export const initialAccountSecurity = (): AccountSecurityState => ({ passwordReset: null, totp: { status: 'off' } });
