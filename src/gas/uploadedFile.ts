// A CSV file chosen in a sidebar: the page sends its BYTES as base64 (reading it as text in the browser would
// guess the encoding wrong for Russian Excel's Windows-1251), the server detects the charset and decodes it
// through Utilities/Blob (developers.google.com/apps-script/reference/utilities/utilities#base64Decode(String),
// …/base/blob#getDataAsString(String)).
import * as z from 'zod';
import { detectCharset, unreadableFileMessage } from '../core/csv/encoding';

/** 10 MB of CSV is ~40,000 answers, far past what one 6-minute execution imports. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const uploadedFileSchema = z.object({
  name: z.string().trim().min(1).max(255),
  base64: z
    .string()
    .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/**
 * The file's text; a file in none of the supported encodings is refused. A byte-order mark stays in the text (Java's
 * decoders keep it) and is dropped by the CSV parser.
 */
export function decodeUploadedCsv(file: UploadedFile): string {
  const bytes = Utilities.base64Decode(file.base64);
  const charset = detectCharset(bytes);
  if (!charset) throw new Error(unreadableFileMessage(file.name, bytes));
  return Utilities.newBlob(bytes).getDataAsString(charset);
}
