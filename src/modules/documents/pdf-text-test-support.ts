/**
 * Reads the text back out of a PDF written by render-pdf.ts (uncompressed, built-in fonts with
 * WinAnsiEncoding), for golden-file tests, without a PDF library. Each text run's position comes
 * from its `Tm`; runs are ordered page by page, top to bottom, left to right, and runs on the same
 * line are joined with " | ". Non-breaking spaces read as plain spaces.
 */
const WIN_ANSI_HIGH: Record<number, string> = {
  128: '€',
  130: '‚',
  131: 'ƒ',
  132: '„',
  133: '…',
  134: '†',
  135: '‡',
  136: 'ˆ',
  137: '‰',
  138: 'Š',
  139: '‹',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  152: '˜',
  153: '™',
  154: 'š',
  155: '›',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};

function decodeHex(hex: string): string {
  let text = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = Number.parseInt(hex.slice(i, i + 2), 16);
    text += WIN_ANSI_HIGH[code] ?? (code === 0xa0 ? ' ' : String.fromCharCode(code));
  }
  return text;
}

type Run = { page: number; x: number; y: number; text: string };

export function extractPdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const runs: Run[] = [];
  const streams = [...source.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((match) => match[1] ?? '');
  let page = 0;
  for (const stream of streams) {
    if (!stream.includes('BT')) continue;
    page += 1;
    for (const block of stream.matchAll(/BT([\s\S]*?)ET/g)) {
      const body = block[1] ?? '';
      const tm = /([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) Tm/.exec(body);
      const text = [...body.matchAll(/\[([^\]]*)\] TJ/g)]
        .map((array) => [...(array[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => decodeHex(hex[1] ?? '')).join(''))
        .join('');
      if (tm && text.trim() !== '') runs.push({ page, x: Number(tm[5]), y: Math.round(Number(tm[6]) * 10) / 10, text: text.trim() });
    }
  }
  runs.sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x);
  const lines: string[] = [];
  let previous: Run | undefined;
  for (const run of runs) {
    if (previous && previous.page === run.page && previous.y === run.y) lines[lines.length - 1] += ` | ${run.text}`;
    else lines.push(run.text);
    previous = run;
  }
  return `${lines.join('\n')}\n`;
}
