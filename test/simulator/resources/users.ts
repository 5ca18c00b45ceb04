// Users: GET /users, /users/{id}, /users/me. The users themselves are seeded in ../seed.ts (core data).
import type { SimContext, SimDb, SimRequest, SimRouter, SimUser } from '../types';

export function seed(_db: SimDb): void {}

const ACCOUNT_KEY_ME =
  "Because this request was made using an account-level access token, we were unable to determine the user's identity. Please use a user-level token.";

/** A user as PagerDuty returns it, with `include[]` expanding contact methods, notification rules and teams. */
export function renderUser(user: SimUser, sim: SimContext, include: string[] = []): Record<string, unknown> {
  const ref = sim.ref('user', user.id, user.name);
  const teams = sim.db.collection<any>('teams');
  const { teams: teamIds, ...fields } = user;
  const contactMethods = [
    { id: `${user.id.slice(0, 5)}E1`, type: 'email_contact_method', summary: 'Default', label: 'Default', address: user.email },
  ];
  const notificationRules = [
    { id: `${user.id.slice(0, 5)}N1`, type: 'assignment_notification_rule', summary: 'Default', start_delay_in_minutes: 0, urgency: 'high' },
  ];
  return {
    ...fields,
    type: 'user',
    summary: user.name,
    self: ref.self,
    html_url: ref.html_url,
    invitation_sent: user.invitation_sent ?? false,
    created_via_sso: false,
    contact_methods: contactMethods.map((c) =>
      include.includes('contact_methods') ? c : { id: c.id, type: `${c.type}_reference`, summary: c.summary, self: `${ref.self}/contact_methods/${c.id}` },
    ),
    notification_rules: notificationRules.map((r) =>
      include.includes('notification_rules')
        ? r
        : { id: r.id, type: `${r.type}_reference`, summary: r.summary, self: `${ref.self}/notification_rules/${r.id}`, html_url: null },
    ),
    teams: teamIds
      .map((id) => teams.get(id))
      .filter(Boolean)
      .map((t) =>
        include.includes('teams')
          ? { id: t.id, type: 'team', summary: t.name, name: t.name, description: t.description, ...pick(sim.ref('team', t.id, t.name)) }
          : sim.ref('team', t.id, t.name),
      ),
  };
}

function pick(ref: Record<string, unknown>) {
  return { self: ref.self, html_url: ref.html_url };
}

const includes = (req: SimRequest) => req.query.getAll('include[]');

export function routes(router: SimRouter): void {
  router.route('GET', '/users', { scope: 'users' }, (req, sim) => {
    const query = (req.query.get('query') ?? '').trim().toLowerCase();
    const teamIds = req.query.getAll('team_ids[]');
    const users = [...sim.db.users.values()]
      .filter((u) => !query || u.name.toLowerCase().includes(query) || u.email.toLowerCase().includes(query))
      .filter((u) => teamIds.length === 0 || u.teams.some((t) => teamIds.includes(t)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Render only the page: accounts can have thousands of users.
    const page = sim.paginate(req, users, 'users');
    const body = page.body as { users?: SimUser[] };
    if (page.status === 200 && body.users) body.users = body.users.map((u) => renderUser(u, sim, includes(req))) as any;
    return page;
  });

  router.route('GET', '/users/me', { scope: 'users' }, (req, sim) => {
    if (!req.caller.userId) return { status: 400, body: { error: ACCOUNT_KEY_ME } };
    const user = sim.db.users.get(req.caller.userId);
    if (!user) return sim.notFound('User');
    return { status: 200, body: { user: renderUser(user, sim, includes(req)) } };
  });

  router.route('GET', '/users/:id', { scope: 'users' }, (req, sim) => {
    const user = sim.db.users.get(req.params.id);
    if (!user) return sim.notFound(`User ${req.params.id}`);
    return { status: 200, body: { user: renderUser(user, sim, includes(req)) } };
  });
}
