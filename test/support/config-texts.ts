/**
 * A minimal valid config (Graph source, one generic-scim job; ids filled in, secrets as references), for
 * tests to extend by appending job keys or replacing values.
 */
export const MINIMAL_CONFIG = `
source:
  graph:
    tenantId: 11111111-1111-1111-1111-111111111111
    clientId: 22222222-2222-2222-2222-222222222222
    clientSecret: env:ENTRA_CLIENT_SECRET
    servicePrincipalId: 33333333-3333-3333-3333-333333333333
jobs:
  - name: app
    app: generic-scim
    target:
      url: https://scim.example.test/scim
      token: file:secrets/scim-token
`;
