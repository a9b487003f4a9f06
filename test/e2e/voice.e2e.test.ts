import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Test } from 'supertest';
import { decodeSpeech, SPEECH_SAMPLE_RATE } from '@bio/audio';
import { concatFloat32 } from '@bio/inference';
import { writeWav } from '../../libs/audio/test/support/wav-writer';
import { newClient, startStack, type Stack } from './support/stack';
import { DATA_DIR, deepface } from './support/images';

jest.setTimeout(240_000);

const LIBRISPEECH = resolve(DATA_DIR, 'voice/librispeech-train-clean-100');
const FSDD = resolve(DATA_DIR, 'voice/fsdd');
const limits = { maxSeconds: 60 };

const librispeech = (utterance: string) => readFileSync(resolve(LIBRISPEECH, `${utterance}.ogg`));
const fsdd = (speaker: string, n: number, digit = n % 10) => readFileSync(resolve(FSDD, `${digit}_${speaker}_${n}.wav`));
const wav16k = (samples: Float32Array) => Buffer.from(writeWav({ encoding: 's16', sampleRate: SPEECH_SAMPLE_RATE, channels: [samples] }));

/** The two halves of one recorded utterance, as 16-bit WAV: the same speaker, the same session. */
async function halves(utterance: string): Promise<[Buffer, Buffer]> {
  const samples = await decodeSpeech(librispeech(utterance), limits);
  const middle = Math.floor(samples.length / 2);
  return [wav16k(samples.subarray(0, middle)), wav16k(samples.subarray(middle))];
}

