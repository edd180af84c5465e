// cardscan review page. Every stored value reaches the page through
// textContent or an input's value, never as HTML: a card that says <script>
// shows that text.
'use strict';

const TOKEN = document.querySelector('meta[name="csrf-token"]').content;
// Fields below these confidences are highlighted (calibration in the README:
// below 0.5 a quarter are right, 0.5-0.7 five in six, 0.9 and up 99 in 100).
const BAD = 0.5;
const DOUBT = 0.75;

const state = {
  view: 'review',   // review | all | followups
  query: '',
  items: [],        // queue summaries
  index: -1,        // position of the open contact in items
  contact: null,    // the open contact's detail
  crop: 0,          // which of its cards is shown
  counts: {},
};

const $ = (id) => document.getElementById(id);

// Builds an element; text goes in as textContent only.
function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === 'value') node.value = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of [].concat(children)) if (child) node.append(child);
  return node;
}

async function api(path, options = {}) {
  const headers = { 'X-CSRF-Token': TOKEN };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
    credentials: 'same-origin',
  });
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json() : { error: await res.text() };
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

let toastTimer = 0;
function toast(message, bad = false) {
  const t = $('toast');
  t.textContent = message;
  t.className = bad ? 'toast bad' : 'toast';
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, bad ? 6000 : 2500);
}

function filterQuery() {
  const p = new URLSearchParams();
  p.set('scope', state.view === 'review' ? 'review' : 'all');
  if (state.query) p.set('q', state.query);
  return p;
}

function updateDownloads() {
  for (const kind of ['vcf', 'csv', 'ics']) {
    const p = filterQuery();
    p.set('t', TOKEN);
    const link = $('dl-' + kind);
    link.href = '/api/export.' + kind + '?' + p.toString();
    link.title = 'Download ' + (state.view === 'review' ? 'the contacts to review' : 'the contacts shown') +
      (kind === 'ics' ? ' as follow-up tasks' : '');
  }
}

function level(confidence) {
  if (confidence === undefined || confidence === null) return '';
  if (confidence < BAD) return 'bad';
  if (confidence < DOUBT) return 'doubt';
  return '';
}

// ------------------------------------------------------------------ queue

// Reloads the list; opens `keepId` (or the card at the same place). With
// listOnly and a card open, the open card is left as it is (typing goes on).
let queueRequests = 0;
async function loadQueue(keepId, listOnly = false) {
  // Only the latest request may draw: a slow answer to an older filter (a tab
  // click racing a search) would show the wrong list.
  const ticket = ++queueRequests;
  const data = await api('/api/queue?' + filterQuery().toString());
  if (ticket !== queueRequests) return;
  state.items = data.items;
  state.counts = data.counts;
  $('count-review').textContent = data.counts.unreviewed || '';
  $('count-all').textContent = data.counts.contacts || '';
  $('count-followups').textContent = data.counts.followups_due || '';
  renderQueue();
  updateDownloads();
  if (state.view === 'followups') return;
  if (listOnly && state.contact) return markCurrent();
  let index = keepId ? state.items.findIndex((i) => i.id === keepId) : -1;
  if (index < 0) index = Math.min(Math.max(state.index, 0), state.items.length - 1);
  await openIndex(index);
}

function renderQueue() {
  const list = $('queue');
  list.replaceChildren();
  const title = state.view === 'review' ? 'To review' : 'All contacts';
  $('queue-title').textContent = title + ' · ' + state.items.length;
  if (!state.items.length) {
    list.append(el('li', { class: 'empty', text: state.query ? 'Nothing matches “' + state.query + '”.' :
      state.view === 'review' ? 'All reviewed. Add photos to scan more.' : 'No contacts yet. Add photos to scan them.' }));
    return;
  }
  let session = null;
  state.items.forEach((item, i) => {
    if (item.session !== session) {
      session = item.session;
      list.append(el('li', { class: 'session', text: session || 'No event' }));
    }
    const dot = item.reviewed ? 'dot done' : 'dot ' + level(item.lowest);
    list.append(el('li', {
      class: 'queue-item', 'data-id': item.id, 'aria-current': i === state.index ? 'true' : 'false',
      title: item.reviewed ? 'Reviewed' : 'Lowest field confidence ' + Math.round(item.lowest * 100) + '%',
      on: { click: () => { document.body.classList.remove('show-list'); openIndex(i); } },
    }, [
      el('span', { class: dot }),
      el('span', { class: 'who' }, [el('b', { text: item.name }), el('span', { text: [item.title, item.company].filter(Boolean).join(' · ') || item.email })]),
      el('span', { class: 'tag ' + (item.reviewed ? '' : level(item.lowest)), text: queueTag(item) }),
    ]));
  });
}

