export async function pullCases() { return { agree: 0, total: 0, configs: 0 }; }
