export * from './audit-entry-types';
