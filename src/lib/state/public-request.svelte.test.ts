import { describe, expect, it } from 'vitest';
import { PublicRequestForm } from './public-request.svelte';

function filled(): PublicRequestForm {
  const form = new PublicRequestForm('acme-hvac');
  form.name = 'Maria Chen';
  form.phone = '415 555 0123';
  form.address = '1200 Valencia St';
  form.problem = 'No heat since this morning, furnace clicks';
  return form;
}

const reply = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('PublicRequestForm', () => {
  it('does not send an invalid form and names each bad field', async () => {
    const form = new PublicRequestForm('acme-hvac');
    let sent = false;
    await form.submit(async () => {
      sent = true;
      return new Response('{}');
    });
    expect(sent).toBe(false);
    expect(Object.keys(form.fields).sort()).toEqual(['address', 'name', 'phone', 'problem']);
  });

  it('posts to the organisation\u2019s endpoint and shows the job number', async () => {
    const form = filled();
    let url = '';
    await form.submit(async (input, init) => {
      url = String(input);
      expect(JSON.parse(String(init?.body))).toMatchObject({ name: 'Maria Chen', preferredTime: 'anytime' });
      return new Response(JSON.stringify({ jobNumber: 'J-WEB1-0007' }), { status: 201 });
    });
    expect(url).toBe('/api/public/requests/acme-hvac');
    expect(form.phase).toBe('sent');
    expect(form.jobNumber).toBe('J-WEB1-0007');
  });

  it('shows the server\u2019s field errors and its rate-limit message', async () => {
    const form = filled();
    await form.submit(reply(400, { error: { code: 'invalid', message: 'Some fields need attention.', fields: { address: 'We do not serve this area' } } }));
    expect(form.fields).toEqual({ address: 'We do not serve this area' });
    expect(form.phase).toBe('editing');
    await form.submit(reply(429, { error: { code: 'rate_limited', message: 'Too many requests.' } }));
    expect(form.formError).toMatch(/Too many requests\. Please wait/);
  });

  it('keeps the form filled when the network is down', async () => {
    const form = filled();
    await form.submit(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(form.formError).toMatch(/check your internet connection/);
    expect(form.name).toBe('Maria Chen');
  });

  it('takes the organisation\u2019s real name from the server, and keeps none on a 404 or when offline', async () => {
    const form = new PublicRequestForm('rossi-sons');
    let asked = '';
    await form.loadOrgInfo(async (input) => {
      asked = String(input);
      return new Response(JSON.stringify({ org: 'rossi-sons', name: 'Rossi & Sons Heating' }), { status: 200 });
    });
    expect(asked).toBe('/api/public/orgs/rossi-sons');
    expect(form.orgName).toBe('Rossi & Sons Heating');

    const unknown = new PublicRequestForm('nobody');
    await unknown.loadOrgInfo(reply(404, { error: { code: 'not_found', message: 'no such organisation' } }));
    expect(unknown.orgName).toBeNull();
    const offline = new PublicRequestForm('rossi-sons');
    await offline.loadOrgInfo(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(offline.orgName).toBeNull();
    const other = new PublicRequestForm('rossi-sons');
    await other.loadOrgInfo(reply(200, { org: 'someone-else', name: 'Someone Else' }));
    expect(other.orgName).toBeNull();
  });

  it('clears a field\u2019s "required" error as soon as a valid value is typed, and keeps the others', async () => {
    const form = new PublicRequestForm('acme-hvac');
    await form.submit(async () => new Response('{}'));
    expect(Object.keys(form.fields)).toContain('name');
    form.name = 'M';
    form.fieldChanged('name');
    form.name = 'Maria Chen';
    form.fieldChanged('name');
    expect(form.fields.name).toBeUndefined();
    expect(Object.keys(form.fields).sort()).toEqual(['address', 'phone', 'problem']);
    form.fieldChanged('website');
    expect(Object.keys(form.fields).sort()).toEqual(['address', 'phone', 'problem']);
  });
});
