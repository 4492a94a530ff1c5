/**
 * A display name (of an organization, of an app) is free text shown to people, but without control
 * characters. Decorators run bottom-up and stop at the first failure: put this check on top, so
 * that a blank or overlong name is answered as such.
 */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
