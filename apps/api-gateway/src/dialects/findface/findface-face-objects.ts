import type { FindFaceFaceRecord } from '@bio/db';

/** The person that holds a face object's template in each of its galleries. */
export function userIdOf(faceId: number): string {
  return `findface-${faceId}`;
}

export function faceIdOf(userId: string): number | null {
  const match = /^findface-(\d+)$/.exec(userId);
  return match ? Number(match[1]) : null;
}

/** The reference's face object; `thumbnail` is the URL this API serves it at. */
export function faceObject(record: FindFaceFaceRecord, galleries: string[], baseUrl: string) {
  return {
    id: record.id,
    timestamp: record.createdAt.toISOString(),
    photo: record.photo,
    photo_hash: record.photoHash,
    thumbnail: `${baseUrl}/v1/face/id/${record.id}/thumbnail.jpg`,
    x1: record.x1,
    y1: record.y1,
    x2: record.x2,
    y2: record.y2,
    meta: record.meta,
    galleries,
  };
}

export type FaceObject = ReturnType<typeof faceObject>;

/** Where this API is reached, for the thumbnail URLs it hands out. */
export function baseUrlOf(request: { protocol: string; get(name: string): string | undefined }): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}
