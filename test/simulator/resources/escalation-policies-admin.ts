// Escalation policy writes: POST /escalation_policies and PUT /escalation_policies/{id}. The GET routes
// live in escalation-policies.ts; policies are stored as seed.ts describes (references as ids).
import type { SimContext, SimDb, SimRouter } from '../types';
import { renderEscalationPolicy } from './escalation-policies';

export function seed(_db: SimDb): void {}

const STRATEGIES = ['round_robin', 'assign_to_everyone'];

function check(sim: SimContext, p: any, selfId: string | null, creating: boolean): string[] {
  if (!p || typeof p !== 'object') return ['An escalation policy object is required: {"escalation_policy": {...}}'];
  const problems: string[] = [];
  if (creating || p.name !== undefined) {
    if (typeof p.name !== 'string' || p.name.trim() === '') problems.push('Name cannot be empty');
    else if ([...sim.db.collection<any>('escalation_policies').values()].some((x) => x.id !== selfId && x.name.toLowerCase() === p.name.trim().toLowerCase())) {
      problems.push('Name has already been taken');
    }
  }
  if (p.num_loops !== undefined && !(Number.isInteger(p.num_loops) && p.num_loops >= 0 && p.num_loops <= 9)) problems.push('num_loops must be between 0 and 9');
  if (p.on_call_handoff_notifications !== undefined && !['if_has_services', 'always'].includes(p.on_call_handoff_notifications)) {
    problems.push('on_call_handoff_notifications must be if_has_services or always');
  }
  if (creating || p.escalation_rules !== undefined) {
    if (!Array.isArray(p.escalation_rules) || p.escalation_rules.length === 0) problems.push('An escalation policy needs at least one escalation rule');
    else {
      p.escalation_rules.forEach((r: any, i: number) => {
        const at = `escalation_rules[${i}]`;
        if (!Number.isInteger(r?.escalation_delay_in_minutes) || r.escalation_delay_in_minutes < 1) problems.push(`${at}: escalation_delay_in_minutes must be a whole number of minutes ≥ 1`);
        if (!Array.isArray(r?.targets) || r.targets.length === 0) problems.push(`${at}: at least one target is required`);
        else {
          for (const t of r.targets) {
            if (t?.type === 'user_reference') {
              if (!sim.db.users.has(t.id)) problems.push(`${at}: user ${t.id} not found`);
            } else if (t?.type === 'schedule_reference') {
              if (!sim.db.collection('schedules').has(t.id) && !sim.db.collection('v3_schedules').has(t.id)) problems.push(`${at}: schedule ${t.id} not found`);
            } else problems.push(`${at}: target type must be user_reference or schedule_reference`);
          }
        }
        const strategy = r?.escalation_rule_assignment_strategy;
        const type = typeof strategy === 'string' ? strategy : strategy?.type;
        if (strategy !== undefined && strategy !== null && !STRATEGIES.includes(type)) problems.push(`${at}: escalation_rule_assignment_strategy must be round_robin or assign_to_everyone`);
      });
    }
  }
  if (p.teams !== undefined) {
    if (!Array.isArray(p.teams)) problems.push('teams must be a list of team references');
    else for (const t of p.teams) if (!sim.db.collection('teams').has(t?.id)) problems.push(`Team ${t?.id ?? '(no id)'} not found`);
  }
  return problems;
}

function apply(sim: SimContext, target: any, p: any): void {
  if (p.name !== undefined) target.name = p.name.trim();
  if (p.description !== undefined) target.description = p.description;
  if (p.num_loops !== undefined) target.num_loops = p.num_loops;
  if (p.on_call_handoff_notifications !== undefined) target.on_call_handoff_notifications = p.on_call_handoff_notifications;
  if (p.teams !== undefined) target.teams = p.teams.map((t: any) => t.id);
  if (p.escalation_rules !== undefined) {
    target.escalation_rules = p.escalation_rules.map((r: any) => {
      const strategy = r.escalation_rule_assignment_strategy;
      const type = typeof strategy === 'string' ? strategy : strategy?.type;
      return {
        id: sim.db.newId(),
        escalation_delay_in_minutes: r.escalation_delay_in_minutes,
        targets: r.targets.map((t: any) => ({ type: t.type, id: t.id })),
        ...(type ? { escalation_rule_assignment_strategy: { type } } : {}),
      };
    });
  }
}

export function routes(router: SimRouter): void {
  const opts = { scope: 'escalation_policies' };

  router.route('POST', '/escalation_policies', opts, (req, sim) => {
    const p = req.body?.escalation_policy;
    const problems = check(sim, p, null, true);
    if (problems.length) return sim.error(400, 2001, 'Invalid Input Provided', problems);
    const policy: any = {
      id: sim.db.newId(),
      type: 'escalation_policy',
      name: '',
      description: null,
      num_loops: 0,
      on_call_handoff_notifications: 'if_has_services',
      teams: [],
      escalation_rules: [],
    };
    apply(sim, policy, p);
    sim.db.collection<any>('escalation_policies').set(policy.id, policy);
    return { status: 201, body: { escalation_policy: renderEscalationPolicy(sim, policy) } };
  });

  router.route('PUT', '/escalation_policies/:id', opts, (req, sim) => {
    const policy = sim.db.collection<any>('escalation_policies').get(req.params.id);
    if (!policy) return sim.notFound('Escalation policy');
    const p = req.body?.escalation_policy;
    const problems = check(sim, p, policy.id, false);
    if (problems.length) return sim.error(400, 2001, 'Invalid Input Provided', problems);
    apply(sim, policy, p);
    return { status: 200, body: { escalation_policy: renderEscalationPolicy(sim, policy) } };
  });
}
