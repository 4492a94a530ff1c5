import type { OpenAPIObject } from '@nestjs/swagger';
import { ENVIRONMENTS, ENVIRONMENT_PREFIX } from '@latchkey/building-blocks';
import { ACCOUNT_NAME_MAX_LENGTH } from '../commands/rename-account/rename-account';

type Schema = Record<string, unknown>;

const platformError: Schema = {
  type: 'object',
  required: ['errorCode', 'message', 'errors'],
  properties: {
    errorCode: { type: 'string' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { errorCode: { type: 'string' }, message: { type: 'string' }, permissionName: { type: 'string' } } },
    },
    permissionName: { type: 'string' },
  },
};
const account: Schema = {
  type: 'object',
  required: ['id', 'name', 'environment'],
  properties: {
    id: { type: 'string', description: 'Stable per organization and environment' },
    name: { type: 'string', description: "Starts as the organization's name" },
    environment: { type: 'string', enum: ['production', 'sandbox'] },
  },
};
const extension: Schema = {
  type: 'object',
  required: ['id', 'name', 'email', 'status', 'permissions'],
  properties: {
    id: { type: 'string', description: "The user's id in this environment (the token's owner_id)" },
    name: { type: 'string' },
    email: { type: 'string' },
    status: { type: 'string', enum: ['Enabled'] },
    permissions: { type: 'array', items: { type: 'string', enum: ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'] } },
  },
};
const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });

const guardErrors = (permission: string): Record<string, Schema> => ({
  401: {
    description:
      '`TokenInvalid` (`OAU-149`): missing, invalid, expired or revoked access token, or one whose credential’s owner is deactivated or no longer holds developer access (each takes effect at once)',
    ...json(platformError),
  },
  403: {
    description: `\`InsufficientPermissions\` (\`CMN-401\`) when the app lacks the \`${permission}\` scope; \`CMN-408\` when the user lacks the \`${permission}\` permission`,
    ...json(platformError),
  },
  404: { description: "`CMN-102`: an account or extension id other than `~` or the caller's own", ...json(platformError) },
});

/** Adds the Platform API of both environments (Fastify routes) to an OpenAPI document. */
export function describePlatformApi(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    accessToken: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An access token from the Auth API (the scheme is case-insensitive)',
    },
  };
  for (const environment of ENVIRONMENTS) {
    const p = ENVIRONMENT_PREFIX[environment];
    const tags = [`Platform API (${environment})`];
    const security = [{ accessToken: [] }];
    const accountId = {
      name: 'accountId',
      in: 'path',
      required: true,
      schema: { type: 'string', default: '~' },
      description: '`~` or the account id',
    };
    const extensionId = {
      name: 'extensionId',
      in: 'path',
      required: true,
      schema: { type: 'string', default: '~' },
      description: "`~` or the user's id",
    };
    Object.assign(document.paths, {
      [`${p}/restapi/v1.0/account/{accountId}`]: {
        get: {
          tags,
          security,
          summary: "The caller's account: their organization in this environment (scope and permission ReadAccounts)",
          parameters: [accountId],
          responses: { 200: { description: 'Account', ...json(account) }, ...guardErrors('ReadAccounts') },
        },
        put: {
          tags,
          security,
          summary: 'Rename the account (scope and permission EditAccounts)',
          parameters: [accountId],
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['name'],
              additionalProperties: false,
              properties: { name: { type: 'string', minLength: 1, maxLength: ACCOUNT_NAME_MAX_LENGTH } },
            }),
          },
          responses: {
            200: { description: 'Account', ...json(account) },
            400: { description: '`CMN-101` invalid or unknown field, `CMN-100` malformed JSON', ...json(platformError) },
            415: { description: '`CMN-415`: not application/json', ...json(platformError) },
            ...guardErrors('EditAccounts'),
          },
        },
      },
      [`${p}/restapi/v1.0/account/{accountId}/extension/{extensionId}`]: {
        get: {
          tags,
          security,
          summary: "The token's user (scope and permission ReadAccounts)",
          parameters: [accountId, extensionId],
          responses: { 200: { description: 'Extension', ...json(extension) }, ...guardErrors('ReadAccounts') },
        },
      },
    });
  }
  return document;
}