// What the list says on the right: why a card is doubtful, or how many cards it has.
const FIELD_LABELS = { name: 'name', title: 'title', company: 'company', department: 'department', emails: 'e-mail',
  phones: 'phone', website: 'website', address: 'address' };
function queueTag(item) {
  if (!item.reviewed && level(item.lowest)) return (FIELD_LABELS[item.weakest] || item.weakest) + ' ' + Math.round(item.lowest * 100) + '%';
  return item.cards > 1 ? item.cards + ' cards' : '';
}

function markCurrent() {
  const at = state.contact ? state.items.findIndex((i) => i.id === state.contact.id) : -1;
  if (at >= 0) state.index = at;
  if ($('position')) $('position').textContent = at >= 0 ? (at + 1) + ' of ' + state.items.length : '';
  for (const node of $('queue').querySelectorAll('.queue-item')) {
    const current = Number(node.dataset.id) === (state.contact && state.contact.id);
    node.setAttribute('aria-current', current ? 'true' : 'false');
    if (current) node.scrollIntoView({ block: 'nearest' });
  }
}

async function openIndex(index) {
  if (index < 0 || index >= state.items.length) {
    state.index = -1;
    state.contact = null;
    renderEmptyDetail();
    return;
  }
  state.index = index;
  await openContact(state.items[index].id);
}

async function openContact(id) {
  state.contact = await api('/api/contact/' + id);
  state.crop = 0;
  const at = state.items.findIndex((i) => i.id === id);
  if (at >= 0) state.index = at;
  renderDetail();
  markCurrent();
}

function renderEmptyDetail() {
  const done = state.view === 'review' && !state.query && state.counts.contacts > 0;
  $('detail').replaceChildren(el('div', { class: 'empty' }, [
    el('p', { text: done ? 'Every card is reviewed.' : state.query ? 'No contact matches.' : 'No contacts yet.' }),
    el('p', { text: 'Drop card photos anywhere on this page, or use “Add photos”.' }),
  ]));
}

// ------------------------------------------------------------------ detail

function sourceLine(lines) {
  if (!lines || !lines.length) return null;
  return el('div', { class: 'source', text: lines.join('  ·  '), title: 'Read from the card: ' + lines.join(' / ') });
}

function fieldRow(label, key, input, confidence, sources, reviewed) {
  const lvl = reviewed ? '' : level(confidence);
  const row = el('div', { class: 'field ' + lvl, 'data-key': key, 'data-level': lvl }, [
    el('label', { text: label, for: input.id }),
    el('div', { class: 'inputs' }, input.parts || [input]),
    el('span', { class: 'conf', text: confidence === undefined ? '' : Math.round(confidence * 100) + '%',
      title: 'How sure the reader was' }),
    sourceLine(sources),
  ]);
  return row;
}

let fieldSeq = 0;
function textInput(value, name, placeholder) {
  const input = el('input', { type: 'text', id: 'f' + (++fieldSeq), name, value: value || '', placeholder, autocomplete: 'off', spellcheck: 'false' });
  input.dataset.original = value || '';
  return input;
}

function phoneInput(phone) {
  const type = el('select', { name: 'phone-type', 'aria-label': 'Phone type' },
    ['work', 'mobile', 'fax', 'other'].map((t) => el('option', { value: t, text: t })));
  type.value = phone.type || 'work';
  type.dataset.original = type.value;
  const number = textInput(phone.text || phone.e164, 'phone', '+1 415 555 0123');
  number.parts = [type, number];
  return number;
}

