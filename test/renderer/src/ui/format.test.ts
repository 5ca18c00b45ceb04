import { describe, expect, it } from 'vitest';
import { countdown, errorField, errorMessage, formatDuration, formatRelative, formatTime, stripFieldPrefix } from '../../../../src/renderer/src/ui/format';

describe('formatting helpers', () => {
  it('turns a failed call into the core’s sentence, with the field it names', () => {
    const err = Object.assign(new Error('apiKey: That is too short to be a PagerDuty REST API key'), { code: 'invalid_arguments', field: 'apiKey' });
    expect(errorMessage(err)).toBe('apiKey: That is too short to be a PagerDuty REST API key.');
    expect(errorField(err)).toBe('apiKey');
    expect(errorField(new Error('x'))).toBeNull();
    expect(errorMessage(null)).toMatch(/Try again/);
    expect(errorMessage({ message: '  ' })).toMatch(/Try again/);
  });

  it('drops the field name from a message shown beside that field', () => {
    expect(stripFieldPrefix('port: use a port from 1024 to 65535.', 'port')).toBe('Use a port from 1024 to 65535.');
    expect(stripFieldPrefix('Use a port.', 'port')).toBe('Use a port.');
    expect(stripFieldPrefix('port: x', null)).toBe('port: x');
  });

  it('says how long ago, and “never” when never', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative('2026-01-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-01-10T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-01-10T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2026-01-09T12:00:00Z', now)).toBe('1 day ago');
    expect(formatRelative('2025-11-01T12:00:00Z', now)).toBe('2025-11-01');
    expect(formatRelative('garbage', now)).toBe('unknown');
  });

  it('formats durations for the timeline', () => {
    expect(formatDuration(0.4)).toBe('<1 ms');
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(75_000)).toBe('1 min 15 s');
    expect(formatDuration(-1)).toBe('—');
  });

  it('shows the date only for entries from another day', () => {
    const now = new Date(2026, 0, 10, 15, 0, 0);
    expect(formatTime(new Date(2026, 0, 10, 9, 5, 7).toISOString(), now)).toBe('09:05:07');
    expect(formatTime(new Date(2026, 0, 9, 23, 59, 1).toISOString(), now)).toBe('2026-01-09 23:59:01');
  });

  it('counts down to an ask prompt’s expiry and never below zero', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(countdown('2026-01-10T12:01:05Z', now)).toEqual({ seconds: 65, text: '1:05' });
    expect(countdown('2026-01-10T12:00:00.200Z', now)).toEqual({ seconds: 1, text: '0:01' });
    expect(countdown('2026-01-10T11:59:00Z', now)).toEqual({ seconds: 0, text: '0:00' });
  });
});
