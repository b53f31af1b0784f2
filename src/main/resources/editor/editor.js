// Streamvault editor page: pick an event, find the clip in the player, save it for the cutter.
// Talks only to this node: /thrimshim (the editor API), /playlist and /cut (the restreamer).
// This file holds the row, the form and saving; player.js the video, ranges.js the ranges and
// their transitions, preview.js the preview of a join, keys.js the keyboard shortcuts.
'use strict';

const SHEET_COLUMNS = ['sheet_name', 'event_start', 'event_end', 'category', 'description', 'notes', 'tags'];
// A published video: only its title, description, tags, visibility (and thumbnail) may change.
const PUBLISHED_STATES = ['DONE', 'MODIFIED'];

const $ = (id) => document.getElementById(id);
const state = { defaults: null, row: null, token: null };

// Sections other scripts add to the form (thumbnails, ...): each may have
//   fill(row, published)  when a row is shown (published: only modifiable fields may change),
//   contribute(body)      to add its fields to a save's JSON body.
// Register with Editor.addSection({...}) from a script loaded after this one (index.html, defer).
const Editor = {
  sections: [],
  addSection(section) { this.sections.push(section); },
  state,
};

// ---- times: the API speaks ISO-8601 UTC with up to microseconds; the page works in milliseconds
function parseTime(text) {
  if (!text) return null;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|\+00:00)?$/.exec(text.trim());
  if (!m) return NaN;
  const fraction = m[2] ? (m[2] + '000').slice(0, 4) : '.000';
  return Date.parse(m[1] + fraction + 'Z');
}
function formatTime(ms) {
  return new Date(ms).toISOString();
}
function formatDuration(ms) {
  const sign = ms < 0 ? '-' : '';
  let s = Math.abs(ms) / 1000;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return sign + h + ':' + String(m).padStart(2, '0') + ':' + s.toFixed(3).padStart(6, '0');
}
function eventOffset(ms) {
  const start = parseTime(state.defaults && state.defaults.bustime_start);
  return start ? formatDuration(ms - start) : '';
}
function eventTime(ms) {
  const offset = eventOffset(ms);
  return offset ? 'event time ' + offset : '';
}

// ---- messages
function showMessage(text, kind) {
  const el = $('message');
  el.textContent = text;
  el.className = 'message ' + (kind || 'error');
  el.hidden = !text;
}

async function fetchJson(path) {
  const r = await fetch(path, { cache: 'no-store' });
  if (!r.ok) throw new Error((await r.text()).trim() || r.status + ' ' + r.statusText);
  return r.json();
}