function renderDetail() {
  const c = state.contact;
  const detail = $('detail');
  if (!c) return renderEmptyDetail();
  const position = state.index >= 0 ? (state.index + 1) + ' of ' + state.items.length : '';
  const head = el('div', { class: 'detail-head' }, [
    el('h1', { text: c.display }),
    el('span', { class: 'where', text: [c.event, c.cards.length > 1 ? c.cards.length + ' cards' : ''].filter(Boolean).join(' · ') }),
    el('span', { class: c.reviewed ? 'status reviewed' : 'status doubt', text: c.reviewed ? 'reviewed' : 'to review' }),
    el('span', { class: 'nav' }, [
      el('button', { type: 'button', class: 'button small', text: '◀', title: 'Previous (k)', on: { click: () => move(-1) } }),
      el('span', { id: 'position', text: position }),
      el('button', { type: 'button', class: 'button small', text: '▶', title: 'Next (j)', on: { click: () => move(1) } }),
    ]),
  ]);

  // The card itself.
  const cards = c.cards;
  const shown = cards[state.crop] || null;
  const frame = el('div', { class: 'crop-frame' }, shown && shown.has_crop
    ? el('img', { src: '/api/crop/' + shown.id + '?t=' + TOKEN, alt: 'Card photo of ' + c.display, id: 'crop' })
    : el('div', { class: 'nocrop', text: 'No card image stored' }));
  const tabs = cards.length > 1 ? el('div', { class: 'crop-tabs' }, cards.map((card, i) =>
    el('button', { type: 'button', class: 'button small', 'aria-pressed': i === state.crop ? 'true' : 'false',
      text: 'Card ' + (i + 1) + (card.file ? ': ' + card.file : ''), on: { click: () => { state.crop = i; renderDetail(); } } }))) : null;
  const ocr = el('div', { class: 'ocr', id: 'ocr' }, [el('div', { class: 'ocr-title', text: 'What the card says' })]
    .concat((shown ? shown.lines : []).map((line) => el('div', { text: line }))));
  const pane = el('div', { class: 'card-pane' }, [frame, tabs, ocr]);

  // The fields, in card order.
  const conf = c.confidence || {};
  const src = c.sources || {};
  const rows = [];
  rows.push(fieldRow('Name', 'name', textInput(c.name, 'name'), conf.name, src.name, c.reviewed));
  rows.push(fieldRow('Title', 'title', textInput(c.title, 'title'), conf.title, src.title, c.reviewed));
  rows.push(fieldRow('Company', 'company', textInput(c.company, 'company'), conf.company, src.company, c.reviewed));
  if (c.department) rows.push(fieldRow('Department', 'department', textInput(c.department, 'department'), conf.department, src.department, c.reviewed));
  const emails = c.emails.length ? c.emails : [''];
  emails.forEach((e, i) => rows.push(fieldRow(i ? '' : 'E-mail', 'emails', textInput(e, 'email', 'name@company.com'), e ? conf.emails : undefined, (src.emails || [])[i], c.reviewed)));
  const phones = c.phones.length ? c.phones : [{ type: 'work', text: '' }];
  phones.forEach((p, i) => rows.push(fieldRow(i ? '' : 'Phone', 'phones', phoneInput(p), p.text ? p.confidence : undefined, (src.phones || [])[i], c.reviewed)));
  const webs = c.websites.length ? c.websites : [''];
  webs.forEach((w, i) => rows.push(fieldRow(i ? '' : 'Website', 'websites', textInput(w, 'website', 'company.com'), w ? conf.website : undefined, (src.websites || [])[i], c.reviewed)));
  const address = el('textarea', { id: 'f' + (++fieldSeq), name: 'address', rows: '2', spellcheck: 'false' });
  address.value = c.address || '';
  address.dataset.original = c.address || '';
  rows.push(fieldRow('Address', 'address', address, c.address ? conf.address : undefined, src.address, c.reviewed));
  rows.push(fieldRow('Note', 'note', textInput(c.note, 'note', 'Met at the booth; send pricing'), undefined, null, true));

  const addButtons = el('div', { class: 'row add' }, [
    el('button', { type: 'button', class: 'button small', text: '+ e-mail', on: { click: () => addRow('emails') } }),
    el('button', { type: 'button', class: 'button small', text: '+ phone', on: { click: () => addRow('phones') } }),
    el('button', { type: 'button', class: 'button small', text: '+ website', on: { click: () => addRow('websites') } }),
  ]);
  const actions = el('div', { class: 'form-actions' }, [
    el('button', { type: 'submit', class: 'button primary', id: 'accept', text: c.reviewed ? 'Save & next' : 'Accept & next' }),
    el('button', { type: 'button', class: 'button', id: 'save', text: 'Save', on: { click: () => save(false) } }),
    el('span', { class: 'hint', text: 'Enter accepts · Shift+Enter saves and stays · Esc undoes a field' }),
  ]);
  const form = el('form', { class: 'fields', id: 'fields', autocomplete: 'off', on: { submit: (e) => { e.preventDefault(); save(true); } } },
    rows.concat([addButtons, actions, el('div', { class: 'error', id: 'form-error', role: 'alert' })]));
  form.addEventListener('input', (e) => markChanged(e.target));
  form.addEventListener('change', (e) => markChanged(e.target));

  const side = el('div', {}, [form, mergeBox(c), followupBox(c), alternatesBox(c)]);
  detail.replaceChildren(head, el('div', { class: 'review' }, [pane, side]));
  for (const row of form.querySelectorAll('.field')) {
    const input = row.querySelector('input, textarea');
    if (input) input.addEventListener('focus', () => highlightSource(row));
  }
  focusMostDoubtful();
}

