// Keyboard shortcuts, outside text fields. One table says what each key does and is also what
// the page lists, so the list cannot drift from what the keys do.
'use strict';

// keys: e.key values ('Shift+' added for shift with an arrow); shown: how the page writes them
const SHORTCUTS = [
  { keys: [' ', 'k'], shown: ['Space', 'k'], what: 'play / pause', run: togglePlay },
  { keys: ['j'], shown: ['j'], what: '10 s back', run: () => seekBy(-10) },
  { keys: ['l'], shown: ['l'], what: '10 s forward', run: () => seekBy(10) },
  { keys: ['ArrowLeft'], shown: ['←'], what: '5 s back', run: () => seekBy(-5) },
  { keys: ['ArrowRight'], shown: ['→'], what: '5 s forward', run: () => seekBy(5) },
  { keys: ['Shift+ArrowLeft'], shown: ['Shift+←'], what: '60 s back', run: () => seekBy(-60) },
  { keys: ['Shift+ArrowRight'], shown: ['Shift+→'], what: '60 s forward', run: () => seekBy(60) },
  { keys: [','], shown: [','], what: 'one frame back (pauses)', run: () => stepFrame(-1) },
  { keys: ['.'], shown: ['.'], what: 'one frame forward (pauses)', run: () => stepFrame(1) },
  { keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], shown: ['0', '–', '9'], what: 'go to 0 %, 10 %, … 90 % of the video',
    run: (key) => seekToFraction(Number(key) / 10) },
  { keys: ['[', 'i'], shown: ['[', 'i'], what: "set the current range's start from the playhead", run: () => setEdge('start') },
  { keys: [']'], shown: [']'], what: "set the current range's end from the playhead", run: () => setEdge('end') },
  { keys: ['I'], shown: ['I'], what: "go to the current range's start", run: () => goToEdge('start') },
  { keys: ['O'], shown: ['O'], what: "go to the current range's end", run: () => goToEdge('end') },
  { keys: ['o'], shown: ['o'], what: 'previous range (and go to its start)', run: () => selectRange(-1) },
  { keys: ['p'], shown: ['p'], what: 'next range (and go to its start)', run: () => selectRange(1) },
];

function keyName(e) {
  return e.shiftKey && e.key.startsWith('Arrow') ? 'Shift+' + e.key : e.key;
}

function onKey(e) {
  const t = e.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
  if (e.ctrlKey || e.metaKey || e.altKey || $('editor').hidden) return;
  const key = keyName(e);
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(key));
  if (!shortcut) return;
  e.preventDefault();
  shortcut.run(key);
}

function listKeys() {
  const list = $('keys');
  list.innerHTML = '';
  for (const s of SHORTCUTS) {
    const dt = document.createElement('dt');
    s.shown.forEach((k, i) => {
      if (k === '–') { dt.append(' – '); return; }
      if (i > 0 && s.shown[i - 1] !== '–') dt.append(' / ');
      const kbd = document.createElement('kbd');
      kbd.textContent = k;
      dt.append(kbd);
    });
    const dd = document.createElement('dd');
    dd.textContent = s.what;
    list.append(dt, dd);
  }
}

function wireKeys() {
  listKeys();
  document.addEventListener('keydown', onKey);
}
