export type { Session, SessionUpdate } from './session.js';
export { createSession } from './session.js';
export { applySessionUpdates } from './apply-session-updates.js';
export { SYSTEM_SESSION_PROPERTIES, findSystemSessionProperty, systemPropertyValue } from './session-property.js';
export type { SessionPropertyDefinition } from './session-property.js';