function addRow(key) {
  const rows = [...$('fields').querySelectorAll('.field[data-key="' + key + '"]')];
  const last = rows[rows.length - 1];
  const input = key === 'phones' ? phoneInput({ type: 'work', text: '' }) : textInput('', key === 'emails' ? 'email' : 'website');
  const row = fieldRow('', key, input, undefined, null, true);
  last.after(row);
  input.focus();
}

function markChanged(input) {
  const row = input.closest('.field');
  if (!row) return;
  const changed = [...row.querySelectorAll('input, select, textarea')].some((i) => i.value !== i.dataset.original);
  row.classList.toggle('changed', changed);
}

// Shows which OCR line the focused field came from.
function highlightSource(row) {
  const source = row.querySelector('.source');
  const want = source ? source.title.replace('Read from the card: ', '').split(' / ') : [];
  for (const line of $('ocr').querySelectorAll('div:not(.ocr-title)')) line.classList.toggle('hit', want.includes(line.textContent));
}

function focusMostDoubtful() {
  const rows = [...$('fields').querySelectorAll('.field[data-level="bad"], .field[data-level="doubt"]')];
  const pick = rows.find((r) => r.dataset.level === 'bad') || rows[0];
  if (pick) {
    const input = pick.querySelector('input, textarea');
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  } else if (document.activeElement && document.activeElement !== document.body && !$('search').contains(document.activeElement)) {
    document.activeElement.blur();
  }
}

function collect() {
  const form = $('fields');
  const values = (name) => [...form.querySelectorAll('[name="' + name + '"]')].map((i) => i.value.trim()).filter(Boolean);
  const one = (name) => form.querySelector('[name="' + name + '"]').value;
  const phones = [...form.querySelectorAll('.field[data-key="phones"]')].map((row) => ({
    type: row.querySelector('select').value, text: row.querySelector('input').value.trim(),
  })).filter((p) => p.text);
  return {
    name: one('name').trim(), title: one('title').trim(), company: one('company').trim(),
    department: form.querySelector('[name="department"]') ? one('department').trim() : state.contact.department,
    address: one('address').trim(), note: one('note'),
    emails: values('email'), websites: values('website'), phones,
  };
}

let saving = false;
async function save(next) {
  if (!state.contact || saving) return;
  saving = true;
  const id = state.contact.id;
  try {
    const result = await api('/api/contact/' + id, { method: 'POST', json: Object.assign(collect(), { reviewed: true }) });
    toast(result.changed ? 'Saved and marked reviewed' : 'Marked reviewed');
    const wasIndex = state.index;
    await refreshAfterChange(next ? null : id, wasIndex, next);
  } catch (err) {
    $('form-error').textContent = err.message;
  } finally {
    saving = false;
  }
}

