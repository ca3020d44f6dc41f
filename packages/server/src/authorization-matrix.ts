// Who may call each route. Every registered route must appear here (the matrix test fails on an
// unlisted one), so a new route is denied until someone decides who may use it.
//   public    anyone, no credentials (no health data in the answer)
//   operator  only a caller holding the operator token of this server (local tools)
//   docs      API documentation, development only
export type Access = 'public' | 'operator' | 'docs';

export const authorizationMatrix: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  // Hashes, positions and the anchoring transaction only; moves behind sign-in with accounts.
  'GET /api/records/:id/proof': 'public',
  'GET /api/operator/integrity': 'operator',
  'GET /api/docs': 'docs',
  'GET /api/docs/json': 'docs',
  'GET /api/docs/yaml': 'docs',
  'GET /api/docs/static/*': 'docs',
  'GET /api/docs/static/index.html': 'docs',
  'GET /api/docs/static/swagger-initializer.js': 'docs',
  // The web app's files (the built single-page app, no data).
  'GET /*': 'public',
};
