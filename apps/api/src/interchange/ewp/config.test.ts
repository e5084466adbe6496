import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';

describe('the EWP settings', () => {
  it('default to a demo HEI id and English', () => {
    const config = loadConfig({});
    expect(config.EWP_HEI_ID).toBe('passerelle-demo.edu');
    expect(config.EWP_LANGUAGES).toEqual([{ language: 'en' }]);
  });

  it('read our HEI id and language[:CEFR] lists', () => {
    const config = loadConfig({ EWP_HEI_ID: 'sjtu.edu.cn', EWP_LANGUAGES: 'en:B2, zh' });
    expect(config.EWP_HEI_ID).toBe('sjtu.edu.cn');
    expect(config.EWP_LANGUAGES).toEqual([{ language: 'en', cefrLevel: 'B2' }, { language: 'zh' }]);
  });

  it('refuse what EWP would refuse', () => {
    expect(() => loadConfig({ EWP_HEI_ID: 'SJTU' })).toThrow(ConfigError);
    expect(() => loadConfig({ EWP_LANGUAGES: 'english' })).toThrow(/EWP_LANGUAGES="english"/);
    expect(() => loadConfig({ EWP_LANGUAGES: 'fr:B3' })).toThrow(ConfigError);
  });
});
