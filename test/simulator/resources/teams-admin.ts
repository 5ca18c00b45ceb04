// Team writes: create, update, delete teams and add/remove members. The GET routes live in teams.ts.
// Teams are stored as seed.ts describes: {id, type, name, description, parent, members: [{user, role}]},
// and each member's SimUser.teams holds the team id too; both sides are kept in step here.
import type { SimContext, SimDb, SimRouter } from '../types';
import { teamRef } from './core-render';

export function seed(_db: SimDb): void {}

const ROLES = ['observer', 'responder', 'manager'];

// Same shape as teams.ts answers a team (its renderer is private there).
function teamJson(sim: SimContext, t: any): Record<string, unknown> {
  return { ...teamRef(sim, t.id), type: 'team', name: t.name, description: t.description ?? null, parent: t.parent ? teamRef(sim, t.parent) : null, default_role: t.default_role ?? 'manager' };
}

function checkTeam(sim: SimContext, t: any, selfId: string | null, creating: boolean): string[] {
  if (!t || typeof t !== 'object') return ['A team object is required: {"team": {...}}'];
  const problems: string[] = [];
  if (creating || t.name !== undefined) {
    if (typeof t.name !== 'string' || t.name.trim() === '') problems.push('Name cannot be empty');
    else if ([...sim.db.collection<any>('teams').values()].some((x) => x.id !== selfId && x.name.toLowerCase() === t.name.trim().toLowerCase())) {
      problems.push('Name has already been taken');
    }
  }
  if (t.description !== undefined && t.description !== null && typeof t.description !== 'string') problems.push('description must be text');
  return problems;
}

/** Replaces (or drops) a team id wherever objects keep a list of team ids. */
function reassign(sim: SimContext, from: string, to: string | null): void {
  const swap = (ids: string[]) => {
    const out = ids.filter((id) => id !== from);
    if (to && ids.includes(from) && !out.includes(to)) out.push(to);
    return out;
  };
  for (const name of ['services', 'escalation_policies', 'schedules', 'v3_schedules']) {
    for (const obj of sim.db.collection<any>(name).values()) if (Array.isArray(obj.teams)) obj.teams = swap(obj.teams);
  }
  for (const inc of sim.db.collection<any>('incidents').values()) if (Array.isArray(inc.teams)) inc.teams = swap(inc.teams);
  for (const bs of sim.db.collection<any>('business_services').values()) if (bs.team === from) bs.team = to;
}

export function routes(router: SimRouter): void {
  const opts = { scope: 'teams' };

  router.route('POST', '/teams', opts, (req, sim) => {
    const t = req.body?.team;
    const problems = checkTeam(sim, t, null, true);
    if (problems.length) return sim.error(400, 2001, 'Invalid Input Provided', problems);
    const team = { id: sim.db.newId(), type: 'team', name: t.name.trim(), description: t.description ?? null, parent: null, members: [] };
    sim.db.collection<any>('teams').set(team.id, team);
    return { status: 201, body: { team: teamJson(sim, team) } };
  });

  router.route('PUT', '/teams/:id', opts, (req, sim) => {
    const team = sim.db.collection<any>('teams').get(req.params.id);
    if (!team) return sim.notFound('Team');
    const t = req.body?.team;
    const problems = checkTeam(sim, t, team.id, false);
    if (problems.length) return sim.error(400, 2001, 'Invalid Input Provided', problems);
    if (t.name !== undefined) team.name = t.name.trim();
    if (t.description !== undefined) team.description = t.description;
    return { status: 200, body: { team: teamJson(sim, team) } };
  });

  router.route('DELETE', '/teams/:id', opts, (req, sim) => {
    const teams = sim.db.collection<any>('teams');
    const team = teams.get(req.params.id);
    if (!team) return sim.notFound('Team');
    const to = req.query.get('reassignment_team');
    if (to !== null && (!teams.has(to) || to === team.id)) {
      return sim.error(400, 2001, 'Invalid Input Provided', [`reassignment_team ${to} must be another existing team`]);
    }
    reassign(sim, team.id, to);
    for (const user of sim.db.users.values()) user.teams = user.teams.filter((id) => id !== team.id);
    teams.delete(team.id);
    return { status: 204 };
  });

  router.route('PUT', '/teams/:id/users/:userId', opts, (req, sim) => {
    const team = sim.db.collection<any>('teams').get(req.params.id);
    if (!team) return sim.notFound('Team');
    const user = sim.db.users.get(req.params.userId);
    if (!user) return sim.notFound('User');
    const role = req.body?.role ?? 'manager';
    if (!ROLES.includes(role)) return sim.error(400, 2001, 'Invalid Input Provided', [`role must be one of ${ROLES.join(', ')}`]);
    const member = team.members.find((m: any) => m.user === user.id);
    if (member) member.role = role;
    else team.members.push({ user: user.id, role });
    if (!user.teams.includes(team.id)) user.teams.push(team.id);
    return { status: 204 };
  });

  router.route('DELETE', '/teams/:id/users/:userId', opts, (req, sim) => {
    const team = sim.db.collection<any>('teams').get(req.params.id);
    if (!team) return sim.notFound('Team');
    const user = sim.db.users.get(req.params.userId);
    if (!user) return sim.notFound('User');
    // Removing someone who is not a member changes nothing and is not an error.
    team.members = team.members.filter((m: any) => m.user !== user.id);
    user.teams = user.teams.filter((id) => id !== team.id);
    return { status: 204 };
  });
}
