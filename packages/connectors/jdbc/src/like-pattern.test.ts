import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { likePatternWithBackslashEscape } from './like-pattern.js';

describe('likePatternWithBackslashEscape', () => {
  it('keeps wildcards and escapes literal backslashes when there is no escape', () => {
    assert.equal(likePatternWithBackslashEscape('a%_b', undefined), 'a%_b');
    assert.equal(likePatternWithBackslashEscape('a\\c', undefined), 'a\\\\c');
  });
  it('re-encodes escaped wildcards and the escape itself with backslash', () => {
    assert.equal(likePatternWithBackslashEscape('a!%!_!!', '!'), 'a\\%\\_!');
    assert.equal(likePatternWithBackslashEscape('日\\_', '\\'), '日\\_');
  });
  it('declines patterns Trino rejects', () => {
    assert.equal(likePatternWithBackslashEscape('a!c', '!'), undefined);
    assert.equal(likePatternWithBackslashEscape('a!', '!'), undefined);
    assert.equal(likePatternWithBackslashEscape('a', '!!'), undefined);
    assert.equal(likePatternWithBackslashEscape('a', ''), undefined);
  });
});
