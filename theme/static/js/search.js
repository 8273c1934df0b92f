// The search page: Pagefind's JS API, loaded from this site's own /pagefind/ folder
// (written by `make html`). No inline script, no third-party origin; Pagefind itself
// needs WebAssembly, so a Content-Security-Policy must allow 'wasm-unsafe-eval'.
// A big digest is indexed in shards, newest stories first (pagefind/, pagefind-1/,
// ...): they are merged for relevance and filters; for "Newest first" each shard is
// searched on its own and the date-ordered shards are read one after another
// (Pagefind orders merged results by score, not by the sort asked for).

const PAGE_SIZE = 8; // results whose fragments are fetched at a time
const TYPING_PAUSE_MS = 250; // search once typing pauses, not for every prefix typed

const form = document.getElementById("search");
const input = document.getElementById("search-q");
const topic = document.getElementById("search-topic");
const source = document.getElementById("search-source");
const order = document.getElementById("search-order");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

let pagefind = null; // the first shard, with the others merged into it
let bundles = [];
let site = "/";
let byDate = null; // one unmerged Pagefind per shard, loaded when first needed
let results = [];
let shown = 0;
let generation = 0; // bumped per search, so a slow older answer never shows
let typingTimer = 0;

function say(text) {
  status.textContent = text;
}

// Pagefind's excerpt is HTML with <mark> around hits: keep only text and marks.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  return Array.from(parsed.childNodes, (node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

// A story the digest only links to is indexed by its headline alone, and Pagefind's
// excerpt is then the headline again: show its highlights in the headline instead.
function sameText(a, b) {
  const plain = (text) => text.replace(/\s+/g, " ").trim().replace(/\.$/, "");
  return plain(a) === plain(b);
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  const title = data.meta.title || data.url;
  const marked = excerptNodes(data.excerpt || "");
  const excerptText = marked.map((node) => node.textContent).join("");
  heading.append(link);
  if (data.meta.title && sameText(excerptText, title)) {
    const last = marked[marked.length - 1]; // the full stop Pagefind ends it with
    const stop = /\.\s*$/;
    if (last && stop.test(excerptText) && !stop.test(title)) {
      last.textContent = last.textContent.replace(stop, "");
    }
    link.append(...marked);
    item.append(heading);
  } else {
    link.textContent = title;
    const excerpt = document.createElement("p");
    excerpt.append(...marked);
    item.append(heading, excerpt);
  }
  if (data.meta.attribution) {
    const credit = document.createElement("p");
    credit.className = "credit";
    credit.textContent = data.meta.attribution;
    item.append(credit);
  }
  return item;
}

async function showMore(mine) {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  more.disabled = true; // one batch at a time
  try {
    const data = await Promise.all(batch.map((result) => result.data()));
    if (mine !== generation) return;
    shown += batch.length;
    list.append(...data.map(resultItem));
    more.hidden = shown >= results.length;
  } finally {
    more.disabled = false;
  }
}

// A word in no story makes Pagefind search ever shorter starts of it, down to one
// letter: "xyzzyq" found every story with an "X" (Pagefind issues 599 and 780). Those
// are not what was asked: when no word the best result highlights starts with the
// first three letters of a word searched for (all of a shorter one), none was found.
// A longer start still finds its words ("inactivates" finds "inactivate").
function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

async function nearMissesOnly(term, best) {
  const words = term.toLowerCase().split(/\s+/);
  const marks = excerptNodes((await best.data()).excerpt || "")
    .filter((node) => node.nodeName === "MARK")
    .map((node) => node.textContent.toLowerCase());
  return marks.length > 0 && !marks.some((mark) => words.some(
    (word) => sharedStart(mark, word) >= Math.min(3, word.length)));
}

function chosenFilters() {
  const filters = {};
  if (topic.value) filters.topic = topic.value;
  if (source.value) filters.source = source.value;
  return filters;
}

async function runSearch() {
  clearTimeout(typingTimer);
  const mine = ++generation;
  const term = input.value.trim();
  const filters = chosenFilters();
  if (!term && Object.keys(filters).length === 0) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    say("");
    return;
  }
  say("Searching…");
  let found;
  try {
    found = order.value === "date" && bundles.length > 1
      ? await newestFirst(term || null, filters)
      : (await pagefind.search(term || null, orderOptions(filters))).results;
  } catch (error) {
    say("Search failed: the search index could not be read.");
    console.error(error);
    return;
  }
  if (term && found.length > 0 && (await nearMissesOnly(term, found[0]))) found = [];
  if (mine !== generation) return; // a newer search took over
  results = found;
  shown = 0;
  list.replaceChildren();
  await showMore(mine);
  if (mine !== generation) return;
  const count = results.length;
  // Said once the first results are on the page.
  say(count === 0 ? "No stories found." : `${count} ${count === 1 ? "story" : "stories"} found.`);
}

function fillFilter(select, counts) {
  const labels = Object.keys(counts || {}).sort((a, b) => a.localeCompare(b));
  for (const label of labels) {
    select.append(new Option(`${label} (${counts[label]})`, label));
  }
}

function giveUpAfter(ms) {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`search index not ready after ${ms} ms`)), ms);
  });
}

function orderOptions(filters) {
  const options = { filters };
  if (order.value === "date") options.sort = { date: "desc" };
  return options;
}

// "Newest first" over shards: each shard's results by date, the newest shard first.
async function newestFirst(term, filters) {
  if (!byDate) {
    // A query string makes each a module of its own, apart from the merged one.
    byDate = Promise.all(bundles.map((bundle) => openShard(`${bundle}pagefind.js?by-date`)));
  }
  const shards = await byDate;
  const found = await Promise.all(
    shards.map((shard) => shard.search(term, { filters, sort: { date: "desc" } })));
  return found.flatMap((search) => search.results);
}

async function openShard(url) {
  const api = await import(url);
  // On the main thread: a 1,000-story index searches in milliseconds, and the worker
  // script would add 40 KB to the first search.
  await api.options({ baseUrl: site, excerptLength: 24, noWorker: true });
  await api.init();
  return api;
}

async function load() {
  pagefind = await openShard(`${bundles[0]}pagefind.js`);
  for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(bundle, { baseUrl: site });
}

async function start() {
  const notice = document.getElementById("search-unavailable");
  bundles = form.dataset.bundles.trim().split(/\s+/)
    .map((bundle) => new URL(bundle, document.baseURI).href);
  site = new URL(form.dataset.site, document.baseURI).pathname;
  notice.textContent = "Loading search…";
  try {
    await Promise.race([load(), giveUpAfter(20000)]);
  } catch (error) {
    notice.textContent =
      "Search is not available here: its index could not be loaded. The index is " +
      "built by `make html`, and the site must be served over http (`make serve`).";
    console.error(error);
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch();
  });
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(runSearch, TYPING_PAUSE_MS);
  });
  for (const select of [topic, source, order]) select.addEventListener("change", runSearch);
  more.addEventListener("click", () => showMore(generation));
  notice.hidden = true;
  form.hidden = false;
  const asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    runSearch();
  }
  // Into the box, unless the reader moved on while the index loaded (a keyboard
  // reader on the skip link or the navigation keeps their place).
  if (!document.activeElement || document.activeElement === document.body) input.focus();
  const filters = await pagefind.filters();
  fillFilter(topic, filters.topic);
  fillFilter(source, filters.source);
}

start();
