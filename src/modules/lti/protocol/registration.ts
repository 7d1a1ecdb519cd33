/**
 * A platform registration (LTI Core 1.3 §3.1.3, Security Framework §4): what the tool
 * knows about one LMS, per organization, entered by hand or by dynamic registration.
 * The service stores registrations; the protocol reads them through `RegistrationStore`.
 */
export interface PlatformRegistration {
  /** The service's id of the registration (opaque to the protocol). */
  id: string;
  /** The platform's `iss`. */
  issuer: string;
  /** The tool's client id at that platform: the `aud` of its id_tokens. */
  clientId: string;
  /** OIDC authorization endpoint (where the login redirects). */
  authorizationUrl: string;
  /** OAuth 2 token endpoint for the client-credentials grant. */
  tokenUrl: string;
  /** The platform's JWKS URL, which verifies its id_tokens. */
  jwksUrl: string;
  /**
   * The `aud` of the tool's client assertions when the platform wants something other
   * than the token URL (some do: Brightspace names its auth server). Default: `tokenUrl`.
   */
  tokenAudience?: string;
  /** Deployment ids the organization allows; a launch from any other is refused. */
  deploymentIds: string[];
}

/** Storage port: the service answers from its database, the tests from memory. */
export interface RegistrationStore {
  /** Registrations for `issuer`, narrowed to `clientId` when given. */
  findByIssuer(issuer: string, clientId?: string): Promise<PlatformRegistration[]>;
  findById(id: string): Promise<PlatformRegistration | null>;
}
