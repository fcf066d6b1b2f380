export * from './audit.ts';
export * from './auth.ts';
export * from './customers.ts';
export * from './projects.ts';
