/**
 * English stemming (the Porter2 / Snowball "english" algorithm, as used by Trino's word_stem).
 */
const VOWELS = 'aeiouy';
const DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];
const LI_ENDING = 'cdeghkmnrt';
const EXCEPTIONS: Record<string, string> = {
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl', ugly: 'ugli',
  early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos',
  bias: 'bias', andes: 'andes',
};
const EXCEPTIONS2 = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);

function isVowel(w: string, i: number): boolean {
  return VOWELS.includes(w[i]!);
}

function regions(w: string): [number, number] {
  let r1 = w.length;
  if (w.startsWith('gener') || w.startsWith('arsen')) r1 = 5;
  else if (w.startsWith('commun')) r1 = 6;
  else {
    for (let i = 1; i < w.length; i++) {
      if (!isVowel(w, i) && isVowel(w, i - 1)) {
        r1 = i + 1;
        break;
      }
    }
  }
  let r2 = w.length;
  for (let i = r1 + 1; i < w.length; i++) {
    if (!isVowel(w, i) && isVowel(w, i - 1)) {
      r2 = i + 1;
      break;
    }
  }
  return [r1, r2];
}

function endsShortSyllable(w: string): boolean {
  const n = w.length;
  if (n === 2) return isVowel(w, 0) && !isVowel(w, 1);
  if (n >= 3) {
    return !isVowel(w, n - 3) && isVowel(w, n - 2) && !isVowel(w, n - 1) && !'wxY'.includes(w[n - 1]!);
  }
  return false;
}

function isShort(w: string, r1: number): boolean {
  return r1 >= w.length && endsShortSyllable(w);
}

function hasVowel(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (VOWELS.includes(s[i]!)) return true;
  return false;
}

export function wordStem(input: string): string {
  let w = input.toLowerCase();
  if (w.length <= 2) return w;
  if (EXCEPTIONS[w] !== undefined) return EXCEPTIONS[w]!;
  if (w.startsWith("'")) w = w.slice(1);
  if (w.startsWith('y')) w = 'Y' + w.slice(1);
  for (let i = 1; i < w.length; i++) if (w[i] === 'y' && isVowel(w, i - 1)) w = w.slice(0, i) + 'Y' + w.slice(i + 1);
  const [r1, r2] = regions(w);
  // Step 0
  for (const s of ["'s'", "'s", "'"]) {
    if (w.endsWith(s)) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('us') || w.endsWith('ss')) {
    /* unchanged */
  } else if (w.endsWith('s') && hasVowel(w.slice(0, -2))) w = w.slice(0, -1);
  if (EXCEPTIONS2.has(w)) return w.replace(/Y/g, 'y');
  // Step 1b
  const step1b: [string, boolean][] = [['eedly', true], ['ingly', false], ['edly', false], ['eed', true], ['ing', false], ['ed', false]];
  for (const [suffix, isEed] of step1b) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (isEed) {
      if (w.length - suffix.length >= r1) w = stem + 'ee';
    } else if (hasVowel(stem)) {
      w = stem;
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (DOUBLES.some((d) => w.endsWith(d))) w = w.slice(0, -1);
      else if (isShort(w, r1)) w += 'e';
    }
    break;
  }
  // Step 1c
  if (w.length > 2 && (w.endsWith('y') || w.endsWith('Y')) && !isVowel(w, w.length - 2)) w = w.slice(0, -1) + 'i';
  // Step 2
  const step2: [string, string][] = [
    ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'], ['tional', 'tion'],
    ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'],
    ['iviti', 'ive'], ['fulli', 'ful'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'],
    ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
  ];
  for (const [suffix, rep] of step2) {
    if (!w.endsWith(suffix)) continue;
    if (w.length - suffix.length >= r1) {
      if (suffix === 'ogi') {
        if (w.endsWith('logi')) w = w.slice(0, -suffix.length) + rep;
      } else if (suffix === 'li') {
        if (LI_ENDING.includes(w[w.length - 3] ?? '')) w = w.slice(0, -2);
      } else w = w.slice(0, -suffix.length) + rep;
    }
    break;
  }
  // Step 3
  const step3: [string, string][] = [
    ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ative', ''], ['ical', 'ic'],
    ['ness', ''], ['ful', ''],
  ];
  for (const [suffix, rep] of step3) {
    if (!w.endsWith(suffix)) continue;
    if (w.length - suffix.length >= r1) {
      if (suffix === 'ative') {
        if (w.length - suffix.length >= r2) w = w.slice(0, -suffix.length);
      } else w = w.slice(0, -suffix.length) + rep;
    }
    break;
  }
  // Step 4
  const step4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];
  for (const suffix of step4) {
    if (!w.endsWith(suffix)) continue;
    if (w.length - suffix.length >= r2) {
      if (suffix === 'ion') {
        const c = w[w.length - 4];
        if (c === 's' || c === 't') w = w.slice(0, -3);
      } else w = w.slice(0, -suffix.length);
    }
    break;
  }
  // Step 5
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    if (w.length - 1 >= r2 || (w.length - 1 >= r1 && !endsShortSyllable(stem))) w = stem;
  } else if (w.endsWith('l') && w.length - 1 >= r2 && w.endsWith('ll')) w = w.slice(0, -1);
  return w.replace(/Y/g, 'y');
}
