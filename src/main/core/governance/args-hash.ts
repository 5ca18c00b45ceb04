// The fingerprint an ask approval is bound to: the exact parsed arguments, serialised once. The prompt
// carries it, ask.decide must send it back, and the chain checks it again right before the call runs.
import { createHash } from 'node:crypto';

export function argsHash(args: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(args), 'utf8').digest('hex');
}
