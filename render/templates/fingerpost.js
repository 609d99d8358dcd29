/* fingerpost decision page. It only walks answers the engine precomputed (the JSON in the page);
   it never fetches anything, never evaluates text, and puts document text in the page with
   textContent only. Links are kept only when they are http(s) or relative. Each decision on the
   page is scoped to its own root element and its own key (`fp`, `fp2` …): its part of the
   address is `KEY:answers`, parts joined by `|` (`#fp:a=x|fp2:b=y`). */
(function () {
  'use strict';
  var SEGMENT = /^([a-z][a-z0-9]*):(.*)$/;
  var CONSTANTS = [null, true, false];
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  function numbers(text, width) {
    var out = [], i, j, n;
    for (i = 0; i < text.length; i += width) {
      n = 0;
      for (j = i; j < i + width; j++) n = n * 64 + DIGITS.indexOf(text.charAt(j));
      out.push(n);
    }
    return out;
  }

  /* The inverse of render/packed.py: rebuild the data from shared strings, shapes and nodes. */
  function unpack(p, r) {
    var tag = r % 4, i = (r - tag) / 4, refs, keys, out, j;
    if (tag === 0) return p.s[i];
    if (tag === 2) return p.k[i];
    if (tag === 3) return CONSTANTS[i];
    refs = numbers(p.n[i], p.w);
    if (refs[0] === 0) {
      out = [];
      for (j = 1; j < refs.length; j++) out.push(unpack(p, refs[j]));
      return out;
    }
    keys = p.h[refs[0] - 1];
    out = Object.create(null);
    for (j = 0; j < keys.length; j++) out[p.s[keys[j]]] = unpack(p, refs[j + 1]);
    return out;
  }

  function safeHref(href) {
    if (typeof href !== 'string') return null;
    var t = href.trim(), m;
    if (!t || /[\u0000-\u0020\u007f-\u009f\\]/.test(t.replace(/ /g, '%20'))) return null;
    m = /^([A-Za-z][A-Za-z0-9+.\-]*):/.exec(t);
    if (m && !/^https?$/i.test(m[1])) return null;
    return t;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function link(href, text) {
    var safe = safeHref(href), a;
    if (!safe) return el('span', null, text);
    a = el('a', null, text);
    a.href = safe;
    return a;
  }

  function cite(source) {
    var c = el('cite', 'fp-cite', source);
    return c;
  }

  function shellWord(w) {
    return /^[\w.,:=@%+\/-]+$/.test(w) ? w : "'" + w.replace(/'/g, "'\\''") + "'";
  }

  var YES = ['yes', 'y', 'true', 'on', '1'], NO = ['no', 'n', 'false', 'off', '0'];

  /* As engine/facts.py compares answers: lower case, '-' and '_' as spaces, spaces collapsed. */
  function norm(text) {
    return String(text).toLowerCase().replace(/[-_]/g, ' ').split(/\s+/).filter(Boolean).join(' ');
  }

  /* A number (as float() reads digits) or a version's parts (kb/values.py Version: v2.4, 2.4.x). */
  function typed(kind, text) {
    var t = text.trim(), m;
    if (kind === 'number') return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : null;
    m = /^[vV]?(\d+(?:\.\d+)*)(?:\.x)?$/.exec(t);
    return m ? m[1].split('.').map(Number) : null;
  }

  /* Numbers as numbers; versions part by part, missing parts as 0 (2.4 == 2.4.0). */
  function compare(a, b) {
    var i, x, y;
    if (typeof a === 'number') return a < b ? -1 : (a > b ? 1 : 0);
    for (i = 0; i < Math.max(a.length, b.length); i++) {
      x = a[i] || 0;
      y = b[i] || 0;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  /* Whether a value lies in an answer's ranges, written `[low,high)` (render/html_data.py range_text). */
  function within(ranges, kind, value) {
    return ranges.split(' ').some(function (r) {
      var ends = r.slice(1, -1).split(',');
      var lo = ends[0] ? compare(value, typed(kind, ends[0])) : 1, hi = ends[1] ? compare(value, typed(kind, ends[1])) : -1;
      return (lo > 0 || (lo === 0 && r.charAt(0) === '[')) && (hi < 0 || (hi === 0 && r.charAt(r.length - 1) === ']'));
    });
  }

  /* The index of the offered answer a value written in a link stands for; -1 if it cannot be read, -2 if it
     is a number or version no offered range holds. */
  function answerFor(q, text) {
    var want = norm(text), word = text.trim().toLowerCase(), value = null, i, a;
    if (q.kind === 'number' || q.kind === 'version') {
      value = typed(q.kind, text);
      if (value === null) return -1;
    } else if (q.kind === 'yesno' && (YES.indexOf(word) >= 0 || NO.indexOf(word) >= 0)) {
      want = YES.indexOf(word) >= 0 ? 'yes' : 'no';
    }
    for (i = 0; i < q.answers.length; i++) {
      a = q.answers[i];
      if (value !== null ? a['in'] && within(a['in'], q.kind, value)
        : [a.key, a.label].concat(a.also || []).some(function (w) { return norm(w) === want; })) return i;
    }
    return value === null ? -1 : -2;
  }

  /* What a question takes, for the line that says a link's value was not understood. */
  function accepts(qid, q) {
    var list = q.answers.map(function (a) { return q.kind === 'choice' ? a.key + ' (' + a.label + ')' : a.label; });
    if (q.kind === 'yesno') return qid + ' takes yes or no.';
    if (q.kind === 'number') return qid + ' takes a number in one of: ' + list.join('; ') + '.';
    if (q.kind === 'version') return qid + ' takes a version such as 2.4.8 or v2.4, in one of: ' + list.join('; ') + '.';
    return qid + ' takes one of: ' + list.join('; ') + '.';
  }

  /* The address's fragment as the decisions' parts ([['fp', 'a=x'], ['fp2', 'b=y']]); [] when there is
     none, null when it is something else (the docs page's own anchor). */
  function segments(hash) {
    var text = hash.charAt(0) === '#' ? hash.slice(1) : hash, out = [], parts, i, m;
    if (!text) return out;
    parts = text.split('|');
    for (i = 0; i < parts.length; i++) {
      m = SEGMENT.exec(parts[i]);
      if (!m) return null;
      out.push([m[1], m[2]]);
    }
    return out;
  }

  /* The answers part of decision `key` in the fragment; null when it has none. */
  function segmentOf(hash, key) {
    var parts = segments(hash) || [], i;
    for (i = 0; i < parts.length; i++) if (parts[i][0] === key) return parts[i][1];
    return null;
  }

  /* The fragment with decision `key`'s part set to `params`: the other decisions' parts stay, in order. */
  function withSegment(hash, key, params) {
    var parts = segments(hash) || [], found = false;
    parts = parts.map(function (s) {
      if (s[0] !== key) return s;
      found = true;
      return [key, params];
    });
    if (!found) parts.push([key, params]);
    return '#' + parts.map(function (s) { return s[0] + ':' + s[1]; }).join('|');
  }

  /* The packed data: text in a <template> (or, in pages written before, a JSON <script>). */
  function dataText(root) {
    var box = root.querySelector('.fp-data');
    return box.content ? box.content.textContent : box.textContent;
  }

  function Page(root) {
    this.root = root;
    this.key = root.getAttribute('data-fp-key') || 'fp';
    this.level = parseInt(root.getAttribute('data-heading') || '1', 10);
    this.shown = null;
    var packed = JSON.parse(dataText(root));
    this.data = unpack(packed, packed.r);
    root.fingerpostData = this.data;
  }

  Page.prototype.heading = function (depth, text) {
    var h = el('h' + Math.min(6, this.level + depth), null, text);
    return h;
  };

  /* The answers in this decision's part of the URL, walked from the first question. A value is read
     the way `fingerpost ask --set` reads it: a number or version falls in the range that holds it, a
     choice is its key, label or a synonym (case, '-' and '_' aside), yes/no also true/false/1/0.
     Returns the states walked, the walk's canonical part (null when the URL has none) and the value
     not understood, if any. */
  Page.prototype.walk = function () {
    var nodes = this.data.nodes, path = [0], own = segmentOf(location.hash, this.key), params, n, k, used = [], rest;
    var out = { path: path, params: own, problem: null };
    if (own === null) return out;
    params = new URLSearchParams(own);
    for (;;) {
      n = nodes[path[path.length - 1]];
      if (!n.q || !params.has(n.q)) break;
      k = answerFor(this.data.questions[n.q], params.get(n.q));
      if (k < 0) {
        out.problem = { qid: n.q, value: params.get(n.q), outside: k === -2 };
        break;
      }
      used.push(n.q);
      path.push(n.kids[k]);
    }
    out.params = this.paramsFor(path);  // a result: the answers it was reached by, each by its key
    if (!n.q) return out;
    rest = new URLSearchParams();  // stopped at a question: the values not used yet stay as written
    params.forEach(function (v, name) { if (used.indexOf(name) < 0) rest.append(name, v); });
    out.params += (used.length && rest.toString() ? '&' : '') + rest.toString();
    if (out.problem) return out;
    rest.forEach(function (v, name) {  // a parameter no question of the decision is named by
      if (!out.problem && !this.data.questions[name]) out.problem = { qid: null, name: name, value: v };
    }, this);
    return out;
  };

  Page.prototype.path = function () {
    return this.walk().path;
  };

  Page.prototype.answers = function (path) {
    var out = [], i, parent, q, k;
    for (i = 1; i < path.length; i++) {
      parent = this.data.nodes[path[i - 1]];
      q = this.data.questions[parent.q];
      k = parent.kids.indexOf(path[i]);
      out.push({ qid: parent.q, question: q, answer: q.answers[k] });
    }
    return out;
  };

  Page.prototype.paramsFor = function (path) {
    var params = new URLSearchParams();
    this.answers(path).forEach(function (a) { params.append(a.qid, a.answer.key); });
    return params.toString();
  };

  /* The link to a state of this decision alone. */
  Page.prototype.hashFor = function (path) {
    return '#' + this.key + ':' + this.paramsFor(path);
  };

  /* Show a state, recorded as a new history entry (Back in the browser returns to the one before). */
  Page.prototype.go = function (path) {
    var hash = withSegment(location.hash, this.key, this.paramsFor(path));
    if (hash !== location.hash) this.setHash(hash, true);
    this.render(true);
  };

  /* After the address changed (Back, Forward, a link): show this decision's part if it changed.
     The docs page's own anchors (and the tree's result links) are none of its business. */
  Page.prototype.update = function () {
    if (segments(location.hash) === null || segmentOf(location.hash, this.key) === this.shown) return;
    this.render(true);
  };

  Page.prototype.render = function (moveFocus) {
    var walk = this.walk(), path = walk.path, node = this.data.nodes[path[path.length - 1]];
    var step = this.root.querySelector('.fp-step'), title, notice = null;
    if (walk.params !== null && walk.params !== segmentOf(location.hash, this.key)) {
      this.setHash(withSegment(location.hash, this.key, walk.params), false);
    }
    this.shown = segmentOf(location.hash, this.key);
    step.textContent = '';
    this.root.setAttribute('data-state', String(path[path.length - 1]));
    this.renderAnswers(path);
    if (walk.problem) notice = step.appendChild(this.notice(walk.problem));
    title = node.q ? this.renderQuestion(node, path, step) : this.renderResult(node, path, step);
    this.root.querySelector('[data-act="back"]').disabled = path.length < 2;
    this.root.querySelector('[data-act="restart"]').disabled = path.length < 2;
    this.root.querySelector('.fp-live').textContent = (notice ? notice.textContent + ' ' : '') + title.textContent;
    if (moveFocus) title.focus();
  };

  /* A new fragment, as a new history entry (`push`) or in place: the link's values written as the
     page's own keys replace what was there, so Back still leads where it did. */
  Page.prototype.setHash = function (hash, push) {
    var url = location.href.split('#')[0] + hash;
    try {
      if (push) history.pushState(history.state, '', url);
      else history.replaceState(history.state, '', url);
    } catch (e) {
      if (push) location.hash = hash;
      else location.replace(url);
    }
  };

  /* One line saying which value of the link was not understood and what the question takes. */
  Page.prototype.notice = function (problem) {
    var q = problem.qid && this.data.questions[problem.qid], said = problem.value, p;
    var text = 'The link\u2019s ' + (problem.qid || problem.name) + '=' + (said.length > 60 ? said.slice(0, 60) + '\u2026' : said);
    if (q) text += (problem.outside ? ' is in none of the ranges offered' : ' was not understood') +
      ', so the page stops at this question: ' + accepts(problem.qid, q);
    else text += ' names no question of this decision; its questions are ' + Object.keys(this.data.questions).join(', ') + '.';
    p = el('p', 'fp-notice', text);
    p.setAttribute('role', 'status');
    return p;
  };

  Page.prototype.renderAnswers = function (path) {
    var self = this, box = this.root.querySelector('.fp-answers'), list = box.querySelector('ol');
    var answers = this.answers(path);
    list.textContent = '';
    box.hidden = answers.length === 0;
    answers.forEach(function (a, i) {
      var li = el('li'), change = el('button', 'fp-change', 'Change');
      li.appendChild(el('span', 'fp-answer-q', a.question.text + ' '));
      li.appendChild(el('strong', 'fp-answer', a.answer.label));
      change.type = 'button';
      change.appendChild(el('span', 'fp-sr', ' the answer to: ' + a.question.text));
      change.addEventListener('click', function () { self.go(path.slice(0, i + 1)); });
      li.appendChild(document.createTextNode(' '));
      li.appendChild(change);
      list.appendChild(li);
    });
  };

  Page.prototype.renderQuestion = function (node, path, step) {
    var self = this, q = this.data.questions[node.q];
    var title = this.heading(1, q.text), list = el('ul', 'fp-choices');
    title.className = 'fp-step-title';
    title.tabIndex = -1;
    step.appendChild(el('p', 'fp-progress', 'Question ' + path.length));
    step.appendChild(title);
    if (q.help) step.appendChild(el('p', 'fp-help', q.help));
    if (q.kind === 'number' || q.kind === 'version') {
      step.appendChild(el('p', 'fp-note', 'Choose the range your answer falls in: every answer in a range gets the same recommendation.'));
    }
    q.answers.forEach(function (a, i) {
      var li = el('li'), b = el('button', 'fp-choice', a.label);
      b.type = 'button';
      b.setAttribute('data-key', a.key);
      b.addEventListener('click', function () { self.go(path.concat([node.kids[i]])); });
      li.appendChild(b);
      list.appendChild(li);
    });
    step.appendChild(list);
    return title;
  };

  Page.prototype.section = function (step, cls, text, items) {
    var box;
    if (!items.length) return null;
    box = el('section', cls);
    box.appendChild(this.heading(2, text));
    step.appendChild(box);
    return box;
  };

  Page.prototype.citedList = function (items, cls) {
    var ul = el('ul', cls);
    items.forEach(function (item) {
      var li = el('li', null, item.text + ' ');
      li.appendChild(cite(item.source));
      ul.appendChild(li);
    });
    return ul;
  };

  Page.prototype.renderResult = function (node, path, step) {
    var doc = node.doc, res = node.result, rec = doc.recommendation, why;
    var title = this.heading(1, rec ? 'Recommended: ' + rec.title : 'No option fits these answers');
    title.className = 'fp-step-title';
    title.tabIndex = -1;
    step.appendChild(title);
    if (rec) {
      step.appendChild(el('p', 'fp-summary', rec.summary));
      why = this.section(step, 'fp-why', 'Why', res.why);
      if (why) why.appendChild(this.citedList(res.why));
    } else {
      step.appendChild(el('p', 'fp-summary', 'Every option is ruled out by these answers. Go back and change one to see what fits.'));
    }
    this.renderWhyNot(step, res.why_not, rec);
    this.renderTradeoffs(step, res.pros, res.cons);
    this.renderChecklist(step, res.checklist);
    if (rec) this.renderDocs(step, rec.docs);
    this.renderDiagram(step, res.diagram);
    this.renderShare(step, path);
    return title;
  };

  Page.prototype.renderWhyNot = function (step, items, rec) {
    var self = this, box = this.section(step, 'fp-why-not', rec ? 'Why not the others' : 'Why each option is ruled out', items);
    var ul = el('ul');
    if (!box) return;
    items.forEach(function (c) {
      var li = el('li', 'fp-' + c.status);
      li.setAttribute('data-option', c.id);
      li.appendChild(el('strong', null, c.headline || c.title));
      if (c.reasons.length) li.appendChild(self.citedList(c.reasons));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  };

  Page.prototype.renderTradeoffs = function (step, pros, cons) {
    var self = this, box = this.section(step, 'fp-tradeoffs', 'Trade-offs', pros.concat(cons));
    if (!box) return;
    [[pros, 'For it', 'fp-pro'], [cons, 'Against it', 'fp-con']].forEach(function (side) {
      if (!side[0].length) return;
      box.appendChild(self.heading(3, side[1]));
      box.appendChild(self.citedList(side[0], side[2]));
    });
  };

  Page.prototype.renderChecklist = function (step, items) {
    var box = this.section(step, 'fp-checklist', 'Before you start', items), ul = el('ul'), key = this.key;
    if (!box) return;
    items.forEach(function (p, i) {
      var li = el('li'), id = key + '-check-' + i, box2 = el('input'), label = el('label', null, p.text);
      box2.type = 'checkbox';
      box2.id = id;
      label.htmlFor = id;
      li.appendChild(box2);
      li.appendChild(label);
      if (p.detail) li.appendChild(el('span', 'fp-detail', ' ' + p.detail));
      if (p.after.length) li.appendChild(el('span', 'fp-detail', ' (after: ' + p.after.join('; ') + ')'));
      if (safeHref(p.href)) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(link(p.href, 'Read more'));
      }
      li.appendChild(document.createTextNode(' '));
      li.appendChild(cite(p.source));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  };

  Page.prototype.renderDocs = function (step, docs) {
    var box = this.section(step, 'fp-docs', 'Read next', docs), ul = el('ul');
    if (!box) return;
    docs.forEach(function (d) {
      var li = el('li');
      li.appendChild(link(d.href, d.title));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  };

  Page.prototype.renderDiagram = function (step, id) {
    var source = id ? this.root.querySelector('[data-diagram="' + id + '"]') : null, box, copy;
    if (!source) return;
    box = this.section(step, 'fp-diagram', 'What it looks like', [id]);
    copy = source.cloneNode(true);
    copy.removeAttribute('data-diagram');
    box.appendChild(copy);
  };

  Page.prototype.renderShare = function (step, path) {
    var box = el('section', 'fp-share'), p = el('p'), words = ['fingerpost', 'ask'];
    p.appendChild(link(this.hashFor(path), 'Link to this result'));
    box.appendChild(p);
    this.answers(path).forEach(function (a) { words.push('--set', shellWord(a.qid + '=' + a.answer.key)); });
    (this.data.priorities || []).forEach(function (name) { words.push('--priority', shellWord(name)); });
    p = el('p', 'fp-cli', 'The same answers on the command line: ');
    p.appendChild(el('code', null, words.join(' ')));
    box.appendChild(p);
    step.appendChild(box);
  };

  Page.prototype.start = function () {
    var self = this, root = this.root, browse = root.querySelector('[data-act="browse"]');
    root.classList.add('fp-js');
    root.querySelector('.fp-app').hidden = false;
    root.querySelector('.fp-static').hidden = true;
    root.querySelector('[data-act="back"]').addEventListener('click', function () {
      var path = self.path();
      self.go(path.slice(0, Math.max(1, path.length - 1)));
    });
    root.querySelector('[data-act="restart"]').addEventListener('click', function () { self.go([0]); });
    browse.addEventListener('click', function () {
      var hidden = root.querySelector('.fp-static').hidden;
      root.querySelector('.fp-static').hidden = !hidden;
      browse.setAttribute('aria-expanded', String(hidden));
    });
    this.listen();
    this.render(false);
    if (window.performance && performance.mark) performance.mark('fingerpost-ready');
  };

  /* Back, Forward and links change the address; a decision taken off the page (a page swapped in
     without a reload) stops listening. */
  Page.prototype.listen = function () {
    var self = this;
    function changed() {
      if (!document.contains(self.root)) {
        window.removeEventListener('hashchange', changed);
        window.removeEventListener('popstate', changed);
        return;
      }
      self.update();
    }
    window.addEventListener('hashchange', changed);
    window.addEventListener('popstate', changed);
  };

  /* Start each decision on the page not started yet; one that fails leaves the others working. */
  function startAll() {
    var roots = document.querySelectorAll('[data-fingerpost]:not([data-fp-started])');
    Array.prototype.forEach.call(roots, function (root) {
      root.setAttribute('data-fp-started', '');
      try {
        new Page(root).start();
      } catch (e) {
        window.setTimeout(function () { throw e; }, 0);
      }
    });
  }

  /* Now, and each time mkdocs-material's instant navigation puts a new page in (its `document$`). */
  function boot() {
    startAll();
    if (window.document$ && typeof window.document$.subscribe === 'function' && !window.fingerpostWatching) {
      window.fingerpostWatching = true;
      window.document$.subscribe(startAll);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
}());
