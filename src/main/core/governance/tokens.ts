// Client bearer tokens: 256 random bits with a recognisable prefix (so secret scanners and people can
// tell what leaked). Only the sha256 is ever stored; the token itself is shown once.
import { createHash, randomBytes } from 'node:crypto';

export const CLIENT_TOKEN_PREFIX = 'pdmcp_';

export function newClientToken(): string {
  return `${CLIENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashClientToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
