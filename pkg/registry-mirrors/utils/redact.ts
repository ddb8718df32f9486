// user:password@ in an endpoint URL must never be shown, wherever a text carries it
// (the ENDPOINT_CREDENTIALS finding tells the admin to remove it).
export function redactCredentials(text: string): string {
  return typeof text === 'string' ? text.replace(/(\/\/)([^/@\s:"']*):[^/@\s"']*@/g, '$1$2:xxxxx@') : text;
}
