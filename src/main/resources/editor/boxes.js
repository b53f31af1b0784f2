// Streamvault editor: a box (left, top, right, bottom in the image's own pixels, as the API stores
// crop and location) drawn over an <img> and edited by dragging: drag inside to move it, drag its
// corner handle to resize it. Shared by the thumbnail section and the templates page.
'use strict';

// img: the image; box: its overlay element (position: absolute inside the img's positioned parent,
// with a child .handle); onChange(box) is called with [l, t, r, b] after each drag.
function BoxEditor(img, boxEl, onChange) {
  this.img = img;
  this.el = boxEl;
  this.onChange = onChange;
  this.value = null;
  const self = this;
  boxEl.addEventListener('pointerdown', (e) => self.start(e, e.target.classList.contains('handle') ? 'resize' : 'move'));
  window.addEventListener('resize', () => self.draw());
  img.addEventListener('load', () => self.draw());
}

BoxEditor.prototype.scale = function () {
  // image pixels per displayed pixel
  return this.img.naturalWidth && this.img.clientWidth ? this.img.naturalWidth / this.img.clientWidth : 1;
};

BoxEditor.prototype.set = function (value) {
  this.value = value ? value.slice() : null;
  this.draw();
};

BoxEditor.prototype.draw = function () {
  const v = this.value;
  if (!v || !this.img.naturalWidth) {
    this.el.hidden = true;
    return;
  }
  const s = this.scale();
  this.el.hidden = false;
  this.el.style.left = (this.img.offsetLeft + v[0] / s) + 'px';
  this.el.style.top = (this.img.offsetTop + v[1] / s) + 'px';
  this.el.style.width = ((v[2] - v[0]) / s) + 'px';
  this.el.style.height = ((v[3] - v[1]) / s) + 'px';
};

BoxEditor.prototype.start = function (e, how) {
  if (!this.value) return;
  e.preventDefault();
  e.stopPropagation();
  const self = this, from = this.value.slice(), x0 = e.clientX, y0 = e.clientY, s = this.scale();
  const w = this.img.naturalWidth, h = this.img.naturalHeight;
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  function move(ev) {
    const dx = Math.round((ev.clientX - x0) * s), dy = Math.round((ev.clientY - y0) * s);
    if (how === 'move') {
      const bw = from[2] - from[0], bh = from[3] - from[1];
      const l = clamp(from[0] + dx, 0, w - bw), t = clamp(from[1] + dy, 0, h - bh);
      self.value = [l, t, l + bw, t + bh];
    } else {
      self.value = [from[0], from[1], clamp(from[2] + dx, from[0] + 1, w), clamp(from[3] + dy, from[1] + 1, h)];
    }
    self.draw();
  }
  function up() {
    document.removeEventListener('pointermove', move);
    document.removeEventListener('pointerup', up);
    self.onChange(self.value.slice());
  }
  document.addEventListener('pointermove', move);
  document.addEventListener('pointerup', up);
};

// "l,t,r,b" as four integers, or null
function parseBox(text) {
  const parts = String(text || '').split(',').map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => !/^-?\d+$/.test(p))) return null;
  return parts.map(Number);
}
