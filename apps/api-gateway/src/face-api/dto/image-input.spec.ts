import { errorCodeOf } from '../../../../../libs/contracts/test/error-code-of';
import { decodeImageField } from './image-input';

const pngHeader = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe('decodeImageField', () => {
  it('decodes base64 and data URLs of JPEG and PNG', () => {
    expect(decodeImageField(jpegHeader.toString('base64'), 'image', 1000)).toEqual(jpegHeader);
    expect(decodeImageField(`data:image/png;base64,${pngHeader.toString('base64')}`, 'image', 1000)).toEqual(pngHeader);
  });

  it('refuses malformed base64 with INVALID_BASE64', () => {
    expect(errorCodeOf(() => decodeImageField('not base64!!', 'image', 1000))).toBe('INVALID_BASE64');
    expect(errorCodeOf(() => decodeImageField('   ', 'image', 1000))).toBe('INVALID_BASE64');
    expect(errorCodeOf(() => decodeImageField('abcde', 'image', 1000))).toBe('INVALID_BASE64');
  });

  it('refuses bytes that are not an image with UNSUPPORTED_IMAGE_FORMAT', () => {
    expect(errorCodeOf(() => decodeImageField(Buffer.from('hello, I am text').toString('base64'), 'image', 1000))).toBe(
      'UNSUPPORTED_IMAGE_FORMAT',
    );
  });

  it('refuses an image over the byte limit before decoding it', () => {
    const big = Buffer.concat([jpegHeader, Buffer.alloc(2000)]).toString('base64');
    expect(errorCodeOf(() => decodeImageField(big, 'image', 1000))).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses a format the caller did not allow, naming the ones it did', () => {
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    expect(decodeImageField(webp.toString('base64'), 'image', 1000)).toEqual(webp);
    expect(() => decodeImageField(webp.toString('base64'), 'face', 1000, ['JPEG', 'PNG'])).toThrow('face is not a JPEG or PNG image');
    expect(decodeImageField(pngHeader.toString('base64'), 'face', 1000, ['JPEG', 'PNG'])).toEqual(pngHeader);
  });
});
