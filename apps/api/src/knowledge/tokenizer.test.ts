import { afterEach, describe, expect, it } from 'vitest';
import {
  analyze,
  BIGRAM_PREFIX,
  chineseSegmenter,
  foldLatin,
  hanBigrams,
  intlSegmenter,
  stem,
  tokenize,
  useChineseSegmenter,
} from './tokenizer';

const words = (text: string) => analyze(text).words;
const b = (pair: string) => `${BIGRAM_PREFIX}${pair}`;

describe('Latin text', () => {
  it('folds case, accents and ligatures', () => {
    expect(foldLatin('Séjour ÉTUDIANT Œuvre straße')).toBe('sejour etudiant oeuvre strasse');
    expect(words('SÉJOUR séjour Sejour')).toEqual(['sejour', 'sejour', 'sejour']);
  });

  it('drops English and French stop words', () => {
    expect(words('how do I renew my residence permit')).toEqual(['renew', 'residenc', 'permit']);
    expect(words('comment renouveler mon titre de séjour')).toEqual(['renouvel', 'titr', 'sejour']);
    expect(words('what to do in an emergency')).toEqual(['emergency']);
    expect(words('what is the')).toEqual([]);
  });

  it('keeps content words that are stop words only in the other language', () => {
    expect(words('my car')).toEqual(['car']);
  });

  it('cuts French elisions and English contractions', () => {
    expect(words("l'arrivée d'un étudiant")).toEqual(['arriv', 'etudi']);
    expect(words("the student's card")).toEqual(['student', 'card']);
    expect(words("qu'il")).toEqual([]);
    expect(words('l’arrivée')).toEqual(['arriv']);
  });

  it.each([
    [['renew', 'renews', 'renewing', 'renewed', 'renewal'], 'renew'],
    [['renouveler', 'renouvelez', 'renouvellement', 'renouvelé', 'renouvelées'], 'renouvel'],
    [['expire', 'expires', 'expired', 'expiring'], 'expir'],
    [['permit', 'permits'], 'permit'],
    [['déclarer', 'déclaration', 'déclarations', 'déclarez'], 'declar'],
    [['arrivant', 'arrivante', 'arrivée', 'arrivées', 'arriver'], 'arriv'],
    [['étudiant', 'étudiante', 'étudiants', 'étudiantes'], 'etudi'],
    [['emergency', 'emergencies'], 'emergency'],
    [['countries', 'country'], 'country'],
    [['bureau', 'bureaux'], 'bureau'],
    [['international', 'internationaux'], 'internation'],
    [['get', 'getting'], 'get'],
    [['class', 'classes'], 'clas'],
    [['document', 'documents'], 'docu'],
    [['arrivée', 'arrivées', 'arriver', 'arrive'], 'arriv'],
  ])('stems %j to %s', (forms, expected) => {
    for (const form of forms) expect(stem(foldLatin(form)), form).toBe(expected);
  });

  it('leaves short words, numbers and codes as they are', () => {
    expect(stem('bus')).toBe('bus');
    expect(stem('status')).toBe('status');
    expect(stem('visas')).toBe('visa');
    expect(words('X1 JW202 visa 24 hours')).toEqual(['x1', 'jw202', 'visa', '24', 'hour']);
    expect(words('a b 7')).toEqual(['7']);
  });

  it('reads full-width forms as ASCII', () => {
    expect(words('Ｘ１ ＳＩＭ')).toEqual(['x1', 'sim']);
  });
});

describe('Chinese text', () => {
  afterEach(() => useChineseSegmenter(undefined));

  it('segments with jieba on this machine', () => {
    expect(chineseSegmenter().name).toBe('jieba');
  });

  it('keeps the office’s words whole and adds the bigrams of each run', () => {
    expect(analyze('居留许可续签')).toEqual({
      words: ['居留许可', '续签'],
      bigrams: [b('居留'), b('留许'), b('许可'), b('可续'), b('续签')],
    });
    expect(words('住宿登记')).toEqual(['住宿登记']);
    expect(words('银行卡')).toEqual(['银行卡']);
  });

  it('drops stop words, which also break the runs of bigrams', () => {
    const { words: found, bigrams } = analyze('我的居留许可什么时候到期？');
    expect(found).toEqual(['居留许可', '到期']);
    expect(bigrams).toEqual([b('居留'), b('留许'), b('许可'), b('到期')]);
  });

  it('gives a part of a long word the bigrams the word has, so it matches partly', () => {
    const part = new Set(analyze('许可').bigrams);
    const whole = new Set(analyze('居留许可').bigrams);
    for (const bigram of part) expect(whole.has(bigram)).toBe(true);
  });

  it('reads mixed Chinese and Latin text', () => {
    expect(words('SIM卡 24小时 visa')).toEqual(['sim', '24', 'visa', '卡', '小时']);
    expect(tokenize('SIM卡 24小时')).toEqual(['sim', '24', '卡', '小时', b('小时')]);
  });

  it('makes bigrams of characters outside the BMP by code point', () => {
    expect(hanBigrams('𠀀𠀁')).toEqual([b('𠀀𠀁')]);
    expect(hanBigrams('好')).toEqual([]);
  });

  it('falls back to Intl.Segmenter with the same bigrams', () => {
    const withJieba = analyze('居留许可续签');
    useChineseSegmenter(intlSegmenter());
    expect(chineseSegmenter().name).toBe('intl');
    const withIcu = analyze('居留许可续签');
    expect(withIcu.words.join('')).toBe('居留许可续签');
    expect(withIcu.bigrams).toEqual(withJieba.bigrams);
  });
});
