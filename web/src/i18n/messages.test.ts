import { describe, expect, it } from 'vitest';
import { translator } from './messages';

describe("the dashboard's texts", () => {
  it('say one offer, and two or no offers, in English', () => {
    const t = translator('en');
    expect([0, 1, 2].map((count) => t('offers.count', { count }))).toEqual(['0 offers', '1 offer', '2 offers']);
    expect(t('share.opens', { count: 1 })).toBe('opened once');
  });

  it('say una offerta, and due or nessuna offerte, in Italian', () => {
    const t = translator('it');
    expect([0, 1, 2].map((count) => t('offers.count', { count }))).toEqual(['0 offerte', '1 offerta', '2 offerte']);
    expect(t('training.recorded', { count: 1, hours: 2 })).toBe('Registrato: 1 persona, 2 ore ciascuna.');
  });

  it('leave a text without plural forms as it is', () => {
    expect(translator('en')('pageOf', { page: 1, pages: 1 })).toBe('Page 1 of 1');
  });
});
