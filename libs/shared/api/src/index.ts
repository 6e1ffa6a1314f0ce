export * from './lib/auth.decorators';
export * from './lib/problem-details.filter';
export * from './lib/validation';
export * from './lib/uuid-param';
export * from './lib/spreadsheet-cell';
export * from './lib/transaction-query';
export * from './lib/audit-log';
export * from './lib/contract-response';