// Reloads the queue after a change and opens the next card to review.
async function refreshAfterChange(stayId, wasIndex, next) {
  const ticket = ++queueRequests;
  const data = await api('/api/queue?' + filterQuery().toString());
  if (ticket !== queueRequests) return;
  state.items = data.items;
  state.counts = data.counts;
  $('count-review').textContent = data.counts.unreviewed || '';
  $('count-all').textContent = data.counts.contacts || '';
  $('count-followups').textContent = data.counts.followups_due || '';
  renderQueue();
  if (stayId && state.items.some((i) => i.id === stayId)) return openContact(stayId);
  // In the review view an accepted card leaves the list, so the next one moves up into its place.
  let index = state.view === 'review' ? wasIndex : wasIndex + (next ? 1 : 0);
  if (index >= state.items.length) index = state.items.length - 1;
  await openIndex(index);
}

async function move(step) {
  if (!state.items.length) return;
  const index = Math.min(Math.max(state.index + step, 0), state.items.length - 1);
  if (index !== state.index) await openIndex(index);
}

// ------------------------------------------------------------------ merge

function mergeBox(c) {
  const box = el('div', { class: 'side-box' + (c.back_side ? ' suggest' : ''), id: 'merge' });
  if (c.back_side) {
    const b = c.back_side;
    const label = [b.name, b.company].filter(Boolean).join(' · ');
    const text = c.person
      ? 'The card scanned next to this one, “' + label + '”, has no person\u2019s name: is it this card\u2019s back side?'
      : 'This card has no person\u2019s name. “' + label + '” was scanned next to it: is this its back side?';
    // The named side is kept; the other is merged into it.
    const keep = c.person ? c.id : b.id, other = c.person ? b.id : c.id;
    box.append(el('h2', { text: 'Back side?' }), el('p', { text }),
      el('div', { class: 'row' }, [
        el('button', { type: 'button', class: 'button primary', id: 'merge-suggested', text: 'Merge as one contact (m)',
          on: { click: () => merge(keep, other) } }),
        el('button', { type: 'button', class: 'button small', text: 'View it', on: { click: () => openContact(b.id) } }),
      ]));
  } else {
    box.append(el('h2', { text: 'Same person as…' }));
  }
  const results = el('ul', { class: 'merge-results' });
  const search = el('input', { type: 'search', class: 'merge-search', id: 'merge-search', placeholder: 'Find another card to merge with this one', 'aria-label': 'Find a contact to merge with' });
  let timer = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      results.replaceChildren();
      const q = search.value.trim();
      if (!q) return;
      const data = await api('/api/queue?scope=all&q=' + encodeURIComponent(q));
      for (const item of data.items.filter((i) => i.id !== c.id).slice(0, 8)) {
        results.append(el('li', {}, [
          el('span', { text: [item.name, item.company, item.email].filter(Boolean).join(' · ') }),
          el('button', { type: 'button', class: 'button small', text: 'Merge into this',
            on: { click: () => merge(c.id, item.id) } }),
        ]));
      }
      if (!results.children.length) results.append(el('li', { text: 'No other contact matches.' }));
    }, 150);
  });
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
  box.append(el('div', { class: 'row' }, [search]), results);
  return box;
}

async function merge(keep, other) {
  try {
    await api('/api/merge', { method: 'POST', json: { keep, other } });
    toast('Merged into one contact');
    await loadQueue(keep);
    if (!state.contact || state.contact.id !== keep) await openContact(keep);
  } catch (err) {
    toast(err.message, true);
  }
}

// ------------------------------------------------------------------ follow-ups

function followupBox(c) {
  const open = c.followups.filter((f) => f.status === 'open');
  if (!open.length) {
    const done = c.followups.filter((f) => f.status === 'done');
    return done.length ? el('div', { class: 'side-box', id: 'followup' }, [el('h2', { text: 'Follow-up' }), el('p', { text: 'Done.' })]) : null;
  }
  const f = open[0];
  const when = f.snoozed_until ? 'snoozed until ' + f.snoozed_until : 'due ' + f.due;
  return el('div', { class: 'side-box', id: 'followup' }, [
    el('h2', { text: 'Follow-up' }),
    el('div', { class: 'row' }, [
      el('span', { text: when }),
      el('button', { type: 'button', class: 'button ok', id: 'followup-done', text: 'Done (d)', on: { click: () => followupDone(f.id) } }),
      el('button', { type: 'button', class: 'button small', text: '+1 day', on: { click: () => snooze(f.id, 1) } }),
      el('button', { type: 'button', class: 'button small', text: '+1 week', on: { click: () => snooze(f.id, 7) } }),
    ]),
  ]);
}

