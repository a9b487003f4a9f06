import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('reads the same for the same body in another key order', () => {
    expect(canonicalJson({ user_id: 'u', facegallery_id: 'g' })).toBe(canonicalJson({ facegallery_id: 'g', user_id: 'u' }));
  });

  it('drops undefined members as JSON does and serialises scalars and dates', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson({ at: new Date('2024-01-02T03:04:05.000Z') })).toBe('{"at":"2024-01-02T03:04:05.000Z"}');
  });
});
