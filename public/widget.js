// The This Week in Rust widget, for any page (docs/widget.md):
//
//   <script src="https://<owner>.github.io/<repo>/widget.js" async></script>
//   <twir-widget kind="crate"></twir-widget>
//
// Attributes: kind (crate | quote | issue | search), pick (latest | random, for quotes),
// theme (auto | light | dark), explorer (the explorer's URL; by default the folder this script
// comes from, whose data/ the widget reads).
//
// This file is a template: scripts/build-widget writes it into the site as widget.js with
// the content-hashed names of the widget's code filled in. It defines one custom element
// and touches nothing of the page outside its elements: each element gets a shadow root,
// and the widget (Rust, Leptos, wasm) draws into it. The code loads once for the page,
// when the first element comes near the viewport; meanwhile each element fetches the one
// data file its kind needs.
(() => {
  if (!window.customElements || customElements.get('twir-widget')) return;
  const script =
    document.currentScript || [...document.scripts].find((s) => /\/widget\.js([?#]|$)/.test(s.src));
  const base = new URL('.', script ? script.src : location.href);
  const CODE = new URL('widget/__WIDGET_JS__', base).href;
  const WASM = new URL('widget/__WIDGET_WASM__', base).href;
  const DATA = new URL('data/', base).href;
  const KEYS = { crate: 'widget-crate', quote: 'widget-quote', issue: 'widget-issue' };

  const once = new Map();
  const shared = (key, load) => {
    if (!once.has(key)) once.set(key, load().catch((e) => (once.delete(key), Promise.reject(e))));
    return once.get(key);
  };
  const json = (path, init) =>
    shared(path, () =>
      fetch(DATA + path, init).then((r) => {
        if (!r.ok) throw new Error(`${DATA + path} answered ${r.status}`);
        return r.json();
      }),
    );
  const code = () =>
    shared('code', () => import(CODE).then((m) => m.default({ module_or_path: WASM }).then(() => m)));

  // The record the kind shows: null for search, or when the archive has none.
  async function record(kind, random) {
    if (kind === 'search') return { record: null };
    const manifest = await json('manifest.json', { cache: 'no-cache' });
    const entry = manifest.files[KEYS[kind]];
    if (!entry) throw new Error(`the explorer's data has no ${KEYS[kind]} file; it needs a rebuild`);
    const file = await json(entry.path);
    if (kind === 'crate') return { schema: manifest.schema, record: file.crate_pick };
    if (kind === 'issue') return { schema: manifest.schema, record: file.issue };
    let n = Math.floor(Math.random() * file.chunks.reduce((sum, c) => sum + c.quotes, 0));
    for (const chunk of random ? file.chunks : []) {
      if (n < chunk.quotes) return { schema: manifest.schema, record: (await json(chunk.path)).quotes[n] };
      n -= chunk.quotes;
    }
    return { schema: manifest.schema, record: file.latest };
  }

  const near = window.IntersectionObserver
    ? new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            if (e.isIntersecting) {
              near.unobserve(e.target);
              e.target.render();
            }
          }
        },
        { rootMargin: '300px' },
      )
    : null;

  class TwirWidget extends HTMLElement {
    static observedAttributes = ['kind', 'pick', 'theme', 'explorer'];

    connectedCallback() {
      if (!this.shadowRoot) {
        const style = document.createElement('style');
        style.textContent =
          ':host{all:initial!important;display:block!important}:host([hidden]){display:none!important}' +
          'p{margin:0;padding:14px 16px;font:14px system-ui,sans-serif;color:GrayText}';
        const status = document.createElement('p');
        status.textContent = 'Loading This Week in Rust…';
        this.attachShadow({ mode: 'open' }).append(style, status);
      }
      if (near) near.observe(this);
      else this.render();
    }

    disconnectedCallback() {
      near?.unobserve(this);
    }

    attributeChangedCallback() {
      if (this.shown) this.render();
    }

    async render() {
      this.shown = true;
      const attr = (name) => (this.getAttribute(name) || '').trim().toLowerCase();
      const kind = ['quote', 'issue', 'search'].includes(attr('kind')) ? attr('kind') : 'crate';
      const explorer = new URL(this.getAttribute('explorer') || base.href, document.baseURI).href;
      const turn = (this.turn = {});
      const [wasm, data] = await Promise.all([
        code().catch((e) => ({ failed: e })),
        record(kind, attr('pick') === 'random').catch((e) => ({ failure: String(e.message || e) })),
      ]);
      if (this.turn !== turn) return;
      if (wasm.failed) {
        const p = document.createElement('p');
        p.textContent = `The This Week in Rust widget could not load: ${wasm.failed.message || wasm.failed}`;
        this.shadowRoot.replaceChildren(this.shadowRoot.firstChild, p);
        return;
      }
      let failure = data.failure;
      if (!failure && data.schema !== undefined && data.schema !== wasm.schema()) {
        failure = `the explorer's data is of schema ${data.schema}, this widget reads ${wasm.schema()}; reload the page`;
      }
      this.mounted?.free();
      const box = document.createElement('div');
      this.shadowRoot.replaceChildren(box);
      this.mounted = wasm.mount(box, kind, attr('pick'), attr('theme'), explorer, data.record ?? null, failure);
    }
  }

  customElements.define('twir-widget', TwirWidget);
})();
