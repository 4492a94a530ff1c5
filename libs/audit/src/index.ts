export * from './audit.module';
export * from './contracts';
// The operator command's `audit export`: the export route's text from a read-model file.
export * from './queries/export-audit-log/audit-export';
