import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkUpload, EXTENSIONS, extensionOf, FILE_TYPES, type FileType, normalizeDeclaredType, sniffFileType } from './file-type.ts';

/** Issue #3: appraisal uploads are PDF/JPEG/PNG "type checked by content"; "files that are not what they claim" are refused. */

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);
const PDF = text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d);
const MB = 1024 * 1024;

const SIGNATURE: Record<FileType, Uint8Array> = {
  'application/pdf': text('%PDF-'),
  'image/jpeg': bytes(0xff, 0xd8, 0xff),
  'image/png': bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
};

describe('file type by content (issue #3 appraisals, JPF-ADD-1 receipts, JPF-COND-9)', () => {
  test('known answers: the magic numbers', () => {
    // "%PDF-" = 25 50 44 46 2D; JPEG starts FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A.
    assert.equal(sniffFileType(PDF), 'application/pdf');
    assert.equal(sniffFileType(JPEG), 'image/jpeg');
    assert.equal(sniffFileType(PNG), 'image/png');
    assert.equal(sniffFileType(text('%PDF-')), 'application/pdf', 'the signature alone is enough');
  });

  test('known answers: near misses and other formats are not accepted', () => {
    assert.equal(sniffFileType(text('%PDF')), null, 'four of five bytes');
    assert.equal(sniffFileType(text(' %PDF-1.7')), null, 'a leading space');
    assert.equal(sniffFileType(text('%pdf-1.7')), null, 'lower case');
    assert.equal(sniffFileType(bytes(0xff, 0xd8)), null, 'JPEG SOI without a marker');
    assert.equal(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a)), null, 'seven of eight PNG bytes');
    assert.equal(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0a, 0x0a, 0x1a, 0x0a)), null, 'PNG with CR turned into LF (a text-mode copy)');
    assert.equal(sniffFileType(text('GIF89a')), null, 'GIF');
    assert.equal(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04)), null, 'ZIP (and so DOCX)');
    assert.equal(sniffFileType(text('<html><body>%PDF-</body></html>')), null, 'HTML mentioning a PDF');
    assert.equal(sniffFileType(new Uint8Array()), null, 'nothing');
  });

  test('a PNG renamed .pdf is file_type_mismatch, by its declared type or by its name', () => {
    assert.deepEqual(checkUpload({ content: PNG, declaredType: 'application/pdf' }, MB), {
      ok: false,
      problem: { code: 'file_type_mismatch', sniffed: 'image/png', declared: 'application/pdf', extension: null },
    });
    assert.deepEqual(checkUpload({ content: PNG, declaredType: 'image/png', fileName: 'appraisal.pdf' }, MB), {
      ok: false,
      problem: { code: 'file_type_mismatch', sniffed: 'image/png', declared: 'image/png', extension: '.pdf' },
    });
    assert.equal(checkUpload({ content: PDF, declaredType: 'application/pdf', fileName: 'ring.txt' }, MB).ok, false, 'an unknown extension disagrees too');
  });

  test('a text file declared as a PDF is file_type_unsupported', () => {
    assert.deepEqual(checkUpload({ content: text('This is my appraisal, honest.'), declaredType: 'application/pdf', fileName: 'appraisal.pdf' }, MB), {
      ok: false,
      problem: { code: 'file_type_unsupported', declared: 'application/pdf' },
    });
  });

  test('empty is file_empty; over the limit is file_too_large; exactly the limit is fine', () => {
    assert.deepEqual(checkUpload({ content: new Uint8Array(), declaredType: 'application/pdf' }, MB), { ok: false, problem: { code: 'file_empty' } });
    // 10 MB limit = 10 × 1,048,576 = 10,485,760 bytes; one byte more is too large.
    const limit = 10 * MB;
    assert.deepEqual(checkUpload({ content: PDF, size: limit + 1 }, limit), { ok: false, problem: { code: 'file_too_large', size: 10_485_761, limit } });
    assert.deepEqual(checkUpload({ content: PDF, size: limit }, limit), { ok: true, type: 'application/pdf' });
  });

  test('agreeing claims pass; no claim, octet-stream and old JPEG spellings are not claims against the content', () => {
    assert.deepEqual(checkUpload({ content: PDF, declaredType: 'application/pdf; charset=binary', fileName: 'Appraisal 2026.PDF' }, MB), {
      ok: true,
      type: 'application/pdf',
    });
    assert.deepEqual(checkUpload({ content: JPEG, declaredType: 'image/jpg', fileName: 'ring.jpeg' }, MB), { ok: true, type: 'image/jpeg' });
    assert.deepEqual(checkUpload({ content: JPEG, declaredType: 'image/pjpeg', fileName: 'ring.JPG' }, MB), { ok: true, type: 'image/jpeg' });
    assert.deepEqual(checkUpload({ content: PNG, declaredType: 'application/octet-stream', fileName: 'scan' }, MB), { ok: true, type: 'image/png' });
    assert.deepEqual(checkUpload({ content: PNG }, MB), { ok: true, type: 'image/png' });
  });

  test('declared types and extensions are read case-insensitively, without parameters or folders', () => {
    assert.equal(normalizeDeclaredType(' Image/PNG ; q=1'), 'image/png');
    assert.equal(normalizeDeclaredType(undefined), null);
    assert.equal(extensionOf('C:\\scans\\ring.final.PNG'), '.png');
    assert.equal(extensionOf('folder.d/noextension'), null);
    assert.equal(extensionOf('.hidden'), null);
    assert.equal(extensionOf('trailing.'), null);
  });

  test('property: a signature followed by anything is that type; bytes starting with no signature are refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILE_TYPES), fc.uint8Array({ maxLength: 64 }), (type, tail) => {
        const content = new Uint8Array([...SIGNATURE[type], ...tail]);
        assert.equal(sniffFileType(content), type);
        const extension = EXTENSIONS[type][0];
        assert.deepEqual(checkUpload({ content, declaredType: type, fileName: `item${extension}` }, 1000), { ok: true, type });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (content) => {
        const signed = FILE_TYPES.some((type) => SIGNATURE[type].every((byte, index) => content[index] === byte));
        fc.pre(!signed);
        assert.equal(sniffFileType(content), null);
        assert.equal(checkUpload({ content }, 1000).ok, false);
      }),
    );
  });

  test('property: an accepted file is never empty, never over the limit, and agrees with every claim made', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FILE_TYPES),
        fc.uint8Array({ maxLength: 32 }),
        fc.option(fc.constantFrom(...FILE_TYPES, 'text/plain', 'application/octet-stream'), { nil: undefined }),
        fc.option(fc.constantFrom('a.pdf', 'a.png', 'a.jpg', 'a.txt', 'a'), { nil: undefined }),
        fc.integer({ min: 0, max: 200 }),
        (type, tail, declaredType, fileName, limit) => {
          const content = new Uint8Array([...SIGNATURE[type], ...tail]);
          const result = checkUpload({ content, declaredType, fileName }, limit);
          if (!result.ok) return;
          assert.ok(content.length > 0 && content.length <= limit);
          assert.equal(result.type, type);
          const declared = normalizeDeclaredType(declaredType);
          assert.ok(declared === null || declared === type);
          const extension = extensionOf(fileName);
          assert.ok(extension === null || EXTENSIONS[type].includes(extension));
        },
      ),
    );
  });
});
