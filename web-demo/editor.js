/**
 * A textarea with a line-number gutter that can mark lines (error / warning) and select a
 * line:column range. No contenteditable, no dependency.
 */

/**
 * The string index of a 1-based line and column as the package gives them (columns count code
 * points, so a character outside the BMP is one column but two string indices), clamped to the line.
 * @param {string} text @param {number} line @param {number} column
 * @returns {number}
 */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const eol = text.indexOf('\n', offset);
  const end = eol < 0 ? text.length : eol;
  for (let c = 1; c < column && offset < end; c++) offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  return Math.min(offset, end);
}

export class Editor {
  /**
   * @param {HTMLElement} host an element containing a <textarea>
   * @param {{ onChange?: (text: string) => void }} [options]
   */
  constructor(host, { onChange } = {}) {
    this.host = host;
    this.textarea = /** @type {HTMLTextAreaElement} */ (host.querySelector('textarea'));
    this.gutter = document.createElement('div');
    this.gutter.className = 'gutter';
    this.gutter.setAttribute('aria-hidden', 'true');
    this.lines = document.createElement('div');
    this.lines.className = 'gutter-lines';
    this.gutter.append(this.lines);
    host.prepend(this.gutter);
    this.marks = new Map();
    this.lineCount = 0;
    this.textarea.spellcheck = false;
    this.textarea.setAttribute('wrap', 'off');
    this.textarea.addEventListener('input', () => {
      this.renderGutter();
      onChange?.(this.value);
    });
    this.textarea.addEventListener('scroll', () => this.syncScroll());
    this.textarea.addEventListener('keydown', (e) => this.keydown(e));
    this.renderGutter();
  }

  get value() { return this.textarea.value; }

  /** Replaces the text (examples): shown from its first line and column, the caret at the start. */
  set value(text) {
    const t = this.textarea;
    t.value = text;
    t.setSelectionRange(0, 0);
    t.scrollTop = 0;
    t.scrollLeft = 0;
    this.renderGutter();
  }

  keydown(e) {
    // Tab indents by two spaces instead of leaving the editor (Shift+Tab / Esc then Tab still leave).
    if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !this.escaped) {
      e.preventDefault();
      const t = this.textarea;
      t.setRangeText('  ', t.selectionStart, t.selectionEnd, 'end');
      t.dispatchEvent(new Event('input'));
    }
    this.escaped = e.key === 'Escape';
  }

  renderGutter() {
    const count = this.value.split('\n').length;
    if (count !== this.lineCount) {
      const frag = document.createDocumentFragment();
      for (let n = 1; n <= count; n++) {
        const d = document.createElement('div');
        d.textContent = String(n);
        frag.append(d);
      }
      this.lines.replaceChildren(frag);
      this.lineCount = count;
      // The editor's height follows its text up to a cap (style.css), so what is below stays near.
      this.host.style.setProperty('--lines', String(count));
      this.applyMarks();
    }
    this.syncScroll();
  }

  syncScroll() {
    this.lines.style.transform = `translateY(${-this.textarea.scrollTop}px)`;
  }

  /** @param {Array<{ line: number, severity: 'error' | 'warning', message: string }>} marks */
  setMarks(marks) {
    this.marks = new Map();
    for (const m of marks) {
      const prev = this.marks.get(m.line);
      if (!prev) this.marks.set(m.line, { severity: m.severity, messages: [m.message] });
      else {
        prev.messages.push(m.message);
        if (m.severity === 'error') prev.severity = 'error';
      }
    }
    this.applyMarks();
  }

  applyMarks() {
    const rows = this.lines.children;
    for (let n = 0; n < rows.length; n++) {
      const mark = this.marks.get(n + 1);
      const row = /** @type {HTMLElement} */ (rows[n]);
      row.className = mark ? `mark-${mark.severity}` : '';
      if (mark) row.title = mark.messages.join('\n');
      else row.removeAttribute('title');
    }
  }

  /** Moves the cursor to line:column (1-based) and selects up to `endOffset` or the end of the token. */
  select(line, column, endOffset) {
    const t = this.textarea;
    const text = t.value;
    const start = offsetOf(text, line, column);
    let end = endOffset ?? start;
    if (endOffset === undefined) {
      const m = /^("(?:[^"\\\n]|\\.)*"|[\w.+-]+)/.exec(text.slice(start));
      end = start + (m ? m[0].length : 0);
    }
    const eol = text.indexOf('\n', start);
    if (eol >= 0 && end > eol) end = eol; // never select across lines: the caret stays readable
    t.focus({ preventScroll: true });
    t.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(t).lineHeight) || 18;
    const top = (line - 1) * lineHeight;
    if (top < t.scrollTop || top > t.scrollTop + t.clientHeight - 2 * lineHeight) {
      t.scrollTop = Math.max(0, top - t.clientHeight / 3);
    }
    this.syncScroll();
    // On a narrow screen the problem clicked is below the editor: bring the editor back.
    const box = this.host.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) this.host.scrollIntoView({ block: box.height > innerHeight ? 'start' : 'nearest' });
    const row = this.lines.children[line - 1];
    if (row) {
      row.classList.add('flash');
      setTimeout(() => row.classList.remove('flash'), 900);
    }
  }
}
