// The desk module: registering patients who arrive without an account, and their claim of it later.
export { deskDeps, type DeskDeps } from './deps.ts';
export { deskRoutes as deskModule } from './routes.ts';
