import { AppError } from '../../../core/errors.js';
import type { Services } from '../services.js';
import { detectFileType, nameForContent, type FileType } from './file-type.js';

/**
 * One uploaded file, checked and stored by every upload route the same way: at most the
 * configured size (413 FILE_TOO_LARGE), a type recognised by its content (FILE_TYPE_NOT_ALLOWED,
 * with the caller's wording when it has one), a clean name for that type, and the bytes in
 * the blob store under their SHA-256. The caller then records it in its own transaction.
 */
export async function storeUpload(
  s: Pick<Services, 'config' | 'blobs'>,
  rawName: string,
  data: Buffer,
  notAllowed?: string,
): Promise<{ fileType: FileType; filename: string; sha256: string }> {
  if (data.length > s.config.uploadMaxBytes)
    throw new AppError('FILE_TOO_LARGE', `文件超过大小限制（${Math.round(s.config.uploadMaxBytes / 1024 / 1024)} MB）`);
  const fileType = detectFileType(data);
  if (!fileType) throw new AppError('FILE_TYPE_NOT_ALLOWED', notAllowed);
  return { fileType, filename: nameForContent(rawName, fileType), sha256: await s.blobs.put(data) };
}
