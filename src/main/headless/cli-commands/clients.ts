// `clients …`: local AI clients, their tokens and profiles.
import { check, clientOf, need, profileOf, table, UsageError, type CliIo, type Cmd } from './shared';

export function clientsCommand({ gov, io, flags, verb, rest }: Cmd): void {
  const profileFlag = () => {
    if (typeof flags.profile !== 'string') throw new UsageError('Give the access profile with --profile NAME.');
    return profileOf(gov, flags.profile);
  };
  switch (verb) {
    case 'list': {
      const clients = gov.clientViews();
      if (flags.json) return io.out(JSON.stringify(clients, null, 2));
      const names = new Map(gov.profiles().map((p) => [p.id, p.name]));
      return io.out(
        table([
          ['NAME', 'ID', 'PROFILE', 'LAST SEEN', 'STATUS'],
          ...clients.map((c) => [c.name, c.id, names.get(c.profileId) ?? c.profileId, c.lastSeenAt ?? 'never', c.revoked ? 'revoked' : 'active']),
        ]),
      );
    }
    case 'add': {
      need(rest, 1, 'the client name');
      const profile = profileFlag();
      check('clients.create', { name: rest[0], profileId: profile.id });
      const { client, token } = gov.createClient({ name: rest[0]!, profileId: profile.id });
      return printToken(io, client.name, token);
    }
    case 'rotate': {
      need(rest, 1, 'the client name');
      const { client, token } = gov.rotateClient(clientOf(gov, rest[0]!).id);
      return printToken(io, client.name, token);
    }
    case 'revoke': {
      need(rest, 1, 'the client name');
      const c = gov.revokeClient(clientOf(gov, rest[0]!).id);
      return io.out(`Revoked "${c.name}": its token no longer works and its sessions are closed.`);
    }
    case 'bind': {
      need(rest, 1, 'the client name');
      const profile = profileFlag();
      const c = gov.bindClient(clientOf(gov, rest[0]!).id, profile.id);
      return io.out(`"${c.name}" now uses the access profile "${profile.name}".`);
    }
    case 'rename': {
      need(rest, 2, 'the client name and the new name');
      check('clients.rename', { id: 'x', name: rest[1] });
      const c = gov.renameClient(clientOf(gov, rest[0]!).id, rest[1]!);
      return io.out(`Renamed to "${c.name}".`);
    }
    default:
      throw new UsageError(`Unknown clients command "${verb ?? ''}".`);
  }
}

function printToken(io: CliIo, name: string, token: string): void {
  io.out(token);
  io.err(`This is the token of "${name}". It is shown only once: put it in the AI client's config now as the header "Authorization: Bearer <token>".`);
}

