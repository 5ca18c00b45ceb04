// Sentences the governance hands to the AI when there is no usable connection, and the throttled
// notification the person sees at the same moment.
import type { NotificationRequest, Platform } from '../platform';

export const NOT_CONNECTED_FOR_AI =
  'PagerDuty is not connected. Ask the person to open the PagerDuty MCP app and connect PagerDuty (Connection page).';
export const NEEDS_AUTH_FOR_AI =
  "PagerDuty no longer accepts the app's sign-in (it expired or was revoked). Ask the person to open the PagerDuty MCP app and sign in again (Reauthorize in the app's tray menu or window).";

const ONE_MINUTE = 60_000;

/** At most one notification a minute: an AI retrying in a loop must not flood the desktop. */
export function createThrottledNotifier(platform: Platform, now: () => number) {
  let last = Number.NEGATIVE_INFINITY;
  return (notification: NotificationRequest): boolean => {
    if (now() - last < ONE_MINUTE) return false;
    last = now();
    platform.notify(notification);
    return true;
  };
}
