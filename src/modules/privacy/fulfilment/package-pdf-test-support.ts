import { createDecipheriv, createHash } from 'node:crypto';

/**
 * Opens an access package PDF the way a PDF reader does (ISO 32000-1 extension level 3, AESV3, revision 5),
 * to read back the embedded JSON in tests: the key that opens the file's key comes from the password and the
 * user key salt; every stream is AES-256-CBC with its IV in front.
 */
export function readEmbeddedJson(pdf: Buffer, password: string): unknown {
  const text = pdf.toString('latin1');
  const u = hexEntry(text, 'U');
  const ue = hexEntry(text, 'UE');
  const passwordBytes = Buffer.from(password, 'utf8').subarray(0, 127);
  // Algorithm 2.A: the password is right when SHA-256(password ‖ validation salt) is the first 32 bytes of U.
  const check = createHash('sha256')
    .update(Buffer.concat([passwordBytes, u.subarray(32, 40)]))
    .digest();
  if (!check.equals(u.subarray(0, 32))) throw new Error('wrong password');
  const intermediate = createHash('sha256')
    .update(Buffer.concat([passwordBytes, u.subarray(40, 48)]))
    .digest();
  const unwrap = createDecipheriv('aes-256-cbc', intermediate, Buffer.alloc(16));
  unwrap.setAutoPadding(false);
  const fileKey = Buffer.concat([unwrap.update(ue), unwrap.final()]);
  const marker = text.indexOf('/Type /EmbeddedFile');
  if (marker < 0) throw new Error('no embedded file');
  const dictStart = text.lastIndexOf('obj', marker);
  const lengthMatch = /\/Length (\d+)/.exec(text.slice(dictStart, text.indexOf('stream', marker)));
  if (!lengthMatch?.[1]) throw new Error('no stream length');
  const start = text.indexOf('stream\n', marker) + 'stream\n'.length;
  const bytes = pdf.subarray(start, start + Number(lengthMatch[1]));
  const decipher = createDecipheriv('aes-256-cbc', fileKey, bytes.subarray(0, 16));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8'));
}

function hexEntry(text: string, name: string): Buffer {
  const match = new RegExp(`/${name} <([0-9a-fA-F]+)>`).exec(text);
  if (!match?.[1]) throw new Error(`no /${name} entry`);
  return Buffer.from(match[1], 'hex');
}
