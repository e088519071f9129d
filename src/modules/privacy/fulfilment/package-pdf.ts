import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { type AccessPackage, readableSections } from './domain/package-content.ts';

/**
 * PRV-RIGHT-1: the access package as one encrypted file (decision 0012): a PDF encrypted with AES-256
 * (PDF 1.7 extension level 3, readable by every common PDF reader after entering the password) with the
 * readable view on its pages and the machine-readable JSON attached as an embedded file (PRV-RIGHT-8).
 */
export const PACKAGE_JSON_NAME = 'bezel-access-package.json';

export function renderPackagePdf(content: AccessPackage, password: string, title: string): Promise<Buffer> {
  const date = new Date(content.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: false,
    pdfVersion: '1.7ext3',
    userPassword: password,
    // The person may print and copy their own data; nobody may change the document.
    permissions: { printing: 'highResolution', copying: true, modifying: false, annotating: false },
    info: { Title: title, Creator: 'Bezel', Producer: 'Bezel', CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.file(Buffer.from(JSON.stringify(content, null, 2), 'utf8'), {
    name: PACKAGE_JSON_NAME,
    type: 'application/json',
    description: 'Machine-readable access package',
    creationDate: date,
    modifiedDate: date,
  });
  doc.font('Helvetica-Bold').fontSize(16).text(title);
  doc.font('Helvetica').fontSize(9).text(`${content.format} · ${content.generatedAt} · ${content.subject.userId}`);
  for (const section of readableSections(content)) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(section.title);
    doc.font('Helvetica').fontSize(8);
    for (const line of section.lines) doc.moveDown(0.2).text(line);
  }
  doc.end();
  return done;
}

const WORDS_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A password to read and to type: 5 groups of 5 characters without look-alikes (about 123 bits). */
export function newPackagePassword(): string {
  const groups: string[] = [];
  for (let group = 0; group < 5; group += 1) {
    let text = '';
    for (let index = 0; index < 5; index += 1) text += WORDS_ALPHABET[randomInt(WORDS_ALPHABET.length)];
    groups.push(text);
  }
  return groups.join('-');
}

function sealKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'bezel', 'access-package-password', 32));
}

/** The password waits for the person sealed with AES-256-GCM under a key derived from the application secret. */
export function sealPassword(appSecret: string, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(appSecret), iv);
  const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

export function unsealPassword(appSecret: string, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('sealed password is malformed');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(appSecret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
