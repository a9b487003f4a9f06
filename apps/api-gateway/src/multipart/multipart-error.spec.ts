import { AppError } from '@bio/contracts';
import { MulterError } from 'multer';
import { multipartError } from './multipart-error';

describe('multipartError', () => {
  it('maps multer limits to their own codes', () => {
    expect(multipartError(new MulterError('LIMIT_FILE_SIZE', 'image_file')).code).toBe('IMAGE_TOO_LARGE');
    expect(multipartError(new MulterError('LIMIT_FILE_SIZE', 'audio_file1'), 'audio').code).toBe('AUDIO_TOO_LARGE');
    expect(multipartError(new MulterError('LIMIT_FIELD_VALUE', 'user_token')).code).toBe('FIELD_TOO_LONG');
    const unexpected = multipartError(new MulterError('LIMIT_UNEXPECTED_FILE', 'photo'));
    expect(unexpected.code).toBe('VALIDATION_FAILED');
    expect(unexpected.message).toContain('photo');
  });

  it('turns a parser failure into a 400 and keeps an AppError', () => {
    expect(multipartError(new Error('Unexpected end of form')).status).toBe(400);
    const own = new AppError('UNSUPPORTED_MEDIA_TYPE');
    expect(multipartError(own)).toBe(own);
  });
});
