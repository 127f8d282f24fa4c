/* The shopping guide's chat panel, on every storefront page, on POST /api/assistant/chat/.
 * It reuses storefront.js's helpers (window.Storefront): same fetch, CSRF and visitor cookie.
 * The conversation id and the transcript are kept in sessionStorage: they survive navigation. */
(function () {
  'use strict';

  var S = window.Storefront;
  var KEY = 'demo-shop-guide';
  var MAX_TURNS = 20;
  var toggle = document.getElementById('chat-toggle');
  var panel = document.getElementById('chat');
  if (!S || !toggle || !panel) return;
  var log = document.getElementById('chat-log');
  var form = document.getElementById('chat-form');
  var input = document.getElementById('chat-message');
  var send = form.querySelector('button[type=submit]');

  function saved() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || '{}'); } catch (e) { return {}; }
  }

  function save(conversation) { sessionStorage.setItem(KEY, JSON.stringify(conversation)); }

  function direction(language) { return language === 'ar' ? 'rtl' : 'auto'; }

  function shopperTurn(text) {
    return S.el('li', { class: 'turn shopper' }, S.el('p', { dir: 'auto', text: text }));
  }

  function productCard(product) {
    var node = S.card(product);
    if (product.reason) node.appendChild(S.el('p', { class: 'reason', dir: 'auto', text: product.reason }));
    return node;
  }

  function guideTurn(data) {
    var turn = S.el('li', {
      class: 'turn guide', lang: data.language, dir: direction(data.language),
      dataset: { action: data.action }
    }, S.el('p', { class: 'reply', text: data.reply }));
    if (data.clarifying_question && data.reply.indexOf(data.clarifying_question) < 0) {
      turn.appendChild(S.el('p', { class: 'clarifying', text: data.clarifying_question }));
    }
    var products = data.products || [];
    if (products.length) {
      var list = S.el('div', { class: 'chat-products', role: 'list', 'aria-label': 'Products the guide suggests' });
      products.forEach(function (product) {
        var item = productCard(product);
        item.setAttribute('role', 'listitem');
        list.appendChild(item);
      });
      turn.appendChild(list);
    }
    if ((data.citations || []).length) {
      turn.appendChild(S.el('p', { class: 'sources-title', text: 'Based on:' }));
      turn.appendChild(S.citationList(data.citations));
    }
    return turn;
  }

  function renderChips(suggestions, language) {
    var chips = S.clear(document.getElementById('chat-chips'));
    chips.setAttribute('lang', language || '');
    (suggestions || []).forEach(function (text) {
      var chip = S.el('button', { type: 'button', class: 'chip', dir: 'auto', text: text });
      chip.addEventListener('click', function () { say(text); });
      chips.appendChild(chip);
    });
  }

  function render() {
    var conversation = saved();
    S.clear(log);
    (conversation.turns || []).forEach(function (turn) {
      log.appendChild(turn.shopper !== undefined ? shopperTurn(turn.shopper) : guideTurn(turn.guide));
    });
    var last = (conversation.turns || []).filter(function (t) { return t.guide; }).pop();
    renderChips(last ? last.guide.suggestions : [], last ? last.guide.language : '');
    document.getElementById('chat-intro').hidden = !!(conversation.turns || []).length;
    log.scrollTop = log.scrollHeight;
  }

  function remember(conversation, turn) {
    conversation.turns = (conversation.turns || []).concat([turn]).slice(-MAX_TURNS);
    save(conversation);
  }

  function say(text) {
    text = text.trim();
    if (!text || send.disabled) return;
    var conversation = saved();
    var payload = { message: text };
    if (conversation.id) payload.conversation_id = conversation.id;
    if (S.LANG) payload.lang = S.LANG;
    remember(conversation, { shopper: text });
    render();
    input.value = '';
    send.disabled = true;
    panel.setAttribute('aria-busy', 'true');
    var waiting = S.el('li', { class: 'turn guide pending', text: '…' });
    log.appendChild(waiting);
    S.request(S.API + 'chat/', { json: payload }).then(function (data) {
      conversation.id = data.conversation_id;
      remember(conversation, { guide: data });
      render();
    }).catch(function (error) {
      waiting.remove();
      log.appendChild(S.el('li', { class: 'turn guide error', role: 'alert', text: error.message }));
    }).then(function () {
      send.disabled = false;
      panel.removeAttribute('aria-busy');
      input.focus();
    });
  }

  function open(show) {
    panel.hidden = !show;
    toggle.setAttribute('aria-expanded', String(show));
    sessionStorage.setItem(KEY + '-open', show ? '1' : '');
    if (show) { render(); input.focus(); } else { toggle.focus(); }
  }

  toggle.addEventListener('click', function () { open(panel.hidden); });
  document.getElementById('chat-close').addEventListener('click', function () { open(false); });
  document.getElementById('chat-new').addEventListener('click', function () {
    sessionStorage.removeItem(KEY); render(); input.focus();
  });
  panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') open(false); });
  form.addEventListener('submit', function (event) { event.preventDefault(); say(input.value); });
  if (sessionStorage.getItem(KEY + '-open')) { panel.hidden = false; toggle.setAttribute('aria-expanded', 'true'); render(); }
}());
