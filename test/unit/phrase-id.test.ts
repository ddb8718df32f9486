// Finding params carry the id of a fixed phrase (the translated views pick the words
// by it); a phrase not in the table is 'other'.
import { describe, expect, it } from 'vitest';
import { phraseId } from '../../src/lib/phrase-id';

describe('phraseId', () => {
  const table = { empty: 'is empty', scheme: 'has a scheme', port: 'has a bad port' };
  it('is the key of the phrase', () => {
    expect(phraseId(table, 'is empty')).toBe('empty');
    expect(phraseId(table, 'has a scheme')).toBe('scheme');
    expect(phraseId(table, 'has a bad port')).toBe('port');
  });
  it("is 'other' for a phrase the table does not hold", () => {
    expect(phraseId(table, 'is too long')).toBe('other');
    expect(phraseId({}, '')).toBe('other');
  });
});
