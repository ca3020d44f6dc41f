import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy.ts';

describe('password policy', () => {
  it('accepts long, unpredictable passwords, passphrases with spaces and any script', () => {
    for (const password of [
      'violet kettle umbrella 42',
      'Tr4in-Staple-Orbit',
      'ночной-поезд-в-горы',
      '🦉🌙🦉 moon owl hoot',
    ]) {
      expect(
        passwordProblems(password, { email: 'ann@example.org', displayName: 'Ann Lee' }),
        password,
      ).toEqual([]);
    }
  });

  it('measures length in characters, from 12 to 128', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(passwordProblems('short pass')).toEqual(['Use at least 12 characters.']);
    expect(passwordProblems('')).toEqual(['Use at least 12 characters.']);
    expect(passwordProblems('x'.repeat(3) + 'kettle umbrella'.repeat(9))).toContain(
      'Use at most 128 characters.',
    );
    expect(passwordProblems('🦉🌙🦉🌙 moon ow')).toEqual([]); // 12 code points, more UTF-16 units
  });

  it.each([
    'password1234',
    'Password123456',
    'qwertyuiop123',
    'correcthorsebatterystaple',
    'Summer2024!!!!',
    'iloveyou1234',
    'pass word 1234'.replace(/ /g, ''),
  ])('refuses the well-known %s', (password) => {
    expect(passwordProblems(password).join(' ')).toMatch(/most common passwords/);
  });

  it('refuses the email address or the name inside the password', () => {
    expect(passwordProblems('alfreda.wyman-2024!', { email: 'Alfreda.Wyman@example.org' })).toEqual([
      'Do not use your email address in your password.',
    ]);
    expect(passwordProblems('my name is wyman, hello', { displayName: 'Alfreda Wyman' })).toEqual([
      'Do not use your name in your password.',
    ]);
    expect(passwordProblems('AlfredaWyman!!xyz', { displayName: 'Alfreda Wyman' })).toEqual([
      'Do not use your name in your password.',
    ]);
  });

  it.each(['aaaaaaaaaaaa', '............', 'abababababab', 'abcabcabcabc', '123412341234'])(
    'refuses the repetition %s',
    (password) => {
      expect(passwordProblems(password).join(' ')).toMatch(/Do not repeat/);
    },
  );

  it.each(['abcdefghijklm', 'zyxwvutsrqpo', '123456789012', '901234567890', 'qwertyuiopas', 'lkjhgfdsapoiu'])(
    'refuses the sequence %s',
    (password) => {
      expect(passwordProblems(password).join(' ')).toMatch(/simple sequence|most common/);
    },
  );

  it('answers every problem as a sentence', () => {
    const problems = passwordProblems('aaaa', { email: 'aaaa@example.org' });
    expect(problems.length).toBeGreaterThan(1);
    for (const problem of problems) expect(problem).toMatch(/^[A-Z].*\.$/);
  });
});