// ---- sign-in: Google Identity Services when authentication is on
function setUpSignIn(defaults) {
  if (!defaults.auth_enabled) {
    $('auth-banner').hidden = false;
    $('signin-status').textContent = 'Not signed in (authentication disabled)';
    return;
  }
  $('signin-status').textContent = 'Sign in to save: ';
  const script = document.createElement('script');
  script.src = 'https://accounts.google.com/gsi/client';
  script.async = true;
  script.onload = () => {
    google.accounts.id.initialize({ client_id: defaults.auth_client_id, callback: onSignedIn });
    google.accounts.id.renderButton($('signin-button'), { theme: 'outline', size: 'medium' });
  };
  script.onerror = () => { $('signin-status').textContent = 'Google Sign-In could not load: you can look but not save.'; };
  document.head.appendChild(script);
}
function onSignedIn(response) {
  state.token = response.credential;
  let who = 'signed in';
  try {
    const payload = JSON.parse(atob(state.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    who = 'Signed in as ' + payload.email;
  } catch (e) { /* the name is only for show */ }
  $('signin-status').textContent = who;
  $('signin-button').hidden = true;
}

// ---- the picker
async function showPicker() {
  $('picker').hidden = false;
  const rows = await fetchJson('/thrimshim');
  const body = $('rows').querySelector('tbody');
  for (const row of rows) {
    const tr = document.createElement('tr');
    const start = parseTime(row.event_start);
    const cells = [start ? formatTime(start) : '', start ? eventOffset(start) : '', row.sheet_name, row.category,
      row.description, row.state];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      if (i === 4) {
        const a = document.createElement('a');
        a.href = '?id=' + encodeURIComponent(row.id);
        a.textContent = text || '(no description)';
        td.appendChild(a);
      } else {
        td.textContent = text || '';
      }
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
  if (!rows.length) showMessage('No events yet: rows appear here once the schedule has been imported.', 'ok');
}

// ---- the editor
async function showEditor(id) {
  const row = await fetchJson('/thrimshim/' + encodeURIComponent(id));
  await loadTransitionTypes();
  $('editor').hidden = false;
  fillRow(row);
  startPlayer(row);
}

function fillRow(row) {
  state.row = row;
  document.title = (row.description || 'Event') + ' – Streamvault editor';
  $('event-description').textContent = row.description || '(no description)';
  $('sheet-name').textContent = row.sheet_name || '';
  $('category').textContent = row.category || '';
  $('notes').textContent = row.notes || '';
  const start = parseTime(row.event_start), end = parseTime(row.event_end);
  $('event-range').textContent = (start ? formatTime(start) + ' (' + eventTime(start) + ')' : '?') + ' to '
    + (end ? formatTime(end) : '?');
  showState(row);
  loadRanges(row);
  $('title-prefix').textContent = row.title_prefix || '';
  $('video-title').maxLength = row.title_max_length;
  $('video-title').value = row.video_title != null ? row.video_title : (row.description || '').slice(0, row.title_max_length);
  $('video-description').value = row.video_description != null ? row.video_description : '';
  $('video-tags').value = (row.video_tags || row.tags || []).join(', ');
  const select = $('upload-location');
  select.innerHTML = '';
  const locations = row.upload_locations.slice();
  if (row.upload_location && !locations.includes(row.upload_location)) locations.push(row.upload_location);
  for (const l of locations) select.add(new Option(l, l));
  if (!locations.length) select.add(new Option('(none configured: drafts only)', ''));
  select.value = row.upload_location || locations[0] || '';
  $('allow-holes').checked = !!row.allow_holes;
  $('unlisted').checked = row.public === false;
  $('uploader-whitelist').value = (row.uploader_whitelist || []).join(', ');
  showPublished(row);
  for (const section of Editor.sections) if (section.fill) section.fill(row, isPublished(row));
  updateCounts();
}

function isPublished(row) {
  return PUBLISHED_STATES.includes(row.state);
}

// A published video keeps its cut: ranges and where it went are read-only, "Submit changes" saves the rest.
function showPublished(row) {
  const published = isPublished(row);
  $('modify-hint').hidden = !published;
  $('save-draft').hidden = published;
  $('submit').hidden = published;
  $('submit-changes').hidden = !published;
  for (const input of document.querySelectorAll('.cut-input')) input.disabled = published;
  setRangesReadOnly(published);
}

// States in which no video can have been uploaded yet: a plain reset is safe (the API agrees).
const SAFE_RESET_STATES = ['EDITED', 'CLAIMED'];

function showState(row) {
  showRowActions(row);
  $('state').textContent = row.state;
  $('state').className = 'state ' + row.state;
  $('row-error').textContent = row.error ? 'Error: ' + row.error : '';
  $('row-error').hidden = !row.error;
  const link = $('video-link');
  link.hidden = !row.video_link;
  link.href = row.video_link || '#';
  link.textContent = row.video_link ? 'Video: ' + row.video_link : '';
}

function updateCounts() {
  const title = $('video-title');
  $('title-count').textContent = title.value.length + ' / ' + title.maxLength;
}

// ---- saving
function listField(id) {
  return $(id).value.split(',').map((s) => s.trim()).filter((s) => s);
}

const SAVED_TEXT = {
  EDITED: 'Submitted: the video will be cut and uploaded.',
  UNEDITED: 'Draft saved.',
  MODIFIED: 'Changes submitted: the published video will be updated.',
};

async function save(targetState, override) {
  $('conflict').hidden = true;
  let body;
  try {
    // a published video's cut is not changed: its stored ranges go back as they came
    const cut = targetState === 'MODIFIED'
      ? { ranges: state.row.video_ranges, transitions: state.row.video_transitions } : rangesForSave();
    body = {
      state: targetState,
      video_ranges: cut.ranges,
      video_transitions: cut.transitions,
      video_title: $('video-title').value,
      video_description: $('video-description').value,
      video_tags: listField('video-tags'),
      upload_location: targetState === 'MODIFIED' ? state.row.upload_location : $('upload-location').value || null,
      video_channel: state.row.video_channel,
      video_quality: state.row.video_quality || 'source',
      allow_holes: $('allow-holes').checked,
      uploader_whitelist: listField('uploader-whitelist').length ? listField('uploader-whitelist') : null,
      public: !$('unlisted').checked,
      thumbnail_mode: state.row.thumbnail_mode || 'NONE',
    };
    for (const section of Editor.sections) if (section.contribute) section.contribute(body);
  } catch (e) {
    showMessage(e.message);
    return;
  }
  // the sheet values we loaded, so the server can tell us if the schedule changed meanwhile
  for (const column of SHEET_COLUMNS) body[column] = state.row[column];
  if (override) body.override_changes = true;
  if (state.token) body.token = state.token;
  const r = await fetch('/thrimshim/' + encodeURIComponent(state.row.id), {
    method: 'POST', headers: authHeaders(true), body: JSON.stringify(body),
  });
  const text = await r.text();
  if (r.ok) {
    const saved = JSON.parse(text);
    state.row = saved;
    showState(saved);
    showPublished(saved);
    showMessage(SAVED_TEXT[targetState], 'ok');
  } else if (r.status === 409) {
    // the server names each changed column: "...: description: 'old' => 'new'; notes: ... (reload ...)"
    const changes = text.trim().replace(/^[^:]*: /, '').replace(/ \(reload.*\)$/, '');
    $('conflict-text').textContent = 'Someone changed this event in the schedule while you were editing. Changes: '
      + changes + '. Review them, then save anyway (your edit wins) or reload the row.';
    $('conflict').hidden = false;
    showMessage('Not saved: conflict with a schedule change.');
  } else if (r.status === 401) {
    showMessage('Not saved: sign in first (' + text.trim() + ').');
  } else if (r.status === 403) {
    showMessage('Not saved: ' + text.trim());
  } else {
    showMessage('Not saved: ' + text.trim());
  }
  $('conflict').dataset.state = targetState;
}

// ---- reset and manual link: both act on the row as it is now, then show it reloaded
function showRowActions(row) {
  const safe = SAFE_RESET_STATES.includes(row.state);
  $('reset-box').hidden = row.state === 'UNEDITED';
  $('reset').textContent = safe ? 'Reset to unedited' : 'Force reset to unedited';
  $('reset-hint').textContent = safe
    ? 'Takes the row off the cutting queue (an upload in progress is abandoned) and back to a draft.'
    : 'The row is ' + row.state + ': a video may already exist. Forcing a reset lets it be cut and uploaded again.';
  $('manual-box').hidden = row.state !== 'UNEDITED';
}

function authHeaders(json) {
  const headers = json ? { 'Content-Type': 'application/json' } : {};
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  return headers;
}

async function rowAction(path, body, doneText) {
  const r = await fetch(path, { method: 'POST', headers: authHeaders(body != null), body: body == null ? null : JSON.stringify(body) });
  if (!r.ok) {
    showMessage('Not done: ' + ((await r.text()).trim() || r.status + ' ' + r.statusText));
    return;
  }
  const row = await fetchJson('/thrimshim/' + encodeURIComponent(state.row.id));
  fillRow(row);
  showMessage(doneText, 'ok');
}

function resetRow() {
  const force = !SAFE_RESET_STATES.includes(state.row.state);
  if (force && !window.confirm('This row is ' + state.row.state + ', so a video may already exist'
    + (state.row.video_link ? ' (' + state.row.video_link + ')' : '') + '. Reset it anyway?')) return;
  const path = '/thrimshim/reset/' + encodeURIComponent(state.row.id) + (force ? '?force=true' : '');
  return rowAction(path, state.token ? { token: state.token } : null, 'Reset: the row is a draft again.');
}

function saveManualLink() {
  const link = $('manual-link').value.trim();
  if (!link) { showMessage('Paste the link of the uploaded video first.'); return; }
  const body = { link, upload_location: $('manual-location').value };
  if (state.token) body.token = state.token;
  return rowAction('/thrimshim/manual-link/' + encodeURIComponent(state.row.id), body,
    'Marked as uploaded by hand.');
}

function wireButtons() {
  $('save-draft').onclick = () => save('UNEDITED', false);
  $('submit').onclick = () => save('EDITED', false);
  $('submit-changes').onclick = () => save('MODIFIED', false);
  $('override').onclick = () => save($('conflict').dataset.state || 'EDITED', true);
  $('reload').onclick = () => location.reload();
  $('reset').onclick = resetRow;
  $('manual-save').onclick = saveManualLink;
  $('video-title').addEventListener('input', updateCounts);
  wirePlayer();
  wireRanges();
  wirePreview();
  wireKeys();
}

async function main() {
  wireButtons();
  try {
    state.defaults = await fetchJson('/thrimshim/defaults');
    setUpSignIn(state.defaults);
    const id = new URLSearchParams(location.search).get('id');
    if (id) await showEditor(id); else await showPicker();
  } catch (e) {
    showMessage('Could not load: ' + e.message);
  }
}

// after every deferred script has run, so their functions and sections exist
document.addEventListener('DOMContentLoaded', main);
