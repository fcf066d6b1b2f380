export * from './audit.ts';
export * from './auth.ts';
export * from './connectivity.ts';
export * from './customers.ts';
export * from './devices.ts';
export * from './pipeline.ts';
export * from './projects.ts';