describe('voice through seed 001 end to end (real Postgres, Redis, BullMQ voice worker, VAD and speaker model)', () => {
  let stack: Stack;
  let token: string;
  const bearer = () => ({ Authorization: `Bearer ${token}` });
  const post = (path: string) => stack.http().post(path).set(bearer()).field('client_declaration_enduser_consent', 'true');
  const counters = async () =>
    (await stack.http().get('/face-api/client/get-counters').set('Accesstoken', token).expect(200)).body.remaining_limit as Record<string, number>;

  beforeAll(async () => {
    stack = await startStack();
    ({ token } = await newClient(stack, 'voice-client'));
  });
  afterAll(async () => stack?.close());

  it('compares two recordings: the same speaker scores higher than two different speakers', async () => {
    const [first, second] = await halves('103-1240-0000');
    const same = (await post('/voice/compare').attach('audio_file1', first, 'a.wav').attach('audio_file2', second, 'b.wav').expect(200)).body;
    expect(Object.keys(same).sort()).toEqual(['default_thresholds', 'similarity', 'time_taken']);
    expect(same.similarity).toBeGreaterThanOrEqual(same.default_thresholds.similarity);
    // An Ogg Vorbis file as it is, against another speaker's WAV.
    const other = (await post('/voice/compare').attach('audio_file1', librispeech('1040-133433-0000'), 'c.ogg').attach('audio_file2', second, 'b.wav').expect(200))
      .body;
    expect(other.similarity).toBeLessThan(same.similarity);
    expect(other.time_taken).toBeGreaterThan(0);
  });

  it('enrols a voice from several short clips joined, verifies the speaker and refuses another, then deletes the voice', async () => {
    const before = await counters();
    // Four ~0.5 s digits of one FSDD speaker: too short alone, enough together.
    const enrol = post('/voice/enrollment/users');
    for (const n of [0, 1, 2, 3]) enrol.attach('audio_file', fsdd('jackson', n), `clip${n}.wav`);
    const enrolled = (await enrol.expect(200)).body;
    expect(enrolled.user_token).toMatch(/^[1-9]\d{14}$/);
    expect(enrolled.speech_seconds).toBeGreaterThanOrEqual(stack.env.MIN_SPEECH_SECONDS);
    expect((await counters()).n_face).toBe(before.n_face - 1);

    const probe = (speaker: string) => joinedWav(speaker, [10, 11, 12, 13]);
    const genuine = (await post('/voice/verify').field('user_token', enrolled.user_token).attach('audio_file', await probe('jackson'), 'p.wav').expect(200)).body;
    const impostor = (await post('/voice/verify').field('user_token', enrolled.user_token).attach('audio_file', await probe('theo'), 'q.wav').expect(200)).body;
    expect(Object.keys(genuine).sort()).toEqual(['default_thresholds', 'similarity', 'time_taken', 'verified']);
    expect(genuine.similarity).toBeGreaterThan(impostor.similarity);
    expect(impostor.verified).toBe(false);

    await stack.http().delete(`/voice/enrollment/users/${enrolled.user_token}`).set(bearer()).expect(200);
    expect((await stack.http().delete(`/voice/enrollment/users/${enrolled.user_token}`).set(bearer()).expect(404)).body.code).toBe('user_not_found');
    const gone = await post('/voice/verify').field('user_token', enrolled.user_token).attach('audio_file', await probe('jackson'), 'p.wav').expect(404);
    expect(gone.body.code).toBe('user_not_found');
    expect((await counters()).n_face).toBe(before.n_face);
  });

  it('adds a voice to a user enrolled by face, and deleting the voice keeps the face', async () => {
    const face = await post('/enrollment/users').attach('image_file', deepface('img1.jpg'), 'face.jpg').expect(200);
    const userToken = face.body.user_token as string;
    const [first, second] = await halves('1069-133699-0000');
    await post('/voice/enrollment/users').field('user_token', userToken).attach('audio_file', first, 'a.wav').expect(200);
    const verified = (await post('/voice/verify').field('user_token', userToken).attach('audio_file', second, 'b.wav').expect(200)).body;
    expect(verified.verified).toBe(true);
    await stack.http().delete(`/voice/enrollment/users/${userToken}`).set(bearer()).expect(200);
    const stillFace = await post('/face/compare').field('user_token', userToken).attach('image_file', deepface('img2.jpg'), 'probe.jpg');
    if (stillFace.status !== 200) throw new Error(JSON.stringify(stillFace.body));
    expect(stillFace.body.similarity).toBeGreaterThanOrEqual(stillFace.body.default_thresholds.similarity);
    const unknown = await post('/voice/enrollment/users').field('user_token', '123456789012345').attach('audio_file', first, 'a.wav').expect(404);
    expect(unknown.body.code).toBe('user_not_found');
  });

  it('refuses too little speech, bad files and bad requests with their codes, and writes nothing', async () => {
    const before = await counters();
    const ogg = librispeech('103-1240-0000');
    const silence = wav16k(new Float32Array(SPEECH_SAMPLE_RATE * 3));
    const cases: Array<[Test, number, string]> = [
      [post('/voice/compare').attach('audio_file1', fsdd('jackson', 0), 'a.wav').attach('audio_file2', ogg, 'b.ogg'), 422, 'not_enough_speech'],
      [post('/voice/enrollment/users').attach('audio_file', silence, 'silence.wav'), 422, 'not_enough_speech'],
      [post('/voice/compare').attach('audio_file1', Buffer.from('just text, not audio'), 'a.txt').attach('audio_file2', ogg, 'b.ogg'), 415, 'audio_unsupported_format'],
      [post('/voice/compare').attach('audio_file1', ogg.subarray(0, Math.floor(ogg.length / 2)), 'cut.ogg').attach('audio_file2', ogg, 'b.ogg'), 400, 'audio_decode_failed'],
      [post('/voice/compare').attach('audio_file1', ogg, 'a.ogg'), 400, 'validation_failed'],
      [stack.http().post('/voice/compare').set(bearer()).attach('audio_file1', ogg, 'a.ogg').attach('audio_file2', ogg, 'b.ogg'), 400, 'consent_required'],
      [stack.http().post('/voice/compare').set(bearer()).send({ audio_file1: 'x' }), 415, 'unsupported_media_type'],
      [post('/voice/verify').attach('audio_file', ogg, 'a.ogg'), 400, 'validation_failed'],
      [post('/voice/verify').field('user_token', '123456789012345').attach('audio_file', ogg, 'a.ogg'), 404, 'user_not_found'],
    ];
    for (const [req, status, code] of cases) {
      const res = await req;
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
    expect(await counters()).toEqual(before);
  });
});

/** Several FSDD clips of one speaker decoded and joined into one 16 kHz WAV. */
async function joinedWav(speaker: string, numbers: number[]): Promise<Buffer> {
  return wav16k(concatFloat32(await Promise.all(numbers.map((n) => decodeSpeech(fsdd(speaker, n), limits)))));
}
