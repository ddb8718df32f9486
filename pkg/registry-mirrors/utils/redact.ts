// user:password@ in an endpoint URL must never be shown, wherever a text carries it
// (the ENDPOINT_CREDENTIALS finding tells the admin to remove it). The engine owns the rule.
export { redactText as redactCredentials } from '../../../src/lib/redact';
