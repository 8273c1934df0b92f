// The search page: Pagefind's JS API, loaded from this site's own /pagefind/ folder
// (written by `make html`). No inline script, no third-party origin; Pagefind itself
// needs WebAssembly, so a Content-Security-Policy must allow 'wasm-unsafe-eval'.

const PAGE_SIZE = 8; // results whose fragments are fetched at a time

const form = document.getElementById("search");
const input = document.getElementById("search-q");
const topic = document.getElementById("search-topic");
const source = document.getElementById("search-source");
const order = document.getElementById("search-order");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0; // bumped per search, so a slow older answer never shows

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

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt || ""));
  item.append(heading, excerpt);
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
  const data = await Promise.all(batch.map((result) => result.data()));
  if (mine !== generation) return;
  shown += batch.length;
  list.append(...data.map(resultItem));
  more.hidden = shown >= results.length;
}

function chosenFilters() {
  const filters = {};
  if (topic.value) filters.topic = topic.value;
  if (source.value) filters.source = source.value;
  return filters;
}

async function runSearch() {
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
  const options = { filters };
  if (order.value === "date") options.sort = { date: "desc" };
  const search = await pagefind.debouncedSearch(term || null, options, 250);
  if (search === null || mine !== generation) return; // a newer search took over
  results = search.results;
  shown = 0;
  list.replaceChildren();
  const count = results.length;
  say(count === 0 ? "No stories found." : `${count} ${count === 1 ? "story" : "stories"} found.`);
  await showMore(mine);
}

function fillFilter(select, counts) {
  const labels = Object.keys(counts || {}).sort((a, b) => a.localeCompare(b));
  for (const label of labels) {
    select.append(new Option(`${label} (${counts[label]})`, label));
  }
}

async function start() {
  const bundle = new URL(form.dataset.bundle, document.baseURI).href;
  const site = new URL(form.dataset.site, document.baseURI).pathname;
  try {
    pagefind = await import(`${bundle}pagefind.js`);
    await pagefind.options({ baseUrl: site, excerptLength: 24 });
    await pagefind.init();
  } catch (error) {
    document.getElementById("search-unavailable").textContent =
      "Search is not available here: the search index could not be loaded. " +
      "It is built by `make html` and needs the site served over http (`make serve`).";
    console.error(error);
    return;
  }
  document.getElementById("search-unavailable").hidden = true;
  form.hidden = false;
  const filters = await pagefind.filters();
  fillFilter(topic, filters.topic);
  fillFilter(source, filters.source);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch();
  });
  input.addEventListener("input", runSearch);
  for (const select of [topic, source, order]) select.addEventListener("change", runSearch);
  more.addEventListener("click", () => showMore(generation));
  const asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    runSearch();
  }
  input.focus();
}

start();
