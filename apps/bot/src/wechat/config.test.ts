import { describe, expect, it } from 'vitest';
import { loadBotConfig } from '../config';
import { officialSettings, wechatySettings } from './config';

describe('WeChat settings from the bot configuration', () => {
  it('turns neither route on by default', () => {
    const config = loadBotConfig({});
    expect(wechatySettings(config)).toBeUndefined();
    expect(officialSettings(config)).toBeUndefined();
  });

  it('chooses the wechaty puppet and its token from WECHATY_PUPPET', () => {
    const config = loadBotConfig({
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_service_token',
    });
    expect(wechatySettings(config)).toEqual({
      name: 'passerelle',
      puppet: 'wechaty-puppet-service',
      puppetToken: 'puppet_service_token',
    });
    expect(wechatySettings(loadBotConfig({ WECHATY_PUPPET: 'wechaty-puppet-wechat4u' }))).toEqual({
      name: 'passerelle',
      puppet: 'wechaty-puppet-wechat4u',
    });
  });

  it('configures the Official Account callback, with customer service once the secret is known', () => {
    const config = loadBotConfig({ WECHAT_TOKEN: 'tok', WECHAT_APP_ID: 'wx1' });
    expect(officialSettings(config)).toEqual({
      receiver: { kind: 'official-account', token: 'tok', appId: 'wx1' },
    });
    expect(
      officialSettings({
        ...config,
        WECHAT_ENCODING_AES_KEY: 'k'.repeat(43),
        WECHAT_KIND: 'wecom',
        WECHAT_APP_SECRET: 'secret',
        WECOM_AGENT_ID: 1000002,
        WECHAT_API_BASE: 'http://127.0.0.1:9999',
      }),
    ).toEqual({
      receiver: { kind: 'wecom', token: 'tok', appId: 'wx1', encodingAESKey: 'k'.repeat(43) },
      customerService: {
        kind: 'wecom',
        appId: 'wx1',
        secret: 'secret',
        agentId: 1000002,
        apiBase: 'http://127.0.0.1:9999',
      },
    });
  });
});
