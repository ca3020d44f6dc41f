// Public surface of @medconnect/core: pure functions and types shared by the server and the web app.
export * from './errors.ts';
export * from './canonical-json.ts';
export * from './content-hash.ts';
export * from './leaf.ts';
export * from './merkle.ts';
export * from './envelope.ts';
export * from './health-id.ts';
export * from './password-policy.ts';
