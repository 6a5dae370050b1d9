// The user's own switch for browser notifications (this device only, like the
// browser's permission it depends on).
const KEY = "murmur-notifications";

export type PermissionState = NotificationPermission | "unsupported";

export function notificationPermission(): PermissionState {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}

export function notificationsEnabled(): boolean {
  try {
    return localStorage.getItem(KEY) === "on" && notificationPermission() === "granted";
  } catch {
    return false;
  }
}

export function setNotificationsEnabled(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? "on" : "off");
  } catch {
    /* storage blocked: nothing to remember */
  }
}

/** Asks the browser for permission (only from a click) and switches notifications on when given. */
export async function enableNotifications(): Promise<PermissionState> {
  if (notificationPermission() === "unsupported") return "unsupported";
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  setNotificationsEnabled(permission === "granted");
  return permission;
}
