/**
 * The local token issuer: an RS256 key pair kept under the data folder, so that tokens minted by
 * `npm run token` are accepted by `npm start` across restarts. Its public key is the JWKS the
 * local runtime verifies against, exactly as a Cognito JWKS would be in AWS.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';

export const LOCAL_ISSUER = 'urn:geek-cafe:local-issuer';
export const LOCAL_AUDIENCE = 'geek-cafe-local';

interface IssuerFile {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  cursorSecret: string;
}

export interface LocalIssuer {
  jwks: JSONWebKeySet;
  cursorSecret: string;
  sign(claims: TokenClaims): Promise<string>;
}

export interface TokenClaims {
  userId: string;
  tenantId?: string | undefined;
  roles: string[];
  email?: string | undefined;
  /** Lifetime in seconds (default 12 h). */
  ttlSeconds?: number | undefined;
}

const createFile = async (): Promise<IssuerFile> => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${randomBytes(6).toString('hex')}`;
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    cursorSecret: randomBytes(32).toString('base64url'),
  };
};

/** Loads the issuer kept in `dir`, creating it on first use (file mode 0600). */
export const loadLocalIssuer = async (dir: string): Promise<LocalIssuer> => {
  const path = join(dir, 'local-issuer.json');
  let file: IssuerFile;
  if (existsSync(path)) {
    file = JSON.parse(readFileSync(path, 'utf8')) as IssuerFile;
  } else {
    mkdirSync(dir, { recursive: true });
    file = await createFile();
    writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600 });
  }
  const key = await importJWK(file.privateJwk, 'RS256');
  return {
    jwks: { keys: [file.publicJwk] },
    cursorSecret: file.cursorSecret,
    sign: (claims) => {
      const payload: Record<string, unknown> = { 'cognito:groups': claims.roles };
      if (claims.tenantId !== undefined) payload['custom:tenant_id'] = claims.tenantId;
      if (claims.email !== undefined) payload['email'] = claims.email;
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: file.kid, typ: 'JWT' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(claims.userId)
        .setIssuedAt()
        .setExpirationTime(`${claims.ttlSeconds ?? 12 * 3600}s`)
        .sign(key);
    },
  };
};
