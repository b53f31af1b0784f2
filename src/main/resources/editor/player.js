// The editor's player: hls.js on the restreamer's playlist for a window around the event.
// Wall-clock times come from the playlist's #EXT-X-PROGRAM-DATE-TIME of each segment, so holes
// do not shift them. The window can grow a minute at a time (the pad buttons).
'use strict';

const PAD_BEFORE_MS = 60 * 1000;   // the player starts a minute before the event
const PAD_AFTER_MS = 120 * 1000;   // and ends two minutes after it
const PAD_STEP_MS = 60 * 1000;     // what a pad button adds
const FRAME_S = 1 / 30;

// seekTo: the wall-clock time a reloading window starts at, until its playlist says where that is;
// kept: the same time until the video is there (a second pad before that must not lose it)
const player = { hls: null, fragments: [], from: null, to: null, seekTo: null, kept: null };

function startPlayer(row) {
  const edges = (row.video_ranges || []).flat();
  const times = [row.event_start, row.event_end, ...edges].map(parseTime).filter((t) => t && !isNaN(t));
  if (!times.length) {
    showMessage('This event has no start time yet, so there is nothing to play; enter start and end by hand.');
    return;
  }
  player.from = Math.min(...times) - PAD_BEFORE_MS;
  player.to = Math.max(...times) + PAD_AFTER_MS;
  loadWindow(null);
}

// (Re)loads the playlist of the window; then the playhead goes to keepWall (ms), if given.
function loadWindow(keepWall) {
  const row = state.row;
  const url = '/playlist/' + encodeURIComponent(row.video_channel) + '/' + encodeURIComponent(row.video_quality || 'source')
    + '.m3u8?start=' + encodeURIComponent(formatTime(player.from)) + '&end=' + encodeURIComponent(formatTime(player.to));
  $('player-window').textContent = 'Video from ' + formatTime(player.from) + ' to ' + formatTime(player.to);
  const video = $('video');
  if (player.hls) player.hls.destroy();
  player.fragments = [];
  player.seekTo = keepWall;
  player.kept = keepWall;
  if (window.Hls && Hls.isSupported()) {
    // startPosition 0: a range ending in the future has no ENDLIST; still start at its beginning, not the live edge.
    // A reloaded window starts loading only once its playlist says where the kept wall-clock time is.
    const hls = new Hls({ startPosition: 0, autoStartLoad: keepWall == null });
    player.hls = hls;
    hls.on(Hls.Events.LEVEL_LOADED, (event, data) => {
      player.fragments = data.details.fragments;
      if (player.seekTo != null) {
        const seconds = secondsAt(player.seekTo) || 0;
        player.seekTo = null;
        // hls.js seeks there once it has buffered, unless the video is there already
        if (Math.abs($('video').currentTime - seconds) < 0.05) player.kept = null;
        hls.startLoad(seconds);
      }
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
}

function pad(earlierMs, laterMs) {
  if (player.from == null) return;
  const keep = playheadWall();
  player.from -= earlierMs;
  player.to += laterMs;
  loadWindow(keep);
}

function showPlayhead() {
  const wall = playheadWall();
  $('playhead').textContent = wall ? formatTime(wall) : '–';
  $('playhead-event').textContent = wall ? eventTime(wall) : '';
}

/** The wall-clock time (ms) the player shows now, or null before anything is loaded. */
function playheadWall() {
  return player.kept != null ? player.kept : wallAt($('video').currentTime);
}

// the reloaded window's video has reached the kept time (hls.js's seek), or the operator moved on
function releaseKept() {
  if (player.kept != null && player.seekTo == null) player.kept = null;
}

function wallAt(seconds) {
  let f = null;
  for (const candidate of player.fragments) {
    if (candidate.start <= seconds + 1e-6) f = candidate; else break;
  }
  if (f && f.programDateTime) return f.programDateTime + (seconds - f.start) * 1000;
  return player.from == null ? null : player.from + seconds * 1000;
}

function secondsAt(wallMs) {
  for (const f of player.fragments) {
    if (!f.programDateTime) continue;
    const end = f.programDateTime + f.duration * 1000;
    if (wallMs < end) return f.start + Math.max(0, wallMs - f.programDateTime) / 1000;
  }
  return player.from == null ? null : (wallMs - player.from) / 1000;
}

function seekToWall(wallMs) {
  const seconds = secondsAt(wallMs);
  if (seconds != null) $('video').currentTime = seconds;
}

// ---- moving the playhead (buttons of the video element, and keys.js)
function togglePlay() {
  const video = $('video');
  if (video.paused) video.play(); else video.pause();
}

function seekBy(seconds) {
  const video = $('video');
  video.currentTime = Math.min(Math.max(0, video.currentTime + seconds), playableSeconds() || Infinity);
}

function stepFrame(frames) {
  $('video').pause();
  seekBy(frames * FRAME_S);
}

/** How many seconds the player can seek into: its duration, or what is seekable of a live (open) playlist. */
function playableSeconds() {
  const video = $('video');
  if (isFinite(video.duration) && video.duration > 0) return video.duration;
  const s = video.seekable;
  return s.length ? s.end(s.length - 1) : 0;
}

function seekToFraction(fraction) {
  $('video').currentTime = playableSeconds() * fraction;
}

function wirePlayer() {
  $('video').addEventListener('timeupdate', showPlayhead);
  $('video').addEventListener('seeked', () => { releaseKept(); showPlayhead(); });
  $('video').addEventListener('playing', releaseKept);
  $('pad-start').onclick = () => pad(PAD_STEP_MS, 0);
  $('pad-end').onclick = () => pad(0, PAD_STEP_MS);
  $('speed').onchange = () => { $('video').playbackRate = Number($('speed').value); };
  // a new source resets the rate: keep the chosen one
  $('video').addEventListener('loadedmetadata', () => { $('video').playbackRate = Number($('speed').value); });
}
