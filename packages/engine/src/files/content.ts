/** The kinds of file the engine keeps: photos of the spot and scanned documents, recognised by their first bytes. */
export const FILE_TYPES = [
  { type: 'image/jpeg', extension: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
  { type: 'image/png', extension: 'png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  { type: 'image/webp', extension: 'webp', magic: [[0x52, 0x49, 0x46, 0x46]] },
  { type: 'application/pdf', extension: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
] as const;

export type FileType = (typeof FILE_TYPES)[number]['type'];

/** The largest file kept: a phone photo or a scanned page fits. */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Whether `content` starts as files of `type` do (a WebP also names itself at byte 8). */
export function contentMatches(type: FileType, content: Uint8Array): boolean {
  const known = FILE_TYPES.find((f) => f.type === type);
  if (!known) return false;
  const starts = known.magic.some((magic) => magic.every((byte, i) => content[i] === byte));
  if (type !== 'image/webp') return starts;
  return starts && String.fromCharCode(...content.subarray(8, 12)) === 'WEBP';
}

export function isFileType(type: string): type is FileType {
  return FILE_TYPES.some((f) => f.type === type);
}
