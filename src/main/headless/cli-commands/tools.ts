// `tools …`: list the catalog and set approval states.
import type { ApprovalState } from '../../../shared/model';
import { table, UsageError, type Cmd } from './shared';

const STATE_VERBS: Record<string, ApprovalState> = { approve: 'approved', ask: 'ask_each_time', deny: 'denied', pending: 'pending_review' };

export function toolsCommand({ gov, io, flags, verb, rest }: Cmd): void {
  if (verb === 'list') {
    const views = gov.toolViews();
    if (flags.json) return io.out(JSON.stringify(views.map(({ inputSchema: _s, ...v }) => v), null, 2));
    return io.out(
      table([
        ['NAME', 'CLASS', 'STATE', 'NOTE'],
        ...views.map((v) => [v.name, v.toolClass, v.approvalState, v.changeHint ?? '']),
      ]),
    );
  }
  const state = verb ? STATE_VERBS[verb] : undefined;
  if (!state) throw new UsageError(`Unknown tools command "${verb ?? ''}".`);
  let names = rest;
  if (flags.all) names = gov.catalog.map((t) => t.name);
  else if (flags['all-read']) names = gov.catalog.filter((t) => t.toolClass === 'read').map((t) => t.name);
  if (names.length === 0) throw new UsageError('Name at least one tool, or use --all-read / --all.');
  const views = gov.setToolStates(names, state);
  io.out(`${views.length} tool${views.length === 1 ? '' : 's'} set to ${state}.`);
}

