// Preview of one join: a smart /cut of the last seconds of one range and the first seconds of the
// next, with the join's transition, played in a second video element. Chromium cannot play an
// MPEG-TS file in a <video> directly, so hls.js plays it as the one segment of a playlist made in
// the page; the cut is fetched first so that a refusal (400, 406) can be shown with its reason.
'use strict';

const PREVIEW_EDGE_S = 3; // seconds of each range beside the join, besides the transition itself

const preview = { hls: null, urls: [] };

function previewJoin(i) {
  const a = ranges.list[i], b = ranges.list[i + 1], join = ranges.joins[i];
  const aLen = rangeMs(a), bLen = rangeMs(b);
  if (aLen == null || bLen == null) {
    showMessage('Set the start and end of ranges ' + (i + 1) + ' and ' + (i + 2) + ' to preview their join.');
    return;
  }
  const overlap = join.type ? join.duration * 1000 : 0;
  const side = PREVIEW_EDGE_S * 1000 + overlap;
  const aEnd = parseTime(a.end), bStart = parseTime(b.start);
  const parts = [[aEnd - Math.min(aLen, side), aEnd], [bStart, bStart + Math.min(bLen, side)]];
  const seconds = (parts[0][1] - parts[0][0] + parts[1][1] - parts[1][0] - overlap) / 1000;
  const url = cutUrl(parts, [join], 'smart', true);
  $('preview-box').hidden = false;
  $('preview-box').dataset.url = url;
  $('preview-what').textContent = 'Join ' + (i + 1) + ': the end of range ' + (i + 1) + ', '
    + (join.type ? join.type + ' ' + join.duration + ' s' : 'hard cut') + ', the start of range ' + (i + 2)
    + ' (' + seconds.toFixed(1) + ' s)';
  return playPreview(url, seconds);
}

async function playPreview(url, seconds) {
  stopPreview();
  const video = $('preview');
  $('preview-status').textContent = 'Cutting…';
  if (!(window.Hls && Hls.isSupported())) {
    // no MediaSource (Safari on iOS): an mp4 cut plays natively
    video.src = url.replace('.ts?', '.mp4?').replace('type=smart', 'type=mp4');
    $('preview-status').textContent = '';
    return;
  }
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) {
    $('preview-status').textContent = 'No preview: ' + ((await r.text()).trim() || r.status + ' ' + r.statusText);
    return;
  }
  const segment = URL.createObjectURL(await r.blob());
  const playlist = URL.createObjectURL(new Blob(['#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n'
    + '#EXT-X-TARGETDURATION:' + Math.ceil(seconds) + '\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:' + seconds.toFixed(3) + ',\n'
    + segment + '\n#EXT-X-ENDLIST\n'], { type: 'application/vnd.apple.mpegurl' }));
  preview.urls = [segment, playlist];
  const hls = new Hls({ startPosition: 0 });
  preview.hls = hls;
  hls.on(Hls.Events.ERROR, (event, data) => {
    if (data.fatal) $('preview-status').textContent = 'The preview could not be played: ' + data.details;
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    $('preview-status').textContent = '';
    video.play().catch(() => { /* the controls are there */ });
  });
  hls.loadSource(playlist);
  hls.attachMedia(video);
}

function stopPreview() {
  if (preview.hls) preview.hls.destroy();
  preview.hls = null;
  for (const u of preview.urls) URL.revokeObjectURL(u);
  preview.urls = [];
}

function wirePreview() {
  $('preview-close').onclick = () => { stopPreview(); $('preview-box').hidden = true; };
}
