// The clip's ranges, cut back to back in list order, and the transition joining each range to
// the next (null: a hard cut; [type, seconds]: an ffmpeg xfade transition). The model is
// ranges.list (start/end as typed, ISO-8601 UTC) and ranges.joins (one fewer); the list in the
// page is drawn again from it after every add, remove or move.
'use strict';

const DEFAULT_TRANSITION_S = 1;
// offered when the node does not list its transitions (GET /thrimshim/transitions answers 404)
const FALLBACK_TRANSITIONS = [{ name: 'fade', description: 'Fade from one range to the next' }];

const ranges = { list: [{ start: '', end: '' }], joins: [], current: 0, readOnly: false, types: FALLBACK_TRANSITIONS };

async function loadTransitionTypes() {
  try {
    const r = await fetch('/thrimshim/transitions', { cache: 'no-store' });
    if (r.ok) {
      const types = await r.json();
      if (Array.isArray(types) && types.length) ranges.types = types;
    }
  } catch (e) { /* keep the fallback: hard cut and fade */ }
}

function loadRanges(row) {
  const stored = row.video_ranges && row.video_ranges.length ? row.video_ranges : [[null, null]];
  ranges.list = stored.map((r) => ({ start: isoOrEmpty(r[0]), end: isoOrEmpty(r[1]) }));
  ranges.joins = ranges.list.slice(1).map((r, i) => {
    const t = row.video_transitions && row.video_transitions[i];
    return t ? { type: t[0], duration: t[1] } : { type: null, duration: DEFAULT_TRANSITION_S };
  });
  ranges.current = 0;
  drawRanges();
}

function isoOrEmpty(text) {
  const ms = parseTime(text);
  return ms && !isNaN(ms) ? formatTime(ms) : '';
}

function setRangesReadOnly(readOnly) {
  ranges.readOnly = readOnly;
  drawRanges();
}

// ---- lengths
function rangeMs(r) {
  const s = parseTime(r.start), e = parseTime(r.end);
  return s && e && !isNaN(s) && !isNaN(e) && e > s ? e - s : null;
}

/** The video's length: every range, less each transition's overlap; null while a range is incomplete. */
function totalMs() {
  let total = 0;
  for (const r of ranges.list) {
    const ms = rangeMs(r);
    if (ms == null) return null;
    total += ms;
  }
  for (const j of ranges.joins) if (j.type) total -= j.duration * 1000;
  return total;
}

function showLengths() {
  ranges.list.forEach((r, i) => {
    const ms = rangeMs(r);
    $('range-length-' + (i + 1)).textContent = ms == null ? '–' : formatDuration(ms);
  });
  const total = totalMs();
  $('total-length').textContent = total == null ? '–' : formatDuration(total);
  showDownloads();
}

// ---- drawing the list
function drawRanges() {
  const list = $('ranges');
  list.innerHTML = '';
  ranges.list.forEach((r, i) => {
    list.appendChild(rangeItem(r, i));
    if (i < ranges.joins.length) list.appendChild(joinItem(ranges.joins[i], i));
  });
  $('add-range').disabled = ranges.readOnly;
  showLengths();
}

function rangeItem(r, i) {
  const n = i + 1;
  const li = element('li', { className: 'range' + (i === ranges.current ? ' current' : ''), id: 'range-' + n });
  li.addEventListener('focusin', () => makeCurrent(i));
  const head = element('div', { className: 'range-head' });
  head.append(element('strong', { textContent: 'Range ' + n }), ' ', element('span', { textContent: 'length ' }),
    element('span', { id: 'range-length-' + n, className: 'length' }));
  const tools = element('span', { className: 'range-tools' });
  tools.append(button('range-up-' + n, '↑', 'Move this range earlier in the video', () => moveRange(i, -1), i === 0),
    button('range-down-' + n, '↓', 'Move this range later in the video', () => moveRange(i, 1), n === ranges.list.length),
    button('range-remove-' + n, 'Remove', 'Remove this range', () => removeRange(i), ranges.list.length === 1));
  head.append(tools);
  li.append(head, edgeRow(r, i, 'start'), edgeRow(r, i, 'end'));
  return li;
}