async function followupDone(id) {
  try {
    await api('/api/followup/' + id + '/done', { method: 'POST', json: {} });
    toast('Follow-up done');
    await refreshFollowups();
  } catch (err) {
    toast(err.message, true);
  }
}

async function snooze(id, days) {
  try {
    const r = await api('/api/followup/' + id + '/snooze', { method: 'POST', json: { days } });
    toast('Snoozed until ' + r.until);
    await refreshFollowups();
  } catch (err) {
    toast(err.message, true);
  }
}

async function refreshFollowups() {
  if (state.view === 'followups') return renderFollowups();
  if (state.contact) await openContact(state.contact.id);
  const data = await api('/api/queue?' + filterQuery().toString());
  $('count-followups').textContent = data.counts.followups_due || '';
}

async function renderFollowups() {
  const data = await api('/api/followups');
  const section = $('followups');
  const group = (title, list, cls) => {
    if (!list.length) return [];
    return [el('h2', { class: cls, text: title + ' · ' + list.length })].concat(list.map((f) => el('div', { class: 'fu ' + cls, 'data-id': f.id }, [
      el('span', { class: 'who', title: 'Open the contact', on: { click: () => showContact(f.contact_id) } }, [
        el('b', { text: f.contact }), el('span', { text: f.company ? ' · ' + f.company : '' }), el('span', { class: 'due', text: '  ' + (f.snoozed_until ? 'snoozed to ' + f.snoozed_until : f.due) })]),
      el('button', { type: 'button', class: 'button ok', text: 'Done', on: { click: () => followupDone(f.id) } }),
      el('span', { class: 'row' }, [
        el('button', { type: 'button', class: 'button small', text: '+1 day', on: { click: () => snooze(f.id, 1) } }),
        el('button', { type: 'button', class: 'button small', text: '+1 week', on: { click: () => snooze(f.id, 7) } })]),
    ])));
  };
  const parts = [].concat(group('Overdue', data.overdue, 'overdue'), group('Due today', data.today, 'today'), group('Coming up this week', data.upcoming, 'upcoming'));
  section.replaceChildren(...(parts.length ? parts : [el('div', { class: 'empty', text: 'No follow-ups due this week.' })]));
  const q = await api('/api/queue?' + filterQuery().toString());
  $('count-followups').textContent = q.counts.followups_due || '';
}

async function showContact(id) {
  await setView('all');
  await openContact(id);
}

// ------------------------------------------------------------------ alternates

function alternatesBox(c) {
  if (!c.alternates.length) return null;
  return el('div', { class: 'side-box' }, [el('h2', { text: 'Also seen on other cards' }),
    el('div', { class: 'alternates' }, c.alternates.map((a) => el('div', { text: a.field + ': ' + a.value })))]);
}

// ------------------------------------------------------------------ uploads

const uploadQueue = [];
let uploading = false;

function addFiles(files) {
  const list = [...files];
  if (!list.length) return;
  const panel = $('uploads');
  panel.hidden = false;
  for (const file of list) {
    const bar = el('progress', { max: '100', value: '0' });
    const stateText = el('span', { class: 'state', text: 'waiting' });
    const row = el('div', { class: 'upload-row' }, [el('span', { class: 'file', text: file.name, title: file.name }), bar, stateText]);
    panel.append(row);
    uploadQueue.push({ file, row, bar, stateText });
  }
  if (!uploading) runUploads();
}

function sendOne(job) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const p = new URLSearchParams({ name: job.file.name });
    const event = $('upload-event').value.trim();
    if (event) p.set('event', event);
    xhr.open('POST', '/api/upload?' + p.toString());
    xhr.setRequestHeader('X-CSRF-Token', TOKEN);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) job.bar.value = Math.round(80 * e.loaded / e.total);
      job.stateText.textContent = 'uploading';
    };
    xhr.upload.onload = () => { job.bar.removeAttribute('value'); job.stateText.textContent = 'reading the card…'; };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = { error: xhr.responseText || xhr.statusText }; }
      resolve(body);
    };
    xhr.onerror = () => resolve({ error: 'the upload failed (is cardscan serve still running?)' });
    xhr.send(job.file);
  });
}

