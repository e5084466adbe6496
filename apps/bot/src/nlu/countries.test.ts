import { countryCodes, countryName } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { extractCountries } from './countries';

describe('extractCountries', () => {
  it.each([
    ['exchange students from France', ['FR']],
    ['French students', ['FR']],
    ['les étudiantes françaises', ['FR']],
    ['des étudiants français', ['FR']],
    ['法国学生', ['FR']],
    ['法籍学生', ['FR']],
    ['German interns', ['DE']],
    ['Germans and Italians', ['DE', 'IT']],
    ['stagiaires allemandes', ['DE']],
    ["étudiants d'Allemagne", ['DE']],
    ['德国实习生', ['DE']],
    ['aux États-Unis', ['US']],
    ['aux Etats Unis', ['US']],
    ['students from the US and the UK', ['US', 'GB']],
    ['from South Korea', ['KR']],
    ['from North Korea', ['KP']],
    ['Korean students', ['KR']],
    ['韩国留学生', ['KR']],
    ['from Papua New Guinea', ['PG']],
    ['from Guinea', ['GN']],
    ['印度尼西亚和印度', ['ID', 'IN']],
    ['南苏丹', ['SS']],
    ['Côte d’Ivoire', ['CI']],
    ['Ivory Coast', ['CI']],
    ['St. Kitts & Nevis', ['KN']],
    ['Saint Kitts and Nevis', ['KN']],
    ['Myanmar', ['MM']],
    ['Burma', ['MM']],
    ['Hong Kong', ['HK']],
    ['香港', ['HK']],
    ['Türkiye', ['TR']],
    ['Turkey', ['TR']],
    ['étudiants turcs', ['TR']],
    ['Pakistani students', ['PK']],
    ['Thais', ['TH']],
    ['vietnamiennes', ['VN']],
  ])('%s', (text, codes) => {
    expect(extractCountries(text)).toEqual(codes);
  });

  it('names every ISO country in English, French and Chinese', () => {
    const missed: string[] = [];
    for (const code of countryCodes) {
      for (const language of ['en', 'fr', 'zh'] as const) {
        const name = countryName(code, language);
        if (code === 'RE' || (code === 'MU' && language === 'fr')) continue;
        if (!extractCountries(name).includes(code)) missed.push(`${code}/${language}: ${name}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('never matches inside a word, nor a lone letter', () => {
    for (const text of [
      'from',
      'X',
      'x',
      'agreements with X',
      'us',
      'tell us more',
      'germane',
      'Indiana',
      'Chadwick',
    ]) {
      expect(extractCountries(text), text).toEqual([]);
    }
  });

  it('leaves "Sino-French", a French meeting ("réunion") and the first name Maurice alone', () => {
    expect(extractCountries('the Sino-French salon')).toEqual([]);
    expect(extractCountries('la réunion de Maurice')).toEqual([]);
    expect(extractCountries("l'île de la Réunion")).toEqual(['RE']);
  });

  it('lists each country once, in order of first mention', () => {
    expect(extractCountries('France, Germany and France again, then 法国')).toEqual(['FR', 'DE']);
  });
});
