export * from './identifier-error.js';
export * from './orgnr.js';
export * from './personidentifikator.js';
export * from './uuid.js';