async function runUploads() {
  uploading = true;
  let added = 0;
  while (uploadQueue.length) {
    const job = uploadQueue.shift();
    const result = await sendOne(job);
    job.bar.max = 100;
    job.bar.value = 100;
    if (result.error) {
      job.row.classList.add('failed');
      job.stateText.textContent = result.error;
    } else {
      job.row.classList.add('done');
      added += result.contacts.length;
      job.stateText.textContent = result.contacts.map((c) => c.name + (c.outcome === 'merged' ? ' (merged)' : '')).join(', ');
    }
    await loadQueue(state.contact ? state.contact.id : null, true);
  }
  uploading = false;
  if (added) toast(added + (added === 1 ? ' card' : ' cards') + ' added to the queue');
  setTimeout(() => { if (!uploading) { $('uploads').hidden = true; $('uploads').replaceChildren(); } }, 15000);
}

// ------------------------------------------------------------------ views and keys

async function setView(view) {
  state.view = view;
  for (const tab of document.querySelectorAll('.tabs button')) tab.setAttribute('aria-selected', tab.dataset.view === view ? 'true' : 'false');
  const followups = view === 'followups';
  $('followups').hidden = !followups;
  $('detail').hidden = followups;
  document.querySelector('.queue').hidden = followups;
  state.index = 0;
  if (followups) {
    updateDownloads();
    return renderFollowups();
  }
  await loadQueue();
}

function typing(target) {
  return target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
}

document.addEventListener('keydown', (e) => {
  const t = e.target;
  if (e.key === 'Escape') {
    if (t.dataset && t.dataset.original !== undefined) {
      if (t.value !== t.dataset.original) { t.value = t.dataset.original; markChanged(t); } else t.blur();
    } else if (typing(t)) t.blur();
    return;
  }
  if (typing(t) && t.closest('#fields')) {
    if (e.key === 'Enter' && t.tagName !== 'TEXTAREA' || e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save(!e.shiftKey);
    }
    return;
  }
  if (typing(t) || e.ctrlKey || e.metaKey || e.altKey) return;
  if ((t.tagName === 'BUTTON' || t.tagName === 'A') && (e.key === 'Enter' || e.key === ' ')) return;
  const actions = {
    Enter: () => save(true), a: () => save(true),
    j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
    '/': () => $('search').focus(), u: () => $('file-input').click(),
    m: () => { const b = $('merge-suggested'); if (b) b.click(); else if ($('merge-search')) $('merge-search').focus(); },
    d: () => { const b = $('followup-done'); if (b) b.click(); },
    e: () => { const f = $('fields'); if (f) f.querySelector('input').focus(); },
    1: () => setView('review'), 2: () => setView('all'), 3: () => setView('followups'),
  };
  const action = actions[e.key];
  if (action && (state.view !== 'followups' || '/u123'.includes(e.key))) {
    e.preventDefault();
    action();
  }
});

function init() {
  for (const tab of document.querySelectorAll('.tabs button')) tab.addEventListener('click', () => setView(tab.dataset.view));
  let timer = 0;
  $('search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.query = $('search').value.trim();
      state.index = 0;
      if (state.view === 'followups') setView('all'); else loadQueue();
    }, 180);
  });
  $('search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown') { e.preventDefault(); $('search').blur(); focusMostDoubtful(); }
  });
  $('file-input').addEventListener('change', (e) => { addFiles(e.target.files); e.target.value = ''; });
  $('list-toggle').addEventListener('click', () => document.body.classList.toggle('show-list'));
  const eventInput = $('upload-event');
  eventInput.value = localStorage.getItem('cardscan-event') || '';
  eventInput.addEventListener('change', () => localStorage.setItem('cardscan-event', eventInput.value.trim()));

  let depth = 0;
  const drop = $('drop');
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; drop.hidden = false; e.preventDefault(); } });
  window.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; drop.hidden = true; } });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    drop.hidden = true;
    addFiles(e.dataTransfer.files);
  });
  setView('review').catch((err) => toast(err.message, true));
}

init();