function edgeRow(r, i, edge) {
  const n = i + 1;
  const row = element('div', { className: 'mark' });
  const input = element('input', { id: 'range-' + edge + '-' + n, value: r[edge], spellcheck: false,
    placeholder: edge + ', ISO-8601 UTC', disabled: ranges.readOnly });
  input.setAttribute('aria-label', 'Range ' + n + ' ' + edge + ' (UTC)');
  input.addEventListener('input', () => { r[edge] = input.value; showLengths(); });
  // once typed, a time is shown as the page writes times (and a typo is left for the operator to see)
  input.addEventListener('change', () => {
    const ms = parseTime(input.value);
    if (ms && !isNaN(ms)) input.value = r[edge] = formatTime(ms);
  });
  row.append(
    button('set-' + edge + '-' + n, 'Set ' + edge, 'Set the ' + edge + ' from the playhead (key ' + (edge === 'start' ? '[' : ']') + ')',
      () => { makeCurrent(i); setEdge(edge); }, ranges.readOnly),
    input,
    button('goto-' + edge + '-' + n, 'Go to', 'Move the playhead to this ' + edge + ' (key ' + (edge === 'start' ? 'I' : 'O') + ')',
      () => { makeCurrent(i); goToEdge(edge); }, false));
  return row;
}

function joinItem(j, i) {
  const n = i + 1;
  const li = element('li', { className: 'join', id: 'join-' + n });
  const select = element('select', { id: 'transition-type-' + n, disabled: ranges.readOnly });
  select.setAttribute('aria-label', 'Transition from range ' + n + ' to range ' + (n + 1));
  select.add(new Option('hard cut', ''));
  const names = ranges.types.map((t) => t.name);
  for (const t of ranges.types) {
    const o = new Option(t.name, t.name);
    o.title = t.description || '';
    select.add(o);
  }
  if (j.type && !names.includes(j.type)) select.add(new Option(j.type, j.type)); // as stored, so it round-trips
  select.value = j.type || '';
  const duration = element('input', { id: 'transition-duration-' + n, type: 'number', min: '0.1', step: '0.1',
    value: String(j.duration), disabled: ranges.readOnly || !j.type, className: 'duration' });
  duration.setAttribute('aria-label', 'Transition ' + n + ' seconds');
  select.onchange = () => { j.type = select.value || null; duration.disabled = ranges.readOnly || !j.type; showLengths(); };
  duration.addEventListener('input', () => { j.duration = Number(duration.value); showLengths(); });
  li.append(element('span', { textContent: 'then ' }), select, ' ', duration, element('span', { textContent: ' s ' }),
    button('preview-join-' + n, 'Preview join', 'Play the few seconds around this join, cut as the cutter would', () => previewJoin(i), false));
  return li;
}

function element(tag, props) {
  return Object.assign(document.createElement(tag), props);
}

function button(id, text, title, onclick, disabled) {
  const b = element('button', { type: 'button', id, textContent: text, title, disabled });
  b.onclick = onclick;
  return b;
}

// ---- changing the list
function makeCurrent(i) {
  if (i === ranges.current) return;
  ranges.current = i;
  ranges.list.forEach((r, k) => $('range-' + (k + 1)).classList.toggle('current', k === i));
}

function addRange() {
  if (ranges.readOnly) return;
  ranges.list.push({ start: '', end: '' });
  ranges.joins.push({ type: null, duration: DEFAULT_TRANSITION_S });
  ranges.current = ranges.list.length - 1;
  drawRanges();
}

function removeRange(i) {
  if (ranges.readOnly || ranges.list.length === 1) return;
  ranges.list.splice(i, 1);
  ranges.joins.splice(Math.max(0, i - 1), 1); // the join into it (or, for the first, out of it)
  ranges.current = Math.min(ranges.current, ranges.list.length - 1);
  drawRanges();
}

