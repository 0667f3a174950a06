export * from './incident-action.dto.js';
export * from './incident-actions.service.js';
export * from './incident-report.service.js';
export * from './incident-status.js';
export * from './incident.dto.js';
export * from './incident.service.js';
export * from './incidents.module.js';
