import { buildFlatbuffer } from '../../test/support/tflite-flatbuffer-builder';
import { FlatBuffer } from './flatbuffer';
import { operatorCode, readTfliteModel } from './tflite-model';
import { buildTflite, floats } from '../../test/support/tflite-builder';

describe('FlatBuffer reader', () => {
  const bytes = buildFlatbuffer(
    [{ i32: -7 }, undefined, { string: 'héllo' }, { i32s: [3, -1, 4] }, { table: [{ f32: 1.5 }] }, { tables: [[{ u8: 9 }], [undefined, { i8: -2 }]] }],
    'TEST',
  );

  it('reads fields by vtable slot, with defaults for absent ones', () => {
    const root = new FlatBuffer(bytes).root('TEST');
    expect(root.i32(0, 0)).toBe(-7);
    expect(root.i32(1, 42)).toBe(42);
    expect(root.i32(17, 5)).toBe(5);
    expect(root.string(2)).toBe('héllo');
    expect(root.i32s(3)).toEqual([3, -1, 4]);
    expect(root.table(4)!.f32(0, 0)).toBe(1.5);
    const [a, b] = root.tables(5);
    expect(a!.u8(0, 0)).toBe(9);
    expect(b!.u8(0, 1)).toBe(1);
    expect(b!.i8(1, 0)).toBe(-2);
  });

  it('refuses a wrong file identifier and offsets outside the buffer', () => {
    expect(() => new FlatBuffer(bytes).root('TFL3')).toThrow(/identifier is 'TEST'/);
    const cut = bytes.slice(0, bytes.length - 8);
    expect(() => new FlatBuffer(cut).root().tables(5)[1]!.i8(1, 0)).toThrow(/outside the/);
  });
});

describe('TFLite model reader', () => {
  it('takes the larger of deprecated_builtin_code and builtin_code', () => {
    expect(operatorCode(3, 0)).toBe(3); // an old file: the int8 field only
    expect(operatorCode(3, 3)).toBe(3);
    expect(operatorCode(127, 150)).toBe(150); // a code past int8: the old field holds the placeholder
  });

  it('reads tensors, operators and buffers of a model', () => {
    const model = readTfliteModel(
      buildTflite({
        tensors: [
          { name: 'x', shape: [1, 4] },
          { name: 'w', shape: [4], data: floats([1, 2, 3, 4]) },
          { name: 'y', shape: [1, 4] },
        ],
        inputs: [0],
        outputs: [2],
        operators: [{ code: 18, legacyCode: true, inputs: [0, 1], outputs: [2], optionsType: 21, options: [{ i8: 1 }] }],
      }),
    );
    const g = model.subgraphs[0]!;
    expect(g.tensors.map((t) => [t.name, t.shape, t.buffer])).toEqual([
      ['x', [1, 4], 0],
      ['w', [4], 1],
      ['y', [1, 4], 0],
    ]);
    expect(Array.from(new Float32Array(model.buffers[1]!.slice().buffer))).toEqual([1, 2, 3, 4]);
    expect(g.operators[0]).toMatchObject({ opcode: 18, inputs: [0, 1], outputs: [2], optionsType: 21 });
    expect(g.operators[0]!.options!.i8(0, 0)).toBe(1);
  });

  it('refuses an operator naming a tensor that does not exist', () => {
    const bytes = buildTflite({ tensors: [{ name: 'x', shape: [1] }], inputs: [0], outputs: [0], operators: [{ code: 19, inputs: [0], outputs: [5] }] });
    expect(() => readTfliteModel(bytes)).toThrow(/names tensor 5 of 1/);
  });
});
