// Streamvault editor: the thumbnail section (SPEC §10) and the waveform under the player.
//
// A form section of the page (Editor.addSection in editor.js): its markup goes into #sections,
// fill(row) loads it when a row is shown and contribute(body) adds thumbnail_mode and the other
// thumbnail fields to every save. Loaded after editor.js, player.js and ranges.js: it uses the
// player's playheadWall() and player.fragments and the ranges' ranges.list.
'use strict';

(function () {
  const el = (id) => document.getElementById(id);
  const t = { row: null, templates: [], mode: 'NONE', time: null, timeChosen: false, template: null, crop: null,
    location: null, image: null };
  let cropBox = null, locationBox = null, previewTimer = null;

  function iso(ms) { return new Date(ms).toISOString(); }
  function validTime(ms) { return ms != null && !isNaN(ms); }
  function stream() {
    return encodeURIComponent(t.row.video_channel) + '/' + encodeURIComponent(t.row.video_quality || 'source');
  }

  function fields() {
    const f = { thumbnail_mode: t.mode };
    if (validTime(t.time)) f.thumbnail_time = iso(t.time);
    if (t.template) f.thumbnail_template = t.template;
    if (t.crop) f.thumbnail_crop = t.crop;
    if (t.location) f.thumbnail_location = t.location;
    if (t.mode === 'CUSTOM' && t.image) f.thumbnail_image = t.image;
    return f;
  }

  // the middle of the first range as it is now in the page, else the API's default (the middle of the event)
  function defaultTime() {
    const first = ranges.list[0];
    const s = first && parseTime(first.start), e = first && parseTime(first.end);
    if (validTime(s) && validTime(e) && e > s) return s + (e - s) / 2;
    return parseTime(t.row.thumbnail_time);
  }

  // a row shown: published or not, the thumbnail may change (editor.js PUBLISHED_STATES)
  function fill(row) {
    t.row = row;
    t.mode = row.thumbnail_mode || 'NONE';
    t.timeChosen = t.mode === 'BARE' || t.mode === 'TEMPLATE';
    t.time = t.timeChosen && row.thumbnail_time ? parseTime(row.thumbnail_time) : defaultTime();
    t.template = row.thumbnail_template || null;
    t.crop = row.thumbnail_crop || null;
    t.location = row.thumbnail_location || null;
    t.image = row.thumbnail_mode === 'CUSTOM' ? row.thumbnail_image : null;
    el('thumbnail-section').hidden = false;
    el('thumbnail-mode').value = t.mode;
    loadTemplates();
    show();
  }

  function contribute(body) {
    Object.assign(body, fields());
  }

  async function loadTemplates() {
    try {
      const r = await fetch('/thrimshim/templates', { cache: 'no-store' });
      t.templates = r.ok ? await r.json() : [];
    } catch (e) {
      t.templates = [];
    }
    const list = el('thumbnail-templates');
    list.innerHTML = '';
    for (const tpl of t.templates) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'template-choice';
      b.dataset.name = tpl.name;
      b.title = tpl.description || tpl.name;
      const img = document.createElement('img');
      img.src = '/thrimshim/template/' + encodeURIComponent(tpl.name) + '.png';
      img.alt = tpl.name;
      const name = document.createElement('span');
      name.textContent = tpl.name;
      b.append(img, name);
      b.addEventListener('click', () => pickTemplate(tpl));
      list.appendChild(b);
    }
    if (!t.templates.length) list.textContent = 'No templates yet: an artist adds them on the templates page.';
    show();
  }

  function pickTemplate(tpl) {
    t.template = tpl.name;
    t.crop = tpl.crop.slice();
    t.location = tpl.location.slice();
    show();
  }

  // ---- what the section shows for the current choice
  function show() {
    if (!t.row) return;
    const usesFrame = t.mode === 'BARE' || t.mode === 'TEMPLATE';
    el('thumbnail-time-box').hidden = !usesFrame;
    el('thumbnail-template-box').hidden = t.mode !== 'TEMPLATE';
    el('thumbnail-custom-box').hidden = t.mode !== 'CUSTOM';
    el('thumbnail-frame-view').hidden = t.mode !== 'TEMPLATE';
    el('thumbnail-template-view').hidden = t.mode !== 'TEMPLATE' || !t.template;
    el('thumbnail-time').value = validTime(t.time) ? iso(t.time) : '';
    el('thumbnail-crop').value = t.crop ? t.crop.join(',') : '';
    el('thumbnail-location').value = t.location ? t.location.join(',') : '';
    for (const b of document.querySelectorAll('.template-choice')) {
      b.classList.toggle('selected', b.dataset.name === t.template);
    }
    if (t.mode === 'TEMPLATE' && t.time != null) {
      const frame = '/frame/' + stream() + '.png?timestamp=' + encodeURIComponent(iso(t.time));
      if (el('thumbnail-frame').getAttribute('src') !== frame) el('thumbnail-frame').src = frame;
      cropBox.set(t.crop);
    }
    if (t.mode === 'TEMPLATE' && t.template) {
      const tpl = '/thrimshim/template/' + encodeURIComponent(t.template) + '.png';
      if (el('thumbnail-template').getAttribute('src') !== tpl) el('thumbnail-template').src = tpl;
      locationBox.set(t.location);
    }
    schedulePreview();
  }

  function previewUrl() {
    if (t.mode === 'CUSTOM') return t.image ? 'data:image/png;base64,' + t.image : null;
    if (!validTime(t.time)) return null;
    const at = encodeURIComponent(iso(t.time));
    if (t.mode === 'BARE') return '/frame/' + stream() + '.png?timestamp=' + at;
    if (t.mode !== 'TEMPLATE' || !t.template) return null;
    return '/thumbnail/' + stream() + '.png?timestamp=' + at + '&template=' + encodeURIComponent(t.template)
      + (t.crop ? '&crop=' + t.crop.join(',') : '') + (t.location ? '&location=' + t.location.join(',') : '');
  }

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      const url = previewUrl();
      const img = el('thumbnail-preview');
      img.hidden = !url;
      el('thumbnail-preview-note').textContent = url ? 'Preview: the thumbnail as it will be set'
        : (t.mode === 'NONE' ? 'No thumbnail will be set.' : 'Choose ' + (t.mode === 'CUSTOM' ? 'an image' : 'a template and a time') + ' to see the thumbnail.');
      if (url && img.getAttribute('src') !== url) img.src = url;
    }, 250);
  }

  // ---- the controls
  function build() {
    const section = document.createElement('section');
    section.id = 'thumbnail-section';
    section.className = 'thumbnail-section';
    section.hidden = true;
    el('sections').appendChild(section);
    section.innerHTML = '<h3>Thumbnail</h3>'
      + '<div class="thumbnail-controls">'
      + '<div><label for="thumbnail-mode">Mode</label><select id="thumbnail-mode">'
      + '<option value="NONE">None (YouTube picks one)</option><option value="BARE">The frame</option>'
      + '<option value="TEMPLATE">The frame in a template</option><option value="CUSTOM">An uploaded image</option></select></div>'
      + '<div id="thumbnail-time-box"><label for="thumbnail-time">Frame time (UTC)</label>'
      + '<div class="thumbnail-time-row"><input id="thumbnail-time" spellcheck="false" size="26">'
      + '<button type="button" id="thumbnail-use-playhead">Use the playhead</button></div></div>'
      + '<div id="thumbnail-custom-box"><label for="thumbnail-upload">Image (PNG)</label><input type="file" id="thumbnail-upload" accept="image/png"></div>'
      + '</div>'
      + '<div id="thumbnail-template-box"><label>Template</label><div id="thumbnail-templates" class="thumbnail-templates"></div>'
      + '<label for="thumbnail-crop">Crop of the frame (left, top, right, bottom)</label><input id="thumbnail-crop" spellcheck="false">'
      + '<label for="thumbnail-location">Where it goes in the template</label><input id="thumbnail-location" spellcheck="false"></div>'
      + '<div class="thumbnail-views">'
      + '<figure id="thumbnail-frame-view"><div class="box-view"><img id="thumbnail-frame" alt="the frame">'
      + '<div class="box" id="thumbnail-crop-box" hidden><span class="handle"></span></div></div><figcaption>The frame: drag the box to crop it</figcaption></figure>'
      + '<figure id="thumbnail-template-view"><div class="box-view"><img id="thumbnail-template" alt="the template">'
      + '<div class="box" id="thumbnail-location-box" hidden><span class="handle"></span></div></div><figcaption>The template: drag the box to place the frame</figcaption></figure>'
      + '<figure><img id="thumbnail-preview" alt="thumbnail preview" hidden><figcaption id="thumbnail-preview-note"></figcaption></figure>'
      + '</div>';
    cropBox = new BoxEditor(el('thumbnail-frame'), el('thumbnail-crop-box'), (v) => { t.crop = v; show(); });
    locationBox = new BoxEditor(el('thumbnail-template'), el('thumbnail-location-box'), (v) => { t.location = v; show(); });
    el('thumbnail-frame').addEventListener('load', () => {
      const img = el('thumbnail-frame');
      if (!t.crop) { t.crop = [0, 0, img.naturalWidth, img.naturalHeight]; show(); }
    });
    el('thumbnail-mode').addEventListener('change', () => {
      t.mode = el('thumbnail-mode').value;
      if (!t.timeChosen) t.time = defaultTime();
      show();
    });
    el('thumbnail-time').addEventListener('change', () => {
      const ms = parseTime(el('thumbnail-time').value);
      const ok = validTime(ms);
      el('thumbnail-time').classList.toggle('invalid', !ok); // left as typed, to be corrected
      if (ok) { t.time = ms; t.timeChosen = true; show(); }
    });
    el('thumbnail-use-playhead').addEventListener('click', () => {
      const ms = playheadWall();
      if (validTime(ms)) { t.time = Math.round(ms); t.timeChosen = true; }
      show();
    });
    for (const [id, key] of [['thumbnail-crop', 'crop'], ['thumbnail-location', 'location']]) {
      el(id).addEventListener('change', () => {
        const v = parseBox(el(id).value);
        el(id).classList.toggle('invalid', !v);
        if (v) { t[key] = v; show(); }
      });
    }
    el('thumbnail-upload').addEventListener('change', () => {
      const file = el('thumbnail-upload').files[0];
      if (!file) return;
      file.arrayBuffer().then((buf) => {
        const bytes = new Uint8Array(buf);
        if (bytes.length < 8 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[2] !== 0x4e || bytes[3] !== 0x47) {
          el('thumbnail-preview-note').textContent = 'That file is not a PNG.';
          return;
        }
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        t.image = btoa(binary);
        show();
      });
    });
  }

  // ---- the waveform of the player's range, under the player
  function waveform() {
    const box = el('waveform-container');
    const frags = player.fragments;
    if (!t.row || !frags.length || frags[0].programDateTime == null) return;
    const last = frags[frags.length - 1];
    const start = frags[0].programDateTime, end = last.programDateTime + last.duration * 1000;
    const width = Math.max(100, Math.min(4000, Math.round((el('video') && el('video').clientWidth) || 640)));
    const url = '/waveform/' + stream() + '.png?start=' + encodeURIComponent(iso(start)) + '&end='
      + encodeURIComponent(iso(end)) + '&size=' + width + 'x48';
    let img = el('waveform');
    if (!img) {
      img = document.createElement('img');
      img.id = 'waveform';
      img.alt = 'audio waveform of the player\'s range';
      box.appendChild(img);
    }
    if (img.getAttribute('src') !== url) img.src = url;
  }

  // deferred, so the page is parsed; editor.js's main() runs later, on DOMContentLoaded
  build();
  Editor.addSection({ fill, contribute });
  // the player's window changes on load and on each pad; a second's polling follows it cheaply
  setInterval(waveform, 1000);
})();
