/* Read aloud ("Listen", issue 14): the browser's own speechSynthesis reads the visible text of one
   part of the page. Nothing leaves the browser. Static: no user text, no words (every word comes
   from the control's data-w-* attributes, built from texts.yaml by decision_aid/listen.py).
   Installed once per document; the controls are plain buttons found by event delegation. */
(() => {
  if (window.__daListen) return;
  window.__daListen = true;

  // Icons and symbols are aria-hidden; a widget's label is too (Streamlit names the group with
  // aria-label), but it is visible text, so it is read.
  const SKIP = '.listen, script, style, noscript, svg, img, canvas, button, ' +
    '[aria-hidden="true"]:not([data-testid="stWidgetLabel"] > *), [hidden], ' +
    '.sr-only, details.chip, .chips, .chips-line, .chip-ind, [data-testid="stToolbar"], [data-listen-skip], ' +
    'nav.steps';
  const STOP = '.listen, hr, [class*="st-key-step_footer_nav"]';
  const SYMBOLS = /[\p{Extended_Pictographic}\u2190-\u21FF\u2500-\u25FF\u2600-\u27BF\uFE0F\u200D]/gu;
  let slow = false;      // the slower speed, for every control on the page (kept while the tab is open)
  let active = null;     // {ctrl, paused, utterances}

  const word = (ctrl, name) => ctrl.getAttribute('data-w-' + name) || '';
  const tagOf = (lang) => (lang === 'es' ? 'es-US' : 'en-US');
  const langOf = (ctrl) => ctrl.getAttribute('data-lang') || document.documentElement.lang || 'en';

  // Figures a listener can follow: "23/1,000" -> "23 out of 1,000", "2–4" -> "2 to 4", "≥" -> "at least".
  function sayable(ctrl, s) {
    const num = '(\\d[\\d.,\\s]*\\d|\\d)';
    return s.replace(SYMBOLS, ' ')
      // "N/100", "N/1,000": the denominators the aid uses; never a date (12/7/2016) or a DOI (10.1002/1465)
      // (no look-behind: this file is inlined in a script element, where its opening would read as markup)
      .replace(new RegExp('(^|[^\\d.,/])' + num + '\\s*/\\s*(10|100|1[,.\\u00a0]?000|10[,.\\u00a0]?000)(?![\\d/])', 'g'),
        (m, pre, a, b) => `${pre}${a} ${word(ctrl, 'out-of')} ${b}`)
      .replace(new RegExp(num + '\\s*[\u2013\u2014]\\s*' + num, 'g'), (m, a, b) => `${a} ${word(ctrl, 'to')} ${b}`)
      .replace(/(\d)\s*%/g, (m, a) => `${a} ${word(ctrl, 'percent')}`)
      .replace(/[\u2265]\s*/g, () => word(ctrl, 'at-least') + ' ')
      .replace(/[\u2264]\s*/g, () => word(ctrl, 'at-most') + ' ')
      .replace(/(^|\s)<\s*(?=\d)/g, (m, a) => `${a}${word(ctrl, 'less-than')} `)
      .replace(/(^|\s)>\s*(?=\d)/g, (m, a) => `${a}${word(ctrl, 'more-than')} `)
      .replace(/(^|\s)[~\u2248]\s*(?=\d)/g, (m, a) => `${a}${word(ctrl, 'about')} `)
      .replace(/\s+/g, ' ');
  }

  function hidden(el) {
    if (el.matches(SKIP)) return true;
    const cs = getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden';
  }

  const isBlock = (el) => !getComputedStyle(el).display.startsWith('inline');

  // Visible text under `roots`, in chunks (one per block), each with the text nodes it came from.
  function collect(ctrl, roots) {
    const chunks = [];
    let cur = null;
    const flush = () => {
      if (cur && cur.text.trim()) {
        const lead = cur.text.length - cur.text.trimStart().length;
        cur.text = cur.text.trim();
        for (const s of cur.segs) { s.start -= lead; s.end -= lead; }
        chunks.push(cur);
      }
      cur = null;
    };
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        let spoken = sayable(ctrl, node.data);
        if (!cur) { if (!spoken.trim()) return; cur = {text: '', segs: []}; }
        if (cur.text.endsWith(' ') && spoken.startsWith(' ')) spoken = spoken.slice(1);
        const start = cur.text.length;
        cur.text += spoken;
        if (spoken.trim()) cur.segs.push({node, start, end: cur.text.length, spoken});
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || hidden(node)) return;
      if (node.tagName === 'DETAILS' && !node.open) {   // closed: only its summary is visible
        const sum = node.querySelector(':scope > summary');
        if (sum) { flush(); walk(sum); flush(); }
        return;
      }
      const block = isBlock(node);
      if (block) flush();
      for (const child of node.childNodes) walk(child);
      if (block) flush();
    };
    for (const r of roots) walk(r);
    flush();
    return chunks;
  }

  // What a control reads: its card ([data-listen-root]), the whole screen, or its part (the element
  // it sits in and the elements after it, up to the next Listen control or the step footer).
  function rootsOf(ctrl) {
    const scope = ctrl.getAttribute('data-listen-scope');
    if (scope === 'card') {
      const card = ctrl.closest('[data-listen-root]');
      return card ? [card] : [];
    }
    if (scope === 'screen') {
      const main = document.querySelector('[data-testid="stMainBlockContainer"]') ||
        document.querySelector('[data-testid="stMain"]');
      return main ? [main] : [];
    }
    const box = ctrl.closest('[data-testid="stElementContainer"]') || ctrl.parentElement;
    const roots = [box];
    for (let el = box.nextElementSibling; el; el = el.nextElementSibling) {
      if (el.matches(STOP) || el.querySelector(STOP)) break;
      roots.push(el);
    }
    return roots;
  }

  function voicesFor(lang, done) {
    const synth = window.speechSynthesis;
    // only voices on the device: a browser's network voices (localService false, such as Chrome's
    // "Google" voices) would send the page's text to a server
    const pick = () => (synth.getVoices() || []).filter(
      (v) => v.localService !== false && (v.lang || '').toLowerCase().replace('_', '-').split('-')[0] === lang);
    if ((synth.getVoices() || []).length) { done(pick()); return; }
    let called = false;
    const finish = () => { if (!called) { called = true; done(pick()); } };
    try { synth.addEventListener('voiceschanged', finish, {once: true}); } catch (e) { /* old browsers */ }
    setTimeout(finish, 800);
  }

  // ---- the control's look: the main button says Listen / Pause / Resume; Stop is inert when idle ---
  function show(ctrl, mode) {
    const main = ctrl.querySelector('[data-listen="play"]');
    const stop = ctrl.querySelector('[data-listen="stop"]');
    if (main) {
      const label = main.querySelector('.listen-label') || main;
      label.textContent = word(ctrl, mode === 'speaking' ? 'pause' : mode === 'paused' ? 'resume' : 'listen');
      if (main.hasAttribute('title')) main.setAttribute('title', label.textContent);   // a card's icon button
      main.setAttribute('data-state', mode);
    }
    if (stop) {   // inert and out of the Tab order when idle; the focus stays on it when pressed
      stop.setAttribute('aria-disabled', mode === 'idle' ? 'true' : 'false');
      stop.tabIndex = mode === 'idle' ? -1 : 0;
    }
    ctrl.classList.toggle('listen-on', mode !== 'idle');
  }

  function say(ctrl, message) {
    const msg = ctrl.querySelector('[data-listen="msg"]');
    if (msg) { msg.textContent = message; msg.hidden = !message; }
  }

  function unmark() { if (window.CSS && CSS.highlights) CSS.highlights.delete('listen-word'); }

  // Highlight the word being read (where the browser reports word boundaries).
  function mark(seg, offset, length) {
    if (!(window.CSS && CSS.highlights && window.Highlight) || !seg.node.isConnected) return;
    const range = document.createRange();
    const orig = seg.node.data;
    const words = [...orig.matchAll(/\S+/g)];
    const spokenWords = [...seg.spoken.matchAll(/\S+/g)];
    const k = spokenWords.findIndex((m) => m.index + m[0].length > offset);
    if (words.length === spokenWords.length && k >= 0) {
      range.setStart(seg.node, words[k].index);
      range.setEnd(seg.node, words[k].index + words[k][0].length);
    } else {
      range.selectNodeContents(seg.node);   // the text was reworded (a figure): mark the whole piece
    }
    CSS.highlights.set('listen-word', new Highlight(range));
  }

  function stop() {
    const was = active;
    active = null;
    try { window.speechSynthesis.cancel(); } catch (e) { /* nothing to stop */ }
    unmark();
    if (was) show(was.ctrl, 'idle');
  }

  function start(ctrl) {
    stop();
    say(ctrl, '');
    if (!('speechSynthesis' in window) || typeof window.SpeechSynthesisUtterance !== 'function') {
      say(ctrl, word(ctrl, 'no-voice'));
      return;
    }
    const lang = langOf(ctrl);
    voicesFor(lang, (voices) => {
      if (!voices.length) { say(ctrl, word(ctrl, 'no-voice')); return; }
      const chunks = collect(ctrl, rootsOf(ctrl));
      if (!chunks.length) return;
      const voice = voices.find((v) => v.default) || voices[0];
      const run = {ctrl, paused: false};
      active = run;
      show(ctrl, 'speaking');
      chunks.forEach((chunk, i) => {
        const u = new SpeechSynthesisUtterance(chunk.text);
        u.lang = voice.lang || tagOf(lang);
        try { u.voice = voice; } catch (e) { /* a stand-in voice */ }
        u.rate = slow ? 0.8 : 1;
        u.onboundary = (ev) => {
          if (active !== run || (ev.name && ev.name !== 'word')) return;
          const seg = chunk.segs.find((s) => ev.charIndex < s.end) || chunk.segs[chunk.segs.length - 1];
          mark(seg, Math.max(0, ev.charIndex - seg.start), ev.charLength || 1);
        };
        const last = i === chunks.length - 1;
        u.onend = () => { if (last && active === run) { active = null; unmark(); show(ctrl, 'idle'); } };
        u.onerror = u.onend;
        window.speechSynthesis.speak(u);
      });
    });
  }

  document.addEventListener('click', (ev) => {
    const btn = ev.target.closest && ev.target.closest('.listen [data-listen]');
    if (!btn) return;
    const ctrl = btn.closest('.listen');
    const what = btn.getAttribute('data-listen');
    if (what === 'play') {
      if (active && active.ctrl === ctrl) {
        if (active.paused) { window.speechSynthesis.resume(); active.paused = false; show(ctrl, 'speaking'); }
        else { window.speechSynthesis.pause(); active.paused = true; show(ctrl, 'paused'); }
      } else {
        start(ctrl);
      }
    } else if (what === 'stop') {
      stop();   // any reading (a card's control has no Stop of its own)
    } else if (what === 'slow') {
      slow = !slow;
      for (const b of document.querySelectorAll('.listen [data-listen="slow"]'))
        b.setAttribute('aria-pressed', slow ? 'true' : 'false');
    }
  });

  // A new page or part replaces the text being read: stop rather than read what is gone.
  new MutationObserver(() => {
    if (active && !active.ctrl.isConnected) stop();
    const lang = document.documentElement.lang === 'es' ? 'en' : 'es';
    for (const b of document.querySelectorAll('[class*="st-key-lang_switch"] button'))
      if (b.getAttribute('lang') !== lang) b.setAttribute('lang', lang);   // its label is in the other language
    for (const b of document.querySelectorAll('.listen [data-listen="slow"]'))
      if (b.getAttribute('aria-pressed') !== String(slow)) b.setAttribute('aria-pressed', String(slow));
  }).observe(document.body, {childList: true, subtree: true});
})();
