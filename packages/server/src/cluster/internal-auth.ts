import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** The header carrying internal (node-to-node) credentials, as Trino names it. */
export const INTERNAL_BEARER_HEADER = 'x-trino-internal-bearer';

const ISSUER = 'petrel-internal';
const TOKEN_LIFETIME_SECONDS = 300;

/**
 * Signs and checks node-to-node requests with an HMAC JWT keyed by
 * `internal-communication.shared-secret` (the key is the secret's SHA-256, so any length works).
 */
export class InternalAuthenticator {
  private readonly key: Uint8Array;
  private cached: { readonly token: string; readonly expires: number } | undefined;

  constructor(sharedSecret: string, private readonly nodeId: string) {
    if (sharedSecret === '') throw new Error('internal-communication.shared-secret must not be empty');
    this.key = new Uint8Array(createHash('sha256').update(sharedSecret, 'utf8').digest());
  }

  /** A bearer token naming this node (reused until a minute before it expires). */
  async token(now = Date.now()): Promise<string> {
    if (this.cached !== undefined && this.cached.expires - 60_000 > now) return this.cached.token;
    const issuedAt = Math.floor(now / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(this.nodeId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(this.key);
    this.cached = { token, expires: (issuedAt + TOKEN_LIFETIME_SECONDS) * 1000 };
    return token;
  }

  /** The headers an internal request carries. */
  async headers(): Promise<Record<string, string>> {
    return { [INTERNAL_BEARER_HEADER]: await this.token() };
  }

  /** The calling node's id, or undefined when the token is missing, forged or expired. */
  async verify(token: string | string[] | undefined): Promise<string | undefined> {
    if (typeof token !== 'string' || token === '') return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