// Joins belong to positions in the video: moving a range keeps the transitions where they are.
function moveRange(i, by) {
  const k = i + by;
  if (ranges.readOnly || k < 0 || k >= ranges.list.length) return;
  [ranges.list[i], ranges.list[k]] = [ranges.list[k], ranges.list[i]];
  ranges.current = k;
  drawRanges();
}

/** Moves the current range by one (o / p) and the playhead to its start, when it has one. */
function selectRange(by) {
  const k = ranges.current + by;
  if (k < 0 || k >= ranges.list.length) return;
  makeCurrent(k);
  const start = parseTime(ranges.list[k].start);
  if (start && !isNaN(start)) seekToWall(start);
}

// ---- the playhead and the current range
function setEdge(edge) {
  if (ranges.readOnly) return;
  const wall = playheadWall();
  if (wall == null) return;
  const r = ranges.list[ranges.current];
  r[edge] = formatTime(wall);
  $('range-' + edge + '-' + (ranges.current + 1)).value = r[edge];
  showLengths();
}

function goToEdge(edge) {
  const wall = parseTime(ranges.list[ranges.current][edge]);
  if (!wall || isNaN(wall)) { showMessage('Set the ' + edge + ' of range ' + (ranges.current + 1) + ' first.'); return; }
  seekToWall(wall);
}

// ---- what is saved and cut
function rangeTime(text, what) {
  const ms = parseTime(text);
  if (isNaN(ms)) throw new Error(what + ' is not a time like 2026-11-20T14:05:42.125Z');
  return formatTime(ms);
}

/** video_ranges and video_transitions as the API takes them; both null for a draft without any time yet. */
function rangesForSave() {
  const empty = ranges.list.every((r) => !r.start.trim() && !r.end.trim());
  if (empty) return { ranges: null, transitions: null };
  const out = ranges.list.map((r, i) => {
    if (!r.start.trim() || !r.end.trim()) throw new Error('Range ' + (i + 1) + ' needs a start and an end.');
    return [rangeTime(r.start, 'Range ' + (i + 1) + ' start'), rangeTime(r.end, 'Range ' + (i + 1) + ' end')];
  });
  return { ranges: out, transitions: ranges.joins.map((j) => (j.type ? [j.type, j.duration] : null)) };
}

/** A /cut URL of the given ranges ([startMs, endMs]) joined by the given joins, of a cut type. */
function cutUrl(parts, joins, type, allowHoles) {
  const q = ['type=' + type, 'allow_holes=' + allowHoles];
  parts.forEach((p, i) => {
    if (i > 0) {
      const j = joins[i - 1];
      q.push('transition=' + (j.type ? encodeURIComponent(j.type + ',' + j.duration) : ''));
    }
    q.push('range=' + encodeURIComponent(formatTime(p[0]) + ',' + formatTime(p[1])));
  });
  return '/cut/' + encodeURIComponent(state.row.video_channel) + '/' + encodeURIComponent(state.row.video_quality || 'source')
    + '.ts?' + q.join('&');
}

function showDownloads() {
  const complete = totalMs() != null && state.row;
  $('downloads').hidden = !complete;
  if (!complete) return;
  const parts = ranges.list.map((r) => [parseTime(r.start), parseTime(r.end)]);
  const holes = $('allow-holes').checked;
  $('download-fast').href = cutUrl(parts, ranges.joins, 'fast', holes);
  $('download-smart').href = cutUrl(parts, ranges.joins, 'smart', holes);
  // rough: whole segments, so hard cuts only
  $('download-rough').href = cutUrl(parts, ranges.joins.map(() => ({ type: null })), 'rough', holes);
}

function wireRanges() {
  $('add-range').onclick = addRange;
  $('allow-holes').addEventListener('change', showDownloads);
}
