/* The demo storefront's behaviour, on shop_assistant's public API only (no build step).
 * Search as you type, facets, suggestions, recommendations, questions, events, cart. */
(function () {
  'use strict';

  var body = document.body;
  var API = body.dataset.api;
  var LANG = body.dataset.lang; // '' = auto: the API detects the language of the text
  var PAGE_SIZE = 12;
  var CART_KEY = 'demo-shop-cart';
  var CLICK_KEY = 'demo-shop-clicks';
  var CITATION_KINDS = {
    attribute: 'Product details', title: 'Product name', description: 'Description',
    faq: 'Shop FAQ', review: 'Customer review'
  };

  // -- helpers ------------------------------------------------------------------------
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? '' : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  function cookie(name) {
    var match = document.cookie.match('(?:^|; )' + name.replace(/[.$?*|{}()[\]\\/+^]/g, '\\$&') + '=([^;]*)');
    return match ? decodeURIComponent(match[1]) : '';
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function withLang(params) {
    if (LANG) params.set('lang', LANG);
    return params;
  }

  function request(url, options) {
    options = options || {};
    var headers = { Accept: 'application/json' };
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['X-CSRFToken'] = cookie('csrftoken');
    }
    return fetch(url, {
      method: options.json !== undefined ? 'POST' : 'GET',
      credentials: 'same-origin',
      headers: headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
      keepalive: !!options.keepalive
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var detail = data.detail || Object.keys(data).map(function (k) {
            return k + ': ' + [].concat(data[k]).join(' ');
          }).join('; ');
          throw new Error(detail || ('HTTP ' + response.status));
        }
        return data;
      });
    });
  }

  function api(path, params) {
    var query = params ? '?' + params.toString() : '';
    return request(API + path + query);
  }

  // -- events ---------------------------------------------------------------------------
  function track(type, productId, extra) {
    var event = Object.assign({ event_id: newId(), type: type, product_id: String(productId) }, extra || {});
    return request(API + 'events/', { json: { events: [event] }, keepalive: true })
      .catch(function () { /* tracking never breaks shopping */ });
  }

  function rememberClick(productId, queryId) {
    var clicks = JSON.parse(sessionStorage.getItem(CLICK_KEY) || '{}');
    clicks[productId] = queryId;
    sessionStorage.setItem(CLICK_KEY, JSON.stringify(clicks));
  }

  function clickedQuery(productId) {
    return JSON.parse(sessionStorage.getItem(CLICK_KEY) || '{}')[productId] || null;
  }

  // -- highlighting -------------------------------------------------------------------
  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  /* text with every occurrence of the terms wrapped in <mark> */
  function highlighted(text, terms) {
    var fragment = document.createDocumentFragment();
    var words = (terms || []).filter(function (t) { return t && t.length > 1; })
      .sort(function (a, b) { return b.length - a.length; }).map(escapeRegExp);
    if (!words.length) { fragment.appendChild(document.createTextNode(text)); return fragment; }
    var pattern = new RegExp('(' + words.join('|') + ')', 'giu');
    var last = 0;
    text.replace(pattern, function (match, _group, offset) {
      if (offset > last) fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      fragment.appendChild(el('mark', { text: match }));
      last = offset + match.length;
      return match;
    });
    if (last < text.length) fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function queryTerms(query, hit) {
    var terms = query.split(/[\s,.;:!?¿¡"'()]+/u);
    var lexical = hit.explanation && hit.explanation.lexical;
    if (lexical && lexical.matched_terms) terms = terms.concat(lexical.matched_terms);
    return terms;
  }

  // -- product cards ------------------------------------------------------------------
  function price(value, currency) {
    if (value === null || value === undefined || value === '') return '';
    var number = Number(value);
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined,
        { style: 'currency', currency: currency || 'EUR' }).format(number);
    } catch (e) { return value + ' ' + (currency || ''); }
  }

  function card(hit, options) {
    options = options || {};
    var link = el('a', { href: hit.url, class: 'card-link', dataset: { productId: hit.product_id } },
      hit.image ? el('img', { src: hit.image, alt: '', width: 160, height: 160 }) : el('span', { class: 'no-image' }),
      el('span', { class: 'title', lang: hit.title_language, dir: 'auto' },
        options.terms ? highlighted(hit.title, options.terms) : hit.title));
    link.addEventListener('click', function () {
      if (options.queryId) {
        rememberClick(hit.product_id, options.queryId);
        track('search_click', hit.product_id, { query_id: options.queryId });
      } else {
        track('click', hit.product_id);
      }
    });
    var source = hit.explanation ? hit.explanation.source : '';
    return el('article', {
      class: 'card result', dataset: {
        productId: hit.product_id, category: (hit.category_path || []).join(' '), source: source
      }
    }, link,
      el('p', { class: 'meta' }, el('span', { class: 'price', text: price(hit.price, hit.currency) }),
        hit.brand ? el('span', { class: 'brand', dir: 'auto', text: hit.brand }) : null,
        hit.in_stock ? null : el('span', { class: 'stock out', text: 'Out of stock' })));
  }

  function fillCards(container, cards, empty, options) {
    clear(container);
    if (!cards.length) { container.appendChild(el('p', { class: 'hint', text: empty })); return; }
    cards.forEach(function (hit) { container.appendChild(card(hit, options)); });
  }

  function loadList(container, path, params, empty) {
    return api(path, withLang(params)).then(function (data) {
      fillCards(container, data.results || [], empty);
      return data;
    }).catch(function (error) {
      clear(container).appendChild(el('p', { class: 'error', role: 'alert', text: error.message }));
    });
  }

  // -- cart ---------------------------------------------------------------------------
  function cart() { return JSON.parse(localStorage.getItem(CART_KEY) || '[]'); }

  function saveCart(lines) { localStorage.setItem(CART_KEY, JSON.stringify(lines)); renderCart(); }

  function addToCart(item) {
    var lines = cart();
    var line = lines.filter(function (l) { return l.product_id === item.product_id; })[0];
    if (line) line.quantity += 1;
    else lines.push(Object.assign({ quantity: 1 }, item));
    saveCart(lines);
    track('add_to_cart', item.product_id, item.query_id ? { query_id: item.query_id } : {});
  }

  function renderCart() {
    var lines = cart();
    var count = lines.reduce(function (sum, l) { return sum + l.quantity; }, 0);
    $('cart-count').textContent = String(count);
    var list = clear($('cart-lines'));
    lines.forEach(function (line, index) {
      var remove = el('button', { type: 'button', class: 'link', 'aria-label': 'Remove ' + line.title, text: '×' });
      remove.addEventListener('click', function () {
        var rest = cart(); rest.splice(index, 1); saveCart(rest);
      });
      list.appendChild(el('li', {}, el('a', { href: line.url, dir: 'auto', text: line.title }),
        ' × ' + line.quantity + ' ', remove));
    });
    $('cart-empty').hidden = lines.length > 0;
    $('checkout-link').hidden = lines.length === 0;
  }

  function setupCart() {
    var toggle = $('cart-toggle');
    toggle.addEventListener('click', function () {
      var panel = $('mini-cart');
      panel.hidden = !panel.hidden;
      toggle.setAttribute('aria-expanded', String(!panel.hidden));
    });
    renderCart();
  }

  // -- language selector ----------------------------------------------------------------
  function setupLanguage() {
    $('language').addEventListener('change', function (event) {
      var value = event.target.value;
      var name = body.dataset.languageCookie;
      document.cookie = value
        ? name + '=' + encodeURIComponent(value) + '; path=/; max-age=31536000; samesite=lax'
        : name + '=; path=/; max-age=0; samesite=lax';
      window.location.reload();
    });
  }

  // -- search -------------------------------------------------------------------------
  var state = { q: '', page: 1, filters: {}, sort: 'relevance' };
  var searchSeq = 0;
  var lastResults = null;

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = (params.get('q') || '').trim();
    state.page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
    state.sort = params.get('sort') || 'relevance';
    state.filters = {};
    params.forEach(function (value, key) {
      if (['category', 'brand', 'min_price', 'max_price', 'in_stock'].indexOf(key) >= 0 ||
          key.indexOf('attr.') === 0) state.filters[key] = value;
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    Object.keys(state.filters).forEach(function (k) { params.set(k, state.filters[k]); });
    if (state.page > 1) params.set('page', String(state.page));
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    var query = params.toString();
    history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
  }

  function syncFilterInputs() {
    $('min_price').value = state.filters.min_price || '';
    $('max_price').value = state.filters.max_price || '';
    $('in_stock').checked = state.filters.in_stock === 'true';
    $('sort').value = state.sort;
  }

  function facetParam(name) {
    if (name === 'category' || name === 'brand' || name === 'in_stock') return name;
    if (name === 'price' || name === 'price_range' || name === 'price_ranges') return 'price';
    return name.indexOf('attr.') === 0 ? name : 'attr.' + name;
  }

  function facetEntries(group) {
    if (Array.isArray(group)) return group;
    return (group && (group.values || group.buckets || group.ranges)) || [];
  }

  function entryLabel(entry) {
    if (entry.label) return String(entry.label);
    if (entry.min !== undefined || entry.max !== undefined) {
      var low = entry.min !== undefined && entry.min !== null ? entry.min : 0;
      return entry.max !== undefined && entry.max !== null ? low + ' – ' + entry.max : low + '+';
    }
    if (entry.value === true || entry.value === 'true') return 'Yes';
    if (entry.value === false || entry.value === 'false') return 'No';
    return String(entry.value);
  }

  function isSelected(param, entry) {
    if (param === 'price') {
      return String(entry.min || '') === (state.filters.min_price || '') &&
        String(entry.max || '') === (state.filters.max_price || '') &&
        !!(state.filters.min_price || state.filters.max_price);
    }
    return state.filters[param] !== undefined && state.filters[param] === String(entry.value);
  }

  function toggleFacet(param, entry, on) {
    if (param === 'price') {
      delete state.filters.min_price; delete state.filters.max_price;
      if (on && entry.min !== undefined && entry.min !== null) state.filters.min_price = String(entry.min);
      if (on && entry.max !== undefined && entry.max !== null) state.filters.max_price = String(entry.max);
    } else if (on) {
      state.filters[param] = String(entry.value);
    } else {
      delete state.filters[param];
    }
    syncFilterInputs();
    runSearch(1);
  }

  function renderFacets(facets) {
    var container = clear($('facets'));
    Object.keys(facets || {}).forEach(function (name) {
      var group = facets[name];
      var entries = facetEntries(group);
      if (!entries.length) return;
      var param = facetParam(name);
      var title = (!Array.isArray(group) && group.label) || name.replace(/^attr\./, '').replace(/[_.]/g, ' ');
      var parents = {};
      entries.forEach(function (entry) { if (entry.parent) parents[entry.value] = entry.parent; });
      var fieldset = el('fieldset', { class: 'facet', dataset: { facet: name } },
        el('legend', { text: title.charAt(0).toUpperCase() + title.slice(1) }));
      entries.slice(0, 12).forEach(function (entry, index) {
        var id = 'facet-' + name.replace(/[^a-z0-9]/gi, '-') + '-' + index;
        var input = el('input', { type: 'checkbox', id: id, checked: isSelected(param, entry), dataset: { value: String(entry.value) } });
        input.addEventListener('change', function () { toggleFacet(param, entry, input.checked); });
        var depth = Number(entry.depth || entry.level || 0);
        for (var up = parents[entry.value]; up && depth < 5; up = parents[up]) depth += 1;
        fieldset.appendChild(el('div', { class: 'facet-value', style: depth ? 'margin-inline-start:' + depth + 'em' : null },
          input, el('label', { for: id, dir: 'auto' }, entryLabel(entry) + ' ',
            el('span', { class: 'count', text: '(' + entry.count + ')' }))));
      });
      container.appendChild(fieldset);
    });
  }

  /* every suggestion-like block the response carries, whatever its shape */
  function suggestionTexts(value, out) {
    if (!value) return out;
    if (typeof value === 'string') { out.texts.push(value); return out; }
    if (Array.isArray(value)) { value.forEach(function (v) { suggestionTexts(v, out); }); return out; }
    if (typeof value === 'object') {
      if (value.url && value.title) { out.products.push(value); return out; }
      var text = value.query || value.text || value.term || value.suggestion || value.label || value.name || value.value;
      if (typeof text === 'string') { out.texts.push(text); return out; }
      Object.keys(value).forEach(function (k) { suggestionTexts(value[k], out); });
    }
    return out;
  }

  function renderSuggestions(data) {
    var container = clear($('suggestions'));
    var out = { texts: [], products: [] };
    var help = data.suggestions && !Array.isArray(data.suggestions) && typeof data.suggestions === 'object'
      ? data.suggestions : null;
    var categories = help && Array.isArray(help.categories) ? help.categories : [];
    if (help) {
      Object.keys(help).forEach(function (key) { if (key !== 'categories') suggestionTexts(help[key], out); });
    } else {
      suggestionTexts(data.suggestions, out);
    }
    ['did_you_mean', 'corrected_query', 'related_searches', 'related'].forEach(function (key) {
      suggestionTexts(data[key], out);
    });
    var seen = {};
    var texts = out.texts.filter(function (t) {
      var key = t.toLowerCase();
      if (seen[key] || key === state.q.toLowerCase()) return false;
      seen[key] = true; return true;
    }).slice(0, 8);
    if (texts.length) {
      var line = el('p', { class: 'did-you-mean' }, 'Did you mean: ');
      texts.forEach(function (text, index) {
        var link = el('a', { href: '?q=' + encodeURIComponent(text), dir: 'auto', text: text });
        link.addEventListener('click', function (event) {
          event.preventDefault();
          $('q').value = text; state.q = text; runSearch(1);
        });
        if (index) line.appendChild(document.createTextNode(' · '));
        line.appendChild(link);
      });
      container.appendChild(line);
    }
    if (categories.length) {
      var browse = el('p', { class: 'browse-categories' }, 'Browse: ');
      categories.slice(0, 6).forEach(function (category, index) {
        var name = String(category.label || category.value).replace(/-/g, ' ');
        var link = el('a', { href: '?q=' + encodeURIComponent(name), text: name });
        link.addEventListener('click', function (event) {
          event.preventDefault();
          $('q').value = name; state.q = name; state.filters = {}; syncFilterInputs(); runSearch(1);
        });
        if (index) browse.appendChild(document.createTextNode(' · '));
        browse.appendChild(link);
      });
      container.appendChild(browse);
    }
    if (out.products.length) {
      container.appendChild(el('h2', { class: 'related-title', text: 'You might like instead' }));
      var grid = el('div', { class: 'grid small' });
      out.products.slice(0, 6).forEach(function (hit) { grid.appendChild(card(hit)); });
      container.appendChild(grid);
    }
  }

  function sortedHits(hits) {
    if (state.sort === 'relevance') return hits;
    var sign = state.sort === 'price-asc' ? 1 : -1;
    return hits.slice().sort(function (a, b) {
      var pa = a.price === null ? Infinity : Number(a.price);
      var pb = b.price === null ? Infinity : Number(b.price);
      return pa === pb ? 0 : (pa < pb ? -sign : sign);
    });
  }

  function renderPager(count) {
    var pager = clear($('pager'));
    var pages = Math.ceil(count / PAGE_SIZE);
    if (pages <= 1) return;
    function button(label, page, current) {
      var b = el('button', { type: 'button', text: label, 'aria-current': current ? 'page' : null, disabled: page < 1 || page > pages });
      b.addEventListener('click', function () { runSearch(page); window.scrollTo(0, 0); });
      return b;
    }
    pager.appendChild(button('‹ Previous', state.page - 1));
    var first = Math.max(1, Math.min(state.page - 2, pages - 4));
    for (var p = first; p <= Math.min(pages, first + 4); p++) pager.appendChild(button(String(p), p, p === state.page));
    pager.appendChild(button('Next ›', state.page + 1));
  }

  function renderResults(data) {
    lastResults = data;
    var hits = data.results || [];
    var languageName = data.language;
    var option = document.querySelector('#language option[value^="' + data.language + '"]');
    if (option) languageName = option.textContent;
    $('summary').textContent = data.count + (data.count === 1 ? ' result' : ' results') + ' for “' + state.q +
      '” · ' + languageName + (data.language_source === 'detected' ? ' (detected)' : '');
    $('zero-query').textContent = state.q;
    $('zero-results').hidden = hits.length > 0;
    renderSuggestions(data);
    renderFacets(data.facets);
    var grid = clear($('results'));
    sortedHits(hits).forEach(function (hit) {
      grid.appendChild(card(hit, { queryId: data.query_id, terms: queryTerms(state.q, hit) }));
    });
    renderPager(data.count);
  }

  function runSearch(page) {
    state.page = page || 1;
    writeUrl();
    var showing = !!state.q;
    $('home').hidden = showing;
    $('search-results').hidden = !showing;
    if (!showing) { loadHome(); return Promise.resolve(); }
    var params = withLang(new URLSearchParams({ q: state.q, page: String(state.page), page_size: String(PAGE_SIZE) }));
    Object.keys(state.filters).forEach(function (k) { params.set(k, state.filters[k]); });
    var seq = ++searchSeq;
    body.setAttribute('aria-busy', 'true');
    return api('search/', params).then(function (data) {
      if (seq === searchSeq) renderResults(data);
    }).catch(function (error) {
      if (seq !== searchSeq) return;
      $('summary').textContent = error.message;
      $('summary').setAttribute('role', 'alert');
    }).then(function () {
      if (seq === searchSeq) body.removeAttribute('aria-busy');
    });
  }

  var homeLoaded = false;
  function loadHome() {
    if (homeLoaded) return;
    homeLoaded = true;
    loadList($('recommended'), 'recommendations/', new URLSearchParams({ limit: '8' }),
      'Nothing to recommend yet.').then(function (data) {
      var personal = data && (data.results || []).some(function (hit) {
        return hit.explanation && hit.explanation.source === 'personalized';
      });
      $('recommended-hint').textContent = personal
        ? 'Picked from the products you looked at.'
        : 'Open a few products: these follow what you look at.';
    });
    loadList($('trending'), 'trending/', new URLSearchParams({ limit: '8' }), 'Nothing trends yet.');
  }

  function setupStorefront() {
    readUrl();
    $('q').value = state.q;
    syncFilterInputs();
    var typed = debounce(function () {
      state.q = $('q').value.trim();
      runSearch(1);
    }, 250);
    $('q').addEventListener('input', typed);
    document.querySelector('form.search').addEventListener('submit', function (event) {
      event.preventDefault();
      state.q = $('q').value.trim();
      runSearch(1);
    });
    ['min_price', 'max_price'].forEach(function (id) {
      $(id).addEventListener('change', function () {
        var value = $(id).value.trim();
        if (value && !(Number(value) >= 0)) return;
        if (value) state.filters[id] = value; else delete state.filters[id];
        runSearch(1);
      });
    });
    $('in_stock').addEventListener('change', function () {
      if ($('in_stock').checked) state.filters.in_stock = 'true'; else delete state.filters.in_stock;
      runSearch(1);
    });
    $('clear-filters').addEventListener('click', function () {
      state.filters = {}; syncFilterInputs(); runSearch(1);
    });
    $('sort').addEventListener('change', function () {
      state.sort = $('sort').value;
      writeUrl();
      if (lastResults) renderResults(lastResults);
    });
    $('filters-toggle').addEventListener('click', function () {
      var form = $('filters');
      var open = form.classList.toggle('open');
      $('filters-toggle').setAttribute('aria-expanded', String(open));
    });
    runSearch(state.page);
  }

  // -- product page ---------------------------------------------------------------------
  function markCitation(text) {
    /* the cited sentence highlighted where it stands in the description, when it does */
    var description = $('description');
    if (!description || !text) return;
    var walker = document.createTreeWalker(description, NodeFilter.SHOW_TEXT);
    var needle = text.trim().slice(0, 200);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var at = node.nodeValue.indexOf(needle);
      if (at < 0) continue;
      var range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      range.surroundContents(el('mark', { class: 'cited' }));
      return;
    }
  }

  function renderAnswer(data) {
    var box = clear($('answer'));
    box.setAttribute('lang', data.language);
    box.setAttribute('dir', data.language === 'ar' ? 'rtl' : 'auto');
    box.className = data.grounded ? 'answer grounded' : 'answer refusal';
    box.appendChild(el('p', { class: 'answer-text', text: data.answer }));
    var citations = data.citations || [];
    if (citations.length) {
      box.appendChild(el('p', { class: 'sources-title', text: 'Based on:' }));
      box.appendChild(citationList(citations));
      citations.forEach(function (citation) {
        if (citation.kind === 'description') markCitation(citation.text);
      });
    }
  }

  /* the sources of an answer as readable quotes: a label for the kind, the cited text */
  function citationList(citations) {
    var list = el('ul', { class: 'citations' });
    citations.forEach(function (citation) {
      var label = CITATION_KINDS[citation.kind] || citation.kind;
      if (citation.field && citation.kind === 'attribute') label += ' · ' + citation.field.replace(/_/g, ' ');
      list.appendChild(el('li', { class: 'citation', dataset: { kind: citation.kind } },
        el('span', { class: 'source', text: label }), ' ',
        el('q', { lang: citation.language, dir: 'auto' }, el('mark', { text: citation.text }))));
    });
    return list;
  }

  function setupProduct() {
    var article = $('product');
    var amount = article.querySelector('.amount[data-amount]');
    if (amount && amount.dataset.amount) amount.textContent = price(amount.dataset.amount, amount.dataset.currency);
    var productId = article.dataset.productId;
    var queryId = clickedQuery(productId);
    track('view', productId, queryId ? { query_id: queryId } : {});
    $('add-to-cart').addEventListener('click', function () {
      addToCart({
        product_id: productId, title: article.dataset.title, price: article.dataset.price,
        currency: article.dataset.currency, url: window.location.pathname, query_id: queryId
      });
      $('add-to-cart').textContent = 'Added ✓';
    });
    $('ask-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var question = $('question').value.trim();
      if (!question) return;
      var box = clear($('answer'));
      box.appendChild(el('p', { class: 'hint', text: '…' }));
      var payload = { question: question, product_id: productId };
      if (LANG) payload.lang = LANG;
      request(API + 'ask/', { json: payload }).then(renderAnswer).catch(function (error) {
        clear(box).appendChild(el('p', { class: 'error', role: 'alert', text: error.message }));
      });
    });
    var limit = new URLSearchParams({ limit: '6' });
    loadList($('similar'), 'products/' + productId + '/similar/', limit, 'No similar products.');
    loadList($('bought-together'), 'products/' + productId + '/bought-together/',
      new URLSearchParams({ limit: '4' }), 'Nobody bought this with anything yet.');
  }

  // -- checkout -----------------------------------------------------------------------
  function setupCheckout() {
    var lines = cart();
    var tbody = clear(document.querySelector('#checkout-lines tbody'));
    var total = 0;
    lines.forEach(function (line) {
      total += Number(line.price || 0) * line.quantity;
      tbody.appendChild(el('tr', {}, el('td', { dir: 'auto' }, el('a', { href: line.url, text: line.title })),
        el('td', { text: String(line.quantity) }), el('td', { text: price(line.price, line.currency) })));
    });
    $('checkout-total').textContent = lines.length ? 'Total: ' + price(total, (lines[0] || {}).currency) : 'Your cart is empty.';
    var button = $('place-order');
    button.disabled = !lines.length;
    button.addEventListener('click', function () {
      button.disabled = true;
      request(body.dataset.checkout, {
        json: { lines: lines.map(function (l) { return { product_id: Number(l.product_id), quantity: l.quantity }; }) }
      }).then(function (data) {
        var events = lines.map(function (l) {
          var event = { event_id: newId(), type: 'purchase', product_id: String(l.product_id), order_id: data.order, quantity: l.quantity };
          if (l.query_id) event.query_id = l.query_id;
          return event;
        });
        return request(API + 'events/', { json: { events: events } }).then(function () {
          saveCart([]);
          $('order-result').textContent = 'Thank you! Order ' + data.order + ' is placed.';
          $('order-result').dataset.order = data.order;
        });
      }).catch(function (error) {
        button.disabled = false;
        $('order-result').textContent = error.message;
      });
    });
  }

  // -- start ----------------------------------------------------------------------------
  /* the helpers the shopping guide's panel (storefront-chat.js) shares */
  window.Storefront = {
    API: API, LANG: LANG, el: el, clear: clear, request: request, card: card,
    citationList: citationList
  };
  setupLanguage();
  setupCart();
  var page = body.dataset.page;
  if (page === 'storefront') setupStorefront();
  else if (page === 'product') setupProduct();
  else if (page === 'checkout') setupCheckout();
}());
