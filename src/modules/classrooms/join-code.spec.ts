import { generateJoinCode, normalizeJoinCode } from './join-code';

describe('join codes', () => {
  it('are 8 characters without look-alikes, and differ between calls', () => {
    const codes = new Set(Array.from({ length: 200 }, generateJoinCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-RT-Y346789]{8}$/);
  });

  it('accept what a student types: any case, with dashes or spaces', () => {
    expect(normalizeJoinCode(' k7qm-x9pa ')).toBe('K7QMX9PA');
  });
});
