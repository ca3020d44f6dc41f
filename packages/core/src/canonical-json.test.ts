// RFC 8785 conformance of canonicalJson: the examples of the RFC and the values it must refuse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { Invalid } from './errors.ts';

// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
const NUMBER_SAMPLES: readonly (readonly [string, string])[] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson', () => {
  it.each(NUMBER_SAMPLES)('formats the double 0x%s as %s', (bits, text) => {
    expect(canonicalJson(fromBits(bits))).toBe(text);
  });

  it('writes 1e21 in exponent form and -0 as 0', () => {
    expect(canonicalJson([1e21, 1e20, -0, 0.1, 1e-7])).toBe('[1e+21,100000000000000000000,0,0.1,1e-7]');
  });

  it('reproduces the RFC 8785 §3.2.2 example', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('canonicalises nested structures independently of key insertion order', () => {
    const a = { b: [{ z: 1, a: { y: null, x: 'é' } }, 2], a: true };
    const b = { a: true, b: [{ a: { x: 'é', y: null }, z: 1 }, 2] };
    expect(canonicalJson(a)).toBe('{"a":true,"b":[{"a":{"x":"é","y":null},"z":1},2]}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('drops undefined object members and writes undefined array slots as null, like JSON', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('is a fixed point: canonical text re-canonicalises to itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  const invalid: readonly (readonly [string, unknown])[] = [
    ['undefined', undefined],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity in an array', [1, -Infinity]],
    ['a nested NaN', { a: { b: NaN } }],
    ['a BigInt', 1n],
    ['a nested BigInt', { a: [2n] }],
    ['a cycle', cyclic],
    ['a function', () => 1],
    ['a nested function', { a: () => 1 }],
    ['a function in an array', [() => 1]],
    ['a symbol', Symbol('s')],
    ['a lone surrogate', '\ud800'],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point of this case
    ['a sparse array', [1, , 2]],
  ];
  it.each(invalid)('throws Invalid for %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(Invalid);
  });

  it('serialises objects through their own toJSON', () => {
    expect(canonicalJson({ when: new Date(0), custom: { toJSON: () => ({ b: 2, a: 1 }) } })).toBe(
      '{"custom":{"a":1,"b":2},"when":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('never echoes the value in its error message', () => {
    const secret = 'HIV positive';
    const value = {
      toJSON(): never {
        throw new Error(secret);
      },
    };
    expect(() => canonicalJson(value)).toThrow(Invalid);
    try {
      canonicalJson(value);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
