// The home page is complete without this script; it only says how long ago each stream's
// newest segment ended, and keeps that current.
'use strict';

function ago(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return s + ' s ago';
  if (s < 7200) return Math.round(s / 60) + ' min ago';
  if (s < 172800) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' days ago';
}

function showAges() {
  for (const cell of document.querySelectorAll('[data-newest]')) {
    let span = cell.querySelector('.ago');
    if (!span) {
      span = document.createElement('span');
      span.className = 'ago';
      cell.appendChild(span);
    }
    span.textContent = '(' + ago(Date.now() - Date.parse(cell.dataset.newest)) + ')';
  }
}

showAges();
setInterval(showAges, 1000);
