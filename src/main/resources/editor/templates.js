// Streamvault editor: the thumbnail templates page (SPEC §10) for the artist role: list the templates,
// upload a new one, change one's image, crop, location and attribution. Talks to /thrimshim/templates,
// /thrimshim/template/NAME.png, /thrimshim/add-template and /thrimshim/update-template/NAME.
'use strict';

(function () {
  const el = (id) => document.getElementById(id);
  const page = { token: null, editing: null, image: null, locationBox: null, objectUrl: null };

  function showMessage(text, kind) {
    el('message').textContent = text;
    el('message').className = 'message ' + (kind || 'error');
    el('message').hidden = !text;
  }

  function setUpSignIn(defaults) {
    if (!defaults.auth_enabled) {
      el('auth-banner').hidden = false;
      el('signin-status').textContent = 'Not signed in (authentication disabled)';
      return;
    }
    el('signin-status').textContent = 'Sign in (artist role) to change templates: ';
    const script = document.createElement('script');
    script.src = 'https://accounts.google.com/gsi/client';
    script.async = true;
    script.onload = () => {
      google.accounts.id.initialize({ client_id: defaults.auth_client_id, callback: (r) => {
        page.token = r.credential;
        el('signin-status').textContent = 'Signed in';
        el('signin-button').hidden = true;
      } });
      google.accounts.id.renderButton(el('signin-button'), { theme: 'outline', size: 'medium' });
    };
    script.onerror = () => { el('signin-status').textContent = 'Google Sign-In could not load: you can look but not change.'; };
    document.head.appendChild(script);
  }

  async function list() {
    const r = await fetch('/thrimshim/templates', { cache: 'no-store' });
    if (!r.ok) { showMessage('Templates could not be listed: ' + (await r.text()).trim()); return; }
    const templates = await r.json();
    const body = el('templates').tBodies[0];
    body.innerHTML = '';
    for (const tpl of templates) {
      const tr = document.createElement('tr');
      tr.dataset.name = tpl.name;
      const img = document.createElement('img');
      img.src = '/thrimshim/template/' + encodeURIComponent(tpl.name) + '.png?' + Date.now();
      img.alt = tpl.name;
      const cells = [img, tpl.name, tpl.description, tpl.attribution, tpl.crop.join(','), tpl.location.join(',')];
      for (const c of cells) {
        const td = document.createElement('td');
        if (typeof c === 'string') td.textContent = c; else td.appendChild(c);
        tr.appendChild(td);
      }
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.textContent = 'Edit';
      edit.className = 'edit-template';
      edit.addEventListener('click', () => open(tpl));
      const td = document.createElement('td');
      td.appendChild(edit);
      tr.appendChild(td);
      body.appendChild(tr);
    }
    if (!templates.length) showMessage('No templates yet: upload the first one.', 'ok');
  }

  function open(tpl) {
    page.editing = tpl ? tpl.name : null;
    page.image = null;
    el('template-editor').hidden = false;
    el('template-editor-title').textContent = tpl ? 'Template ' + tpl.name : 'New template';
    el('template-image-hint').textContent = tpl ? ' (leave empty to keep the current image)' : '';
    el('template-name').value = tpl ? tpl.name : '';
    el('template-description').value = tpl ? tpl.description : '';
    el('template-attribution').value = tpl ? tpl.attribution : '';
    el('template-crop').value = tpl ? tpl.crop.join(',') : '0,0,1920,1080';
    el('template-location').value = tpl ? tpl.location.join(',') : '';
    el('template-image').value = '';
    el('template-preview').src = tpl ? '/thrimshim/template/' + encodeURIComponent(tpl.name) + '.png?' + Date.now() : '';
    page.locationBox.set(tpl ? tpl.location : null);
  }

  function pickImage() {
    const file = el('template-image').files[0];
    if (!file) return;
    file.arrayBuffer().then((buf) => {
      const bytes = new Uint8Array(buf);
      if (bytes.length < 8 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[2] !== 0x4e || bytes[3] !== 0x47) {
        showMessage('That file is not a PNG.');
        return;
      }
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      page.image = btoa(binary);
      if (page.objectUrl) URL.revokeObjectURL(page.objectUrl);
      page.objectUrl = URL.createObjectURL(file);
      const img = el('template-preview');
      img.onload = () => {
        // a new template's frame goes over all of it until the artist places it
        if (!parseBox(el('template-location').value)) el('template-location').value = [0, 0, img.naturalWidth, img.naturalHeight].join(',');
        page.locationBox.set(parseBox(el('template-location').value));
      };
      img.src = page.objectUrl;
    });
  }

  async function save() {
    const crop = parseBox(el('template-crop').value), location = parseBox(el('template-location').value);
    if (!crop || !location) { showMessage('Crop and location must each be four integers: left, top, right, bottom.'); return; }
    const body = { name: el('template-name').value.trim(), description: el('template-description').value,
      attribution: el('template-attribution').value, crop: crop, location: location };
    if (page.image) body.image = page.image;
    else if (!page.editing) { showMessage('Choose the template image (a PNG).'); return; }
    if (page.token) body.token = page.token;
    const path = page.editing ? '/thrimshim/update-template/' + encodeURIComponent(page.editing) : '/thrimshim/add-template';
    const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) { showMessage('Not saved: ' + (await r.text()).trim()); return; }
    showMessage('Template ' + body.name + ' saved.', 'ok');
    el('template-editor').hidden = true;
    list();
  }

  document.addEventListener('DOMContentLoaded', async () => {
    page.locationBox = new BoxEditor(el('template-preview'), el('template-location-box'), (v) => {
      el('template-location').value = v.join(',');
    });
    el('template-location').addEventListener('change', () => page.locationBox.set(parseBox(el('template-location').value)));
    el('template-image').addEventListener('change', pickImage);
    el('new-template').addEventListener('click', () => open(null));
    el('template-save').addEventListener('click', save);
    el('template-cancel').addEventListener('click', () => { el('template-editor').hidden = true; });
    try {
      const r = await fetch('/thrimshim/defaults', { cache: 'no-store' });
      setUpSignIn(await r.json());
    } catch (e) {
      showMessage('The editor API did not answer: ' + e.message);
    }
    list();
  });
})();
