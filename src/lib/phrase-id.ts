// Finding params carry ids, not English phrases: the translated views pick the words
// (an ICU select in l10n), while the English message keeps the phrase itself.

/** The id of a phrase of a fixed table (the table's values are what the English message says). */
export function phraseId(table: Record<string, string>, text: string): string {
  return Object.keys(table).find((k) => table[k] === text) ?? 'other';
}
