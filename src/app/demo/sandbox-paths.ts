// Where the built-in sevDesk sandbox ("Testmodus") is mounted inside the Belegfluss server.
export const SANDBOX_MOUNT = '/sandbox';
export const SANDBOX_API_PATH = `${SANDBOX_MOUNT}/api/v1`;
