// The app's service worker (issue 12, kiosk mode): the app itself loads when the server cannot be
// reached, so a hospital user can reload, or close and reopen the tab, and go on with the local copy.
// Served at /sw.js (its scope is the whole app) and registered by shell/shell.js once the first frame
// is on screen and the extension fonts have arrived, so the first load is not slowed down.
//
// The build writes the two values below (cmake/stage_web_root.cmake): the files of the web root, the
// one list web/CMakeLists.txt stages, and a version made of their contents, which names the cache, so
// a new build fills a new cache and the old ones go when it activates.
//
// Network first: online, every file comes from the server as without a service worker (a new build is
// picked up at once); only when the server cannot be reached does the cached copy answer. The API
// (/api/...) is never touched: the app handles its failures itself (web/transport/local.cpp).
'use strict';

const VERSION = '@IVD_BUILD_VERSION@';
const SHELL_FILES = [@IVD_SHELL_FILES@];
const CACHE_PREFIX = 'ivd-shell-';
const CACHE = CACHE_PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Revalidated against the server (ETag): a file the page has just loaded costs a 304, not its bytes.
    await cache.addAll(['./', ...SHELL_FILES].map((f) => new Request(f, { cache: 'no-cache' })));
    await self.skipWaiting();  // network first: the page open now loses nothing by the switch
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();  // the page that registered it is served offline from its next reload on
  })());
});

// A server that does not answer at all (a dropped line rather than a refused connection) gets this long
// before a cached copy answers; without one, the request waits for the network as usual.
const NETWORK_WAIT_MS = 5000;

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const options = { ignoreSearch: true, ignoreVary: true };
  return (await cache.match(request, options)) ||
         (request.mode === 'navigate' ? await cache.match('./', options) : undefined);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  event.respondWith(new Promise((resolve, reject) => {
    let answered = false;
    const answer = (response) => { if (!answered) { answered = true; resolve(response); } };
    const fallBack = async (error) => {
      const cached = await fromCache(request);
      if (cached) answer(cached);
      else if (error && !answered) { answered = true; reject(error); }
    };
    fetch(request).then(answer, fallBack);
    setTimeout(() => fallBack(null), NETWORK_WAIT_MS);
  }));
});
