import { Injectable } from '@nestjs/common';
import type { FaceAnalysis } from '@bio/contracts';
import { MeteredCallService, type MeteredCall } from '../calls/metered-call.service';

export type NativeCall = MeteredCall;

/** Every native face answer reports whether the face wears a mask. */
export const NATIVE_ANALYSES: FaceAnalysis[] = ['mask'];

export type NativeBody = Record<string, unknown> & { status_message?: string };

/** A metered call answered in the native envelope: `status` "200" and `status_message` before the endpoint's fields. */
@Injectable()
export class NativeCallService {
  constructor(private readonly calls: MeteredCallService) {}

  run(call: NativeCall, work: () => Promise<NativeBody>): Promise<NativeBody> {
    return this.calls.run(call, async (): Promise<NativeBody> => ({ status: '200', status_message: 'Success', ...(await work()) }));
  }
}
