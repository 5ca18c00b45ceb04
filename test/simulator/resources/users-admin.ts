// User writes: POST /users (PagerDuty wants `From` for it with account keys). The GET routes live in users.ts.
import type { SimDb, SimRouter, SimUser } from '../types';
import { renderUser } from './users';

export function seed(_db: SimDb): void {}

const ROLES = ['admin', 'limited_user', 'observer', 'owner', 'read_only_user', 'restricted_access', 'read_only_limited_user', 'user'];
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function routes(router: SimRouter): void {
  router.route('POST', '/users', { scope: 'users', requiresFrom: true }, (req, sim) => {
    const u = req.body?.user;
    if (!u || typeof u !== 'object') return sim.error(400, 2001, 'Invalid Input Provided', ['A user object is required: {"user": {...}}']);
    const problems: string[] = [];
    if (typeof u.name !== 'string' || u.name.trim() === '') problems.push('Name cannot be empty');
    if (typeof u.email !== 'string' || !EMAIL.test(u.email)) problems.push('Email is invalid');
    else if ([...sim.db.users.values()].some((x) => x.email.toLowerCase() === u.email.toLowerCase())) problems.push('Email has already been taken');
    const role = u.role ?? 'user';
    if (!ROLES.includes(role)) problems.push(`role must be one of ${ROLES.join(', ')}`);
    const timeZone = u.time_zone ?? 'Etc/UTC';
    if (!isTimeZone(timeZone)) problems.push('Time zone is not a valid IANA time zone');
    if (problems.length) return sim.error(400, 2001, 'Invalid Input Provided', problems);
    const user: SimUser = {
      id: sim.db.newId(),
      type: 'user',
      name: u.name.trim(),
      email: u.email,
      role,
      time_zone: timeZone,
      job_title: typeof u.job_title === 'string' ? u.job_title : null,
      color: 'green',
      description: typeof u.description === 'string' ? u.description : null,
      avatar_url: 'https://pd-static-assets.pagerduty.com/users/blank-avatar.png',
      invitation_sent: false,
      teams: [],
    };
    sim.db.users.set(user.id, user);
    return { status: 201, body: { user: renderUser(user, sim) } };
  });
}
