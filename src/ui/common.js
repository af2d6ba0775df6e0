/* Shared helpers of the «Маршрут» sidebars. Data from the server is only ever put into the page as text. */
'use strict';

function $(id) {
  return document.getElementById(id);
}

/** Creates an element; attrs are set as properties/attributes, children are nodes or strings (as text). */
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach(function (name) {
      var value = attrs[name];
      if (value == null || value === false) return;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'className') node.className = value;
      else if (name.slice(0, 2) === 'on' && typeof value === 'function') node.addEventListener(name.slice(2), value);
      else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'selected') node[name] = value;
      else node.setAttribute(name, String(value));
    });
  }
  (children || []).forEach(function (child) {
    if (child == null || child === false) return;
    node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  });
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function show(node, visible) {
  node.classList.toggle('hidden', !visible);
}

/** Puts a message into a message box (text only); an empty message hides the box. */
function setMessage(box, kind, text) {
  box.className = 'box ' + kind;
  box.textContent = text || '';
  show(box, Boolean(text));
}

function errorText(error) {
  if (!error) return 'Неизвестная ошибка.';
  var message = typeof error === 'string' ? error : error.message;
  return message ? String(message) : 'Не удалось выполнить действие. Попробуйте ещё раз.';
}

/** Calls a server function; resolves with its result or rejects with its Error. */
function rpc(name, payload) {
  return new Promise(function (resolve, reject) {
    if (typeof google === 'undefined' || !google.script || !google.script.run) {
      reject(new Error('Страница открыта вне Google Таблиц: сервер недоступен.'));
      return;
    }
    var runner = google.script.run.withSuccessHandler(resolve).withFailureHandler(reject);
    if (typeof runner[name] !== 'function') {
      reject(new Error('Функция сервера «' + name + '» недоступна.'));
      return;
    }
    if (payload === undefined) runner[name]();
    else runner[name](payload);
  });
}

/**
 * Runs a server call with the page busy: all buttons/inputs in `scope` disabled, the loading line shown.
 * Returns the promise of the call; the page is unlocked whatever the outcome.
 */
var busyCount = 0;
function busy(promiseFactory, loadingText) {
  busyCount++;
  setBusy(true, loadingText);
  var done = function () {
    busyCount--;
    if (busyCount === 0) setBusy(false);
  };
  var promise;
  try {
    promise = promiseFactory();
  } catch (e) {
    promise = Promise.reject(e);
  }
  return promise.then(
    function (value) {
      done();
      return value;
    },
    function (error) {
      done();
      throw error;
    },
  );
}

function setBusy(on, text) {
  var loading = $('loading');
  if (loading) {
    var label = loading.querySelector('.loading-text');
    if (label) label.textContent = text || 'Загрузка…';
    show(loading, on);
  }
  document.body.setAttribute('aria-busy', on ? 'true' : 'false');
  var controls = document.querySelectorAll('button, select, input, textarea');
  for (var i = 0; i < controls.length; i++) {
    var c = controls[i];
    if (on) {
      if (!c.disabled) {
        c.disabled = true;
        c.setAttribute('data-busy-disabled', '1');
      }
    } else if (c.getAttribute('data-busy-disabled')) {
      c.removeAttribute('data-busy-disabled');
      c.disabled = false;
    }
  }
}

/** True for an absolute https URL (no javascript:, data:, relative links). */
function isHttpsUrl(value) {
  if (typeof value !== 'string' || !/^https:\/\//i.test(value.trim())) return false;
  try {
    return new URL(value.trim()).protocol === 'https:';
  } catch (e) {
    return false;
  }
}

/**
 * Past 80 % of Google's 10 million cells, a warning on top of the page (rpcWorkbookHealth: aggregates only, no
 * access needed). A page calls it once when it opens; a failure to ask is not worth disturbing the methodist.
 */
function showHealthBanner() {
  rpc('rpcWorkbookHealth').then(
    function (health) {
      if (!health || !health.warn || !health.message) return;
      var banner = el('div', { id: 'healthBanner', className: 'box warning', role: 'alert', text: health.message });
      document.body.insertBefore(banner, document.body.firstChild);
    },
    function () {},
  );
}

/** A value as people read it: at most one decimal with a decimal comma, «%» for a percentage, «—» for none. */
var NUMBER_FORMAT = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
function shown(value, unit) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'number') return String(value);
  return NUMBER_FORMAT.format(value) + (unit === '%' ? ' %' : '');
}

/**
 * The change against the year before (SPEC §6 «Динамика»): an arrow and the signed figure, percentage points for a
 * percentage — «↑ +2,5 п. п.», «↓ −3», «→ 0»; «—» when there is no year before to compare with.
 */
function shownChange(change, unit) {
  if (typeof change !== 'number') return '—';
  var arrow = change > 0 ? '↑ +' : change < 0 ? '↓ −' : '→ ';
  return arrow + NUMBER_FORMAT.format(Math.abs(change)) + (unit === '%' ? ' п. п.' : '');
}

/** `гггг-мм-дд…` (how dates cross google.script.run) as `дд.мм.гггг`. */
function shownDay(iso) {
  var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? m[3] + '.' + m[2] + '.' + m[1] : '';
}

/** `гггг-мм-ддTчч:мм…` as `дд.мм.гггг чч:мм`. */
function shownTime(iso) {
  var m = /T(\d{2}:\d{2})/.exec(iso || '');
  return shownDay(iso) + (m ? ' ' + m[1] : '');
}

/**
 * While a long server call runs, the page's #progress line says where it is: `progressRpc` (which reads what the
 * call keeps in the user cache) is polled every second until stopProgress().
 */
var progressTimer = null;
function startProgress(progressRpc, text) {
  var line = $('progress');
  line.textContent = text;
  show(line, true);
  progressTimer = setInterval(function () {
    rpc(progressRpc).then(
      function (p) {
        if (progressTimer && p) line.textContent = p.message + (p.total > 1 ? ': ' + p.done + ' из ' + p.total : '') + '…';
      },
      function () {},
    );
  }, 1000);
}
function stopProgress() {
  clearInterval(progressTimer);
  progressTimer = null;
  show($('progress'), false);
}
