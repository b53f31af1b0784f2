// The player: hls.js on the restreamer's playlist (data-playlist on the video). The wall-clock
// time comes from each fragment's #EXT-X-PROGRAM-DATE-TIME (hls.js frag.programDateTime), so
// holes in the recording do not shift it. Live mode follows the playlist's tail; a range
// starts at its beginning (position 0) even when it has no end yet.
'use strict';

const video = document.getElementById('video');
const clock = document.getElementById('clock');
const liveState = document.getElementById('live-state');
const goLive = document.getElementById('go-live');
const live = video.dataset.mode === 'live';
let fragments = [];
let targetDuration = 2;
let hls = null;

function message(text) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.hidden = false;
}

function formatTime(ms) {
  return new Date(ms).toISOString();
}

/** An ISO time as the server writes it (microseconds) in milliseconds. */
function parseTime(text) {
  return Date.parse(text.replace(/(\.\d{3})\d*Z$/, '$1Z'));
}

function wallAt(seconds) {
  let f = null;
  for (const candidate of fragments) {
    if (candidate.start <= seconds + 1e-6) f = candidate; else break;
  }
  if (f && f.programDateTime) return f.programDateTime + (seconds - f.start) * 1000;
  return null;
}

/** The playhead position of a wall-clock time, through the fragments' program date-times. */
function secondsAt(wallMs) {
  for (const f of fragments) {
    if (!f.programDateTime) continue;
    if (wallMs < f.programDateTime + f.duration * 1000) return f.start + Math.max(0, wallMs - f.programDateTime) / 1000;
  }
  return 0;
}

function show() {
  const wall = wallAt(video.currentTime);
  clock.textContent = wall == null ? '–' : formatTime(wall);
  if (live && hls && hls.liveSyncPosition != null) {
    const behind = hls.liveSyncPosition - video.currentTime;
    const atEdge = behind < 2 * targetDuration + 1;
    liveState.textContent = atEdge ? 'LIVE' : Math.round(behind) + ' s behind live';
    liveState.className = atEdge ? 'live' : '';
  }
}

function start() {
  const url = video.dataset.playlist;
  if (window.Hls && Hls.isSupported()) {
    // liveSyncDurationCount 2: two segments behind the newest, as close as is safe to play
    hls = new Hls(live ? { liveSyncDurationCount: 2 } : { startPosition: 0 });
    hls.on(Hls.Events.LEVEL_LOADED, (event, data) => {
      fragments = data.details.fragments;
      targetDuration = data.details.targetduration || targetDuration;
      show();
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      video.play().catch(() => { /* autoplay refused: the controls are there */ });
    });
    hls.on(Hls.Events.ERROR, (event, data) => {
      if (data.fatal) {
        message('The video could not be played: ' + data.details
          + (data.response && data.response.code ? ' (HTTP ' + data.response.code + ')' : ''));
      }
    });
    if (!live) {
      // the first segment may begin before the range: start inside it, at the range's start
      video.addEventListener('loadedmetadata', () => {
        const offset = secondsAt(parseTime(video.dataset.start));
        if (offset > 0.01) video.currentTime = offset;
      }, { once: true });
    }
    hls.loadSource(url);
    hls.attachMedia(video);
    window.streamvaultPlayer = hls;
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
    video.play().catch(() => {});
  } else {
    message('This browser cannot play HLS video; open the playlist link below in ffplay, VLC or mpv.');
  }
  video.addEventListener('timeupdate', show);
}

goLive.addEventListener('click', () => {
  if (!live) {
    location.href = location.pathname;
    return;
  }
  if (hls && hls.liveSyncPosition != null) video.currentTime = hls.liveSyncPosition;
  video.play().catch(() => {});
});

start();
