import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks, escapeMrkdwn, mrkdwnLink, plainText, truncate } from './text';

describe('plainText', () => {
  it('removes the bot’s own mention and keeps what the person typed', () => {
    expect(plainText('<@UBOT> how many students?', { botUserId: 'UBOT' })).toBe(
      'how many students?',
    );
    expect(plainText('hey <@UBOT|passerelle>, events this week', { botUserId: 'UBOT' })).toBe(
      'hey , events this week',
    );
  });

  it('makes other mentions, channels, links and special mentions readable', () => {
    expect(
      plainText(
        'ask <@U2|marie> or <@U3> in <#C1|intl> <#C2> <!here> <!subteam^S1|@office> ' +
          '<!date^1392734382^{date}|Feb 18> <https://x.edu/a|the guide> <https://x.edu/b> ' +
          '<mailto:io@x.edu> &lt;b&gt; &amp;',
        { botUserId: 'UBOT' },
      ),
    ).toBe(
      'ask @marie or @U3 in #intl #C2 @here @office Feb 18 the guide https://x.edu/b io@x.edu <b> &',
    );
  });

  it('collapses spacing, or keeps lines when asked', () => {
    expect(plainText('  a \n\n b\tc  ')).toBe('a b c');
    expect(plainText('Bonjour,\n\n\n\nà  bientôt  \n  merci', { keepLines: true })).toBe(
      'Bonjour,\n\nà bientôt\nmerci',
    );
  });
});

describe('escapeMrkdwn', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeMrkdwn('a < b && c > d *bold*')).toBe('a &lt; b &amp;&amp; c &gt; d *bold*');
  });

  it('never leaves a < or > that Slack would read as markup, and loses nothing', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(
          text,
        );
      }),
    );
  });
});

describe('mrkdwnLink', () => {
  it('links http(s) addresses, escaping the label and the characters that end a link', () => {
    expect(mrkdwnLink('https://x.edu/a b|c>', 'A < B | C')).toBe(
      '<https://x.edu/a%20b%7Cc%3E|A &lt; B ¦ C>',
    );
  });

  it('shows only the label for anything that is not http(s)', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'Guide')).toBe('Guide');
  });
});

describe('truncate and chunks', () => {
  it('truncates by characters, with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('学生交换项目', 3)).toBe('学生…');
  });

  it('cuts at line breaks or spaces, never inside an entity, and loses nothing but spacing', () => {
    expect(chunks('short', 10)).toEqual(['short']);
    expect(chunks('', 10)).toEqual(['']);
    expect(chunks('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(chunks('para one\n\npara two', 12)).toEqual(['para one', 'para two']);
    expect(chunks('abcdefg&amp;hij', 10)).toEqual(['abcdefg', '&amp;hij']);
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 5, max: 60 }), (text, max) => {
        const parts = chunks(text, max);
        for (const part of parts) expect(Array.from(part).length).toBeLessThanOrEqual(max);
        expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});
