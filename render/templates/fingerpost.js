/* fingerpost decision page. It only walks answers the engine precomputed (the JSON in the page);
   it never fetches anything, never evaluates text, and puts document text in the page with
   textContent only. Links are kept only when they are http(s) or relative. */
(function () {
  'use strict';
  var PREFIX = '#fp:';
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

  function Page(root) {
    this.root = root;
    this.level = parseInt(root.getAttribute('data-heading') || '1', 10);
    var packed = JSON.parse(root.querySelector('script.fp-data').textContent);
    this.data = unpack(packed, packed.r);
    root.fingerpostData = this.data;
  }

  Page.prototype.heading = function (depth, text) {
    var h = el('h' + Math.min(6, this.level + depth), null, text);
    return h;
  };

  Page.prototype.path = function () {
    var nodes = this.data.nodes, path = [0], hash = location.hash, params, n, k;
    if (hash.indexOf(PREFIX) !== 0) return path;
    params = new URLSearchParams(hash.slice(PREFIX.length));
    for (;;) {
      n = nodes[path[path.length - 1]];
      if (!n.q || !params.has(n.q)) break;
      k = this.keys(n.q).indexOf(params.get(n.q));
      if (k < 0) break;
      path.push(n.kids[k]);
    }
    return path;
  };

  Page.prototype.keys = function (qid) {
    return this.data.questions[qid].answers.map(function (a) { return a.key; });
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

  Page.prototype.hashFor = function (path) {
    var params = new URLSearchParams();
    this.answers(path).forEach(function (a) { params.append(a.qid, a.answer.key); });
    return PREFIX + params.toString();
  };

  Page.prototype.go = function (path) {
    var hash = this.hashFor(path);
    if (location.hash === hash) this.render(true);
    else location.hash = hash;
  };

  Page.prototype.render = function (moveFocus) {
    var path = this.path(), node = this.data.nodes[path[path.length - 1]];
    var step = this.root.querySelector('.fp-step'), title;
    step.textContent = '';
    this.root.setAttribute('data-state', String(path[path.length - 1]));
    this.renderAnswers(path);
    title = node.q ? this.renderQuestion(node, path, step) : this.renderResult(node, path, step);
    this.root.querySelector('[data-act="back"]').disabled = path.length < 2;
    this.root.querySelector('[data-act="restart"]').disabled = path.length < 2;
    this.root.querySelector('.fp-live').textContent = title.textContent;
    if (moveFocus) title.focus();
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
    var box = this.section(step, 'fp-checklist', 'Before you start', items), ul = el('ul'), root = this.root;
    if (!box) return;
    items.forEach(function (p, i) {
      var li = el('li'), id = (root.id || 'fp') + '-check-' + i, box2 = el('input'), label = el('label', null, p.text);
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
    window.addEventListener('hashchange', function () {
      // the docs page's own anchors (and the tree's result links) are none of our business
      if (!location.hash || location.hash.indexOf(PREFIX) === 0) self.render(true);
    });
    this.render(false);
    if (window.performance && performance.mark) performance.mark('fingerpost-ready');
  };

  Array.prototype.forEach.call(document.querySelectorAll('[data-fingerpost]'), function (root) {
    if (root.fingerpostData) return;
    new Page(root).start();
  });
}());
