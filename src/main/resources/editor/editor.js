// Streamvault editor page: pick an event, find the clip in the player, save it for the cutter.
// Talks only to this node: /thrimshim (the editor API) and /playlist (the restreamer).
'use strict';

const PAD_BEFORE_MS = 60 * 1000;   // the player starts a minute before the event
const PAD_AFTER_MS = 120 * 1000;   // and ends two minutes after it
const FRAME_S = 1 / 30;
const SHEET_COLUMNS = ['sheet_name', 'event_start', 'event_end', 'category', 'description', 'notes', 'tags'];

const $ = (id) => document.getElementById(id);
const state = { defaults: null, row: null, token: null, hls: null, fragments: [], rangeStartMs: null };

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
  // one range on this page (the API takes several; their joins are hard cuts here)
  const range = (row.video_ranges && row.video_ranges[0]) || [null, null];
  $('video-start').value = range[0] ? formatTime(parseTime(range[0])) : '';
  $('video-end').value = range[1] ? formatTime(parseTime(range[1])) : '';
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
  $('uploader-whitelist').value = (row.uploader_whitelist || []).join(', ');
  updateCounts();
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
  const s = parseTime($('video-start').value), e = parseTime($('video-end').value);
  $('clip-length').textContent = s && e && !isNaN(s) && !isNaN(e) ? formatDuration(e - s) : '–';
}

// ---- the player: hls.js on the restreamer's playlist; wall-clock times come from the
// playlist's #EXT-X-PROGRAM-DATE-TIME of each segment, so holes do not shift them.
function startPlayer(row) {
  const range = (row.video_ranges && row.video_ranges[0]) || [null, null];
  const times = [row.event_start, range[0], row.event_end, range[1]].map(parseTime).filter((t) => t);
  if (!times.length) {
    showMessage('This event has no start time yet, so there is nothing to play; enter start and end by hand.');
    return;
  }
  const from = Math.min(...times) - PAD_BEFORE_MS;
  const to = Math.max(...times) + PAD_AFTER_MS;
  state.rangeStartMs = from;
  const url = '/playlist/' + encodeURIComponent(row.video_channel) + '/' + encodeURIComponent(row.video_quality || 'source')
    + '.m3u8?start=' + encodeURIComponent(formatTime(from)) + '&end=' + encodeURIComponent(formatTime(to));
  const video = $('video');
  if (window.Hls && Hls.isSupported()) {
    // startPosition 0: a range ending in the future has no ENDLIST; still start at its beginning, not the live edge
    const hls = new Hls({ startPosition: 0 });
    state.hls = hls;
    hls.on(Hls.Events.LEVEL_LOADED, (event, data) => {
      state.fragments = data.details.fragments;
      showPlayhead();
    });
    hls.on(Hls.Events.ERROR, (event, data) => {
      if (data.fatal) showMessage('The video could not be played: ' + data.details
        + (data.response && data.response.code ? ' (HTTP ' + data.response.code + ')' : ''));
    });
    hls.loadSource(url);
    hls.attachMedia(video);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
  } else {
    showMessage('This browser cannot play HLS video.');
  }
  video.addEventListener('timeupdate', showPlayhead);
}

function showPlayhead() {
  const wall = wallAt($('video').currentTime);
  $('playhead').textContent = wall ? formatTime(wall) : '–';
  $('playhead-event').textContent = wall ? eventTime(wall) : '';
}

function wallAt(seconds) {
  const frags = state.fragments;
  let f = null;
  for (const candidate of frags) {
    if (candidate.start <= seconds + 1e-6) f = candidate; else break;
  }
  if (f && f.programDateTime) return f.programDateTime + (seconds - f.start) * 1000;
  return state.rangeStartMs == null ? null : state.rangeStartMs + seconds * 1000;
}

function secondsAt(wallMs) {
  for (const f of state.fragments) {
    if (!f.programDateTime) continue;
    const end = f.programDateTime + f.duration * 1000;
    if (wallMs < end) return f.start + Math.max(0, wallMs - f.programDateTime) / 1000;
  }
  return state.rangeStartMs == null ? null : (wallMs - state.rangeStartMs) / 1000;
}

function setMark(which) {
  const wall = wallAt($('video').currentTime);
  if (wall == null) return;
  $(which).value = formatTime(wall);
  updateCounts();
}

function goToMark(which) {
  const wall = parseTime($(which).value);
  if (!wall || isNaN(wall)) { showMessage('Set the ' + (which === 'video-start' ? 'start' : 'end') + ' first.'); return; }
  const seconds = secondsAt(wall);
  if (seconds != null) $('video').currentTime = seconds;
}

// ---- saving
function listField(id) {
  return $(id).value.split(',').map((s) => s.trim()).filter((s) => s);
}

function timeField(id, label) {
  const text = $(id).value.trim();
  if (!text) return null;
  const ms = parseTime(text);
  if (isNaN(ms)) throw new Error(label + ' is not a time like 2026-11-20T14:05:42.125Z');
  return formatTime(ms);
}

// the page's one range as the API's list of ranges; none until both ends are set
function rangesField() {
  const start = timeField('video-start', 'Start'), end = timeField('video-end', 'End');
  return start && end ? [[start, end]] : null;
}

async function save(targetState, override) {
  $('conflict').hidden = true;
  let body;
  try {
    body = {
      state: targetState,
      video_ranges: rangesField(),
      video_transitions: null,
      video_title: $('video-title').value,
      video_description: $('video-description').value,
      video_tags: listField('video-tags'),
      upload_location: $('upload-location').value || null,
      video_channel: state.row.video_channel,
      video_quality: state.row.video_quality || 'source',
      allow_holes: $('allow-holes').checked,
      uploader_whitelist: listField('uploader-whitelist').length ? listField('uploader-whitelist') : null,
      public: state.row.public !== false,
      thumbnail_mode: state.row.thumbnail_mode || 'NONE',
    };
    if (body.video_ranges) body.video_transitions = [];
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
    showMessage(targetState === 'EDITED' ? 'Submitted: the video will be cut and uploaded.' : 'Draft saved.', 'ok');
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

// ---- keyboard shortcuts (not while typing)
function onKey(e) {
  const t = e.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const video = $('video');
  const actions = {
    'i': () => setMark('video-start'), 'o': () => setMark('video-end'),
    'I': () => goToMark('video-start'), 'O': () => goToMark('video-end'),
    ' ': () => (video.paused ? video.play() : video.pause()),
    'ArrowLeft': () => { video.currentTime = Math.max(0, video.currentTime - 5); },
    'ArrowRight': () => { video.currentTime += 5; },
    ',': () => { video.pause(); video.currentTime = Math.max(0, video.currentTime - FRAME_S); },
    '.': () => { video.pause(); video.currentTime += FRAME_S; },
  };
  const action = actions[e.key];
  if (action && !$('editor').hidden) {
    e.preventDefault();
    action();
  }
}

function wireButtons() {
  $('set-start').onclick = () => setMark('video-start');
  $('set-end').onclick = () => setMark('video-end');
  $('goto-start').onclick = () => goToMark('video-start');
  $('goto-end').onclick = () => goToMark('video-end');
  $('save-draft').onclick = () => save('UNEDITED', false);
  $('submit').onclick = () => save('EDITED', false);
  $('override').onclick = () => save($('conflict').dataset.state || 'EDITED', true);
  $('reload').onclick = () => location.reload();
  $('reset').onclick = resetRow;
  $('manual-save').onclick = saveManualLink;
  for (const id of ['video-title', 'video-start', 'video-end']) $(id).addEventListener('input', updateCounts);
  document.addEventListener('keydown', onKey);
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

main();
