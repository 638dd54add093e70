// The This Week in Rust widget, for any page (docs/widget.md):
//
//   <script src="https://<owner>.github.io/<repo>/widget.js" async></script>
//   <twir-widget kind="crate"></twir-widget>
//
// Attributes: kind (crate | quote | issue | search), pick (latest | random, for quotes),
// theme (auto | light | dark), explorer (the explorer's http(s) URL, where links and searches
// go; by default the folder this script comes from, whose data/ the widget reads).
//
// This file is a template: scripts/build-widget writes it into the site as widget.js with
// the content-hashed names of the widget's code filled in. It defines one custom element
// and touches nothing of the page outside its elements: each element gets a shadow root,
// and the widget (Rust, Leptos, wasm) draws into it. The code loads once for the page,
// when the first element comes near the viewport; meanwhile each element fetches the one
// data file its kind needs.
//
// It trusts nothing of the host page: an `explorer` that is not an http(s) URL is replaced by
// the default (with a console warning), an unknown `kind` is shown as such, only the data's
// own properties are read (a host page may have added properties to Object.prototype), the
// options it passes to the browser have no prototype, and its styles are constructed style
// sheets, which a host page's Content-Security-Policy does not govern.
(() => {
  if (!window.customElements || customElements.get('twir-widget')) return;
  const script =
    document.currentScript || [...document.scripts].find((s) => /\/widget\.js([?#]|$)/.test(s.src));
  const base = new URL('.', script ? script.src : location.href);
  const CODE = new URL('widget/__WIDGET_JS__', base).href;
  const WASM = new URL('widget/__WIDGET_WASM__', base).href;
  const DATA = new URL('data/', base).href;
  const KINDS = ['crate', 'quote', 'issue', 'search'];
  const KEYS = new Map([
    ['crate', 'widget-crate'],
    ['quote', 'widget-quote'],
    ['issue', 'widget-issue'],
  ]);

  // The value of an own property of parsed JSON, never one inherited from a prototype.
  const hasOwn = Object.hasOwn;
  const own = (value, key) => (value !== null && typeof value === 'object' && hasOwn(value, key) ? value[key] : undefined);
  // An object without a prototype: for the options passed to the browser's APIs, so that a
  // property the host page added to Object.prototype (`integrity`, `root`, `mode`…) is not
  // read as one of them, and for this script's own results.
  const bare = (o) => Object.assign(Object.create(null), o);

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
    if (kind === 'search') return bare({ record: null });
    const manifest = await json('manifest.json', bare({ cache: 'no-cache' }));
    const schema = own(manifest, 'schema');
    const entry = own(own(manifest, 'files'), KEYS.get(kind));
    const path = own(entry, 'path');
    if (typeof path !== 'string') throw new Error(`the explorer's data has no ${KEYS.get(kind)} file; it needs a rebuild`);
    const file = await json(path);
    if (kind === 'crate') return bare({ schema, record: own(file, 'crate_pick') });
    if (kind === 'issue') return bare({ schema, record: own(file, 'issue') });
    const chunks = Array.isArray(own(file, 'chunks')) ? own(file, 'chunks') : [];
    const size = (chunk) => Math.max(0, Number(own(chunk, 'quotes')) || 0);
    let n = Math.floor(Math.random() * chunks.reduce((sum, c) => sum + size(c), 0));
    for (const chunk of random ? chunks : []) {
      if (n < size(chunk)) return bare({ schema, record: own(own(await json(own(chunk, 'path')), 'quotes'), n) });
      n -= size(chunk);
    }
    return bare({ schema, record: own(file, 'latest') });
  }

  // Styles: constructed style sheets, adopted by each shadow root; where a browser has none
  // (before Safari 16.4), <style> elements inside the shadow root.
  const LOADER_CSS =
    ':host{all:initial!important;display:block!important}:host([hidden]){display:none!important}' +
    'p{margin:0;padding:14px 16px;font:14px system-ui,sans-serif;color:GrayText}';
  const constructed = 'adoptedStyleSheets' in ShadowRoot.prototype && 'replaceSync' in CSSStyleSheet.prototype;
  const sheets = new Map();
  const sheet = (css) => {
    if (!sheets.has(css)) {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      sheets.set(css, s);
    }
    return sheets.get(css);
  };
  // Replaces what a shadow root shows with `nodes`, styled by `styles`.
  const show = (root, styles, ...nodes) => {
    if (constructed) {
      root.adoptedStyleSheets = styles.map(sheet);
      root.replaceChildren(...nodes);
    } else {
      const elements = styles.map((css) => Object.assign(document.createElement('style'), { textContent: css }));
      root.replaceChildren(...elements, ...nodes);
    }
  };
  const message = (text) => Object.assign(document.createElement('p'), { textContent: text });

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
        bare({ rootMargin: '300px' }),
      )
    : null;

  class TwirWidget extends HTMLElement {
    static observedAttributes = ['kind', 'pick', 'theme', 'explorer'];

    connectedCallback() {
      if (!this.shadowRoot) {
        show(this.attachShadow(bare({ mode: 'open' })), [LOADER_CSS], message('Loading This Week in Rust…'));
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

    // Where links and searches go: the `explorer` attribute if it is an http(s) URL (relative
    // to the page), else the explorer this script comes from.
    explorer() {
      const value = (this.getAttribute('explorer') || '').trim();
      if (!value) return base.href;
      let url = null;
      try {
        url = new URL(value, document.baseURI);
      } catch {}
      if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url.href;
      console.warn(`<twir-widget>: explorer=${JSON.stringify(value)} is not an http(s) URL; links go to ${base.href}`);
      return base.href;
    }

    async render() {
      this.shown = true;
      const turn = (this.turn = {});
      const fail = (text) => {
        if (this.turn !== turn) return;
        this.mounted?.free();
        this.mounted = null;
        show(this.shadowRoot, [LOADER_CSS], message(text));
      };
      try {
        const attr = (name) => (this.getAttribute(name) || '').trim().toLowerCase();
        const kind = attr('kind') || 'crate';
        if (!KINDS.includes(kind)) {
          const why = `there is no widget of kind ${JSON.stringify(this.getAttribute('kind'))}; the kinds are ${KINDS.join(', ')}`;
          console.warn(`<twir-widget>: ${why}`);
          return fail(`This Week in Rust: ${why}.`);
        }
        const explorer = this.explorer();
        const [wasm, data] = await Promise.all([
          code().catch((e) => bare({ failed: e })),
          record(kind, attr('pick') === 'random').catch((e) => bare({ failure: String(e.message || e) })),
        ]);
        if (this.turn !== turn) return;
        if (wasm.failed) return fail(`The This Week in Rust widget could not load: ${wasm.failed.message || wasm.failed}`);
        let failure = data.failure;
        if (!failure && data.schema !== undefined && data.schema !== wasm.schema()) {
          failure = `the explorer's data is of schema ${data.schema}, this widget reads ${wasm.schema()}; reload the page`;
        }
        this.mounted?.free();
        const box = document.createElement('div');
        show(this.shadowRoot, [wasm.style()], box);
        this.mounted = wasm.mount(box, kind, attr('pick'), attr('theme'), explorer, data.record ?? null, failure);
      } catch (e) {
        fail(`The This Week in Rust widget could not load: ${e.message || e}`);
      }
    }
  }

  customElements.define('twir-widget', TwirWidget);
})();
