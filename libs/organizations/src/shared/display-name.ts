/**
 * A display name (of an organization, of an app) is free text shown to people, but without control
 * characters. In a DTO, decorators run bottom-up and stop at the first failure: put this check on
 * top, so that a blank or overlong name is answered as such.
 */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;

/** 1 to 100 characters once trimmed, without control characters: what the DTOs admit as a name. */
export const isDisplayName = (value: unknown): value is string =>
  typeof value === 'string' && /\S/.test(value) && value.length <= 100 && NO_CONTROL_CHARACTERS.test(value);
