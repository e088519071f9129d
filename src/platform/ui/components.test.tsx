import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { assetUrl, registerAssets } from './assets.ts';
import { CheckboxGroup, ErrorSummary, Field, Form, Table } from './components.tsx';
import { errorPageText } from './pages/error-page.tsx';
import { renderFragment } from './render.ts';

describe('Form', () => {
  it('posts with the CSRF field, and adds hx-post only when asked', () => {
    const plain = renderFragment(
      <Form action="/login" csrfToken="T">
        <p>x</p>
      </Form>,
    );
    assert.match(plain, /^<form method="post" action="\/login" novalidate><input type="hidden" name="_csrf" value="T"\/>/);
    const enhanced = renderFragment(
      <Form action="/login" csrfToken="T" hxPost hxTarget="#main">
        <p>x</p>
      </Form>,
    );
    assert.match(enhanced, /hx-post="\/login" hx-target="#main"/);
  });
});

describe('Field', () => {
  it('binds label, hint and error to the input', () => {
    const html = renderFragment(<Field locale="nl" name="email" label="E-mailadres" type="email" autocomplete="email" hint="Hint" error="Fout hier" />);
    assert.match(html, /<label class="field__label" for="field-email">E-mailadres<\/label>/);
    assert.match(html, /<p class="field__error" id="field-email-error"><span class="visually-hidden">Fout: <\/span>Fout hier<\/p>/);
    assert.match(
      html,
      /<input id="field-email" [^>]*autocomplete="email" aria-describedby="field-email-hint field-email-error" aria-invalid="true" type="email"/,
    );
  });

  it('has no aria-describedby or aria-invalid when there is nothing to describe', () => {
    const html = renderFragment(<Field locale="en" name="name" label="Name" />);
    assert.doesNotMatch(html, /aria-describedby|aria-invalid/);
  });

  it('never echoes a password back into the page', () => {
    const html = renderFragment(<Field locale="en" name="password" label="Password" type="password" value="hunter2" />);
    assert.doesNotMatch(html, /hunter2/);
  });
});

describe('CheckboxGroup', () => {
  it('gives the first box the field id, so the error summary link lands on it', () => {
    const html = renderFragment(
      <CheckboxGroup
        locale="en"
        name="roles"
        legend="Roles"
        selected={['b']}
        options={[
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ]}
      />,
    );
    assert.match(html, /<legend class="field__label">Roles<\/legend>/);
    assert.match(html, /id="field-roles" name="roles" value="a"\/>/);
    assert.match(html, /id="field-roles-1" name="roles" value="b" checked\/>/);
  });
});

describe('ErrorSummary', () => {
  it('links each problem to its field and renders nothing without problems', () => {
    const html = renderFragment(<ErrorSummary locale="en" errors={[{ field: 'email', message: 'Enter your email address.' }]} />);
    assert.match(html, /role="alert"/);
    assert.match(html, /tabindex="-1" autofocus>There is a problem<\/h2>/);
    assert.match(html, /<a href="#field-email">Enter your email address.<\/a>/);
    assert.equal(renderFragment(<ErrorSummary locale="en" errors={[]} />), '');
  });
});

describe('Table', () => {
  it('has a caption, column headers and row headers, or the empty text', () => {
    const columns = [
      { header: 'Name', cell: (row: { name: string }) => row.name, rowHeader: true },
      { header: 'Count', cell: () => '3', numeric: true },
    ];
    const html = renderFragment(<Table caption="Users" columns={columns} rows={[{ name: 'Ada' }]} rowKey={(row) => row.name} empty="None" />);
    assert.match(html, /<caption>Users<\/caption>/);
    assert.match(html, /<th scope="col">Name<\/th><th scope="col" class="numeric">Count<\/th>/);
    assert.match(html, /<th scope="row">Ada<\/th><td class="numeric">3<\/td>/);
    assert.equal(renderFragment(<Table caption="Users" columns={columns} rows={[]} rowKey={(row) => row.name} empty="None" />), '<p class="empty">None</p>');
  });
});

describe('errorPageText', () => {
  it('explains the common failures in the user language', () => {
    assert.equal(errorPageText('nl', 404, 'not_found', 'Niet gevonden.').title, 'Pagina niet gevonden');
    assert.equal(errorPageText('en', 403, 'csrf_invalid', 'x').title, 'This form has expired');
    assert.equal(errorPageText('en', 500, 'internal', 'detail').title, 'Something went wrong');
    assert.deepEqual(errorPageText('en', 429, 'rate_limited', 'Wait 3 seconds.'), { title: 'Too many attempts', message: 'Wait 3 seconds.' });
  });
});

describe('registerAssets', () => {
  it('serves the stylesheet and htmx with the right type, cache headers and ETag', async () => {
    const app = Fastify();
    await registerAssets(app);
    const css = await app.inject({ url: assetUrl('bezel.css') });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.match(String(css.headers['cache-control']), /max-age=31536000, immutable/);
    assert.match(css.body, /--text:/);

    const js = await app.inject({ url: '/assets/htmx.min.js' });
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    // Without the current digest in the URL the browser must revalidate, or it could keep an old file.
    assert.equal(js.headers['cache-control'], 'public, no-cache');
    const again = await app.inject({ url: '/assets/htmx.min.js', headers: { 'if-none-match': String(js.headers.etag) } });
    assert.equal(again.statusCode, 304);
    await app.close();
  });
});
